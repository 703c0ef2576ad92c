"""The goals after the hard rules: empty days, stairwells together, an even load."""

from cases import SETTINGS, D, plain, unphased, with_extra

from allocator.domain import Instance
from allocator.schedule import make_schedule


def test_fewest_empty_days_moves_in_as_soon_as_the_window_opens():
    inst, a = unphased(2)
    s = make_schedule(inst, SETTINGS, a, plain())
    assert [m.date for m in s.moves] == [D(2027, 5, 18), D(2027, 5, 18)]
    assert s.empty_days == 2 * (D(2027, 5, 18) - D(2027, 4, 1)).days


def test_a_stairwell_moves_out_in_one_week_where_it_can():
    # No free dates: every day of the window costs the same; the stairwell then decides the week.
    inst, a = unphased(3, move_by=D(2027, 5, 12))
    households = tuple(with_extra(h, Opgang="Kirkevej 1") for h in inst.households)
    unknown = tuple(v.__class__(**{**_fields(v), "available_from": None}) for v in inst.vacancies)
    s = make_schedule(Instance(households, unknown), SETTINGS, a, plain(moves_per_day=1))
    assert len(s.per_week()) == 1 and s.stairwell_splits == ()
    assert s.peak_day == 1  # and the load spread within the week


def test_empty_days_come_before_the_stairwell():
    inst, a = unphased(2, move_by=D(2027, 5, 12))
    households = tuple(with_extra(h, Opgang="Kirkevej 1") for h in inst.households)
    free_late = inst.vacancies[1].__class__(**{**_fields(inst.vacancies[1]), "available_from": D(2027, 5, 3)})
    s = make_schedule(Instance(households, (inst.vacancies[0], free_late)), SETTINGS, a, plain())
    # H1 is cheapest on 2027-04-28 (week 17), H2 on 2027-05-03 (week 18): fewer empty days win, reported split.
    assert s.empty_days == (D(2027, 4, 28) - D(2027, 4, 1)).days
    assert [x.weeks for x in s.stairwell_splits] == [((2027, 17), (2027, 18))]


def test_a_split_stairwell_is_reported():
    inst, a = unphased(2, move_by=D(2027, 5, 12))
    one = with_extra(inst.households[0], Opgang="Kirkevej 1")
    two = with_extra(inst.households[1], Opgang="Kirkevej 1", **{})
    late = inst.vacancies[1].__class__(**{**_fields(inst.vacancies[1]), "available_from": D(2027, 5, 10)})
    s = make_schedule(
        Instance((one, two), (inst.vacancies[0], late)),
        SETTINGS,
        a,
        plain(moves_per_day=1, closed_days=("2027-05-03..2027-05-07",)),
    )
    # H1 may move from 2027-04-28, H2 only from 2027-05-10; with week 18 closed they fall in weeks 17 and 19.
    assert [(x.stairwell, x.households) for x in s.stairwell_splits] == [("Kirkevej 1", 2)]


def test_the_load_is_spread_when_the_empty_days_allow():
    inst, a = unphased(4, move_by=D(2027, 5, 12), free=None)
    no_free = Instance(
        inst.households, tuple(v.__class__(**{**_fields(v), "available_from": None}) for v in inst.vacancies)
    )
    s = make_schedule(no_free, SETTINGS, a, plain())
    assert s.peak_day == 1


def _fields(v):
    return {name: getattr(v, name) for name in v.__slots__}
