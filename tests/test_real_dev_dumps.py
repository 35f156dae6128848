"""The real PDFs of ../shared/eval/real-dev read from text dumps: plain `pdftotext` (as shipped in
its as-text/), `pdftotext -layout` and pdfplumber's `extract_text` (made here), scored as
../shared/eval/score_real.py scores a run (notes found on the gold's sample pages, linked to
their sentence, chapter titles' F1).

The floors are what this round measured: what works keeps working. Where a dump still falls short
of its PDF (paracol's parallel columns read across by pdfplumber, nameauth's margin label inside
a sentence where no column is kept to tell it by) the README says so."""
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
    ("ddd-manual", "as-text"): (0.99, 0.99, 0.99),
    ("ddd-manual", "layout"): (0.99, 0.99, 0.99),
    ("ddd-manual", "pdfplumber"): (0.99, 0.99, 0.99),
    ("enotez-manual", "as-text"): (0.99, 0.74, 0.99),
    ("enotez-manual", "layout"): (0.99, 0.74, 0.99),
    ("enotez-manual", "pdfplumber"): (0.99, 0.74, 0.99),
    ("freeculture-monograph", "as-text"): (0.99, 0.99, 0.99),
    ("freeculture-monograph", "layout"): (0.99, 0.99, 0.99),
    ("freeculture-monograph", "pdfplumber"): (0.99, 0.99, 0.99),
    ("nameauth-manual", "as-text"): (0.99, 0.94, 0.99),
    ("nameauth-manual", "layout"): (0.99, 0.99, 0.99),
    ("nameauth-manual", "pdfplumber"): (0.99, 0.94, 0.99),
    ("paracol-manual", "as-text"): (0.99, 0.99, 0.99),
    ("paracol-manual", "layout"): (0.99, 0.99, 0.99),
    ("paracol-manual", "pdfplumber"): (0.96, 0.72, 0.99),
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
    if kind == "pdfplumber":  # extract_text per page, the pages joined by form feeds
        import pdfplumber
        out = folder / f"{name}.txt"
        with pdfplumber.open(REAL_DEV / f"{name}.pdf") as pdf:
            out.write_text("\f".join(page.extract_text() or "" for page in pdf.pages), encoding="utf-8")
        return out
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
