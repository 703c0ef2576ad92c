"""`make bench`, the web page: from upload to the result page, and the result page's size, in one process.

The app runs in this process behind Starlette's test client (no network, no browser), so the figures are the
server's: upload and store both files, allocate in the worker thread (read, solve, check, write the workbook and
JSON) and render the result page. For 5,000 households the offers table is paged (50 rows), so the page stays
small whatever the size of the case.

Targets (issue 14, 2 cores): the 300-household example from upload to result page under 2 s; the result page for
5,000 households under 1 MB.
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path

from starlette.testclient import TestClient

from allocator.generate import generate_instance, write_inputs
from allocator.web.app import Config, create_app

ROOT = Path(__file__).resolve().parents[1]


def upload_to_result(households: Path, vacancies: Path) -> tuple[float, str, int, float]:
    """Seconds from the upload to the result page, its headline, its size in bytes, one household page's time."""
    with (
        tempfile.TemporaryDirectory() as tmp,
        TestClient(create_app(Config(temp_root=Path(tmp))), base_url="http://127.0.0.1:8765") as client,
    ):
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/filer").text).group(1)
        started = time.perf_counter()
        files = {
            slot: (p.name, p.read_bytes(), "text/csv")
            for slot, p in (("households", households), ("vacancies", vacancies))
        }
        client.post("/filer", data={"csrf_token": csrf}, files=files)
        page = client.post("/fordel", data={"csrf_token": csrf})
        while "/koersel/" in str(page.url):
            time.sleep(0.02)
            page = client.get(str(page.url))
        seconds = time.perf_counter() - started
        headline = re.search(r'id="housed">([^<]*)', page.text)
        first = re.search(r'href="/husstand\?id=([^"]+)"', page.text)
        started = time.perf_counter()
        client.get(f"/husstand?id={first.group(1)}" if first else "/husstand")
        household = time.perf_counter() - started
        return seconds, headline.group(1) if headline else page.text[:200], len(page.content), household


def main() -> None:
    print("genhus serve, in process: upload -> result page (wall s), result page size, a household page")
    cases = [
        ("example", ROOT / "data" / "example" / "households.csv", ROOT / "data" / "example" / "vacancies.csv")
    ]
    with tempfile.TemporaryDirectory() as tmp:
        instance = generate_instance(5000, 6500, seed=1)
        h, v = write_inputs(instance, tmp, fmt="csv", lang="da")
        cases.append(("5,000 x 6,500", h, v))
        for name, households, vacancies in cases:
            seconds, headline, size, household = upload_to_result(households, vacancies)
            print(
                f"  {name:14} {seconds:6.2f} s  page {size / 1024:7.1f} KB  household {household:5.2f} s  "
                f"[{headline}]"
            )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
