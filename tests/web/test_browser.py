"""The coordinator's story in a real browser (Debian's Chromium driven by Playwright): upload the example, check
it, allocate, see the headline, open a household, download the workbook and read it back, run round 2 from the
answered workbook, and see a broken file's problem list. Every page is checked for labels and keyboard use, and
its screenshot is saved under ``docs/img/`` for the README.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
from conftest import HOUSEHOLDS, ROOT, VACANCIES
from openpyxl import load_workbook

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="no Chromium binary (apt-get install chromium; .ci/run does it)"
)
IMG = ROOT / "docs" / "img"

# Every visible control must have a name a screen reader can say: a <label>, aria-label or its own text.
UNLABELLED = """() => [...document.querySelectorAll('input:not([type=hidden]), select, button, a[href], textarea')]
  .filter(e => e.offsetParent !== null)
  .filter(e => !((e.labels && e.labels.length) || e.getAttribute('aria-label') || e.textContent.trim()))
  .map(e => e.outerHTML.slice(0, 80))"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn

    from allocator.web.app import Config, create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(Config(temp_root=tmp_path_factory.mktemp("web")))
    srv = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    )
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def tab(chromium):
    context = chromium.new_context(
        viewport={"width": 1280, "height": 900}, accept_downloads=True, locale="da-DK"
    )
    yield context.new_page()
    context.close()


def looked_at(page, name: str) -> None:
    """Labels on every control, and the screenshot for the README."""
    assert page.evaluate(UNLABELLED) == [], name
    IMG.mkdir(parents=True, exist_ok=True)
    # No focus ring, and the page painted without it, so that each run writes the same bytes.
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    page.screenshot(path=str(IMG / f"web-{name}.png"))


def test_the_coordinators_story(server, tab, tmp_path):
    page = tab
    page.goto(server + "/")
    assert page.title().startswith("genhus")
    page.set_input_files("#f-households", str(HOUSEHOLDS))
    page.set_input_files("#f-vacancies", str(VACANCIES))
    page.get_by_role("button", name="Læg filerne op").click()
    page.get_by_role("button", name="Kontrollér").click()
    page.get_by_text("Filerne kan læses: 250 husstande").wait_for()
    looked_at(page, "filer")

    page.get_by_role("link", name="Indstillinger", exact=True).click()
    page.get_by_label("Passende størrelse", exact=True).wait_for()
    looked_at(page, "indstillinger")

    page.get_by_role("link", name="Fordel", exact=True).click()
    page.get_by_role("button", name="Fordel", exact=True).click()
    page.get_by_text("231 af 250 husstande genhuset").wait_for(timeout=20_000)
    assert page.get_by_text("Godkendt: fordelingen overholder reglerne.").is_visible()
    looked_at(page, "resultat")

    page.get_by_label("Søg efter husstand-ID eller navn").fill("H0002")
    page.get_by_role("button", name="Vis", exact=True).click()
    page.get_by_text("1 tilbud, side 1 af 1").wait_for()
    page.get_by_role("link", name="H0002", exact=True).click()
    page.get_by_role("heading", name="Husstand H0002").wait_for()
    looked_at(page, "husstand")
    page.get_by_role("link", name="Tilbage til resultatet").click()

    with page.expect_download() as info:
        page.get_by_role("link", name="Arbejdsbogen (Excel)").click()
    workbook = tmp_path / "runde-1.xlsx"
    info.value.save_as(workbook)
    book = load_workbook(workbook)
    sheet = book["Tilbud"]
    head = [c.value for c in sheet[1]]
    offers = [row for row in sheet.iter_rows(min_row=2) if row[head.index("Bolig-ID")].value]
    assert len(offers) == 231

    # Round 2: every offer accepted but the first ten, refused.
    for k, row in enumerate(offers):
        row[head.index("Svar")].value = "afslået" if k < 10 else "accepteret"
    answered = tmp_path / "runde-1 med svar.xlsx"
    book.save(answered)
    page.get_by_role("link", name="Næste runde", exact=True).click()
    page.set_input_files("#r-history", str(answered))
    page.get_by_role("button", name="Læg filerne op").click()
    page.get_by_role("button", name="Se, hvad svarene ændrer").click()
    page.get_by_text("Runde 2: 221 husstande beholder et tidligere tilbud, 10 afslag").wait_for()
    looked_at(page, "runde")
    page.get_by_role("button", name="Kør runde 2").click()
    page.get_by_text("husstande genhuset").wait_for(timeout=20_000)
    assert page.get_by_role("heading", name="Resultat – Næste runde 2").is_visible()


def test_a_broken_file_shows_its_problem_list(server, tab):
    page = tab
    page.goto(server + "/filer")
    page.set_input_files("#f-households", str(ROOT / "tests" / "data" / "households_bad_date.csv"))
    page.set_input_files("#f-vacancies", str(VACANCIES))
    page.get_by_role("button", name="Læg filerne op").click()
    page.get_by_role("button", name="Kontrollér").click()
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "problem" in alert.inner_text()
    assert page.locator("table.problems tbody tr").count() >= 1
    assert "households_bad_date.csv" in page.locator("table.problems").inner_text()
    looked_at(page, "problemer")


def test_the_pages_work_with_the_keyboard(server, tab):
    page = tab
    page.goto(server + "/filer")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Spring til indhold"
    page.keyboard.press("Enter")
    seen = []
    for _ in range(12):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("document.activeElement.id || document.activeElement.textContent.trim()"))
    assert "f-households" in seen and "f-vacancies" in seen and "Læg filerne op" in seen
    # Tab to the navigation and follow a link with Enter.
    page.goto(server + "/filer")
    for _ in range(3):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Indstillinger"
    page.keyboard.press("Enter")
    page.wait_for_url("**/indstillinger")


def test_scenarios_side_by_side(server, tab):
    page = tab
    page.goto(server + "/filer")
    page.set_input_files("#f-households", str(HOUSEHOLDS))
    page.set_input_files("#f-vacancies", str(VACANCIES))
    page.get_by_role("button", name="Læg filerne op").click()
    page.get_by_role("link", name="Scenarier", exact=True).click()
    page.get_by_label("Navn").first.fill("Som nu")
    page.locator("#label_2").fill("Andre kommuner")
    looked_at(page, "scenarier")
    page.locator("#temporary_other_municipality_2").select_option("true")
    page.get_by_role("button", name="Sammenlign").click()
    page.get_by_role("heading", name="Sammenligning").wait_for(timeout=30_000)
    table = page.locator("table.comparison").inner_text()
    assert "Som nu" in table and "Andre kommuner" in table and "231" in table and "242" in table
    looked_at(page, "sammenligning")
