"""The sweep file: expansion as documented, and its problems reported like a scenario's."""

from __future__ import annotations

import pytest

from allocator.problems import InputError
from allocator.sweep.files import read_once
from allocator.sweep.spec import draw_seed, expand, load_sweep


def messages(excinfo) -> list[str]:
    return [p.message for p in excinfo.value.problems]


def test_grid_is_the_product_in_file_order_last_key_fastest(write_sweep):
    sweep = load_sweep(
        write_sweep("""
[grid]
settings.size_rule = ["range", "law-minimum"]
inputs.leave_out_vacancy_share = [0.0, 0.1, 0.2]
""")
    )
    specs = expand(sweep)
    assert [s.key for s in specs] == [f"{p:05d}-00000" for p in range(1, 7)]
    assert [dict(s.values) for s in specs][:4] == [
        {"settings.size_rule": "range", "inputs.leave_out_vacancy_share": 0.0},
        {"settings.size_rule": "range", "inputs.leave_out_vacancy_share": 0.1},
        {"settings.size_rule": "range", "inputs.leave_out_vacancy_share": 0.2},
        {"settings.size_rule": "law-minimum", "inputs.leave_out_vacancy_share": 0.0},
    ]
    fourth = specs[3].scenario
    assert fourth.settings.size_rule == "law-minimum" and fourth.leave_out_vacancy_share == 0.0
    assert fourth.settings.tie_break_seed == 0 and fourth.leave_out_seed == 0  # no draws: the base's seeds


def test_draws_give_every_point_the_same_seeds(write_sweep):
    sweep = load_sweep(
        write_sweep("""
draws = 3
seed = 5

[grid]
settings.budget.stay_months = [12, 18]
""")
    )
    specs = expand(sweep)
    assert [s.key for s in specs] == [
        "00001-00001",
        "00001-00002",
        "00001-00003",
        "00002-00001",
        "00002-00002",
        "00002-00003",
    ]
    seeds = [(s.scenario.leave_out_seed, s.scenario.settings.tie_break_seed) for s in specs]
    assert seeds[:3] == seeds[3:] == [(draw_seed(5, k), draw_seed(5, k)) for k in (1, 2, 3)]
    assert len({s for s, _ in seeds[:3]}) == 3
    assert [s.scenario.settings.budget.stay_months for s in specs] == [12.0] * 3 + [18.0] * 3


def test_draws_without_a_grid(write_sweep):
    specs = expand(load_sweep(write_sweep("draws = 4\n")))
    assert [(s.point, s.draw) for s in specs] == [(1, 1), (1, 2), (1, 3), (1, 4)]


def test_the_draw_seed_is_documented_sha256():
    import hashlib

    assert draw_seed(1, 2) == int(hashlib.sha256(b"1:2").hexdigest()[:8], 16) >> 1
    assert 0 <= draw_seed(123, 456) < 2**31


def test_household_keys_and_budget_keys_can_vary(write_sweep):
    sweep = load_sweep(
        write_sweep("""
[grid]
households."H0012".min_rooms = [1, 2]
""")
    )
    assert [k.name for k in sweep.grid] == ["households.H0012.min_rooms"]
    assert [dict(p.overrides)["H0012"] for p in sweep.points] == [(("min_rooms", 1),), (("min_rooms", 2),)]


def test_unknown_keys_name_the_nearest(write_sweep):
    path = write_sweep("""
drawz = 3

[grid]
settings.size_rul = ["range"]
inputs.leave_out_share = [0.1]
colour = ["red"]
""")
    with pytest.raises(InputError) as excinfo:
        load_sweep(path)
    found = messages(excinfo)
    assert "drawz: unknown key; did you mean 'draws'?" in found
    assert "grid.settings.size_rul: unknown key; did you mean 'size_rule'?" in found
    assert (
        "grid.inputs.leave_out_share: unknown key; did you mean 'leave_out_seed'?" in found
        or "grid.inputs.leave_out_share: unknown key; did you mean 'leave_out_vacancy_share'?" in found
    )
    assert any(m.startswith("grid.colour: unknown key") for m in found)
    assert all(p.file == str(path) for p in excinfo.value.problems)


def test_a_bad_value_is_named_by_its_key_and_position(write_sweep):
    with pytest.raises(InputError) as excinfo:
        load_sweep(
            write_sweep("""
[grid]
settings.size_rule = ["range", "biggest"]
inputs.leave_out_vacancy_share = [0.1, 1.5, "a lot"]
""")
        )
    found = messages(excinfo)
    assert any(m.startswith("grid.settings.size_rule[2]: size_rule must be one of") for m in found), found
    assert "grid.inputs.leave_out_vacancy_share[2]: must be at least 0 and below 1 (0.15 = 15 %)" in found
    assert "grid.inputs.leave_out_vacancy_share[3]: must be a number, not the text 'a lot'" in found
    assert len(found) == 3


def test_a_good_sweep_file_has_no_problem(write_sweep):
    load_sweep(write_sweep('draws = 2\n[grid]\nsettings.size_rule = ["range", "exact"]\n'))


def test_sweep_level_problems(write_sweep, tmp_path):
    with pytest.raises(InputError) as excinfo:
        load_sweep(
            write_sweep("""
draws = 0
seed = "one"

[grid]
settings.tie_break_seed = [1, 2]
settings.overlap_days = 14
settings.max_offers = [1, 1]
""")
        )
    found = messages(excinfo)
    assert any(m.startswith("draws: must be a whole number of draws") for m in found)
    assert "seed: must be a whole number, not the text 'one'" in found
    assert (
        "grid.settings.overlap_days: must be a list of the values to try ([...]), not the number 14" in found
    )
    assert "grid.settings.max_offers: the same value is listed twice" in found
    path = tmp_path / "no_base.toml"
    path.write_text("draws = 2\n", encoding="utf-8")
    with pytest.raises(InputError) as excinfo:
        load_sweep(path)
    assert messages(excinfo) == [
        'base: missing: the sweep needs a base scenario file (base = "scenario.toml")'
    ]


def test_draws_and_a_drawn_key_in_the_grid_clash(write_sweep):
    with pytest.raises(InputError) as excinfo:
        load_sweep(write_sweep("draws = 2\n[grid]\ninputs.leave_out_seed = [1, 2]\n"))
    assert messages(excinfo) == [
        "grid.inputs.leave_out_seed: the draws set this key (each draw its own seed); "
        "remove it from the grid, or remove draws"
    ]
    load_sweep(write_sweep("[grid]\ninputs.leave_out_seed = [1, 2]\n"))  # without draws it is a plain key


def test_values_that_do_not_go_together_name_the_grid_point(write_sweep):
    with pytest.raises(InputError) as excinfo:
        read_once(
            load_sweep(
                write_sweep("""
[grid]
households."H0012".min_rooms = [1, 4]
households."H0012".max_rooms = [2]
""")
            )
        )
    (problem,) = excinfo.value.problems
    assert problem.message.startswith(
        "grid point 2 (households.H0012.min_rooms = 4, households.H0012.max_rooms = 2)"
    )


def test_an_id_no_file_has_is_found_before_any_run(write_sweep):
    with pytest.raises(InputError) as excinfo:
        read_once(
            load_sweep(
                write_sweep("""
[grid]
inputs.leave_out_vacancies = [[], ["NO-SUCH-DWELLING"]]
""")
            )
        )
    (problem,) = excinfo.value.problems
    assert problem.message.startswith(
        "grid point 2 (inputs.leave_out_vacancies = ['NO-SUCH-DWELLING']): "
        "inputs.leave_out_vacancies: no dwelling with this id"
    )


def test_the_base_scenarios_problems_are_reported_too(write_sweep, tmp_path):
    base = tmp_path / "bad_base.toml"
    base.write_text('[inputs]\nhouseholds = "nowhere.csv"\nvacancies = "nowhere.csv"\n', encoding="utf-8")
    path = tmp_path / "s.toml"
    path.write_text('base = "bad_base.toml"\nbogus = 1\n', encoding="utf-8")
    with pytest.raises(InputError) as excinfo:
        load_sweep(path)
    files = {p.file for p in excinfo.value.problems}
    assert files == {str(path), str(base)}


def test_the_bundled_sweep_loads():
    from sweep_cases import SCENARIOS

    sweep = load_sweep(SCENARIOS / "sweeps" / "vacancies_come_free.toml")
    assert (len(sweep.points), sweep.draws, sweep.runs) == (10, 10, 100)
    files, _ = read_once(sweep)
    assert files.frozen
