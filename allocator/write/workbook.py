"""The coordinators' workbook: offers for the mail merge, the unassigned, the vacancies, a summary with a
chart, explanations, board-review cases and the audit, in Danish (default) or English.

Sheets, in order (``docs/workbook.md`` describes each):

1. Tilbud / Offers (``sheet_offers``)
2. Ikke anvist / Unassigned (``sheet_unassigned``)
3. Boliger / Vacancies (``sheet_vacancies``)
4. Overblik / Summary (``sheet_summary``)
5. Budget / Budget (``sheet_budget``)
6. Begrundelser / Explanations (``sheet_explanations``)
7. Bestyrelse / Board review (``sheet_board``)
8. Historik / History (``sheet_history``): closed offers of earlier rounds
9. Beslutninger / Decisions (``sheet_decisions``): the coordinator's decisions in force
10. Kontrol / Audit (``sheet_audit``)

The offers, history and decisions sheets are what the next round reads (``genhus allocate --history``), so the
latest workbook alone carries every round.

The same result gives the same cells on every sheet but the audit sheet, whose run time is the only time in
the workbook; the document properties carry a fixed date, and the zip entries a fixed time, so that the file
is as stable as the format allows.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

from allocator import __version__
from allocator.check import Audit
from allocator.domain import LANGUAGES
from allocator.provenance import Provenance
from allocator.result import Result
from allocator.rounds import RoundReport, first_round
from allocator.write import (
    sheet_audit,
    sheet_board,
    sheet_budget,
    sheet_decisions,
    sheet_explanations,
    sheet_history,
    sheet_offers,
    sheet_summary,
    sheet_unassigned,
    sheet_vacancies,
)
from allocator.write.atomic import atomic_path
from allocator.write.xlsx_context import Context
from allocator.write.xlsx_words import SHEETS

FIXED_DATE = dt.datetime(2020, 1, 1)
_ZIP_TIME = (2020, 1, 1, 0, 0, 0)


def write_workbook(
    path: str | Path,
    result: Result,
    audit: Audit,
    provenance: Provenance,
    *,
    lang: str = "da",
    rounds: RoundReport | None = None,
) -> None:
    """Write the workbook to ``path`` atomically (a reader never sees a half-written file)."""
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}")
    book = build_workbook(result, audit, provenance, lang=lang, rounds=rounds)
    with atomic_path(path) as tmp:
        _save(book, tmp)


def build_workbook(
    result: Result,
    audit: Audit,
    provenance: Provenance,
    *,
    lang: str = "da",
    rounds: RoundReport | None = None,
) -> Workbook:
    """The workbook in memory (for callers that add sheets of their own before saving).

    ``rounds`` is this run's standing in the offer rounds; without it the run is round 1 with no history.
    """
    ctx = Context(result, lang)
    rounds = rounds if rounds is not None else first_round(result)
    names = SHEETS[lang]
    book = Workbook()
    first = book.active
    first.title = names["offers"]
    sheet_offers.write(first, ctx, rounds)
    sheet_unassigned.write(book.create_sheet(names["unassigned"]), ctx)
    sheet_vacancies.write(book.create_sheet(names["vacancies"]), ctx)
    sheet_summary.write(book.create_sheet(names["summary"]), ctx)
    sheet_budget.write(book.create_sheet(names["budget"]), ctx)
    sheet_explanations.write(book.create_sheet(names["explanations"]), ctx)
    sheet_board.write(book.create_sheet(names["board"]), ctx)
    sheet_history.write(book.create_sheet(names["history"]), ctx, rounds)
    sheet_decisions.write(book.create_sheet(names["decisions"]), ctx, rounds)
    sheet_audit.write(book.create_sheet(names["audit"]), ctx, audit, provenance, rounds=rounds)
    props = book.properties
    props.creator = props.lastModifiedBy = f"genhus {__version__}"
    props.title = "genhus"
    props.created = props.modified = FIXED_DATE
    return book


class _FixedTimeZip(ZipFile):
    """A zip whose entries all carry one fixed time, so that equal content gives equal bytes."""

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):
        if not isinstance(zinfo_or_arcname, ZipInfo):
            zinfo_or_arcname = ZipInfo(zinfo_or_arcname, date_time=_ZIP_TIME)
            zinfo_or_arcname.compress_type = self.compression
            zinfo_or_arcname.external_attr = 0o600 << 16
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        """openpyxl streams each worksheet through a temporary file: store its bytes with the fixed time."""
        self.writestr(arcname or Path(filename).name, Path(filename).read_bytes())


def _save(book: Workbook, target: Path) -> None:
    # openpyxl's save_workbook stamps "modified" with the current time; the writer alone leaves it as set.
    archive = _FixedTimeZip(target, "w", ZIP_DEFLATED, allowZip64=True)
    try:
        ExcelWriter(book, archive).save()
    except BaseException:
        archive.close()
        raise
