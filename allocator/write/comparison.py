"""The comparison workbook, and the headline table for the terminal, in Danish (default) or English.

Sheets, in order:

1. Sammenligning / Comparison (``sheet_compare_figures``): one row per figure, one column per scenario, and the
   wish profiles as a native bar chart;
2. Forskelle / Differences (``sheet_compare_households``): the households whose outcome differs;
3. Anciennitetens pris / Price of seniority (``sheet_compare_households``), only when a strict and a weighted
   scenario on the same inputs are compared;
4. Scenarier / Scenarios (``sheet_compare_scenarios``): what each scenario is.

The look is the main workbook's: native tables with a frozen header, fitted widths, number formats, the
wish-rank colours, and the workbook's fixed document date.
"""

from __future__ import annotations

import math
from pathlib import Path

from allocator.compare import HEADLINE, Comparison
from allocator.domain import LANGUAGES
from allocator.write import sheet_compare_figures, sheet_compare_households, sheet_compare_scenarios
from allocator.write.atomic import atomic_path
from allocator.write.sheet_compare_words import FIGURES, SENIORITY, SHEETS, WORDS
from allocator.write.xlsx_book import Book, CellWarning


def write_comparison(path: str | Path, comparison: Comparison, *, lang: str = "da") -> tuple[CellWarning, ...]:
    """Write the comparison workbook to ``path`` atomically; returns the text cells changed to fit Excel."""
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}")
    names = SHEETS[lang]
    with atomic_path(path) as tmp:
        book = Book(tmp)
        try:
            sheet_compare_figures.write(book.sheet(names["figures"]), comparison, lang)
            sheet_compare_households.write_differences(book.sheet(names["differences"]), comparison, lang)
            if comparison.prices:
                sheet_compare_households.write_seniority(book.sheet(names["seniority"]), comparison, lang)
            sheet_compare_scenarios.write(book.sheet(names["scenarios"]), comparison, lang)
        finally:
            book.close()
    return tuple(book.warnings)


def headline_text(comparison: Comparison, *, lang: str = "en") -> str:
    """The headline figures as a plain-text table (one column per scenario), then the prices of seniority."""
    labels = [FIGURES[lang][key][:1].upper() + FIGURES[lang][key][1:] for key in HEADLINE]
    columns = [[_number(v) for v in (comparison.figure(key).values)] for key in HEADLINE]
    names = list(comparison.names)
    first = max(len(WORDS[lang]["scenario"]), *(len(label) for label in labels))
    widths = [max(len(name), *(len(col[k]) for col in columns)) for k, name in enumerate(names)]
    lines = [WORDS[lang]["scenario"].ljust(first) + "".join(f"  {n:>{wd}}" for n, wd in zip(names, widths,
                                                                                               strict=True))]
    for label, col in zip(labels, columns, strict=True):
        lines.append(label.ljust(first) + "".join(f"  {v:>{wd}}" for v, wd in zip(col, widths, strict=True)))
    s = SENIORITY[lang]
    for price in comparison.prices:
        lines.append(
            f"{s['pair'].format(strict=price.strict, weighted=price.weighted)}: "
            f"{s['worse_under_strict'].lower()} {len(price.worse_under_strict)}, "
            f"{s['better_under_strict'].lower()} {len(price.better_under_strict)}, "
            f"{s['weighted_priority_violations'].lower()} {price.weighted_priority_violations}"
        )
    return "\n".join(lines)


def _number(value: float | int | None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    return f"{value:,.0f}" if isinstance(value, int) or float(value).is_integer() else f"{value:,.1f}"
