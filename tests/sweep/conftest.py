"""Sweep files on the example case, written into a test's folder; a few runs each, to keep the tests fast."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"


@pytest.fixture
def write_sweep(tmp_path):
    """``write_sweep(text, base="baseline.toml")``: a sweep file whose base is a bundled scenario."""

    def write(text: str, *, base: str = "baseline.toml", name: str = "sweep.toml") -> Path:
        path = tmp_path / name
        path.write_text(f'base = "{(SCENARIOS / base).as_posix()}"\n' + text, encoding="utf-8")
        return path

    return write


SMALL = """
draws = 2
seed = 7

[grid]
inputs.leave_out_vacancy_share = [0.0, 0.3]
"""
"""Four runs: two shares of vacancies left out, two draws each."""
