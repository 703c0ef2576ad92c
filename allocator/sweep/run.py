"""One run of a sweep: a pure function of the input files (read once), the run's scenario and its seeds.

:func:`run_one` applies the scenario's changes to the files already read, allocates through
``allocator.pipeline.run`` (so the independent checker passes every result), and returns the run's row. Anything
that goes wrong in a run (an allocation the checker rejects, an error in genhus) is the row's ``error``, with its
parameters, so that one bad run does not stop a sweep of hundreds.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from typing import Any

from allocator import pipeline
from allocator.compare import ScenarioRun, compare
from allocator.problems import InputError
from allocator.scenario_inputs import read_inputs
from allocator.sweep import rows
from allocator.sweep.files import InputFiles
from allocator.sweep.spec import RunSpec


class CheckerRejected(Exception):
    """The independent checker rejected a run's allocation (a bug in genhus)."""


def run_one(files: InputFiles, spec: RunSpec, identity: dict[str, Any]) -> dict[str, Any]:
    """The row of one run: ``identity`` (from :func:`allocator.sweep.rows.identity`), status and figures."""
    row = dict(identity)
    try:
        inputs = read_inputs(spec.scenario, reader=files)
        settings = spec.scenario.settings
        outcome = pipeline.run(inputs.instance, settings, inputs.provenance, warnings=inputs.warnings)
        if not outcome.passed:
            raise CheckerRejected(
                "the independent checker rejected the allocation: " + "; ".join(outcome.verdict_lines())
            )
        row.update(ok=True, error=None, **rows.figures(compare([ScenarioRun.from_outcome(inputs, outcome)])))
    except Exception as exc:  # noqa: BLE001 - a failed run is a row, not the end of the sweep
        row.update(ok=False, error=error_text(exc), **rows.failed())
    return row


def error_text(exc: BaseException) -> str:
    """One line: the kind of error and its message."""
    message = exc.report() if isinstance(exc, InputError) else str(exc)
    return (
        f"{type(exc).__name__}: {' / '.join(line.strip() for line in message.splitlines() if line.strip())}"
    )


@contextlib.contextmanager
def quiet_logs() -> Iterator[None]:
    """Runs log nothing below an error: the sweep reports progress, not every run's stages."""
    logger = logging.getLogger("allocator")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)
