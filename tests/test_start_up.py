"""Each command loads what it needs (issue 10): CP-SAT, with the pandas it imports, costs half a second, so
``--help``, ``validate`` and an allocation without phases never load it; a phased case does. Each case runs in
a fresh interpreter, as a command would."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "example"
FILES = [str(EXAMPLE / "households.csv"), str(EXAMPLE / "vacancies.csv")]
HEAVY = ("ortools.sat.python.cp_model", "pandas")
PROBE = """
import json, sys
from allocator.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
print(json.dumps([m for m in {heavy!r} if m in sys.modules]))
"""


def loaded(*args: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), *args], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["validate", *FILES, "-q"],
        ["allocate", *FILES, "-q", "--json", "{out}"],
    ],
    ids=["help", "validate", "allocate"],
)
def test_commands_without_phases_never_load_cp_sat_or_pandas(args, tmp_path):
    assert loaded(*(a.format(out=tmp_path / "r.json") for a in args)) == []


def test_a_phased_case_loads_cp_sat(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "allocator.generate", "12", "16", str(tmp_path), "--phases", "2"], check=True
    )
    files = [str(tmp_path / name) for name in ("households.csv", "vacancies.csv")]
    args = [
        "allocate",
        *files,
        "--phases",
        str(tmp_path / "phases.csv"),
        "-q",
        "--json",
        str(tmp_path / "r.json"),
    ]
    assert "ortools.sat.python.cp_model" in loaded(*args)
