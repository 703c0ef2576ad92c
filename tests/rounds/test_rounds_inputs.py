"""What the coordinator types between rounds, read through the command line: responses, decisions, languages,
and every way of getting them wrong (exit 2, every problem named with workbook, sheet, row, column and value)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from allocator.cli import main
from allocator.problems import InputError
from allocator.read.decisions import Action, read_decisions
from allocator.read.history import Response, read_history

ROOT = Path(__file__).resolve().parents[2]
HOUSEHOLDS = ROOT / "data" / "example" / "households.csv"
VACANCIES = ROOT / "data" / "example" / "vacancies.csv"
ROUND_COLUMNS = (
    "Runde",
    "Tilbudt i runde",
    "Tilbud nr.",
    "Tilbudsstatus",
    "Besluttet af",
    "Endeligt tilbud",
    "Afslag hidtil",
    "Tidligere tilbud",
)


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def round1(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("inputs")
    books = {"da": out / "round-1.xlsx", "en": out / "round-1-en.xlsx"}
    for lang, path in books.items():
        result = invoke("allocate", HOUSEHOLDS, VACANCIES, "--out", path, "--lang", lang, "-q")
        assert result.exit_code == 0, result.output
    return books


def fill(src: Path, dst: Path, sheet: str, column: str, values: dict[int, object]) -> None:
    """Write ``values`` (data row index from 0 -> value) into ``column`` of ``sheet``."""
    book = load_workbook(src)
    ws = book[sheet]
    col = [c.value for c in ws[1]].index(column) + 1
    for i, value in values.items():
        ws.cell(row=i + 2, column=col, value=value)
    book.save(dst)


def housed_rows(path: Path, sheet: str = "Tilbud", id_header: str = "Bolig-ID") -> list[int]:
    ws = load_workbook(path)[sheet]
    head = [c.value for c in ws[1]]
    col = head.index(id_header)
    return [i for i, row in enumerate(ws.iter_rows(min_row=2, values_only=True)) if row[col]]


def test_typos_in_the_response_column_are_refused_with_row_and_column(round1, tmp_path):
    housed = housed_rows(round1["da"])
    answered = tmp_path / "svar.xlsx"
    fill(
        round1["da"],
        answered,
        "Tilbud",
        "Svar",
        {housed[0]: "acepteret", housed[1]: "måske", housed[2]: "JA"},
    )
    result = invoke("allocate", HOUSEHOLDS, VACANCIES, "--history", answered, "--out", tmp_path / "r2.xlsx")
    assert result.exit_code == 2, result.output
    assert "2 problems in the input" in result.output
    assert f"svar.xlsx, sheet 'Tilbud', row {housed[0] + 2}, column 'Svar'" in result.output
    assert "'acepteret'" in result.output and "'måske'" in result.output
    assert "write accepteret or afslået" in result.output
    assert not (tmp_path / "r2.xlsx").exists()


def test_a_response_without_an_offer_is_refused(round1, tmp_path):
    ws = load_workbook(round1["da"])["Tilbud"]
    unhoused = [i for i, r in enumerate(ws.iter_rows(min_row=2, values_only=True)) if not r[10]]
    answered = tmp_path / "svar.xlsx"
    fill(round1["da"], answered, "Tilbud", "Svar", {unhoused[0]: "afslået"})
    result = invoke("allocate", HOUSEHOLDS, VACANCIES, "--history", answered)
    assert result.exit_code == 2 and f"row {unhoused[0] + 2}, column 'Svar'" in result.output
    assert "has no offer in this row" in result.output


def test_history_must_be_a_genhus_workbook(tmp_path):
    result = invoke("allocate", HOUSEHOLDS, VACANCIES, "--history", VACANCIES)
    assert result.exit_code == 2 and "must be the .xlsx workbook genhus wrote" in result.output
    other = tmp_path / "other.xlsx"
    book = Workbook()
    book.active.title = "Ark1"
    book.active.append(["a"])
    book.save(other)
    result = invoke("allocate", HOUSEHOLDS, VACANCIES, "--history", other)
    assert result.exit_code == 2 and "no offers sheet ('Tilbud' or 'Offers')" in result.output
    assert "'Ark1'" in result.output


def test_english_workbook_round_trip(round1, tmp_path):
    housed = housed_rows(round1["en"], "Offers", "Dwelling ID")
    answered = tmp_path / "answered-en.xlsx"
    fill(
        round1["en"],
        answered,
        "Offers",
        "Response",
        {housed[0]: "Accepted", housed[1]: " REFUSED ", housed[2]: "no"},
    )
    history = read_history(answered)
    responses = [o.response for o in history.offers][:3]
    assert responses == [Response.ACCEPTED, Response.REFUSED, Response.REFUSED] and history.round == 1
    out = tmp_path / "round-2-en.xlsx"
    result = invoke(
        "allocate", HOUSEHOLDS, VACANCIES, "--history", answered, "--out", out, "--lang", "en", "-q"
    )
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    assert {"History", "Decisions"} <= set(book.sheetnames)
    offers = {r[0]: r for r in book["Offers"].iter_rows(min_row=2, values_only=True)}
    head = [c.value for c in book["Offers"][1]]
    first = offers[history.offers[0].household_id]
    assert (
        first[head.index("Offer status")] == "accepted in round 1"
        and first[head.index("Response")] == "accepted"
    )
    refused = offers[history.offers[1].household_id]
    assert refused[head.index("Earlier offers")] == f"round 1: {history.offers[1].dwelling_id} refused"
    assert [r[4] for r in book["History"].iter_rows(min_row=2, values_only=True)] == [
        "accepted",
        "refused",
        "refused",
    ]
    assert read_history(out).round == 2


def test_a_workbook_from_before_offer_rounds_is_round_1(round1, tmp_path):
    book = load_workbook(round1["da"])
    ws = book["Tilbud"]
    head = [c.value for c in ws[1]]
    for name in reversed(ROUND_COLUMNS):
        ws.delete_cols(head.index(name) + 1)
    for name in ("Historik", "Beslutninger"):
        del book[name]
    ws.tables.clear()  # the table's range no longer fits; the sheet is read as cells
    old = tmp_path / "old.xlsx"
    book.save(old)
    history = read_history(old)
    assert history.round == 1 and {o.round for o in history.offers} == {1}
    assert all(o.response is Response.PENDING for o in history.offers)


def test_decisions_from_a_workbook_sheet_in_english(tmp_path):
    path = tmp_path / "pins.xlsx"
    book = Workbook()
    book.active.title = "Notes"
    book.active.append(["nothing here"])
    ws = book.create_sheet("Decisions")
    ws.append(["Household ID", "Dwelling ID", "Action", "Reason", "Agreed with household"])
    ws.append(["H0001", "B0001", " Pin ", "promised", "yes"])
    ws.append(["H0002", "B0002", "FORBID", None, None])
    book.save(path)
    pins = read_decisions(path)
    assert [(p.household_id, p.action, p.agreed) for p in pins] == [
        ("H0001", Action.GIVE, True),
        ("H0002", Action.FORBID, False),
    ]
    assert pins[0].source == f"{path}, sheet 'Decisions'" and pins[0].row == 2


def test_bad_decision_cells_are_reported_together(tmp_path):
    pins = tmp_path / "pins.csv"
    pins.write_text(
        "Husstand-ID;Bolig-ID;Handling;Aftalt med husstanden\nH0001;B0001;giv;ja\nH0002;;udeluk;måske\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as refused:
        read_decisions(pins)
    text = refused.value.report()
    assert "row 2, column 'Handling'" in text and "'giv'" in text
    assert "row 3, column 'Bolig-ID'" in text and "row 3, column 'Aftalt med husstanden'" in text
    result = invoke("allocate", HOUSEHOLDS, VACANCIES, "--decisions", pins)
    assert result.exit_code == 2 and "3 problems" in result.output


def test_pins_on_unknown_households_and_dwellings_stop_the_run(tmp_path):
    pins = tmp_path / "pins.csv"
    pins.write_text(
        "Husstand-ID;Bolig-ID;Handling\nH9999;B0001;tildel\nH0001;B9999;udeluk\n", encoding="utf-8"
    )
    result = invoke("allocate", HOUSEHOLDS, VACANCIES, "--decisions", pins, "--out", tmp_path / "o.xlsx")
    assert result.exit_code == 2
    assert "household H9999 is not in the households file" in result.output
    assert "dwelling B9999 is not in the vacancies file" in result.output
    assert not (tmp_path / "o.xlsx").exists()


def test_offer_limits_are_checked_settings(tmp_path):
    result = invoke("allocate", HOUSEHOLDS, VACANCIES, "--max-offers-temporary", "0")
    assert result.exit_code == 2 and "max_offers_temporary must be at least 1" in result.output


def test_reopen_pending_lets_offers_still_out_move_and_records_the_moved_ones(round1, tmp_path):
    before = {
        r[0]: r[10] for r in load_workbook(round1["da"])["Tilbud"].iter_rows(min_row=2, values_only=True)
    }
    housed = housed_rows(round1["da"])
    answered = tmp_path / "svar.xlsx"
    fill(round1["da"], answered, "Tilbud", "Svar", {housed[0]: "afslået"})
    out = tmp_path / "r2.xlsx"
    result = invoke(
        "allocate", HOUSEHOLDS, VACANCIES, "--history", answered, "--reopen-pending", "--out", out, "-q"
    )
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    rows = list(book["Tilbud"].iter_rows(values_only=True))
    head = rows[0]
    withdrawn = {
        (r[1], r[3])
        for r in book["Historik"].iter_rows(min_row=2, values_only=True)
        if r[4] == "trukket tilbage" and "genåbnet" in r[7]
    }
    refuser = rows[housed[0] + 1][0]
    kept = moved = 0
    for r in rows[1:]:
        hid, dwelling, status = r[0], r[head.index("Bolig-ID")], r[head.index("Tilbudsstatus")]
        if hid == refuser or not before[hid]:
            continue
        if dwelling == before[hid]:
            kept += 1
            assert status == "udestående fra runde 1" and r[head.index("Tilbudt i runde")] == 1
        else:
            moved += 1
            assert (hid, before[hid]) in withdrawn  # recorded as withdrawn, never as a refusal
            assert r[head.index("Afslag hidtil")] == 0
    assert kept and len(withdrawn) == moved
    audit = {r[1]: r[2] for r in book["Kontrol"].iter_rows(values_only=True)}
    assert audit["Udestående tilbud genåbnet"] == "ja"
