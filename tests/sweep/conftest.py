"""Sweep files on the example case, written into a test's folder."""

from __future__ import annotations

import pytest
from sweep_cases import SCENARIOS


@pytest.fixture
def write_sweep(tmp_path):
    """``write_sweep(text, base="baseline.toml")``: a sweep file whose base is a bundled scenario."""

    def write(text: str, *, base: str = "baseline.toml", name: str = "sweep.toml"):
        path = tmp_path / name
        path.write_text(f'base = "{(SCENARIOS / base).as_posix()}"\n' + text, encoding="utf-8")
        return path

    return write
