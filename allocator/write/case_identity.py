"""The case a workbook belongs to, recorded in the workbook so that it survives Excel re-saving it.

A hidden sheet named ``genhus`` holds one native table (``genhus``) of key/value rows, every value as text:

==================  ================================================================================
key                 value
==================  ================================================================================
format              ``genhus-case-1`` (the layout's version)
case_id             the case: carried from the history workbook when this round continues one, else
                    this run's ``input_id`` (the first round starts the case)
input_id            this run's inputs: the first 16 hex digits of the SHA-256 of the input files'
                    SHA-256 digests, one per line, in the order of the Kontrol sheet's file table
version             the genhus version that wrote the workbook
round               the offer round of this workbook
files               how many input files follow
file.N.name         the N-th input file (1-based, as on the Kontrol sheet): its name,
file.N.rows         its rows,
file.N.sha256       and its SHA-256
==================  ================================================================================

A hidden sheet is kept by Excel, LibreOffice and openpyxl when they save the workbook, and a coordinator can
show it (right-click a sheet tab, "Vis"). ``read_case`` reads it back; ``case_identity`` gives what a run
would write, so that the rounds can check that a history workbook belongs to the case they continue.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from allocator.provenance import InputFile, Provenance

SHEET = "genhus"
TABLE = "genhus"
FORMAT = "genhus-case-1"


@dataclass(frozen=True, slots=True)
class CaseIdentity:
    case_id: str
    input_id: str
    version: str
    round: int
    files: tuple[InputFile, ...]

    def rows(self) -> list[list[str]]:
        """The key/value rows of the ``genhus`` sheet."""
        rows = [
            ["format", FORMAT],
            ["case_id", self.case_id],
            ["input_id", self.input_id],
            ["version", self.version],
            ["round", str(self.round)],
            ["files", str(len(self.files))],
        ]
        for n, f in enumerate(self.files, start=1):
            rows += [[f"file.{n}.name", f.name], [f"file.{n}.rows", str(f.rows)], [f"file.{n}.sha256", f.sha256]]
        return rows


def input_id(provenance: Provenance) -> str:
    """This run's inputs in 16 hex digits (from the files' SHA-256, so names do not matter)."""
    digest = hashlib.sha256("\n".join(f.sha256 for f in provenance.files).encode("ascii"))
    return digest.hexdigest()[:16]


def case_identity(provenance: Provenance, *, round: int = 1, carried: str | None = None) -> CaseIdentity:
    """What a run writes: the case id ``carried`` from its history workbook, or a new one from its inputs."""
    own = input_id(provenance)
    return CaseIdentity(carried or own, own, provenance.version, round, provenance.files)


def read_case(path: str | Path) -> CaseIdentity | None:
    """The case identity recorded in a genhus workbook; ``None`` if it has none (an older or foreign file).

    Raises ``ValueError`` when the sheet is there but not in the layout above.
    """
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        if SHEET not in book.sheetnames:
            return None
        values: dict[str, str] = {}
        for key, value, *_ in book[SHEET].iter_rows(min_row=2, values_only=True):
            if key is not None:
                values[str(key)] = "" if value is None else str(value)
    finally:
        book.close()
    if values.get("format") != FORMAT:
        raise ValueError(f"{Path(path).name}: sheet {SHEET!r} is not a genhus case record")
    try:
        files = tuple(
            InputFile(values[f"file.{n}.name"], int(values[f"file.{n}.rows"]), values[f"file.{n}.sha256"])
            for n in range(1, int(values["files"]) + 1)
        )
        return CaseIdentity(values["case_id"], values["input_id"], values["version"], int(values["round"]), files)
    except (KeyError, ValueError) as exc:
        raise ValueError(f"{Path(path).name}: sheet {SHEET!r} is incomplete ({exc})") from None
