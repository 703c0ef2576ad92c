"""Uploaded files: recognised by their content, never by their name, and stored under names of our own.

An ``.xlsx`` workbook is a zip archive holding ``[Content_Types].xml``; its declared uncompressed size must stay
below a limit, so that a small archive that unpacks to gigabytes (a zip bomb) is refused before a reader opens
it. A CSV file is text without NUL bytes, in UTF-8 or Windows-1252, whose first line has a comma or semicolon.
Anything else (empty, binary, an old ``.xls``, a PDF) is refused with a Danish sentence from ``words``.

The user's file name is kept only as text to show on the page; the file is stored as ``<slot>.xlsx`` or
``<slot>.csv`` in the session's folder, so no name the browser sends ever reaches a filesystem path.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from allocator.write.atomic import atomic_path

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 500 * 1024 * 1024
MAX_ENTRIES = 10_000
SLOTS = ("households", "vacancies", "phases", "history", "decisions")
"""The files a session can hold: the two inputs, the phases file (issue 12), last round's answered workbook, the
coordinator's decisions."""
_SNIFF_BYTES = 64 * 1024


class UploadRefused(ValueError):
    """An upload that is not a spreadsheet genhus can read; ``code`` picks its sentence in ``words``."""

    def __init__(self, code: str, **details: object) -> None:
        super().__init__(code)
        self.code = code
        self.details = details


@dataclass(frozen=True, slots=True)
class Stored:
    """One stored upload: its slot, its kind (``xlsx`` or ``csv``), its path, and the name the user gave it."""

    slot: str
    kind: str
    path: Path
    shown_name: str
    size: int


def sniff(data: bytes, *, max_unpacked: int = MAX_UNPACKED_BYTES) -> str:
    """``"xlsx"`` or ``"csv"`` by content.

    Raises
    ------
    UploadRefused
        ``empty``, ``zip_bomb``, ``not_xlsx`` (a zip without ``[Content_Types].xml``, or a damaged one),
        ``old_excel`` (the binary ``.xls`` format), ``binary``.
    """
    if not data.strip():
        raise UploadRefused("empty")
    if data.startswith(b"PK\x03\x04"):
        return _sniff_zip(data, max_unpacked)
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise UploadRefused("old_excel")
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head:
        raise UploadRefused("binary")
    text = _decoded(head)
    if text is None:
        raise UploadRefused("binary")
    first = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    if "," not in first and ";" not in first:
        raise UploadRefused("binary")
    return "csv"


def store(
    folder: Path, slot: str, data: bytes, shown_name: str, *, max_unpacked: int = MAX_UNPACKED_BYTES
) -> Stored:
    """Sniff and write ``data`` atomically as ``folder/<slot>.<kind>``, replacing the slot's earlier file.
    ``shown_name`` (from :func:`shown_name`) is only kept, to show."""
    if slot not in SLOTS:
        raise ValueError(f"unknown upload slot {slot!r}")
    kind = sniff(data, max_unpacked=max_unpacked)
    for old in folder.glob(f"{slot}.*"):
        old.unlink()
    path = folder / f"{slot}.{kind}"
    with atomic_path(path) as tmp:
        Path(tmp).write_bytes(data)
    return Stored(slot, kind, path, shown_name, len(data))


def _sniff_zip(data: bytes, max_unpacked: int) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ENTRIES or sum(e.file_size for e in entries) > max_unpacked:
                raise UploadRefused("zip_bomb")
            names = {e.filename for e in entries}
    except zipfile.BadZipFile:
        raise UploadRefused("not_xlsx") from None
    if "[Content_Types].xml" not in names:
        raise UploadRefused("not_xlsx")
    return "xlsx"


def _decoded(head: bytes) -> str | None:
    # A multi-byte character may be cut at the end of the sniffed part: drop up to three bytes to find out.
    for cut in range(4):
        try:
            return head[: len(head) - cut].decode("utf-8")
        except UnicodeDecodeError:
            continue
    try:
        return head.decode("cp1252")
    except UnicodeDecodeError:
        return None


def shown_name(name: str, fallback: str) -> str:
    """The file name as the page may show it (never as a path): its last part, printable, at most 120
    characters; ``fallback`` when nothing is left."""
    last = name.replace("\\", "/").rsplit("/", 1)[-1]
    clean = "".join(c for c in last if c.isprintable())
    return clean[:120] or fallback
