"""Property: a households file either reads as exactly what it says, or is refused naming the bad cell.

Random headers (English or Danish aliases in any case and spacing), random cell types (text or real numbers and
dates), both CSV dialects and encodings and xlsx, control characters in names, hidden rows, and damage: a
formula without a saved value, merged cells, or a word where a number belongs. Never a traceback, never a
changed value.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from allocator.domain import Kind
from allocator.problems import InputError
from allocator.read import read_households
from allocator.read.values import EXCEL_ERRORS

FIELDS = {
    "household_id": ("household_id", "Husstand-ID", "Lejemål"),
    "name": ("name", "Navn"),
    "department": ("department", "Afdeling"),
    "municipality": ("municipality", "Kommune"),
    "members": ("members", "Antal personer"),
    "current_rooms": ("current_rooms", "Antal rum", "værelser"),
    "kind": ("kind", "Genhusningstype"),
    "seniority_date": ("seniority_date", "Anciennitetsdato"),
    "max_rent": ("max_rent", "Max husleje"),
}
ORDER = list(FIELDS)
CONTROLS = ["\x01", "\x1f", "\x0b"]


@st.composite
def header(draw: st.DrawFn, field: str) -> str:
    alias = draw(st.sampled_from(FIELDS[field]))
    shaped = draw(
        st.sampled_from([alias, alias.upper(), alias.lower(), alias.replace(" ", "_"), f" {alias} "])
    )
    return shaped


@st.composite
def household(draw: st.DrawFn, i: int) -> dict:
    name = draw(
        st.text(
            st.characters(codec="cp1252", exclude_categories=("Cs", "Cc"), exclude_characters='"_'),
            max_size=8,
        )
    ).strip()
    if draw(st.booleans()):
        name = "A" + draw(st.sampled_from(CONTROLS)) + "B"
    # A cell reading "#NAME?" is an Excel error, which the reader reports by design (households_excel_error.csv).
    assume(name.upper() not in EXCEL_ERRORS)
    return {
        "household_id": f"H{i:03d}",
        "name": name or None,
        "department": draw(st.sampled_from(["Nordparken", "Søholm", "7"])),
        "municipality": draw(st.sampled_from(["Aarhus", "Hvidovre"])),
        "members": draw(st.integers(1, 99)),
        "current_rooms": draw(st.integers(1, 99)),
        "kind": draw(st.sampled_from(list(Kind))),
        "seniority_date": draw(st.dates(dt.date(1950, 1, 1), dt.date(2020, 12, 31))),
        "max_rent": draw(st.one_of(st.none(), st.integers(0, 2_000_000).map(lambda c: c / 100))),
    }


def _cell(draw: st.DrawFn, field: str, value: object, xlsx: bool, semicolon: bool) -> object:
    if value is None:
        return None
    if field == "kind":
        word = "midlertidig" if value is Kind.TEMPORARY else "permanent"
        return draw(st.sampled_from([word, word.upper(), f" {word} "]))
    if field == "seniority_date":
        if xlsx and draw(st.booleans()):
            return value
        return draw(
            st.sampled_from([value.isoformat(), value.strftime("%d-%m-%Y"), value.strftime("%d.%m.%Y")])
        )
    if field in ("members", "current_rooms"):
        return value if xlsx and draw(st.booleans()) else str(value)
    if field == "max_rent":
        if xlsx and draw(st.booleans()):
            return value
        whole, cents = divmod(round(value * 100), 100)
        return f"{whole},{cents:02d}" if semicolon or xlsx else f"{whole}.{cents:02d}"
    return value


@st.composite
def case(draw: st.DrawFn) -> dict:
    rows = [draw(household(i)) for i in range(draw(st.integers(1, 5)))]
    fmt = draw(st.sampled_from(["csv;", "csv,", "xlsx"]))
    xlsx, semicolon = fmt == "xlsx", fmt == "csv;"
    cells = [[_cell(draw, f, r[f], xlsx, semicolon) for f in ORDER] for r in rows]
    damage = draw(st.sampled_from([None, "word", "formula", "merged"] if xlsx else [None, "word"]))
    target = (
        draw(st.integers(0, len(rows) - 1)),
        draw(st.sampled_from(["members", "seniority_date", "max_rent"])),
    )
    if damage == "merged" and len(rows) < 2:
        damage = None
    if damage == "word":
        cells[target[0]][ORDER.index(target[1])] = "mange"
    if damage == "formula":
        cells[target[0]][ORDER.index(target[1])] = "=1+1"
    return {
        "rows": rows,
        "cells": cells,
        "headers": [draw(header(f)) for f in ORDER],
        "fmt": fmt,
        "encoding": draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"])),
        "damage": damage,
        "target": target,
        "hidden": draw(st.booleans()) and xlsx,
    }


def _write(c: dict, folder: Path) -> Path:
    if c["fmt"] == "xlsx":
        book = openpyxl.Workbook()
        ws = book.active
        ws.append(c["headers"])
        for row in c["cells"]:
            ws.append([v.replace("\x01", "_x0001_").replace("\x1f", "_x001F_").replace("\x0b", "_x000B_")
                       if isinstance(v, str) else v for v in row])  # fmt: skip
            for cell in ws[ws.max_row]:
                # A text that merely looks like a formula ("=0" as a name) is text, as a coordinator typed it;
                # only the damage "formula" below is a real formula cell.
                if isinstance(cell.value, str) and cell.value.startswith("=") and cell.value != "=1+1":
                    cell.data_type = "s"
        if c["damage"] == "merged":
            r, f = c["target"]
            col = openpyxl.utils.get_column_letter(ORDER.index(f) + 1)
            r = min(r, len(c["rows"]) - 2)
            c["target"] = (r, f)
            ws.merge_cells(f"{col}{r + 2}:{col}{r + 3}")
        if c["hidden"]:
            ws.row_dimensions[2].hidden = True
        path = folder / "households.xlsx"
        book.save(path)
        return path
    sep = ";" if c["fmt"] == "csv;" else ","
    lines = [sep.join(c["headers"])]
    for row in c["cells"]:
        lines.append(sep.join("" if v is None else f'"{v}"' if sep in str(v) else str(v) for v in row))
    path = folder / "households.csv"
    data = ("\r\n".join(lines) + "\r\n").encode(c["encoding"])
    # Windows-1252 bytes that are also valid UTF-8 ("Â¡" is the UTF-8 of "¡") cannot be told apart by any
    # reader; a real file with such names is read as UTF-8, which is the documented choice.
    assume(c["encoding"] != "cp1252" or not _is_utf8(data))
    path.write_bytes(data)
    return path


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return any(b >= 0x80 for b in data)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case())
def test_a_file_reads_as_written_or_names_the_bad_cell(c: dict) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = _write(c, Path(folder))
        try:
            households, warnings = read_households(path)
        except InputError as exc:
            assert c["damage"] is not None, str(exc)
            r, field = c["target"]
            named = {(p.row, p.column.strip() if p.column else None) for p in exc.problems}
            assert (r + 2, c["headers"][ORDER.index(field)].strip()) in named, str(exc)
            assert all(p.file == str(path) and p.row is not None for p in exc.problems), str(exc)
            return
    assert c["damage"] in (None, "merged"), c  # a merged range over equal cells may lose nothing
    if c["damage"] == "merged":
        return
    for got, want in zip(households, c["rows"], strict=True):
        for field in ORDER:
            assert getattr(got, field) == want[field], (field, got, want)
    controls = any(r["name"] and any(ch in r["name"] for ch in CONTROLS) for r in c["rows"])
    assert any("control character" in w for w in warnings) == controls, warnings
