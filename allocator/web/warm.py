"""Warming the library up when the server starts, so that the coordinator's first run does not pay for it.

The pages import the solver, the readers and the writers only when a run needs them, so that the server starts
at once; the first run in a process would then spend about two seconds importing OR-Tools, pandas and the
writers, and on their first use. At server start a background thread imports them and runs a made-up
two-household case (no personal data) through the same reader, pipeline and writers, in a temporary folder that
is removed at once. It runs once per process; a run the user starts meanwhile simply waits for the imports.
"""

from __future__ import annotations

import logging
import tempfile
import threading
from pathlib import Path

log = logging.getLogger(__name__)

_done = threading.Event()
_lock = threading.Lock()
_started = False

_HOUSEHOLDS = (
    "Husstand-ID;Afdeling;Kommune;Antal personer;Antal rum;Genhusningstype;Anciennitetsdato;Ønske 1\n"
    "W1;Nord;Hvidovre;1;2;permanent;01-01-2000;Syd\n"
    "W2;Nord;Hvidovre;2;3;midlertidig;01-01-2010;Syd\n"
)
_VACANCIES = (
    "Bolig-ID;Afdeling;Kommune;Antal rum;Husleje;Adresse\n"
    "V1;Syd;Hvidovre;2;5000;Vej 1\n"
    "V2;Syd;Hvidovre;3;6000;Vej 2\n"
)


def warm_up() -> threading.Event:
    """Start the warm-up (once per process); the event is set when it has finished, or failed."""
    global _started
    with _lock:
        if not _started:
            _started = True
            threading.Thread(target=_run, name=_THREAD, daemon=True).start()
    return _done


class _OwnLinesOnly(logging.Filter):
    """Drops the warm-up's own progress lines (the made-up case's "writing o.xlsx" would puzzle a coordinator
    at start); other threads' records, and the warm-up's warnings, pass."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.threadName != _THREAD or record.levelno >= logging.WARNING


_THREAD = "genhus-warm-up"


def _run() -> None:
    quiet = _OwnLinesOnly()
    handlers = list(logging.getLogger().handlers)
    for handler in handlers:
        handler.addFilter(quiet)
    try:
        from allocator import pipeline, rounds  # noqa: F401 (imported for the first run)
        from allocator.domain import Settings
        from allocator.provenance import Provenance
        from allocator.read import read_instance
        from allocator.web import views  # noqa: F401
        from allocator.write import sheet_audit, xlsx_context  # noqa: F401

        with tempfile.TemporaryDirectory(prefix="genhus-warm-") as tmp:
            folder = Path(tmp)
            (folder / "h.csv").write_text(_HOUSEHOLDS, encoding="utf-8")
            (folder / "v.csv").write_text(_VACANCIES, encoding="utf-8")
            data = read_instance(folder / "h.csv", folder / "v.csv")
            outcome = pipeline.run(data.instance, Settings(), Provenance(files=()))
            if outcome.passed:
                pipeline.write(outcome, out=folder / "o.xlsx", json_path=folder / "o.json")
    except Exception as exc:  # the first run then pays the imports itself; nothing else changes
        log.warning("web: warm-up failed (%s)", type(exc).__name__)
    finally:
        for handler in handlers:
            handler.removeFilter(quiet)
        _done.set()
