"""Which documents share their text: a bottom-k sketch of each document's claim shingles, and
the pairs of documents whose sketches say they overlap strongly.

A shingle is a run of SHINGLE_WORDS words inside one claim (case and punctuation ignored), hashed
to 64 bits. A document's sketch keeps the SKETCH_SIZE smallest hashes: two sketches estimate the
Jaccard similarity of the two shingle sets (exactly, for documents with fewer shingles than that),
and from it how much of the smaller document the larger one holds. Candidates come from an inverted
index over the sketches, so a corpus costs one sketch per document plus one estimate per pair of
documents that share sketch entries, never a comparison of every pair of texts.
"""
from __future__ import annotations

import functools
import hashlib
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

import numpy as np

SHINGLE_WORDS = 5
SKETCH_SIZE = 1024
# a candidate pair shares at least this many sketch entries: a Jaccard similarity of about 0.02,
# a tenth of the least that pairs editions (editions share hundreds)
MIN_SHARED_ENTRIES = 24
RE_WORD = re.compile(r"\w+", re.UNICODE)
_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)


class Sketch(NamedTuple):
    doc_id: str
    n_shingles: int  # distinct shingles in the document
    minima: np.ndarray  # the smallest hashes, sorted, uint64


class Overlap(NamedTuple):
    doc_a: str
    doc_b: str
    jaccard: float  # shared shingles / shingles of either
    containment: float  # shared shingles / shingles of the smaller document
    shared: int  # estimated number of shared shingles


@functools.lru_cache(maxsize=1 << 18)  # books of one corpus share most of their words
def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


def _mix(h: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: every bit of a shingle's hash depends on every word."""
    h = h ^ (h >> np.uint64(30))
    h = h * np.uint64(0xBF58476D1CE4E5B9)
    h = h ^ (h >> np.uint64(27))
    h = h * np.uint64(0x94D049BB133111EB)
    return h ^ (h >> np.uint64(31))


def shingle_hashes(texts: Iterable[str], *, words: int = SHINGLE_WORDS) -> np.ndarray:
    """The distinct hashes of every run of `words` words inside one text (a claim), sorted."""
    if words < 1:
        raise ValueError(f"words must be at least 1, not {words}")
    words_per_shingle = words
    per_text = [RE_WORD.findall(t.casefold()) for t in texts]
    words = list(itertools.chain.from_iterable(per_text))
    n = len(words) - words_per_shingle + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    vocabulary = {w: _word_hash(w) for w in set(words)}
    seq = np.fromiter(map(vocabulary.__getitem__, words), dtype=np.uint64, count=len(words))
    owner = np.repeat(np.arange(len(per_text)), [len(w) for w in per_text])
    combined = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(words_per_shingle):
            combined = combined * _MULTIPLIER + seq[j:j + n]
        combined = _mix(combined[owner[:n] == owner[words_per_shingle - 1:]])
    combined.sort()
    return combined[np.concatenate(([True], combined[1:] != combined[:-1]))] if combined.size else combined


def sketch(doc_id: str, texts: Iterable[str], *, size: int = SKETCH_SIZE, words: int = SHINGLE_WORDS) -> Sketch:
    """The bottom-`size` sketch of a document's claims."""
    if size < 1:
        raise ValueError(f"size must be at least 1, not {size}")
    hashes = shingle_hashes(texts, words=words)
    return Sketch(doc_id, int(hashes.size), hashes[:size].copy())


def overlap(a: Sketch, b: Sketch, *, size: int = SKETCH_SIZE) -> Overlap:
    """Jaccard similarity and containment of two documents, estimated from their sketches: the
    `size` smallest hashes of the union are a uniform sample of it, and the share of them found
    in both sketches estimates the Jaccard similarity."""
    if a.n_shingles == 0 or b.n_shingles == 0:
        return Overlap(a.doc_id, b.doc_id, 0.0, 0.0, 0)
    merged = np.sort(np.concatenate((a.minima, b.minima)))
    union = merged[np.concatenate(([True], merged[1:] != merged[:-1]))][:size]
    both = np.intersect1d(a.minima, b.minima, assume_unique=True)
    jaccard = int(np.count_nonzero(both <= union[-1])) / union.size
    shared = jaccard * (a.n_shingles + b.n_shingles) / (1 + jaccard)
    shared = min(shared, a.n_shingles, b.n_shingles)
    return Overlap(a.doc_id, b.doc_id, round(jaccard, 4), round(shared / min(a.n_shingles, b.n_shingles), 4),
                   round(shared))


def overlapping_pairs(sketches: Sequence[Sketch], *, min_shared_entries: int = MIN_SHARED_ENTRIES,
                      size: int = SKETCH_SIZE) -> list[Overlap]:
    """The overlap of every pair of documents that share at least `min_shared_entries` sketch
    entries (or, for small documents, half their entries), found through an inverted index."""
    postings: dict[int, list[int]] = defaultdict(list)
    for i, s in enumerate(sketches):
        for h in s.minima.tolist():
            postings[h].append(i)
    counts: Counter[tuple[int, int]] = Counter()
    for docs in postings.values():
        for x in range(len(docs)):
            for y in range(x + 1, len(docs)):
                counts[docs[x], docs[y]] += 1
    out = []
    for (i, j), n in sorted(counts.items()):
        smaller = min(sketches[i].minima.size, sketches[j].minima.size)
        if n >= min(min_shared_entries, max(1, smaller // 2)):
            out.append(overlap(sketches[i], sketches[j], size=size))
    return out


def sketches_from_rows(rows_per_doc: Mapping[str, Mapping[str, Sequence[Mapping]]]) -> list[Sketch]:
    """One sketch per document from its table rows (the claims' text), by doc_id."""
    return [sketch(doc_id, (c["text"] for c in rows["claims"])) for doc_id, rows in rows_per_doc.items()]
