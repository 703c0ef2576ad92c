"""Turn what the sheet scan found into located problems and warnings on a loaded workbook table."""

from __future__ import annotations

import dataclasses
from typing import Any

from allocator.problems import InputProblem
from allocator.read.table import Table, column_letter, is_blank
from allocator.read.words import warning
from allocator.read.xlsx_scan import SheetScan

FORMULA = "formula without a saved value: open and save the file in Excel, or type the value"


def marks(table: Table, values: list[list[Any]], scan: SheetScan) -> Table:
    """``table`` with the scan's problems (formulas without a value, error cells, merged cells holding values)
    and warnings (hidden rows); ``values`` are the sheet's cells as loaded, row 1 first."""
    problems: list[tuple[int, int, InputProblem]] = []
    unreadable: set[tuple[int, int]] = set()

    def cell(r: int, c: int) -> Any:
        return values[r - 1][c - 1] if r <= len(values) and c <= len(values[r - 1]) else None

    def problem(r: int, c: int, message: str, value: Any = None) -> None:
        problems.append(
            (r, c, InputProblem(table.file, message, row=r, column=table.column_name(c - 1), value=value))
        )

    for r, c in scan.formulas:
        unreadable.add((r, c - 1))
        problem(r, c, f"{FORMULA} (cell {column_letter(c - 1)}{r})")
    for r, c, text in scan.errors:
        unreadable.add((r, c - 1))
        problem(r, c, f"Excel error value {text}; mend the formula or type the value", text)
    for r1, c1, r2, c2 in scan.merged:
        covered = [(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)]
        if all(is_blank(cell(r, c)) for r, c in covered) or len(covered) == 1:
            continue  # merged empty cells lose nothing
        first = f"{column_letter(c1 - 1)}{r1}"
        span = f"{first}:{column_letter(c2 - 1)}{r2}"
        unreadable.update((r, c - 1) for r, c in covered[1:])
        problem(
            r1,
            c1,
            f"cells {span} are merged, so only {first} holds a value and the other cells read as empty; "
            "unmerge them and fill in every cell",
            cell(r1, c1),
        )
    if scan.unlocated:
        problems.append(
            (
                0,
                0,
                InputProblem(
                    table.file,
                    f"{scan.unlocated} cell(s) with a formula, an error or a number format could not be "
                    "located (the workbook leaves out cell references); open and save the file in Excel",
                ),
            )
        )
    warnings = list(table.warnings)
    hidden = sorted(set(scan.hidden_rows) & set(table.numbers))
    if hidden:
        warnings.append(warning("hidden", file=table.file, rows=hidden))
    problems.sort(key=lambda p: (p[0], p[1]))
    return dataclasses.replace(
        table,
        problems=tuple(p for _, _, p in problems),
        unreadable=frozenset(unreadable),
        warnings=tuple(warnings),
    )
