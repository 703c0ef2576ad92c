"""Three offer rounds on the example case, through the command line and Excel only, as a coordinator runs them.

Round 1 allocates. The coordinator fills the responses in the written workbook: most households accept, a senior
household and one other refuse, two offers stay out (blank). For round 2 one accepted and one pending dwelling
leave the vacancies file, and a pins file gives an unhoused household a dwelling (agreed with it, though it
breaks a rule) and forbids a refuser one dwelling. The refusers' round-2 offers are their second, so final; the
senior household refuses it all the same, and its round-3 offer is final again; round 3 runs from the round-2
workbook alone (the pins are carried on its decisions sheet).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from answers import answer
from click.testing import CliRunner
from openpyxl import load_workbook

from allocator.cli import main
from allocator.domain import Settings
from allocator.engine.eligibility import compute
from allocator.read import read_instance
from allocator.read.history import Response, read_history
from allocator.rules import HARD_RULES

ROOT = Path(__file__).resolve().parents[2]
HOUSEHOLDS = ROOT / "data" / "example" / "households.csv"
VACANCIES = ROOT / "data" / "example" / "vacancies.csv"
TITLES = {rule.NAME: rule.TITLE for rule in HARD_RULES}


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def sheet_rows(path: Path, sheet: str) -> list[dict]:
    ws = load_workbook(path)[sheet]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:] if any(c is not None for c in r)]


def offers(path: Path) -> dict[str, dict]:
    return {r["Husstand-ID"]: r for r in sheet_rows(path, "Tilbud")}


def without(src: Path, dst: Path, dwellings: set[str]) -> None:
    """A copy of the vacancies file without some dwellings (they were let in the meantime)."""
    lines = src.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    kept = [line for line in lines if line.split(";", 1)[0] not in dwellings]
    assert len(kept) == len(lines) - len(dwellings)
    dst.write_text("".join(kept), encoding="utf-8-sig")


def audit_rows(path: Path, section: str) -> list[tuple]:
    ws = load_workbook(path)["Kontrol"]
    return [r for r in ws.iter_rows(values_only=True) if r[0] == section]


def run_ok(*args) -> object:
    result = invoke("allocate", *args)
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def story(tmp_path_factory) -> dict:
    """Run the three rounds once; each test below checks one thing the coordinator relies on."""
    out = tmp_path_factory.mktemp("rounds")
    s: dict = {"out": out}
    run_ok(HOUSEHOLDS, VACANCIES, "--out", out / "round-1.xlsx", "--json", out / "round-1.json", "-q")
    first = offers(out / "round-1.xlsx")
    housed = [hid for hid, r in first.items() if r["Bolig-ID"]]
    unhoused = [hid for hid, r in first.items() if not r["Bolig-ID"]]
    permanent = [hid for hid in housed if first[hid]["Genhusningstype"] == "permanent"]
    # The most senior permanent household with room to refuse twice and still get a third offer.
    data1 = read_instance(HOUSEHOLDS, VACANCIES)
    elig1 = compute(data1.instance, Settings())
    hids1 = [h.household_id for h in data1.instance.households]
    left1 = np.array([v.dwelling_id not in {r["Bolig-ID"] for r in first.values()} for v in data1.instance.vacancies])
    roomy = [hid for hid in permanent if (elig1.suitable_row(hids1.index(hid)) & left1).sum() >= 3]
    senior = min(roomy, key=lambda hid: (first[hid]["Anciennitetsdato"], hid))
    others = [hid for hid in housed if hid != senior]
    s.update(senior=senior, refuser=others[0], pending=others[1], void=others[2], moved=others[3])
    s["accepted"] = [hid for hid in others[4:]] + [s["moved"]]
    s["dwelling1"] = {hid: first[hid]["Bolig-ID"] for hid in housed}
    spellings = ["accepteret", " Accepteret ", "JA", "accepted", "yes"]
    responses = {hid: spellings[i % len(spellings)] for i, hid in enumerate(s["accepted"])}
    responses.update({senior: "afslået", s["refuser"]: " Nej "})
    answer(out / "round-1.xlsx", out / "round-1-answered.xlsx", responses)

    # Between the rounds two offered dwellings are let elsewhere and leave the vacancies file.
    s["gone"] = {s["dwelling1"][s["moved"]], s["dwelling1"][s["void"]]}
    without(VACANCIES, out / "vacancies-2.csv", s["gone"])

    # The coordinator promises an unhoused household a dwelling that breaks one rule; the household agreed.
    data = read_instance(HOUSEHOLDS, out / "vacancies-2.csv")
    elig = compute(data.instance, Settings())
    hids = [h.household_id for h in data.instance.households]
    vids = [v.dwelling_id for v in data.instance.vacancies]
    free = set(vids) - set(s["dwelling1"].values())
    s["promised"], s["promise"], s["broken"] = _promise(elig, hids, vids, unhoused, free)
    # ... and forbids the refuser one dwelling it could have had.
    refuser = hids.index(s["refuser"])
    s["forbid"] = next(vids[j] for j in elig.suitable_row(refuser).nonzero()[0] if vids[j] in free)
    s["pins"] = out / "pins.csv"
    s["pins"].write_text(
        "Husstand-ID;Bolig-ID;Handling;Begrundelse;Aftalt med husstanden\n"
        f"{s['promised']};{s['promise']};tildel;lovet på beboermødet;nej\n"
        f"{s['refuser']};{s['forbid']};udeluk;for langt fra skole;\n",
        encoding="utf-8",
    )
    s["refused_pin"] = invoke(
        "allocate",
        HOUSEHOLDS,
        out / "vacancies-2.csv",
        "--history",
        out / "round-1-answered.xlsx",
        "--decisions",
        s["pins"],
        "--out",
        out / "no.xlsx",
    )
    s["pins"].write_text(
        s["pins"].read_text(encoding="utf-8").replace("beboermødet;nej", "beboermødet;ja"), encoding="utf-8"
    )
    s["round2"] = run_ok(
        HOUSEHOLDS,
        out / "vacancies-2.csv",
        "--history",
        out / "round-1-answered.xlsx",
        "--decisions",
        s["pins"],
        "--out",
        out / "round-2.xlsx",
        "--json",
        out / "round-2.json",
    )

    second = offers(out / "round-2.xlsx")
    s["dwelling2"] = {hid: r["Bolig-ID"] for hid, r in second.items() if r["Bolig-ID"]}
    answer(
        out / "round-2.xlsx",
        out / "round-2-answered.xlsx",
        {s["senior"]: "afslået", s["refuser"]: "accepteret", s["pending"]: "accepteret"},
    )
    s["round3"] = run_ok(
        HOUSEHOLDS,
        out / "vacancies-2.csv",
        "--history",
        out / "round-2-answered.xlsx",
        "--out",
        out / "round-3.xlsx",
        "--json",
        out / "round-3.json",
    )
    return s


def _promise(elig, hids, vids, unhoused, free):
    """An unhoused household and a free dwelling in its municipality that break exactly one rule."""
    for hid in unhoused:
        i = hids.index(hid)
        masks = elig.rule_masks(i)
        for j, vid in enumerate(vids):
            if vid not in free:
                continue
            broken = [name for name, allowed in masks.items() if not allowed[j]]
            if len(broken) == 1 and broken[0] != "same_municipality":
                return hid, vid, broken[0]
    raise AssertionError("the example has no unhoused household with a near-suitable free dwelling")


def workbook(story, n: int) -> Path:
    return story["out"] / f"round-{n}.xlsx"


# --- round 1 ------------------------------------------------------------------------------------------------


def test_round_1_is_round_1_with_an_empty_history(story):
    rows = offers(workbook(story, 1))
    assert {r["Runde"] for r in rows.values()} == {1}
    housed = [r for r in rows.values() if r["Bolig-ID"]]
    assert all(r["Tilbudt i runde"] == 1 and r["Tilbud nr."] == 1 and r["Svar"] is None for r in housed)
    assert all(r["Endeligt tilbud"] == "nej" and r["Besluttet af"] == "genhus" for r in housed)
    assert sheet_rows(workbook(story, 1), "Historik") == []
    assert json.loads((story["out"] / "round-1.json").read_text(encoding="utf-8"))["audit"]["ok"]


# --- round 2 ------------------------------------------------------------------------------------------------


def test_round_2_pin_breaking_a_rule_is_refused_until_agreed(story):
    refused = story["refused_pin"]
    assert refused.exit_code == 2, refused.output
    assert "pins.csv" in refused.output and "row 2" in refused.output
    assert TITLES[story["broken"]]["en"] in refused.output and "agreed" in refused.output
    assert not (story["out"] / "no.xlsx").exists()


def test_round_2_audit_passes_and_is_round_2(story):
    assert "check: coverage" in story["round2"].output
    data = json.loads((story["out"] / "round-2.json").read_text(encoding="utf-8"))
    assert data["audit"]["ok"], data["audit"]
    assert data["audit"]["fixed"] == len(story["accepted"]) + 2  # accepted, the pending offer, the pin
    assert {r["Runde"] for r in offers(workbook(story, 2)).values()} == {2}


def test_round_2_accepted_households_keep_their_dwellings_and_are_done(story):
    rows = offers(workbook(story, 2))
    for hid in story["accepted"]:
        r = rows[hid]
        assert r["Bolig-ID"] == story["dwelling1"][hid]
        assert r["Tilbudsstatus"] == "accepteret i runde 1" and r["Svar"] == "accepteret"


def test_round_2_refused_dwellings_do_not_come_back(story):
    rows = offers(workbook(story, 2))
    for hid in (story["senior"], story["refuser"]):
        r = rows[hid]
        assert r["Bolig-ID"] != story["dwelling1"][hid]
        assert r["Afslag hidtil"] == 1
        assert r["Tidligere tilbud"] == f"runde 1: {story['dwelling1'][hid]} afslået"
        assert r["Endeligt tilbud"] == "ja"  # the second of up to 2 offers is the landlord's decision


def test_round_2_pending_offer_stays_out_unchanged(story):
    r = offers(workbook(story, 2))[story["pending"]]
    assert r["Bolig-ID"] == story["dwelling1"][story["pending"]]
    assert r["Tilbudsstatus"] == "udestående fra runde 1" and r["Tilbudt i runde"] == 1 and r["Svar"] is None


def test_round_2_vanished_dwellings_are_reported_loudly(story):
    moved, void = story["dwelling1"][story["moved"]], story["dwelling1"][story["void"]]
    output = story["round2"].output
    assert f"{moved} is no longer in the vacancies file; {story['moved']} keeps it" in output
    assert f"is void: {void} is no longer in the vacancies file" in output
    warnings = " ".join(str(r[2]) for r in audit_rows(workbook(story, 2), "Advarsler"))
    assert moved in warnings and void in warnings
    rows = offers(workbook(story, 2))
    kept = rows[story["moved"]]  # accepted: stays housed, with the dwelling's data from the round-1 workbook
    assert kept["Bolig-ID"] == moved and kept["Ny afdeling"] and kept["Rum"]
    assert rows[story["void"]]["Bolig-ID"] != void  # pending: void, the household took part again
    history = sheet_rows(workbook(story, 2), "Historik")
    (withdrawn,) = [h for h in history if h["Husstand-ID"] == story["void"]]
    assert withdrawn["Svar"] == "trukket tilbage" and "ledighedsfilen" in withdrawn["Note"]


def test_round_2_pin_holds_and_the_audit_lists_the_decisions(story):
    r = offers(workbook(story, 2))[story["promised"]]
    assert r["Bolig-ID"] == story["promise"] and r["Besluttet af"] == "koordinator"
    assert offers(workbook(story, 2))[story["refuser"]]["Bolig-ID"] != story["forbid"]
    listed = {r[1]: r[2] for r in audit_rows(workbook(story, 2), "Beslutninger")}
    promise = listed[f"tildel {story['promised']} → {story['promise']}"]
    assert "aftalt med husstanden" in promise and TITLES[story["broken"]]["da"] in promise
    assert f"udeluk {story['refuser']} → {story['forbid']}" in listed
    carried = sheet_rows(workbook(story, 2), "Beslutninger")
    assert [(d["Husstand-ID"], d["Handling"], d["Aftalt med husstanden"]) for d in carried] == [
        (story["promised"], "tildel", "ja"),
        (story["refuser"], "udeluk", "nej"),
    ]


def test_round_2_history_sheet_has_round_1(story):
    history = sheet_rows(workbook(story, 2), "Historik")
    assert {h["Runde"] for h in history} == {1}
    by_household = {h["Husstand-ID"]: h["Svar"] for h in history}
    assert by_household[story["senior"]] == by_household[story["refuser"]] == "afslået"
    assert all(by_household[hid] == "accepteret" for hid in story["accepted"])
    assert story["pending"] not in by_household  # still out: on the offers sheet, not yet history


# --- round 3 ------------------------------------------------------------------------------------------------


def test_round_3_audit_passes_and_is_round_3(story):
    data = json.loads((story["out"] / "round-3.json").read_text(encoding="utf-8"))
    assert data["audit"]["ok"], data["audit"]
    assert {r["Runde"] for r in offers(workbook(story, 3)).values()} == {3}


def test_round_3_household_at_its_refusal_limit_gets_the_final_offer(story):
    r = offers(workbook(story, 3))[story["senior"]]
    refused = {story["dwelling1"][story["senior"]], story["dwelling2"][story["senior"]]}
    assert r["Bolig-ID"] and r["Bolig-ID"] not in refused
    assert r["Endeligt tilbud"] == "ja" and r["Afslag hidtil"] == 2 and r["Tilbud nr."] == 3
    assert r["Tilbudsstatus"].endswith("endeligt tilbud efter 2 afslag")
    assert r["Tidligere tilbud"].count("afslået") == 2


def test_round_3_everyone_accepted_keeps_the_dwelling(story):
    rows = offers(workbook(story, 3))
    for hid in story["accepted"]:
        assert rows[hid]["Bolig-ID"] == story["dwelling1"][hid]
    assert rows[story["pending"]]["Bolig-ID"] == story["dwelling1"][story["pending"]]
    assert rows[story["pending"]]["Tilbudsstatus"] == "accepteret i runde 1"
    assert rows[story["refuser"]]["Bolig-ID"] == story["dwelling2"][story["refuser"]]
    assert rows[story["refuser"]]["Tilbudsstatus"].startswith("accepteret i runde 2; endeligt tilbud")


def test_round_3_pin_still_holds_without_the_pins_file(story):
    r = offers(workbook(story, 3))[story["promised"]]
    assert r["Bolig-ID"] == story["promise"] and r["Tilbudsstatus"] == "udestående fra runde 2"
    assert r["Besluttet af"] == "koordinator"
    listed = [r[1] for r in audit_rows(workbook(story, 3), "Beslutninger")]
    assert f"tildel {story['promised']} → {story['promise']}" in listed


def test_round_3_vanished_accepted_dwelling_is_still_reported(story):
    moved = story["dwelling1"][story["moved"]]
    assert f"{moved} is no longer in the vacancies file" in story["round3"].output
    assert offers(workbook(story, 3))[story["moved"]]["Bolig-ID"] == moved


def test_round_3_history_sheet_has_every_earlier_round(story):
    history = sheet_rows(workbook(story, 3), "Historik")
    assert {h["Runde"] for h in history} == {1, 2}
    senior = [(h["Runde"], h["Bolig-ID"], h["Svar"]) for h in history if h["Husstand-ID"] == story["senior"]]
    assert senior == [
        (1, story["dwelling1"][story["senior"]], "afslået"),
        (2, story["dwelling2"][story["senior"]], "afslået"),
    ]


def test_reading_round_3_gives_rounds_1_to_3(story):
    history = read_history(workbook(story, 3))
    assert history.round == 3
    assert {o.round for o in history.offers} == {1, 2, 3}
    mine = [o for o in history.offers if o.household_id == story["senior"]]
    assert [o.response for o in mine] == [Response.REFUSED, Response.REFUSED, Response.PENDING]
    assert mine[-1].final
