"""What each button does, with the same library calls as the command line (``allocator/cli.py``).

- ``check_files``: ``allocator.read.read_instance``, as ``genhus validate``;
- ``allocate``: ``allocator.rounds.load_round`` (with the answered workbook, if any) and ``allocator.pipeline.run``
  and ``pipeline.write``, as ``genhus allocate --history``; the letters with ``allocator.letters``;
- ``preview_round``: ``load_round`` alone, to show what the answers change before the round runs;
- ``run_scenarios``: scenario files written for the variants, then ``allocator.scenario`` and ``allocator.compare``
  and ``write_comparison``, as ``genhus compare``.

The library names input files by the path it was given; the page shows the user's own file name instead
(``shown``), never the private folder.
"""

from __future__ import annotations

import dataclasses
import logging
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from allocator.domain import Settings
from allocator.problems import InputError, InputProblem
from allocator.schedule.settings import ScheduleSettings
from allocator.web.sessions import Session
from allocator.web.worker import Job
from allocator.write.atomic import atomic_path

log = logging.getLogger(__name__)

WORKBOOK, JSON, LETTERS, COMPARISON = "tilbud.xlsx", "resultat.json", "breve.zip", "sammenligning.xlsx"
CALENDAR = "flytteskema.ics"


class Rejected(RuntimeError):
    """The independent checker rejected the allocation: nothing may be offered for download."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("the independent checker rejected the allocation")
        self.lines = lines


@dataclass(frozen=True, slots=True)
class Problems:
    """Input problems, with the private paths replaced by the names the user gave the files."""

    problems: tuple[InputProblem, ...]


@dataclass(frozen=True, slots=True)
class NotFitting:
    """The allocation passed its checker, but its moves do not fit the schedule's capacity and windows:
    ``diagnosis`` (``allocator.schedule.Diagnosis``) says where, as ``genhus allocate --schedule`` does."""

    diagnosis: Any


@dataclass
class Allocation:
    """A passed allocation and its files, with the writers' view of the result (``Context``) and the offers
    table's rows, made once per page language."""

    outcome: Any
    folder: Path
    plan: Any
    warnings: tuple[str, ...]
    files: dict[str, Path] = field(default_factory=dict)
    _contexts: dict[str, Any] = field(default_factory=dict, repr=False)
    _rows: dict[str, Any] = field(default_factory=dict, repr=False)
    _budget: dict[str, Any] = field(default_factory=dict, repr=False)

    def context(self, lang: str):
        from allocator.write.xlsx_context import Context

        if lang not in self._contexts:
            # As the workbook's: how each fixed pair came about, and the schedule, where one was made.
            self._contexts[lang] = Context(
                self.outcome.result, lang, fixed_as=self.outcome.fixed_as, schedule=self.outcome.schedule
            )
        return self._contexts[lang]

    def rows(self, lang: str):
        from allocator.web.views import offer_rows

        if lang not in self._rows:
            self._rows[lang] = offer_rows(self.context(lang))
        return self._rows[lang]

    def budget(self, lang: str):
        """The budget totals (``views.budget_totals``), made once per language: every page of the offers
        table shows them, and for thousands of households they take longer than the rest of the page."""
        from allocator.web.views import budget_totals

        if lang not in self._budget:
            self._budget[lang] = budget_totals(self.context(lang))
        return self._budget[lang]


def shown(session: Session, text: str) -> str:
    """``text`` with every stored file's path replaced by the user's name for it."""
    for stored in session.files.values():
        text = text.replace(str(stored.path), stored.shown_name)
    return text.replace(str(session.folder), "")


def shown_problems(session: Session, problems: list[InputProblem]) -> Problems:
    return Problems(
        tuple(
            InputProblem(
                file=shown(session, p.file),
                message=shown(session, p.message),
                row=p.row,
                column=p.column,
                value=p.value,
            )
            for p in problems
        )
    )


def check_files(session: Session):
    """The households and vacancies read, or their ``Problems``."""
    from allocator.read import read_instance

    h, v = session.files["households"].path, session.files["vacancies"].path
    try:
        data = read_instance(h, v, phases_path=_path(session, "phases"))
    except InputError as exc:
        log.info("web: check found %d problems", len(exc.problems))
        return shown_problems(session, exc.problems)
    log.info(
        "web: check read %d households, %d vacancies and %d phases",
        len(data.instance.households),
        len(data.instance.vacancies),
        len(data.instance.phases),
    )
    return data


def preview_round(session: Session, settings: Settings):
    """The next round's plan from the answered workbook (``RoundPlan``), or ``Problems``."""
    from allocator import rounds

    data = check_files(session)
    if isinstance(data, Problems):
        return data
    try:
        plan, _ = rounds.load_round(
            data.instance,
            settings,
            history_path=_path(session, "history"),
            decisions_path=_path(session, "decisions"),
            households_path=session.files["households"].path,
        )
    except InputError as exc:
        return shown_problems(session, exc.problems)
    return plan


def allocate(
    session: Session, settings: Settings, job: Job, *, run: str, schedule: ScheduleSettings | None = None
) -> Allocation | Problems | NotFitting:
    """Read, plan the round, solve, check, and write the workbook and the JSON into the run's folder; with
    ``schedule``, also book every move (the Flytteskema sheet) and write the calendar, as ``genhus allocate
    --schedule --calendar``.

    Returns ``NotFitting`` when the moves do not fit the schedule (nothing is written).

    Raises
    ------
    Rejected
        When the independent checker rejects the allocation (nothing is written).
    """
    from allocator import pipeline, rounds
    from allocator.provenance import Provenance
    from allocator.schedule import DoesNotFit

    job.set_stage("reading")
    data = check_files(session)
    if isinstance(data, Problems):
        return data
    hpath, history, decisions = (
        session.files["households"].path,
        _path(session, "history"),
        _path(session, "decisions"),
    )
    try:
        plan, past = rounds.load_round(
            data.instance, settings, history_path=history, decisions_path=decisions, households_path=hpath
        )
    except InputError as exc:
        return shown_problems(session, exc.problems)
    files = [
        _described(session, "households", len(data.instance.households)),
        _described(session, "vacancies", len(data.instance.vacancies)),
    ]
    if "phases" in session.files:
        files.append(_described(session, "phases", len(data.instance.phases)))
    if history is not None and past is not None:
        files.append(_described(session, "history", len(past.offers)))
    if decisions is not None:
        files.append(_described(session, "decisions", len(plan.pins)))
    job.set_stage("allocating")
    try:
        outcome = pipeline.run(
            plan.instance,
            settings,
            Provenance(files=tuple(files)),
            decisions=plan.decisions,
            warnings=data.warnings + plan.warnings,
            rounds=plan,
            schedule=schedule,
        )
    except DoesNotFit as exc:
        log.info("web: the moves do not fit the schedule (%d weeks over)", len(exc.diagnosis.over_capacity))
        return NotFitting(exc.diagnosis)
    log.info(
        "web: housed %d of %d households",
        len(outcome.result.assignments),
        len(outcome.result.instance.households),
    )
    if not outcome.passed:
        raise Rejected(outcome.verdict_lines())
    job.set_stage("writing")
    folder = session.outputs(run)
    paths = {"xlsx": folder / WORKBOOK, "json": folder / JSON}
    if outcome.schedule is not None:
        paths["ics"] = folder / CALENDAR
    # The calendar never carries names (``--calendar-names`` is for the command line only): it is shared and
    # synchronised far more widely than the workbook.
    pipeline.write(outcome, out=paths["xlsx"], json_path=paths["json"], calendar=paths.get("ics"))
    warnings = tuple(shown(session, w) for w in outcome.result.warnings)
    return Allocation(outcome=outcome, folder=folder, plan=plan, warnings=warnings, files=paths)


def letters_zip(allocation: Allocation, *, lang: str) -> Path:
    """The offer letters of the allocation's workbook in one zip (made once, on the first download)."""
    from allocator.letters import read_offers, write_letters

    target = allocation.folder / LETTERS
    if target.exists():
        return target
    written = write_letters(read_offers(allocation.files["xlsx"]), allocation.folder / "breve", lang=lang)
    with atomic_path(target) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(written.folder.glob("*.docx")):
            # A fixed time, so that the same letters make the same zip.
            info = zipfile.ZipInfo(path.name, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    log.info("web: %d letters written", len(written.letters))
    return target


@dataclass(frozen=True, slots=True)
class Variant:
    """One scenario of the page: a name of our own (``scenarie-N``) and the changes chosen."""

    name: str
    label: str
    settings: dict[str, Any]
    leave_out_share: float = 0.0


@dataclass
class ScenarioComparison:
    comparison: Any
    variants: tuple[Variant, ...]
    path: Path


def run_scenarios(session: Session, variants: tuple[Variant, ...], job: Job, *, lang: str):
    """Write a scenario file per variant on the session's files, run them all, compare, and write the workbook.

    Returns a ``ScenarioComparison`` or ``Problems``.
    """
    from allocator import compare as comparing
    from allocator import pipeline
    from allocator.scenario import load_scenarios, read_all_inputs
    from allocator.write.comparison import write_comparison

    folder = session.outputs("scenarier")
    paths = []
    for variant in variants:
        path = folder / f"{variant.name}.toml"
        path.write_text(_scenario_toml(session, variant), encoding="utf-8")
        paths.append(path)
    job.set_stage("reading")
    try:
        inputs = read_all_inputs(load_scenarios(paths))
    except InputError as exc:
        return shown_problems(session, exc.problems)
    runs = []
    for k, scenario_input in enumerate(inputs, start=1):
        job.set_stage(f"scenario:{k}:{len(inputs)}")
        outcome = pipeline.run(
            scenario_input.instance,
            scenario_input.scenario.settings,
            scenario_input.provenance,
            warnings=scenario_input.warnings,
        )
        if not outcome.passed:
            raise Rejected(outcome.verdict_lines())
        runs.append(comparing.ScenarioRun.from_outcome(scenario_input, outcome))
    job.set_stage("writing")
    comparison = comparing.compare(runs)
    target = folder / COMPARISON
    write_comparison(target, comparison, lang=lang)
    log.info("web: compared %d scenarios", len(runs))
    return ScenarioComparison(comparison, variants, target)


def _scenario_toml(session: Session, variant: Variant) -> str:
    """A scenario file as ``genhus run`` reads it; values are our own (numbers, booleans, fixed words)."""
    lines = [
        f'name = "{variant.name}"',
        f"description = {_toml_string(variant.label)}",
        "",
        "[inputs]",
        # Our own absolute paths, so that a problem names the file as ``shown`` knows it.
        f"households = {_toml_string(str(session.files['households'].path))}",
        f"vacancies = {_toml_string(str(session.files['vacancies'].path))}",
        *(
            [f"phases = {_toml_string(str(session.files['phases'].path))}"]
            if "phases" in session.files
            else []
        ),
        f"leave_out_vacancy_share = {variant.leave_out_share!r}",
        "",
        "[settings]",
    ]
    budget = variant.settings.get("budget", {})
    lines += [f"{key} = {_toml_value(value)}" for key, value in variant.settings.items() if key != "budget"]
    if budget:
        lines += ["", "[settings.budget]"] + [
            f"{key} = {_toml_value(value)}" for key, value in budget.items()
        ]
    return "\n".join(lines) + "\n"


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return _toml_string(str(value))


def _toml_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(c if c.isprintable() else " " for c in escaped) + '"'


def _described(session: Session, slot: str, rows: int):
    """The file as the workbook's Kontrol sheet lists it: by the user's own name, with its SHA-256."""
    from allocator.provenance import describe_file

    stored = session.files[slot]
    return dataclasses.replace(describe_file(stored.path, rows), name=stored.shown_name)


def _path(session: Session, slot: str) -> Path | None:
    stored = session.files.get(slot)
    return stored.path if stored is not None else None
