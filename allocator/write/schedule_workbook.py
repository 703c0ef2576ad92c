"""The workbook ``genhus schedule`` writes: the Flytteskema sheet alone (the offers workbook stays as it is)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from allocator.domain import Household, Vacancy
from allocator.schedule import Schedule
from allocator.write import sheet_schedule
from allocator.write.atomic import atomic_path
from allocator.write.xlsx_book import Book
from allocator.write.xlsx_words import SHEETS


def write_schedule_workbook(
    path: str | Path,
    schedule: Schedule,
    households: Mapping[str, Household],
    dwellings: Mapping[str, Vacancy],
    *,
    lang: str = "da",
) -> None:
    with atomic_path(path) as tmp:
        book = Book(tmp)
        try:
            sheet_schedule.write(book.sheet(SHEETS[lang]["schedule"]), schedule, households, dwellings, lang)
        finally:
            book.close()
