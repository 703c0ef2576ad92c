"""Problems with the user's input, collected and reported together.

A coordinator must be able to find and mend every bad cell from one report, so a problem names the file, the row
as the spreadsheet numbers it (header = row 1), the column as written in the file, and the value.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class InputProblem:
    """One bad value, missing column, duplicate id or unreadable file."""

    file: str
    message: str
    row: int | None = None
    column: str | None = None
    value: Any = None

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        text = ", ".join(where) + f": {self.message}"
        if self.value is not None and self.value != "":
            text += f" (value: {self.value!r})"
        return text


class InputError(Exception):
    """Raised with every problem found, never just the first."""

    def __init__(self, problems: list[InputProblem]) -> None:
        self.problems = list(problems)
        super().__init__(self.report())

    def report(self) -> str:
        noun = "problem" if len(self.problems) == 1 else "problems"
        lines = [f"{len(self.problems)} {noun} in the input:"]
        lines += [f"  - {p}" for p in self.problems]
        return "\n".join(lines)
