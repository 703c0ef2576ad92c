"""Forskelle / Differences and Anciennitetens pris / Price of seniority: the households behind the figures.

Forskelle lists every household whose dwelling or wish met is not the same in all scenarios, with its dwelling and
its wish (in words, on the main workbook's colours) under each. Anciennitetens pris has, per strict/weighted pair,
the price-of-seniority figures, and below them the households that fare worse or better under strict priority.
"""

from __future__ import annotations

from allocator.compare import Comparison, SeniorityPrice
from allocator.domain import Household
from allocator.write.sheet_compare_words import SENIORITY, TABLES, WORDS
from allocator.write.xlsx_book import Sheet
from allocator.write.xlsx_style import (
    RANK_COLOURS,
    Filled,
    note_lines,
    print_setup,
    rank_colour,
    wish_category,
)
from allocator.write.xlsx_table import SheetWriter
from allocator.write.xlsx_words import HEADERS, KINDS, wish_word, yes_no

_WHO = ("household_id", "name", "kind", "members", "seniority_date")
_WHO_FORMATS = ["text", "text", "text", "int", "date"]


def write_differences(sheet: Sheet, comparison: Comparison, lang: str) -> None:
    w = WORDS[lang]
    headers = [HEADERS[lang][key] for key in _WHO] + [w["wish_differs"]]
    formats = [*_WHO_FORMATS, "text"]
    for name in comparison.names:
        headers += [w["dwelling"].format(name=name), w["wish"].format(name=name)]
        formats += ["text", "text"]
    rows = []
    for difference in comparison.differences:
        row = [*_who(difference.household, lang), yes_no(difference.wish_differs, lang)]
        for outcome in difference.outcomes:
            if outcome is None:
                row += [None, Filled(w["left_out"], RANK_COLOURS["no_wish"])]
            else:
                dwelling, rank = outcome
                row += [dwelling, _wish(difference.household, rank, lang)]
        rows.append(row)
    writer = SheetWriter(sheet, lang)
    placed = writer.table(TABLES[lang]["differences"], headers, formats, rows, freeze=True,
                          empty_text=w["no_differences"])
    note_lines(sheet, placed.last_row + 2, w["differences_note"], 100)
    writer.finish()
    print_setup(sheet, title_rows="1:1", pages_wide=2, title_columns="A:B")


def write_seniority(sheet: Sheet, comparison: Comparison, lang: str) -> None:
    """The figures of every pair side by side, then one table of households per pair."""
    s, w = SENIORITY[lang], WORDS[lang]
    prices = comparison.prices
    keys = ("households", "housed_strict", "housed_weighted", "first_wish_strict", "first_wish_weighted",
            "worse_under_strict", "better_under_strict", "weighted_priority_violations",
            "strict_priority_violations")
    rows = [[s[key], *(_value(price, key) for price in prices)] for key in keys]
    pairs = [s["pair"].format(strict=p.strict, weighted=p.weighted) for p in prices]
    writer = SheetWriter(sheet, lang)
    placed = writer.table(TABLES[lang]["seniority"], [w["figure"], *pairs], ["text"] + ["int"] * len(prices),
                          rows, freeze=True)
    top = placed.last_row + 2
    top += note_lines(sheet, top, s["note"], 100) + 1
    by_name = {run.name: run for run in comparison.runs}
    for k, price in enumerate(prices):
        top += note_lines(sheet, top, pairs[k], 100)
        strict, weighted = by_name[price.strict], by_name[price.weighted]
        households = {h.household_id: h for h in strict.instance.households}
        rank_s, rank_w = strict.rank_of, weighted.rank_of
        table_rows = []
        for word, ids in ((s["worse"], price.worse_under_strict), (s["better"], price.better_under_strict)):
            for household_id in ids:
                h = households[household_id]
                table_rows.append([*_who(h, lang), _wish(h, rank_s.get(household_id), lang),
                                   _wish(h, rank_w.get(household_id), lang), word])
        headers = [HEADERS[lang][key] for key in _WHO] + [s["wish_strict"], s["wish_weighted"], s["under_strict"]]
        name = TABLES[lang]["seniority_households"] + (str(k + 1) if len(prices) > 1 else "")
        placed = writer.table(name, headers, _WHO_FORMATS + ["text"] * 3, table_rows, top=top,
                              empty_text=w["no_differences"])
        top = placed.last_row + 3
    writer.finish()
    print_setup(sheet, title_rows=None)


def _value(price: SeniorityPrice, key: str) -> int:
    value = getattr(price, key)
    return len(value) if isinstance(value, tuple) else value


def _who(h: Household, lang: str) -> list:
    return [h.household_id, h.name, KINDS[lang][h.kind], h.members, h.seniority_date]


def _wish(h: Household, rank: int | None, lang: str) -> Filled:
    category = wish_category(h, rank)
    return Filled(wish_word(category, lang), rank_colour(category))
