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


def test_a_number_run_into_a_bracketed_address_opens_its_note():
    """pdfplumber runs a note's number into the address it holds ('9<http://...>', a note that is
    only a \\url); a comparison ('3<5 holds') opens none."""
    from pipeline.structure.notes import note_start
    from pipeline.structure.zones import _cited_zone
    assert footnote_start("9<http://www.ctan.org/pkg/beamer>", 8) == (9, "<http://www.ctan.org/pkg/beamer>")
    assert footnote_start("12<www.latex-project.org/lppl.txt>", 11) == (12, "<www.latex-project.org/lppl.txt>")
    assert note_start("3<5 holds for every item") is None
    lines = ["aos autores, nos termos da \u201cThe LaTeX Project Public License\u201d10.",
             "9<http://www.ctan.org/pkg/beamer>", "10<http://www.latex-project.org/lppl.txt>"]
    assert _cited_zone(lines, last_number=8) == 1


def test_numbered_lines_opening_a_numbering_that_the_text_does_not_cite_are_no_notes():
    """A play's numbered speeches at a page's foot ('1 Flore' / her lines, '2 Climène' ...), below
    a heading whose '2.1' reads as one marker: where notes restart on every page, numbers the
    text mostly does not cite are no notes. Notes whose marks a converter ran into a name
    ('TEXLive1', 'LYX2') stay notes."""
    from pipeline.structure.zones import _zone
    play = ["2.1 Le malade imaginaire", "", "Chapitre 2. Exemple", "",
            "La d\u00e9coration repr\u00e9sente un lieu champ\u00eatre, et n\u00e9anmoins fort agr\u00e9able.", "",
            "1 Flore", "Quittez, quittez vos troupeaux, venez Bergers (voir p. 4),",
            "2 Clim\u00e8ne et Daphn\u00e9", "Berger, laissons l\u00e0 tes feux,",
            "3 Tircis et Dorilas", "Mais au moins dis-moi, cruelle,", "4 Tircis", "Si d\u2019un peu d\u2019amiti\u00e9 tu payeras mes v\u0153ux ?",
            "5 Dorilas", "Si tu seras sensible \u00e0 mon ardeur fid\u00e8le ?"]
    body, notes, _, last = _zone(play, 0)
    assert notes == [] and last == 0 and body == play
    thesis = ["The bundle is configured to run with a full MiKTeX or TeXLive1 installation right away.",
              "As of version 3.0, classicthesis can also be easily used with LYX2 thanks to N. Mariette.", "",
              "1 See the file LISTOFFILES for needed packages.", "2 http://www.lyx.org"]
    body, notes, _, last = _zone(thesis, 0)
    assert [n[:5] for n in notes] == ["1 See", "2 htt"] and last == 2


def test_a_numbered_lists_next_item_opens_no_notes():
    """Items "5." and "6." go on a list whose item "4." opens a line above: no notes 5 and 6,
    though the text cites both numbers; the note that does follow opens the zone."""
    from pipeline.structure.zones import _cited_zone
    lines = ["Medieval names5 and Western ones6 are alike, as Sections 2.4.3.12",
             "Name Pattern(s): the preamble below.",
             "3. \u00c0 Kempis starts a sentence.", "4. We use a tag to sort the name.",
             "5. Thomas \u00e0 Kempis is a different name. As", "above, we would sort this name.",
             "6. We used an exclusion before the alternate name", "to keep it out of the index.",
             "12Copies of examples in this section are in examples.tex."]
    assert _cited_zone(lines[:-1], last_number=11) is None
    assert _cited_zone(lines, last_number=11) == 8


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


def _page(number: int, body: list[str], notes: list[str]):
    from pipeline.records import Page
    return Page(doc_id="d", page=number, printed_page=number, printed_page_inferred=False,
                body_lines=tuple(body), footnote_lines=tuple(notes), removed=())


def _numbers(pages):
    return [(f.page, f.number) for f in collect_footnotes(pages)]


def test_the_numbering_resumes_where_whole_pages_notes_were_lost():
    """Notes 4-14 stood on pages a converter set unreadably (side by side, mid-page): the page
    that holds 15 and 16 goes on from 3, but a lone large number opens nothing."""
    pages = [_page(1, ["Text."], ["1 Smith, J. Trade. 2001.", "2 Ibid. P. 4."]),
             _page(2, ["Text."], ["3 Jones, K. Ports. 2003."]),
             _page(5, ["Text."], ["15 Brown, L. Rail. 2005.", "16 Ibid. P. 7."]),
             _page(6, ["Text."], ["17 Green, M. Oil. 2009."])]
    assert _numbers(pages) == [(1, 1), (1, 2), (2, 3), (5, 15), (5, 16), (6, 17)]
    lone = pages[:2] + [_page(5, ["Text."], ["1987 was a dry year, the report says."])]
    assert _numbers(lone) == [(1, 1), (1, 2), (2, 3)]


def test_a_numbering_started_again_in_mid_chapter_does_not_rejoin_the_old_one():
    """Numbered lines 1-3 on a page of notes 1-12 (a list set in the note zone's place) are no
    restart when notes 25-29 follow: a sequence resumes from its highest number only."""
    pages = [_page(1, ["Text."], [f"{n} Author {n}, Title. 2001." for n in range(1, 13)]),
             _page(2, ["Text."], ["1 First step of the list.", "2 Second step.", "3 Third step."]),
             _page(4, ["Text."], [f"{n} Author {n}, Title. 2001." for n in range(25, 30)])]
    assert [n for _, n in _numbers(pages)] == list(range(1, 13)) + list(range(25, 30))


@pytest.mark.parametrize("line", ["3 \\begin{nameauth}", "12 {\\Name[Jesse]{Ventura}}%", "4 # include <stdio.h>",
                                  "7 % a comment", "9 = value",
                                  "0 will cause gdb (and ddd) to display each array element"])  # a wrapped figure
def test_a_code_listings_numbered_line_opens_no_note(line):
    from pipeline.structure.notes import note_start
    assert footnote_start(line, 2) is None and note_start(line) is None
    assert footnote_start("3 See Immanuel Geiss, Personen.", 2) == (3, "See Immanuel Geiss, Personen.")


def test_a_dumps_markers_tell_its_notes_from_a_numbered_line():
    """In a dump whose text cites its notes, a numbered line no marker cites ('3 Open the
    file.', a list's step set where the notes stand) loses to the note the text does cite; line
    numbers set alone (a code listing's) cite nothing."""
    from pipeline.structure.notes import _without_number_columns
    pages = [_page(1, ["Trade grew.1 Ports grew.2"], ["1 Smith, J. Trade. 2001.", "2 Ibid. P. 4."]),
             _page(2, ["The steps follow.", "1", "2", "3", "4"], ["3 Open the file."]),
             _page(3, ["Rail grew.3"], ["3 Jones, K. Ports. 2003."]),
             _page(4, ["Oil grew.4"], ["4 Brown, L. Rail. 2005."])]
    notes = collect_footnotes(pages)
    assert [(f.page, f.number) for f in notes] == [(1, 1), (1, 2), (3, 3), (4, 4)]
    assert notes[2].text.startswith("Jones")
    assert _without_number_columns(["a", "1", "2", "3", "b", "4"]) == ["a", "b", "4"]


def test_body_text_set_between_a_pages_notes_stays_body():
    """Notes set in mid-page above the text that goes on (page-wise notes of a parallel-column
    example): the lines citing notes further down, and the text between, are body again; a
    note's unfinished last line keeps the block below it."""
    from pipeline.structure.zones import _zone
    lines = ["Here is a simple example of page-wise footnotes27 .",
             "27 Because of the layout, this footnote is put above the example.", "",
             "First paragraph . . . with a footnote28 . . . in it.",
             "Second paragraph . . . with a footnote29 . . . in it.",
             "28 First footnote.",
             "29 Second footnote. This and the footnote above are page-wise and, since typesetting is",
             "", "non-merged, they are put above the text.", "",
             "As shown above, the numbering is easy to follow.", "",
             "Hereafter, footnotes are typeset in one paragraph30 .",
             "30 Third footnote."]
    body, notes, _, last = _zone(lines, 26)
    assert last == 30
    assert [l for l in body if l.strip()] == [lines[0], lines[3], lines[4], lines[10], lines[12]]
    assert body.index(lines[10]) == 10  # lines keep their places: headings point into the body
    assert notes == [lines[1], lines[5], lines[6], lines[8], lines[13]]


def test_a_note_tail_above_the_first_note_takes_no_number():
    """The end of a note begun before the document ('... 2023. - P. 65.') above note 1 is no
    second note 1 (found by test_reliability's shuffled lines)."""
    pages = [_page(1, ["Text."], ["Zalessky. - LAP LAMBERT Academic Publishing, 2023. - P. 65.",
                                   "1 Zaleski, B. Vector of cooperation - Asia. 2021."])]
    assert _numbers(pages) == [(1, 1)]


def test_notes_of_a_notes_section_at_the_books_end_belong_to_no_chapter():
    """A 'Notes' section at the end under no chapter's title, in a book whose footnotes restart
    per chapter: its notes are no notes of the section's own chapter, their markers stand
    anywhere before it."""
    import dataclasses
    from pipeline.records import Chapter
    from pipeline.structure.notes import collect_notes
    chapters = [Chapter("d", f"c{k}", k, title, start, end)
                for k, (title, start, end) in enumerate([("One", 1, 1), ("Two", 2, 2), ("Notes", 3, 3)])]
    pages = [_page(1, ["Text.1"], ["1 Smith, J. Trade. 2001."]), _page(2, ["Text.1 More.2"], ["1 Ibid. P. 4."]),
             dataclasses.replace(_page(3, [], []), endnote_lines=("1. With an endnote.", "2. With another."),
                                 endnote_sections=(0, 0))]
    notes = collect_notes(pages, chapters, end_placement="book-end").notes
    ends = [n for n in notes if n.placement != "foot"]
    assert [(n.number, n.chapter_id, n.scope) for n in ends] == [(1, None, "document"), (2, None, "document")]
    assert {n.chapter_id for n in notes if n.placement == "foot"} == {"c0", "c1"}


def test_a_second_series_beside_the_first_at_a_pages_foot_is_one_zone():
    """Plain pdftotext sets a parallel column's own notes ("1 Not really ...") after the main
    ones ("1", "2"): the zone opens at the first note, not at the second series."""
    from pipeline.structure.zones import _in_order, _zone
    lines = ["That is, the right column is the source code of the left column1 .",
             "Here is the source of above.2", "",
             "1 This verbatim construct is simply referred as to “source” hereafter.",
             "2 Hereafter, a part of the source code may be omitted like this.", "",
             "1 Not really but its essence is shown."]
    body, notes, _, _ = _zone(lines, 0)
    assert [l for l in body if l.strip()] == lines[:2]
    assert notes == [lines[3], lines[4], lines[6]]
    assert _in_order([8, 9, 4, 5]) and not _in_order([1, 1]) and not _in_order([3, 1, 2, 1])


def test_a_contents_line_opens_no_note():
    assert footnote_start("1 A Sample DDD Session . . . . . . . . . . . . . 5", 0) is None
    assert footnote_start("2 Printing the Notes.......................... 12", 1) is None
    assert footnote_start("2 See the list of ports . . . in the appendix.", 1) is not None  # an ellipsis


def test_body_text_between_notes_without_blank_lines_as_pdfplumber_sets_it():
    from pipeline.structure.zones import _zone
    lines = ["Here is a simple example of page-wise footnotes27.",
             "27Because of the layout, this footnote is put above the example.",
             "First paragraph...with a footnote28 ......in it.",
             "28First footnote.",
             "29Second footnote, since typesetting is",
             "non-merged, they are put above the text.",
             "As shown above, the numbering is easy to follow.",
             "Hereafter, footnotes are typeset in one paragraph30.",
             "30Third footnote. See Smith, J. Trade. - URL: http://x.org/31",
             "31Fourth footnote."]
    body, notes, _, last = _zone(lines, 26)
    assert last == 31
    assert [l for l in body if l.strip()] == [lines[0], lines[2], lines[6], lines[7]]
    assert notes == [lines[1], lines[3], lines[4], lines[5], lines[8], lines[9]]


CARRIED_BODY = [  # a page of body in the body's type: about sixty characters a line
    "African partners are interested in the Belarusian experience",
    "of efficient livestock farming, issues of improving veterinary",
    "services and food quality control, developing crops with the",
    "greatest resource-forming potential, and creating a high-quality",
    "personnel training system, which was discussed in Minsk.20 The",
    "parties agreed to meet again and to sign a roadmap in the near",
    "future, as the ministers said after the meeting.21 Moreover,",
    "the supply of dairy products was discussed, since \"Equatorial",
]


def test_a_note_carried_over_above_the_first_note_joins_the_zone():
    """No blank line sets the notes off (pdftotext's plain mode), and the note carried over from
    the page before opens the zone: wider lines than the body's (the notes' smaller type), a
    justified line broken into pieces ("URL", ":") and a URL. They are note, not body."""
    from pipeline.structure.zones import _zone
    carried = ["Aleinik following the meeting of the Permanent Joint Commission of Belarus",
               "and Equatorial Guinea (October 19, 2023, Minsk) [Electronic resource]. 2023.",
               "URL", ":", "https://www.mfa.gov.by/press/newsmfa/ed7ba0f461785b44.html"]
    notes = ["20 Joint Communique on the Results of the First Meeting of the Joint Commission",
             "[Electronic resource]. 2023. URL : https://mfa.gov.by/press/newsmfa/cba05c3a.html",
             "21 Speech by Minister S. Aleinik at the opening of the meeting of the Commission"]
    body, zone, _, last = _zone(CARRIED_BODY + carried + notes, 19)
    assert [l for l in body if l.strip()] == CARRIED_BODY and last == 21
    assert zone == carried + notes


def test_a_body_line_citing_a_note_below_stays_body_however_wide():
    """The last line of the body, a little wider than the rest, carries the marker of a note
    below it: it is body."""
    from pipeline.structure.zones import _zone
    wide = "and the sides agreed to sign a roadmap for the agricultural sector.22"
    notes = ["20 Joint Communique on the Results of the First Meeting [Electronic resource]. 2023.",
             "21 Speech by Minister S. Aleinik at the opening of the meeting [Electronic resource].",
             "22 Belarus is ready to help Equatorial Guinea [Electronic resource]. - 2023."]
    body, zone, _, _ = _zone(CARRIED_BODY + [wide] + notes, 19)
    assert [l for l in body if l.strip()] == CARRIED_BODY + [wide] and zone == notes


def test_a_body_line_ending_in_a_marker_stays_body_above_numbers_set_alone():
    """Plain `pdftotext` sets each note's number on a line of its own above its text; the body's
    last line (`location.5`, a word, a stop and the marker) is no URL's piece of a carried note."""
    from pipeline.structure.zones import _zone
    body = CARRIED_BODY[:6] + ["'Break/Clear' button.4",
                               "As a quicker alternative, you can also press mouse button 1 on the arrow and drag it",
                               "location.5"]
    notes = ["4", "", "jdb, pydb, Perl, and Bash do not support altering the execution position.", "",
             "5", "", "When glyphs are disabled, dragging the execution position is not possible."]
    kept, zone, _, last = _zone(body + notes, 3)
    assert [l for l in kept if l.strip()] == body and last == 5


def test_a_note_left_unfinished_on_the_page_before_takes_its_barely_wider_first_line():
    """The last note of a page stops in mid-sentence ("... intend to"); the next page's zone
    opens with its rest, whose first line is only a little wider than the body's. Had that note
    ended, the same line would stay body."""
    import dataclasses
    from pipeline.structure.zones import zone_notes
    rest = ["develop and expand partnership in the innovation areas of science, in",  # 1.08 of the body's
            "education and youth policy / S. Kochetov // [Electronic resource]. - 2023.",
            "URL", ":", "https://www.vitbichi.by/news/ekonomika/vitebsk-shandong/"]
    nxt = ["43 Subbotin: Import exhibition in Shanghai helps enterprises [Electronic resource]. - 2023."]
    first = _page(1, CARRIED_BODY[:6] + ['the parties agreed on it."42 Then they left'],
                  ["42 Kochetov, S. Vitebsk region and the Chinese province of Shandong intend to"])
    second = _page(2, CARRIED_BODY + ['and the talks went on."43 All this goes on'] + rest + nxt, [])
    zoned = zone_notes([dataclasses.replace(first, body_lines=first.body_lines + first.footnote_lines,
                                            footnote_lines=()), second], start_after=41)
    assert list(zoned[1].footnote_lines) == rest + nxt
    ended = dataclasses.replace(first, body_lines=first.body_lines + ("42 Kochetov, S. Vitebsk region. - 2023.",),
                                footnote_lines=())
    zoned = zone_notes([ended, second], start_after=41)
    assert list(zoned[1].footnote_lines) == rest[1:] + nxt


def test_words_pdfplumber_ran_together_are_no_carried_notes_url():
    """pdfplumber drops the spaces of some lines ('theeconomiesofBelarusandPakistan.Forexam-'):
    no commas, a stop and a hyphen, like a URL's piece, but no slash and a long run of letters.
    They stay body above the notes; a URL's pieces go with the note carried over."""
    from pipeline.structure.zones import RE_URL_PIECE, _zone
    run_together = ["Speaking about trade and economic cooperation, we emphasize that",
                    "theeconomiesofBelarusandPakistancomplementeachother.Forexam-",
                    "ple,in2023,themainitemsofBelarusianexporttoPakistanaretractors,"]
    notes = ["2. Pakistani Ambassador: Agriculture and Industry [Electronic resource]. - 2022."]
    body, zone, _, _ = _zone(CARRIED_BODY + ['the parties said."2 And'] + run_together + notes, 1)
    assert [l for l in body if l.strip()][-3:] == run_together and zone == notes
    assert RE_URL_PIECE.match("//pakistan.mfa.gov.by/ru/tradeandeconomicbilateralrelations/")
    assert RE_URL_PIECE.match("kolichestvo-rezidentov-velikog") and RE_URL_PIECE.match("022/")


def test_a_notes_block_opening_with_the_note_above_going_on_is_kept():
    """`-layout` sets a blank line inside a note ('... rather than' / '' / 'light purple.'), and
    the next notes' numbers follow in the same block: the block is notes, not stray text."""
    from pipeline.structure.zones import _zone
    lines = CARRIED_BODY + ["", "95 As the footnote 92 in p. 47, this merged footnote is painted by pale green rather than",
                            "", "light purple.", "96 This is a kind of length command maybe not widely known.",
                            "97 For example, a dvi previewer produces such a blended result."]
    body, zone, removed, last = _zone(lines, 94)
    assert last == 97 and zone == [l for l in lines[len(CARRIED_BODY):] if l] and not removed


def test_a_short_paragraph_citing_a_page_is_body_when_more_text_follows_it():
    """A paragraph that mentions a page ('as done in p. 47') set off by blank lines is no note
    carried over: the text below it is body, not notes, and stays."""
    from pipeline.structure.zones import _zone
    cited = ["The background of this paragraph is painted by pale green as done in p. 47, but",
             "its edges look shifted down and up to give spaces in the environments."]
    more = ["This short environment illustrates how the stuff of this environment is painted,",
            "with a footnote96 in it and the rest of the paragraph after it, as you see here."]
    notes = ["96 This is a kind of length command maybe not widely known."]
    lines = CARRIED_BODY + [""] + cited + [""] + more + [""] + notes
    body, zone, removed, last = _zone(lines, 95)
    assert [l for l in body if l.strip()] == CARRIED_BODY + cited + more and zone == notes and not removed
    # a note carried over from the page before, notes after it: the zone still opens with it
    carried = ["Zalessky, B. Partnership of Flexible Forms. - LAP LAMBERT Academic Publishing, 2022. - P. 65."]
    body, zone, _, _ = _zone(CARRIED_BODY + [""] + carried + [""] + notes, 95)
    assert zone == carried + notes


def test_a_last_paragraph_citing_a_page_is_body_unless_a_note_goes_on_into_it():
    """A page's last paragraph that cites a page ('see Section C.3, page 180') is body; it opens
    the notes only where the note above stopped in mid-sentence on the page before."""
    from pipeline.structure.zones import _zone
    cited = ["All dbx limitations (see Section C.3 [DBX], page 180) apply to Ladebug as well, and",
             "the workaround of the section before is needed too."]
    body, zone, removed, _ = _zone(CARRIED_BODY + [""] + cited, 3)
    assert zone == [] and not removed and [l for l in body if l.strip()] == CARRIED_BODY + cited
    body, zone, _, _ = _zone(CARRIED_BODY + [""] + cited, 3, open_note=True)
    assert zone == cited


def test_an_appendixs_section_number_cites_no_page():
    from pipeline.structure.citations import RE_CITATION_HINT
    assert not RE_CITATION_HINT.search("C.7 Using DDD with Perl")
    assert not RE_CITATION_HINT.search("C.1.2 Using DDD with WindRiver GDB")
    assert all(RE_CITATION_HINT.search(t) for t in ("Ibid. - P. 65.", "Zalessky, B. Op. cit. C. 41.", "p.65 of the book",
                                                    "Ibid., p.65. See also Smith"))


def test_a_justified_lines_words_pdftotext_set_after_the_address_go_back_before_it():
    """A note's line stretched before an unbreakable address: pdftotext sets its words one a line
    after the address's line ('This section was contributed' / 'gary.cliff@cdott.com.' / 'by' /
    'Gary' ...); they go back between the two."""
    from pipeline.structure.zones import _stretched_line_in_place
    lines = ["1 This section was contributed", "gary.cliff@cdott.com.", "by", "Gary", "Cliff", "from", "Ltd.,"]
    assert _stretched_line_in_place(lines) == ["1 This section was contributed", "by Gary Cliff from Ltd.,",
                                               "gary.cliff@cdott.com."]
    # pdfplumber's words run together and URL pieces are no stretched line's words
    glued = ["2 Belarus and Pakistan agreed [Electronic resource]. - URL :",
             "https://www.belta.by/economics/view/belarus-i-pakistan-dogovorilis",
             "ichestva-544373-2023", "†Zaleski,B.L.Forthepromotionofdomestictechnologies", "1. Przemysl: Science."]
    assert _stretched_line_in_place(glued) == glued


def test_a_contents_pages_numbers_open_no_notes():
    """pdftotext sets a contents page's page numbers in a column of their own ('22', '33 33 34'):
    on a page whose lines are mostly dot leaders they are no notes, though they count up."""
    import dataclasses
    from pipeline.records import Page
    from pipeline.structure.zones import zone_notes
    entries = [f"4.{k} Section number {k} . . . . . . . . . . . . . . . . . . . . . . . ." for k in range(1, 9)]
    lines = ["Contents"] + entries + [""] + [str(20 + k) for k in range(1, 9)] + ["", "5 Managing Packages",
                                                                               "5.1 New packages . . . . . . . . . . . 29"]
    page = Page(doc_id="d", page=4, printed_page=None, printed_page_inferred=False, body_lines=tuple(lines),
                footnote_lines=(), removed=())
    zoned = zone_notes([page])
    assert zoned[0].footnote_lines == () and all(e in zoned[0].body_lines for e in entries)
    # a page that ends the contents and goes on with text keeps its notes
    text = CARRIED_BODY * 2 + ["every year, as the ministers said.1 The parties agreed."]
    ending = dataclasses.replace(page, body_lines=tuple(entries[:5] + [""] + text + ["", "1 Brylo: Belarus expects cooperation [Electronic resource]. - 2023."]))
    assert zone_notes([ending])[0].footnote_lines == ("1 Brylo: Belarus expects cooperation [Electronic resource]. - 2023.",)


def test_a_listings_line_number_alone_on_its_line_opens_no_notes():
    """pdftotext sets a listing's line numbers on lines of their own: a "1" above the listing's
    code is no note where note 1 opens further down, nor a "2" above text that runs on for most
    of the page."""
    from pipeline.structure.zones import _cited_zone
    above = ["purpose: to separate input and usage. So it might not be the",
             "best solution in every case.1 It also does not allow nested endnotes.", ""]
    listing = ["1", "", "This is some text.\\endnote{With an endnote.}", "", "This is some text.", ""]
    foot = ["1. You have to write the actual notes in the preamble or a separate file."]
    assert _cited_zone(above + listing + foot) == len(above + listing)
    prose = [f"the text goes on in its {k}th line of the body, at the body's width, as body text does." for k in range(12)]
    lines = ["This is some text.2 Of course you can have several paragraphs in an endnote.", "",
             "The next endnote has", "the number. Let's now test", "2", ""] + prose
    assert _cited_zone(lines, last_number=1) is None
    short_foot = ["This is some text.2 Of course you can have several paragraphs.", "", "2", "", "A note of one line."]
    assert _cited_zone(short_foot, last_number=1) == 2


def test_a_listings_numbered_line_opens_no_note_where_the_same_number_opens_one_set_otherwise():
    """-layout and pdfplumber keep a listing's line numbers on its lines ("1 This is some
    text.\\endnote{...}"): where "1." opens a note below, the listing's "1 " opens none."""
    from pipeline.structure.zones import _cited_zone
    above = ["  purpose: to separate input and usage. So it might not be the",
             "  best solution in every case.1 It also does not allow nested endnotes.", "",
             "      This is some text.1", "", "  There is not much more to it. Notes can also be nested.", "", ""]
    listing = ["    1 This is some text.\\endnote{With another endnote.\\endnote{This is a",
               "    2 nested\\endnote{And another level deeper\\ldots} endnote!}}",
               "    3 % uses package `kantlipsum' to produce dummy text:", "",
               "    4 Of course you can have several paragraphs\\endnote{\\kant[1-3]} in an endnote.", "", ""]
    foot = ["    1. You have to write the actual notes in the preamble or a separate file."]
    assert _cited_zone(above + listing + foot) == len(above + listing)


def test_a_numbered_listing_of_code_opens_no_notes_though_no_note_of_its_numbers_follows():
    """-layout keeps a listing's line numbers on its lines ("1 \\DeclareTemplate...{1}", "2   {",
    "3     % parameter"): lines in a row numbered one up from 1, each of code, open no notes.
    A manual's notes each citing code count on from the notes before and stay notes."""
    from pipeline.structure.zones import _cited_zone, _in_code_listing
    listing = ["    1 \\DeclareTemplateInterface{enotez-list}{paragraph}{1}", "    2 {",
               "    3 % parameter : type = default", "    4 heading : function 1 = \\section*{#1} ,",
               "    5 format : tokenlist = \\footnotesize ,", "    6 number : function 1 = \\enmark{#1} ,",
               "    7 number-format : tokenlist = \\normalfont ,", "    8 notes-sep : length = .5\\baselineskip ,",
               "    9 }", "", "  The parameters functions are these:"]
    above = ["  The paragraph template's interface is defined as follows, for its section 4 and 5:", ""]
    assert _cited_zone(above + listing, last_number=2) is None
    assert _in_code_listing(listing, 2) and not _in_code_listing(listing, 10)
    notes = ["70 First left-column footnote given by \\footnote{text}.",
             "71 Second left-column footnote also given by \\footnote{text}.",
             "72 Third left-column footnote given by \\footnotetext{text}."]
    assert not _in_code_listing(notes, 1)
    two_notes = ["1 See \\cs{section} in the \\LaTeX{} manual.", "2 Or \\cs{chapter}."]
    assert not _in_code_listing(two_notes, 0)  # two lines are no listing
    # a docstrip guard (`<*package>`, as the dump sets it) opens the listing with no sign of code
    guarded = ["   1 h*packagei", "   2 \\DeclareRobustCommand\\upshape{\\not@math@alphabet\\upshape\\relax",
               "   3    \\fontprimaryshape\\updefault\\selectfont}", "   4 \\DeclareRobustCommand\\itshape{\\itshape\\mathit",
               "   5    \\fontprimaryshape\\itdefault\\selectfont}"]
    assert _in_code_listing(guarded, 0)
    assert _cited_zone(["  3.1     High-level author commands (Level 1)", ""] + guarded, last_number=0) is None
    cited = ["1 Smith, J. Trade and cooperation. 2000.", "2 Ibid., p. 4.", "3 See \\cs{section}, p. 7."]
    assert not _in_code_listing(cited, 0)  # notes that cite code now and then are no listing


def test_a_tex_commands_star_opens_no_note_glued_to_the_text():
    """'It either uses \\chapter* or \\section*. You can see that ...': the star of a command a
    manual names is no note symbol glued to the text's last line."""
    from pipeline.structure.zones import _unglue_note_number
    lines = ["  provides \\chapter or not. It either uses \\chapter* or \\section*. You can see that you have to",
             "  refer to the actual heading with #1.", "", "  list-style = {<style>}   Default: plain", "",
             "    4 heading : function 1 = \\section*{#1} ,", "    5 format : tokenlist = \\footnotesize ,"]
    assert _unglue_note_number(list(lines)) == lines
    glued = ["  as the ministry* said, the operation of the national economy and its machin*",
             "The national statistics of 2001 [Electronic resource]. - 2001."]
    assert _unglue_note_number(list(glued)) != glued


def _set_apart_book(page_two_foot: list[str]) -> list[str]:
    from tests.test_text_read import PLACES, body
    first = "\n".join(body(1) + [f"The parties signed the plan in {PLACES[7]}.1 A working group met in {PLACES[8]}.2", "",
                                 "1. http://mfa.gov.by/plan", "2. http://mfa.gov.by/group", "", "1"])
    second = body(2) + ["The ministry replaced the old roadmap 3 with the new programme 4 and the",
                        "trade agreements 5 for the region, as the minister said in his speech."] + page_two_foot
    return [first, "\n".join(second + ["", "2"]), "\n".join(body(3) + ["", "3"])]


def test_marks_set_apart_between_lowercase_words_mark_a_run_of_notes_going_on():
    """pdftotext sets a raised mark apart from the words around it ("roadmap 3 with"), as it
    would a quantity: a run of notes counting on from the page before's, ending the page, each
    cited so in turn, is the page's notes, and those numbers their marks."""
    from pipeline.structure import extract_structure
    from tests.test_text_read import document
    notes = ["3. http://mfa.gov.by/roadmap", "4. http://mfa.gov.by/programme", "5. http://mfa.gov.by/agreements"]
    s = extract_structure(document("\f".join(_set_apart_book(notes))))
    assert [(f.page, f.number) for f in s.footnotes] == [(1, 1), (1, 2), (2, 3), (2, 4), (2, 5)]
    claims = {c.claim_id: c.text for c in s.claims}
    linked = {f.number: claims[l.claim_id] for f in s.footnotes for l in s.links if l.footnote_id == f.footnote_id}
    assert linked[4].startswith("The ministry replaced the old roadmap with the new programme and")
    assert " 3 " not in linked[3] and " 5 " not in linked[5]


@pytest.mark.parametrize("foot", [
    ["3. http://mfa.gov.by/roadmap", "4. http://mfa.gov.by/programme"],  # two: as often quantities
    ["3 set mode to compose", "4 reading data file", "5 writing data file",  # a listing's lines, text below them
     *["The programme goes on with more text below the listing, as a manual's pages do, line by line."] * 13],
])
def test_numbers_set_apart_between_lowercase_words_open_no_notes_otherwise(foot):
    from pipeline.structure import extract_structure
    from tests.test_text_read import document
    s = extract_structure(document("\f".join(_set_apart_book(foot))))
    assert [(f.page, f.number) for f in s.footnotes] == [(1, 1), (1, 2)]


def test_a_number_set_apart_beside_a_tex_command_is_a_listings_line_number():
    from pipeline.structure.markers import cites
    assert not cites("Replace the package ifthen 24 with the package etoolbox", 24)
    assert cites("Replace the package ifthen 24 with the package etoolbox", 24, set_apart=True)
    listing = "doing pdf things \\ifxetex 2 doing \\texttt{pdf} things 3 \\else \\ifpdf 5 doing"
    assert not any(cites(listing, n, set_apart=True) for n in (2, 3, 5))
    assert cites("introduces the sentence and gloss pair;4 \\gll again", 4)  # glued to its word: a mark


def test_a_note_below_a_heading_is_cited_by_its_marker_above_the_heading():
    """pdfplumber runs a page's notes on from its last section with no blank line; the marker
    that cites the first note stands above that section's heading, and the notes are looked for
    below it (a heading "1 Prerequisites" is no note)."""
    from pipeline.structure.zones import zone_notes
    from tests.test_text_read import body
    lines = ["Abstract", *body(1), "It defines a new accent1 and a bow to contract syllables.",
             "1 Prerequisites", "It relies on a few packages only, which stand for the whole bundle.",
             "2 Package loading", "Load it as usual. At the moment it has no options at all.",
             "1I know that these signs are no accents in the linguistic sense."]
    page = _page(1, lines, [])
    zoned = zone_notes([page], heading_ends={1: lines.index("2 Package loading") + 1})
    assert zoned[0].footnote_lines == ("1I know that these signs are no accents in the linguistic sense.",)
    assert "1 Prerequisites" in zoned[0].body_lines


def test_a_title_pages_note_symbols_set_above_their_texts_are_no_debris():
    """Plain pdftotext sets a title page's notes as each symbol alone on its line above the note's
    text ("*" / "" / "Sponsored in part by ..."): the symbols the title block carries open the
    notes, not OCR debris to take off. A lone "*" nothing cites stays debris."""
    from pipeline.structure import extract_structure
    from tests.test_text_read import body, document
    first = ["Index Preparation and Processing\u2217", "Pehong Chen\u2020", "Computer Science Division", "",
             *body(1), "\u2217", "", "Sponsored in part by the National Science Foundation under Grant 8311787.",
             "\u2020", "Additional support has been provided by a Graduate Fellowship.", "", "1"]
    pages = ["\n".join(first), "\n".join([*body(2), "*", "", *body(3), "", "2"]), "\n".join([*body(4), "", "3"])]
    s = extract_structure(document("\f".join(pages)))
    assert [(f.page, f.symbol, f.text[:14]) for f in s.footnotes] == [(1, "*", "Sponsored in p"), (1, "†", "Additional sup")]


def test_a_parallel_columns_own_numbering_opens_beside_the_first_at_its_first_note():
    """A parallel column numbers its notes on its own: its note 1 stands below the first column's
    note 1 on the same page, and its 4 and 5 below the first column's 8 and 9 later on. Raised
    in a PDF, or cited by the text in a dump, the second 1 opens a second series (a restart there
    would leave 4 and 5 no place); a dump's first 1 of a page is a restart as before."""
    from pipeline.records import MARK_CLOSE, MARK_OPEN
    from pipeline.structure.notes import NoteLine, choose_starts
    texts = [(2, "1 Not really but its essence is shown."), (2, "1 This verbatim construct is the source."),
             (2, "2 Hereafter, a part of the source code may be omitted."), (5, "3 Another example of footnote."),
             (6, "4 Even if you have enough space above."), (6, "5 Unless you specify it."), (8, "6 For example this."),
             (8, "7 Or that."), (9, "8 If I had been a good student."), (9, "9 Original: Was der Mode Schwert geteilt;"),
             (9, "4 This part was added by Beethoven."), (9, "5 Original: What custom's sword has parted;")]
    raised = [NoteLine(p, f"{MARK_OPEN}{t[0]}{MARK_CLOSE}{t[1:]}", "foot", k == 0 or texts[k - 1][0] != p, 0)
              for k, (p, t) in enumerate(texts)]
    assert [(n, series) for n, series, _ in choose_starts(raised).values()][-2:] == [(4, 1), (5, 1)]
    assert len(choose_starts(raised)) == len(texts)
    plain = [NoteLine(p, t, "foot", k == 0 or texts[k - 1][0] != p, 0) for k, (p, t) in enumerate(texts)]
    cited = {(2, 1), (2, 2), (5, 3), (6, 4), (6, 5), (8, 6), (8, 7), (9, 8), (9, 9), (9, 4), (9, 5)}
    starts = choose_starts(plain, cited=lambda line, number, glued=False: (line.page, number) in cited)
    assert len(starts) == len(texts) and [series for _, series, _ in starts.values()][-2:] == [1, 1]
    per_page = [NoteLine(1, "1 First note of the page.", "foot", True, 0), NoteLine(1, "2 Second.", "foot", False, 0),
                NoteLine(2, "1 First note of the next page.", "foot", True, 0)]
    starts = choose_starts(per_page, cited=lambda line, number, glued=False: True)
    assert [(n, series) for n, series, _ in starts.values()] == [(1, 0), (2, 0), (1, 0)]


def test_notes_run_in_on_one_line_open_where_their_number_is_cited_and_next():
    """pdfplumber reads two columns' notes across ("... a user. 4This part ..."), and a paragraph
    of short notes sets them one after another: a note opens inside a line after a sentence's or
    a clause's end where the text cites its number and it is the next of its series. A number
    inside a note that the text does not cite, or out of turn, stays in the note."""
    body = ["The man who has won a noble woman, join in our chorus with us here.1 Joyful tones.2 Brothers3",
            "all, and the cherub stands before God.4 Hasten, brothers, on your way."]
    pages = [_page(1, body, ["1Original: Was der Mode Schwert geteilt. 2This part was added by Beethoven.",
                             "3See Section 11 for the order. 4Original: What custom's sword has parted;",
                             "Beggars become princes' brothers, as chapter 3. 9 More in the appendix."]),
             _page(2, ["The text goes on, cited again.5 And once more.6"], ["5 Ibid. P. 4.", "6 Ibid. P. 5."])]
    notes = {f.number: f.text for f in collect_footnotes(pages) if f.page == 1}
    assert notes == {1: "Original: Was der Mode Schwert geteilt.", 2: "This part was added by Beethoven.",
                     3: "See Section 11 for the order.",
                     4: "Original: What custom's sword has parted; Beggars become princes' brothers, as chapter 3. 9 More in the appendix."}
    uncited = [_page(1, ["Text without its marks here, as a dump may set it."] * 3,
                     ["1 Original: Was der Mode Schwert geteilt. 2 This part was added by Beethoven."])]
    assert [f.number for f in collect_footnotes(uncited)] == [1]


def test_a_dotted_note_number_on_a_line_of_its_own_opens_the_note_below_it():
    """pdfplumber sets a dotted note number alone ("3.") where the note's first line starts with
    a word it could not fit beside it: the number opens the note on the next line, as a bare one
    does."""
    from pipeline.structure.zones import _joined_numbers
    lines = ["2. That is, the nominal text font size is 12pt, and the distance between baselines",
             "of paragraph text is 15.25pt.", "3.", "Scaled to match Times' x-height (i.e., the lowercase letters)",
             "4. Look for file amsldoc.pdf for amsmath documentation."]
    assert _joined_numbers(lines) == [lines[0], lines[1], "3. " + lines[3], lines[4]]
    assert _joined_numbers(["The list ends here with 3.", "Then the text goes on."]) == \
        ["The list ends here with 3.", "Then the text goes on."]
    wrapped = ["* Zaleski, B. New Realities for Partnership. - Academic Publishing, 2023. - C.", "13.",
               "† Chebotar: Belarus aims to expand trade [Electronic resource]. - 2023."]
    assert _joined_numbers(wrapped) == wrapped  # a page reference's figure, no note's number


def test_a_number_opening_a_line_that_goes_on_with_the_sentence_above_is_no_note():
    """pdftotext breaks "... by clicking mouse button" / "1 on its name. The variable name ...":
    the line goes on with the sentence the line above leaves open, so its number opens no note,
    though a section's number above ("7.3.1.1") may read as a mark. A note that opens with a
    lowercase word (small caps in the text layer: "3 gdb has no way ...") stays a note where a
    marker cites it."""
    from pipeline.structure.zones import clean_pages, zone_notes
    from tests.test_text_read import body, document
    wrapped = [*body(1), "7.3.1.1 Creating Single Displays",
               "To create a new display showing a specific variable, select the variable by clicking mouse button",
               "1 on its name. The variable name is copied to the argument field. By clicking the Display",
               "button, a new display is created in the data window. The data window opens automatically as soon",
               "as you create a display.", "", "12"]
    cited = [*body(2), "Click on Temp to make the breakpoint temporary.3", "Click on Delete to delete it.",
             "You can also specify a condition for a breakpoint. A condition is just a Boolean expression in your",
             "3 gdb has no way to make a temporary breakpoint non-temporary again.", "", "13"]
    pages = zone_notes(clean_pages(split_pages(document("\f".join("\n".join(p) for p in (wrapped, cited))))))
    assert pages[0].footnote_lines == ()
    assert pages[1].footnote_lines == ("3 gdb has no way to make a temporary breakpoint non-temporary again.",)
