"""The planner's story in a real browser: the phased example with its phases file, checked, a moving schedule
asked for on Indstillinger, allocated; the result's phased figures, a household's stay and moving dates, the
calendar downloaded and read back; and moves that do not fit, diagnosed. Screenshots under ``docs/img/``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import HOUSEHOLDS, ROOT, VACANCIES
from icalendar import Calendar
from openpyxl import load_workbook
from test_browser import CHROMIUM, chromium, looked_at, server, tab  # noqa: F401 (the fixtures)

PHASED = ROOT / "data" / "example-phased"
pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="no Chromium binary (apt-get install chromium; .ci/run does it)"
)


def shown(page, selector: str, name: str) -> None:
    """``looked_at`` with the part of the page that shows the feature scrolled to the top."""
    page.locator(selector).evaluate("e => e.scrollIntoView({block: 'start'})")
    looked_at(page, name)


def test_the_planners_story_with_phases_and_a_moving_schedule(server, tab, tmp_path):  # noqa: F811
    page = tab
    page.goto(server + "/filer")
    page.set_input_files("#f-households", str(PHASED / "households.csv"))
    page.set_input_files("#f-vacancies", str(PHASED / "vacancies.csv"))
    page.get_by_label("Etaper (valgfri)").set_input_files(str(PHASED / "phases.csv"))
    page.get_by_role("button", name="Læg filerne op").click()
    page.get_by_role("button", name="Kontrollér").click()
    page.get_by_text("i 4 etaper og 286 ledige boliger").wait_for()
    looked_at(page, "filer-etaper")

    page.get_by_role("link", name="Indstillinger", exact=True).click()
    page.get_by_label("Lav et flytteskema sammen med fordelingen").check()
    page.get_by_label("Planlæg fra (dato)").fill("01-10-2026")
    page.get_by_label("Flytninger pr. arbejdsdag").fill("7")
    page.get_by_role("button", name="Gem indstillingerne").click()
    page.get_by_text("Indstillingerne er gemt.").wait_for()
    shown(page, "fieldset:has(legend:text('Flytteskema'))", "indstillinger-flytteskema")

    page.get_by_role("link", name="Fordel", exact=True).click()
    page.get_by_role("button", name="Fordel", exact=True).click()
    page.get_by_text("272 af 300 husstande genhuset").wait_for(timeout=240_000)
    assert page.get_by_text("Boliger holdt på én gang (højst):").is_visible()
    assert page.get_by_text("Planlagt fra 2026-10-01").is_visible()
    shown(page, "#dl-title", "resultat-etaper")

    with page.expect_download() as info:
        page.get_by_role("link", name="Flytteskemaet som kalender (.ics, uden navne)").click()
    ics = tmp_path / "flytteskema.ics"
    info.value.save_as(ics)
    events = Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert events and all("husstand H" in str(e["SUMMARY"]) and "(" not in str(e["SUMMARY"]) for e in events)
    with page.expect_download() as info:
        page.get_by_role("link", name="Arbejdsbogen (Excel)").click()
    workbook = tmp_path / "tilbud.xlsx"
    info.value.save_as(workbook)
    sheet = load_workbook(workbook)["Flytteskema"]
    moves = [r for r in sheet.iter_rows(min_row=2, values_only=True) if isinstance(r[0], dt.datetime)]
    assert len(events) == len(moves)

    page.get_by_label("Søg efter husstand-ID eller navn").fill("H0001")
    page.get_by_role("button", name="Vis", exact=True).click()
    page.get_by_role("link", name="H0001", exact=True).click()
    page.get_by_role("heading", name="Husstand H0001").wait_for()
    assert page.locator("#stay-from").inner_text() and page.locator("#stay-until").inner_text()
    assert "tilbageflytning: " in page.locator("#move-dates").inner_text()
    looked_at(page, "husstand-ophold")


def test_moves_that_do_not_fit_show_the_diagnosis(server, tab):  # noqa: F811
    page = tab
    page.goto(server + "/filer")
    page.set_input_files("#f-households", str(HOUSEHOLDS))
    page.set_input_files("#f-vacancies", str(VACANCIES))
    page.get_by_role("button", name="Læg filerne op").click()
    page.get_by_role("link", name="Indstillinger", exact=True).click()
    page.get_by_label("Lav et flytteskema sammen med fordelingen").check()
    page.get_by_label("Planlæg fra (dato)").fill("2026-10-01")
    page.get_by_role("button", name="Gem indstillingerne").click()
    page.get_by_role("link", name="Fordel", exact=True).click()
    page.get_by_role("button", name="Fordel", exact=True).click()
    page.get_by_role("heading", name="Flytningerne passer ikke ind i skemaet").wait_for(timeout=60_000)
    assert page.get_by_text(
        "Det mindste antal flytninger pr. arbejdsdag, der passer, er 8 (nu 4)."
    ).is_visible()
    looked_at(page, "passer-ikke")
