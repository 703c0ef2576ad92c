"""A round-2 story on the example case: the senior household H0125 (fourth in priority, the issue's example)
refuses its first offer, and half of the other offers are still out when round 2 is made. Nothing suitable is
free for H0125, while lower-priority households hold offers still out on dwellings of its first wish: round 2
flags it on screen, on Overblik and on the sheet Kræver koordinatoren, and each way out the sheet gives works
through the command line alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from allocator.cli import main

ROOT = Path(__file__).resolve().parents[2]
HOUSEHOLDS = ROOT / "data" / "example" / "households.csv"
VACANCIES = ROOT / "data" / "example" / "vacancies.csv"
SHEET = "Kræver koordinatoren"


def allocate(*args) -> str:
    result = CliRunner().invoke(main, ["allocate", str(HOUSEHOLDS), str(VACANCIES), *map(str, args), "-q"])
    assert result.exit_code == 0, result.output
    return result.output


def rows(path: Path, sheet: str) -> list[tuple]:
    return [
        r for r in load_workbook(path)[sheet].iter_rows(values_only=True) if any(c is not None for c in r)
    ]


def offers(path: Path) -> dict[str, dict]:
    head, *body = rows(path, "Tilbud")
    return {r[0]: dict(zip(head, r, strict=True)) for r in body}


@pytest.fixture(scope="module")
def story(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("blocked")
    allocate("--out", out / "runde-1.xlsx")
    book = load_workbook(out / "runde-1.xlsx")
    ws = book["Tilbud"]
    head = [c.value for c in ws[1]]
    hid, svar, dwelling = head.index("Husstand-ID"), head.index("Svar"), head.index("Bolig-ID")
    offered = [r for r in ws.iter_rows(min_row=2) if r[dwelling].value]
    for k, r in enumerate(offered, start=1):  # H0125 and H0003 refuse; every second other offer is accepted
        if r[hid].value in ("H0125", "H0003"):
            r[svar].value = "afslået"
        elif k % 2 == 0:
            r[svar].value = "accepteret"
    book.save(out / "runde-1-svar.xlsx")
    screen = allocate("--history", out / "runde-1-svar.xlsx", "--out", out / "runde-2.xlsx")
    return {"out": out, "screen": screen, "round2": out / "runde-2.xlsx"}


def test_round_2_flags_the_senior_household_on_screen_with_the_three_ways_out(story):
    screen = story["screen"]
    assert "needs the coordinator: 1 household without an offer" in screen
    assert "H0125: B0270 (pending for H0156 since round 1)" in screen
    assert "H0156;B0270;udeluk;" in screen and "H0125;B0270;tildel;" in screen
    assert "wait for the next vacancies" in screen
    assert "--reopen-pending" in screen and "runde-1-svar.xlsx" in screen


def test_round_2_has_the_sheet_and_the_next_step(story):
    sheet = rows(story["round2"], SHEET)
    table = [r for r in sheet if r[0] == "H0125" and r[7] is not None]  # not the decisions rows below
    assert [(r[4], r[7]) for r in table][0] == ("B0270", "H0156")
    assert {r[7] for r in table} >= {"H0156", "H0103", "H0166"}  # each holds a dwelling of its first wish
    assert all(offers(story["round2"])[r[7]]["Tilbudsstatus"] == "udestående fra runde 1" for r in table)
    h0125 = offers(story["round2"])["H0125"]
    assert h0125["Bolig-ID"] is None and SHEET in h0125["Tilbudsstatus"]
    summary = [r[0] for r in rows(story["round2"], "Overblik") if isinstance(r[0], str)]
    assert any("1 husstand har intet tilbud" in line and SHEET in line for line in summary)


def test_the_rows_written_on_the_decisions_sheet_give_the_dwelling_in_the_next_round(story):
    out = story["out"]
    book = load_workbook(story["round2"])
    sheet = [r for r in book[SHEET].iter_rows(values_only=True)]
    top = next(i for i, r in enumerate(sheet) if r[0] == "Rækker til arket Beslutninger")
    pins = [r[:5] for r in sheet[top + 2 :] if r[0]]
    assert [p[:3] for p in pins] == [("H0156", "B0270", "udeluk"), ("H0125", "B0270", "tildel")]
    ws = book["Beslutninger"]
    for p in pins:  # typed below the table, as a coordinator does
        ws.append(list(p))
    book.save(out / "runde-2-beslutninger.xlsx")
    screen = allocate("--history", out / "runde-2-beslutninger.xlsx", "--out", out / "runde-3.xlsx")
    third = offers(out / "runde-3.xlsx")
    assert third["H0125"]["Bolig-ID"] == "B0270" and third["H0125"]["Besluttet af"] == "koordinator"
    assert third["H0156"]["Bolig-ID"] != "B0270"
    # H0125 is housed; H0156, whose offer was withdrawn, may now be the one offers still out keep waiting.
    assert "  H0125:" not in screen


def test_reopening_the_pending_offers_gives_the_senior_household_its_first_wish(story):
    out = story["out"]
    screen = allocate(
        "--history", out / "runde-1-svar.xlsx", "--reopen-pending", "--out", out / "genåbnet.xlsx"
    )
    assert offers(out / "genåbnet.xlsx")["H0125"]["Ønske opfyldt"] == "1. ønske"
    assert "needs the coordinator" not in screen
    assert SHEET not in load_workbook(out / "genåbnet.xlsx").sheetnames
