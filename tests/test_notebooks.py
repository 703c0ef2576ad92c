"""The notebooks: stored without outputs, and executed from top to bottom without an error.

Execution needs the ``notebooks`` extra (``make test`` installs it); without it that test is skipped, the
outputs test is not.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


def test_there_is_a_notebook_to_test():
    assert [p.name for p in NOTEBOOKS] == ["compare_scenarios.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_stored_without_outputs(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for k, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [], f"cell {k} has outputs: clear them before committing"
            assert cell.get("execution_count") is None, f"cell {k} has an execution count"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(path):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("matplotlib")
    pytest.importorskip("ipykernel")
    pytest.importorskip("pyarrow")  # the sweep section reads a Parquet file
    notebook = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(notebook, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(path.parent)}})
    client.execute()  # raises CellExecutionError naming the cell on any error
    texts = [o.get("text", "") for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    assert any("priority violations of the weighted allocation" in t for t in texts)
    images = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs if "image/png" in o.get("data", {})]
    assert len(images) == 3, "the wish profile, the reasons and the sweep are plotted"
