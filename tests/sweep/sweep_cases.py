"""The sweep tests' cases: the example case through the bundled scenarios, a few runs each."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"

SMALL = """
draws = 2
seed = 7

[grid]
inputs.leave_out_vacancy_share = [0.0, 0.3]
"""
"""Four runs: two shares of vacancies left out, two draws each."""
