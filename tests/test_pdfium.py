"""read/pdfium.py: PDFium's characters and rules are pdfminer's where the auto reader uses them
(the PDFs tests/pdfbook.py typesets), and the auto reader keeps pdfminer for PDFs whose sample
pages PDFium reads otherwise (the real-dev PDFs from pdfTeX and Acrobat Distiller)."""
from __future__ import annotations

from collections import Counter

import pdfplumber
import pytest

from pipeline.read import pdf, pdfium

from .conftest import SHARED
from .pdfbook import FONT_DIR, BookChapter, Sentence, render

REAL_DEV = SHARED / "eval" / "real-dev"
TITLE = "Far Arc: Belarus and the World"
NOTE = ("Zalessky, B. The Far Arc of Belarusian diplomacy: trade, investment and technology with the countries "
        "of Asia, Africa and Latin America. - Minsk : Belarusian Science, 2024. - P. 118.")


@pytest.fixture(scope="module")
def typeset(tmp_path_factory):
    """Two chapters with markers, footnotes running onto the next page, a ligature-prone text."""
    sentences = [[Sentence(f"In {2015 + k % 9}, the office of the first fifty firms shifted ${k}.5 million "
                           f"to well-known \u201cfinal\u201d partners in Africa.", [k + 1])] for k in range(18)]
    chapters = [BookChapter("Belarus and Mongolia: a new stage", sentences[:10]),
                BookChapter("Partners in Africa", sentences[10:])]
    notes = {n: f"{(NOTE + ' ') * (1 + n % 3)}Note {n}." for n in range(1, 19)}
    return render(tmp_path_factory.mktemp("pdfium") / "typeset.pdf", TITLE, chapters, notes, first_printed_page=3)


def _rows(page: pdf.PdfPage) -> list[tuple]:
    return [(r.text, r.size, r.bold, round(r.top, 2), round(r.bottom, 2), round(r.x0, 2)) for r in page.rows]


def test_pdfium_gives_pdfminers_characters_and_rules_on_every_typeset_page(typeset):
    document = pdfium.open_document(typeset)
    with pdfplumber.open(typeset) as plumber:
        assert len(plumber.pages) > 3
        for k, page in enumerate(plumber.pages):
            got = pdf.pdfium_objects(document, page)
            want = pdf._visible_objects(page)
            assert got is not None, k
            assert pdfium.same_objects(got, want), k
            assert [c["text"] for c in got[0]] == [c["text"] for c in want[0]], k
    document.close()


def test_pdfium_gives_the_same_rows_and_pages(typeset):
    by_pdfminer = pdf.read_pdf_pages(typeset, workers=1, reader="pdfminer")
    by_pdfium = pdf.read_pdf_pages(typeset, workers=1, reader="pdfium")
    assert [_rows(p) for p in by_pdfium] == [_rows(p) for p in by_pdfminer]
    assert [[round(v, 2) for s in p.separators for v in s] for p in by_pdfium] == \
        [[round(v, 2) for s in p.separators for v in s] for p in by_pdfminer]
    assert pdf.layout_pages(by_pdfium, "d") == pdf.layout_pages(by_pdfminer, "d")


def test_the_auto_reader_takes_pdfium_for_the_typeset_pdf(typeset):
    with pdfplumber.open(typeset) as plumber:
        assert pdfium.agrees_with_pdfminer(typeset, plumber.pages, pdf._visible_objects, read=pdf.pdfium_objects)


def test_a_line_end_hyphen_reads_as_a_hyphen(tmp_path):
    """PDFium reports a '-' ending a line as U+0002; pdfminer has the '-'."""
    from fpdf import FPDF
    doc = FPDF(format=(148, 210), unit="mm")
    doc.add_font("Serif", "", str(FONT_DIR / "DejaVuSerif.ttf"))
    doc.add_page()
    doc.set_font("Serif", "", 9.5)
    doc.text(16, 30, "the Belarusian-")
    doc.text(16, 34.6, "Iranian commission met in Minsk-")
    doc.text(16, 39.2, "Tehran.")
    path = tmp_path / "hyphen.pdf"
    doc.output(str(path))
    document = pdfium.open_document(path)
    with pdfplumber.open(path) as plumber:
        got = pdfium.read_page(document, 0, pdfium.mediabox(plumber.pages[0]))
        want = pdf._visible_objects(plumber.pages[0])
    document.close()
    assert "\x02" not in "".join(c["text"] for c in got[0])
    assert pdfium.same_objects(got, want)


@pytest.mark.skipif(not REAL_DEV.exists(), reason="../shared/eval/real-dev is not beside the project")
@pytest.mark.parametrize("name", ["enotez-manual", "paracol-manual", "nameauth-manual", "ddd-manual",
                                  "freeculture-monograph"])
def test_real_pdfs_whose_characters_differ_stay_with_pdfminer(name):
    """Whole-number glyph widths (pdfTeX writes fractions), ligatures as `fi` where pdfminer has
    `ﬁ`, small capitals, the descent of fonts that are not embedded: PDFium's characters are not
    pdfminer's on these, so the auto reader keeps pdfminer and the rows are today's."""
    path = REAL_DEV / f"{name}.pdf"
    with pdfplumber.open(path) as plumber:
        assert not pdfium.agrees_with_pdfminer(path, plumber.pages, pdf._visible_objects)


@pytest.mark.skipif(not REAL_DEV.exists(), reason="../shared/eval/real-dev is not beside the project")
def test_ligatures_come_back_as_one_character():
    """PDFium splits a ligature into its letters at one origin; pdfminer has one character over
    the glyph (`fi` in this pdfTeX PDF), and so does the reader."""
    path = REAL_DEV / "enotez-manual.pdf"
    document = pdfium.open_document(path)
    with pdfplumber.open(path) as plumber:
        page = plumber.pages[2]
        got, _ = pdfium.read_page(document, 2, pdfium.mediabox(page))
        want, _ = pdf._visible_objects(page)
    document.close()
    assert Counter(c["text"] for c in got) == Counter(c["text"] for c in want)
    assert sum(c["text"] == "fi" for c in got) >= 3
