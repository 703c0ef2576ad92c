"""The coordinators' workbook: offers for the mail merge, the unassigned, the vacancies, a summary with a
chart, explanations, board-review cases and the audit, in Danish (default) or English.

Sheets, in order (``docs/workbook.md`` describes each):

1. Tilbud / Offers (``sheet_offers``)
2. Ikke anvist / Unassigned (``sheet_unassigned``)
   Kræver koordinatoren / Needs the coordinator (``sheet_blocked``), in a round with households that offers
   still out keep from a dwelling that suits them
3. Boliger / Vacancies (``sheet_vacancies``)
   In a phased case only (issue 12): Etaper / Phases (``sheet_phases``) and Belægning / Occupancy
   (``sheet_occupancy``)
4. Overblik / Summary (``sheet_summary``)
5. Budget / Budget (``sheet_budget``)
6. Begrundelser / Explanations (``sheet_explanations``)
7. Bestyrelse / Board review (``sheet_board``)
8. Historik / History (``sheet_history``): closed offers of earlier rounds
9. Beslutninger / Decisions (``sheet_decisions``): the coordinator's decisions in force
10. Kontrol / Audit (``sheet_audit``)
11. genhus, hidden: the case identity (``case_identity``), which Excel keeps when it saves the workbook

The offers, history and decisions sheets are what the next round reads (``genhus allocate --history``), so the
latest workbook alone carries every round.

The same result gives the same cells on every sheet but the audit sheet, whose run time is the only time in
the workbook; the document properties carry a fixed date, and the zip entries a fixed time, so that the file
is as stable as the format allows.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from allocator.check import Audit
from allocator.domain import LANGUAGES
from allocator.explain.fixed import fixed_kinds_reported
from allocator.explain.wishes import WishFacts
from allocator.provenance import Provenance
from allocator.result import Result
from allocator.rounds import RoundReport, first_round
from allocator.schedule import Schedule
from allocator.write import (
    sheet_audit,
    sheet_blocked,
    sheet_board,
    sheet_budget,
    sheet_decisions,
    sheet_explanations,
    sheet_history,
    sheet_occupancy,
    sheet_offers,
    sheet_phases,
    sheet_schedule,
    sheet_summary,
    sheet_unassigned,
    sheet_vacancies,
)
from allocator.write.atomic import atomic_path
from allocator.write.case_identity import SHEET as CASE_SHEET
from allocator.write.case_identity import TABLE as CASE_TABLE
from allocator.write.case_identity import CaseIdentity, case_identity, read_case
from allocator.write.xlsx_book import FIXED_DATE, Book, CellWarning
from allocator.write.xlsx_context import Context
from allocator.write.xlsx_table import SheetWriter
from allocator.write.xlsx_words import PHASE_SHEETS, SHEETS

__all__ = ["FIXED_DATE", "CellWarning", "write_workbook"]
log = logging.getLogger(__name__)


def write_workbook(
    path: str | Path,
    result: Result,
    audit: Audit,
    provenance: Provenance,
    *,
    lang: str = "da",
    rounds: RoundReport | None = None,
    case_id: str | None = None,
    out_name: str | None = None,
    explained: WishFacts | None = None,
    schedule: Schedule | None = None,
) -> tuple[CellWarning, ...]:
    """Write the workbook to ``path`` atomically (a reader never sees a half-written file).

    ``rounds`` is this run's standing in the offer rounds; without it the run is round 1 with no history.
    ``case_id`` is the case this workbook belongs to (``case_identity``); by default the one recorded in the
    round's history workbook, or, in a first round, one made from the input files.
    ``out_name`` is the name the workbook is known by (for the next round's command), when ``path`` is a
    temporary file that is renamed afterwards.
    ``explained`` is the explain stage's answer (``allocator.explain.wishes.explain_wishes``), computed here
    when not given.
    ``schedule`` is the moving schedule where one was made: it adds the Flytteskema sheet after the offers
    and the budget's empty rent comes from its dates.
    Returns the text cells that had to be changed to fit Excel (each is also logged as a warning, and those
    of the sheets before the audit sheet are listed on it).
    """
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}")
    with atomic_path(path) as tmp:
        book = Book(tmp)
        try:
            _write_sheets(
                book,
                result,
                audit,
                provenance,
                lang=lang,
                rounds=rounds,
                case_id=case_id,
                out_name=out_name or Path(path).name,
                explained=explained,
                schedule=schedule,
            )
        finally:
            book.close()
    for warning in book.warnings:
        log.warning("%s", warning.text("en"))
    return tuple(book.warnings)


def _write_sheets(
    book: Book,
    result: Result,
    audit: Audit,
    provenance: Provenance,
    *,
    lang: str,
    rounds: RoundReport | None,
    case_id: str | None,
    out_name: str,
    explained: WishFacts | None = None,
    schedule: Schedule | None = None,
) -> None:
    rounds = rounds if rounds is not None else first_round(result)
    ctx = Context(result, lang, explained, fixed_kinds_reported(result.decisions, rounds), schedule=schedule)
    if case_id is None and rounds.history_file and Path(rounds.history_file).is_file():
        try:
            earlier = read_case(rounds.history_file)
        except (ValueError, OSError, KeyError) as exc:
            log.warning("the history workbook's case record could not be read: %s", exc)
            earlier = None
        case_id = earlier.case_id if earlier is not None else None
    case = case_identity(provenance, round=rounds.round, carried=case_id)
    names = SHEETS[lang]
    sheet_offers.write(book.sheet(names["offers"]), ctx, rounds)
    if schedule is not None:
        sheet_schedule.write(
            book.sheet(names["schedule"]), schedule, ctx.household_by_id, ctx.vacancy_by_id, lang
        )
    sheet_unassigned.write(book.sheet(names["unassigned"]), ctx)
    if rounds.blocked:  # households a pending offer keeps from their dwelling: the coordinator decides
        command = sheet_blocked.reopen_command(provenance, rounds, out_name)
        sheet_blocked.write(book.sheet(names["blocked"]), ctx, rounds, command)
    sheet_vacancies.write(book.sheet(names["vacancies"]), ctx)
    if result.instance.phased:
        sheet_phases.write(book.sheet(PHASE_SHEETS[lang]["phases"]), ctx)
        sheet_occupancy.write(book.sheet(PHASE_SHEETS[lang]["occupancy"]), ctx)
    final_offers = sum(1 for h in ctx.households if rounds.of(h.household_id).final)
    sheet_summary.write(
        book.sheet(names["summary"]),
        ctx,
        next_command=next_round_command(provenance, out_name, rounds.round, phased=result.instance.phased),
        final_offers=final_offers,
        blocked=len(rounds.blocked),
    )
    sheet_budget.write(book.sheet(names["budget"]), ctx)
    sheet_explanations.write(book.sheet(names["explanations"]), ctx)
    sheet_board.write(book.sheet(names["board"]), ctx)
    sheet_history.write(book.sheet(names["history"]), ctx, rounds)
    sheet_decisions.write(book.sheet(names["decisions"]), ctx, rounds)
    sheet_audit.write(
        book.sheet(names["audit"]),
        ctx,
        audit,
        provenance,
        rounds=rounds,
        case_id=case.case_id,
        cell_warnings=tuple(book.warnings),
    )
    _case_sheet(book, case)


def next_round_command(provenance: Provenance, out_name: str, round: int, *, phased: bool = False) -> str:
    """``genhus allocate HUSSTANDE VAKANCER --history THIS --out NEXT`` with this run's file names (and, in a
    phased case, ``--phases`` with the third input file, where ``allocate`` lists it)."""
    names = [f.name for f in provenance.files]
    households = names[0] if len(names) > 0 else "HUSSTANDE.xlsx"
    vacancies = names[1] if len(names) > 1 else "BOLIGER.xlsx"
    phases = f" --phases {_quoted(names[2] if len(names) > 2 else 'ETAPER.xlsx')}" if phased else ""
    stem = Path(out_name).stem
    found = re.search(r"(\d+)$", stem)
    if found:
        following = f"{stem[: found.start()]}{int(found.group(1)) + 1}"
    else:
        following = f"{stem}-runde-{round + 1}"
    return f"genhus allocate {_quoted(households)} {_quoted(vacancies)}{phases} --history {_quoted(out_name)} " \
        f"--out {_quoted(following + Path(out_name).suffix)}"


def _quoted(name: str) -> str:
    return f'"{name}"' if any(c.isspace() for c in name) else name


def _case_sheet(book: Book, case: CaseIdentity) -> None:
    """The hidden ``genhus`` sheet: the case identity as key/value text rows (``case_identity``)."""
    sheet = book.sheet(CASE_SHEET)
    writer = SheetWriter(sheet, "en")
    writer.table(CASE_TABLE, ["key", "value"], ["text", "text"], case.rows(), freeze=True)
    writer.finish()
    sheet.ws.hide()
