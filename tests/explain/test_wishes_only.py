"""``first_wish_explanations(only=...)``: one household's lines are those of the full run, and only its own."""

from __future__ import annotations

from pathlib import Path

from allocator import pipeline
from allocator.domain import Settings
from allocator.explain.wishes import first_wish_explanations
from allocator.provenance import Provenance
from allocator.read import read_instance

ROOT = Path(__file__).resolve().parents[2]


def test_only_gives_the_full_runs_lines_for_those_households():
    data = read_instance(
        ROOT / "data" / "example" / "households.csv", ROOT / "data" / "example" / "vacancies.csv"
    )
    result = pipeline.run(data.instance, Settings(), Provenance(files=())).result
    full = first_wish_explanations(result.instance, result.settings, result.assignment_map)
    explained = list(dict.fromkeys(line.household_id for line in full))
    assert len(explained) > 3
    chosen = {explained[0], explained[-1]}
    some = first_wish_explanations(result.instance, result.settings, result.assignment_map, only=chosen)
    assert some == tuple(line for line in full if line.household_id in chosen)
    assert first_wish_explanations(result.instance, result.settings, result.assignment_map, only=set()) == ()
