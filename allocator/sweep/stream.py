"""The results folder: rows streamed to Parquet as runs finish, so that a stopped sweep keeps what it did.

While the sweep runs, finished rows are written every ten seconds as a new part file in ``runs.parts/`` (each
part written atomically: a reader, or a sweep killed at any moment, never leaves half a part). When the sweep
is done, every row is written, sorted by run key, to ``runs.parquet`` (atomically) and the parts are removed.
``--resume`` reads ``runs.parquet`` and the parts, and skips every run whose row is there with the same
parameters and seeds and no error.

Every file carries the fingerprint of the input files in its metadata (``genhus.fingerprint``); rows made
from other files are refused rather than mixed in.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from allocator import __version__
from allocator.problems import InputError, InputProblem
from allocator.sweep.rows import Column
from allocator.write.atomic import atomic_path

RUNS = "runs.parquet"
PARTS = "runs.parts"
FLUSH_SECONDS = 10.0
FLUSH_ROWS = 200

_TYPES = {"int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(), "text": pa.string()}


def schema(columns: Sequence[Column], fingerprint: str) -> pa.Schema:
    fields = [pa.field(c.name, _TYPES[c.kind]) for c in columns]
    return pa.schema(fields, metadata={"genhus.fingerprint": fingerprint, "genhus.version": __version__})


def has_results(folder: Path) -> bool:
    return (folder / RUNS).exists() or any((folder / PARTS).glob("part-*.parquet"))


def discard(folder: Path) -> None:
    """Remove the results a folder holds (``--fresh``)."""
    (folder / RUNS).unlink(missing_ok=True)
    shutil.rmtree(folder / PARTS, ignore_errors=True)


def read_rows(folder: Path, fingerprint: str) -> list[dict[str, Any]]:
    """Every row in the folder (final file and parts), later parts winning for the same run key.

    Raises
    ------
    InputError
        If a file cannot be read, or was made from other input files.
    """
    files = [folder / RUNS] if (folder / RUNS).exists() else []
    files += sorted((folder / PARTS).glob("part-*.parquet")) if (folder / PARTS).is_dir() else []
    found: dict[str, dict[str, Any]] = {}
    for path in files:
        try:
            table = pq.read_table(path)
        except (OSError, pa.ArrowException) as exc:
            raise InputError(
                [
                    InputProblem(
                        str(path),
                        f"cannot be read as Parquet ({exc}); remove it, or start again with --fresh",
                    )
                ]
            ) from None
        made_from = (table.schema.metadata or {}).get(b"genhus.fingerprint", b"").decode()
        if made_from != fingerprint:
            raise InputError(
                [
                    InputProblem(
                        str(path),
                        "made from other input files (or another base scenario) than "
                        "the sweep's now; start again with --fresh or choose another --out",
                    )
                ]
            )
        for row in table.to_pylist():
            found[row["run"]] = row
    return list(found.values())


class Stream:
    """Rows buffered and written as part files; :meth:`finish` writes the sorted whole."""

    def __init__(self, folder: Path, columns: Sequence[Column], fingerprint: str) -> None:
        self.folder = folder
        self.schema = schema(columns, fingerprint)
        self.buffer: list[dict[str, Any]] = []
        self.flushed_at = time.monotonic()
        parts = folder / PARTS
        parts.mkdir(parents=True, exist_ok=True)
        numbers = [int(p.stem.removeprefix("part-")) for p in parts.glob("part-*.parquet")]
        self.next_part = max(numbers, default=0) + 1

    def add(self, row: dict[str, Any]) -> None:
        self.buffer.append(row)
        if len(self.buffer) >= FLUSH_ROWS or time.monotonic() - self.flushed_at >= FLUSH_SECONDS:
            self.flush()

    def flush(self) -> None:
        if self.buffer:
            write_table(self.folder / PARTS / f"part-{self.next_part:06d}.parquet", self.buffer, self.schema)
            self.next_part += 1
            self.buffer = []
        self.flushed_at = time.monotonic()

    def finish(self, all_rows: Sequence[dict[str, Any]]) -> Path:
        """Write ``all_rows`` sorted by run key to ``runs.parquet`` and remove the parts."""
        self.flush()
        target = self.folder / RUNS
        write_table(target, sorted(all_rows, key=lambda r: r["run"]), self.schema)
        shutil.rmtree(self.folder / PARTS, ignore_errors=True)
        return target


def write_table(path: Path, rows: Sequence[dict[str, Any]], schema: pa.Schema) -> None:
    table = pa.Table.from_pylist([{f.name: row.get(f.name) for f in schema} for row in rows], schema=schema)
    with atomic_path(path) as tmp:
        pq.write_table(table, tmp, compression="zstd")
