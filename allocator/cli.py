"""The ``genhus`` command line: parse, call the library, write. Logging is configured here and nowhere else.

Exit codes: 0 done; 2 bad input (a readable report on stderr, no traceback); 1 anything else, including an
allocation the independent checker rejects (a bug, reported loudly and never written out as offers).

Each command imports what it needs when it runs, so ``genhus --help`` and ``genhus validate`` start fast and never
load the solver.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from allocator.domain import (
    LANGUAGES,
    PRIORITY_MODES,
    SIZE_RULES,
    TEMPORARY_SIZE_RULES,
    WISH_MODES,
    DomainError,
    Settings,
)
from allocator.problems import InputError
from allocator.write.xlsx_words import SHEETS, WORDS

if TYPE_CHECKING:
    from allocator.pipeline import Outcome
    from allocator.read import ReadResult
    from allocator.scenario import ScenarioInput

log = logging.getLogger("allocator")

EXIT_BAD_INPUT = 2
EXIT_FAILURE = 1


def _input_options(f):
    f = click.option("--phases-sheet", default=None, help="Sheet of the phases workbook (default: first).")(f)
    f = click.option("--phases", "phases_path", type=click.Path(dir_okay=False), default=None,
                     help="Phases file (.xlsx or .csv): Etape, Byggestart, Klar til tilbageflytning, Navn.")(f)
    f = click.option("--vacancy-sheet", default=None, help="Sheet of the vacancies workbook (default: first).")(f)
    f = click.option("--household-sheet", default=None, help="Sheet of the households workbook (default: first).")(f)
    f = click.argument("vacancies", type=click.Path(dir_okay=False))(f)
    f = click.argument("households", type=click.Path(dir_okay=False))(f)
    return f


def _schedule_options(f):
    """The moving schedule's options (issue 13), shared by allocate, run and schedule."""
    f = click.option("--calendar-names", is_flag=True,
                     help="Put the households' names in the calendar's event titles (personal data).")(f)
    f = click.option("--calendar", "calendar_path", type=click.Path(dir_okay=False),
                     help="Write the moves as calendar events (.ics).")(f)
    f = click.option("--moves-per-week", type=int, default=None, help="Moves the crews can do in a week.")(f)
    f = click.option("--moves-per-day", type=int, default=None,
                     help="Moves the crews can do on a working day (default 4, or the scenario's).")(f)
    f = click.option("--schedule-from", type=click.DateTime(formats=["%Y-%m-%d", "%d-%m-%Y"]), default=None,
                     help="The day the schedule is made (default: today); moves come notice_days later.")(f)
    return f


@click.group()
@click.version_option(package_name="genhus")
def main() -> None:
    """genhus: who moves where when a social-housing estate is renovated."""


@main.command()
@_input_options
@click.option("--quiet", "-q", is_flag=True, help="Print only problems.")
def validate(households: str, vacancies: str, household_sheet: str | None, vacancy_sheet: str | None,
             phases_path: str | None, phases_sheet: str | None, quiet: bool) -> None:
    """Read both files and report every problem, without allocating."""
    _configure_logging(quiet)
    data = _read(households, vacancies, household_sheet, vacancy_sheet, phases_path, phases_sheet)
    instance = data.instance
    n_perm = sum(1 for h in instance.households if h.kind.value == "permanent")
    phases = f" in {len(instance.phases)} phases" if instance.phased else ""
    click.echo(
        f"{len(instance.households)} households ({n_perm} permanent, {len(instance.households) - n_perm} temporary)"
        f"{phases}, {len(instance.vacancies)} vacancies: the files can be read."
    )


@main.command()
@_input_options
@click.option("--out", "out", type=click.Path(dir_okay=False), help="Offers workbook to write (.xlsx).")
@click.option("--json", "json_path", type=click.Path(dir_okay=False), help="JSON result to write.")
@click.option("--lang", type=click.Choice(LANGUAGES), default="da", show_default=True,
              help="Language of the workbook.")
@click.option("--overlap-days", type=int, default=14, show_default=True,
              help="Days a dwelling must be free before the household's move-by date.")
@click.option("--size-rule", type=click.Choice(SIZE_RULES), default="range", show_default=True,
              help="Which room counts are suitable.")
@click.option("--temporary-size-rule", type=click.Choice(TEMPORARY_SIZE_RULES), default="same", show_default=True,
              help="Size rule of temporary households: as everyone's, or at least one room per two persons.")
@click.option("--wishes", type=click.Choice(WISH_MODES), default="soft", show_default=True,
              help="hard: a household with wishes only gets dwellings in its wished departments.")
@click.option("--temporary-other-municipality", is_flag=True,
              help="Temporary households may be rehoused in another municipality.")
@click.option("--priority", type=click.Choice(PRIORITY_MODES), default="strict", show_default=True,
              help="strict: permanent first, then seniority, met exactly; weighted: one weighted objective.")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Seed of the draw between households with the same kind and seniority date.")
@click.option("--workers", type=int, default=1, show_default=True, help="CP-SAT workers (result is the same).")
@click.option("--time-limit", type=float, default=60.0, show_default=True, help="CP-SAT time limit in seconds.")
@click.option("--history", "history_path", type=click.Path(dir_okay=False),
              help="The previous round's workbook with the responses filled in: accepted offers are kept, "
                   "refused dwellings never come back, offers without a response stay out.")
@click.option("--decisions", "decisions_path", type=click.Path(dir_okay=False),
              help="Coordinator's decisions (.xlsx or .csv): household, dwelling, tildel/udeluk, reason, "
                   "agreed with the household.")
@click.option("--reopen-pending", is_flag=True,
              help="Let the optimiser move offers that have no response yet instead of keeping them.")
@click.option("--force-history", is_flag=True,
              help="Keep accepted and pending offers of --history whose household's name differs or that break "
                   "a rule on this round's data, with a warning per row, instead of refusing them.")
@click.option("--max-offers", type=int, default=2, show_default=True,
              help="Offers a household gets; the last is the landlord's decision (almenlejeloven § 86).")
@click.option("--max-offers-temporary", type=int, default=None,
              help="The same for temporary households (default: as --max-offers).")
@click.option("--turnaround-days", type=int, default=14, show_default=True,
              help="With --phases: days a dwelling needs between one household moving out and the next moving in.")
@click.option("--schedule", "scheduled", is_flag=True,
              help="Also give every move a date within the crews' capacity (the Flytteskema sheet).")
@_schedule_options
@click.option("--quiet", "-q", is_flag=True, help="Print only the result line and problems.")
def allocate(households: str, vacancies: str, household_sheet: str | None, vacancy_sheet: str | None,
             phases_path: str | None, phases_sheet: str | None, out: str | None, json_path: str | None, lang: str,
             overlap_days: int, size_rule: str,
             temporary_size_rule: str, wishes: str, temporary_other_municipality: bool, priority: str, seed: int,
             workers: int, time_limit: float, history_path: str | None, decisions_path: str | None,
             reopen_pending: bool, force_history: bool, max_offers: int, max_offers_temporary: int | None,
             turnaround_days: int, scheduled: bool, schedule_from, moves_per_day: int | None,
             moves_per_week: int | None, calendar_path: str | None, calendar_names: bool, quiet: bool) -> None:
    """Allocate vacancies to households, check the result independently, and write the offers.

    With --history, this is the next offer round after that workbook's (see "Offer rounds" in the README).
    """
    from allocator import rounds
    from allocator.provenance import Provenance, describe_file

    _configure_logging(quiet)
    _refuse_overwriting_inputs([out, json_path, calendar_path],
                               [households, vacancies, history_path, decisions_path, phases_path])
    _check_outputs(out, json_path)
    schedule = _schedule_settings(None, scheduled or bool(calendar_path), schedule_from, moves_per_day,
                                  moves_per_week, calendar_path)
    try:
        settings = Settings(
            overlap_days=overlap_days, size_rule=size_rule, temporary_size_rule=temporary_size_rule,
            wishes=wishes, lang=lang, tie_break_seed=seed, workers=workers, time_limit_s=time_limit,
            temporary_other_municipality=temporary_other_municipality, priority=priority,
            max_offers=max_offers, max_offers_temporary=max_offers_temporary, turnaround_days=turnaround_days,
        )
    except DomainError as exc:
        _fail(f"bad setting: {exc}", EXIT_BAD_INPUT)
    data = _read(households, vacancies, household_sheet, vacancy_sheet, phases_path, phases_sheet)
    try:
        plan, history = rounds.load_round(
            data.instance, settings, history_path=history_path, decisions_path=decisions_path,
            households_path=households, reopen_pending=reopen_pending, force_history=force_history,
        )
    except InputError as exc:
        _fail(exc.report(), EXIT_BAD_INPUT)
    _echo_warnings(plan.warnings)
    files = [
        describe_file(households, len(data.instance.households)),
        describe_file(vacancies, len(data.instance.vacancies)),
    ]
    if phases_path:
        files.append(describe_file(phases_path, len(data.instance.phases)))
    if history_path and history is not None:
        files.append(describe_file(history_path, len(history.offers)))
    if decisions_path:
        files.append(describe_file(decisions_path, len(plan.pins)))
    provenance = Provenance(files=tuple(files))
    log.info("offer round %d: %d households keep an earlier offer, %d decisions", plan.round,
             len(plan.carried), len(plan.pins))
    outcome = _scheduled(lambda: _run_pipeline(plan.instance, settings, provenance, decisions=plan.decisions,
                                               warnings=data.warnings + plan.warnings, rounds=plan,
                                               schedule=schedule))
    _report(outcome)
    _echo_blocked(outcome, out)
    _write(outcome, out=out, json_path=json_path, calendar=calendar_path, calendar_names=calendar_names)
    if not out and not json_path:
        click.echo("nothing was written: give --out FILE.xlsx for the offers workbook (and --json FILE.json for "
                   f"the result), e.g.\n  {_this_command_with('--out tilbud.xlsx')}")
    _echo_timings()


@main.command("run")
@click.argument("scenario_file", type=click.Path(dir_okay=False))
@click.option("--out-dir", default="out", show_default=True, type=click.Path(file_okay=False),
              help="Folder in which the scenario's own folder, named after it, is written.")
@click.option("--schedule", "scheduled", is_flag=True,
              help="Also give every move a date ([settings.schedule] of the scenario, or the defaults).")
@_schedule_options
@click.option("--quiet", "-q", is_flag=True, help="Print only the result line and problems.")
def run_scenario(scenario_file: str, out_dir: str, scheduled: bool, schedule_from, moves_per_day: int | None,
                 moves_per_week: int | None, calendar_path: str | None, calendar_names: bool, quiet: bool) -> None:
    """Run one scenario file: allocate, check, and write OUT_DIR/<name>/offers.xlsx and result.json."""
    from allocator import compare as comparing

    _configure_logging(quiet)
    (inputs,) = _scenario_inputs([scenario_file])
    scenario = inputs.scenario
    schedule = _schedule_settings(scenario.schedule, scheduled or bool(calendar_path), schedule_from,
                                  moves_per_day, moves_per_week, calendar_path)
    log.info("scenario %s: allocating", scenario.name)
    outcome = _scheduled(lambda: _run_pipeline(inputs.instance, scenario.settings, inputs.provenance,
                                               warnings=inputs.warnings, schedule=schedule))
    _report(outcome)
    folder = Path(out_dir) / scenario.name
    _write(outcome, out=folder / comparing.WORKBOOK_FILE, json_path=folder / comparing.RESULT_FILE,
           calendar=calendar_path, calendar_names=calendar_names)
    click.echo(f"wrote {folder / comparing.WORKBOOK_FILE} and {folder / comparing.RESULT_FILE}")


@main.command("compare")
@click.argument("scenario_files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--out", default="out/comparison.xlsx", show_default=True, type=click.Path(dir_okay=False),
              help="Comparison workbook to write (.xlsx).")
@click.option("--use-saved", "saved", default=None, type=click.Path(file_okay=False),
              help="Read each scenario's result.json from DIR/<name>/ (written by genhus run --out-dir DIR) "
              "instead of running it.")
@click.option("--lang", type=click.Choice(LANGUAGES), default="da", show_default=True,
              help="Language of the workbook.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the headline table and problems.")
def compare_scenarios(scenario_files: tuple[str, ...], out: str, saved: str | None, lang: str, quiet: bool) -> None:
    """Run (or read) two or more scenarios and write a workbook comparing them."""
    from allocator import compare as comparing
    from allocator.write.comparison import headline_text, write_comparison

    _configure_logging(quiet)
    if len(scenario_files) < 2:
        _fail("compare needs at least two scenario files", EXIT_BAD_INPUT)
    all_inputs = _scenario_inputs(scenario_files)
    runs, problems = [], []
    for k, inputs in enumerate(all_inputs, start=1):
        scenario = inputs.scenario
        if saved:
            log.info("scenario %d of %d, %s: reading its saved result", k, len(all_inputs), scenario.name)
            try:
                runs.append(comparing.load_saved(inputs, saved))
            except InputError as exc:
                problems += exc.problems
            continue
        log.info("scenario %d of %d, %s: allocating", k, len(all_inputs), scenario.name)
        outcome = _run_pipeline(inputs.instance, scenario.settings, inputs.provenance, warnings=inputs.warnings)
        if not outcome.passed:
            click.echo(f"scenario {scenario.name}:", err=True)
            _report(outcome)
        runs.append(comparing.ScenarioRun.from_outcome(inputs, outcome))
    if problems:
        _fail(InputError(problems).report(), EXIT_BAD_INPUT)
    comparison = comparing.compare(runs)
    click.echo(headline_text(comparison))
    log.info("writing %s", Path(out).name)
    write_comparison(out, comparison, lang=lang)
    click.echo(f"wrote {out}")


@main.command("sweep")
@click.argument("sweep_file", type=click.Path(dir_okay=False))
@click.option("--out", "out_dir", default=None, type=click.Path(file_okay=False),
              help="Folder for runs.parquet and summary.xlsx (default: out/<the sweep's name>).")
@click.option("--workers", type=int, default=None,
              help="Local worker processes (default: one per core; 1 runs everything in this process).")
@click.option("--scheduler", default=None, help="Run on an existing Dask cluster: tcp://HOST:PORT.")
@click.option("--cluster", "local_cluster", default=None, help="Start a local Dask cluster for the sweep: local:N.")
@click.option("--resume", is_flag=True, help="Go on with the results already in the folder: skip the runs done.")
@click.option("--fresh", is_flag=True, help="Discard the results already in the folder and start again.")
@click.option("--lang", type=click.Choice(LANGUAGES), default="da", show_default=True,
              help="Language of the summary workbook.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the result line and problems.")
def sweep(sweep_file: str, out_dir: str | None, workers: int | None, scheduler: str | None,
          local_cluster: str | None, resume: bool, fresh: bool, lang: str, quiet: bool) -> None:
    """Run a sweep file: a base scenario over a grid of settings and seeded draws, one row per run."""
    import importlib.util

    _configure_logging(quiet)
    needed = ["pyarrow"] + (["dask", "distributed"] if scheduler or local_cluster else [])
    missing = [name for name in needed if importlib.util.find_spec(name) is None]
    if missing:
        _fail(f"genhus sweep needs {', '.join(missing)}: pip install \"genhus[cluster]\"", EXIT_FAILURE)
    from allocator.sweep.execute import Engine, prepare, run_sweep
    from allocator.sweep.progress import Progress

    problems = []
    if scheduler and local_cluster:
        problems.append("--scheduler and --cluster: give one of the two")
    if resume and fresh:
        problems.append("--resume and --fresh: give one of the two")
    if workers is not None and workers < 1:
        problems.append(f"--workers {workers}: must be at least 1")
    engine = Engine("pool", workers) if workers != 1 else Engine("sequential")
    if scheduler:
        engine = Engine("dask", scheduler=scheduler)
    elif local_cluster:
        from allocator.sweep.cluster import parse_cluster

        try:
            engine = Engine("dask", workers=parse_cluster(local_cluster))
        except ValueError as exc:
            problems.append(str(exc))
    if problems:
        _fail("\n".join(problems), EXIT_BAD_INPUT)
    try:
        prepared = prepare(sweep_file)
    except InputError as exc:
        _fail(exc.report(), EXIT_BAD_INPUT)
    _echo_warnings(prepared.warnings)
    folder = Path(out_dir) if out_dir else Path("out") / prepared.sweep.name
    log.info("sweep %s: %d runs (%d grid points x %s) %s", prepared.sweep.name, len(prepared.tasks),
             len(prepared.sweep.points), f"{prepared.sweep.draws} draws" if prepared.sweep.draws else "1 run",
             engine.describe())
    progress = Progress(len(prepared.tasks), quiet=quiet)
    try:
        report = run_sweep(prepared, folder, engine, resume=resume, fresh=fresh, lang=lang, progress=progress)
    except InputError as exc:
        _fail(exc.report(), EXIT_BAD_INPUT)
    except ConnectionError as exc:
        _fail(str(exc), EXIT_FAILURE)
    except KeyboardInterrupt:
        _fail(f"stopped; the runs done are kept in {folder}: go on with --resume", EXIT_FAILURE)
    click.echo(f"{len(report.rows)} runs ({report.ran} now, {report.reused} from before), {report.failed} failed; "
               f"wrote {report.runs_path} and {report.summary_path}")


@main.command("letters")
@click.argument("workbook", type=click.Path(dir_okay=False))
@click.option("--out", "out_dir", default="breve", show_default=True, type=click.Path(file_okay=False),
              help="Folder to write the letters in (new, empty, or holding only an earlier run's letters).")
@click.option("--template", type=click.Path(dir_okay=False),
              help="Your own Word template (.docx) with {{ fields }} (see README, 'Offer letters').")
@click.option("--save-template", type=click.Path(dir_okay=False),
              help="Write the default template to this file (to edit in Word) and stop.")
@click.option("--lang", type=click.Choice(LANGUAGES), default="da", show_default=True,
              help="Language of the letters.")
@click.option("--date", "letter_date", type=click.DateTime(formats=["%Y-%m-%d", "%d-%m-%Y"]), default=None,
              help="Date of the letters (default: today).")
@click.option("--answer-days", type=int, default=14, show_default=True,
              help="The answer deadline is this many days after --date.")
@click.option("--coordinator", default=None, help="Coordinator's name, for the letters.")
@click.option("--phone", default=None, help="Coordinator's phone number, for the letters.")
def letters(workbook: str, out_dir: str, template: str | None, save_template: str | None, lang: str,
            letter_date, answer_days: int, coordinator: str | None, phone: str | None) -> None:
    """Write an offer letter (.docx) per household with an offer in WORKBOOK, and all of them in one document."""
    from allocator.letters import read_offers, write_letters
    from allocator.letters.template import default_template
    from allocator.write.atomic import atomic_path

    if save_template:
        with atomic_path(save_template) as tmp:
            tmp.write_bytes(default_template(lang))
        click.echo(f"wrote the default template to {save_template}")
        return
    try:
        offers = read_offers(workbook)
        written = write_letters(offers, out_dir, lang=lang, template=template,
                                date=letter_date.date() if letter_date else None, answer_days=answer_days,
                                coordinator=coordinator, phone=phone)
    except InputError as exc:
        _fail(exc.report(), EXIT_BAD_INPUT)
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        _fail(f"could not write{where}: {exc.strerror or exc}. Is a letter open in Word, or the folder read-only?",
              EXIT_FAILURE)
    if written.combined is None:
        click.echo(f"no household in {workbook} has an offer: no letters written")
        return
    click.echo(f"wrote {len(written.letters)} letters to {written.folder}{os.sep} "
               f"and all of them in {written.combined.name} for printing")


@main.command("schedule")
@_input_options
@click.argument("workbook", type=click.Path(dir_okay=False))
@click.option("--out", "out", type=click.Path(dir_okay=False), help="Schedule workbook to write (.xlsx).")
@click.option("--json", "json_path", type=click.Path(dir_okay=False), help="The schedule as JSON.")
@click.option("--booked", "booked_path", type=click.Path(dir_okay=False),
              help="A Flytteskema workbook whose 'Fast dato' column keeps moves on their dates "
                   "(default: WORKBOOK's own Flytteskema sheet, if it has one).")
@click.option("--overlap-days", type=int, default=14, show_default=True,
              help="Days a household holds both dwellings (as for allocate).")
@click.option("--turnaround-days", type=int, default=14, show_default=True,
              help="With --phases: days a dwelling needs between one household moving out and the next moving in.")
@click.option("--notice-days", type=int, default=None, help="No move sooner than this after --schedule-from (90).")
@click.option("--earliest-move-days", type=int, default=None,
              help="How many days before its move-by date a household may move at the earliest "
                   "(default: --overlap-days).")
@click.option("--return-days", type=int, default=None,
              help="A temporary household moves back within this many days of its phase's ready date (14).")
@click.option("--closed", "closed_days", multiple=True,
              help="A closed day or range, e.g. 2027-07-05..2027-07-30 (may be given several times).")
@click.option("--lang", type=click.Choice(LANGUAGES), default="da", show_default=True,
              help="Language of the workbook and the calendar.")
@_schedule_options
@click.option("--quiet", "-q", is_flag=True, help="Print only the result line and problems.")
def schedule_moves(households: str, vacancies: str, household_sheet: str | None, vacancy_sheet: str | None,
                   phases_path: str | None, phases_sheet: str | None, turnaround_days: int, workbook: str,
                   out: str | None, json_path: str | None, booked_path: str | None, overlap_days: int,
                   notice_days: int | None, earliest_move_days: int | None, return_days: int | None,
                   closed_days: tuple[str, ...], lang: str, schedule_from,
                   moves_per_day: int | None, moves_per_week: int | None, calendar_path: str | None,
                   calendar_names: bool, quiet: bool) -> None:
    """Give every accepted and pending offer in WORKBOOK (written by genhus allocate) its moving dates."""
    import dataclasses
    import json

    from allocator.check.schedule import check as check_schedule
    from allocator.notice import notice_text
    from allocator.schedule import DoesNotFit, make_schedule
    from allocator.schedule.booked import read_booked
    from allocator.schedule.calendar_export import write_calendar
    from allocator.schedule.offers import accepted_assignments
    from allocator.write.atomic import atomic_paths
    from allocator.write.schedule_workbook import write_schedule_workbook

    _configure_logging(quiet)
    _refuse_overwriting_inputs([out, json_path, calendar_path], [households, vacancies, workbook, phases_path])
    _check_outputs(out, json_path)
    base = _schedule_settings(None, True, schedule_from, moves_per_day, moves_per_week, calendar_path)
    try:
        settings = Settings(overlap_days=overlap_days, lang=lang, turnaround_days=turnaround_days)
        given = {"notice_days": notice_days, "earliest_move_days": earliest_move_days, "return_days": return_days}
        schedule = dataclasses.replace(base, closed_days=tuple(closed_days),
                                       **{key: value for key, value in given.items() if value is not None})
    except DomainError as exc:
        _fail(f"bad setting: {exc}", EXIT_BAD_INPUT)
    data = _read(households, vacancies, household_sheet, vacancy_sheet, phases_path, phases_sheet)
    try:
        assignments, extra = accepted_assignments(data.instance, settings, workbook)
        booked = read_booked(booked_path or workbook)
    except InputError as exc:
        _fail(exc.report(), EXIT_BAD_INPUT)
    log.info("%d households with an accepted or pending offer; %d moves booked", len(assignments), len(booked))
    try:
        made = make_schedule(data.instance, settings, assignments, schedule, booked=booked, extra_dwellings=extra)
    except DoesNotFit as exc:
        _fail(str(exc), EXIT_BAD_INPUT)
    except TimeoutError as exc:
        _fail(f"schedule: {exc}; nothing was written", EXIT_FAILURE)
    if made.dropped:
        log.warning("%d booked date(s) not kept: the move is gone or goes to another dwelling", len(made.dropped))
        for notice in made.notices():
            click.echo(f"notice: {notice_text(notice, lang)}", err=True)
    audit = check_schedule(made, data.instance, settings, assignments, booked=booked, extra_dwellings=extra)
    for line in audit.lines():
        if not quiet or not audit.ok:
            click.echo(f"check: {line}", err=not audit.ok)
    if not audit.ok:
        _fail("the independent checker rejected this schedule; nothing was written. This is a bug in genhus.",
              EXIT_FAILURE)
    click.echo(f"scheduled {len(made.moves)} moves from {made.settings.schedule_from.isoformat()} "
               f"({made.status}, {made.empty_days} empty dwelling-days, at most {made.peak_day} a day)")
    by_household = {h.household_id: h for h in data.instance.households}
    dwellings = {**extra, **{v.dwelling_id: v for v in data.instance.vacancies}}
    targets = [p for p in (out, json_path, calendar_path) if p]
    with atomic_paths(*targets) as temps:
        for target, tmp in zip(targets, temps, strict=True):
            if target == out:
                write_schedule_workbook(tmp, made, by_household, dwellings, lang=lang)
            elif target == json_path:
                doc = {**made.as_dict(), "audit": audit.as_dict(),
                       "moves": [{"household_id": m.move.household_id, "type": m.move.type,
                                  "dwelling_id": m.move.dwelling_id, "date": m.date.isoformat()}
                                 for m in made.moves]}
                tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            else:
                names = {h.household_id: h.name for h in data.instance.households} if calendar_names else None
                write_calendar(tmp, made, names=names, lang=lang,
                               addresses={d: v.address for d, v in dwellings.items()})
    for target in targets:
        click.echo(f"wrote {target}")


def _schedule_settings(base, wanted: bool, schedule_from, moves_per_day: int | None, moves_per_week: int | None,
                       calendar_path: str | None):
    """The schedule settings of a command (``None``: no schedule wanted): the scenario's, then the options."""
    if not wanted:
        return None
    import dataclasses

    from allocator.schedule import ScheduleSettings

    if calendar_path and Path(calendar_path).suffix.lower() != ".ics":
        _fail(f"--calendar {calendar_path}: must end in .ics", EXIT_BAD_INPUT)
    changes = {
        key: value
        for key, value in (
            ("schedule_from", schedule_from.date() if schedule_from else None),
            ("moves_per_day", moves_per_day),
            ("moves_per_week", moves_per_week),
        )
        if value is not None
    }
    try:
        settings = dataclasses.replace(base or ScheduleSettings(), **changes).resolved()
    except DomainError as exc:
        _fail(f"bad setting: {exc}", EXIT_BAD_INPUT)
    click.echo(f"schedule from {settings.schedule_from.isoformat()} (moves from "
               f"{settings.notice_days} days later)", err=True)
    return settings


def _scheduled(run):
    """``run()``, with a schedule that does not fit reported (exit 2) instead of a traceback."""
    from allocator.schedule import DoesNotFit

    try:
        return run()
    except DoesNotFit as exc:
        _fail(str(exc), EXIT_BAD_INPUT)
    except TimeoutError as exc:
        _fail(f"schedule: {exc}; nothing was written", EXIT_FAILURE)


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback needs --token or --token-file.")
@click.option("--port", type=int, default=8765, show_default=True, help="Port to listen on.")
@click.option("--token", default=None, help="Access token every request must carry (at least 16 characters).")
@click.option("--token-file", type=click.Path(dir_okay=False), default=None, help="File holding the token.")
@click.option("--no-browser", is_flag=True, help="Do not open the browser.")
def serve(host: str, port: int, token: str | None, token_file: str | None, no_browser: bool) -> None:
    """The web page for coordinators: files, settings, allocation, rounds and scenarios in the browser."""
    from allocator.web.security import TokenError
    from allocator.web.server import serve as run_server

    _configure_logging(False)
    try:
        run_server(host=host, port=port, token=token, token_file=token_file, open_browser=not no_browser)
    except TokenError as exc:
        _fail(f"genhus serve: {exc}", EXIT_BAD_INPUT)


def _scenario_inputs(paths) -> tuple[ScenarioInput, ...]:
    """Load the scenario files and read their inputs; every problem of every file ends the run with exit 2."""
    from allocator.scenario import load_scenarios, read_all_inputs

    try:
        loaded = load_scenarios(paths)
        for scenario in loaded:
            log.info("scenario %s: reading %s", scenario.name, ", ".join(
                p.name for p in (scenario.households, scenario.vacancies, *scenario.extra_vacancies)))
        found = read_all_inputs(loaded)
    except InputError as exc:
        _fail(exc.report(), EXIT_BAD_INPUT)
    _echo_warnings(tuple(dict.fromkeys(w for inputs in found for w in inputs.warnings)))
    return found


def _report(outcome: Outcome) -> None:
    """The checker's verdict, and the headline; a rejected allocation ends the run loudly with exit 1."""
    quiet = log.getEffectiveLevel() > logging.INFO
    for line in outcome.verdict_lines():
        if not quiet or not outcome.passed:
            click.echo(f"check: {line}", err=not outcome.passed)
    if not outcome.passed:
        _fail("the independent checker rejected this allocation; nothing was written. "
              "This is a bug in genhus: please report it with the input files.", EXIT_FAILURE)
    result = outcome.result
    click.echo(f"housed {len(result.assignments)} of {len(result.instance.households)} households; "
               f"{len(result.unassigned)} not housed ({result.stats.status}, {result.stats.seconds:.1f} s)")


def _echo_blocked(outcome: Outcome, out: str | None) -> None:
    """Households left without an offer while lower-priority households hold pending offers on dwellings that
    suit them: each with the three ways out, and the exact way to take each."""
    report = outcome.rounds
    if report is None or not report.blocked:
        return
    lang = outcome.result.settings.lang  # the workbook's words: its sheet names, the decisions' words
    w, sheets = WORDS[lang], SHEETS[lang]
    sheet = sheets["decisions"]
    n = len(report.blocked)
    click.echo(f"needs the coordinator: {n} household{'s' if n != 1 else ''} without an offer while "
               "lower-priority households hold pending offers on dwellings that suit "
               f"{'them' if n != 1 else 'it'} (sheet '{sheets['blocked']}'):")
    for b in report.blocked:
        held = ", ".join(f"{x.dwelling_id} (pending for {x.holder} since round {x.round})" for x in b.held)
        click.echo(f"  {b.household_id}: {held}")
    where = f"the '{sheet}' sheet of {out}" if out else f"the '{sheet}' sheet of this round's workbook (--out)"
    click.echo(f"  1. pin a dwelling: add these rows at the bottom of {where} (or to a --decisions file), "
               "then run the next round; the first row withdraws the pending offer, the second gives the "
               "dwelling:")
    for b in report.blocked:
        x = b.best
        click.echo(f"       {x.holder};{x.dwelling_id};{w['forbid']};"
                   f"{w['blocked_forbid_reason'].format(household=b.household_id)};{w['no']}")
        click.echo(f"       {b.household_id};{x.dwelling_id};{w['give']};"
                   f"{w['blocked_give_reason'].format(holder=x.holder)};{w['no']}")
    click.echo("  2. wait for the next vacancies: do nothing now; they take part again in the next round")
    holders = ", ".join(sorted({x.holder for b in report.blocked for x in b.held}))
    click.echo(f"  3. reopen the pending offers: run this round again with --reopen-pending "
               f"({holders} may then get other offers):")
    click.echo(f"       {_this_command_with('--reopen-pending')}")


def _this_command_with(flag: str) -> str:
    """The running command as the user typed it (arguments and the options given), with ``flag`` added."""
    import shlex

    ctx = click.get_current_context()
    words = ["genhus", ctx.info_name or "allocate"]
    for param in ctx.command.params:
        value = ctx.params.get(param.name)
        if ctx.get_parameter_source(param.name) is not click.core.ParameterSource.COMMANDLINE:
            continue
        if isinstance(param, click.Argument):
            words.append(shlex.quote(str(value)))
        elif getattr(param, "is_flag", False):
            words.append(param.opts[-1] if value else "")
        else:
            words += [param.opts[-1], shlex.quote(str(value))]
    return " ".join(w for w in [*words, flag] if w)


def _read(households: str, vacancies: str, household_sheet: str | None, vacancy_sheet: str | None,
          phases: str | None = None, phases_sheet: str | None = None) -> ReadResult:
    from allocator.read import read_instance
    from allocator.timing import stage

    log.info("reading %s and %s", Path(households).name, Path(vacancies).name)
    try:
        with stage("read"):
            data = read_instance(households, vacancies, household_sheet=household_sheet, vacancy_sheet=vacancy_sheet,
                                 phases_path=phases, phase_sheet=phases_sheet)
    except InputError as exc:
        _fail(exc.report(), EXIT_BAD_INPUT)
    _echo_warnings(data.warnings)
    return data


def _check_outputs(out: str | None, json_path: str | None) -> None:
    """``--out`` is a ``.xlsx`` file, ``--json`` a ``.json`` file, not a folder, and not the same file."""
    problems = []
    for option, path, suffix in (("--out", out, ".xlsx"), ("--json", json_path, ".json")):
        if not path:
            continue
        if path.endswith(("/", os.sep)) or Path(path).is_dir():
            problems.append(f"{option} {path}: is a folder; give a file name ending in {suffix}")
        elif Path(path).suffix.lower() != suffix:
            problems.append(f"{option} {path}: must end in {suffix}")
    if out and json_path and Path(out).resolve() == Path(json_path).resolve():
        problems.append(f"--out and --json are the same file ({out}); give two different files")
    if problems:
        _fail("\n".join(problems), EXIT_BAD_INPUT)


def _refuse_overwriting_inputs(outputs: list[str | None], inputs: list[str | None]) -> None:
    """An output written over an input (the households workbook, the previous round's responses) loses it."""
    given = {Path(p).resolve(): p for p in inputs if p}
    clashes = [p for p in outputs if p and Path(p).resolve() in given]
    if clashes:
        _fail("\n".join(f"{p}: is also an input file; choose another name for the output" for p in clashes),
              EXIT_BAD_INPUT)


def _write(outcome: Outcome, **paths: str | Path | None) -> None:
    from allocator import pipeline

    try:
        pipeline.write(outcome, **paths)
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        _fail(f"could not write{where}: {exc.strerror or exc}. Is the file open in Excel, or the folder read-only?",
              EXIT_FAILURE)


def _echo_timings() -> None:
    if os.environ.get("GENHUS_TIMINGS"):
        from allocator.timing import seconds

        click.echo("timings: " + ", ".join(f"{k} {v:.3f} s" for k, v in seconds().items()), err=True)


def _echo_warnings(warnings: tuple[str, ...]) -> None:
    for w in warnings:
        click.echo(f"warning: {w}", err=True)


def _run_pipeline(*args, **kwargs) -> Outcome:
    """``pipeline.run``, with a phased case's unanswered CP-SAT question as a message instead of a traceback."""
    from allocator import pipeline

    try:
        return pipeline.run(*args, **kwargs)
    except RuntimeError as exc:
        # Only a phased case loads the phased engine (and CP-SAT, half a second), so only it can raise this.
        phased = sys.modules.get("allocator.engine.phased")
        if phased is None or not isinstance(exc, phased.NotDecided):
            raise
        _fail(f"the allocation could not be finished: {exc}", EXIT_FAILURE)


def _fail(message: str, code: int):
    click.echo(message, err=True)
    sys.exit(code)


def _configure_logging(quiet: bool) -> None:
    logging.basicConfig(level=logging.WARNING if quiet else logging.INFO, format="genhus: %(message)s",
                        stream=sys.stderr, force=True)
