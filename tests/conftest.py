from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.read.documents import read_document
from pipeline.records import SourceDocument

FIXTURES = Path(__file__).parent / "fixtures"
PROJECT = Path(__file__).resolve().parent.parent
BUNDLED_BOOK = PROJECT / "raw" / "far-arc-monograph.txt"
SHARED = PROJECT.parent / "shared"


def fixture_document(name: str) -> SourceDocument:
    return read_document(FIXTURES / name)


@pytest.fixture(scope="session")
def book_run(tmp_path_factory):
    """The bundled book extracted once into a scratch output folder."""
    from pipeline.runner import run
    root = tmp_path_factory.mktemp("book")
    result = run([BUNDLED_BOOK], output_dir=root / "output", interim_dir=root / "interim", log=lambda m: None)
    return root, result
