"""The readers' warnings in English and Danish, one template pair per warning, for :class:`~allocator.notice.Notice`.

English goes to the terminal, the log and the JSON; Danish to the Danish workbook's Kontrol sheet. A native
speaker can review every reader warning here.
"""

from __future__ import annotations

from collections.abc import Iterable

from allocator.notice import Notice

SHOWN_ROWS = 10

WARNINGS = {
    "no_households": (
        "{file}: no households; the file has a header but no rows",
        "{file}: ingen husstande; filen har en overskrift, men ingen rækker",
    ),
    "no_vacancies": (
        "{file}: no vacancies; the file has a header but no rows",
        "{file}: ingen ledige boliger; filen har en overskrift, men ingen rækker",
    ),
    "short_rows": (
        "{file} {rows}: fewer cells than the header has columns ({n}); the missing cells at the end are read as "
        "empty",
        "{file} {rows}: færre celler end overskriften har kolonner ({n}); de manglende celler til sidst læses som "
        "tomme",
    ),
    "control": (
        "{file} {rows}, column '{column}': invisible control character ({codes}) in the text; it is read as "
        "written, but it cannot be seen and cannot be written to a workbook, so remove it if it came in by "
        "mistake",
        "{file} {rows}, kolonnen '{column}': usynligt styretegn ({codes}) i teksten; det læses, som det står, "
        "men kan ikke ses og ikke skrives i en projektmappe, så fjern det, hvis det er kommet med ved en fejl",
    ),
    "hidden": (
        "{file} {rows}: hidden or filtered away in Excel; they are read like every other row (delete them from "
        "the file if they should not be part of the case)",
        "{file} {rows}: skjult eller filtreret fra i Excel; de læses som alle andre rækker (slet dem i filen, "
        "hvis de ikke skal være med i sagen)",
    ),
    "future_seniority": (
        "{file} {rows}, column '{column}': seniority date after today ({today}): check the year",
        "{file} {rows}, kolonnen '{column}': anciennitetsdato efter i dag ({today}): kontrollér årstallet",
    ),
    "ancient_seniority": (
        "{file} {rows}, column '{column}': seniority date before 1900; such a household ranks first among its "
        "kind: check the year",
        "{file} {rows}, kolonnen '{column}': anciennitetsdato før 1900; sådan en husstand kommer først blandt "
        "sin genhusningstype: kontrollér årstallet",
    ),
    "wish_gap": (
        "a wish column before '{column}' is empty; the later wishes move up in order",
        "en ønskekolonne før '{column}' er tom; de senere ønsker rykker op i rækkefølgen",
    ),
    "unknown_wish": (
        "{file} {rows}: wish '{wish}' matches no department in either file",
        "{file} {rows}: ønsket '{wish}' svarer ikke til nogen afdeling i de to filer",
    ),
    "unknown_wish_near": (
        "{file} {rows}: wish '{wish}' matches no department in either file (did you mean '{near}'? names must "
        "match exactly)",
        "{file} {rows}: ønsket '{wish}' svarer ikke til nogen afdeling i de to filer (mente du '{near}'? navnene "
        "skal stå nøjagtigt ens)",
    ),
    "spelling": (
        "{noun} '{one}' is also written {written} ({where}); read as one {noun}, '{one}'",
        "{noun_da} '{one}' er også skrevet {written} ({where_da}); læst som én {noun_da}, '{one}'",
    ),
    "permanent_other_municipality": (
        "household '{id}' is permanent but accepts another municipality; the law (almenlejeloven § 86 stk. 2) "
        "allows another municipality only for temporary rehousing",
        "husstanden '{id}' er permanent, men siger ja til en anden kommune; loven (almenlejeloven § 86 stk. 2) "
        "tillader kun en anden kommune ved midlertidig genhusning",
    ),
    "carpet_cell": (
        "'{given}' is given but '{lacking}' is empty; the carpet is not counted in the budget until both are given",
        "'{given}' er udfyldt, men '{lacking}' er tom; tæppet medregnes ikke i budgettet, før begge er udfyldt",
    ),
    "carpet_column": (
        "{file}: column '{given}' is there but {lacking} is not; carpets are not counted in the budget without "
        "both",
        "{file}: kolonnen '{given}' findes, men {lacking} gør ikke; tæpper medregnes ikke i budgettet uden begge",
    ),
}
"""Per warning: its English and its Danish template."""

NOUNS_DA = {"department": "afdeling", "municipality": "kommune"}


def warning(key: str, **fields: object) -> Notice:
    """The warning ``key`` in both languages; a ``rows`` field is given as row numbers (see :func:`rows`)."""
    en, da = WARNINGS[key]
    numbers = fields.pop("rows", None)
    en_fields, da_fields = dict(fields), dict(fields)
    if numbers is not None:
        en_fields["rows"], da_fields["rows"] = rows(numbers, "en"), rows(numbers, "da")
    return Notice(en.format(**en_fields), da.format(**da_fields))


def rows(numbers: Iterable[int], lang: str) -> str:
    """``row 5`` / ``række 5``, or ``rows 3, 5, ... and 12 more`` / ``rækker 3, 5, ... og 12 flere``."""
    shown = list(numbers)
    one = len(shown) == 1
    if lang == "da":
        noun, more = ("række" if one else "rækker"), f" og {len(shown) - SHOWN_ROWS} flere"
    else:
        noun, more = ("row" if one else "rows"), f" and {len(shown) - SHOWN_ROWS} more"
    return f"{noun} {', '.join(str(n) for n in shown[:SHOWN_ROWS])}{more if len(shown) > SHOWN_ROWS else ''}"


def row_prefix(file: str, row: int) -> tuple[str, str]:
    """``file row N: `` in English and Danish, for a warning about one row."""
    return f"{file} row {row}: ", f"{file} række {row}: "
