"""Scenarier / Scenarios: what each scenario is: its description, files, changes to the inputs, the settings it
sets other than the defaults, and the checker's verdict."""

from __future__ import annotations

from pathlib import Path

from allocator.compare import Comparison, ScenarioRun
from allocator.domain import Settings
from allocator.write.sheet_compare_words import TABLES, WORDS
from allocator.write.xlsx_book import Sheet
from allocator.write.xlsx_style import print_setup
from allocator.write.xlsx_table import SheetWriter
from allocator.write.xlsx_words import yes_no

_COLUMNS = (
    ("scenario", "text"),
    ("description", "long"),
    ("file", "text"),
    ("household_file", "text"),
    ("vacancy_files", "long"),
    ("left_out_vacancies", "int"),
    ("left_out_households", "int"),
    ("overrides", "int"),
    ("settings", "long"),
    ("verdict", "text"),
)


def write(sheet: Sheet, comparison: Comparison, lang: str) -> None:
    w = WORDS[lang]
    rows = [_row(run, lang) for run in comparison.runs]
    writer = SheetWriter(sheet, lang)
    writer.table(TABLES[lang]["scenarios"], [w[key] for key, _ in _COLUMNS], [fmt for _, fmt in _COLUMNS], rows,
                 freeze=True)
    writer.finish()
    print_setup(sheet, title_rows="1:1")


def _row(run: ScenarioRun, lang: str) -> list:
    w, scenario = WORDS[lang], run.scenario
    vacancy_files = [scenario.vacancies, *scenario.extra_vacancies]
    return [
        scenario.name,
        scenario.description,
        scenario.path.name,
        _shown(scenario.households),
        "\n".join(_shown(p) for p in vacancy_files),
        len(run.inputs.left_out_vacancies),
        len(run.inputs.left_out_households),
        len(scenario.overrides),
        "\n".join(filter(None, [changed_settings(scenario.settings, lang), _phased(run)])) or w["defaults"],
        w["approved"] if run.passed else w["rejected"],
    ]


def _phased(run: ScenarioRun) -> str:
    """A phased scenario's phases file, turnaround (when not the default) and changes to phases, one per line."""
    scenario = run.scenario
    if scenario.phases is None:
        return ""
    lines = [f"phases = {_shown(scenario.phases)}"]
    if scenario.settings.turnaround_days != Settings().turnaround_days:
        lines.append(f"turnaround_days = {scenario.settings.turnaround_days}")
    for phase_id, changes in scenario.phase_changes:
        said = ", ".join(f"{name} = {'' if value is None else value}" for name, value in changes)
        lines.append(f'phases."{phase_id}": {said}')
    return "\n".join(lines)


def changed_settings(settings: Settings, lang: str) -> str:
    """``key = value`` for every setting other than its default, one per line (budget keys as ``budget.key``)."""
    now, default = _flat(settings.as_dict()), _flat(Settings().as_dict())
    lines = []
    for key, value in now.items():
        if default.get(key) != value:
            lines.append(f"{key} = {yes_no(value, lang) if isinstance(value, bool) else value}")
    return "\n".join(lines)


def _flat(d: dict, prefix: str = "") -> dict:
    out = {}
    for key, value in d.items():
        if isinstance(value, dict):
            out.update(_flat(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


def _shown(path: Path) -> str:
    """The file as the planner knows it: its name and the folder it is in."""
    return str(Path(path.parent.name) / path.name) if path.parent.name else path.name
