"""The arrows between the packages run one way: readers (``allocator.read``, the letters' reader of the offers
sheet, the rounds) never import a writer; the words they share live in the wording module and the shared
columns in ``allocator.sheet_columns`` (issue 11, item 3)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "allocator"
WORDING = {"allocator.write.xlsx_words"}  # the one place for wording, which readers and writers share
READERS = [
    *sorted((PACKAGE / "read").glob("*.py")),
    PACKAGE / "letters" / "read_offers.py",
    PACKAGE / "sheet_columns.py",
]


def imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


@pytest.mark.parametrize("path", READERS, ids=lambda p: p.name)
def test_a_reader_imports_no_writer(path):
    writers = {m for m in imported(path) if m.startswith("allocator.write") and m not in WORDING}
    assert not writers, f"{path.relative_to(PACKAGE.parent)} imports {sorted(writers)}"


def test_the_check_sees_a_writer_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from allocator.write.sheet_offers import COLUMNS\n", encoding="utf-8")
    assert imported(bad) == {"allocator.write.sheet_offers"}
