"""What a researcher opens first: pipeline.load, the DuckDB views, the notebook, the report."""
from __future__ import annotations

import os
import re

import pandas as pd
import pytest

import pipeline
from pipeline.output.schemas import SCHEMAS

from .conftest import PROJECT

pytestmark = pytest.mark.slow


def test_load_gives_typed_frames(book_run):
    root, _ = book_run
    t = pipeline.load(root / "output")
    assert set(t) == set(SCHEMAS)
    assert isinstance(t["entities"]["label"].dtype, pd.CategoricalDtype)
    assert str(t["footnotes"]["year"].dtype) == "Int32" and t["footnotes"]["year"].isna().any()
    assert str(t["pages"]["printed_page"].dtype) == "Int32"
    assert pd.api.types.is_datetime64_any_dtype(t["dates"]["start"])
    assert all(isinstance(a, list) for a in t["footnotes"]["authors"])
    assert str(t["dates"]["relative"].dtype) == "boolean"


def test_load_names_a_missing_run(tmp_path):
    with pytest.raises(FileNotFoundError, match="make extract"):
        pipeline.load(tmp_path)


def test_duckdb_views(book_run):
    root, _ = book_run
    con = pipeline.connect(root / "output")
    views = {r[0] for r in con.sql("select view_name from duckdb_views() where not internal").fetchall()}
    assert views == set(SCHEMAS)
    [(n,)] = con.sql("select count(*) from claims c join claim_footnotes l using (doc_id, claim_id)").fetchall()
    assert n == len(pd.read_parquet(root / "output" / "claim_footnotes.parquet"))


def test_notebook_runs(book_run):
    nbformat = pytest.importorskip("nbformat")
    from nbclient import NotebookClient
    root, _ = book_run
    path = PROJECT / "notebooks" / "explore.ipynb"
    nb = nbformat.read(path, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), "commit the notebook without outputs"
    os.environ["MONOGRAPH_OUTPUT"] = str(root / "output")
    try:
        NotebookClient(nb, timeout=300, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
    finally:
        os.environ.pop("MONOGRAPH_OUTPUT", None)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors


def test_report_is_self_contained_with_plots(book_run):
    root, _ = book_run
    report = (root / "output" / "report.html").read_text(encoding="utf-8")
    assert len(re.findall(r"<img [^>]*src='data:image/png;base64,", report)) >= 3
    assert not re.search(r"(?:src|href)=['\"]?(?:https?:|//|file:)", report)
    assert "no marker found" in report and "inferred" in report


def test_every_column_is_in_the_data_dictionary():
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    for name, schema in SCHEMAS.items():
        section = re.search(rf"^### `{name}`\n(.*?)(?=^### |^## |\Z)", readme, re.M | re.S)
        assert section, f"README has no data-dictionary section for {name}"
        for field in schema:
            assert re.search(rf"^\| `{field.name}` \|", section.group(1), re.M), f"{name}.{field.name} not in README"
