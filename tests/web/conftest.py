"""Helpers for the web tests: an app on a private temporary folder, its CSRF token, uploads, waiting for a run."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from allocator.web.app import Config, create_app

ROOT = Path(__file__).resolve().parents[2]
HOUSEHOLDS = ROOT / "data" / "example" / "households.csv"
VACANCIES = ROOT / "data" / "example" / "vacancies.csv"
BASE = "http://127.0.0.1:8765"

TINY_HOUSEHOLDS = (
    "Husstand-ID;Navn;Afdeling;Kommune;Antal personer;Antal rum;Genhusningstype;Anciennitetsdato;Ønske 1\n"
    "T1;Anna Prøvesen;Mosegården;Hvidovre;1;2;permanent;01-01-2000;Granbo\n"
    "T2;Bo Eksempel;Mosegården;Hvidovre;2;3;midlertidig;01-01-2010;Granbo\n"
    "T3;Cecilie Test;Mosegården;Hvidovre;4;5;permanent;01-01-2005;Granbo\n"
)
TINY_VACANCIES = (
    "Bolig-ID;Afdeling;Kommune;Antal rum;Husleje;Adresse\n"
    "V1;Granbo;Hvidovre;2;5000;Granvej 1\n"
    "V2;Granbo;Hvidovre;3;6000;Granvej 2\n"
)


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def make_client(tmp_path: Path, **config) -> TestClient:
    return TestClient(create_app(Config(temp_root=tmp_path, **config)), base_url=BASE)


@pytest.fixture
def client(tmp_path):
    with make_client(tmp_path) as c:
        yield c


@pytest.fixture
def tiny(tmp_path) -> dict[str, Path]:
    h, v = tmp_path / "tiny_h.csv", tmp_path / "tiny_v.csv"
    h.write_text(TINY_HOUSEHOLDS, encoding="utf-8")
    v.write_text(TINY_VACANCIES, encoding="utf-8")
    return {"households": h, "vacancies": v}


def start(client: TestClient) -> str:
    """Open the first page (which starts a session) and return its CSRF token."""
    return csrf_of(client.get("/filer").text)


def upload(client: TestClient, csrf: str, **files):
    """Upload ``slot=path`` or ``slot=(name, bytes)``."""
    parts = {}
    for slot, value in files.items():
        if isinstance(value, Path):
            parts[slot] = (value.name, value.read_bytes(), "application/octet-stream")
        else:
            parts[slot] = (value[0], value[1], "application/octet-stream")
    return client.post("/filer", data={"csrf_token": csrf}, files=parts)


def wait(client: TestClient, response, timeout: float = 60):
    """Follow a run's progress page until it is done; the final page."""
    deadline = time.monotonic() + timeout
    while "/koersel/" in str(response.url) and time.monotonic() < deadline:
        if 'http-equiv="refresh"' not in response.text:
            return response
        time.sleep(0.1)
        response = client.get(str(response.url))
    return response


def allocated(client: TestClient, csrf: str, households: Path = HOUSEHOLDS, vacancies: Path = VACANCIES):
    """Upload, allocate and return the result page."""
    assert upload(client, csrf, households=households, vacancies=vacancies).status_code == 200
    return wait(client, client.post("/fordel", data={"csrf_token": csrf}))
