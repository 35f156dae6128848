"""Paragraphs from the text's own shape: blank lines, first-line indents, lines ended short of the
width, one paragraph per line; hyphenation undone."""
from __future__ import annotations

import textwrap

import pytest

from pipeline.read.documents import read_document
from pipeline.read.text import split_pages
from pipeline.records import Page
from pipeline.structure.chapters import find_headings
from pipeline.structure.paragraphs import assemble_paragraphs, clean_line, text_shape
from pipeline.structure.zones import zone_pages

from .conftest import SHARED, fixture_document

# justified lines of about 70 characters, a sentence running on at most of them
PROSE = [
    "In March 2023, the leaders of the Republic of Belarus and the People's",
    "Republic of China adopted a joint statement on the basic principles for",
    "developing exemplary relations of all-weather and comprehensive strategic",
    "partnership between the two countries in the new era, which include mutual",
    "support for the state course and on issues affecting each other's interests.",
    "Among the signed documents, one can note the Program of Belarusian-Chinese",
    "scientific and technical cooperation for 2023-2024, which aims the two",
    "countries to create joint innovative production, is worth the attention.",
    "of projects in Belarus. In addition, more than forty projects were carried",
    "out with the participation of companies from China, and this year about",
    "twenty more promising initiatives are being developed in the region too.",
]


def pages_of(*pages: list[str]) -> list[Page]:
    return [Page(doc_id="d", page=n, printed_page=None, printed_page_inferred=False, body_lines=tuple(lines),
                 footnote_lines=(), removed=()) for n, lines in enumerate(pages, start=1)]


def texts(pages: list[Page]) -> list[str]:
    return [p.text for p in assemble_paragraphs(pages, [])]


def test_width_is_the_measure_of_the_lines_a_sentence_runs_on_from():
    shape = text_shape(pages_of(PROSE * 3))
    assert 68 <= shape.width <= 76 and not shape.line_per_paragraph


def test_line_ended_short_of_the_width_ends_its_paragraph():
    lines = PROSE[:5] + ["Cooperation goes on.", "Among the signed documents, one can note the"] + PROSE[6:]
    paragraphs = texts(pages_of(PROSE * 2 + [""] + lines))
    assert any(p.endswith("Cooperation goes on.") for p in paragraphs)
    assert any(p.startswith("Among the signed documents, one can note the scientific") for p in paragraphs)


def test_full_line_ending_a_sentence_does_not_end_the_paragraph():
    paragraphs = texts(pages_of(PROSE))
    assert len(paragraphs) == 1  # "...each other's interests." fills its line: the paragraph goes on


def test_note_marker_after_the_sentence_still_ends_it_short():
    lines = PROSE[:3] + ["are located.3", "Let us recall that in the last days of 2022, the number of"] + PROSE[6:]
    assert any(p.endswith("are located.3") for p in texts(pages_of(PROSE * 2 + [""] + lines)))


def test_a_line_opening_with_the_quote_and_stop_of_the_sentence_above_goes_on():
    """pdftotext sets a quotation's closing quote and stop on the next line ('coordinated loads
    ...' above '".19 Also among ...'): the short line above does not end the paragraph."""
    lines = PROSE[:3] + ["of compact chambers, coordinated loads ...",
                         '".19 Also among the BSU developments is "Technology for the synthesis'] + PROSE[6:]
    paragraphs = texts(pages_of(PROSE * 2 + [""] + lines))
    assert any('coordinated loads ... ".19 Also among' in p for p in paragraphs)


def test_debris_dots_are_no_sentence_end():
    lines = PROSE[:3] + [". . . .", "country. Therefore, the immediate plans include a"] + PROSE[6:]
    assert not any(p.endswith(". . . .") or p.endswith("....") for p in texts(pages_of(PROSE * 2 + [""] + lines)))


def test_words_run_together_by_the_converter_do_not_hide_a_short_line():
    lines = PROSE[:3] + ["arelocated.3", "Letusrecallthatinthelastdaysof2022,thenumberofresidentsinthe"] + PROSE[6:]
    assert any(p.endswith("arelocated.3") for p in texts(pages_of(PROSE * 2 + [""] + lines)))


def test_page_set_narrower_than_the_book_keeps_its_paragraphs():
    """A chapter re-wrapped to 44 characters in a book of 72: its lines are short for the book,
    not for their page (regression: the re-wrapped chapters of a second edition)."""
    narrow = textwrap.wrap(" ".join(PROSE), width=44)  # a line ends "...interests."
    paragraphs = texts(pages_of(PROSE * 3, narrow))
    assert paragraphs[-1] == clean_line(" ".join(narrow))


def test_first_line_indent_starts_a_paragraph():
    lines = ["    " + PROSE[0]] + PROSE[1:5] + ["    " + PROSE[5]] + PROSE[6:]
    paragraphs = texts(pages_of(lines))
    assert [p[:20] for p in paragraphs] == ["In March 2023, the l", "Among the signed doc"]


def test_double_spaced_page_is_still_one_paragraph():
    lines = [x for line in PROSE[:8] for x in (line, "")]
    assert len(texts(pages_of(PROSE * 2 + [""], lines))) == 2


def test_one_paragraph_per_line_with_blank_lines_between():
    cases = ["national paid siegel and shuster $94,000 to drop all claims .", "$10K", "1974",
             "4th qtr 2018", "accord prices start at $ 12,345 .", "between 2007 and 2009",
             "the 1988 quarter also included one - time gains totaling about $ 35 million ."]
    pages = pages_of([x for case in cases for x in (case, "")])
    assert text_shape(pages).lines_set_apart
    assert texts(pages) == [clean_line(c) for c in cases]  # "1974" is a paragraph, not a stray marker


def test_wrapped_paragraphs_among_one_line_paragraphs_stay_whole():
    """A plain-text novel: mostly one-line paragraphs of dialogue set apart by blank lines, and a
    few wrapped ones."""
    dialogue = ["“Where?” he asked.", "“In Minsk, of course.”", "“When?”", "“Tomorrow at noon, if the train runs.”",
                "He nodded.", "“Good.”", "“And you?”", "“I stay here until the spring comes.”"]
    lines = [x for line in dialogue * 3 for x in (line, "")] + PROSE[:3] + [""] + [x for line in dialogue for x in (line, "")]
    paragraphs = texts(pages_of(lines))
    assert " ".join(clean_line(l) for l in PROSE[:3]) in paragraphs
    assert "“Where?” he asked." in paragraphs


def test_one_paragraph_per_line_without_blank_lines():
    paragraph = " ".join(PROSE)
    pages = pages_of([paragraph, paragraph.replace("March", "April"), paragraph.replace("March", "May")])
    assert text_shape(pages).line_per_paragraph and len(texts(pages)) == 3


@pytest.mark.parametrize("first, second, joined", [
    ("We live in a world that celebrates property. I am one of those cel-", "ebrants. I believe", "celebrants"),
    ("the mixed Belarusian-", "Iranian commission met", "Belarusian-Iranian"),
    ("effective fire at manpower or low-", "flying drones and helicopters", "low-flying"),
    ("a modern production of X-", "ray tubes on the territory", "X-ray"),
])
def test_line_end_hyphens(first, second, joined):
    filler = ["The low wall stood there.", "Low prices and the low tide came.", "a flying start, flying colours."]
    assert joined in texts(pages_of(filler + [""] + [first, second]))[-1]


def test_hyphen_undone_where_the_word_occurs_in_the_book():
    text = texts(pages_of(["the develop-", "ment of trade", "", "Sustainable development matters."]))[0]
    assert text == "the development of trade"


def test_typeset_book_paragraphs_from_its_layout_dump():
    pages = zone_pages(split_pages(fixture_document("typeset_latex_pdftotext_layout.txt")))
    paragraphs = [p.text for p in assemble_paragraphs(pages, find_headings(pages))]
    starts = [p[:30] for p in paragraphs]
    for opening in ("Among the signed documents, on", "Let us recall that in the last", "In 2023, Great Stone is expect"):
        assert opening in starts, opening


@pytest.mark.skipif(not (SHARED / "eval" / "suites" / "cases_doc.txt").exists(), reason="needs ../shared")
def test_cases_doc_one_paragraph_per_case():
    path = SHARED / "eval" / "suites" / "cases_doc.txt"
    cases = [line.strip() for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
    pages = zone_pages(split_pages(read_document(path)))
    assert [p.text for p in assemble_paragraphs(pages, [])] == [clean_line(c) for c in cases]


def test_a_raised_number_set_below_its_line_goes_back_to_its_column():
    """pdftotext -layout sets a raised marker it could not fit on the line's baseline on a line of
    its own, indented to where it stands in the line above."""
    from pipeline.structure.paragraphs import _markers_set_below, _placed_above_text
    lines = ['cooperation ... ". Then the governments of the two countries', "                  22",
             "signed a memorandum of understanding."]
    placed = _markers_set_below(lines, set())
    assert placed == {0: (1, 18)}
    assert _placed_above_text(lines, 0, *placed[0]) == 'cooperation ... ".22 Then the governments of the two countries'
    # at the margin (plain pdftotext) or past the line's end, the number's place cannot be told
    assert _markers_set_below(["the two countries", "22", "next"], set()) == {}
    assert _markers_set_below(["the two countries", "                       22"], set()) == {}


def test_a_numbered_sections_heading_is_a_paragraph_of_its_own():
    """A dump gives no type sizes: '2.6.1 Multilib' between a full line ending a sentence and the
    paragraph it heads is neither the end of the one nor the start of the other."""
    heading = "2.6.1 Joint Ventures in the Region"
    got = texts(pages_of(PROSE[:5] + [heading] + PROSE[5:8]))
    assert got == [" ".join(PROSE[:5]), heading, " ".join(PROSE[5:8])]
    # a short line opening with a figure inside a sentence is no heading
    figures = ["In the first half of the year the ministry said that they had reached", "2.5 Million tonnes, it said in",
               "its report on the potash exports of the country to the far arc."]
    assert len(texts(pages_of(figures))) == 1


def test_a_bulleted_item_opens_a_paragraph_of_its_own():
    """A list's items fill their lines as prose does, and end without a stop: only the bullet says
    one ends (a claim per item, the marker's item the one that carries it)."""
    items = ["• All information sent from the inferior debugger standard output to the program,",
             "shown as an arrow pointing left.",
             "• All information sent from the inferior debugger standard error to the program, shown",
             "as a double arrow pointing left.",
             "• Products made in Belarus are sold in every country of Africa and Latin America"]
    got = texts(pages_of(PROSE[:5] + items))
    assert got[1:] == [items[0] + " " + items[1], items[2] + " " + items[3], items[4]]
    # a bullet inside a line is no item's opening
    assert len(texts(pages_of(["the two countries • and the region", "support • for the state course."]))) == 1
