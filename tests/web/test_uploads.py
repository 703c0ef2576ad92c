"""Uploads are recognised by content, limited in size, zip bombs refused, and stored under our own names."""

from __future__ import annotations

import io
import zipfile

import pytest
from conftest import HOUSEHOLDS, make_client, start, upload

from allocator.web import uploads


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Bolig-ID", "Afdeling"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def zip_bomb(unpacked: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * unpacked)
    return buffer.getvalue()


def test_csv_and_xlsx_are_recognised_by_content():
    assert uploads.sniff(HOUSEHOLDS.read_bytes()) == "csv"
    assert uploads.sniff("a;b\n1;2\n".encode("cp1252")) == "csv"
    assert uploads.sniff("Navn;Bemærkning\nÅse;ø\n".encode("cp1252")) == "csv"
    assert uploads.sniff(xlsx_bytes()) == "xlsx"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (bytes(range(256)) * 10, "binary"),
        (b"just one line of text without separators\n", "binary"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old_excel"),
        (b"PK\x03\x04 not really a zip", "not_xlsx"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n\x00\x00", "binary"),
    ],
)
def test_what_is_not_a_spreadsheet_is_refused(data, code):
    with pytest.raises(uploads.UploadRefused) as info:
        uploads.sniff(data)
    assert info.value.code == code


def test_a_zip_without_content_types_is_not_a_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(uploads.UploadRefused, match="not_xlsx"):
        uploads.sniff(buffer.getvalue())


def test_a_zip_bomb_disguised_as_xlsx_is_refused_before_it_is_unpacked():
    bomb = zip_bomb(2_000_000)
    assert len(bomb) < 20_000
    with pytest.raises(uploads.UploadRefused, match="zip_bomb"):
        uploads.sniff(bomb, max_unpacked=1_000_000)
    assert uploads.sniff(bomb, max_unpacked=3_000_000) == "xlsx"


def test_stored_under_the_slot_name_whatever_the_user_called_it(tmp_path):
    stored = uploads.store(
        tmp_path, "households", b"a;b\n1;2\n", uploads.shown_name("../../etc/passwd.xlsx", "-")
    )
    assert stored.path == tmp_path / "households.csv"
    assert stored.shown_name == "passwd.xlsx"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["households.csv"]
    again = uploads.store(tmp_path, "households", xlsx_bytes(), "x.xlsx")
    assert again.path.name == "households.xlsx" and not (tmp_path / "households.csv").exists()
    with pytest.raises(ValueError, match="slot"):
        uploads.store(tmp_path, "../evil", b"a;b\n", "x")


def test_shown_names_are_printable_and_short():
    assert uploads.shown_name("C:\\Users\\mette\\Husstande.xlsx", "-") == "Husstande.xlsx"
    assert uploads.shown_name("a\x00b\nc.csv", "-") == "abc.csv"
    assert uploads.shown_name("", "(uden navn)") == "(uden navn)"
    assert len(uploads.shown_name("x" * 500, "-")) == 120


@pytest.mark.parametrize(
    ("data", "sentence"),
    [
        (b"", "filen er tom"),
        (bytes(range(256)) * 10, "hverken et Excel-regneark"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "gamle Excel-format"),
    ],
)
def test_the_page_names_the_bad_upload_in_danish(client, data, sentence):
    csrf = start(client)
    r = upload(client, csrf, households=("Husstande.xlsx", data))
    assert r.status_code == 400
    assert "Husstande.xlsx" in r.text and sentence in r.text


def test_the_page_refuses_a_zip_bomb(tmp_path):
    with make_client(tmp_path, max_unpacked_bytes=1_000_000) as c:
        csrf = start(c)
        r = upload(c, csrf, vacancies=("Boliger.xlsx", zip_bomb(2_000_000)))
        assert r.status_code == 400 and "pakker sig ud" in r.text
        assert not list(tmp_path.rglob("vacancies.*"))


def test_a_huge_upload_is_refused_with_413(tmp_path):
    with make_client(tmp_path, max_upload_bytes=100_000) as c:
        csrf = start(c)
        r = upload(c, csrf, households=("big.csv", b"a;b\n" + b"1;2\n" * 600_000))
        assert r.status_code == 413 and "større end" in r.text
        assert not list(tmp_path.rglob("households.*"))
