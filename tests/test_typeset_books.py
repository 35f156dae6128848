"""Books typeset with real engines (TeX Live, LibreOffice) in every numbering scheme and
placement (tests/typeset/make_books.py made them from tests/typeset/source.json): the notes found
with their number and text, the links to the sentence that carries each marker, the chapters."""
from __future__ import annotations

import pytest

from pipeline.read.documents import read_document
from pipeline.structure import extract_structure

from .typeset.scoring import BOOKS, books, score_book, truth_of

BOOK_NAMES = [b["name"] for b in books()]


@pytest.fixture(scope="module")
def extracted():
    cache = {}

    def get(name: str, suffix: str = ".pdf"):
        if (name, suffix) not in cache:
            cache[(name, suffix)] = extract_structure(read_document(BOOKS / f"{name}{suffix}"))
        return cache[(name, suffix)]
    return get


@pytest.mark.parametrize("name", BOOK_NAMES)
def test_typeset_book_notes_links_and_chapters(extracted, name):
    truth = truth_of(name)
    structure = extracted(name)
    score = score_book(structure, truth)
    assert score["found"] >= 0.99, score["misses"][:10]
    assert score["linked"] >= 0.97, score["misses"][:10]
    assert score["chapters"] == 1.0, [c.title for c in structure.chapters]


@pytest.mark.parametrize("name", BOOK_NAMES)
def test_typeset_book_scheme_and_placement(extracted, name):
    truth = truth_of(name)
    structure = extracted(name)
    assert structure.notes_scheme == truth["notes_scheme"]
    assert structure.notes_placement == truth["notes_placement"]
    scope = {"book": "document", "chapter": "chapter", "page": "page", "symbol": "page"}[truth["notes_scheme"]]
    assert {f.scope for f in structure.footnotes} == {scope}
