"""Every route with the test client: the example case from upload to downloads, rounds, scenarios, errors."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from conftest import HOUSEHOLDS, ROOT, VACANCIES, allocated, start, upload, wait
from openpyxl import load_workbook

from allocator.web import jobs


@pytest.fixture
def done(client):
    csrf = start(client)
    page = allocated(client, csrf)
    assert page.status_code == 200, page.text[:500]
    return client, csrf, page


def test_the_start_page_leads_to_the_files(client):
    r = client.get("/", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/filer"
    page = client.get("/filer")
    assert page.status_code == 200 and "Husstande (skal genhuses)" in page.text


def test_the_workbook_names_the_inputs_by_the_users_names(client, tiny):
    csrf = start(client)
    upload(
        client,
        csrf,
        households=("Husstande maj.csv", tiny["households"].read_bytes()),
        vacancies=("Boliger maj.csv", tiny["vacancies"].read_bytes()),
    )
    wait(client, client.post("/fordel", data={"csrf_token": csrf}))
    sheet = load_workbook(io.BytesIO(client.get("/hent/tilbud.xlsx").content))["Kontrol"]
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row]
    assert "Husstande maj.csv" in cells and "Boliger maj.csv" in cells and "households.csv" not in cells


def test_check_lists_every_problem_with_file_row_column_and_value(client):
    csrf = start(client)
    bad = ROOT / "tests" / "data" / "households_bad_date.csv"
    assert (
        upload(
            client, csrf, households=("Mine husstande.csv", bad.read_bytes()), vacancies=VACANCIES
        ).status_code
        == 200
    )
    r = client.post("/kontroller", data={"csrf_token": csrf})
    assert r.status_code == 422
    assert "problem" in r.text and "Mine husstande.csv" in r.text
    assert "uploads" not in r.text and "genhus-web" not in r.text  # no private path shown


def test_check_of_the_example(client):
    csrf = start(client)
    upload(client, csrf, households=HOUSEHOLDS, vacancies=VACANCIES)
    r = client.post("/kontroller", data={"csrf_token": csrf})
    assert r.status_code == 200
    assert "250 husstande (131 permanente, 119 midlertidige) og 320 ledige boliger" in r.text


def test_check_needs_both_files(client):
    csrf = start(client)
    assert client.post("/kontroller", data={"csrf_token": csrf}).status_code == 400


def test_settings_are_saved_and_bad_ones_refused(client):
    csrf = start(client)
    page = client.get("/indstillinger")
    assert page.status_code == 200 and "Passende størrelse" in page.text and "(standard)" in page.text
    r = client.post("/indstillinger", data={"csrf_token": csrf, "overlap_days": "400"})
    assert r.status_code == 422 and "overlap_days must be between 0 and 365" in r.text
    r = client.post("/indstillinger", data={"csrf_token": csrf, "overlap_days": "fjorten"})
    assert r.status_code == 422
    r = client.post(
        "/indstillinger", data={"csrf_token": csrf, "overlap_days": "21", "wishes": "hard", "max_offers": "1"}
    )
    assert r.status_code == 200 and "Indstillingerne er gemt" in r.text
    assert 'value="21"' in client.get("/indstillinger").text


def test_the_example_allocated_in_the_browser_says_what_the_cli_says(done):
    client, csrf, page = done
    assert "231 af 250 husstande genhuset" in page.text
    assert "Godkendt" in page.text and "<svg" in page.text
    assert "50 tilbud" not in page.text and "231 tilbud, side 1 af 5" in page.text
    book = client.get("/hent/tilbud.xlsx")
    assert book.status_code == 200 and book.headers["content-disposition"].endswith('genhus-tilbud.xlsx"')
    sheet = load_workbook(io.BytesIO(book.content))["Tilbud"]
    head = [c.value for c in sheet[1]]
    offered = [r for r in sheet.iter_rows(min_row=2, values_only=True) if r[head.index("Bolig-ID")]]
    assert len(offered) == 231
    audit = [
        c
        for row in load_workbook(io.BytesIO(book.content))["Kontrol"].iter_rows(values_only=True)
        for c in row
    ]
    assert "households.csv" in audit and "vacancies.csv" in audit  # the names the user gave (here the same)
    result = json.loads(client.get("/hent/resultat.json").content)
    assert len(result["assignments"]) == 231 and result["audit"]["ok"] is True


def test_the_offers_table_searches_filters_sorts_and_pages(done):
    client, _, _ = done
    r = client.get("/resultat", params={"q": "H0002"})
    assert "1 tilbud, side 1 af 1" in r.text
    r = client.get("/resultat", params={"type": "permanent"})
    offers = r.text.split('id="unhoused-title"')[0]
    assert (
        "tilbud, side 1 af" in offers
        and "<td>midlertidig</td>" not in offers
        and "<td>permanent</td>" in offers
    )
    r = client.get("/resultat", params={"oenske": "1", "sorter": "rent", "omvendt": "1", "side": "2"})
    assert r.status_code == 200 and "side 2 af" in r.text
    r = client.get("/resultat", params={"side": "x"})
    assert r.status_code == 200


def test_a_household_page_has_its_offer_its_reasons_and_the_dwellings_it_could_have_had(done):
    client, _, page = done
    r = client.get("/husstand", params={"id": "H0002"})
    assert r.status_code == 200 and "Husstand H0002" in r.text and "Tilbudt til" in r.text
    assert client.get("/husstand", params={"id": "../../etc/passwd"}).status_code == 404


def test_a_second_click_does_not_start_a_second_run(done):
    client, csrf, _ = done
    again = client.post("/fordel", data={"csrf_token": csrf}, follow_redirects=False)
    assert again.headers["location"] == "/koersel/allocate-1"


def test_letters_are_made_once_and_zipped(client, tiny):
    csrf = start(client)
    page = allocated(client, csrf, tiny["households"], tiny["vacancies"])
    assert "2 af 3 husstande genhuset" in page.text
    assert client.get("/hent/breve.zip").status_code == 404
    r = wait(client, client.post("/breve", data={"csrf_token": csrf}))
    assert r.status_code == 200 and "/hent/breve.zip" in r.text
    archive = zipfile.ZipFile(io.BytesIO(client.get("/hent/breve.zip").content))
    assert sorted(archive.namelist()) == ["alle-tilbud.docx", "tilbud-T1.docx", "tilbud-T2.docx"]


def test_downloads_are_only_our_own_files(done):
    client, _, _ = done
    for what in ("../../etc/passwd", "households.csv", "breve.zip", "sammenligning.xlsx"):
        assert client.get(f"/hent/{what}").status_code == 404, what


def test_a_rejected_allocation_is_shown_as_an_error_and_nothing_is_offered(client, monkeypatch):
    from allocator import pipeline

    real = pipeline.run

    def rejecting(*args, **kwargs):
        outcome = real(*args, **kwargs)
        import dataclasses

        audit = dataclasses.replace(outcome.audit, max_housed=outcome.audit.max_housed + 1)
        return dataclasses.replace(outcome, audit=audit)

    monkeypatch.setattr(pipeline, "run", rejecting)
    csrf = start(client)
    r = allocated(client, csrf)
    assert r.status_code == 500 and "Kontrollen afviste fordelingen" in r.text
    assert client.get("/hent/tilbud.xlsx").status_code == 404
    assert "Der er ingen fordeling endnu" in client.get("/resultat").text


def test_a_failing_run_shows_a_danish_error_and_the_server_keeps_serving(client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(jobs, "allocate", broken)
    csrf = start(client)
    r = allocated(client, csrf)
    assert r.status_code == 500 and "Der gik noget galt" in r.text and "boom" not in r.text
    assert client.get("/filer").status_code == 200


def test_next_round_from_the_answered_workbook(done, tmp_path):
    client, csrf, _ = done
    book = load_workbook(io.BytesIO(client.get("/hent/tilbud.xlsx").content))
    sheet = book["Tilbud"]
    head = [c.value for c in sheet[1]]
    answered = 0
    for row in sheet.iter_rows(min_row=2):
        if row[head.index("Bolig-ID")].value:
            row[head.index("Svar")].value = "accepteret" if answered % 2 == 0 else "afslået"
            answered += 1
    path = tmp_path / "runde-1 med svar.xlsx"
    book.save(path)
    assert client.get("/runde").status_code == 200
    assert client.post("/runde", data={"csrf_token": csrf}).status_code == 400  # no workbook yet
    r = client.post(
        "/filer",
        data={"csrf_token": csrf, "next": "/runde"},
        files={"history": (path.name, path.read_bytes(), "application/octet-stream")},
    )
    assert r.status_code == 200 and str(r.url).endswith("/runde") and "runde-1 med svar.xlsx" in r.text
    r = client.post("/runde", data={"csrf_token": csrf})
    assert (
        r.status_code == 200 and "Runde 2: 116 husstande beholder et tidligere tilbud, 115 afslag" in r.text
    )
    refused = r.text.split("Afslåede boliger (tilbydes ikke igen)")[1].split("</table>")[0]
    assert refused.count("<tr>") == 1 + 115  # the header and one row per refusal
    page = wait(client, client.post("/fordel", data={"csrf_token": csrf}))
    assert "Næste runde 2" in page.text and "husstande genhuset" in page.text


def test_scenarios_are_compared_side_by_side(done):
    client, csrf, _ = done
    assert client.get("/scenarier").status_code == 200
    r = client.post("/scenarier", data={"csrf_token": csrf, "use_1": "on"})
    assert r.status_code == 422 and "mindst to" in r.text
    r = wait(
        client,
        client.post(
            "/scenarier",
            data={
                "csrf_token": csrf,
                "use_1": "on",
                "label_1": "Som nu",
                "use_2": "on",
                "label_2": "Andre kommuner",
                "temporary_other_municipality_2": "true",
                "leave_out_2": "0",
            },
        ),
    )
    assert r.status_code == 200 and "Som nu" in r.text and "Andre kommuner" in r.text
    assert "<svg" in r.text
    book = load_workbook(io.BytesIO(client.get("/hent/sammenligning.xlsx").content))
    assert book.sheetnames[0] == "Sammenligning"
    sheet = book["Sammenligning"]
    housed = next(
        r
        for r in sheet.iter_rows(values_only=True)
        if r[1] and "genhuset" in str(r[1]).lower() or r[0] and str(r[0]).lower().startswith("genhuset")
    )
    assert 231 in housed and 242 in housed


def test_the_pages_and_the_workbook_in_english(client):
    csrf = start(client)
    client.get("/sprog/en")
    page = allocated(client, csrf)
    assert "231 of 250 households rehoused" in page.text and "Approved" in page.text
    assert load_workbook(io.BytesIO(client.get("/hent/tilbud.xlsx").content)).sheetnames[0] == "Offers"


def test_language_switch_and_unknown_pages(client):
    r = client.get("/sprog/en", params={"next": "/indstillinger"})
    assert str(r.url).endswith("/indstillinger") and "Suitable size" in r.text
    assert client.get("/sprog/xx", params={"next": "https://evil.example/"}).url.path == "/filer"
    r = client.get("/findes-ikke")
    assert r.status_code == 404 and "does not exist" in r.text or "findes ikke" in r.text


def test_a_wrong_method_gets_a_danish_page(client):
    r = client.get("/kontroller")
    assert r.status_code == 405 and "findes ikke" in r.text


def test_the_result_follows_the_page_language_after_the_run(done):
    client, _, _ = done
    client.get("/sprog/en")
    page = client.get("/resultat")
    assert (
        "231 of 250 households rehoused" in page.text
        and "1st wish" in page.text
        and "<dt>Rehousing</dt>" in page.text
    )
    assert "<td>temporary</td>" in page.text and "<td>midlertidig</td>" not in page.text


def test_a_long_run_does_not_block_the_server_and_a_second_click_starts_nothing(client, monkeypatch):
    import threading

    release, calls = threading.Event(), []
    real = jobs.allocate

    def slow(*args, **kwargs):
        calls.append(1)
        release.wait(30)
        return real(*args, **kwargs)

    monkeypatch.setattr(jobs, "allocate", slow)
    csrf = start(client)
    upload(client, csrf, households=HOUSEHOLDS, vacancies=VACANCIES)
    first = client.post("/fordel", data={"csrf_token": csrf})
    assert "/koersel/allocate-1" in str(first.url) and 'http-equiv="refresh"' in first.text
    assert "Fordelingen kører" in first.text
    assert client.get("/filer").status_code == 200  # the server answers meanwhile
    second = client.post("/fordel", data={"csrf_token": csrf}, follow_redirects=False)
    assert second.headers["location"] == "/koersel/allocate-1"
    release.set()
    assert "231 af 250 husstande genhuset" in wait(client, first).text
    assert calls == [1]
