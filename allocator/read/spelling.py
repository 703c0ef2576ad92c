"""One name, one spelling: municipality and department names compared as the coordinator sees them.

"Hvidovre" and "hvidovre " are one municipality to anyone reading the sheet, but compared exactly they would
leave a household without any dwelling in "its" municipality, and nobody would be told. Names that differ only
in case, surrounding or repeated spaces or Unicode form are read as one, spelled as most rows spell it (the
first seen on a tie, households file first), with a warning naming the rows.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections import Counter

from allocator.domain import Household, Vacancy
from allocator.read.table import row_list
from allocator.read.words import NOUNS_DA, warning
from allocator.read.words import rows as row_words


def key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


def one_spelling(
    households: tuple[Household, ...], vacancies: tuple[Vacancy, ...], files: tuple[str, str]
) -> tuple[tuple[Household, ...], tuple[Vacancy, ...], list[str]]:
    """The objects with every municipality and department (wishes included) in its one spelling, and a
    warning per name written more than one way."""
    warnings: list[str] = []
    towns = _canonical(
        [(h.municipality, 0, h.row) for h in households] + [(v.municipality, 1, v.row) for v in vacancies],
        "municipality",
        files,
        warnings,
    )
    places = _canonical(
        [(h.department, 0, h.row) for h in households]
        + [(w, 0, h.row) for h in households for w in h.wishes]
        + [(v.department, 1, v.row) for v in vacancies],
        "department",
        files,
        warnings,
    )
    if not towns and not places:
        return households, vacancies, warnings

    def wishes(h: Household) -> tuple[str, ...]:
        return tuple(dict.fromkeys(places.get(w, w) for w in h.wishes))

    households = tuple(
        dataclasses.replace(
            h,
            municipality=towns.get(h.municipality, h.municipality),
            department=places.get(h.department, h.department),
            wishes=wishes(h),
        )
        if h.municipality in towns or h.department in places or any(w in places for w in h.wishes)
        else h
        for h in households
    )
    vacancies = tuple(
        dataclasses.replace(
            v,
            municipality=towns.get(v.municipality, v.municipality),
            department=places.get(v.department, v.department),
        )
        if v.municipality in towns or v.department in places
        else v
        for v in vacancies
    )
    return households, vacancies, warnings


def _canonical(
    seen: list[tuple[str, int, int]], noun: str, files: tuple[str, str], warnings: list[str]
) -> dict[str, str]:
    """Spelling -> its one spelling, for the spellings that are not already it."""
    spellings: dict[str, Counter[str]] = {}
    for name, _, _ in seen:
        spellings.setdefault(key(name), Counter())[name] += 1
    mapping: dict[str, str] = {}
    for variants in spellings.values():
        if len(variants) < 2:
            continue
        # Counter keeps first-seen order, and max() the first of equals: a tie goes to the first seen.
        one = max(variants, key=variants.__getitem__)
        others = [s for s in variants if s != one]
        mapping.update((s, one) for s in others)
        where, where_da = [], []
        for f, file in enumerate(files):
            rows = sorted({row for name, g, row in seen if g == f and name in others})
            if rows:
                where.append(f"{file} {row_list(rows)}")
                where_da.append(f"{file} {row_words(rows, 'da')}")
        written = ", ".join(f"'{s}'" for s in others)
        warnings.append(
            warning(
                "spelling",
                noun=noun,
                noun_da=NOUNS_DA.get(noun, noun),
                one=one,
                written=written,
                where="; ".join(where),
                where_da="; ".join(where_da),
            )
        )
    return mapping
