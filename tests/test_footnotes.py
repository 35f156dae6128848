import pytest

from pipeline.structure.citations import parse_citation
from pipeline.structure.notes import collect_footnotes, footnote_start
from pipeline.read.text import split_pages
from pipeline.structure.zones import zone_pages

from .conftest import fixture_document


def footnotes_of(name, start_after=0):
    return {f.number: f for f in collect_footnotes(zone_pages(split_pages(fixture_document(name)),
                                                              start_after=start_after), start_after=start_after)}


def test_footnote_start_follows_the_sequence():
    assert footnote_start("451Export of products, cooperation", 450) == (451, "Export of products, cooperation")
    assert footnote_start("2Belarus and Iran agreed", 1) == (2, "Belarus and Iran agreed")
    assert footnote_start("54.", 208) is None           # "P. 53 / 54." wrapped, not footnote 54
    assert footnote_start("2023/", 2020) is None        # a URL tail, not a number
    assert footnote_start("1.6 times", 0) is None
    assert footnote_start("30 Zalessky, B.", 10) is None  # too far ahead of the sequence


def test_opening_pages_footnotes_with_lost_number_and_first_line():
    notes = footnotes_of("opening_pages_iran.txt")
    assert sorted(notes) == list(range(1, 10))
    assert notes[5].number_in_text is False
    assert notes[5].text.startswith("industrial cooperation and education. Roman Golovchenko")
    assert notes[5].url == "http://www.government.by/ru/content/10714"
    assert notes[4].text.endswith("P. 65.")
    assert all(notes[n].number_in_text for n in notes if n != 5)


def test_glued_number_is_split_from_its_text():
    notes = footnotes_of("glued_footnote_number_451.txt", start_after=447)
    assert notes[451].text.startswith("Export of products, cooperation in education")
    assert notes[451].number_in_text


def test_lost_number_recovered_from_the_sequence():
    notes = footnotes_of("lost_number_anatoly_kalinin.txt", start_after=637)
    assert notes[641].number_in_text is False
    assert notes[641].text.startswith("“ Anatoly Kalinin made a working visit")
    assert notes[641].url == "http://www.government.by/ru/content/7680"
    assert notes[640].url == "http://mfa.gov.by/press/smi/c98f377693514952.html"
    assert notes[643].number_in_text is False
    assert notes[643].url.endswith("v-braziliju-278631-2017/")


def test_body_continues_on_the_next_page():
    notes = footnotes_of("printed_page_number_29.txt", start_after=56)
    assert notes[61].url.endswith("otnoshenij-belarusi-i-kitaja-576438-2023/")


@pytest.mark.parametrize("text, expected", [
    ("Zaleski, B. Vector of cooperation - Asia. Collection articles / Boris Zalesky . - LAP LAMBERT Academic "
     "Publishing, 2022. - P. 3.",
     dict(authors=("Zaleski, B.",), year=2022, kind="book", cited_pages="3", url=None,
          publisher="LAP LAMBERT Academic Publishing", title="Vector of cooperation - Asia. Collection articles")),
    ("Bellesbumprom enterprises increased exports to Iran by more than 1.6 times [Electronic resource]. - 2023. "
     "- URL : https://www.belta.by/economics/view/predprijatija-bellesbumproma-uvelichili- "
     "eksport-produktsii-v-iran-bolee-chem-v- 16-raza-594471-2023/",
     dict(authors=(), year=2023, kind="web", cited_pages=None,
          url="https://www.belta.by/economics/view/predprijatija-bellesbumproma-uvelichili-eksport-produktsii-v-iran-bolee-chem-v-16-raza-594471-2023/")),
    ("Anatoly Kalinin visit [Electronic resource]. - 2017. - URL : http :// www . government . by / ru / content /7680",
     dict(url="http://www.government.by/ru/content/7680", year=2017, kind="web")),
    ("Zaleski, B. Belarusian-Chinese partnership / Boris Zaleski. - LAP LAMBERT Academic Publishing , 2024. - P. 53 54.",
     dict(authors=("Zaleski, B.",), year=2024, kind="book")),
    ("Zalessky, B. Dynamics of a successful partnership / Boris Zalessky. - LAP LAMBERT Academic Publishing , "
     "2024. - C. 43.", dict(cited_pages="43", year=2024)),
    ("Pushnyakova, A. Chinese industrialists / A. Pushnyakova // [Electronic resource]. - 2023. - URL : "
     "https://www.belta.by/regions/view/x-567149-2023/", dict(authors=("Pushnyakova, A.",), kind="web", year=2023)),
    ("Technology parks [Electronic resource]. - 202-. - URL : https://www.belta.by/a/", dict(year=None, kind="web")),
    ("Some remark without a source.", dict(kind="other", url=None, year=None, authors=())),
])
def test_parse_citation(text, expected):
    parsed = parse_citation(text)
    for key, value in expected.items():
        assert parsed[key] == value, key


def test_cited_page_range():
    assert parse_citation("Book / A. B. - Minsk Press, 2020. - P. 51-52.")["cited_pages"] == "51-52"


def test_footnote_body_may_open_with_a_number_or_debris_after_a_space():
    assert footnote_start("153 20 enterprises of the Gomel region", 152) == (153, "20 enterprises of the Gomel region")
    assert footnote_start("119 . BUTB expands the circle", 118) == (119, ". BUTB expands the circle")


def test_a_note_number_glued_to_its_text_by_a_full_stop():
    """pdfplumber drops the tab after '11.' in a list of notes: '11.The Ministry ...'."""
    assert footnote_start("11.The Ministry of Industry and Trade is ready", 10) == (11, "The Ministry of Industry and Trade is ready")
    assert footnote_start("12.“Great Stone” grows", 11) == (12, "“Great Stone” grows")
    assert footnote_start("2.5 million tons were shipped", 1) is None  # a decimal, not note 2


def test_notes_run_on_from_the_text_with_their_numbers_on_indented_lines_of_their_own():
    """pdftotext -layout: no blank line above the notes, each number alone and indented, the
    note's text indented below it."""
    from pipeline.structure.zones import _cited_zone
    lines = ["the regions increased by 20%. Exports reached new markets.3 In addition, the parties",
             "discuss investments in the park, where twelve residents were added in 2023.4",
             "   3",
             "     What products of the Minsk region may appear on the Chinese market [Electronic",
             "resource]. - 2023. - URL : https://mlyn.by/01032023/kakaya-produkc/",
             "  4",
             "    The Minsk Regional Executive Committee discussed a roadmap. - 2023."]
    assert _cited_zone(lines) == 2


def test_body_text_run_on_into_the_notes_below_it():
    """pdftotext with no blank line between the page's last paragraph and its notes: the notes
    start at the first number the paragraph cites."""
    from pipeline.structure.zones import _zone
    lines = ["", "In March 2023 the two countries adopted a joint statement on the principles of their",
             "relations, and the parties signed a plan for the year of regions. This document contains",
             "more than eighty agreements and initiatives to attract investment by each region by 2026.”1",
             "In September the working group met in the industrial park to discuss the prospects.2",
             "1", "Zaleski, B. New Realities for Partnership. - LAP LAMBERT, 2023. - P. 13.",
             "2", "Chebotar: Belarus aims to expand trade [Electronic resource]. - 2023. - URL : https://www.belta.by/x"]
    body, notes, _, last = _zone(lines, 0)
    assert body[-1].endswith("prospects.2") and notes[0].startswith("1 Zaleski") and last == 2


def test_a_notes_heading_set_right_below_the_last_paragraph():
    """Chapter-end notes whose 'Notes' heading follows the chapter's last line with no blank
    line (pdfplumber): the section is still found."""
    from pipeline.structure import extract_structure
    from tests.test_text_read import body, document
    pages = []
    for c, title in enumerate(("Zimbabwe: Boost trade", "China: Regional cooperation", "Pakistan: Sustainable growth"), 1):
        pages.append("\n".join([title, ""] + body(3 * c) + body(3 * c + 1) + ["", str(2 * c - 1)]))
        pages.append("\n".join(body(3 * c + 2) + [
            f"The commission met in {title.split(':')[0]} and agreed on the roadmap.{k}" for k in (1, 2)] + [
            "Notes", f"1. {('Zalessky, B. Far Arc', 'Ivanov, P. The Silk Road', 'Khan, S. Diversity')[c - 1]}. - Minsk, 2023.",
            f"2. Trade with {title.split(':')[0]} [Electronic resource]. - URL : https://mfa.gov.by/{c}", "", str(2 * c)]))
    s = extract_structure(document("\f".join(pages)))
    assert len(s.chapters) == 3
    assert (s.notes_scheme, s.notes_placement) == ("chapter", "chapter-end")
    assert [(f.number, f.text[:10]) for f in s.footnotes] == [(1, "Zalessky, "), (2, "Trade with"), (1, "Ivanov, P."),
                                                              (2, "Trade with"), (1, "Khan, S. D"), (2, "Trade with")]
    assert len(s.links) == 6


def test_a_column_of_note_numbers_above_their_texts():
    """pdftotext sets a page's raised note numbers as a column ("1", "2") above the notes'
    texts, one note a sentence: paired in order, the second note wrapped over two lines."""
    from pipeline.structure.zones import _zone
    lines = ["", "After saving the current state as a session, the session becomes active, and the",
             "debugger keeps its displays and its breakpoints where they were.1 The data displays",
             "are kept as well, so that the next session opens where this one stopped.2",
             "1", "2", "", "Only if a core file is included.",
             "If a core file is not to be included in the session, data displays are saved as deferred; that is, they",
             "will be restored as soon as program execution reaches their scope."]
    body, notes, _, last = _zone(lines, 0)
    assert notes == ["1 Only if a core file is included.",
                     "2 If a core file is not to be included in the session, data displays are saved as deferred; "
                     "that is, they will be restored as soon as program execution reaches their scope."]
    assert body[-1].endswith("stopped.2") and last == 2


def test_symbol_notes_of_a_dump_run_on_from_the_text_and_their_markers():
    """Notes marked * † ‡ on every page, as pdftotext writes them: set right below the text, and
    the symbols glued to the words that carry them."""
    from pipeline.structure import extract_structure
    from tests.test_text_read import PLACES, body, document
    pages = []
    for n in range(1, 5):
        city, other = PLACES[5 * n], PLACES[5 * n + 1]
        pages.append("\n".join(body(n) + [
            f"The parties signed the plan in {city} in {2010 + n}.* A working group met in {other}.†",
            f"* Zalessky, B. {city} and the Far Arc. - Minsk, 2023. - P. {n}.",
            f"† Trade with {other} [Electronic resource]. - URL : https://mfa.gov.by/{other.lower()}", "", str(n)]))
    s = extract_structure(document("\f".join(pages)))
    assert s.notes_scheme == "symbol"
    assert [(f.page, f.symbol) for f in s.footnotes] == [(p, m) for p in range(1, 5) for m in "*†"]
    assert len(s.links) == 8
    assert all("*" not in c.text and "†" not in c.text for c in s.claims)


@pytest.mark.parametrize("lines, glued, note", [
    (["the mining industry\".13 An agreement was reached", "of training, operation of machin13",
      "Belarus and Zimbabwe to develop a roadmap [Electronic resource]. - 2025.", "14", "Mudzimba, I.G. Distance"],
     "of training, operation of machin", "13"),
    (["the trailers.\"2 In order to expand", "demonstrated samples of fab2 The Ministry will discuss [Electronic",
      "resource]. - 2023. - URL : https://www.belta.by/economics/view/"],
     "demonstrated samples of fab", "2 The Ministry will discuss [Electronic"),
    (["materials science and new materials.\u201d* Another", "the development of compact ane* The national exposition",
      "[Electronic resource]. - 2023.", "\u2020 Belarus to Present"],
     "the development of compact ane", "* The national exposition"),
    (["Pakistan, have begun modernizing the technical part exclusively according",
      "the end consumer. For this purpose, back in Au10. Khan, S.H. Rapprochement between Minsk",
      "// [Electronic resource]. - 2024. - URL : https://belta.by/interview/", "11. The Ministry of Industry"],
     "the end consumer. For this purpose, back in Au", "10. Khan, S.H. Rapprochement between Minsk"),  # marker a page before
])
def test_a_first_note_run_on_from_the_texts_last_line_gets_its_own_line(lines, glued, note):
    from pipeline.structure.zones import _unglue_note_number
    out = _unglue_note_number(lines, last_number=9)
    assert out[:2] == [lines[0], glued] and out[2] == note and out[3:] == lines[2:]


def test_a_glued_number_the_text_does_not_cite_stays_text():
    from pipeline.structure.zones import _unglue_note_number
    lines = ["the plan was adopted in full", "with the help of column13", "Belarus and Zimbabwe [Electronic resource]."]
    assert _unglue_note_number(lines) == lines  # 13 cited nowhere above
    lines = ["the plan was adopted.13 Then", "with the help of column13", "Then the parties met again."]
    assert _unglue_note_number(lines) == lines  # no note below it


def test_a_numbered_line_inside_a_symbol_note_leaves_the_symbol_notes_whole():
    from pipeline.structure.zones import _cited_zone
    lines = ["the agro-industrial complex.\u201d* Another field", "with new materials.\u201d\u2020 And 1 more",
             "* Belarus and Pakistan agreed to expand cooperation [Electronic resource].",
             "\u2020 Zaleski, B.L. For the promotion of technologies // Materialy XX conference, Volume",
             "1. Przemysl : Science i studia . - P. 24."]
    assert _cited_zone(lines) == 2


@pytest.mark.parametrize("line", ["3D printing technologies, which will be used", "5G networks in the region",
                                  "4th quarter of the year"])
def test_a_number_that_is_part_of_a_word_opens_no_note(line):
    from pipeline.structure.notes import note_start
    assert note_start(line) is None


def test_a_number_glued_to_a_word_opens_no_zone_out_of_turn():
    """pdfplumber runs words together: '3Dprintingtechnologies' opens no note 3 where the
    notes so far end at 0 (the text's '.3' cites an endnote); '2Zimbabwe' after '1Brylo' does."""
    from pipeline.structure.zones import _cited_zone
    lines = ["developments are located.3 Let us recall", "that the residents reached 100.",
             "3Dprintingtechnologies, whichwillbeusedin surgery, traumatology,", "dentistry and oncology."]
    assert _cited_zone(lines, last_number=0) is None
    lines = ["complex of Zimbabwe1 and the grain trucks.\u201d2 In order", "to expand the supplies.",
             "1Brylo: Belarus expects cooperation [Electronic resource]. - 2023.",
             "2Zimbabwe interested in grain trucks [Electronic resource]. - 2023."]
    assert _cited_zone(lines, last_number=3) == 2


def test_a_lone_number_opening_a_line_of_a_long_text_opens_no_notes():
    """One case per line (a test suite's text): '16. Nov. 2016' cited by a '16' above, then
    fifty more lines, is no note at the foot of a page."""
    from pipeline.structure.zones import _cited_zone
    lines = ["I'll go back as planned.16", ""] + ["16. Nov. 2016", ""] + [f"case number {k} of the suite" for k in range(40)]
    assert _cited_zone(lines) is None
    assert _cited_zone(lines[:8]) == 2


def test_numbers_on_lines_of_their_own_below_a_blank_line_open_their_notes():
    """Plain pdftotext, notes set off by a blank line, each number on a line of its own."""
    from pipeline.structure.zones import _zone
    lines = ['in English."31 The media will exchange photo and video content.', "model of cooperation.", "",
             "31", "BELTA and the Corporation signed a memorandum [Electronic resource]. - 2025. - URL : https://belta.by/",
             "32", "Belarus and Zimbabwe agreed to create a commission [Electronic resource]. - 2025."]
    body, notes, _, last = _zone(lines, 30)
    assert body == lines[:2] and last == 32
    assert [n[:12] for n in notes] == ["31 BELTA and", "32 Belarus a"]


def test_the_last_notes_number_set_below_its_text_opens_it_at_its_first_sentence():
    """Plain pdftotext sets the page's last note number after the note's text: "1" above note 1,
    note 2's text, then "2"."""
    from pipeline.structure.zones import _joined_numbers
    lines = ["1", "", "Compare [Mulvany, 152–82] and the Chicago Manual of Style.",
             "How one handles Roman names depends on index entry form; some possible suggestions are",
             "given above. See more on page 31 and following.", "2"]
    notes = [l for l in _joined_numbers(lines) if l.strip()]
    assert notes == ["1 Compare [Mulvany, 152–82] and the Chicago Manual of Style.",
                     "2 How one handles Roman names depends on index entry form; some possible suggestions are",
                     "given above. See more on page 31 and following."]
    one_sentence = ["1", "", "Compare the Chicago Manual of Style, which says", "more on page 31.", "2"]
    assert [l for l in _joined_numbers(one_sentence) if l.strip()][-1] == "2"  # no sentence to open it at
