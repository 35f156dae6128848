"""PDF input: monograph-like PDFs typeset by the tests (tests/pdfbook.py) go through the same stages
as text and give the same footnotes, links and chapters; bad PDFs are named and skipped."""
from __future__ import annotations


import pandas as pd
import pytest

from pipeline.read.documents import InputError, read_document
from pipeline.runner import run
from pipeline.structure import extract_structure

from .conftest import BUNDLED_BOOK
from .pdfbook import BookChapter, Sentence, chapters_from_structure, render, render_image_only

BOOK_TITLE = "Far Arc: Belarus and the World"
LONG_NOTE = ("Zalessky, B. The Far Arc of Belarusian diplomacy: trade, investment and technology with the "
             "countries of Asia, Africa and Latin America in the years of turbulence, with statistical annexes "
             "and a chronology of visits and agreements. - Minsk : Belarusian Science, 2024. - P. 118.")


def _sentences(k: int, first_note: int) -> list[Sentence]:
    return [Sentence(f"In {2015 + k % 9}, exports of tractors to partner {k} grew to ${k + 1}.5 million "
                     f"and the parties signed agreement number {k}.", [first_note + k])]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """Two chapters, every sentence with a long footnote: some footnotes run onto the next page."""
    root = tmp_path_factory.mktemp("pdf")
    chapters = [
        BookChapter("Belarus and Mongolia: a new stage of cooperation",
                    [_sentences(k, 1) + _sentences(k + 1, 1) for k in range(0, 16, 2)]),
        BookChapter("Partners in Africa", [_sentences(k, 1) for k in range(16, 24)]),
    ]
    notes = {n: f"{(LONG_NOTE + ' ' + LONG_NOTE)[: 200 + (n * 97) % 380].rstrip()} Note {n}." for n in range(1, 25)}
    path = render(root / "synthetic.pdf", BOOK_TITLE, chapters, notes, first_printed_page=7)
    return path, chapters, notes


def test_synthetic_pdf_gives_every_footnote_and_link(synthetic):
    path, chapters, notes = synthetic
    structure = extract_structure(read_document(path))
    assert [c.title for c in structure.chapters] == [c.title for c in chapters]
    assert {f.number: f.text for f in structure.footnotes} == notes
    assert any(f.end_page > f.page for f in structure.footnotes), "no footnote ran onto the next page"
    claim_text = {c.claim_id: c.text for c in structure.claims}
    linked = {l.footnote_number: claim_text[l.claim_id] for l in structure.links}
    expected = {s.markers[0]: s.text for ch in chapters for p in ch.paragraphs for s in p}
    assert linked == expected
    printed = [p.printed_page for p in structure.pages]
    assert printed == list(range(7, 7 + len(printed)))
    assert not any(BOOK_TITLE in line for p in structure.pages for line in p.body_lines)


@pytest.mark.slow
def test_bundled_chapters_as_pdf_agree_with_the_text_path(tmp_path):
    text_structure = extract_structure(read_document(BUNDLED_BOOK))
    chapters, notes = chapters_from_structure(text_structure, seqs=(2, 3, 4, 5))
    path = render(tmp_path / "far-arc-chapters.pdf", BOOK_TITLE, chapters, notes, first_printed_page=41)
    structure = extract_structure(read_document(path))
    assert [c.title for c in structure.chapters] == [c.title for c in chapters]
    found = {f.number: f.text for f in structure.footnotes}
    assert found == notes  # footnotes found = 100%, same numbers and text
    text_claims = {c.claim_id: c.text for c in text_structure.claims}
    pdf_claims = {c.claim_id: c.text for c in structure.claims}
    expected = {l.footnote_number: text_claims[l.claim_id] for l in text_structure.links if l.footnote_number in notes}
    got = {l.footnote_number: pdf_claims[l.claim_id] for l in structure.links}
    agree = sum(got.get(n) == t for n, t in expected.items()) / len(expected)
    assert agree >= 0.98


def test_bad_pdfs_are_named_and_the_rest_still_extracted(tmp_path, synthetic):
    from fpdf import FPDF
    from fpdf.enums import EncryptionMethod
    raw = tmp_path / "raw"
    raw.mkdir()
    good = synthetic[0]
    (raw / "good.pdf").write_bytes(good.read_bytes())
    data = good.read_bytes()
    (raw / "truncated.pdf").write_bytes(data[: len(data) // 3])
    (raw / "notapdf.pdf").write_text("a text file with a .pdf name", encoding="utf-8")
    render_image_only(raw / "scanned.pdf")
    locked = FPDF()
    locked.add_page()
    locked.set_font("helvetica", size=12)
    locked.text(20, 20, "secret")
    locked.set_encryption(owner_password="owner", user_password="user", encryption_method=EncryptionMethod.RC4)
    locked.output(str(raw / "encrypted.pdf"))
    result = run(sorted(raw.iterdir()), output_dir=tmp_path / "output", interim_dir=tmp_path / "interim",
                 log=lambda m: None)
    assert result.documents == ("good",)
    text = "\n".join(result.failures)
    assert "encrypted.pdf: the PDF is encrypted; it needs its password" in text
    assert "truncated.pdf: not a readable PDF (corrupt or truncated" in text
    assert "notapdf.pdf: not a PDF" in text
    assert "scanned.pdf: the PDF has no text layer" in text and "OCR" in text
    assert len(pd.read_parquet(tmp_path / "output" / "footnotes.parquet")) == 24


def test_a_pdf_that_is_only_a_header_is_refused(tmp_path):
    path = tmp_path / "stub.pdf"
    path.write_bytes(b"%PDF-1.7\n")
    with pytest.raises(InputError, match="stub.pdf: not a readable PDF"):
        read_document(path)


def test_a_superior_figure_glyph_in_a_pdf_line_is_a_raised_mark():
    """A font whose raised figures are superscript glyphs ('⁴' at the line's own size and baseline)
    gives raised marks, as smaller raised digits do; a unit's power ('km²') stays text."""
    from pipeline.read.pdf import _segment
    from pipeline.records import MARK_CLOSE, MARK_OPEN

    def chars(text):
        return [{"text": ch, "size": 10.0, "baseline": 100.0, "top": 90.0, "x0": 5.0 * k, "x1": 5.0 * k + 4.8,
                 "fontname": "Minion-Regular"} for k, ch in enumerate(text)]
    line = {"size": 10.0, "baseline": 100.0}
    assert _segment(chars("possible.¹⁴"), [], line)["text"] == f"possible.{MARK_OPEN}14{MARK_CLOSE}"
    assert _segment(chars("Author∗"), [], line)["text"] == "Author*"
    assert _segment(chars("45km²"), [], line)["text"] == "45km²"
    assert _segment(chars("some10⁶tonnes"), [], line)["text"] == "some10⁶tonnes"  # a power of ten
    # a font that maps only some superior figures to superscripts: "1⁴" is the mark 14
    assert _segment(chars("possible.1⁴"), [], line)["text"] == f"possible.{MARK_OPEN}14{MARK_CLOSE}"


def test_two_columns_set_between_full_width_lines_are_read_column_by_column():
    """A page of one column with a stretch set in two columns (parallel columns, a side-by-side
    comparison) between full-width lines: the left column's lines, then the right one's, in the
    stretch's place; the full-width lines around it read as before. A line that crosses the gap
    ends the stretch, and a page of full-width lines has none."""
    from pipeline.read.pdf import build_page

    def line(text, x, baseline):
        return [{"text": ch, "size": 10.0, "baseline": baseline, "top": baseline - 8, "bottom": baseline,
                 "x0": x + 5.0 * k, "x1": x + 5.0 * k + 4.8, "fontname": "Times-Roman"} for k, ch in enumerate(text)]
    wide = "This line runs across the whole width of the text block, over both of the columns below it here."
    chars = line(wide, 50, 100) + line(wide, 50, 112)
    for k in range(3):
        chars += line(f"Left column line {k} of its text, set to the gap.", 50, 124 + 12 * k)
        chars += line(f"Right column line {k} of its own, set from it.", 310, 124 + 12 * k)
    chars += line("The full-width text goes on below the stretch of two columns, across the gap.", 50, 166)
    page = build_page(1, chars, [], height=800, width=600)
    assert [r.text for r in page.rows] == [wide, wide, *(f"Left column line {k} of its text, set to the gap." for k in range(3)),
                                           *(f"Right column line {k} of its own, set from it." for k in range(3)),
                                           "The full-width text goes on below the stretch of two columns, across the gap."]
    one = build_page(1, line(wide, 50, 100) + line("A short last line.", 50, 112) + line(wide, 50, 124), [],
                     height=800, width=600)
    assert [r.column for r in one.rows] == [0, 0, 0]
    # an aligned listing's two columns end ragged: its lines stay whole
    listing = line(wide, 50, 100)
    for k, (option, value) in enumerate([("-- Paper size option:", "letterpaper (default),"),
                                         ("-- Orientation of the page:", "portrait (the default)"),
                                         ("-- Columns of the text:", "onecolumn (default), twocolumn")]):
        listing += line(option, 50, 112 + 12 * k) + line(value, 310, 112 + 12 * k)
    rows = build_page(1, listing + line(wide, 50, 148), [], height=800, width=600).rows
    assert [r.text for r in rows][1] == "-- Paper size option: letterpaper (default),"


def test_two_notes_that_read_alike_at_their_pages_feet_are_notes_not_a_footer():
    """Texinfo prints one note twice, on two pages, each time its page's last row ("1 The machine
    code window ...", then "2 The machine code window ..."): a row that opens with a raised
    number is a note, however alike the two read; the head that carries the page number is
    still furniture."""
    from pipeline.read.pdf import PdfPage, Row, layout_pages
    from pipeline.records import MARK_CLOSE, MARK_OPEN

    def page(k, note=None):
        rows = [Row(f"Chapter 8: Machine-Level Debugging {140 + k}", 10.9, False, 40, 50, 90, 500)]
        word = ["first", "second", "third", "fourth", "fifth", "sixth"][k - 1]
        rows += [Row(f"The text of the {word} page runs on in a full line of the body, line {n} of it.",
                     10.9, False, 80 + 14 * n, 90 + 14 * n, 90, 500) for n in range(30)]
        if note is not None:
            rows[-1] = Row(rows[-1].text + f"{MARK_OPEN}{note}{MARK_CLOSE}", 10.9, False, rows[-1].top, rows[-1].bottom, 90, 500)
            rows.append(Row(f"{MARK_OPEN}{note}{MARK_CLOSE} The machine code window is available with gdb only.",
                            10.0, False, 703, 713, 90, 420))
        return PdfPage(k, tuple(rows), ((90.0, 234.0, 700.0),) if note else (), 800.0, 600.0, ((90.0, 500.0),))
    pages = layout_pages([page(1), page(2, 1), page(3, 2), page(4), page(5), page(6)], "d").pages
    assert [p.footnote_lines for p in pages[1:3]] == [
        (f"{MARK_OPEN}1{MARK_CLOSE} The machine code window is available with gdb only.",),
        (f"{MARK_OPEN}2{MARK_CLOSE} The machine code window is available with gdb only.",)]
    assert pages[1].body_lines[-1].endswith(f"line 29 of it.{MARK_OPEN}1{MARK_CLOSE}")
