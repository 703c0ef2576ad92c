"""`make bench`, the web page: from upload to the result page, and the result page's size, in one process.

The app runs in this process behind Starlette's test client (no network, no browser), so the figures are the
server's: upload and store both files, allocate in the worker thread (read, solve, check, write the workbook and
JSON) and render the result page. For 5,000 households the offers table is paged (50 rows), so the page stays
small whatever the size of the case.

The server is measured warm, as a coordinator meets it: ``genhus serve`` imports the library and runs a tiny case
in the background at start (``allocator.web.warm``), so the clock starts once that is done; its own seconds are
printed too. Where the time goes is printed per case: the run's stages (``allocator.timing``), the first render
of the result page (the writers' view of the result, the offers table's rows, the budget, the charts) and a
second render (everything cached: filtering, paging and the template alone).

Targets (issue 14, 2 cores): the 300-household example from upload to result page under 2 s; the result page for
5,000 households under 1 MB.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from pathlib import Path

from starlette.testclient import TestClient

from allocator import timing
from allocator.generate import generate_instance, write_inputs
from allocator.web.app import Config, create_app

ROOT = Path(__file__).resolve().parents[1]


def upload_to_result(households: Path, vacancies: Path) -> dict[str, object]:
    """Seconds from the upload to the result page and where they went, the page's headline and size, and one
    household page's seconds."""
    with (
        tempfile.TemporaryDirectory() as tmp,
        TestClient(create_app(Config(temp_root=Path(tmp))), base_url="http://127.0.0.1:8765") as client,
    ):
        started = time.perf_counter()
        client.app.state.warmed.wait(120)
        warm_up = time.perf_counter() - started
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/filer").text).group(1)
        timing._seconds.clear()  # the warm-up's stages are not the run's
        started = time.perf_counter()
        files = {
            slot: (p.name, p.read_bytes(), "text/csv")
            for slot, p in (("households", households), ("vacancies", vacancies))
        }
        client.post("/filer", data={"csrf_token": csrf}, files=files)
        page = client.post("/fordel", data={"csrf_token": csrf}, follow_redirects=False)
        running = page.headers["location"]
        while (page := client.get(running, follow_redirects=False)).status_code == 200:
            time.sleep(0.01)
        ran = time.perf_counter() - started
        page = client.get("/resultat")
        seconds = time.perf_counter() - started
        again = time.perf_counter()
        client.get("/resultat", params={"side": "2"})
        again = time.perf_counter() - again
        headline = re.search(r'id="housed">([^<]*)', page.text)
        first = re.search(r'href="/husstand\?id=([^"]+)"', page.text)
        household = time.perf_counter()
        client.get(f"/husstand?id={first.group(1)}" if first else "/husstand")
        household = time.perf_counter() - household
        return {
            "seconds": seconds,
            "run": ran,
            "stages": timing.seconds(),
            "render": seconds - ran,
            "render_again": again,
            "headline": headline.group(1) if headline else page.text[:200],
            "size": len(page.content),
            "household": household,
            "warm_up": warm_up,
        }


def main() -> None:
    print(f"genhus serve, in process, warm server (load average {os.getloadavg()[0]:.1f} at start):")
    print("  upload -> result page (wall s) = run (upload, read, stages) + first render; result page size")
    cases = [
        ("example", ROOT / "data" / "example" / "households.csv", ROOT / "data" / "example" / "vacancies.csv")
    ]
    with tempfile.TemporaryDirectory() as tmp:
        instance = generate_instance(5000, 6500, seed=1)
        h, v = write_inputs(instance, tmp, fmt="csv", lang="da")
        cases.append(("5,000 x 6,500", h, v))
        warm_up = None
        for name, households, vacancies in cases:
            f = upload_to_result(households, vacancies)
            warm_up = f["warm_up"] if warm_up is None else warm_up
            stages = ", ".join(f"{k} {s:.2f}" for k, s in f["stages"].items())
            print(
                f"  {name:14} {f['seconds']:6.2f} s  page {f['size'] / 1024:7.1f} KB  [{f['headline']}]\n"
                f"  {'':14} run {f['run']:.2f} s ({stages}); first render {f['render']:.2f} s, "
                f"page 2 {f['render_again']:.2f} s, a household page {f['household']:.2f} s"
            )
        print(f"  warm-up at the first server start of the process (in the background): {warm_up:.2f} s")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
