"""What a workbook's values alone do not say: a cheap scan of one sheet's XML inside the .xlsx zip.

python-calamine reads cell values fast but gives a formula without a saved result, an Excel error and an empty
cell all as empty, says nothing of hidden rows, and gives a number formatted ``0000`` as the bare number. Those
would lose or change what the coordinator sees, so this module finds them in the sheet XML with byte searches
(C speed; the few cells found are then looked at one by one) instead of a full XML parse, which would cost as
much as openpyxl's whole read.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"

_CELL_START = re.compile(rb"<c\b[^>]*>")
_REF = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
_TYPE = re.compile(rb'\bt="(\w+)"')
_STYLE = re.compile(rb'\bs="(\d+)"')
_VALUE = re.compile(rb"<v>([^<]*)</v>")
_HIDDEN_ROW = re.compile(rb'<row\b[^>]*\bhidden="(?:1|true)"[^>]*>')
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')
_MERGE = re.compile(rb'<mergeCell\b[^>]*\bref="([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?"')
# A format that only pads a whole number with zeros, perhaps between literal text: 0000, "H"000, \B00000.
_PADDING = re.compile(r'((?:"[^"]*"|\\.)*)(0{2,})((?:"[^"]*"|\\.)*)')


@dataclass
class SheetScan:
    """Cells and rows of one sheet whose values alone would mislead; positions 1-based (row, column)."""

    rows: int = 0
    formulas: list[tuple[int, int]] = field(default_factory=list)
    errors: list[tuple[int, int, str]] = field(default_factory=list)
    hidden_rows: list[int] = field(default_factory=list)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    padded: dict[tuple[int, int], tuple[str, int, str]] = field(default_factory=dict)
    unlocated: int = 0


def column_number(letters: bytes | str) -> int:
    """``A`` -> 1, ``AA`` -> 27."""
    n = 0
    for ch in letters if isinstance(letters, str) else letters.decode():
        n = n * 26 + ord(ch) - 64
    return n


def sheet_xml_path(book: zipfile.ZipFile, name: str) -> str | None:
    """The zip member holding the sheet called ``name``, from workbook.xml and its relations."""
    try:
        workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return None
    rid = next((s.get(f"{_REL}id") for s in workbook.iter(f"{_MAIN}sheet") if s.get("name") == name), None)
    for rel in rels.iter(f"{_PKG_REL}Relationship"):
        if rel.get("Id") == rid:
            target = rel.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else posixpath.normpath("xl/" + target)
    return None


def padding_styles(book: zipfile.ZipFile) -> dict[int, tuple[str, int, str]]:
    """Cell style index -> (text before, digits, text after) for styles whose number format pads with zeros."""
    try:
        styles = ElementTree.fromstring(book.read("xl/styles.xml"))
    except (KeyError, ElementTree.ParseError):
        return {}
    formats = {}
    for fmt in styles.iter(f"{_MAIN}numFmt"):
        m = _PADDING.fullmatch(fmt.get("formatCode", ""))
        if m:
            formats[fmt.get("numFmtId")] = (_literal(m[1]), len(m[2]), _literal(m[3]))
    if not formats:
        return {}
    xfs = styles.find(f"{_MAIN}cellXfs")
    if xfs is None:
        return {}
    return {i: formats[xf.get("numFmtId")] for i, xf in enumerate(xfs) if xf.get("numFmtId") in formats}


def _literal(part: str) -> str:
    return re.sub(r'"([^"]*)"|\\(.)', lambda m: m[1] if m[1] is not None else m[2], part)


def scan_sheet(xml: bytes, padding: dict[int, tuple[str, int, str]]) -> SheetScan:
    """Find, in one sheet's XML, formulas without a saved value, error cells, hidden rows, merged ranges and
    numbers shown zero-padded."""
    if b"<sheetData" not in xml:
        # Some writers prefix every element (<x:c>); without the prefix the searches below find them.
        xml = re.sub(rb"<(/?)[A-Za-z_][\w.-]*:", rb"<\1", xml)
    scan = SheetScan(rows=xml.count(b"<row"))
    for pos in _positions(xml, b"<f"):
        if xml[pos + 2 : pos + 3] in (b">", b" ", b"/"):
            _formula(xml, pos, scan)
    for pos in _positions(xml, b't="e"'):
        cell = _enclosing_cell(xml, pos)
        kind = _TYPE.search(cell[0]) if cell is not None else None
        if cell is not None and kind is not None and kind[1] == b"e":
            where = _where(cell[0])
            value = _VALUE.search(cell[1])
            if where is None:
                scan.unlocated += 1
            elif value is not None:
                scan.errors.append((*where, value[1].decode(errors="replace")))
    if b"hidden=" in xml:
        for m in _HIDDEN_ROW.finditer(xml):
            number = _ROW_NUMBER.search(m[0])
            if number is None:
                scan.unlocated += 1
            else:
                scan.hidden_rows.append(int(number[1]))
    if b"<mergeCell" in xml:
        for m in _MERGE.finditer(xml):
            r1, c1 = int(m[2]), column_number(m[1])
            r2, c2 = (int(m[4]), column_number(m[3])) if m[3] else (r1, c1)
            scan.merged.append((r1, c1, r2, c2))
    if padding:
        styles = "|".join(str(s) for s in padding).encode()
        for m in re.finditer(rb'<c\b[^>]*\bs="(' + styles + rb')"[^>]*>', xml):
            kind = _TYPE.search(m[0])
            if kind is not None and kind[1] != b"n":
                continue
            where = _where(m[0])
            if where is None:
                scan.unlocated += 1
            else:
                scan.padded[where] = padding[int(_STYLE.search(m[0])[1])]
    return scan


def _positions(xml: bytes, needle: bytes):
    pos = xml.find(needle)
    while pos != -1:
        yield pos
        pos = xml.find(needle, pos + 1)


def _enclosing_cell(xml: bytes, pos: int) -> tuple[bytes, bytes] | None:
    """The start tag and the content of the ``<c>`` element that ``pos`` lies in (its tag or its content)."""
    start = xml.rfind(b"<c ", 0, pos)
    m = _CELL_START.match(xml, start) if start != -1 else None
    if m is None:
        return None
    if m.end() <= pos and (m[0].endswith(b"/>") or xml.find(b"</c>", m.end(), pos) != -1):
        return None
    if m[0].endswith(b"/>"):
        return m[0], b""
    end = xml.find(b"</c>", m.end())
    return m[0], xml[m.end() : end if end != -1 else len(xml)]


def _where(start_tag: bytes) -> tuple[int, int] | None:
    m = _REF.search(start_tag)
    return None if m is None else (int(m[2]), column_number(m[1]))


def _formula(xml: bytes, pos: int, scan: SheetScan) -> None:
    cell = _enclosing_cell(xml, pos)
    if cell is None:
        return
    start, content = cell
    value = _VALUE.search(content)
    kind = _TYPE.search(start)
    # An empty <v> is Excel's saved result of a formula giving "" (type str); anywhere else it means no result.
    if value is not None and (value[1] or (kind is not None and kind[1] == b"str")):
        return
    where = _where(start)
    if where is None:
        scan.unlocated += 1
    else:
        scan.formulas.append(where)
