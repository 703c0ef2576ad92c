"""What the result pages show of an allocation, computed from the same ``Context`` the workbook's sheets use, so
the page and the workbook never disagree.

The offers table is filtered, sorted and paged here (``PAGE_SIZE`` rows a page), so that the page stays small
for an organisation-wide case of thousands of households.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from allocator.domain import Household, Kind, wish_rank
from allocator.write.xlsx_context import Context
from allocator.write.xlsx_style import rank_colour
from allocator.write.xlsx_words import BUDGET_WORDS, KINDS, wish_word

PAGE_SIZE = 50
SORTS = ("household", "name", "kind", "seniority", "department", "dwelling", "wish", "rent")
NEARBY_SHOWN = 40


@dataclass(frozen=True, slots=True)
class Row:
    """One offer as the table shows it; ``category`` is 1, 2, ..., ``other`` or ``no_wish``."""

    household_id: str
    name: str
    kind: str
    seniority: str
    department: str
    dwelling_id: str
    dwelling_department: str
    address: str
    rooms: int | None
    rent: float | None
    category: int | str
    wish: str
    colour: str
    rank: int


@dataclass(frozen=True, slots=True)
class Page:
    rows: tuple[Row, ...]
    total: int
    page: int
    pages: int


def headline(ctx: Context) -> dict[str, int]:
    households = ctx.households
    housed = ctx.rank_of
    perm = [h for h in households if h.kind is Kind.PERMANENT]
    temp = [h for h in households if h.kind is Kind.TEMPORARY]
    return {
        "households": len(households),
        "housed": len(housed),
        "unhoused": len(households) - len(housed),
        "permanent": len(perm),
        "temporary": len(temp),
        "housed_permanent": sum(1 for h in perm if h.household_id in housed),
        "housed_temporary": sum(1 for h in temp if h.household_id in housed),
    }


def wish_profile(ctx: Context) -> list[dict[str, Any]]:
    """Per wish category (as the workbook's summary): its word, colour and count per kind."""
    from allocator.write.sheet_summary import categories

    out = []
    for cat in categories(ctx):
        counts = {kind: 0 for kind in Kind}
        for h in ctx.households:
            if ctx.category(h) == cat:
                counts[h.kind] += 1
        out.append(
            {
                "category": cat,
                "label": wish_word(cat, ctx.lang),
                "colour": rank_colour(cat),
                "permanent": counts[Kind.PERMANENT],
                "temporary": counts[Kind.TEMPORARY],
            }
        )
    return out


def offer_rows(ctx: Context) -> tuple[Row, ...]:
    rows = []
    for a in ctx.result.assignments:
        h = ctx.household_by_id[a.household_id]
        v = ctx.vacancy_by_id.get(a.dwelling_id)
        cat = ctx.category(h)
        rows.append(
            Row(
                household_id=h.household_id,
                name=h.name or "",
                kind=KINDS[ctx.lang][h.kind],
                seniority=h.seniority_date.isoformat(),
                department=h.department,
                dwelling_id=a.dwelling_id,
                dwelling_department=v.department if v else "",
                address=(v.address or "") if v else "",
                rooms=v.rooms if v else None,
                rent=v.rent if v else None,
                category=cat,
                wish=wish_word(cat, ctx.lang),
                colour=rank_colour(cat),
                rank=a.rank,
            )
        )
    return tuple(rows)


def filtered(
    rows: tuple[Row, ...],
    *,
    q: str = "",
    department: str = "",
    kind: str = "",
    wish: str = "",
    sort: str = "household",
    descending: bool = False,
    page: int = 1,
) -> Page:
    """The rows that match, sorted, and the ``page``-th slice of ``PAGE_SIZE``."""
    needle = q.strip().casefold()
    found = [
        r
        for r in rows
        if (not needle or needle in r.household_id.casefold() or needle in r.name.casefold())
        and (not department or r.dwelling_department == department)
        and (not kind or r.kind == kind)
        and (not wish or str(r.category) == wish)
    ]
    key = {
        "household": lambda r: r.household_id.casefold(),
        "name": lambda r: r.name.casefold(),
        "kind": lambda r: r.kind,
        "seniority": lambda r: r.seniority,
        "department": lambda r: r.dwelling_department.casefold(),
        "dwelling": lambda r: r.dwelling_id.casefold(),
        "wish": lambda r: r.rank,
        "rent": lambda r: r.rent if r.rent is not None else math.inf,
    }.get(sort, lambda r: r.household_id.casefold())
    found.sort(key=key, reverse=descending)
    pages = max(1, math.ceil(len(found) / PAGE_SIZE))
    page = min(max(1, page), pages)
    return Page(tuple(found[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]), len(found), page, pages)


def unhoused_rows(ctx: Context) -> list[dict[str, str]]:
    out = []
    for u in ctx.result.unassigned:
        h = ctx.household_by_id[u.household_id]
        out.append(
            {
                "household_id": h.household_id,
                "name": h.name or "",
                "kind": KINDS[ctx.lang][h.kind],
                "reasons": "; ".join(r.text(ctx.lang) for r in u.reasons),
            }
        )
    return out


def board_rows(ctx: Context) -> list[dict[str, Any]]:
    out = []
    for case in ctx.board_cases:
        small, large = ctx.household_by_id[case.small_id], ctx.household_by_id[case.large_id]
        out.append(
            {
                "small_id": small.household_id,
                "small_members": small.members,
                "dwelling_id": case.dwelling_id,
                "rooms": case.rooms,
                "large_id": large.household_id,
                "large_members": large.members,
                "large_wish": wish_word(ctx.category(large), ctx.lang),
            }
        )
    return out


def budget_totals(ctx: Context) -> list[dict[str, Any]]:
    """The project's items and their total, as the workbook's budget sheet sums them."""
    from allocator import budget

    # As the workbook's Budget sheet: in a phased case the empty rent over each dwelling's timeline, and with a
    # moving schedule from the scheduled dates.
    scheduled = ctx.schedule.empty_days_by_household() if ctx.schedule is not None else None
    lines = budget.result_cost_lines(ctx.result, scheduled_empty_days=scheduled)
    totals = budget.totals(lines)
    words = BUDGET_WORDS[ctx.lang]
    return [
        {
            "item": name,
            "label": words[name],
            "total": totals[name].total,
            "permanent": totals[name].permanent,
            "temporary": totals[name].temporary,
            "not_counted": totals[name].not_counted,
        }
        for name in (*budget.PROJECT_ITEMS, "project_total")
    ]


def household_view(ctx: Context, household_id: str) -> dict[str, Any] | None:
    """One household: its offer, why it did not get its first wish, and the dwellings it could have had."""
    h: Household | None = ctx.household_by_id.get(household_id)
    if h is None:
        return None
    index = next(i for i, x in enumerate(ctx.households) if x.household_id == household_id)
    dwelling = ctx.dwelling_of.get(household_id)
    rank = ctx.rank_of.get(household_id)
    unassigned = next((u for u in ctx.result.unassigned if u.household_id == household_id), None)
    suitable = ctx.eligibility.suitable_row(index)
    nearby = []
    for j, ok in enumerate(suitable):
        if not ok:
            continue
        v = ctx.vacancies[j]
        holder = ctx.holder_of.get(v.dwelling_id)
        r = wish_rank(h, v.department)
        cell = ctx.rank_cell(h, r)
        nearby.append(
            {
                "dwelling_id": v.dwelling_id,
                "department": v.department,
                "rooms": v.rooms,
                "rent": v.rent,
                "rank": r,
                "wish": cell.value,
                "colour": cell.rgb,
                "holder": holder.household_id if holder else None,
                "own": holder is not None and holder.household_id == household_id,
            }
        )
    nearby.sort(key=lambda d: (d["rank"], d["dwelling_id"]))
    return {
        "household": h,
        "kind": KINDS[ctx.lang][h.kind],
        "dwelling": dwelling,
        "dwelling_id": ctx.dwelling_id_of.get(household_id),
        "wish": wish_word(ctx.category(h), ctx.lang),
        "colour": rank_colour(ctx.category(h)),
        "rank": rank,
        "reasons": [r.text(ctx.lang) for r in unassigned.reasons] if unassigned else [],
        "explanation": explanation(ctx, household_id),
        "nearby": nearby[:NEARBY_SHOWN],
        "nearby_total": len(nearby),
    }


def explanation(ctx: Context, household_id: str) -> list[str]:
    """Why one household did not get its first wish, in full (``allocator.explain.wishes``), judged against the
    whole allocation; empty when it did or has no wishes. The facts are the context's, computed once per result
    and page language (with how each fixed pair came about, as the workbook's Begrundelser sheet), not once per
    household page."""
    return [s.reason.text(ctx.lang) for s in ctx.wishes.summaries() if s.household_id == household_id]


def number(value: float | int | None, lang: str, decimals: int = 0) -> str:
    """``1234567.5`` -> ``1.234.568`` (da) or ``1,234,568`` (en); ``None`` -> empty."""
    if value is None:
        return ""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".") if lang == "da" else text


def day(iso: str, lang: str) -> str:
    """A saved ISO date as the settings form shows it again: ``01-10-2026`` in Danish, as typed there."""
    if lang != "da" or len(iso) != 10:
        return iso
    year, month, date = iso.split("-")
    return f"{date}-{month}-{year}"
