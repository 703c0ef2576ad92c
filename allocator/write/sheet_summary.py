"""Overblik / Summary: headline figures, the wish profile by kind as a native bar chart, per department and
per municipality.

The wish categories are 1st, 2nd, ... wish (up to the longest wish list in the input), another department, no
wish stated (only when some household stated none: any dwelling is then as good as another for it, so counting
it as a "1st wish" would flatter the result), and not housed. Shares are of all households in the row.
"""

from __future__ import annotations

from collections import Counter

from openpyxl.chart import BarChart, Reference, Series
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.worksheet.worksheet import Worksheet

from allocator.domain import Household, Kind
from allocator.write.xlsx_context import Context
from allocator.write.xlsx_style import Filled, print_setup, rank_colour, title
from allocator.write.xlsx_table import SheetWriter
from allocator.write.xlsx_words import TABLES, wish_word

CHART_ROWS = 16  # rows the chart covers (7.5 cm at the default row height)
SERIES_COLOURS = {"permanent": "1F4E79", "temporary": "9DC3E6"}


def categories(ctx: Context) -> list[int | str]:
    longest = max((len(h.wishes) for h in ctx.households), default=0)
    cats: list[int | str] = list(range(1, longest + 1)) + ["other"]
    if any(not h.wishes for h in ctx.households):
        cats.append("no_wish")
    return cats + ["unhoused"]


def write(ws: Worksheet, ctx: Context) -> None:
    cats = categories(ctx)
    writer = SheetWriter(ws, ctx.lang)
    headline = _headline(ws, ctx, writer, cats)
    _chart(ws, ctx, headline)

    row = max(headline[1], CHART_ROWS) + 3
    groups = (
        (
            "departments",
            "by_department",
            lambda h: (h.department, h.municipality),
            ["department", "municipality"],
        ),
        ("municipalities", "by_municipality", lambda h: (h.municipality,), ["municipality"]),
    )
    for table, caption, key, key_headers in groups:
        title(ws, row, 1, ctx.w[caption])
        placed = _breakdown(ctx, writer, TABLES[ctx.lang][table], key, key_headers, cats, top=row + 1)
        row = placed.last_row + 3
    writer.finish()
    print_setup(ws, title_rows=None)


def _headline(ws: Worksheet, ctx: Context, writer: SheetWriter, cats: list[int | str]) -> tuple[int, int]:
    """The figures table at A1; returns its first category row and last row (the chart's data)."""
    n = len(ctx.households)
    perm = [h for h in ctx.households if h.kind is Kind.PERMANENT]
    temp = [h for h in ctx.households if h.kind is Kind.TEMPORARY]

    def line(label, count) -> list:
        total = count(ctx.households)
        return [label, total, count(perm), count(temp), total / n if n else None]

    housed = ctx.rank_of
    rows = [
        line(ctx.h["households"], len),
        line(ctx.h["housed"], lambda hs: sum(1 for h in hs if h.household_id in housed)),
    ]
    for cat in cats:
        label = Filled(wish_word(cat, ctx.lang), rank_colour(cat))
        rows.append(line(label, lambda hs, cat=cat: sum(1 for h in hs if ctx.category(h) == cat)))
    headers = [ctx.h["figure"], ctx.h["total"], ctx.h["permanent"], ctx.h["temporary"], ctx.h["share"]]
    placed = writer.table(
        TABLES[ctx.lang]["summary"], headers, ["text", "int", "int", "int", "percent"], rows, freeze=True
    )
    return placed.first_row + 2, placed.last_row


def _chart(ws: Worksheet, ctx: Context, rows: tuple[int, int]) -> None:
    """Clustered columns: per wish category, permanent and temporary households (headline columns C and D)."""
    first, last = rows
    chart = BarChart()
    chart.type = "col"
    chart.grouping = "clustered"
    chart.title = ctx.w["chart_title"]
    chart.y_axis.title = ctx.w["chart_y"]
    chart.x_axis.delete = False  # openpyxl 3.1 otherwise hides both axes in recent Excel
    chart.y_axis.delete = False
    chart.legend.position = "b"
    for column, (kind, colour) in zip((3, 4), SERIES_COLOURS.items(), strict=True):
        values = Reference(ws, min_col=column, min_row=first, max_row=last)
        series = Series(values, title=ctx.h[kind])
        series.graphicalProperties = GraphicalProperties(solidFill=colour)
        chart.series.append(series)
    labels = Reference(ws, min_col=1, min_row=first, max_row=last)
    for series in chart.series:  # the categories are words: a string reference, not openpyxl's numeric one
        series.cat = AxDataSource(strRef=StrRef(f=str(labels)))
    chart.width, chart.height = 17, 7.5
    ws.add_chart(chart, "G1")


def _breakdown(
    ctx: Context,
    writer: SheetWriter,
    name: str,
    key,
    key_headers: list[str],
    cats: list[int | str],
    *,
    top: int,
):
    groups: dict[tuple, list[Household]] = {}
    for h in ctx.households:
        groups.setdefault(key(h), []).append(h)
    rows = []
    for group_key in sorted(groups, key=lambda k: tuple(part.casefold() for part in k)):
        members = groups[group_key]
        counted = Counter(ctx.category(h) for h in members)
        housed = [h for h in members if h.household_id in ctx.rank_of]
        rows.append(
            [
                *group_key,
                len(members),
                len(housed),
                sum(1 for h in housed if h.kind is Kind.PERMANENT),
                sum(1 for h in housed if h.kind is Kind.TEMPORARY),
                *(counted.get(cat, 0) for cat in cats),
                counted.get(1, 0) / len(members),
            ]
        )
    headers = (
        [ctx.h[k] for k in key_headers]
        + [ctx.h["households"], ctx.h["housed"], ctx.h["housed_permanent"], ctx.h["housed_temporary"]]
        + [wish_word(cat, ctx.lang) for cat in cats]
        + [ctx.h["share_first"]]
    )
    formats = ["text"] * len(key_headers) + ["int"] * (4 + len(cats)) + ["percent"]
    return writer.table(name, headers, formats, rows, top=top)
