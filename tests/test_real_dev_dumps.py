"""The real PDFs of ../shared/eval/real-dev read from text dumps: plain `pdftotext` (as shipped in
its as-text/) and `pdftotext -layout` (made here), scored as ../shared/eval/score_real.py scores a
run (notes found on the gold's sample pages, linked to their sentence, chapter titles' F1).

The floors are what this round measured: what works keeps working. Where a dump still falls short
of its PDF (nameauth's and paracol's notes, ddd's links) the README says so."""
from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess

import pytest

from pipeline.output import tables
from pipeline.read.documents import read_document
from pipeline.structure import extract_structure

from .conftest import SHARED

REAL_DEV = SHARED / "eval" / "real-dev"
SCORER = SHARED / "eval" / "score_real.py"
PDFTOTEXT = shutil.which("pdftotext")

# (document, dump): (found, linked, chapters) at least
FLOORS = {
    ("ddd-manual", "as-text"): (0.87, 0.81, 0.95),
    ("ddd-manual", "layout"): (0.87, 0.87, 0.97),
    ("enotez-manual", "as-text"): (0.87, 0.0, 0.98),
    ("enotez-manual", "layout"): (0.87, 0.0, 0.98),
    ("freeculture-monograph", "as-text"): (0.99, 0.95, 0.85),
    ("freeculture-monograph", "layout"): (0.99, 0.90, 0.88),
    ("nameauth-manual", "as-text"): (0.82, 0.64, 0.98),
    ("nameauth-manual", "layout"): (0.76, 0.52, 0.98),
    ("paracol-manual", "as-text"): (0.51, 0.12, 0.91),
    ("paracol-manual", "layout"): (0.54, 0.15, 0.98),
}

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not SCORER.exists(), reason="needs ../shared/eval/real-dev and its scorer"),
]


@pytest.fixture(scope="module")
def score_doc():
    spec = importlib.util.spec_from_file_location("score_real", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.score_doc


def _dump(name: str, kind: str, folder) -> object:
    if kind == "as-text":
        return REAL_DEV / "as-text" / f"{name}.txt"
    if PDFTOTEXT is None:
        pytest.skip("pdftotext is not installed")
    out = folder / f"{name}.txt"
    subprocess.run([PDFTOTEXT, "-layout", str(REAL_DEV / f"{name}.pdf"), str(out)], check=True)
    return out


@pytest.mark.parametrize("name, kind", sorted(FLOORS))
def test_a_real_pdfs_dump_reads_at_least_as_well_as_measured(name, kind, tmp_path, score_doc):
    structure = extract_structure(read_document(_dump(name, kind, tmp_path)))
    rows = tables.structure_rows(structure, {})
    frames = {k: tables.to_table(k, rows[k]).to_pandas() for k in ("footnotes", "claims", "claim_footnotes", "chapters")}
    gold = json.loads((REAL_DEV / f"{name}.gold.json").read_text(encoding="utf-8"))
    score = score_doc(gold, structure.document.doc_id, frames)
    found, linked, chapters = FLOORS[(name, kind)]
    assert score["found"] >= found, score
    assert score["linked"] >= linked, score
    assert score["chapters"] >= chapters, (score, [c.title for c in structure.chapters])
