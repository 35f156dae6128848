import dataclasses

from pipeline.structure.chapters import build_chapters, find_headings
from pipeline.read.text import split_pages
from pipeline.structure.zones import zone_pages

from .conftest import fixture_document


def headings_of(name, start_after=0):
    pages = zone_pages(split_pages(fixture_document(name)), start_after=start_after)
    return pages, find_headings(pages)


def test_heading_opens_a_page_and_continuation_blocks_are_not_headings():
    pages, headings = headings_of("opening_pages_iran.txt")
    # the preface and the page opening "Industry, Mines and Agriculture, ... relations 3. ”" are no headings
    assert [h.title for h in headings] == ["Systematic work brings results"]
    chapters = build_chapters(pages, headings)
    assert (chapters[0].seq, chapters[0].start_page, chapters[0].end_page) == (1, 2, len(pages))


def test_heading_wrapped_over_two_lines():
    _, headings = headings_of("chapter_two_opening.txt", start_after=28)
    assert [h.title for h in headings] == ["China: Strategic Partnership enters a new era"]


def test_heading_whose_last_word_fell_below_a_blank_line():
    _, headings = headings_of("heading_over_blank_line.txt", start_after=115)
    assert [h.title for h in headings] == [
        "China: University Rectors Forum a collaborative platform for innovative approaches"]


def test_page_after_a_printed_page_number_opens_with_a_continuation_not_a_heading():
    pages = zone_pages(split_pages(fixture_document("printed_page_number_29.txt")), start_after=56)
    assert [h.title for h in find_headings(pages)] == ["China: On the Foundation of New Ideas"]


def test_chapter_ids_come_from_titles():
    pages, headings = headings_of("chapter_two_opening.txt", start_after=28)
    a = build_chapters(pages, headings)[0].chapter_id
    b = build_chapters(pages[1:], headings)[0].chapter_id
    assert a == b


def _pages_of(blocks):
    """One page per block, each block's heading lines above four lines of prose of its own."""
    from tests.test_text_read import body, document
    return zone_pages(split_pages(document("\f".join("\n".join(b + body(n)) for n, b in enumerate(blocks)))))


def test_labelled_headings_with_no_blank_line_below_join_the_spaced_ones_and_set_the_tier():
    """Some chapter openings have a blank line under the heading, some not; where the chapters
    are labelled in capitals (CHAPTER ONE), a mixed-case heading opening a page is a section."""
    blocks = [["PREFACE", ""], [], ["CHAPTER ONE: Creators"], [],
              ["Law: Duration", ""],  # a section opening a page
              ["CHAPTER TWO: Catalogs", ""], ["CHAPTER THREE: Pirates"], ["CONCLUSION", ""], []]
    assert [h.title for h in find_headings(_pages_of(blocks))] == [
        "PREFACE", "CHAPTER ONE: Creators", "CHAPTER TWO: Catalogs", "CHAPTER THREE: Pirates", "CONCLUSION"]


def test_mixed_case_headings_stay_where_labels_are_not_in_capitals():
    blocks = [["Preface", ""], ["Chapter 1: Creators", ""], ["Law and Duration", ""],
              ["Chapter 2: Catalogs", ""], ["Chapter 3: Pirates", ""]]
    assert [h.title for h in find_headings(_pages_of(blocks))] == [
        "Preface", "Chapter 1: Creators", "Law and Duration", "Chapter 2: Catalogs", "Chapter 3: Pirates"]


def test_labelled_headings_where_the_converter_joined_some_lines():
    """Plain pdftotext joins some lines into one twice as long: they do not make a full line
    longer, so a labelled heading with no blank line below is still told from the text."""
    from tests.test_text_read import body, document
    pages = []
    for n in range(1, 9):
        joined = [a + " " + b for k in (n, n + 20, n + 40) for a, b in zip(body(k)[::2], body(k)[1::2])]
        top = {1: ["I. The key to cooperation is specific projects"], 5: ["II. Zimbabwe: From Economy to Education"]}
        pages.append("\n".join(top.get(n, []) + body(n + 60) + joined + body(n + 80)))
    headings = find_headings(zone_pages(split_pages(document("\f".join(pages)))))
    assert [h.title for h in headings] == ["I. The key to cooperation is specific projects",
                                           "II. Zimbabwe: From Economy to Education"]


def test_a_long_title_below_its_number_on_a_line_of_its_own():
    from tests.test_text_read import body, document
    pages = ["\n".join((["8", "", "Numbering and Placement of Page-Wise Footnotes in Two Columns", ""] if n in (1, 4) else [])
                       + body(n) + body(n + 9)) for n in range(1, 7)]
    titles = [h.title for h in find_headings(zone_pages(split_pages(document("\f".join(pages)))))]
    assert titles == ["8 Numbering and Placement of Page-Wise Footnotes in Two Columns"] * 2


def test_a_chapters_running_head_above_its_label_goes_with_the_heading():
    """pdfplumber's text of a LibreOffice book: the chapter's running head opens every page of
    it, the chapter's first too, right above "Chapter 1. ...", with no blank lines anywhere."""
    from tests.test_text_read import body, document
    titles = {1: ("Zimbabwe: Boost trade and create joint ventures", ["Chapter 1. Zimbabwe: Boost trade", "and create joint ventures"]),
              5: ("China: Taking regional cooperation to a new level", ["Chapter 2. China: Taking regional", "cooperation to a new level"])}
    pages, head = [], None
    for n in range(1, 9):
        head, label = titles.get(n, (head, []))
        pages.append("\n".join([head] + label + body(n) + body(n + 9)))
    headings = find_headings(zone_pages(split_pages(document("\f".join(pages)))))
    assert [(h.page, h.title) for h in headings] == [
        (1, "Chapter 1. Zimbabwe: Boost trade and create joint ventures"),
        (5, "Chapter 2. China: Taking regional cooperation to a new level")]


def test_where_chapters_are_labelled_in_capitals_a_title_in_capitals_is_one_too():
    """A trade book's chapters ("CHAPTER ONE: Creators"), a part's title page with nothing else
    on it but a proof's line numbers and crop marks, and "CONCLUSION" with no blank line below."""
    from tests.test_text_read import body, document
    pages = []
    for n in range(1, 13):
        if n in (1, 4, 7):
            top = [f"CHAPTER {['ONE', 'TWO', 'THREE'][n // 3]}: {['Creators', 'Copyists', 'Catalogs'][n // 3]}", ""]
            pages.append("\n".join(top + body(n) + body(n + 20)))
        elif n == 9:
            pages.append("\n".join(["“PIRACY”", ""] + [str(k) for k in range(1, 30)] + ["S32", "❚❘ ❙ ❚❘ ❙ ❚❘"]))
        elif n == 11:
            pages.append("\n".join(["CONCLUSION"] + body(n) + body(n + 20)))
        else:
            pages.append("\n".join(body(n) + body(n + 20)))
    titles = [(h.page, h.title) for h in find_headings(zone_pages(split_pages(document("\f".join(pages)))))]
    assert titles == [(1, "CHAPTER ONE: Creators"), (4, "CHAPTER TWO: Copyists"),
                      (7, "CHAPTER THREE: Catalogs"), (9, "“PIRACY”"), (11, "CONCLUSION")]


def test_a_chapters_running_head_above_its_label_and_a_blank_line_goes_with_the_heading():
    """Plain pdftotext of the same book: a blank line between the running head and the label."""
    from tests.test_text_read import body, document
    titles = {1: ("Zimbabwe: Boost trade and create joint ventures", ["", "Chapter 1. Zimbabwe: Boost trade", "and create joint ventures", ""]),
              5: ("China: Taking regional cooperation to a new level", ["", "Chapter 2. China: Taking regional", "cooperation to a new level", ""])}
    pages, head = [], None
    for n in range(1, 9):
        head, label = titles.get(n, (head, []))
        pages.append("\n".join([head] + label + body(n) + body(n + 9)))
    pages_read = zone_pages(split_pages(document("\f".join(pages))))
    headings = find_headings(pages_read)
    assert [(h.page, h.title) for h in headings] == [
        (1, "Chapter 1. Zimbabwe: Boost trade and create joint ventures"),
        (5, "Chapter 2. China: Taking regional cooperation to a new level")]
    first = pages_read[0].body_lines
    assert headings[0].end_line == first.index("and create joint ventures") + 1


def _manual_pages():
    """A manual as plain pdftotext writes it: a table of contents with dot leaders, chapters
    numbered "1".."3" (the number on a line of its own above the title, or on the title's line,
    at a page's top or in mid-page), sections "1.1", running heads, a footnote, appendices and an
    index."""
    from tests.test_text_read import body, document
    pages = [
        ["Contents", "1 Quick Start", "1.1 Introduction . . . . . . . . 2", "1.2 Basic Usage . . . . . . . . 3",
         "2 Detailed Usage", "2.1 Options . . . . . . . . 5", "3 hyperref Support . . . . . . . . 9",
         "Appendix A Defaults . . . . 11", "Index . . . . . . . . . . 13"],
        ["1", "", "Quick Start", "", "1.1", "", "Introduction", *body(1), "", "1.2 Basic Usage", *body(2)],
        ["1.2 Basic Usage", "", *body(3), "", "2 See Smith, The Uses of Numbers, 23.", "3 Ibid"],
        ["2", "", "Detailed Usage", *body(4), "", "2.1 Options", "", *body(5)],
        ["2 Detailed Usage", "", *body(6), "", "3 hyperref Support", *body(7)],
        ["3 hyperref Support", "", *body(8)],
        ["Appendix A Defaults", *body(9)],
        ["Appendix B Bugs and How To Report Them", *body(10)],
        ["Appendix C Configuration Notes", *body(11)],
        ["Index", "adjust, 3", "align, 5", "", "Index", "zero, 9"],
    ]
    return _dump(pages)


def _dump(pages):
    """Pages as a dump: a blank line above each, its printed number at its foot."""
    from tests.test_text_read import document
    return zone_pages(split_pages(document("\f".join("\n".join(["", *p, "", str(n + 10)]) for n, p in enumerate(pages)))))


def test_numbered_chapters_of_a_manual_run_in_sequence_wherever_they_stand():
    headings = find_headings(_manual_pages())
    assert [(h.page, h.title) for h in headings] == [
        (2, "1 Quick Start"), (4, "2 Detailed Usage"), (5, "3 hyperref Support"),
        (7, "Appendix A Defaults"), (8, "Appendix B Bugs and How To Report Them"),
        (9, "Appendix C Configuration Notes"), (10, "Index")]
    chapters = build_chapters(_manual_pages(), headings)
    assert [(c.start_page, c.end_page) for c in chapters][:3] == [(2, 3), (4, 5), (5, 6)]


def test_a_numbered_title_wrapped_over_lines_and_a_lone_word_below_a_short_one():
    from tests.test_text_read import body
    from pipeline.structure.numbered_headings import numbered_candidates, numbered_chains
    pages = [["1 China: Strategic Partnership enters a", "new era", *body(1)],
             ["2", "", "Pakistan: Potential for Sustainable", "Growth in Partnerships", *body(2)],
             ["3 Quick Start", "Disclaimer", *body(3)]]
    chain, appendices = numbered_chains(numbered_candidates(_dump(pages)))
    assert [c.title for c in chain] == ["1 China: Strategic Partnership enters a new era",
                                        "2 Pakistan: Potential for Sustainable Growth in Partnerships", "3 Quick Start"]
    assert appendices == []


def test_numbers_out_of_sequence_or_a_list_are_not_chapters():
    """Numbered lines that do not run on from 1 (notes), or that follow each other (a list's
    items): the headings that open pages stand."""
    from tests.test_text_read import body
    pages = [["Preface", "", *body(1)], ["Quiet Waters", "", *body(2), "", "4 Steps Ahead", *body(3)],
             ["7 Ways Out", *body(4)], ["Rough Seas", "", *body(5), "", "1 Apples", "", "2 Pears", "", "3 Plums", "", *body(6)],
             ["Conclusion", "", *body(7), "", "4 Peaches"]]
    assert [h.title for h in find_headings(_dump(pages))] == ["Preface", "Quiet Waters", "7 Ways Out", "Rough Seas", "Conclusion"]


def test_a_full_line_is_where_justified_lines_gather():
    from tests.test_text_read import document
    from pipeline.structure.numbered_headings import full_line
    text = "x" * 70
    lines = [text] * 10 + [text + " " + text] * 4 + ["x" * n for n in range(20, 60)]
    assert full_line(zone_pages(split_pages(document("\n".join(lines))))) == 70


def test_a_label_read_below_its_title_goes_first():
    """pdfplumber reads a small label after the larger title it stands above."""
    from tests.test_text_read import body
    pages = [["Creators", "CHAPTER ONE:", "", *body(1)], [*body(2)], ["Catalogs", "CHAPTER TWO:", "", *body(3)],
             [*body(4)], ["Pirates", "CHAPTER THREE:", "", *body(5)]]
    assert [h.title for h in find_headings(_dump(pages))] == [
        "CHAPTER ONE: Creators", "CHAPTER TWO: Catalogs", "CHAPTER THREE: Pirates"]


def test_the_books_title_on_its_half_title_page_is_not_a_chapter():
    """The book's title alone on its first page, then the running head of every other page."""
    from tests.test_text_read import body, document
    pages = ["\n".join(["", "FREE CULTURE", "", *body(0)])]
    for n in range(1, 13):
        head = ["Chapter One: Creators" if n < 7 else "Chapter Two: Catalogs"] if n % 2 else ["FREE CULTURE"]
        top = {1: ["Chapter One: Creators", ""], 7: ["Chapter Two: Catalogs", ""]}.get(n, [])
        pages.append("\n".join([f"{head[0]} {n}" if n not in (1, 7) else "", "", *top, *body(n)]))
    headings = find_headings(zone_pages(split_pages(document("\f".join(pages)))))
    assert [h.title for h in headings] == ["Chapter One: Creators", "Chapter Two: Catalogs"]


def test_a_change_log_with_dot_leaders_late_in_the_book_is_no_table_of_contents():
    from tests.test_text_read import body
    pages = [["1 Quick Start", "", *body(1)], [*body(2)], ["2 Detailed Usage", "", *body(3)], [*body(4)],
             ["3 Implementation", "", *body(5)], [*body(6)],
             ["4 Change History", "", "0.7 Trim spaces; fix tags . . . . . . 35", "1.0 Initial release . . . . . . 1",
              "2.1 Standardized arguments . . . . . . 12", *body(7)]]
    assert [h.title for h in find_headings(_dump(pages))][-1] == "4 Change History"


def test_a_labelled_titles_last_words_below_a_blank_line():
    """Plain pdftotext sets a blank line between a large heading's lines: the words that close
    the title's quotation ("Copyists”") or its roman number ("II") go with it; a short line of
    text below a finished title does not."""
    blocks = [["CHAPTER ONE: Creators", ""], [], ["CHAPTER TWO: “Mere", "", "Copyists”", ""], [],
              ["CHAPTER THREE: Eldred", "", "II", ""], [], ["CHAPTER FOUR: “Catalogs”", "", "Lost”", ""]]
    titles = [h.title for h in find_headings(_pages_of(blocks))]
    assert titles == ["CHAPTER ONE: Creators", "CHAPTER TWO: “Mere Copyists”", "CHAPTER THREE: Eldred II",
                      "CHAPTER FOUR: “Catalogs”"]


def _contents_book(headings):
    """A book of 40 pages: a contents on page 2 (chapters in capitals, sections in mixed case, as
    a publisher sets them), the given page-opening headings elsewhere."""
    from pipeline.records import Page
    contents = ["CONTENTS", "", "PREFACE xi", "CHAPTER ONE: Creators 1", "Film 4", "CHAPTER TWO: Copyists 9",
                "CHAPTER THREE: Catalogs 12", "CHAPTER FOUR: Pirates 15",
                "CHAPTER FIVE: Piracy 17", "CHAPTER SIX: Founders 19", "AFTERWORD 20", "Us, Now 22", "Them, Soon 25", "NOTES 30", "INDEX 35"]
    pages = {2: contents}
    pages.update({page: [title, "", "The text of the chapter goes on here."] for page, title in headings})
    return [Page(doc_id="d", page=p, printed_page=p, printed_page_inferred=False,
                 body_lines=tuple(pages.get(p, ["Text of the page, with no heading."])), footnote_lines=(), removed=())
            for p in range(1, 41)]


def test_the_contents_tells_chapters_from_sections_and_matter_it_does_not_list():
    """A dump's headings, all in capitals: the contents lists the chapters in capitals and 'Us, Now'
    in the sections' mixed case; it does not list the front page's 'ALSO BY ...' nor 'ABOUT THE
    AUTHOR' after the index; 'ACKNOWLEDGMENTS' at the end is back matter by name; a heading between
    the listed ones that the contents misses (a converter's garbled entry) is kept."""
    from pipeline.structure.chapters import Heading
    from pipeline.structure.contents import listed_in_contents
    found = [(1, "ALSO BY JOHN SMITH"), (4, "PREFACE"), (6, "CHAPTER ONE: Creators"), (12, "CHAPTER TWO: Copyists"),
             (14, "CHAPTER THREE: Catalogs"), (16, "CHAPTER FOUR: Pirates"), (18, "PUZZLES"),
             (19, "CHAPTER FIVE: Piracy"), (20, "CHAPTER SIX: Founders"), (22, "AFTERWORD"), (24, "US, NOW"), (27, "THEM, SOON"), (31, "NOTES"), (36, "INDEX"),
             (38, "ACKNOWLEDGMENTS"), (40, "ABOUT THE AUTHOR")]
    pages = _contents_book(found)
    headings = [Heading(page=p, end_line=1, title=t, line=0) for p, t in found]
    kept = [h.title for h in listed_in_contents(headings, pages)]
    assert kept == ["PREFACE", "CHAPTER ONE: Creators", "CHAPTER TWO: Copyists", "CHAPTER THREE: Catalogs",
                    "CHAPTER FOUR: Pirates", "PUZZLES", "CHAPTER FIVE: Piracy", "CHAPTER SIX: Founders", "AFTERWORD", "NOTES",
                    "INDEX", "ACKNOWLEDGMENTS"]


def test_headings_a_contents_barely_lists_are_left_alone():
    from pipeline.structure.chapters import Heading
    from pipeline.structure.contents import listed_in_contents
    found = [(4, "PREFACE"), (6, "CHAPTER ONE: Creators"), (12, "GENESIS"), (18, "EXODUS"), (24, "LEVITICUS"),
             (27, "NUMBERS"), (31, "DEUTERONOMY")]
    pages = _contents_book(found)
    headings = [Heading(page=p, end_line=1, title=t, line=0) for p, t in found]
    assert listed_in_contents(headings, pages) == headings


def test_a_numbered_heading_printed_again_lower_on_its_page_begins_there():
    """LaTeX's running head names the section from the page where it begins: '5 Collect Notes
    ...' atop the page (its title taking the next line too) and again in mid-page, where the
    section begins; the one atop is the running head."""
    from pipeline.structure.numbered_headings import NumberedHeading, _below_its_running_head
    head = NumberedHeading(page=7, line=0, end_line=2, number=5, title="5 Collect Notes Section-wise \\enmark")
    heading = NumberedHeading(page=7, line=49, end_line=50, number=5, title="5 Collect Notes Section-wise")
    other = NumberedHeading(page=7, line=60, end_line=61, number=6, title="6 Language Support")
    assert _below_its_running_head([head, heading, other]) == [heading, other]
    assert _below_its_running_head([heading, other]) == [heading, other]


def test_a_contents_of_mixed_case_chapters_drops_no_matter_set_in_capitals():
    """Chapters in mixed case, the front and back matter in capitals: no heading is a section."""
    from pipeline.records import Page
    from pipeline.structure.chapters import Heading
    from pipeline.structure.contents import listed_in_contents
    contents = ["CONTENTS", "", "PREFACE xi", "1 Trade with Asia 1", "2 Trade with Africa 9", "3 Latin America 15",
                "4 The Far Arc 21", "5 Prospects 27", "6 Summary 31", "NOTES 33", "INDEX 37"]
    found = [(4, "PREFACE"), (6, "1 Trade with Asia"), (12, "2 Trade with Africa"), (18, "3 Latin America"),
             (24, "4 The Far Arc"), (28, "5 Prospects"), (32, "6 Summary"), (34, "NOTES"), (38, "INDEX")]
    lines = {2: contents} | {p: [t, "", "The text of the chapter goes on here."] for p, t in found}
    pages = [Page(doc_id="d", page=p, printed_page=p, printed_page_inferred=False,
                  body_lines=tuple(lines.get(p, ["Text of the page."])), footnote_lines=(), removed=())
             for p in range(1, 41)]
    headings = [Heading(page=p, end_line=1, title=t, line=0) for p, t in found]
    assert listed_in_contents(headings, pages) == headings


def test_pdfplumbers_numbered_heading_may_open_with_a_name_in_lower_case():
    """pdfplumber sets no blank lines, so a numbered heading must look like a title: a capital, or
    a name in lower case then title case ('7 hyperref Support'); not a line of a sentence."""
    from pipeline.structure.numbered_headings import _title_shaped
    assert _title_shaped("hyperref Support", 80, spaced=False)
    assert _title_shaped("Language Support", 80, spaced=False)
    assert not _title_shaped("items were listed in the table", 80, spaced=False)
    assert not _title_shaped("enterprises of the region", 80, spaced=False)


def test_a_chapters_label_word_number_and_title_each_set_apart():
    """Sphinx opens a chapter with 'CHAPTER', 'ONE' and its title on lines of their own, blank
    lines between: one heading, not the title 'CHAPTER' with the rest left as text."""
    blocks = [["CHAPTER", "", "ONE", "", "SCOPE OF THIS DOCUMENT", ""], [],
              ["CHAPTER", "", "TWO", "", "APPLYING TO BECOME A MEMBER", ""], []]
    pages = _pages_of(blocks)
    headings = find_headings(pages)
    assert [h.title for h in headings] == ["CHAPTER ONE SCOPE OF THIS DOCUMENT", "CHAPTER TWO APPLYING TO BECOME A MEMBER"]
    assert all(h.end_line == 5 for h in headings)  # the line after the title


def test_a_contents_page_is_told_by_its_entries():
    """Entries with dot leaders, or leaders beside pdftotext's column of page numbers, on most of
    a page's lines make it a contents (or index) page; a few leaders among text do not."""
    from pipeline.structure.contents import contents_lines
    leaders = [f"{k}.1 Section {k} . . . . . . . . . . . . . . . . . ." for k in range(1, 7)]
    contents = ["Contents", ""] + leaders + ["", "Appendix A Essential programs", ""] + [str(20 + k) for k in range(7)]
    assert contents_lines(contents) == set(range(2, 8)) | set(range(11, 18))
    index = ["Index of Names", ""] + [f"term {k} . . . . . . . . . . . . . . . {k}, {k + 3}" for k in range(1, 12)]
    assert 0 not in contents_lines(index) and 2 in contents_lines(index)
    from tests.test_text_read import body
    assert not contents_lines(body(1) + body(2) + leaders[:5] + body(3) + body(4) + body(5))
    # a titled contents pdftotext scattered a line each: numbers, then titles, no leaders
    scattered = ["Contents", "Getting Started", "", "iii", ""] + [x for k in range(1, 7) for x in (
        str(k), "", f"Section title {k}", "", str(k + 2), "")]
    assert {5, 9, 11} <= contents_lines(scattered)
    assert not contents_lines(["Introduction", ""] + [x for k in range(1, 7) for x in (str(k), "", f"Step {k}", "")])


def test_a_label_word_over_its_number_and_a_sentence_is_no_spread_heading():
    """'CHAPTER' / 'ONE' over a paragraph is not one heading with the paragraph as its title;
    'APPENDIX' / 'A' / its title is."""
    from pipeline.structure.chapters import _page_heading
    prose = ["It was a dark and stormy night, and the rain fell in torrents, except at occasional",
             "intervals, when it was checked by a violent gust of wind which swept up the streets."]
    assert _page_heading(["CHAPTER", "", "ONE", "", "It was a dark and stormy night.", ""] + prose) != (
        5, "CHAPTER ONE It was a dark and stormy night.")
    assert _page_heading(["APPENDIX", "", "A", "", "PLATFORM NOTES", ""] + prose) == (5, "APPENDIX A PLATFORM NOTES")


def test_an_outlines_top_entry_with_a_sections_number_is_no_chapter_even_where_it_opens_a_page():
    """Texinfo puts sections at the outline's top level: "B.4 What to Include ..." opening a page
    in the body's type is a section; "Glossary" opening its page in the body's type is a chapter."""
    from pipeline.records import OutlineEntry, Page
    from pipeline.structure.chapters import headings_from_outline
    opening = {1: ("Appendix A Defaults", 1.4), 3: ("Appendix B Bugs", 1.4), 4: ("B.4 What to Include in a Report", None),
               5: ("Glossary", None), 6: ("Appendix C Notes", 1.4)}
    pages = [Page(doc_id="d", page=p, printed_page=p, printed_page_inferred=False,
                  body_lines=(opening[p][0], "", "The text of the page goes on here.") if p in opening
                  else ("Text of the page, with no heading.",),
                  footnote_lines=(), removed=(),
                  heading_lines=((0, opening[p][1], True),) if p in opening and opening[p][1] else ())
             for p in range(1, 8)]
    outline = [OutlineEntry(level=0, title=t.split(" ", 2)[-1] if t.startswith("Appendix") else t.split(" ", 1)[-1]
                            if t[0] == "B" and t[1] == "." else t, page=p) for p, (t, _) in opening.items()]
    assert [h.title for h in headings_from_outline(pages, outline)] == [
        "Appendix A Defaults", "Appendix B Bugs", "Glossary", "Appendix C Notes"]


def _numbered_book(pages_lines):
    from pipeline.records import Page
    return [Page(doc_id="d", page=k + 1, printed_page=printed, printed_page_inferred=False,
                 body_lines=tuple(lines), footnote_lines=(), removed=tuple(removed))
            for k, (printed, lines, removed) in enumerate(pages_lines)]


def _text(n):
    return [f"The text of this page runs on in full lines, as a manual's text does, line {k} of it." for k in range(n)]


def test_the_heading_opening_the_main_texts_first_page_named_by_its_running_head_is_a_chapter():
    """Texinfo's unnumbered "Summary of DDD" opens printed page 1, before "1 A Sample Session",
    and the running head above it names it; the title page before it, with no running head, gives
    no chapter. An index whose entries open in lowercase ("activeButtonColorKey . . . 56") keeps
    its heading."""
    pages = _numbered_book([
        (None, ["A Manual of Things", "", "Its Author"], ()),
        (1, ["Summary of Things"] + _text(20), ("Summary of Things 1",)),
        (2, ["", "1 A Sample Session", ""] + _text(20), ("2",)),
        (3, ["", "2 Getting In and Out", ""] + _text(20), ("3",)),
        (4, ["", "3 The Windows", ""] + _text(20), ("4",)),
        (5, ["", "4 Navigating", ""] + _text(20), ("5",)),
        (6, ["Resource Index", "", "", "activeButtonColorKey . . . . . . . . . . . . . . . . . . 56",
             "align2dArrays . . . . . . . . . . . . . . . . . . . . . . . . . . . 121"], ("Resource Index", "6")),
    ])
    assert [h.title for h in find_headings(pages)] == [
        "Summary of Things", "1 A Sample Session", "2 Getting In and Out", "3 The Windows", "4 Navigating", "Resource Index"]


def test_a_pdfs_title_and_a_heading_in_another_face_are_no_chapters():
    """Without an outline: the title only the first page sets, above the chapters' size, is the
    document's; a poem's title set in the chapters' size but not in their bold is an example's."""
    from pipeline.records import Page
    from pipeline.structure.chapters import headings_from_layout
    opening = {1: [("Package thing:", 1.72, False), ("Yet Another Package", 1.72, False), ("1 Introduction", 1.43, True)],
               2: [("2 Basic Usage", 1.43, True)], 3: [("3 Synchronization", 1.43, True)],
               4: [("An Ode/To Joy", 1.43, False)], 5: [("4 Environments", 1.43, True)]}
    pages = []
    for p in range(1, 7):
        heads = opening.get(p, [])
        lines = [t for t, _, _ in heads] + ["The text of the page goes on here, in full lines of the body."] * 3
        pages.append(Page(doc_id="d", page=p, printed_page=p, printed_page_inferred=False, body_lines=tuple(lines),
                          footnote_lines=(), removed=(),
                          heading_lines=tuple((k, size, bold) for k, (_, size, bold) in enumerate(heads))))
    assert [h.title for h in headings_from_layout(pages)] == [
        "1 Introduction", "2 Basic Usage", "3 Synchronization", "4 Environments"]


def test_a_contents_below_the_title_block_is_told_up_to_the_running_text():
    """A manual's first page: title, author, "Table of Contents", its entries (a converter setting
    some page numbers apart), the first section and its text. The entries are contents lines, the
    text below them is not."""
    from pipeline.structure.contents import contents_lines
    lines = ["A Package", "v0.10d 2022/01/04", "", "Some Author", "", "Table of Contents",
             "1 Licence and Requirements 1", "2 Motivation", "1", "3 Usage 2",
             "3.1 Placing the Notes . . . . . . . 2", "3.2 Printing the Notes . . . . . . . 3", "4 Options 4",
             "4.1 Package Options . . . . . . . . 4", "", "1 Licence and Requirements",
             "Permission is granted to copy, distribute and/or modify this software under the terms of the",
             "License, version 1.3c or later. The software has the status maintained 2."]
    found = contents_lines(lines)
    assert set(range(6, 14)) <= found and not found & {0, 1, 3, 5, 16, 17}


def test_a_contents_numbers_are_no_markers():
    """The paragraphs of a contents lose no page number to a note's marker: the text below does
    not mark note 2, and the contents' "Motivation 2" does not either."""
    from pipeline.records import Footnote, Page
    from pipeline.structure.claims import build_claims
    lines = ("A Package", "", "Table of Contents", "1 Licence and Requirements 1", "2 Motivation 2",
             "3 Usage 2", "3.1 Placing the Notes . . . . . . . 2", "3.2 Printing the Notes . . . . . . . 3", "",
             "The text of the first section says what the package does, and it cites no note.")
    page = Page(doc_id="d", page=1, printed_page=1, printed_page_inferred=False, body_lines=lines,
                footnote_lines=("2 A note.",), removed=())
    note = Footnote(doc_id="d", footnote_id="n2", number=2, page=1, end_page=1, text="A note.", raw_text="A note.",
                    url=None, year=None, authors=(), title=None, publisher=None, cited_pages=None, kind="other",
                    number_in_text=True)
    built = build_claims([page], [], [], (note,))
    claim = {c.claim_id: c.text for c in built.claims}
    assert [claim[link.claim_id] for link in built.links] == []


def test_a_chapters_number_set_apart_from_its_title_across_parallel_columns():
    """Plain pdftotext sets a heading spanning two parallel columns as its number alone, the
    other column's lines, then its title: the chapter the numbered chain skips is found where the
    contents (here at the book's back) lists its title; a number alone with no listed title below
    it stays none."""
    left = ["\\switchcolumn[1]*", "source", "\\switchcolumn[0]"]
    pages = _numbered_book([
        (1, ["", "1 Introduction", ""] + _text(20), ("1",)),
        (2, ["", "2 Basic Usage", ""] + _text(20), ("2",)),
        (3, _text(8) + ["", "3", ""] + left + ["", "Column Synchronization", ""] + _text(10), ("3",)),
        (4, ["", "4 Environments for Columns", ""] + _text(20), ("4",)),
        (5, ["", "5 Floats and Footnotes", ""] + _text(8) + ["", "6", ""] + left + ["", "A Figure's Caption", ""], ("5",)),
        (6, ["", "7 Reference Manual", ""] + _text(20), ("6",)),
        (7, ["Contents", "1 Introduction . . . . . . 1", "2 Basic Usage . . . . . . 2",
             "3 Column Synchronization . . . . . . 3", "4 Environments for Columns . . . . . . 4",
             "5 Floats and Footnotes . . . . . . 5", "6 Closing the Environment . . . . . . 5",
             "7 Reference Manual . . . . . . 6"], ("7",)),
    ])
    titles = [h.title for h in find_headings(pages)]
    assert "3 Column Synchronization" in titles and titles.index("3 Column Synchronization") == 2
    assert not any(t.startswith("6") for t in titles) and "7 Reference Manual" in titles


def test_a_chapters_title_stops_at_its_first_sections_heading_and_its_one_running_head_is_no_chapter():
    """pdftotext sets a chapter's label, its title and the first section's heading with no blank
    line between ("Chapter 1" / "Getting Started" / "1.1 Introduction"): the title stops before
    the section's number. A short chapter's one running head ("CHAPTER 2. AUXILIARY FILES" atop
    its second page), too rare to be told by repetition, repeats the heading: no chapter."""
    from tests.test_text_read import body
    pages = [["Chapter 1", "", "Getting Started", "1.1 Introduction", *body(1)], [*body(2)], [*body(3)],
             ["Chapter 2", "", "Auxiliary Files", "2.1 Font Maps", *body(4)],
             ["CHAPTER 2. AUXILIARY FILES", "", *body(5)], [*body(6)], [*body(7)],
             ["Chapter 3", "", "Graphics", "3.1 Image Inclusion", *body(8)], [*body(9)],
             ["26 Chapter 3. Graphics", "", *body(10)]]
    assert [h.title for h in find_headings(_dump(pages))] == [
        "Chapter 1 Getting Started", "Chapter 2 Auxiliary Files", "Chapter 3 Graphics"]
    pages[4][0] = "CHAPTER2. AUXILIARYFILES"  # pdfplumber runs the repeat's label on
    assert [h.title for h in find_headings(_dump(pages))] == [
        "Chapter 1 Getting Started", "Chapter 2 Auxiliary Files", "Chapter 3 Graphics"]


def test_numbered_chapters_set_apart_from_their_titles_by_margin_notes_are_found_from_the_contents():
    """Plain pdftotext sets a ltxdoc manual's section numbers alone, then the margin's command
    names, then the title ("2" / "\\latin" / "Language Commands"): no numbered heading runs in
    sequence, but the contents lists each title under its number, and the numbers alone with
    those titles below them, in order, are the chapters. A number alone above an unlisted line is
    none."""
    contents = ["The liturg Package", "", "Contents", "1 Introduction", "", "1", "", "2 Language Commands", "", "2",
                "", "3 Missal Texts", "", "2", "", "4 Breviary Texts", "", "3", ""]
    pages = _numbered_book([
        (1, contents + ["1", "", "Introduction", ""] + _text(10), ("1",)),
        (2, ["", "2", "", "\\latin", "", "Language Commands", ""] + _text(10), ("2",)),
        (3, _text(6) + ["", "3", "", "\\instruct", "", "\\priest", "", "Missal Texts", ""] + _text(10), ("3",)),
        (4, _text(6) + ["", "7", "", "\\markup", "", "Further Reading", ""] + _text(6)
         + ["", "4", "", "\\markup", "", "}", "", "Breviary Texts", ""] + _text(10), ("4",)),
    ])
    assert [(h.page, h.title) for h in find_headings(pages)] == [
        (1, "1 Introduction"), (2, "2 Language Commands"), (3, "3 Missal Texts"), (4, "4 Breviary Texts")]


def test_a_chapters_title_set_apart_from_its_number_may_have_code_right_below_it():
    """A ltxdoc manual's implementation chapter: "3" alone, then its title with the listing's
    first line set right below it ("The code" over "<*parrun>"), no blank line between."""
    contents = ["The liturg Package", "", "Contents", "1 Introduction", "", "1", "", "2 Language Commands", "", "2",
                "", "3 The code", "", "3", ""]
    pages = _numbered_book([
        (1, contents + ["1", "", "Introduction", ""] + _text(10), ("1",)),
        (2, ["", "2", "", "\\latin", "", "Language Commands", ""] + _text(10), ("2",)),
        (3, ["3", "1", "", "The code", "<*liturg>", "", "\\NeedsTeXFormat{LaTeX2e}"] + _text(10), ("3",)),
    ])
    assert [(h.page, h.title) for h in find_headings(pages)] == [
        (1, "1 Introduction"), (2, "2 Language Commands"), (3, "3 The code")]


def test_a_contents_whose_page_numbers_stand_apart_is_no_chain_of_chapters():
    """Plain pdftotext sets a contents' page numbers on lines of their own ("2 Invocation" / "" /
    "4"), so its entries read as numbered headings in sequence; the chapters are the numbers set
    apart from their titles in the text ("2" / "" / "Invocation"), which the contents lists."""
    contents = ["Contents", "1 Overview", "", "1", "", "1.1", "", "New features . . . . . . . . . . . . .", "", "2", "",
                "2 Invocation", "", "4", "", "2.1", "", "Package options . . . . . . . . . . . . .", "", "4", "",
                "3 Basic usage", "", "5", "", "3.1", "", "Tree syntax . . . . . . . . . . . . .", "", "5", "",
                "4 Using the package", "", "6", ""]
    pages = _numbered_book([
        (1, ["1", "", "Overview", ""] + _text(10), ("1",)),
        (2, contents, ("2",)),
        (3, ["2", "", "Invocation", ""] + _text(10), ("3",)),
        (4, _text(4) + ["", "3", "", "Basic usage", "", "3.1", "", "Tree syntax", ""] + _text(10), ("4",)),
        (5, _text(4) + ["", "4", "", "Using the package", ""] + _text(10), ("5",)),
        *((n, _text(20), (str(n),)) for n in range(6, 10)),
    ])
    assert [(h.page, h.title) for h in find_headings(pages)] == [
        (1, "1 Overview"), (3, "2 Invocation"), (4, "3 Basic usage"), (5, "4 Using the package")]


def test_a_contents_ends_where_the_texts_first_heading_repeats_its_first_entry():
    """A contents with the text going on below it on its page: its entries stop at the first
    chapter's heading, which repeats the first entry's title ("Introduction" below "1
    Introduction"), its number set apart a few lines above it ("1" / "parrun" / "multicol", beside
    margin notes), and the text below is no entry."""
    from pipeline.structure.contents import contents_entries, contents_lines, text_below_contents
    lines = ["The parrun package", "", "Contents", "1 Introduction", "", "1", "", "2 User interface",
             "2.1 Environments . . . . . . . . . . . . 2", "2.2 The command Place . . . . . . . . . . . . 2",
             "2.3 The option multicol . . . . . . . . . . . . 2", "3 The code",
             "3.1 Package identification . . . . . . . . . . . . 3", "3.2 Conditionals . . . . . . . . . . . . 3",
             "", "2", "", "3", "", "1", "parrun", "", "multicol", "", "Introduction", "",
             "It may occur, especially in anthologies and collections, that a translation and the",
             "original parallel text must not be disposed on two different pages."]
    assert text_below_contents(lines) == 19  # the chapter's number set apart, three lines above its title
    assert {5, 8, 13, 15} <= contents_lines(lines)
    page = _numbered_book([(1, lines, ())])[0]
    entries = contents_entries([page])
    assert entries[0] == "1 Introduction" and "multicol" not in entries and "Introduction" not in entries
    assert not any(e.startswith("It may occur") for e in entries)


def test_chapters_numbered_with_a_stop_run_in_sequence_where_no_plain_numbers_do():
    """'1. Introduction', '2. User commands': numbers with a stop head the chapters where no plain
    numbered headings run in sequence; beside plain ones ('1 Quick Start'), a numbered list's
    items set so ('1. Open the file') stay text."""
    from tests.test_text_read import body
    dotted = [["1. Introduction", "", *body(1), "", "2. User commands", "", *body(2)],
              [*body(3), "", "3. Interface for package authors", "", *body(4)], [*body(5), "", "4. Revision history", "", *body(6)]]
    assert [h.title for h in find_headings(_dump(dotted))] == [
        "1. Introduction", "2. User commands", "3. Interface for package authors", "4. Revision history"]
    plain = [["1 Quick Start", "", *body(1), "", "1. Open the file", "", *body(2)],
             ["2. Save it", "", *body(3), "", "3. Close it", "", *body(4)],
             ["2 Detailed Usage", "", *body(5), "", "4. Print it", "", *body(6)], ["3 Options", "", *body(7)]]
    assert [h.title for h in find_headings(_dump(plain))] == ["1 Quick Start", "2 Detailed Usage", "3 Options"]


def test_an_outlines_entry_takes_the_heading_not_the_contents_line_above_it_on_its_page():
    """A short manual prints its contents and its first section on one page, the contents'
    entries in bold as the headings are: the outline's "Introduction" is the heading "1
    Introduction", not the contents' line "1 Introduction 1" run on with the next entry."""
    from pipeline.records import OutlineEntry, Page
    from pipeline.structure.chapters import headings_from_outline
    first = ("Contents", "1 Introduction 1", "2 Usage 2", "", "1 Introduction", "", "The text of the page goes on.")
    pages = [Page(doc_id="d", page=1, printed_page=1, printed_page_inferred=False, body_lines=first,
                  footnote_lines=(), removed=(), heading_lines=((1, 1.0, True), (2, 1.0, True), (4, 1.4, True))),
             Page(doc_id="d", page=2, printed_page=2, printed_page_inferred=False,
                  body_lines=("2 Usage", "", "The text of the page goes on."), footnote_lines=(), removed=(),
                  heading_lines=((0, 1.4, True),))]
    outline = [OutlineEntry(level=0, title="Introduction", page=1), OutlineEntry(level=0, title="Usage", page=2)]
    assert [(h.page, h.title) for h in headings_from_outline(pages, outline)] == [(1, "1 Introduction"), (2, "2 Usage")]


def test_pdfplumbers_numbered_headings_are_found_though_a_listings_braces_left_blank_lines():
    """pdfplumber sets no blank lines; a listing's lone braces and percent signs, taken off as
    debris, leave blank lines in their place: no sign of a converter that spaces its blocks, so
    headings need no blank line above them."""
    from tests.test_text_read import body, document
    from pipeline.read.text import split_pages
    from pipeline.structure.zones import clean_pages
    code = ["\\newcommand\\foo{", "}", "%", "\\newcommand\\bar{", "}", "%", "\\newcommand\\baz{", "}", "}"]
    pages = ["\n".join(["1 Introduction", *body(1), *code, *body(2), "2 Package use", *body(3), *code, "1"]),
             "\n".join([*body(4), *code, "3 Troubleshooting", *body(5), *code, "2"]),
             "\n".join([*body(6), *code, "4 Sample document", *body(7), *code, "3"])]
    found = find_headings(clean_pages(split_pages(document("\f".join(pages)))))
    assert [h.title for h in found] == ["1 Introduction", "2 Package use", "3 Troubleshooting", "4 Sample document"]


def test_a_chapters_number_set_apart_above_a_figures_labels_takes_the_title_below_them():
    """Plain pdftotext may set a chapter's number before a diagram's labels and its title after
    them ("4" / "ZP" / "Abbreviations"): the title is the first line of words below the labels,
    before the text goes on. A short title with the text right below it stays the title; the
    title page's date between the first number and its title is stepped over."""
    pages = _numbered_book([
        (1, ["The ifthings package", "", "1", "", "2017/10/13", "", "Introduction", ""] + _text(10), ("1",)),
        (2, _text(4) + ["", "2", "", "ZP", "", "Abbreviations", ""] + _text(10), ("2",)),
        (3, _text(4) + ["", "3", "", "Arg", "", "Core", "Clause", "Clause", "", "Tree-Building Commands and Arguments", ""]
         + _text(10), ("3",)),
        (4, ["4", "", "Use", ""] + _text(6) + ["", "Further Remarks", ""] + _text(4), ("4",)),
        (5, ["5", "", "How to use it", "", "5.1", "", "The basics", ""] + _text(6), ("5",)),
        (6, ["6", "", "Code", "", "5.1", "", "Implementation", ""] + _text(6), ("6",)),
    ])
    assert [(h.page, h.title) for h in find_headings(pages)] == [
        (1, "1 Introduction"), (2, "2 Abbreviations"), (3, "3 Tree-Building Commands and Arguments"), (4, "4 Use"),
        (5, "5 How to use it"), (6, "6 Code")]


def test_a_chapters_number_above_margin_macro_names_takes_the_title_below_them():
    """Plain pdftotext sets a manual's margin notes (the macros a section describes) right below
    the chapter's number alone, before its title: "4" / "\\tableplace" / "\\figureplace" / blank /
    "Modifying marker text"."""
    pages = _numbered_book([
        (1, ["1", "", "In many voices", ""] + _text(10), ("1",)),
        (2, _text(4) + ["", "2", "\\tableplace", "\\figureplace", "\\floatplace", "", "Modifying marker text", ""]
         + _text(10), ("2",)),
        (3, _text(4) + ["", "3", "\\AtBeginFigures", "", "Commands before processing delayed material", ""] + _text(10), ("3",)),
    ])
    assert [(h.page, h.title) for h in find_headings(pages)] == [
        (1, "1 In many voices"), (2, "2 Modifying marker text"), (3, "3 Commands before processing delayed material")]


def test_chapters_numbered_with_a_stop_win_over_a_contents_page_numbers_running_plain():
    """Plain pdftotext sets a contents whose entries read "1." / "Introduction" / "1" / "2." /
    "Quick Reference" / "2": the page numbers above the next titles run plain (1, 2, 3) on the
    contents page alone, the chapters' own numbers, with their stop, through the whole text."""
    contents = ["Contents", "1.", "", "Introduction", "", "2.", "", "1", "", "Quick Reference", "", "2", "",
                "3.", "", "Advanced Interface", "", "3", "", "4.", "", "Additional Notes", "", "9"]
    pages = _numbered_book([(None, contents, ())] + [
        (n, _text(3) + ["", f"{n}.", "", title, ""] + _text(12), (str(n),))
        for n, title in enumerate(["Introduction", "Quick Reference", "Advanced Interface", "Additional Notes"], start=1)])
    assert [h.title for h in find_headings(pages) if h.title[0].isdigit()] == [
        "1. Introduction", "2. Quick Reference", "3. Advanced Interface", "4. Additional Notes"]


def test_two_chapters_the_contents_lists_under_their_numbers_are_the_chapters():
    """A short manual of two numbered chapters: too few to run as a chain alone, but the
    contents lists each under its number; two numbered headings it does not list stay sections."""
    contents = ["Contents", "1 Presenting niceverb", "1.1 Purpose . . . . . . . . . . . 2",
                "1.2 Examples . . . . . . . . . . . 3", "2 The Package File", "2.1 Preliminaries . . . . . . . . 8",
                "2.2 Implementation . . . . . . . . 9"]
    opening = lambda n, title: _text(2) + ["", str(n), "", title, ""] + _text(14)
    pages = _numbered_book([(None, ["niceverb.sty", "", "Minimizing Markup"], ()), (None, contents, ()),
                            (1, opening(1, "Presenting niceverb"), ("1",))]
                           + [(n, _text(16), (str(n),)) for n in range(2, 8)] + [(8, opening(2, "The Package File"), ("8",))]
                           + [(n, _text(16), (str(n),)) for n in range(9, 14)])
    assert [h.title for h in find_headings(pages) if h.title[0].isdigit()] == ["1 Presenting niceverb", "2 The Package File"]
    unlisted = [p if p.page != 2 else dataclasses.replace(p, body_lines=("Contents", "Nothing listed here")) for p in pages]
    assert [h.title for h in find_headings(unlisted) if h.title[0].isdigit()] == []


def test_appendices_numbered_by_their_letter_alone_follow_the_numbered_chapters():
    """LaTeX numbers appendices by letter: plain pdftotext sets the letter alone above the title
    ("B" / "" / "PhD thesis example"), -layout beside it ("A A very brief introduction"). After
    the numbered chapters, a run of them in order are chapters; the contents' entries before the
    text, and an index's letters ("K Z"), are not."""
    from tests.test_text_read import body
    text = lambda k: [line for n in range(5) for line in body(5 * k + n)]  # noqa: E731
    contents = ["Contents", "1 Introduction", "2 Usage", "3 Recommendations", "",
                "A A very brief introduction to the TeX world", "", "B PhD thesis example", "",
                "C Other useful commands"]
    pages = [contents, ["1 Introduction", "", *text(1)], ["2 Usage", "", *text(2)],
             ["3 Recommendations", "", *text(3)],
             ["A", "", "A very brief introduction to the TeX world", "", *text(4)],
             ["B", "", "PhD thesis example", "", *text(5)],
             ["C Other useful commands", "", *text(6)],
             ["Index", "", "K Z", "", "kerning, 4", "", "L", "", "Loading the package, 3"]]
    titles = [h.title for h in find_headings(_dump(pages))]
    assert titles[-4:] == ["A A very brief introduction to the TeX world", "B PhD thesis example",
                           "C Other useful commands", "Index"]
    assert titles.count("B PhD thesis example") == 1 and not any(t.startswith("K ") for t in titles)
    assert not any(t.startswith("A ") for t in [h.title for h in find_headings(_dump(pages[:-4]))])


def test_a_manuals_full_line_is_read_from_its_prose_not_its_numbered_listings():
    """A package's documented source is mostly short numbered lines of code: the measure a
    heading's title must stay under is the prose's full line, so "1 The main macros: \\cs, \\env, \\M
    and Declarations" is a chapter's title there, not a full line."""
    code = [f"{k} \\newcommand*\\foo{{#1}}%" for k in range(400)]
    prose = [f"This paragraph of the manual explains what macro {k} does and how a user calls it, in full." for k in range(40)]
    pages = [["1 The main macros: \\cs, \\env, \\M and Declarations", "", *prose[:20], "", *code[:130]],
             ["2 Some other macros and extensions", "", *prose[20:], "", *code[130:260]],
             ["3 The package options", "", *code[260:]], ["4 Implementation", "", *_text(10)]]
    titles = [h.title for h in find_headings(_dump(pages))]
    assert titles[:4] == ["1 The main macros: \\cs, \\env, \\M and Declarations", "2 Some other macros and extensions",
                          "3 The package options", "4 Implementation"]


def _prose(n, lines=12):
    from tests.test_text_read import body
    return [line for k in range(lines // 4) for line in body(3 * n + k)]


def test_the_last_chapters_own_notes_heading_is_no_back_matter_where_every_chapter_ends_with_notes():
    """Endnotes under "Notes" closing each numbered chapter (a web page printed to PDF): the last
    chapter's "Notes" follows its text like the others do, and opens no chapter of its own."""
    pages = []
    for k, title in enumerate(["Origins of Trade", "Markets Abroad", "Partners in Asia"], 1):
        pages.append([f"{k}. {title}", *_prose(k)])
        pages.append([*_prose(k + 10, 8), "", "Notes", f"1. Smith, J. {title}. Minsk, 2020.",
                      f"2. Brown, A. On {title.lower()}. Harare, 2021."])
    assert [h.title for h in find_headings(_dump(pages))] == [
        "1. Origins of Trade", "2. Markets Abroad", "3. Partners in Asia"]


def test_a_book_title_printed_over_every_page_is_no_chapter_opening_the_title_page():
    """A browser prints the document's title over every page, its title page too: the title page's
    own title, the same words, is the book's, not an unnumbered first chapter's."""
    head = "Belarus and Its Partners"
    from tests.test_text_read import document
    pages = [[head, "", head, "Essays"]]
    for k, title in enumerate(["Origins of Trade", "Markets Abroad", "Partners in Asia"], 1):
        pages.append([head, "", f"{k}. {title}", *_prose(k)])
        pages.append([head, "", *_prose(k + 10)])
    text = "\f".join("\n".join([*p, "", str(n)]) for n, p in enumerate(pages, 1))  # the title page is page 1
    assert [h.title for h in find_headings(zone_pages(split_pages(document(text))))] == [
        "1. Origins of Trade", "2. Markets Abroad", "3. Partners in Asia"]


def test_a_title_page_with_no_running_heads_names_the_book_not_a_chapter():
    """A word processor's book: a title page of a few short lines, bare chapter titles, no running
    heads; the title page's title is no chapter. A first page of prose under its heading is one."""
    chapters = ["Pakistan: Potential for Growth", "Zimbabwe: From Economy to Education", "The Key to Cooperation"]
    pages = [["Belarus and Its Partners", "", "Chapters from a monograph on foreign economic", "relations"]]
    for k, title in enumerate(chapters, 1):
        pages.append([title, "", *_prose(k)])
        pages.append(_prose(k + 10))
    assert [h.title for h in find_headings(_dump(pages))] == chapters
    pages[0] = ["Belarus and Its Partners", "", *_prose(20, 4)]
    assert [h.title for h in find_headings(_dump(pages))] == ["Belarus and Its Partners", *chapters]


def test_the_notes_heading_below_the_last_chapters_text_opens_the_back_matter():
    """The endnotes package sets "Notes" below the last chapter's text with no page break, its
    subheadings naming the chapters: a back-matter chapter, as the PDF's type size makes it."""
    pages = []
    for k, title in enumerate(["Origins of Trade", "Markets Abroad", "Partners in Asia"], 1):
        pages.append([f"Chapter {k}", "", title, "", *_prose(k)])
        pages.append(_prose(k + 10))
    pages[-1] = [*_prose(30, 8), "", "Notes", "Chapter 1. Origins of Trade",
                 "1. Smith, J. Origins. Minsk, 2020.", "2. Brown, A. Trade. Harare, 2021."]
    assert [h.title for h in find_headings(_dump(pages))][-1] == "Notes"
