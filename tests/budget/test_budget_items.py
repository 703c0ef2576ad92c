"""Each budget item on a tiny case, in kroner computed by hand from seed 001's terms (shared/domain.md "Money")."""

from __future__ import annotations

import datetime as dt

import pytest
from builders import hh, vac

from allocator.budget import (
    ITEMS,
    PROJECT_ITEMS,
    carpet_compensation,
    cost_line,
    cost_lines,
    defaulted_inputs,
    pair_cost,
    present_inputs,
    totals,
    uncounted_items,
)
from allocator.domain import BudgetSettings, Kind, Settings

DEFAULT = Settings()
TEMP = Kind.TEMPORARY


def line(household, vacancy=None, settings=DEFAULT, **kw):
    return cost_line(household, vacancy if vacancy is not None else vac(), settings, **kw)


# --- moves ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rooms", "kind", "kroner"),
    [
        (1, Kind.PERMANENT, 6_000),
        (2, Kind.PERMANENT, 6_000),
        (3, Kind.PERMANENT, 8_000),
        (4, Kind.PERMANENT, 10_000),
        (6, Kind.PERMANENT, 10_000),
        (2, TEMP, 12_000),  # two moves: out and back
        (3, TEMP, 16_000),
        (5, TEMP, 20_000),
    ],
)
def test_moving_allowance_by_rooms_of_the_current_dwelling_and_two_moves_for_temporary(rooms, kind, kroner):
    got = line(hh(current_rooms=rooms, members=1, kind=kind))
    assert got.moving == kroner
    assert got.moves == (2 if kind is TEMP else 1)


def test_removal_firm_is_paid_per_move_instead_of_the_allowance():
    assert line(hh(moving_method="removal_firm")).moving == 15_000
    assert line(hh(moving_method="removal_firm", kind=TEMP)).moving == 30_000
    firm = Settings(budget=BudgetSettings(moving_method="removal_firm", removal_firm_price=12_500))
    assert line(hh(), settings=firm).moving == 12_500  # the setting, when the row does not say
    assert line(hh(moving_method="allowance"), settings=firm).moving == 6_000  # the row wins


# --- handyman ---------------------------------------------------------------------------------------------------


def test_handyman_hours_per_move_at_the_hourly_rate():
    assert line(hh(handyman_hours=2)).handyman == 900  # 2 h * 450 kr * 1 move
    assert line(hh(handyman_hours=2, kind=TEMP)).handyman == 1_800  # 2 moves
    assert line(hh()).handyman == 0  # default 0 hours
    assert line(hh(), settings=Settings(budget=BudgetSettings(handyman_hours=1.5))).handyman == 675


def test_handyman_is_capped_at_three_hours_per_move():
    assert line(hh(handyman_hours=5)).handyman == 1_350  # 3 h * 450
    assert line(hh(handyman_hours=5, kind=TEMP)).handyman == 2_700


# --- temporary rent difference ------------------------------------------------------------------------------------


def test_dearer_temporary_dwelling_the_project_pays_the_difference_for_the_stay():
    got = line(hh(kind=TEMP, current_rent=5_000.0), vac(rent=5_600.0))
    assert got.rent_difference == 7_200  # 600 kr * 12 months (default)
    assert got.rent_refund == 0


def test_cheaper_temporary_dwelling_the_difference_goes_back_to_the_household_not_from_the_project():
    got = line(hh(kind=TEMP, current_rent=5_000.0, stay_months=18), vac(rent=4_700.0))
    assert got.rent_difference == 0
    assert got.rent_refund == 5_400  # 300 kr * 18 months
    assert got.project_total == 12_000  # the two moves only


def test_rent_difference_uses_the_setting_when_the_row_gives_no_stay():
    six = Settings(budget=BudgetSettings(stay_months=6))
    assert line(hh(kind=TEMP, current_rent=5_000.0), vac(rent=5_600.0), six).rent_difference == 3_600


def test_a_phased_stay_counts_its_own_months_not_the_setting():
    # From 14 days before 2027-03-01 until 2027-09-01: 198 days, 6.51 months of 365/12 days.
    phased = hh(
        kind=TEMP, current_rent=5_000.0, phase="1", move_by=dt.date(2027, 3, 1), returns_on=dt.date(2027, 9, 1)
    )
    assert line(phased, vac(rent=5_600.0)).rent_difference == round(600 * 198 / (365 / 12), 2) == 3_905.75
    unphased = hh(kind=TEMP, current_rent=5_000.0, move_by=dt.date(2027, 3, 1))
    assert line(unphased, vac(rent=5_600.0)).rent_difference == 7_200


def test_permanent_households_have_no_rent_difference():
    got = line(hh(current_rent=5_000.0), vac(rent=9_000.0))
    assert (got.rent_difference, got.rent_refund) == (0, 0)


def test_rent_difference_not_counted_without_the_rents():
    got = line(hh(kind=TEMP), vac(rent=5_600.0))
    assert got.rent_difference is None and got.rent_refund is None
    assert "rent_difference" in got.missing
    assert dict(got.lacking)["rent_difference"] == ("household.current_rent",)


# --- empty-rent loss ---------------------------------------------------------------------------------------------

# 7,300 kr a month is 240 kr a day (7,300 * 12 / 365).
HELD = vac(rent=7_300.0, available_from=dt.date(2027, 1, 1))


def test_empty_rent_until_overlap_days_before_move_by():
    # Moves in 14 days before 15 March: 1 March; empty 1 January - 1 March = 59 days * 240 kr.
    got = line(hh(move_by=dt.date(2027, 3, 15)), HELD)
    assert got.empty_rent == 14_160
    no_overlap = Settings(overlap_days=0)
    assert line(hh(move_by=dt.date(2027, 3, 15)), HELD, no_overlap).empty_rent == 73 * 240


def test_empty_rent_is_counted_for_temporary_households_too():
    assert line(hh(kind=TEMP, move_by=dt.date(2027, 3, 15)), HELD).empty_rent == 14_160


def test_no_empty_rent_when_households_move_in_the_day_the_dwelling_is_free():
    when_free = Settings(budget=BudgetSettings(move_in="when_free"))
    got = line(hh(move_by=dt.date(2027, 3, 15)), HELD, when_free)
    assert got.empty_rent == 0
    # and then it needs no dates or rent at all
    assert line(hh(), vac(), when_free).empty_rent == 0


def test_no_empty_rent_for_a_dwelling_free_only_at_move_in():
    assert line(hh(move_by=dt.date(2027, 1, 10)), HELD).empty_rent == 0


def test_empty_rent_not_counted_without_dates():
    got = line(hh(), HELD)
    assert got.empty_rent is None
    assert dict(got.lacking)["empty_rent"] == ("household.move_by",)
    got = line(hh(move_by=dt.date(2027, 3, 15)), vac(rent=7_300.0))
    assert dict(got.lacking)["empty_rent"] == ("vacancy.available_from",)


# --- deposit -----------------------------------------------------------------------------------------------------


def test_deposit_difference_paid_or_received_by_a_permanent_household_not_the_project():
    dearer = line(hh(deposit=20_000.0), vac(deposit=26_500.0))
    assert dearer.deposit_difference == 6_500
    assert dearer.project_total == 6_000  # the move only
    assert line(hh(deposit=20_000.0), vac(deposit=15_000.0)).deposit_difference == -5_000


def test_a_temporary_households_deposit_stays_with_its_contract_dwelling():
    assert line(hh(kind=TEMP, deposit=20_000.0), vac(deposit=26_500.0)).deposit_difference == 0
    assert line(hh(kind=TEMP), vac()).deposit_difference == 0


def test_deposit_difference_not_counted_without_both_deposits():
    got = line(hh(deposit=20_000.0), vac())
    assert got.deposit_difference is None
    assert dict(got.lacking)["deposit_difference"] == ("vacancy.deposit",)


# --- carpets -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "kroner"),
    [(0, 10_000), (2, 10_000), (3, 10_000), (4, 6_000), (7, 3_000), (9, 1_000), (10, 0), (25, 0)],
)
def test_carpet_new_value_then_ten_percent_a_year_then_nothing(age, kroner):
    assert carpet_compensation(hh(carpet_age_years=age, carpet_value=10_000.0)) == pytest.approx(kroner)


def test_carpet_is_in_the_project_total():
    got = line(hh(carpet_age_years=7, carpet_value=10_000.0))
    assert got.carpet == 3_000
    assert got.project_total == 9_000


# --- not counted -------------------------------------------------------------------------------------------------


def test_an_item_whose_column_is_missing_is_not_counted_and_the_budget_says_so():
    households = (hh("A"), hh("B", kind=TEMP, current_rent=5_000.0))
    vacancies = (vac("B1", rent=5_500.0), vac("B2", rent=6_000.0))
    lines = cost_lines(households, vacancies, {"A": "B1", "B": "B2"}, DEFAULT)
    assert [x.carpet for x in lines] == [None, None]
    assert all("carpet" in x.missing for x in lines)
    inputs = present_inputs(households, vacancies)
    uncounted = uncounted_items(inputs, DEFAULT)
    assert uncounted["carpet"] == ("household.carpet_age_years", "household.carpet_value")
    assert uncounted["deposit_difference"] == ("household.deposit", "vacancy.deposit")
    assert uncounted["empty_rent"] == ("vacancy.available_from", "household.move_by")
    assert "rent_difference" not in uncounted
    assert set(defaulted_inputs(inputs)) == {
        "household.moving_method",
        "household.handyman_hours",
        "household.stay_months",
    }
    summed = totals(lines)
    assert summed["carpet"].total == 0 and summed["carpet"].not_counted == 2
    assert summed["rent_difference"].total == 12_000  # B: 1,000 kr * 12 months
    assert summed["moving"].total == 6_000 + 12_000


def test_once_some_household_states_a_carpet_the_others_have_none():
    households = (hh("A", carpet_age_years=4, carpet_value=5_000.0), hh("B"))
    lines = cost_lines(households, (vac("B1"), vac("B2")), {"A": "B1", "B": "B2"}, DEFAULT)
    assert [x.carpet for x in lines] == [3_000, 0]
    assert "carpet" not in uncounted_items(present_inputs(households, ()), DEFAULT)


def test_a_carpet_with_age_but_no_value_is_not_counted():
    households = (hh("A", carpet_age_years=4, carpet_value=5_000.0), hh("B", carpet_age_years=2))
    lines = cost_lines(households, (vac("B1"), vac("B2")), {"A": "B1", "B": "B2"}, DEFAULT)
    assert lines[1].carpet is None
    assert dict(lines[1].lacking)["carpet"] == ("household.carpet_value",)


def test_an_unhoused_household_costs_nothing_yet():
    (got,) = cost_lines((hh("A"),), (vac("B1"),), {}, DEFAULT)
    assert not got.housed
    assert got.project_total == 0 and got.moves == 0 and got.missing == ()


def test_a_dwelling_fixed_earlier_and_not_in_the_vacancies_still_counts_the_moves():
    (got,) = cost_lines((hh("A", kind=TEMP, current_rent=5_000.0),), (), {"A": "OLD7"}, DEFAULT)
    assert got.dwelling_id == "OLD7"
    assert got.moving == 12_000
    assert got.rent_difference is None
    assert "vacancy" in dict(got.lacking)["rent_difference"]


# --- totals and the tie-break's cost -----------------------------------------------------------------------------


def test_project_total_and_totals_by_kind():
    households = (
        # 8,000 + 1,350
        hh("P", current_rooms=3, deposit=10_000.0, handyman_hours=3),
        # 12,000 + 7,200 + 600
        hh("T", kind=TEMP, current_rent=5_000.0, carpet_age_years=4, carpet_value=1_000.0),
    )
    vacancies = (vac("B1", deposit=12_000.0), vac("B2", rent=5_600.0))
    lines = cost_lines(households, vacancies, {"P": "B1", "T": "B2"}, DEFAULT)
    assert [x.project_total for x in lines] == [9_350, 19_800]
    summed = totals(lines)
    assert summed["project_total"].total == 29_150
    assert (summed["project_total"].permanent, summed["project_total"].temporary) == (9_350, 19_800)
    assert summed["deposit_difference"].total == 2_000
    assert set(summed) == {*ITEMS, "project_total"}
    assert sum(summed[name].total for name in PROJECT_ITEMS) == summed["project_total"].total


def test_pair_cost_is_what_depends_on_the_dwelling():
    household = hh(kind=TEMP, current_rent=5_000.0, move_by=dt.date(2027, 3, 15))
    assert pair_cost(household, HELD, DEFAULT) == pytest.approx(2_300 * 12 + 14_160)
    # cheaper, and no date: nothing known to cost
    assert pair_cost(household, vac(rent=4_000.0), DEFAULT) == 0
