"""Etaper / Phases (a phased case only, issue 12): one row per phase, in construction-start order.

Per phase: its dates, its households by kind, how many are housed (by kind), the dwellings they use, how many
of those an earlier phase's household lived in first (reused, from the dwellings' timelines in
``allocator.occupancy``), how many are renovated dwellings of an earlier phase (vacancies whose ``Ledig fra`` is
an earlier phase's ready date), and the households not housed with their reasons counted by kind.
"""

from __future__ import annotations

from collections import Counter

from allocator.domain import Kind, Phase
from allocator.write.xlsx_book import Sheet
from allocator.write.xlsx_context import Context
from allocator.write.xlsx_style import note_lines, print_setup
from allocator.write.xlsx_table import SheetWriter
from allocator.write.xlsx_words import PHASE_HEADERS, PHASE_REASONS, PHASE_TABLES, PHASE_WORDS

COLUMNS = (
    ("phase", "text"),
    ("phase_name", "text"),
    ("construction_start", "date"),
    ("ready", "date"),
    ("households", "int"),
    ("households_permanent", "int"),
    ("households_temporary", "int"),
    ("housed", "int"),
    ("housed_permanent", "int"),
    ("housed_temporary", "int"),
    ("dwellings_used", "int"),
    ("reused", "int"),
    ("renovated_used", "int"),
    ("not_housed", "int"),
    ("why_not_housed", "long"),
)
NOTE_WIDTH = 110


def write(sheet: Sheet, ctx: Context) -> None:
    words = {**ctx.h, **PHASE_HEADERS[ctx.lang]}
    rows = [_row(ctx, phase) for phase in ordered(ctx.result.instance.phases)]
    writer = SheetWriter(sheet, ctx.lang)
    placed = writer.table(
        PHASE_TABLES[ctx.lang]["phases"],
        [words[key] for key, _ in COLUMNS],
        [fmt for _, fmt in COLUMNS],
        rows,
        freeze=True,
    )
    writer.finish()
    note_lines(sheet, placed.last_row + 2, PHASE_WORDS[ctx.lang]["phases_note"], NOTE_WIDTH)
    print_setup(sheet, title_rows="1:1")


def ordered(phases: tuple[Phase, ...]) -> list[Phase]:
    """Phases by construction start, file order among equals."""
    return sorted(phases, key=lambda p: p.construction_start)


def figures(ctx: Context, phase: Phase) -> dict[str, int]:
    """The counts of one phase's row, by column key."""
    members = [h for h in ctx.households if h.phase == phase.phase_id]
    housed = [h for h in members if h.household_id in ctx.dwelling_id_of]
    used = {ctx.dwelling_id_of[h.household_id] for h in housed}
    earlier = {
        p.phase_id for p in ctx.result.instance.phases if p.construction_start < phase.construction_start
    }
    earlier_ready = {
        p.ready
        for p in ctx.result.instance.phases
        if p.construction_start < phase.construction_start and p.ready is not None
    }
    reused = set()
    for dwelling_id in used:
        timeline = ctx.occupancy.timeline_of(dwelling_id)
        if timeline is None:
            continue
        mine = [s for s in timeline.stays if ctx.household_by_id[s.household_id].phase == phase.phase_id]
        first = min((s.start for s in mine), default=None)
        before = [s for s in timeline.stays if first is not None and s.start < first]
        if any(ctx.household_by_id[s.household_id].phase in earlier for s in before):
            reused.add(dwelling_id)
    renovated = {
        d for d in used if d in ctx.vacancy_by_id and ctx.vacancy_by_id[d].available_from in earlier_ready
    }
    return {
        "households": len(members),
        "households_permanent": sum(1 for h in members if h.kind is Kind.PERMANENT),
        "households_temporary": sum(1 for h in members if h.kind is Kind.TEMPORARY),
        "housed": len(housed),
        "housed_permanent": sum(1 for h in housed if h.kind is Kind.PERMANENT),
        "housed_temporary": sum(1 for h in housed if h.kind is Kind.TEMPORARY),
        "dwellings_used": len(used),
        "reused": len(reused),
        "renovated_used": len(renovated),
        "not_housed": len(members) - len(housed),
    }


def _row(ctx: Context, phase: Phase) -> list:
    counts = figures(ctx, phase)
    # Counted by the reason's code: each household's own text names its dwellings and figures.
    reasons: Counter[str] = Counter()
    members = {h.household_id for h in ctx.households if h.phase == phase.phase_id}
    short = PHASE_REASONS[ctx.lang]
    for u in ctx.result.unassigned:
        if u.household_id in members and u.reasons:
            first = u.reasons[0]
            reasons[short.get(first.code, first.text(ctx.lang))] += 1
    why = "; ".join(f"{text} ({n})" for text, n in reasons.most_common()) or None
    head = [phase.phase_id, phase.name, phase.construction_start, phase.ready]
    return head + [counts[key] for key, _ in COLUMNS[4:-1]] + [why]
