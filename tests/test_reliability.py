"""Reliability: no crash on arbitrary text, idempotent cleaning, markers never read as amounts or
dates, and a run killed with SIGKILL that leaves the previous output readable."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.structure.paragraphs import clean_line
from pipeline.mentions.dates import find_dates
from pipeline.mentions.money import find_money
from pipeline.records import SourceDocument
from pipeline.structure import extract_structure
from pipeline.output.schemas import SCHEMAS

from .conftest import BUNDLED_BOOK, PROJECT

BOOK_LINES = BUNDLED_BOOK.read_text(encoding="utf-8").splitlines()


def _document(text: str) -> SourceDocument:
    return SourceDocument(doc_id="d", source_path="d.txt", source_sha256="0", title="d", text=text)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=600))
def test_text_stages_never_crash_on_arbitrary_text(text):
    structure = extract_structure(_document(text))
    for claim in structure.claims:
        assert claim.text == claim.text.strip()


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(BOOK_LINES), min_size=1, max_size=40), st.randoms(use_true_random=False))
def test_text_stages_never_crash_on_shuffled_book_lines(lines, rnd):
    rnd.shuffle(lines)
    structure = extract_structure(_document("\n".join(lines)))
    numbers = [f.number for f in structure.footnotes]
    assert numbers == sorted(set(numbers))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_cleaning_is_idempotent(text):
    once = clean_line(text)
    assert clean_line(once) == once


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["annually", "goods\"", "Balkans,", "exports of $5 million", "in May 2023",
                        "since 2019", "reached 250-300 million dollars"]),
       st.integers(1, 804), st.sampled_from([".", ",", " can", "\"", ""]))
def test_a_footnote_marker_is_never_part_of_an_amount_or_a_date(before, number, after):
    """Markers are removed before mentions are read; what is left must not carry the number."""
    structure = extract_structure(_document(f" {before} {number}{after} the rest of the sentence.\n"))
    for claim in structure.claims:
        for m in find_money(claim.text):
            assert str(number) not in m.text.split() or str(number) in before
        for d in find_dates(claim.text):
            assert not d.text.endswith(str(number)) or str(number) in before


@pytest.mark.slow
def test_a_killed_run_leaves_the_previous_output_readable(tmp_path):
    """SIGKILL in the middle of a real run: output/ still holds the previous complete tables, and
    the next run (reusing whatever interim/ holds) gives the same tables as a clean run."""
    out, interim = tmp_path / "output", tmp_path / "interim"
    cmd = [sys.executable, "-m", "pipeline", "extract", str(BUNDLED_BOOK), "--output", str(out),
           "--interim", str(interim)]
    subprocess.run(cmd, check=True, cwd=PROJECT, capture_output=True)
    before = {name: (out / f"{name}.parquet").read_bytes() for name in SCHEMAS}

    first_stage = next((interim / "structure").glob("*.pkl"))
    written_at = first_stage.stat().st_mtime_ns
    victim = subprocess.Popen(cmd + ["--force"], cwd=PROJECT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and victim.poll() is None:
        if first_stage.stat().st_mtime_ns != written_at:
            break  # the forced run has rewritten its first stage and is in the NLP pass: midway
        time.sleep(0.02)
    assert victim.poll() is None, "the run ended before it could be killed"
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait()

    for name in SCHEMAS:
        assert (out / f"{name}.parquet").read_bytes() == before[name], name
    assert len(pd.read_parquet(out / "claims.parquet")) > 3000

    subprocess.run(cmd, check=True, cwd=PROJECT, capture_output=True)
    for name in SCHEMAS:
        assert (out / f"{name}.parquet").read_bytes() == before[name], name


@pytest.mark.slow
def test_peak_memory_grows_far_slower_than_the_book(tmp_path):
    """A book three times the bundled one (its text repeated, footnote numbers shifted) must not
    need three times the memory: `make bench` does the same with ten times."""
    import json

    from tools.bench import tenfold_book
    big = tenfold_book(BUNDLED_BOOK, tmp_path / "threefold.txt", copies=3)
    peaks = {}
    for name, book in (("one", BUNDLED_BOOK), ("three", big)):
        stats = tmp_path / f"{name}.json"
        subprocess.run([sys.executable, "-m", "pipeline", "extract", str(book), "--output", str(tmp_path / name),
                        "--interim", str(tmp_path / f"interim-{name}"), "--stats", str(stats)],
                       check=True, cwd=PROJECT, capture_output=True)
        peaks[name] = json.loads(stats.read_text())["peak_mb"]
    assert peaks["three"] < 1.6 * peaks["one"], peaks
