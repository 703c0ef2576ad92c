"""``genhus sweep``: exit codes, no traceback, the extra's one-line install hint, and a plain ``genhus`` that
never imports the extra."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner
from sweep_cases import SMALL

from allocator.cli import main


def test_sweep_writes_the_results_and_the_summary(write_sweep, tmp_path):
    pytest.importorskip("pyarrow")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["sweep", str(write_sweep(SMALL)), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "4 runs (4 now, 0 from before), 0 failed" in result.stdout
    assert "sweep: 4 of 4 runs done, 0 failed" in result.stderr
    assert (out / "runs.parquet").exists() and (out / "summary.xlsx").exists()
    again = CliRunner().invoke(main, ["sweep", str(write_sweep(SMALL)), "--out", str(out), "--workers", "1"])
    assert again.exit_code == 2 and "--resume" in again.stderr
    resumed = CliRunner().invoke(
        main, ["sweep", str(write_sweep(SMALL)), "--out", str(out), "--resume", "-q"]
    )
    assert resumed.exit_code == 0 and "(0 now, 4 from before)" in resumed.stdout


def test_a_bad_sweep_file_exits_2_with_every_problem(write_sweep):
    path = write_sweep('drawz = 2\n[grid]\nsettings.size_rul = ["range"]\n')
    result = CliRunner().invoke(main, ["sweep", str(path)])
    assert result.exit_code == 2
    assert "2 problems in the input:" in result.stderr
    assert "grid.settings.size_rul: unknown key; did you mean 'size_rule'?" in result.stderr
    assert "Traceback" not in result.output


def test_bad_options_exit_2(write_sweep):
    path = write_sweep(SMALL)
    result = CliRunner().invoke(
        main, ["sweep", str(path), "--scheduler", "tcp://x:1", "--cluster", "local:2"]
    )
    assert result.exit_code == 2 and "give one of the two" in result.stderr
    result = CliRunner().invoke(main, ["sweep", str(path), "--cluster", "remote:2"])
    assert result.exit_code == 2 and "give local:N" in result.stderr


def test_without_the_extra_sweep_says_how_to_install_it(write_sweep, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "pyarrow" else real(name, *a)
    )
    result = CliRunner().invoke(main, ["sweep", str(write_sweep(SMALL))])
    assert result.exit_code == 1
    assert result.stderr.strip() == 'genhus sweep needs pyarrow: pip install "genhus[cluster]"'


def test_plain_genhus_does_not_import_the_extra():
    code = (
        "import sys\nfrom allocator.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('dask', 'distributed', 'pyarrow') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
    assert "sweep" in done.stdout
