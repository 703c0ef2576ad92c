"""blocked_households on tiny hand-made cases: a senior household without an offer while a junior one holds an
offer still out on a dwelling that suits it is flagged; when the holder is ahead, the dwelling does not suit it,
or it refused that dwelling, it is not; and each way out the sheet offers works."""

from __future__ import annotations

from builders import hh, instance, senior, vac

from allocator.domain import Settings
from allocator.read.decisions import Action, Pin
from allocator.read.history import History, PastOffer, Response
from allocator.rounds import Blocked, HeldOffer, plan_round
from allocator.solve import solve

REF, PEN = Response.REFUSED, Response.PENDING


def case():
    """SEN (1980) and JUN (2020), one person each in two rooms; two two-room dwellings in Nyvang (SEN's first
    wish) and one five-room dwelling that only BIG (a family of four) may get."""
    return instance(
        [
            hh("SEN", seniority_date=senior(1980), wishes=("Nyvang",)),
            hh("JUN", seniority_date=senior(2020)),
            hh("BIG", seniority_date=senior(2021), members=4, current_rooms=5),
        ],
        [vac("B1"), vac("B2"), vac("BIG5", rooms=5)],
    )


def history(*offers, round_=1) -> History:
    past = tuple(
        PastOffer(r, h, d, resp, where=f"r{r}.xlsx row {i + 2}") for i, (r, h, d, resp) in enumerate(offers)
    )
    return History(file="round.xlsx", round=round_, offers=past, dwellings={})


def blocked(past: History, **kw):
    plan = plan_round(case(), Settings(), history=past, **kw)
    result = solve(plan.instance, plan.settings, decisions=plan.decisions)
    return plan.report(result).blocked, result.assignment_map


def test_a_senior_household_without_an_offer_behind_a_junior_offer_still_out_is_flagged():
    # SEN refused B2; B1 is still out to JUN: nothing is left for SEN although JUN comes after it.
    found, given = blocked(history((1, "SEN", "B2", REF), (1, "JUN", "B1", PEN)))
    assert "SEN" not in given
    assert found == (Blocked("SEN", (HeldOffer("JUN", "B1", 1, 1),)),)


def test_a_holder_ahead_in_priority_is_not_flagged():
    found, given = blocked(history((1, "JUN", "B2", REF), (1, "SEN", "B1", PEN)))
    assert "JUN" not in given and found == ()


def test_a_held_dwelling_that_does_not_suit_the_household_is_not_flagged():
    # BIG holds the five-room dwelling: too big for SEN (the size rule), so SEN is not blocked by it.
    found, given = blocked(history((1, "SEN", "B2", REF), (1, "SEN", "B1", REF), (1, "BIG", "BIG5", PEN)))
    assert "SEN" not in given and found == ()


def test_a_held_dwelling_the_household_refused_is_not_flagged():
    found, given = blocked(
        history((1, "SEN", "B1", REF), (2, "SEN", "B2", REF), (2, "JUN", "B1", PEN), round_=2)
    )
    assert "SEN" not in given and found == ()


def test_reopening_the_offers_still_out_gives_the_senior_household_the_dwelling():
    found, given = blocked(history((1, "SEN", "B2", REF), (1, "JUN", "B1", PEN)), reopen_pending=True)
    assert found == () and given["SEN"] == "B1" and given["JUN"] == "B2"  # B2, which SEN refused


def test_the_two_decision_rows_withdraw_the_offer_still_out_and_give_the_dwelling():
    # The rows the sheet Kræver koordinatoren lists, in its order: first the forbid, then the give.
    rows = (
        Pin("JUN", "B1", Action.FORBID, "trukket tilbage", False, "pins.csv", 2),
        Pin("SEN", "B1", Action.GIVE, "udestående tilbud trukket tilbage", False, "pins.csv", 3),
    )
    past = history((1, "SEN", "B2", REF), (1, "JUN", "B1", PEN))
    plan = plan_round(case(), Settings(), history=past, pins=rows)
    result = solve(plan.instance, plan.settings, decisions=plan.decisions)
    assert result.assignment_map["SEN"] == "B1" and plan.report(result).blocked == ()
