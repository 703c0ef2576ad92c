"""Booked dates: kept for the move they were booked for; one whose move is gone or changed dwelling is not
kept, and the schedule says so, naming the household."""

import json

import openpyxl
from cases import SETTINGS, D, plain, unphased
from click.testing import CliRunner
from test_outputs import EXAMPLE

from allocator.check.schedule import check
from allocator.cli import main
from allocator.notice import notice_text
from allocator.schedule import make_schedule
from allocator.schedule.booked import Booking

SATURDAY = D(2027, 5, 22)  # in H1's window (move-by 2027-06-01), never a day the planner would choose


def test_a_booking_for_the_same_dwelling_is_kept():
    inst, a = unphased(1)
    s = make_schedule(inst, SETTINGS, a, plain(), booked={("H1", "permanent"): Booking(SATURDAY, "B1")})
    assert [m.date for m in s.moves] == [SATURDAY] and s.dropped == ()


def test_a_booking_for_another_dwelling_is_not_kept_and_named():
    inst, a = unphased(1)
    booked = {("H1", "permanent"): Booking(SATURDAY, "B9")}
    s = make_schedule(inst, SETTINGS, a, plain(), booked=booked)
    assert [m.date for m in s.moves] != [SATURDAY] and s.moves[0].move.booked is None
    (dropped,) = s.dropped
    assert (dropped.household_id, dropped.reason, dropped.booked_dwelling, dropped.dwelling_id) == (
        "H1",
        "other_dwelling",
        "B9",
        "B1",
    )
    (notice,) = s.notices()
    assert str(notice).startswith("household H1: the booked date 2027-05-22 for its move was for dwelling B9")
    assert notice_text(notice, "da").startswith(
        "husstand H1: den faste dato 22-05-2027 for flytning gjaldt bolig B9"
    )
    assert check(s, inst, SETTINGS, a, booked=booked).ok  # the checker, too, holds it only for B9


def test_a_booking_for_a_move_that_is_gone_is_not_kept_and_named():
    inst, a = unphased(2)
    booked = {("H2", "permanent"): Booking(SATURDAY, "B2"), ("H1", "back"): Booking(SATURDAY, "B1")}
    s = make_schedule(inst, SETTINGS, a[:1], plain(), booked=booked)  # H2's offer was refused
    assert [(d.household_id, d.type, d.reason) for d in s.dropped] == [
        ("H1", "back", "no_move"),
        ("H2", "permanent", "no_move"),
    ]
    texts = [notice_text(n, "da") for n in s.notices()]
    assert texts[1].startswith("husstand H2: den faste dato 22-05-2027 for flytning er ikke brugt")
    assert "has no move back now" in str(s.notices()[0])
    assert s.as_dict()["bookings_not_kept"][1]["household_id"] == "H2"


def test_genhus_schedule_says_which_booked_dates_it_did_not_keep(tmp_path):
    runner = CliRunner()
    offers = tmp_path / "tilbud.xlsx"
    assert runner.invoke(main, ["allocate", *EXAMPLE, "--quiet", "--out", str(offers)]).exit_code == 0
    args = ["schedule", *EXAMPLE, str(offers), "--schedule-from", "2026-06-01", "--moves-per-day", "8", "-q"]
    first = tmp_path / "skema.xlsx"
    assert runner.invoke(main, [*args, "--out", str(first)]).exit_code == 0
    book = openpyxl.load_workbook(first)
    sheet = book["Flytteskema"]
    header = [c.value for c in sheet[1]]
    rows = list(sheet.iter_rows(min_row=2, max_row=3))
    for row in rows:
        row[header.index("Fast dato")].value = row[header.index("Dato")].value
    rows[1][header.index("Bolig-ID")].value = "X-999"  # the offer changed dwelling since the date was agreed
    book.save(tmp_path / "booket.xlsx")
    changed = rows[1][header.index("Husstand")].value
    out = tmp_path / "skema2.xlsx"
    result = runner.invoke(
        main,
        [
            *args,
            "--booked",
            str(tmp_path / "booket.xlsx"),
            "--out",
            str(out),
            "--json",
            str(tmp_path / "s.json"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert (
        f"notice: husstand {changed}: den faste dato" in result.output
        and "gjaldt bolig X-999" in result.output
    )
    (dropped,) = json.loads((tmp_path / "s.json").read_text())["bookings_not_kept"]
    assert (dropped["household_id"], dropped["reason"]) == (changed, "other_dwelling")
    notes = [
        c.value for row in openpyxl.load_workbook(out)["Flytteskema"].iter_rows() for c in row if c.value
    ]
    assert any(isinstance(v, str) and v.startswith(f"husstand {changed}: den faste dato") for v in notes)
