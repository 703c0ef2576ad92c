"""Kontrol / Audit: the independent checker's verdict, the settings, the input files with their SHA-256, the
program version, the solver's status and figures, and the run time (the only sheet where a time appears).
"""

from __future__ import annotations

import datetime as dt

from openpyxl.worksheet.worksheet import Worksheet

from allocator.check import Audit
from allocator.explain.board_review import board_rule
from allocator.provenance import Provenance
from allocator.write.xlsx_context import Context
from allocator.write.xlsx_style import print_setup, title
from allocator.write.xlsx_table import SheetWriter
from allocator.write.xlsx_words import TABLES


def write(ws: Worksheet, ctx: Context, audit: Audit, provenance: Provenance) -> None:
    w, stats = ctx.w, ctx.result.stats
    rows: list[list] = [[w["verdict"], w["overall"], w["approved"] if audit.passes(ctx.result.settings.priority) else w["rejected"]]]
    for line in audit.verdict_lines(priority=ctx.result.settings.priority):
        if line.startswith(" "):
            rows.append([w["verdict"], None, line.strip().removeprefix("- ")])
        else:
            item, _, value = line.partition(": ")
            rows.append([w["verdict"], item, value])
    for key, value in ctx.result.settings.as_dict().items():
        rows.append([w["settings"], key, _setting(ctx, value)])
    decisions = ctx.result.decisions
    rows += [
        [w["decisions"], w["fixed"], len(decisions.fixed)],
        [w["decisions"], w["forbidden"], len(decisions.forbidden)],
    ]
    rows += [
        [w["program"], w["version"], provenance.version],
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

    h = ctx.h
    writer = SheetWriter(ws, ctx.lang)
    placed = writer.table(
        TABLES[ctx.lang]["audit"],
        [h["section"], h["item"], h["value"]],
        ["text", "text", "long"],
        rows,
        freeze=True,
    )
    top = placed.last_row + 3
    title(ws, top - 1, 1, w["files"])
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
    print_setup(ws, title_rows=None)


def _setting(ctx: Context, value: object) -> object:
    if isinstance(value, bool):
        return ctx.yes_no(value)
    if value is None or isinstance(value, str | int | float):
        return value
    return str(value)
