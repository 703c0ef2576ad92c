"""plan_round on tiny hand-made cases: what each response and decision turns into, and what is refused."""

from __future__ import annotations

import pytest
from builders import hh, instance, vac

from allocator.domain import Kind, Settings
from allocator.notice import notice_text
from allocator.problems import InputError
from allocator.read.decisions import Action, Pin, merge
from allocator.read.history import DecidedBy, History, PastOffer, Response
from allocator.rounds import Status, plan_round
from allocator.solve import solve

ACC, REF, PEN = Response.ACCEPTED, Response.REFUSED, Response.PENDING


def case():
    """Three households, four two-room dwellings in Hvidovre, one five-room dwelling (too big for everyone)."""
    return instance(
        [hh("H1"), hh("H2"), hh("T1", kind=Kind.TEMPORARY)],
        [vac("B1"), vac("B2"), vac("B3"), vac("B4"), vac("BIG", rooms=5)],
    )


def history(*offers, round_=1, dwellings=None) -> History:
    past = tuple(
        PastOffer(r, h, d, resp, where=f"round-{r}.xlsx row {i + 2}")
        for i, (r, h, d, resp) in enumerate(offers)
    )
    return History(file="round.xlsx", round=round_, offers=past, dwellings=dwellings or {})


def pin(h, d, action=Action.GIVE, agreed=False, carried=False) -> Pin:
    return Pin(h, d, action, "lovet", agreed, "pins.csv", 2, carried)


def test_round_1_without_history_decides_nothing():
    plan = plan_round(case(), Settings())
    assert plan.round == 1 and plan.decisions.fixed == () and plan.decisions.forbidden == ()


def test_accepted_and_pending_are_fixed_refused_is_forbidden_and_counted():
    plan = plan_round(
        case(), Settings(), history=history((1, "H1", "B1", ACC), (1, "H2", "B2", REF), (1, "T1", "B3", PEN))
    )
    assert plan.round == 2
    assert plan.decisions.fixed == (("H1", "B1"), ("T1", "B3"))
    assert plan.decisions.forbidden == (("H2", "B2"),)
    assert plan.refusals == {"H2": 1}


def test_reopen_pending_lets_the_optimiser_move_an_offer_still_out():
    past = history((1, "H1", "B1", PEN), (1, "H2", "B2", PEN))
    plan = plan_round(case(), Settings(), history=past, reopen_pending=True)
    assert plan.decisions.fixed == ()
    result = solve(plan.instance, Settings(), decisions=plan.decisions)
    report = plan.report(result)
    for hid in ("H1", "H2"):
        standing = report.of(hid)
        old = "B1" if hid == "H1" else "B2"
        if result.assignment_map[hid] == old:
            assert standing.status is Status.PENDING and standing.offered_in == 1
        else:
            assert standing.status is Status.NEW and any(
                o.response is Response.WITHDRAWN for o in report.closed
            )


def test_the_last_of_the_allowed_offers_is_final_and_temporary_households_may_get_fewer():
    # Up to 2 offers (domain rule 10): H1 refused its first, so its second is the final one; H2 and T1 refused
    # nothing yet. With one offer for temporary households, T1's first offer is already final.
    past = history((1, "H1", "B1", REF), round_=1)
    plan = plan_round(case(), Settings(), history=past)
    h1, h2, t1 = plan.instance.households
    assert plan.final_next(h1) and not plan.final_next(h2) and not plan.final_next(t1)
    strict = plan_round(case(), Settings(max_offers_temporary=1), history=past)
    assert strict.final_next(t1) and not strict.final_next(h2)
    report = strict.report(solve(strict.instance, strict.settings, decisions=strict.decisions))
    assert report.of("H1").final and report.of("H1").offer_no == 2 and report.of("H1").refusals == 1
    assert report.of("T1").final or report.of("T1").status is None


def test_final_offer_refused_is_warned_about():
    past = (PastOffer(1, "H1", "B1", REF, final=True, where="r.xlsx row 2"),)
    plan = plan_round(case(), Settings(), history=History("r.xlsx", 1, past, {}))
    assert any("refused a final offer" in w and "§ 86" in w for w in plan.warnings)


def test_vanished_accepted_dwelling_is_kept_with_its_old_data_and_vanished_pending_is_void():
    gone = vac("GONE", rooms=2)
    past = history((1, "H1", "GONE", ACC), (1, "H2", "ALSO_GONE", PEN), dwellings={"GONE": gone})
    plan = plan_round(case(), Settings(), history=past)
    assert ("H1", "GONE") in plan.decisions.fixed and "GONE" in {
        v.dwelling_id for v in plan.instance.vacancies
    }
    assert all(h != "H2" for h, _ in plan.decisions.fixed)
    assert [o.response for o in plan.past if o.household_id == "H2"] == [Response.WITHDRAWN]
    assert any("GONE is no longer in the vacancies file; H1 keeps it" in w for w in plan.warnings)
    assert any("void: ALSO_GONE is no longer in the vacancies file" in w for w in plan.warnings)


def test_vanished_accepted_dwelling_without_data_is_a_problem():
    with pytest.raises(InputError, match="put the dwelling back"):
        plan_round(case(), Settings(), history=history((1, "H1", "GONE", ACC)))


def test_household_gone_from_the_file_keeps_its_accepted_dwelling_out_of_the_allocation():
    plan = plan_round(case(), Settings(), history=history((1, "GONE", "B1", ACC), (1, "GONE2", "B2", PEN)))
    ids = {v.dwelling_id for v in plan.instance.vacancies}
    assert "B1" not in ids and "B2" in ids and plan.decisions.fixed == ()
    assert len(plan.warnings) == 2


def test_pin_is_fixed_and_forbid_is_forbidden():
    plan = plan_round(case(), Settings(), pins=(pin("H1", "B4"), pin("H2", "B1", Action.FORBID)))
    assert plan.decisions.fixed == (("H1", "B4"),)
    assert plan.decisions.forbidden == (("H2", "B1"),)
    assert [s.state for s in plan.pins] == ["applied", "applied"]
    result = solve(plan.instance, Settings(), decisions=plan.decisions)
    standing = plan.report(result).of("H1")
    assert standing.status is Status.PINNED and standing.decided_by is DecidedBy.PIN


def test_pin_breaking_a_rule_needs_the_households_agreement():
    with pytest.raises(InputError) as refused:
        plan_round(case(), Settings(), pins=(pin("H1", "BIG"),))
    text = refused.value.report()
    assert "pins.csv, row 2" in text and "'suitable size'" in text and "with 2 rooms" in text
    plan = plan_round(case(), Settings(), pins=(pin("H1", "BIG", agreed=True),))
    assert plan.decisions.fixed == (("H1", "BIG"),)
    (status,) = plan.pins
    assert status.state == "agreed" and status.rules == ("suitable_size",)
    assert "passende størrelse" in status.text("da") and "aftalt" in status.text("da")


def test_pins_on_unknown_households_or_dwellings_are_problems_all_at_once():
    with pytest.raises(InputError) as refused:
        plan_round(case(), Settings(), pins=(pin("NOBODY", "B1"), pin("H1", "NOWHERE", Action.FORBID)))
    assert len(refused.value.problems) == 2
    assert "household NOBODY is not in the households file" in refused.value.report()
    assert "dwelling NOWHERE is not in the vacancies file" in refused.value.report()


def test_carried_pin_that_no_longer_applies_is_a_warning():
    plan = plan_round(case(), Settings(), pins=(pin("H1", "LET", Action.FORBID, carried=True),))
    assert plan.pins[0].state == "idle" and "no effect" in plan.warnings[0]


def test_pin_gives_back_a_refused_dwelling_only_when_agreed():
    past = history((1, "H1", "B1", REF))
    with pytest.raises(InputError, match="refused B1 in round 1"):
        plan_round(case(), Settings(), history=past, pins=(pin("H1", "B1"),))
    plan = plan_round(case(), Settings(), history=past, pins=(pin("H1", "B1", agreed=True),))
    assert ("H1", "B1") in plan.decisions.fixed and ("H1", "B1") not in plan.decisions.forbidden
    assert plan.pins[0].state == "back"


def test_a_pin_spent_on_a_refused_offer_no_longer_applies():
    past = (PastOffer(1, "H1", "B1", REF, decided_by=DecidedBy.PIN, where="r.xlsx row 2"),)
    plan = plan_round(case(), Settings(), history=History("r.xlsx", 1, past, {}), pins=(pin("H1", "B1"),))
    assert plan.pins[0].state == "spent" and plan.decisions.fixed == ()


def test_pin_against_an_accepted_or_pending_offer_is_a_problem():
    past = history((1, "H1", "B1", ACC), (1, "H2", "B2", PEN))
    for bad, words in (
        (pin("T1", "B1"), "B1 is accepted for H1"),
        (pin("H1", "B3"), "H1 has accepted B1"),
        (pin("H2", "B3"), "offer still out"),
        (pin("H1", "B1", Action.FORBID), "cannot undo"),
    ):
        with pytest.raises(InputError, match=words):
            plan_round(case(), Settings(), history=past, pins=(bad,))
    plan = plan_round(case(), Settings(), history=past, pins=(pin("H1", "B1"),))
    assert plan.pins[0].state == "accepted"


def test_forbid_withdraws_an_offer_still_out_without_counting_a_refusal():
    plan = plan_round(
        case(), Settings(), history=history((1, "H2", "B2", PEN)), pins=(pin("H2", "B2", Action.FORBID),)
    )
    assert plan.decisions.fixed == () and plan.decisions.forbidden == (("H2", "B2"),)
    assert plan.refusals == {} and any("withdrawn" in w for w in plan.warnings)


def test_merge_keeps_one_of_each_decision_and_reports_contradictions():
    fresh = (pin("H1", "B1"),)
    carried = (pin("H1", "B1", carried=True), pin("H2", "B3", carried=True))
    pins, problems = merge(fresh, carried)
    assert [p.pair for p in pins] == [("H1", "B1"), ("H2", "B3")] and not pins[0].carried and problems == []
    _, problems = merge(fresh, (pin("H1", "B1", Action.FORBID), pin("H1", "B2"), pin("H3", "B1")))
    assert len(problems) == 3


def test_fixed_pair_refused_in_an_earlier_round_is_not_also_forbidden():
    """Refused in round 1, given back by an agreed pin and accepted in round 2: fixed, and not forbidden."""
    past = history((1, "H1", "B1", REF), (2, "H1", "B1", ACC), round_=2)
    plan = plan_round(case(), Settings(), history=past)
    assert plan.decisions.fixed == (("H1", "B1"),) and plan.decisions.forbidden == ()


def test_kept_offers_are_checked_against_this_rounds_data_like_pins():
    """A pending or accepted offer whose dwelling grew (or household changed) breaks a rule: refused, naming the
    row and the rule; force keeps it with a warning."""
    grown = instance([hh("H1"), hh("H2", name="Ida Hansen")], [vac("B1", rooms=5), vac("B2")])
    past = History(
        file="round.xlsx",
        round=1,
        offers=(
            PastOffer(1, "H1", "B1", PEN, where="round.xlsx row 2"),
            PastOffer(1, "H2", "B2", ACC, name="Bo Jensen", where="round.xlsx row 3"),
        ),
        dwellings={},
    )
    with pytest.raises(InputError) as exc:
        plan_round(grown, Settings(), history=past)
    text = exc.value.report()
    assert "round.xlsx row 2" in text and "suitable size" in text and "pending" in text
    assert "round.xlsx row 3" in text and "Bo Jensen" in text and "Ida Hansen" in text
    forced = plan_round(grown, Settings(), history=past, force_history=True)
    assert forced.decisions.fixed == (("H1", "B1"), ("H2", "B2"))
    assert sum("--force-history" in w for w in forced.warnings) == 2
    danish = [notice_text(w, "da") for w in forced.warnings if "--force-history" in w]
    assert all("beholdt som ønsket" in w and "--force-history" not in w for w in danish)
    assert any("passende størrelse" in w for w in danish)
    assert any("hedder 'Bo Jensen' her" in w for w in danish)


def test_an_agreed_pin_still_out_may_break_a_rule():
    grown = instance([hh("H1")], [vac("B1", rooms=5)])
    plan = plan_round(grown, Settings(), history=history((1, "H1", "B1", PEN)), pins=(pin("H1", "B1", agreed=True),))
    assert plan.decisions.fixed == (("H1", "B1"),)


def test_a_household_with_earlier_offers_but_no_offers_row_had_its_row_deleted():
    past = History(
        file="round-2.xlsx",
        round=2,
        offers=(PastOffer(1, "H1", "B1", ACC, where="round-2.xlsx, sheet 'Historik' row 2"),),
        dwellings={},
        listed={"H2": (None, "round-2.xlsx row 2"), "T1": (None, "round-2.xlsx row 3")},
    )
    with pytest.raises(InputError) as exc:
        plan_round(case(), Settings(), history=past)
    assert "H1 has no row on the offers sheet" in exc.value.report() and "deleted" in exc.value.report()
