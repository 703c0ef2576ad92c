"""genhus letters: one offer letter per household with an offer, read back with python-docx."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from allocator.cli import main
from allocator.letters import file_stem, read_offers
from allocator.letters.read_offers import text
from allocator.letters.template import default_template
from allocator.letters.words import LETTER

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "data" / "example"
HOUSEHOLDS, VACANCIES = EXAMPLE / "households.csv", EXAMPLE / "vacancies.csv"
FINAL_DA = "almenlejeloven § 86"


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def text_of(path: Path) -> str:
    doc = docx.Document(path)
    parts = [p.text for p in doc.paragraphs]
    parts += [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory) -> dict[str, Path]:
    """The example case allocated once in Danish and once in English."""
    folder = tmp_path_factory.mktemp("letters")
    books = {}
    for lang in ("da", "en"):
        out = folder / f"offers-{lang}.xlsx"
        result = invoke("allocate", HOUSEHOLDS, VACANCIES, "--out", out, "--lang", lang, "-q")
        assert result.exit_code == 0, result.output
        books[lang] = out
    return books


def offered_rows(path: Path, sheet: str, id_header: str, dwelling_header: str) -> list[str]:
    ws = openpyxl.load_workbook(path, read_only=True)[sheet]
    rows = ws.iter_rows(values_only=True)
    header = list(next(rows))
    i, d = header.index(id_header), header.index(dwelling_header)
    return [r[i] for r in rows if r[d]]


def doctor(src: Path, dst: Path, edits: dict[int, dict[str, object]]) -> None:
    """Copy the workbook with some cells of the Tilbud sheet changed: {sheet row: {header: value}}."""
    book = openpyxl.load_workbook(src)
    ws = book["Tilbud"]
    header = [c.value for c in ws[1]]
    for row, cells in edits.items():
        for name, value in cells.items():
            cell = ws.cell(row=row, column=header.index(name) + 1)
            cell.value = value
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text that looks like a formula, as genhus writes it
    book.save(dst)


def test_one_letter_per_offer_and_a_combined_document(workbooks, tmp_path):
    out = tmp_path / "breve"
    result = invoke("letters", workbooks["da"], "--out", out, "--date", "2027-01-04", "--coordinator",
                    "Mette Hansen", "--phone", "12 34 56 78")
    assert result.exit_code == 0, result.output
    ids = offered_rows(workbooks["da"], "Tilbud", "Husstand-ID", "Bolig-ID")
    assert 0 < len(ids) < 250
    letters = sorted(p.name for p in out.glob("tilbud-*.docx"))
    assert letters == sorted(f"tilbud-{i}.docx" for i in ids)
    assert f"wrote {len(ids)} letters" in result.output and str(out) in result.output
    assert sorted(p.name for p in out.iterdir()) == sorted([*letters, "alle-tilbud.docx"])
    assert not list(tmp_path.glob(".*"))  # no temporary folder left behind

    one = text_of(out / f"tilbud-{ids[0]}.docx")
    offer = read_offers(workbooks["da"])[0]
    assert "Genhusningstilbud" in one and "Ja tak til bolig" in one
    assert offer.dwelling_id in one and offer.new_address in one and offer.new_department in one
    assert "18. januar 2027" in one  # --date plus the default 14 days
    assert "Mette Hansen, telefon 12 34 56 78" in one
    assert FINAL_DA not in one  # round 1 with two offers: nothing is final

    combined = docx.Document(out / "alle-tilbud.docx")
    assert len(combined.tables) == len(ids)
    breaks = combined.element.body.xpath('.//w:br[@w:type="page"]')
    assert len(breaks) == 2 * len(ids) - 1  # the reply form's page and one between letters


def test_english_workbook_and_letters(workbooks, tmp_path):
    out = tmp_path / "letters"
    result = invoke("letters", workbooks["en"], "--out", out, "--lang", "en", "--date", "2027-01-04")
    assert result.exit_code == 0, result.output
    ids = offered_rows(workbooks["en"], "Offers", "Household ID", "Dwelling ID")
    assert len(list(out.glob("offer-*.docx"))) == len(ids)
    one = text_of(out / f"offer-{ids[0]}.docx")
    assert "Offer of a replacement dwelling" in one and "18 January 2027" in one and "Yes please" in one
    # The Danish workbook gives the same offers as the English one.
    assert [o.dwelling_id for o in read_offers(workbooks["en"])] == [o.dwelling_id for o in read_offers(
        workbooks["da"])]


def test_hostile_text_stays_text_and_ids_cannot_escape(workbooks, tmp_path):
    book = tmp_path / "doctored.xlsx"
    names = {2: "Ågot <b>&amp; Co</b> & \"søn\" {{ date }}", 3: '=HYPERLINK("http://x","klik")'}
    ids = {2: "../x", 3: "..\\..\\evil", 4: "/etc/passwd", 5: "CON", 6: "a\tb\nc"}
    doctor(workbooks["da"], book, {row: {"Navn": names.get(row, f"N{row}"), "Husstand-ID": ids[row]}
                                   for row in ids})
    out = tmp_path / "out" / "breve"
    result = invoke("letters", book, "--out", out)
    assert result.exit_code == 0, result.output
    written = {p.name for p in out.iterdir()}
    assert all(p.resolve().parent == out.resolve() for p in out.iterdir())
    assert not (tmp_path / "out" / "x.docx").exists() and not (tmp_path / "evil.docx").exists()
    assert {"tilbud-x.docx", "tilbud-evil.docx", "tilbud-etc_passwd.docx", "tilbud-CON.docx",
            "tilbud-a_b_c.docx"} <= written
    first = text_of(out / "tilbud-x.docx")
    assert names[2] in first  # literally, not as markup, entity or field
    assert names[3] in text_of(out / "tilbud-evil.docx")
    assert "Husstand a b c," in text_of(out / "tilbud-a_b_c.docx")  # one line in the letter
    assert text("a\x00b\x1fc\x7f\td") == "abc d"  # a control character never reaches the XML
    assert file_stem("...") == "husstand" and file_stem("a/b\\c:d") == "a_b_c_d"


def test_ids_that_sanitise_alike_get_distinct_files(workbooks, tmp_path):
    book = tmp_path / "same.xlsx"
    doctor(workbooks["da"], book, {2: {"Husstand-ID": "A/1"}, 3: {"Husstand-ID": "a:1"}})
    out = tmp_path / "breve"
    assert invoke("letters", book, "--out", out).exit_code == 0
    assert (out / "tilbud-A_1.docx").exists() and (out / "tilbud-a_1-2.docx").exists()


def test_final_offer_wording_only_on_final_offers(workbooks, tmp_path):
    book = tmp_path / "final.xlsx"
    doctor(workbooks["da"], book, {2: {"Endeligt tilbud": "ja"}})
    ids = offered_rows(book, "Tilbud", "Husstand-ID", "Bolig-ID")
    out = tmp_path / "breve"
    assert invoke("letters", book, "--out", out).exit_code == 0
    final = [i for i in ids if FINAL_DA in text_of(out / f"tilbud-{i}.docx")]
    assert final == [ids[0]]
    assert LETTER["da"]["final_text"] in text_of(out / f"tilbud-{ids[0]}.docx")


def test_custom_template_with_named_fields(workbooks, tmp_path):
    template = tmp_path / "vores.docx"
    doc = docx.Document()
    doc.add_paragraph("Til {{ name }} ({{ household_id }}): {{ dwelling_id }}, {{ dwelling_address }}, "
                      "{{ department }}, {{ rooms }} rum, {{ area }}, {{ rent }}, {{ rent_change }}, "
                      "ledig {{ available_from }}, svar {{ answer_by }}, dato {{ date }}.")
    doc.add_paragraph("{% if final_offer %}ENDELIGT{% else %}ALMINDELIGT{% endif %} {{ coordinator }}")
    doc.save(template)
    out = tmp_path / "breve"
    result = invoke("letters", workbooks["da"], "--out", out, "--template", template, "--date", "2027-03-01",
                    "--answer-days", "10", "--coordinator", "Kim")
    assert result.exit_code == 0, result.output
    offer = read_offers(workbooks["da"])[0]
    body = text_of(out / f"tilbud-{offer.household_id}.docx")
    assert body.startswith(f"Til {offer.name} ({offer.household_id}): {offer.dwelling_id}, {offer.new_address}")
    assert "svar 11. marts 2027, dato 1. marts 2027" in body and "ALMINDELIGT Kim" in body


def test_save_template_round_trips(tmp_path):
    path = tmp_path / "tilbud.docx"
    assert invoke("letters", "ignored.xlsx", "--save-template", path).exit_code == 0
    assert path.read_bytes()[:2] == b"PK"
    assert "{{ dwelling_id }}" in text_of(path)
    assert default_template("en") != default_template("da")


@pytest.mark.parametrize(
    "case, words",
    [
        ("not_xlsx", "not an Excel workbook"),
        ("no_sheet", "no sheet Tilbud / Offers"),
        ("no_columns", "no column Husstand-ID"),
        ("missing", "no such file"),
    ],
)
def test_bad_input_is_exit_2_without_traceback(tmp_path, case, words):
    path = tmp_path / "in.xlsx"
    if case == "not_xlsx":
        path.write_text("Husstand-ID;Navn\n", encoding="utf-8")
    elif case == "no_sheet":
        book = openpyxl.Workbook()
        book.active.title = "Ark1"
        book.save(path)
    elif case == "no_columns":
        book = openpyxl.Workbook()
        book.active.title = "Tilbud"
        book.active.append(["Navn", "Adresse"])
        book.save(path)
    result = invoke("letters", path, "--out", tmp_path / "breve")
    assert result.exit_code == 2, result.output
    assert words in result.output and "Traceback" not in result.output
    assert not (tmp_path / "breve").exists()


def test_bad_template_and_foreign_folder_are_exit_2(workbooks, tmp_path):
    template = tmp_path / "t.docx"
    doc = docx.Document()
    doc.add_paragraph("{{ navn }} {{ name }}")
    doc.save(template)
    result = invoke("letters", workbooks["da"], "--out", tmp_path / "a", "--template", template)
    assert result.exit_code == 2 and "navn" in result.output and not (tmp_path / "a").exists()
    broken = tmp_path / "broken.docx"
    broken.write_text("not a docx")
    assert invoke("letters", workbooks["da"], "--out", tmp_path / "a", "--template", broken).exit_code == 2
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "budget.xlsx").write_text("x")
    result = invoke("letters", workbooks["da"], "--out", mine)
    assert result.exit_code == 2 and "not letters" in result.output
    assert [p.name for p in mine.iterdir()] == ["budget.xlsx"]


def test_a_rerun_replaces_the_earlier_letters_whole(workbooks, tmp_path):
    out = tmp_path / "breve"
    out.mkdir()
    (out / "tilbud-GAMMEL.docx").write_bytes(b"old")
    assert invoke("letters", workbooks["da"], "--out", out).exit_code == 0
    assert not (out / "tilbud-GAMMEL.docx").exists()
    assert len(list(out.glob("*.docx"))) == len(read_offers(workbooks["da"])) + 1


def test_a_letter_converts_to_pdf_with_libreoffice(workbooks, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install -y --no-install-recommends "
                    "libreoffice-writer (.ci/run does this when it is missing)")
    out = tmp_path / "breve"
    assert invoke("letters", workbooks["da"], "--out", out).exit_code == 0
    letter = sorted(out.glob("tilbud-*.docx"))[0]
    # A profile of its own, so that a LibreOffice already running for the same user does not take the job.
    profile = f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}"
    subprocess.run([soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(letter)],
                   check=True, capture_output=True, timeout=300)
    pdf = tmp_path / f"{letter.stem}.pdf"
    assert pdf.exists() and pdf.read_bytes()[:4] == b"%PDF"


def test_letters_give_the_planned_move_date_where_a_schedule_was_made(workbooks, tmp_path):
    scheduled = tmp_path / "tilbud-flyt.xlsx"
    result = invoke("allocate", HOUSEHOLDS, VACANCIES, "--out", scheduled, "-q", "--schedule",
                    "--schedule-from", "2026-06-01", "--moves-per-day", "8")
    assert result.exit_code == 0, result.output
    offers = read_offers(scheduled)
    assert offers and all(o.move_date is not None for o in offers)
    out = tmp_path / "breve"
    assert invoke("letters", scheduled, "--out", out, "--date", "2027-01-04").exit_code == 0
    one = text_of(out / f"tilbud-{file_stem(offers[0].household_id)}.docx")
    day = offers[0].move_date
    assert f"Vi har planlagt din flytning til den {day.day}. " in one
    # Without a schedule the letter says nothing about a moving date.
    plain = tmp_path / "uden"
    assert invoke("letters", workbooks["da"], "--out", plain, "--date", "2027-01-04").exit_code == 0
    assert all("Vi har planlagt" not in text_of(p) for p in plain.glob("tilbud-*.docx"))


def test_the_move_date_sentence_in_both_languages():
    import datetime as dt

    from allocator.letters import Offer
    from allocator.letters.render import letter_fields

    temporary = Offer("H1", "T1", 2, move_date=dt.date(2027, 5, 3), move_back_date=dt.date(2027, 10, 4))
    da = letter_fields(temporary, "da", date=dt.date(2027, 1, 4), answer_days=14)
    en = letter_fields(temporary, "en", date=dt.date(2027, 1, 4), answer_days=14)
    assert da["move_text"] == ("Vi har planlagt din flytning til den 3. maj 2027 og din flytning tilbage til din "
                               "egen bolig til den 4. oktober 2027.")
    assert en["move_text"] == "We have planned your move for 3 May 2027 and your move back to your own home for " \
                              "4 October 2027."
    assert (da["move_date"], en["move_back_date"]) == ("3. maj 2027", "4 October 2027")
    unscheduled = letter_fields(Offer("H1", "T1", 2), "da", date=dt.date(2027, 1, 4), answer_days=14)
    assert unscheduled["move_text"] == unscheduled["move_date"] == ""
