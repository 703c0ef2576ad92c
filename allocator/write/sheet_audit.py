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
from allocator.notice import notice_text
from allocator.provenance import Provenance
from allocator.read.decisions import Action
from allocator.rounds import RoundReport
from allocator.write.xlsx_book import CellWarning, Sheet
from allocator.write.xlsx_context import Context
from allocator.write.xlsx_style import note_lines, print_setup, title
from allocator.write.xlsx_table import SheetWriter
from allocator.write.xlsx_words import TABLES, WORDS, board_rule_text, counted, setting_words

_SHOWN = 5  # ids named in a verdict sentence
_DECISION_KINDS = ("decision_broken", "decision_unknown_id", "forbidden_pair")


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
    w, stats, settings = ctx.w, ctx.result.stats, ctx.result.settings
    rows: list[list] = [
        [w["verdict"], w["overall"], w["approved"] if audit.passes(settings.priority) else w["rejected"]],
        *([w["verdict"], label, text] for label, text in verdict_sentences(audit, settings.priority, ctx.lang)),
    ]
    for key, value in settings.as_dict().items():
        if not isinstance(value, dict):
            worded = setting_words(key, value, ctx.lang)
            if worded is not None:
                rows.append([w["settings"], *worded])
    rows.append([w["settings"], w["budget_label"], w["budget_see"]])
    if rounds is not None:
        rows += _round_rows(ctx, rounds)
    rows += [
        [w["program"], w["version"], provenance.version],
        [w["program"], w["case_id"], case_id],
        [w["program"], w["seconds"], round(stats.seconds, 2)],
        [w["program"], w["run_at"], dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)],
        [w["board_rule"], None, board_rule_text(settings, ctx.lang)],
    ]
    rows += [[w["warnings"], None, notice_text(warning, ctx.lang)] for warning in ctx.result.warnings]
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
    placed = writer.table(
        TABLES[ctx.lang]["files"],
        [h["file"], h["rows"], h["sha256"]],
        ["text", "int", "text"],
        files,
        top=top,
        empty_text=w["none"],
    )
    top = placed.last_row + 3
    title(sheet, top - 2, 1, w["technical_title"])
    top += note_lines(sheet, top - 1, w["technical_note"], 110) - 1
    writer.table(
        TABLES[ctx.lang]["technical"],
        [h["section"], h["technical_item"], h["value"]],
        ["text", "text", "long"],
        _technical_rows(ctx, audit),
        top=top,
    )
    writer.finish()
    print_setup(sheet, title_rows=None)


def _technical_rows(ctx: Context, audit: Audit) -> list[list]:
    """The checker's own lines, every setting by its key, and the optimiser's figures: for IT, as in the JSON."""
    w, stats, settings = ctx.w, ctx.result.stats, ctx.result.settings
    rows: list[list] = [[w["verdict_lines"], None, line] for line in audit.verdict_lines(priority=settings.priority)]
    for key, value in settings.as_dict().items():
        # A nested group (the budget's amounts) gets one row per amount, never a dict printed as text.
        items = value.items() if isinstance(value, dict) else [(None, value)]
        for sub, item in items:
            rows.append([w["setting_key"], key if sub is None else f"{key}.{sub}", _setting(item)])
    decisions = ctx.result.decisions
    rows += [
        [w["setting_key"], "fixed_pairs", len(decisions.fixed)],
        [w["setting_key"], "forbidden_pairs", len(decisions.forbidden)],
        [w["solver"], "status", stats.status],
        [w["solver"], "cp_sat_status", stats.cp_sat_status],
        [w["solver"], "objective", stats.objective],
        [w["solver"], "bound", stats.bound],
        [w["solver"], "exchanges", stats.exchanges],
        [w["solver"], "dwelling_types", stats.dwelling_types],
        [w["solver"], "suitable_pairs", stats.suitable_pairs],
    ]
    return rows


def verdict_sentences(audit: Audit, priority: str, lang: str) -> list[tuple[str, str]]:
    """The checker's verdict as plain sentences, one per check, made from its numbers and findings."""
    w = WORDS[lang]
    weighted = priority == "weighted"

    def ids(findings) -> str:
        shown = list(dict.fromkeys(i for f in findings for i in (f.household_ids or f.dwelling_ids)))
        text = ", ".join(shown[:_SHOWN])
        return text + (counted(w, "more", len(shown) - _SHOWN) if len(shown) > _SHOWN else "")

    out = [
        (
            w["check_coverage"],
            counted(
                w,
                "coverage_ok" if audit.coverage_ok else "coverage_bad",
                audit.max_housed if audit.coverage_ok else audit.housed,
                housed=audit.housed,
                max=audit.max_housed,
            ),
        ),
        (
            w["check_permanent"],
            counted(
                w,
                "permanent_ok" if audit.permanent_ok else "permanent_bad",
                audit.max_permanent_housed if audit.permanent_ok else audit.permanent_housed,
                housed=audit.permanent_housed,
                max=audit.max_permanent_housed,
            ),
        ),
    ]
    decision_findings = [f for f in audit.rule_breaches if f.kind in _DECISION_KINDS]
    n_broken = len(decision_findings)
    if audit.fixed or audit.forbidden or decision_findings:
        text = (
            counted(w, "decisions_bad", n_broken, broken=n_broken, ids=ids(decision_findings))
            if decision_findings
            else w["decisions_ok"].format(fixed=audit.fixed, forbidden=audit.forbidden)
        )
        out.append((w["check_decisions"], text))
    for label, found, key in (
        ("check_breaches", audit.rule_breaches, "breaches"),
        ("check_priority", audit.priority_violations, "priority"),
        ("check_seniority", audit.seniority, "seniority"),
        ("check_waste", audit.waste, "waste"),
        ("check_cycles", audit.trade_cycles, "cycles"),
    ):
        text = counted(w, f"{key}_bad", len(found), ids=ids(found)) if found else w[f"{key}_ok"]
        if found and key in ("priority", "seniority") and weighted:
            text += w["priority_weighted"]
        if audit.time is not None and audit.time.partial and key in ("priority", "seniority", "cycles"):
            text += w["time_partial_note"].format(limit=audit.time.exact_limit)
        out.append((w[label], text))
    if audit.time is not None:
        out += _time_sentences(audit.time, w, ids)
    return out


def _time_sentences(time, w: dict[str, str], ids) -> list[tuple[str, str]]:
    """A phased case's time checks: stay windows, overlapping stays, and how far the exact check reached."""
    out = []
    for label, found, key in (
        ("check_stay_windows", time.stay_windows, "stay_windows"),
        ("check_stay_overlaps", time.stay_overlaps, "stay_overlaps"),
    ):
        text = w[f"{key}_bad"].format(n=len(found), ids=ids(found)) if found else w[f"{key}_ok"]
        out.append((w[label], text))
    if time.large_components:
        reach = w["time_reach_partial"].format(
            exact=time.exact_households,
            limit=time.exact_limit,
            sizes=", ".join(str(n) for n in time.large_components),
        )
    else:
        reach = counted(w, "time_reach_all", time.exact_households)
    if not time.coverage_decided:
        reach += " " + w["time_coverage_undecided"]
    if time.undecided:
        reach += " " + w["time_undecided"].format(n=time.undecided)
    out.append((w["check_time_reach"], reach))
    return out


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


def _setting(value: object) -> object:
    if isinstance(value, bool):
        return str(value).lower()
    if value is None or isinstance(value, str | int | float):
        return value
    return str(value)
