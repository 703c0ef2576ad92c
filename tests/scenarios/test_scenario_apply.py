"""Applying a scenario to its inputs: overrides, leave-outs, the seeded share, extra vacancy files."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from allocator.domain import Kind
from allocator.problems import InputError
from allocator.scenario import draw_left_out, load_scenario, read_all_inputs, read_inputs

ROOT = Path(__file__).resolve().parents[2]


def read(path: Path):
    return read_inputs(load_scenario(path))


def problems(path: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        read(path)
    return [str(p) for p in caught.value.problems]


def test_nothing_changed_without_changes(tiny, scenario_file):
    inputs = read(scenario_file(tiny, "s"))
    assert [h.household_id for h in inputs.instance.households] == ["H1", "H2", "H3"]
    assert [v.dwelling_id for v in inputs.instance.vacancies] == ["VA1", "VB1", "VC1"]
    assert inputs.left_out_households == inputs.left_out_vacancies == ()
    names = [f.name for f in inputs.provenance.files]
    assert names == ["s.toml", "households.csv", "vacancies.csv"]


def test_overrides_are_applied_to_the_named_household_only(tiny, scenario_file):
    body = """
[households.H2]
min_rooms = 1
max_rooms = 3
wishes = ["B"]
kind = "midlertidig"
move_by = 2027-05-01
accepts_other_municipality = true
max_rent = 4500.5
"""
    households = {h.household_id: h for h in read(scenario_file(tiny, "s", body)).instance.households}
    h2 = households["H2"]
    assert (h2.min_rooms, h2.max_rooms, h2.wishes, h2.kind) == (1, 3, ("B",), Kind.TEMPORARY)
    assert (h2.move_by, h2.accepts_other_municipality, h2.max_rent) == (dt.date(2027, 5, 1), True, 4500.5)
    assert h2.seniority_date == dt.date(2005, 1, 1) and h2.row == 3, "other fields and the row are kept"
    assert households["H1"].wishes == ("A",) and households["H1"].min_rooms is None


def test_an_override_can_clear_a_stated_value(tiny, scenario_file, input_files):
    input_files(tiny, "H1,Old,Hvidovre,1,2,permanent,2000-01-01,A,,,5000\n")
    path = scenario_file(tiny, "s", '[households.H1]\ncurrent_rent = ""\n')
    assert read(path).instance.households[0].current_rent is None


def test_an_override_the_domain_refuses_is_named(tiny, scenario_file):
    found = problems(scenario_file(tiny, "s", "[households.H1]\nmin_rooms = 4\nmax_rooms = 2\n"))
    assert len(found) == 1
    assert "households.H1: household H1: min_rooms is larger than max_rooms" in found[0]


def test_unknown_ids_are_named_with_the_key_and_the_nearest_id(tiny, scenario_file):
    body = 'leave_out_vacancies = ["VA1", "VB2"]\nleave_out_households = ["H9"]\n[households.H4]\nmin_rooms = 1\n'
    path = scenario_file(tiny, "s", body)
    found = problems(path)
    assert len(found) == 3
    assert all(p.startswith(str(path)) for p in found)
    assert any("inputs.leave_out_vacancies: no dwelling with this id" in p and "did you mean 'VB1'?" in p
               and "'VB2'" in p for p in found)
    assert any("inputs.leave_out_households: no household with this id" in p and "'H9'" in p for p in found)
    assert any("households.H4: no household with this id" in p for p in found)


def test_an_override_of_a_household_left_out_is_a_problem(tiny, scenario_file):
    body = 'leave_out_households = ["H1"]\n[households.H1]\nmin_rooms = 1\n'
    assert "also in inputs.leave_out_households" in problems(scenario_file(tiny, "s", body))[0]


def test_listed_households_and_vacancies_are_left_out(tiny, scenario_file):
    body = 'leave_out_vacancies = ["VB1"]\nleave_out_households = ["H3", "H1"]\n'
    inputs = read(scenario_file(tiny, "s", body))
    assert [h.household_id for h in inputs.instance.households] == ["H2"]
    assert [v.dwelling_id for v in inputs.instance.vacancies] == ["VA1", "VC1"]
    assert inputs.left_out_households == ("H1", "H3"), "in input order"
    assert inputs.left_out_vacancies == ("VB1",)


def test_extra_vacancy_files_are_added_and_duplicate_ids_across_files_refused(tiny, scenario_file, input_files):
    (tiny / "extra.csv").write_text("dwelling_id,department,municipality,rooms\nN1,D,Hvidovre,2\nN2,D,Hvidovre,3\n")
    inputs = read(scenario_file(tiny, "s", 'extra_vacancies = ["extra.csv"]\n'))
    assert [v.dwelling_id for v in inputs.instance.vacancies] == ["VA1", "VB1", "VC1", "N1", "N2"]
    assert [f.name for f in inputs.provenance.files][-1] == "extra.csv"

    (tiny / "clash.csv").write_text("dwelling_id,department,municipality,rooms\nN9,D,Hvidovre,2\nVB1,D,Hvidovre,2\n")
    found = problems(scenario_file(tiny, "t", 'extra_vacancies = ["clash.csv"]\n'))
    assert len(found) == 1
    assert "clash.csv, row 3: dwelling id 'VB1' is also in" in found[0] and "vacancies.csv" in found[0]


def test_problems_of_the_input_files_are_reported_together(tiny, scenario_file):
    (tiny / "bad.csv").write_text("dwelling_id,department,municipality,rooms\nN1,D,Hvidovre,two\n")
    (tiny / "households.csv").write_text((tiny / "households.csv").read_text().replace("2000-01-01", "soon"))
    found = problems(scenario_file(tiny, "s", 'extra_vacancies = ["bad.csv"]\n'))
    assert any("households.csv" in p and "soon" in p for p in found)
    assert any("bad.csv" in p and "two" in p for p in found)


def test_read_all_inputs_reports_every_scenario(tiny, scenario_file):
    a = load_scenario(scenario_file(tiny, "a", 'leave_out_households = ["X1"]\n'))
    b = load_scenario(scenario_file(tiny, "b", 'leave_out_vacancies = ["X2"]\n'))
    with pytest.raises(InputError) as caught:
        read_all_inputs([a, b])
    found = [str(p) for p in caught.value.problems]
    assert len(found) == 2 and "a.toml" in found[0] and "b.toml" in found[1]


# --- the seeded share -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("n", "share", "expected"), [(320, 0.15, 48), (41, 0.15, 6), (10, 0.25, 3), (7, 0.0, 0),
                                                       (3, 0.5, 2)])
def test_the_share_left_out_is_the_share_rounded_to_whole_dwellings(n, share, expected):
    ids = [f"B{k:04d}" for k in range(n)]
    drawn = draw_left_out(ids, share, seed=0)
    assert len(drawn) == expected
    assert len(set(drawn)) == expected and set(drawn) <= set(ids)


def test_the_draw_is_deterministic_and_does_not_depend_on_input_order():
    ids = [f"B{k:04d}" for k in range(200)]
    shuffled = ids[:]
    random.Random(1).shuffle(shuffled)
    first = draw_left_out(ids, 0.15, seed=7)
    assert draw_left_out(ids, 0.15, seed=7) == first
    assert set(draw_left_out(shuffled, 0.15, seed=7)) == set(first)
    assert list(first) == [i for i in ids if i in set(first)], "returned in input order"
    assert set(draw_left_out(ids, 0.15, seed=8)) != set(first), "another seed draws other dwellings"


def test_the_share_is_drawn_after_the_listed_vacancies_are_left_out(tiny, scenario_file):
    inputs = read(scenario_file(tiny, "s", 'leave_out_vacancies = ["VA1"]\nleave_out_vacancy_share = 0.5\n'))
    assert len(inputs.left_out_vacancies) == 2, "VA1 and one of the two others"
    assert "VA1" in inputs.left_out_vacancies and len(inputs.instance.vacancies) == 1


def test_fifteen_percent_of_the_example_vacancies(tmp_path):
    example = ROOT / "data" / "example"
    path = tmp_path / "fewer.toml"
    path.write_text(f'[inputs]\nhouseholds = "{example / "households.csv"}"\n'
                    f'vacancies = "{example / "vacancies.csv"}"\nleave_out_vacancy_share = 0.15\n')
    first, again = read(path), read(path)
    assert len(first.left_out_vacancies) == 48 and len(first.instance.vacancies) == 272
    assert first.left_out_vacancies == again.left_out_vacancies
