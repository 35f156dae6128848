"""Sketches of claim shingles: exact for short documents, close estimates for long ones, and
candidate pairs only among documents that share text."""
from __future__ import annotations

import re

import numpy as np
import pytest

from pipeline.output.pairing import (
    SKETCH_SIZE,
    overlap,
    overlapping_pairs,
    shingle_hashes,
    sketch,
)

from .conftest import BUNDLED_BOOK


def book_sentences() -> list[str]:
    """The bundled book's body sentences, roughly: real text to build documents and editions from."""
    text = " ".join(line.strip() for line in BUNDLED_BOOK.read_text(encoding="utf-8").split("\n"))
    return [s for s in re.split(r"(?<=[a-z][.!?])\s+(?=[A-Z])", text) if 60 <= len(s) <= 400]


SENTENCES = book_sentences()


def test_shingles_ignore_case_and_punctuation_and_stay_inside_a_claim():
    a = shingle_hashes(["The plant exported tractors to Iran in 2023."])
    b = shingle_hashes(["the plant, exported TRACTORS to Iran in 2023"])
    assert a.size == 4 and np.array_equal(a, b)  # 8 words: 4 runs of 5
    split = shingle_hashes(["The plant exported tractors", "to Iran in 2023."])
    assert split.size == 0  # no claim has five words; none runs across the two
    assert np.array_equal(shingle_hashes(["a b c d e f"]), shingle_hashes(["a b c d e f"]))


def test_short_documents_are_compared_exactly():
    a = sketch("a", ["one two three four five six seven"])  # 3 shingles
    b = sketch("b", ["one two three four five six eight"])  # 2 shared
    o = overlap(a, b)
    assert (o.jaccard, o.containment, o.shared) == (0.5, pytest.approx(2 / 3, abs=1e-3), 2)
    assert overlap(a, sketch("c", [])).jaccard == 0.0


def test_long_documents_are_estimated_closely():
    x, y = SENTENCES[:1500], SENTENCES[500:2000]
    a, b = shingle_hashes(x), shingle_hashes(y)
    exact = np.intersect1d(a, b).size / np.union1d(a, b).size
    o = overlap(sketch("x", x), sketch("y", y))
    assert a.size > SKETCH_SIZE and o.jaccard == pytest.approx(exact, abs=0.05)
    assert o.containment == pytest.approx(np.intersect1d(a, b).size / min(a.size, b.size), abs=0.08)


def test_candidates_come_only_from_shared_text():
    half = len(SENTENCES) // 2
    sketches = [sketch("first", SENTENCES[:half]), sketch("second", SENTENCES[half:]),
                sketch("first-2e", SENTENCES[:half] + SENTENCES[half:half + 100]), sketch("tiny", ["nothing in common here at all"])]
    found = {(o.doc_a, o.doc_b): o for o in overlapping_pairs(sketches)}
    assert found[("first", "first-2e")].jaccard > 0.85
    assert all(o.jaccard < 0.1 for key, o in found.items() if key != ("first", "first-2e"))
    assert not any("tiny" in key for key in found)


def test_bad_parameters_are_named():
    with pytest.raises(ValueError, match="words"):
        shingle_hashes(["a"], words=0)
    with pytest.raises(ValueError, match="size"):
        sketch("a", ["a"], size=0)


def test_hundreds_of_documents_are_paired_without_comparing_every_pair():
    """300 books made of the bundled book's words in random order, and one of them in two editions."""
    import random

    from pipeline.output.editions import find_editions

    from .test_editions import rows_for
    rng = random.Random(17)
    vocabulary = sorted({w for s in SENTENCES for w in re.findall(r"\w+", s)})

    def book():
        return [" ".join(rng.choices(vocabulary, k=18)) + "." for _ in range(40)]
    rows = [rows_for(f"book-{k:03d}", book()) for k in range(300)]
    first = [c["text"] for c in rows[7]["claims"]]
    rows.append(rows_for("book-007-2e", [c for i, c in enumerate(first) if i % 4] + book()[:5]))
    sketches = [sketch(r["documents"][0]["doc_id"], (c["text"] for c in r["claims"])) for r in rows]
    assert len(overlapping_pairs(sketches)) == 1  # one estimate, not 45,150
    editions = find_editions(rows)
    assert [(p.old, p.new) for p in editions.pairs] == [("book-007", "book-007-2e")]
