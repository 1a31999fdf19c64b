"""examples/explore.ipynb runs top to bottom in a real Jupyter kernel, with no cell error."""

from __future__ import annotations

import time

import nbformat
from nbclient import NotebookClient

from paths import EXAMPLES

NOTEBOOK = EXAMPLES / "explore.ipynb"


def outputs_of(notebook: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [
        output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs
    ]


def test_explore_notebook_executes() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    started = time.monotonic()
    client = NotebookClient(
        notebook,
        timeout=60,
        kernel_name="python3",
        allow_errors=False,
        resources={"metadata": {"path": str(EXAMPLES)}},
    )
    client.execute()
    assert time.monotonic() - started < 60

    outputs = outputs_of(notebook)
    assert not [o for o in outputs if o.output_type == "error"]
    html = "".join(o.get("data", {}).get("text/html", "") for o in outputs)
    assert "CitationList: 4 citations" in html
    assert "@maralindq" in html
    assert any("image/png" in o.get("data", {}) for o in outputs), "the timeline is drawn"
    printed = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "Eastport Transport [@EastportTransit]. (2024, March 14)." in printed


def test_notebook_is_committed_without_outputs() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    assert outputs_of(notebook) == []
    assert all(
        cell.get("execution_count") is None for cell in notebook.cells if cell.cell_type == "code"
    )
