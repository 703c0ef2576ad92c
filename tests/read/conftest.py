"""Fixtures of the reader tests: the committed data files and a helper that writes small workbooks."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture
def data() -> Path:
    """The folder of committed input files, good and deliberately broken."""
    return DATA


@pytest.fixture
def write_xlsx(tmp_path: Path) -> Callable[..., Path]:
    """Write sheets of rows (first row the header) to an xlsx file in ``tmp_path``; return its path."""

    def write(name: str, sheets: dict[str, Sequence[Sequence[Any]]]) -> Path:
        book = openpyxl.Workbook()
        book.remove(book.active)
        for title, rows in sheets.items():
            ws = book.create_sheet(title)
            for row in rows:
                ws.append(list(row))
        path = tmp_path / name
        book.save(path)
        return path

    return write
