"""Overblik / Summary: headline figures, the wish profile by kind as a native bar chart, per department and
per municipality.

The wish categories are 1st, 2nd, ... wish (up to the longest wish list in the input), another department, no
wish stated (only when some household stated none: any dwelling is then as good as another for it, so counting
it as a "1st wish" would flatter the result), and not housed. Shares are of all households in the row.
"""

from __future__ import annotations

from collections import Counter

from allocator.domain import Household, Kind
from allocator.write.xlsx_book import Sheet
from allocator.write.xlsx_context import Context
from allocator.write.xlsx_style import Filled, print_setup, rank_colour, title
from allocator.write.xlsx_table import SheetWriter
from allocator.write.xlsx_words import TABLES, counted, wish_word

CHART_ROWS = 16  # rows the chart covers (7.5 cm at the default row height)
CHART_WIDTH, CHART_HEIGHT = 643, 283  # 17 x 7.5 cm in pixels at 96 dpi
SERIES_COLOURS = {"permanent": "1F4E79", "temporary": "9DC3E6"}


def categories(ctx: Context) -> list[int | str]:
    longest = max((len(h.wishes) for h in ctx.households), default=0)
    cats: list[int | str] = list(range(1, longest + 1)) + ["other"]
    if any(not h.wishes for h in ctx.households):
        cats.append("no_wish")
    return cats + ["unhoused"]


def write(
    sheet: Sheet, ctx: Context, *, next_command: str | None = None, final_offers: int = 0, blocked: int = 0
) -> None:
    """``next_command`` is the command line of the next offer round, for the next steps below the figures;
    ``blocked`` the households that offers still out keep from a dwelling that suits them."""
    cats = categories(ctx)
    writer = SheetWriter(sheet, ctx.lang)
    headline = _headline(sheet, ctx, writer, cats)
    _chart(sheet, ctx, headline)

    row = max(headline[1], CHART_ROWS) + 3
    if next_command is not None:
        row = _next_steps(sheet, ctx, row, next_command, final_offers, blocked) + 2
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
        title(sheet, row, 1, ctx.w[caption])
        placed = _breakdown(ctx, writer, TABLES[ctx.lang][table], key, key_headers, cats, top=row + 1)
        row = placed.last_row + 3
    writer.finish()
    print_setup(sheet, title_rows=None)


def _headline(sheet: Sheet, ctx: Context, writer: SheetWriter, cats: list[int | str]) -> tuple[int, int]:
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


def _next_steps(
    sheet: Sheet, ctx: Context, row: int, command: str, final_offers: int, blocked: int = 0
) -> int:
    """The "Næste skridt" block from ``row``: send, answer, the next round's command, who needs the
    coordinator. Returns the last row used."""
    w = ctx.w
    title(sheet, row, 1, w["next_title"])
    people = [
        counted(w, key, n)
        for key, n in (
            ("next_blocked", blocked),
            ("next_unhoused", len(ctx.result.unassigned)),
            ("next_board", len(ctx.board_cases)),
            ("next_final", final_offers),
        )
        if n
    ]
    lines = [w["next_send"], w["next_answer"], w["next_round"], f"    {command}", w["next_people"]]
    lines += [f"    - {p}" for p in people] or [f"    - {w['next_none']}"]
    for offset, line in enumerate(lines, start=1):
        sheet.text(row + offset, 1, line)
    return row + len(lines)


def _chart(sheet: Sheet, ctx: Context, rows: tuple[int, int]) -> None:
    """Clustered columns: per wish category, permanent and temporary households (headline columns C and D)."""
    first, last = rows[0] - 1, rows[1] - 1  # 0-based
    chart = sheet.book.xlsx.add_chart({"type": "column"})
    for column, (kind, colour) in zip((2, 3), SERIES_COLOURS.items(), strict=True):
        chart.add_series(
            {
                "name": ctx.h[kind],
                "categories": [sheet.name, first, 0, last, 0],  # the categories are words
                "values": [sheet.name, first, column, last, column],
                "fill": {"color": f"#{colour}"},
                "border": {"none": True},
            }
        )
    chart.set_title({"name": ctx.w["chart_title"], "name_font": {"size": 12}})
    chart.set_y_axis({"name": ctx.w["chart_y"], "major_gridlines": {"visible": True}})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": CHART_WIDTH, "height": CHART_HEIGHT})
    sheet.ws.insert_chart("G1", chart)


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
