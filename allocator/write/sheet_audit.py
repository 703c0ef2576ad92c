"""Kontrol / Audit: the independent checker's verdict, the settings, the input files with their SHA-256, the
program version, the solver's status and figures, and the run time (the only sheet where a time appears).

With offer rounds it also says which round this is, which workbook the history was read from, and lists every
coordinator's decision with what became of it (kept, kept though it breaks a rule as agreed with the household,
done, spent, no effect); what changed between rounds (a dwelling that left the vacancies file) is among the
warnings.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from allocator.check import Audit
from allocator.explain.board_review import board_rule
from allocator.provenance import Provenance
from allocator.read.decisions import Action
from allocator.rounds import RoundReport
from allocator.write.xlsx_book import CellWarning, Sheet
from allocator.write.xlsx_context import Context
from allocator.write.xlsx_style import print_setup, title
from allocator.write.xlsx_table import SheetWriter
from allocator.write.xlsx_words import TABLES


def write(
    sheet: Sheet,
    ctx: Context,
    audit: Audit,
    provenance: Provenance,
    *,
    rounds: RoundReport | None = None,
    case_id: str | None = None,
    cell_warnings: tuple[CellWarning, ...] = (),
) -> None:
    w, stats = ctx.w, ctx.result.stats
    rows: list[list] = [
        [
            w["verdict"],
            w["overall"],
            w["approved"] if audit.passes(ctx.result.settings.priority) else w["rejected"],
        ]
    ]
    for line in audit.verdict_lines(priority=ctx.result.settings.priority):
        if line.startswith(" "):
            rows.append([w["verdict"], None, line.strip().removeprefix("- ")])
        else:
            item, _, value = line.partition(": ")
            rows.append([w["verdict"], item, value])
    for key, value in ctx.result.settings.as_dict().items():
        # A nested group (the budget's amounts) gets one row per amount, never a dict printed as text.
        items = value.items() if isinstance(value, dict) else [(None, value)]
        for sub, item in items:
            rows.append([w["settings"], key if sub is None else f"{key}.{sub}", _setting(ctx, item)])
    decisions = ctx.result.decisions
    rows += [
        [w["decisions"], w["fixed"], len(decisions.fixed)],
        [w["decisions"], w["forbidden"], len(decisions.forbidden)],
    ]
    if rounds is not None:
        rows += _round_rows(ctx, rounds)
    rows += [
        [w["program"], w["version"], provenance.version],
        [w["program"], w["case_id"], case_id],
        [w["program"], w["status"], stats.status],
        [w["program"], w["cp_sat"], stats.cp_sat_status],
        [w["program"], w["objective"], stats.objective],
        [w["program"], w["bound"], stats.bound],
        [w["program"], w["exchanges"], stats.exchanges],
        [w["program"], w["types"], stats.dwelling_types],
        [w["program"], w["pairs"], stats.suitable_pairs],
        [w["program"], w["seconds"], round(stats.seconds, 2)],
        [w["program"], w["run_at"], dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)],
        [w["board_rule"], None, board_rule(ctx.result.settings).text(ctx.lang)],
    ]
    rows += [[w["warnings"], None, warning] for warning in ctx.result.warnings]
    rows += [[w["warnings"], None, warning.text(ctx.lang)] for warning in cell_warnings]

    h = ctx.h
    writer = SheetWriter(sheet, ctx.lang)
    placed = writer.table(
        TABLES[ctx.lang]["audit"],
        [h["section"], h["item"], h["value"]],
        ["text", "text", "long"],
        rows,
        freeze=True,
    )
    top = placed.last_row + 3
    title(sheet, top - 1, 1, w["files"])
    files = [[f.name, f.rows, f.sha256] for f in provenance.files]
    writer.table(
        TABLES[ctx.lang]["files"],
        [h["file"], h["rows"], h["sha256"]],
        ["text", "int", "text"],
        files,
        top=top,
        empty_text=w["none"],
    )
    writer.finish()
    print_setup(sheet, title_rows=None)


def _round_rows(ctx: Context, rounds: RoundReport) -> list[list]:
    """This round, where its history came from, and each coordinator's decision with what became of it."""
    w, h = ctx.w, ctx.h
    rows: list[list] = [
        [w["rounds"], w["this_round"], rounds.round],
        [
            w["rounds"],
            w["history_file"],
            Path(rounds.history_file).name if rounds.history_file else w["none"],
        ],
        [w["rounds"], w["reopen_pending"], ctx.yes_no(rounds.reopen_pending)],
    ]
    for status in rounds.pins:
        pin = status.pin
        action = w["give" if pin.action is Action.GIVE else "forbid"]
        parts = [status.text(ctx.lang), pin.reason, f"{h['agreed'].lower()}: {ctx.yes_no(pin.agreed)}"]
        rows.append(
            [
                w["decisions"],
                f"{action} {pin.household_id} → {pin.dwelling_id}",
                "; ".join(p for p in parts if p),
            ]
        )
    return rows


def _setting(ctx: Context, value: object) -> object:
    if isinstance(value, bool):
        return ctx.yes_no(value)
    if value is None or isinstance(value, str | int | float):
        return value
    return str(value)
