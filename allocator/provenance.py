"""Where a result came from: the input files (name, rows, SHA-256) and the program version.

This is what lets a coordinator show the board that an allocation was made from exactly these files.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from allocator import __version__


@dataclass(frozen=True, slots=True)
class InputFile:
    name: str
    rows: int
    sha256: str


@dataclass(frozen=True, slots=True)
class Provenance:
    files: tuple[InputFile, ...]
    version: str = __version__


def describe_file(path: str | Path, rows: int) -> InputFile:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return InputFile(name=Path(path).name, rows=rows, sha256=digest.hexdigest())
