import pytest

from pipeline.structure.chapters import build_chapters, find_headings
from pipeline.structure.claims import build_claims, split_sentences
from pipeline.structure.markers import MIN_MARKER_SCORE, _marker_score, remove_markers
from pipeline.structure.paragraphs import clean_line
from pipeline.structure.notes import collect_footnotes
from pipeline.read.text import split_pages
from pipeline.structure.zones import zone_pages

from .conftest import fixture_document


def structure_of(name, start_after=0):
    pages = zone_pages(split_pages(fixture_document(name)), start_after=start_after)
    notes = collect_footnotes(pages, start_after=start_after)
    headings = find_headings(pages)
    chapters = build_chapters(pages, headings)
    paragraphs, claims, links, unlinked_ids, _ = build_claims(pages, headings, chapters, notes)
    unlinked = {f.number for f in notes if f.footnote_id in unlinked_ids}
    return notes, paragraphs, claims, links, unlinked


def claims_of_page(lines, start_after=0):
    """A dump of one page (its lines): its notes, claims and links."""
    from pipeline.records import SourceDocument
    document = SourceDocument(doc_id="d", source_path="d.txt", source_sha256="0", title="d", text="\n".join(lines))
    pages = zone_pages(split_pages(document), start_after=start_after)
    notes = collect_footnotes(pages, start_after=start_after)
    headings = find_headings(pages)
    _, claims, links, _, _ = build_claims(pages, headings, build_chapters(pages, headings), notes)
    return notes, claims, links


def claim_of(number, notes, claims, links):
    fid = next(f.footnote_id for f in notes if f.number == number)
    cid = next(l.claim_id for l in links if l.footnote_id == fid)
    return next(c.text for c in claims if c.claim_id == cid)


@pytest.mark.parametrize("text, number", [
    ('grow annually 224." The', "224"),
    ('of consumer goods" 227. In', "227"),
    ("the Middle East and the Balkans, 799can be", "799"),
    ('last year [2022] 60." Then', "60"),
    ("research center” 180", "180"),
    ("technologies 453, create enterprises", "453"),
    ("combines to Zimbabwe”6,7 On the", "6"),  # two notes on one spot, as LaTeX sets them
    ("combines to Zimbabwe”6,7 On the", "7"),
    ("the plan was adopted.11,12 Then", "12"),
    ("the year before.\u201d11 Belarusian exporters", "11"),  # a quote's closing stop, then a capital
    ("in agro-industrial soil1 . In addition", "1"),  # a converter's space before the stop
    ("the total profit of the film industry in 2002.1 Jesse called", "1"),  # a figure ends the sentence
    ("makes $45,900.2", "2"),
    ("a cartoon parody of Steamboat Bill,2 and both", "2"),
    ("every year to physical piracy1 (that works out", "1"),
    ('International Economic Forum "Innovations1 . Investments. Prospects"', "1"),
    ("enterprisesonZimbabweansoil1. Inad-", "1"),  # words pdfplumber ran together
    ("The average recording artist makes $45,900.2There are plenty", "2"),  # pdfplumber: the next word glued on
    ("28 percent of Americans older than 12.7A survey by the NPD", "7"),
    ("every year to physical piracy1(that works out to one in three", "1"),
    ("This paragraph has a footnote85 as shown below.", "85"),  # glued to its word: no quantity
    ("ddd now supports WindRiver's version of gdb.1 ddd can be integrated", "1"),
    ("with those having dark magic as paracol has in it103 . Therefore", "103"),  # a two-letter word
    ("the average today is after about a year3).After it is", "3"),
    ("which fits the strategy of 1991.2 In 2003 it", "2"),  # not a list's label: 1991 is no 1
    ("music—28 percent of Americans older than 12.7 A survey", "7"),  # a figure, not a section's number
    ("1. \\Name*{\u00c6thelred, II} . . . . . \u00c6thelred II5\nWe have seen", "5"),  # a ruler's numeral
    ("the reign of Henry VIII3 was long", "3"),
    ("as the previous chapter showed in this section.4 It goes on", "4"),  # a stop, then the mark
    ("the files README and README.md2 , and the vignettes", "2"),  # pdftotext's space before the stop
    ("Dados de cataloga\u00e7\u00e3o-na-publica\u00e7\u00e3o11 (opcional)", "11"),  # a word of any script's letters
    ("proposto como uma evolu\u00e7\u00e3o3 e como facilitador", "3"),
])
def test_markers_look_like_markers(text, number):
    start = text.index(number)
    assert _marker_score(text, start, start + len(number)) >= MIN_MARKER_SCORE


@pytest.mark.parametrize("text, number", [
    ("signed 27 intergovernmental agreements", "27"),
    ("the 16th meeting of the commission", "16"),
    ("worth $347.6 thousand", "347"),
    ("reached 250-300 million dollars", "300"),
    ("grew by 25% last year", "25"),
    ("in 2022 the parties", "2022"),
    ("Minsk Dairy Plant No. 1", "1"),
    ("output rose by 6,7 percent", "6"),  # a decimal comma
    ("output rose by 6,7 percent", "7"),
    ("the “base” 3,5 million", "3"),  # not consecutive: an amount
    ("basic relations: 1) Agreement on trade", "1"),  # a list's item numbers
    ("spheres (1995); 2) Agreement", "2"),
    ("grew by 4.2 percent", "2"),
    ("version 3.1 of the law", "1"),
    ("its total revenue rose 4 . 8 % to", "4"),  # a tokenised decimal
    ("For (1) like the original Hollywood", "1"),
    ("the Su27 and MiG29 fighters", "27"),
    ("grown in type A2 cells", "2"),  # a code, not a ruler's numeral
    ("an area of 45 km2 . In the north", "2"),  # a unit's power, however spaced
    ("the MI5 agents", "5"),
    ("drove a BMW X5 home", "5"),  # a model's letter, not a ruler's numeral
    ("the Intel Core I7 chip", "7"),
    ("emissions of CO2 , methane", "2"),  # a formula, spaced as a raised mark is
    ("grown in type A2 ", "2"),
    ("an area of 45 km2 in the north", "2"),  # a unit's power, glued to a two-letter word
    ("5. \\SkipIndex\\Name{Bo{\\\"e}thius} . . . . . Boethius", "5"),  # an item's label opening its paragraph
    ("the 4th quarter of 2018", "4"),
    ("6.5.4 Continuing Until Here", "4"),  # a section's number
    ("the program stops. 6.4 Program Stops After", "4"),
    ("configuration notes. C.1 Using DDD with GDB Some", "1"),  # an appendix's section number
    ("SeeSectionC.1[GDB],page177,forfurtherconfigurationnotes.", "1"),
    ("every listening transaction: 1. 2. 3. name of the service;", "1"),  # a list's labels, apart
    ("every listening transaction: 1. 2. 3. name of the service;", "3"),
    ("This can also be done using options, see section 4. The mark", "4"),  # cross-references
    ("the notes in the list (see page 4) the notes", "4"),
    ("as the table in Fig. 2 shows", "2"),
    ("this is a new implementation of notes for LATEX 2ε since", "2"),  # a formula's figure
    ("\\DeclareTemplateInterface{notes-list}{paragraph}{1} 3", "3"),  # a listing's line number
    ("heading = \\chapter*{#1} 4", "4"),
    ("Introduced in version 0.3", "3"),  # a decimal, not a figure ending its sentence
])
def test_numbers_that_are_not_markers(text, number):
    start = text.index(number)
    score = _marker_score(text, start, start + len(number))
    assert score is None or score < MIN_MARKER_SCORE


def test_a_mark_after_a_sentences_stop_weighs_as_one_ending_its_paragraph():
    """"in every case.1 It also" (the next sentence going on) is as sure a mark as "some text.1"
    ending its paragraph; after an abbreviation's stop ("Dr.2 Smith") it is not."""
    def score(text, number):
        start = text.index(number)
        return _marker_score(text, start, start + len(number))
    assert score("best solution in every case.1 It also does not", "1") == score("This is some text.1", "1")
    assert score("as told by Dr.2 Smith", "2") < score("best solution in every case.1 It also", "1")


def test_a_number_glued_to_a_lowercase_word_before_the_next_weighs_more_than_one_set_apart():
    """pdftotext's raised mark glued to its word ("several paragraphs3 in an endnote") outweighs a
    number set apart between two lowercase words ("type = default 4 heading")."""
    def score(text, number):
        start = text.index(number)
        return _marker_score(text, start, start + len(number))
    assert score("you can have several paragraphs3 in an endnote.", "3") > score("the default 4 heading is", "4")


def test_marker_removed_and_position_kept():
    text, positions = remove_markers("annually 224.\" The next", [_m(9, 12, 224)])
    assert text == "annually.\" The next"
    assert positions[0][0] == len("annually")
    text, _ = remove_markers("the Balkans, 799can be", [_m(13, 16, 799)])
    assert text == "the Balkans, can be"


def _m(start, end, number):
    from pipeline.structure.markers import Marker
    return Marker(paragraph=0, start=start, end=end, number=number, method="exact", score=3)


def test_sentences_do_not_end_at_initials_or_abbreviations():
    text = ("The Chairman V. Kukharev emphasized it. Boris Zalessky cites P. 65 of the book. "
            "Slutsk Cheese Factory OJSC signed it with Co. Ltd. partners. Then \"In 2022, trade grew.\" It went on.")
    spans = [text[s:e].strip() for s, e in split_sentences(text)]
    assert spans == ["The Chairman V. Kukharev emphasized it.", "Boris Zalessky cites P. 65 of the book.",
                     "Slutsk Cheese Factory OJSC signed it with Co. Ltd. partners.", "Then \"In 2022, trade grew.\"",
                     "It went on."]


def test_sentences_end_at_a_stop_pdfplumber_glued_to_the_next_word():
    text = "the English had confronted in 1774.Many states had passed laws. Ask U.S.Dept officials, e.g.Smith."
    spans = [text[s:e].strip() for s, e in split_sentences(text)]
    assert spans == ["the English had confronted in 1774.", "Many states had passed laws.",
                     "Ask U.S.Dept officials, e.g.Smith."]


def test_a_dot_leader_ends_no_sentence():
    text = "4. \\SkipIndex\\Name{Boethius}.......... Boethius6 This is a different name. It looks the same."
    spans = [text[s:e].strip() for s, e in split_sentences(text)]
    assert spans == ["4. \\SkipIndex\\Name{Boethius}.......... Boethius6 This is a different name.", "It looks the same."]


def test_a_number_alone_or_an_abbreviation_before_a_number_ends_no_sentence():
    text = "Paid Rs. 300 on 4. Jan. 2011 for it. 2. The second point. Trade grew. 20 firms left."
    spans = [text[s:e].strip() for s, e in split_sentences(text)]
    assert spans == ["Paid Rs. 300 on 4. Jan. 2011 for it.", "2. The second point.", "Trade grew.", "20 firms left."]


def test_clean_line():
    assert clean_line("consider Iran , Saudi Arabia and Oman .") == "consider Iran, Saudi Arabia and Oman."
    assert clean_line("Industrial Park “ Great Stone”") == "Industrial Park “Great Stone”"


def test_opening_pages_links_and_hyphenation():
    notes, paragraphs, claims, links, unlinked = structure_of("opening_pages_iran.txt")
    assert claim_of(1, notes, claims, links).endswith("economic interests in the Asian direction.\"")
    assert "Belarusian-Iranian commission" in claim_of(2, notes, claims, links) or any(
        "Belarusian-Iranian commission" in c.text for c in claims)
    assert claim_of(3, notes, claims, links).endswith("business relations. ”") or \
        claim_of(3, notes, claims, links).endswith("business relations.”")
    assert "1.6 times" in " ".join(c.text for c in claims)  # an amount is not a marker
    assert 8 in unlinked  # its marker is lost in the dump (". -")
    # the paragraph running over the page break is one paragraph
    assert any("Tehran Chamber of Commerce, Industry, Mines and Agriculture" in p.text for p in paragraphs)
    for claim in claims:
        assert " 224." not in claim.text


def test_marker_on_a_line_of_its_own_links_to_the_sentence_above():
    notes, _, claims, links, unlinked = structure_of("marker_on_own_line_180.txt", start_after=176)
    assert claim_of(180, notes, claims, links).endswith("by its own research center”")
    assert 180 not in unlinked


def test_glued_marker_after_comma():
    notes, _, claims, links, _ = structure_of("glued_footnote_number_451.txt", start_after=447)
    text = claim_of(453, notes, claims, links)
    assert "agricultural technologies, create enterprises" in text


def test_markers_aligned_over_a_series_not_one_note_at_a_time():
    """A list's '1)' looks more like a marker than the real '1', after a year and quote; chosen
    note by note it would take note 1 and leave notes 2 and 3 no place after it."""
    from pipeline.structure.markers import Marker, _aligned
    real = [Marker(0, 10, 11, 1, "exact", 2), Marker(1, 5, 6, 2, "exact", 2), Marker(2, 7, 8, 3, "exact", 2)]
    decoy = Marker(3, 4, 5, 1, "exact", 3)
    pools = [[(3.0, decoy), (2.0, real[0])], [(2.0, real[1])], [(2.0, real[2])]]
    assert _aligned(pools) == real
    # with no later notes to place, the likelier one wins; of two alike, the earlier
    assert _aligned([[(3.0, decoy), (2.0, real[0])]]) == [decoy]
    twin = Marker(4, 0, 1, 1, "exact", 2)
    assert _aligned([[(2.0, twin), (2.0, real[0])]]) == [real[0]]
    assert _aligned([[], [(2.0, real[1])]]) == [None, real[1]]


def test_a_marker_glued_to_a_lines_last_word_is_cited():
    from pipeline.structure.markers import cites
    assert cites("connected to the body in each column, unless the page has footnotes10\nat its foot", 10)
    assert not cites("an area of 45 km2\nin the north", 2)
    # a line's last mark, the next sentence on the line below
    assert cites("macros introduced in Sections 2.4.2 and 2.4.3.12\nName Pattern(s): 1 \\PretagName", 12)
    assert not cites("Introduced in\nversion 0.5\n\nDefault: \\medskipamount", 5)  # a decimal ending its line


def test_a_contents_lines_page_number_is_no_marker():
    from pipeline.structure.markers import cites
    assert not cites("3.2 Printing the Notes . . . . . . . . . . . . 12", 12)
    assert not cites("Printing the Notes........................12", 12)
    assert cites("the notes are printed.12 Then", 12)


def test_a_lists_labels_before_their_items_and_a_column_of_numbers_are_no_markers():
    """'15. UPC code of the album; 16. catalog number;' (a list run into one paragraph) and
    '1 2 3 ... 12' (a code listing's line numbers) hold no markers; a marker beside them does."""
    from pipeline.structure.markers import cites
    items = "retail album title; 15. UPC code of the retail album; 16. catalog number; 17. copyright owner"
    assert not cites(items, 16) and not cites(items, 17)
    assert cites("the rate grew.16 In 2017. the rate fell", 16)
    column = " ".join(str(n) for n in range(1, 13))
    assert not cites(column, 12) and not cites(column, 5)
    assert cites("in 1995 2 000 people came.2 Then", 2)


def test_a_marker_run_into_the_year_before_it_links_and_leaves_the_year():
    """pdftotext sets a raised mark after a year as one number and a space before the stop
    ("in the first nine months of 20233 ."): the note's marker is its last figures, the year
    stays in the clean text. A five-figure quantity that is no year is no marker."""
    page = ["Among the partners of the region, the parties discussed the issue of investments, and",
            "the industrial park added 12 new residents in the first nine months of 20233 . The",
            "region also exported 45003 tonnes of milk to China last year, as the committee said.",
            "", "3 The Minsk Regional Executive Committee on Chinese provinces [Electronic resource]. - 2023."]
    notes, claims, links = claims_of_page(page, start_after=2)
    assert [n.number for n in notes] == [3]
    (link,) = links
    text = next(c.text for c in claims if c.claim_id == link.claim_id)
    assert link.method == "after_year" and text.endswith("in the first nine months of 2023.")
    assert any("45003 tonnes" in c.text for c in claims)


def test_a_listings_line_numbers_after_a_marker_leave_it_a_marker_and_the_text():
    """pdftotext sets a code listing's line numbers as lines of their own ("5", "6", "7") right
    after the sentence whose marker leads into it: they are no text of the page, and the marker
    before them still links."""
    page = ["Also in the preamble, the formatting macro is like what we have seen, except it",
            "refers to the box flag:32", "5", "6", "7", "", "\\newcommand*\\Fbox[1]{%", "}", "",
            "Our new macro works like the built-in version, except it does not use the flags.", "",
            "32 Robert Bringhurst, The Elements of Typographic Style, 2004, p. 12."]
    notes, claims, links = claims_of_page(page, start_after=31)
    (link,) = links
    assert next(c.text for c in claims if c.claim_id == link.claim_id).startswith("Also in the preamble")
    assert not any(" 5 6 7" in c.text for c in claims)


def test_a_mark_pdftotext_set_on_a_line_of_its_own_inside_a_justified_line_links():
    """A justified line with wide spaces comes out a word a line, and the raised mark of its
    sentence's end among them, before the words it follows ("economic" / "22" / "cooperation ...",
    "in" / "23" / "Zimbabwe".")."""
    page = ["Then \"a package of important bilateral documents was signed, which",
            "includes basic economic agreements designed to ensure the", "development", "of", "industrial",
            "cooperation", "and", "economic", "22", "cooperation ... \". Then the governments of the two",
            "countries approved a roadmap. In addition, Belarus will continue to", "participate in the program for the",
            "modernization", "and", "mechanization", "of", "agriculture", "in", "23", "Zimbabwe\".", "",
            "22 Zimbabwe and Belarus signed documents [Electronic resource]. - 2023.",
            "23 Belarus will continue the mechanization program [Electronic resource]. - 2023."]
    notes, claims, links = claims_of_page(page, start_after=21)
    text = {c.claim_id: c.text for c in claims}
    linked = {l.footnote_number: text[l.claim_id] for l in links}
    assert linked[22].startswith("Then \"a package") and linked[23].startswith("In addition, Belarus")


def test_bare_numbers_mark_the_notes_no_raised_mark_carries_where_raised_ones_dominate():
    """A font that raises some figures as superscript glyphs and sets others plain: notes 4 and 5
    have raised marks, note 3 only a bare number glued to its word; it is found, while a bare
    number for a note that has its raised mark is no second candidate."""
    from pipeline.records import MARK_CLOSE, MARK_OPEN
    from pipeline.structure.markers import find_markers
    from pipeline.structure.paragraphs import JoinedParagraph
    text = (f"It must start with a digit.3 The archive is far more appreciated by other developers."
            f"{MARK_OPEN}4{MARK_CLOSE} Keep its length within eight characters.{MARK_OPEN}5{MARK_CLOSE} Page 4 shows how.")
    paragraph = JoinedParagraph(chapter=0, text=text, line_starts=[0], line_pages=[7])
    notes = [_note(n) for n in (3, 4, 5)]
    found = find_markers([paragraph], notes)
    assert {notes[k].number: (m.method, text[m.start:m.end]) for k, m in enumerate(found[n.footnote_id] for n in notes)} == {
        3: ("exact", "3"), 4: ("raised", f"{MARK_OPEN}4{MARK_CLOSE}"), 5: ("raised", f"{MARK_OPEN}5{MARK_CLOSE}")}


def test_a_raised_mark_out_of_its_series_order_is_still_its_notes_marker():
    """Parallel columns read across set the right column's mark between the left column's ("28",
    "30", "29", "31"): the series' order leaves 29 without a place, its one raised mark takes it."""
    from pipeline.records import MARK_CLOSE, MARK_OPEN
    from pipeline.structure.markers import find_markers
    from pipeline.structure.paragraphs import JoinedParagraph
    mark = lambda n: f"{MARK_OPEN}{n}{MARK_CLOSE}"  # noqa: E731
    text = (f"First left paragraph with a footnote{mark(28)} in it. First right paragraph with a footnote{mark(30)} in it. "
            f"Second left paragraph with a footnote{mark(29)} in it. Second right paragraph with a footnote{mark(31)} in it.")
    paragraph = JoinedParagraph(chapter=0, text=text, line_starts=[0], line_pages=[7])
    notes = [_note(n) for n in (28, 29, 30, 31)]
    found = find_markers([paragraph], notes)
    assert {n.number: text[found[n.footnote_id].start:found[n.footnote_id].end] for n in notes if n.footnote_id in found} == {
        28: mark(28), 29: mark(29), 30: mark(30), 31: mark(31)}


def _note(number):
    from pipeline.records import Footnote
    return Footnote(doc_id="d", footnote_id=f"n{number}", number=number, page=7, end_page=7, text="A note.",
                    raw_text="A note.", url=None, year=None, authors=(), title=None, publisher=None,
                    cited_pages=None, kind="other", number_in_text=True)


def test_a_mark_between_words_run_together_is_cited_and_a_run_together_cross_reference_is_not():
    """pdfplumber runs tight type together ('Ofcourseyoucanhaveseveralparagraphs3inanendnote.'):
    a number between two runs of lowercase letters is a mark; '...,seesection4.', '(seepage4)'
    are cross-references however they are spaced. A code or a unit glued on stays none."""
    from pipeline.structure.markers import cites
    assert cites("Thisissometext.2Ofcourseyoucanhaveseveralparagraphs3inanendnote.", 3)
    assert cites("Thenextendnote4hasthenumber3.1.", 4)
    assert not cites("Thiscanalsobedoneusingoptions,seesection4. Themarkoftheendnote", 4)
    assert not cites("Ifyoualsoset enotez'option (seepage4)thenotesin thelist", 4)
    assert not cites("see section 4 for the options", 4) and not cites("the options (see p. 4) below", 4)
    assert not cites("the utf8encode function and md5sum", 8) and not cites("the md5sum tool", 5)
    assert cites("the notes are set in this section.4 Then the list follows", 4)


def test_a_contents_run_into_the_title_block_above_it_holds_no_markers():
    """A contents set right below the title, the author and the address, in one paragraph with
    them: its entries' numbers are pages, the paragraph's other lines keep their marks."""
    from pipeline.records import Page
    from pipeline.structure.claims import _contents_spans
    from pipeline.structure.paragraphs import assemble_paragraphs
    lines = ["enotez", "v0.10d 2022/01/04", "Endnotes for LaTeX", "Clemens Niederberger",
             "https://github.com/cgnieder/enotez/", "contact@mychemistry.eu", "Table of Contents",
             "1 Licence and Requirements 1", "2 Motivation 1", "3 Usage 2",
             "3.1 Placing the Notes . . . . . . . 2", "", "3.2 Printing the Notes . . . . . . . 3",
             "4 Options 4", "4.1 Package Options . . . . . . . . 4", "Notes 10", "References 11"]
    page = Page(doc_id="d", page=1, printed_page=None, printed_page_inferred=False,
                body_lines=tuple(lines), footnote_lines=(), removed=())
    paragraphs = assemble_paragraphs([page], [])
    spans = _contents_spans(paragraphs, [page])
    def covered(entry: str) -> bool:
        p = next(k for k, paragraph in enumerate(paragraphs) if entry in paragraph.text)
        return any(a <= paragraphs[p].text.index(entry) < b for a, b in spans.get(p, []))
    assert covered("2 Motivation 1") and covered("3.1 Placing") and covered("Notes 10")
    assert not covered("Clemens Niederberger") and not covered("v0.10d")


def test_an_ellipsis_before_a_marker_is_no_contents_leader_and_a_command_argument_no_marker():
    """"in the preamble. ...2": a stop and an ellipsis, then the marker (a contents line's leader
    has more dots, spaced or not); "\\begin{paracol}{2}": a command's argument, no marker."""
    from pipeline.structure.markers import cites
    assert cites("What you have to do is load it in the preamble. ...2", 2)
    assert cites("and so the story went on...2 Then", 2)
    assert not cites("Printing the Notes . . . . 2", 2) and not cites("Printing the Notes.....2", 2)
    assert not cites("the basic construct is \\begin{paracol}{2} left column text", 2)


def test_a_parallel_columns_markers_interleaved_with_the_first_columns_link_to_their_own_notes():
    """A dump reads a parallel column's text after the first column's, while the page's notes of
    the second series (the right column's, numbered on their own) stand before the first's: each
    series' markers follow its own notes' order, not one order over both."""
    page = ["This manual is an example of two-column documents typeset with the package. That is,",
            "the right column is the source code of the left column1 .",
            "",
            "This manual is an example of two-column documents typeset by \\textsf{paracol}.",
            "\\begin{verbatim}", "Here is the source of above.", "\\end{verbatim}1",
            "",
            "Loading the package is very simple: you load it in the preamble. ...2",
            "",
            "1 This verbatim construct is simply referred as to source hereafter.",
            "2 Hereafter, a part of the source code may be omitted like this.",
            "",
            "1 Not really but its essence is shown."]
    notes, claims, links = claims_of_page(page)
    by_text = {f.text[:12]: f.number for f in notes}
    assert sorted(by_text.values()) == [1, 1, 2]
    linked = {next(f.text[:12] for f in notes if f.footnote_id == l.footnote_id): next(c.text for c in claims if c.claim_id == l.claim_id)
              for l in links}
    assert linked["Not really b"].startswith("That is, the right column")
    assert "verbatim" in linked["This verbati"] and linked["Hereafter, a"].startswith("Loading the package")


def test_a_mark_glued_to_a_word_in_capitals_links_where_that_pair_stands_once():
    """pdftotext glues a raised mark to a word in capitals ("versions of GFDL1 which are"): a mark
    where the word stands elsewhere without it and the pair stands once in the document; a code
    that recurs ("COVID19") stays text."""
    page = ["The package modifies a few files provided on the web pages of the versions of",
            "GFDL1 which are unlicensed, though with a few typographic changes, so the GFDL",
            "texts read as they should. COVID19 spread in that year, and COVID19 was in the news;",
            "the COVID cases fell later in the year when the weather had turned warmer again.",
            "", "1 GFDLv1.3: https://www.gnu.org/licenses/fdl-1.3.tex."]
    notes, claims, links = claims_of_page(page)
    assert claim_of(1, notes, claims, links).startswith("The package modifies a few files")
    assert any("COVID19 spread" in c.text for c in claims)
    recurring = ["The standard ISO1 covers the codes, and ISO1 is the one used in this text; the ISO",
                 "list of names is long and the committee keeps it up to date every single year.2",
                 "", "1 See the committee's site for the list.", "2 Ibid. P. 4."]
    notes, claims, links = claims_of_page(recurring)
    assert [n.number for n in notes] == [1, 2] and len(links) == 1
    assert any("ISO1 covers the codes, and ISO1 is" in c.text for c in claims)
