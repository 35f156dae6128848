"""A dump's table of contents: the pages it stands on, and the chapter headings it lists.

A contents page's entries end in page numbers ("Packages . . . . 22", or pdftotext's column of
numbers beside the leaders): no notes and no chapter headings stand among them.

A text dump gives no type sizes, so a section heading that opens a page in capitals ("US, NOW")
looks like a chapter's, and so do the front matter's ("ALSO BY ...") and back matter's ("ABOUT
THE AUTHOR") opening lines. The book's own contents says which are chapters: where it lists nearly
all the headings found, one before or after all those it lists is none (unless named as front or
back matter: "Acknowledgments"), and where it sets its entries in two
styles (chapters in capitals, sections in mixed case: "AFTERWORD 273" above "Us, Now 276"), a
heading listed in the sections' style is a section.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from rapidfuzz import fuzz

from ..ids import normalise_for_id
from ..records import Page
from .numbered_headings import RE_DOT_LEADER, is_matter_heading

RE_CONTENTS_TITLE = re.compile(r"^(?:table of )?contents$", re.I)
RE_ENTRY_PAGE = re.compile(r"(?:\s*\.)*\s+(?:\d{1,4}|[ivxlc]{1,7})$")  # "PREFACE xiii", "Film . . . 53"
RE_BARE_NUMBER = re.compile(r"^(?:\d{1,4}|[ivxlc]{1,7})$")
RE_WORD = re.compile(r"[^\W\d_]{2,}")
RE_LEADING_FIGURES = re.compile(r"^[\d.]+\s*")  # "1 ", "3.2 " of an entry
# a contents or index entry: words, a dot leader, its page numbers ("Film . . . 53", "\end . . . 3, 4, 7, 11–14")
RE_CONTENTS_ENTRY = re.compile(r"[^\W\d_].*?" + RE_DOT_LEADER.pattern + r"\s*(?:\d{1,4}|[ivxlc]{1,7})(?:,\s*\d{1,4}(?:[–-]\d{1,4})?)*\s*$")
RE_OPEN_LEADER = re.compile(r"[^\W\d_].*?" + RE_DOT_LEADER.pattern + r"\s*$")  # an entry whose page number stands apart
RE_PAGE_NUMBERS_LINE = re.compile(r"^\s*\d{1,4}(?:\s+\d{1,4})*\s*$")
MIN_LEADER_LINES = 5  # a contents page's entries: at least this many ...
CONTENTS_LINES_SHARE = 0.5  # ... and with their page numbers this share of its lines
# a line of running text below a contents: no page number, and this many words or characters
PROSE_LINE_WORDS, PROSE_LINE_CHARS = 8, 60
CONTENTS_TITLE_LINES = 3  # a contents page's title stands in its first lines
HEADING_NUMBER_REACH = 3  # the first heading's number set apart stands this many lines above it at most
FRONT_SHARE = 0.25  # the contents stands in the book's first quarter
MIN_ENTRY_SHARE = 0.5  # a page that goes on with the contents: this share of its lines end in a page number
MIN_LISTED = 4  # the contents judges the headings when it lists at least this many of them ...
MIN_LISTED_SHARE = 0.6  # ... and this share
MIN_ENDS_SHARE = 0.75  # the front and back matter it does not list are no chapters where it lists this share
MAJOR_STYLE_SHARE = 2 / 3  # the chapters' style: that of this share of the listed headings
ENTRY_MATCH = 90  # rapidfuzz ratio of a heading and its entry (case and punctuation aside)


def contents_entries(pages: Sequence[Page], *, at_back: bool = False) -> list[str]:
    """The entries of the table of contents, page numbers off, in order; [] without one.
    `at_back`: a contents the book prints at its end counts too, where none stands in front."""
    share = max(1, int(len(pages) * FRONT_SHARE))
    entries = _entries_from(pages, range(share))
    if not entries and at_back:
        entries = _entries_from(pages, range(max(share, len(pages) - share), len(pages)))
    return entries


def _entries_from(pages: Sequence[Page], where: range) -> list[str]:
    """The entries of the contents whose title stands on one of the pages `where`, and of the
    pages after it that go on with it."""
    for k in where:
        page = pages[k]
        lines = [l.strip() for l in page.body_lines]
        at = next((i for i, l in enumerate(lines) if RE_CONTENTS_TITLE.match(l)), None)
        if at is None:
            continue
        entries = _entries(lines[at + 1:_first_heading_below(lines, at)])  # the text may follow on its page
        for later in pages[k + 1:]:
            lines = [l.strip() for l in later.body_lines if l.strip() and not RE_BARE_NUMBER.match(l.strip())]
            if not lines or sum(bool(RE_ENTRY_PAGE.search(l)) for l in lines) < MIN_ENTRY_SHARE * len(lines):
                break
            entries += _entries(lines)
        return entries
    return []


def _entries(lines: Sequence[str]) -> list[str]:
    return [RE_ENTRY_PAGE.sub("", l) for l in lines if l and not RE_BARE_NUMBER.match(l) and RE_WORD.search(l)]


def contents_lines(lines: Sequence[str]) -> set[int]:
    """On a page of a table of contents (or of figures, or an index), its entries' lines: entries
    with a dot leader to their page numbers, or the leaders and, in a column of their own as
    pdftotext sets them, the numbers ("Packages . . . . . ." over "22", "33 33 34"). Empty on
    other pages (most of a contents page's lines are entries). A page titled "Contents" needs no
    leaders: its entries' numbers on lines of their own ("1" / "Landscape and portrait slides" /
    "1", as pdftotext scatters a contents set in a table) are enough."""
    kinds = {k: kind for k, line in enumerate(lines) if (kind := _entry_kind(line))}
    count = Counter(kinds.values())
    text = [line.strip() for line in lines if line.strip()]
    if any(RE_CONTENTS_TITLE.match(line) for line in text[:CONTENTS_TITLE_LINES]) \
            and count["numbers"] + count["entry"] + count["plain"] >= MIN_LEADER_LINES:
        return set(kinds)
    if not (count["entry"] >= MIN_LEADER_LINES or (count["leader"] >= MIN_LEADER_LINES and count["numbers"] >= MIN_LEADER_LINES)):
        return _contents_below_title(lines, kinds)
    return set(kinds) if len(kinds) >= CONTENTS_LINES_SHARE * len(text) else _contents_below_title(lines, kinds)


def _contents_below_title(lines: Sequence[str], kinds: dict[int, str]) -> set[int]:
    """A contents set below a title block on the page ("Table of Contents" under the title, the
    author and the date; the text below it): the lines after its title up to the first that reads
    as running text, when they hold enough entries. They all count, the entries and the titles
    whose page numbers a converter set apart ("2 Motivation" over "1")."""
    at = next((k for k, line in enumerate(lines) if RE_CONTENTS_TITLE.match(line.strip())), None)
    if at is None:
        return set()
    region: list[int] = []
    for k in range(at + 1, len(lines)):
        text = lines[k].strip()
        if not text:
            continue
        if k not in kinds and (len(text.split()) >= PROSE_LINE_WORDS or len(text) >= PROSE_LINE_CHARS):
            break
        region.append(k)
    return set(region) if sum(1 for i in region if i in kinds) >= MIN_LEADER_LINES else set()


def text_below_contents(lines: Sequence[str]) -> int:
    """On a page titled "Contents", where the text's first heading stands below the entries (see
    _first_heading_below); the page's end on other pages."""
    at = next((k for k, line in enumerate(lines) if RE_CONTENTS_TITLE.match(line.strip())), None)
    return len(lines) if at is None else _first_heading_below(lines, at)


def _first_heading_below(lines: Sequence[str], at: int) -> int:
    """Where the text's first heading stands below a contents titled at line `at`: the first line
    after the entries that repeats the first entry's title with no page number or leader of its
    own ("Introduction" below "1 Introduction . . . 1"), or its number set apart a few lines
    above it ("1" / "Introduction", "1" / "parrun" / "multicol" / "Introduction" beside margin
    notes); the page's end without one."""
    first = None  # the first entry's title
    above: list[int] = []  # the lines with text so far
    for k in range(at + 1, len(lines)):
        text = lines[k].strip()
        if not text:
            continue
        title = _title_key(text)
        if first is None:
            first = title or None
        elif title == first and _entry_kind(text) is None:
            return next((i for i in reversed(above[-HEADING_NUMBER_REACH:]) if RE_BARE_NUMBER.match(lines[i].strip())), k)
        above.append(k)
    return len(lines)


def _title_key(line: str) -> str:
    """An entry's or a heading's title as the two are compared: its number, leader and page off."""
    return normalise_for_id(RE_LEADING_FIGURES.sub("", RE_ENTRY_PAGE.sub("", RE_DOT_LEADER.sub(" ", line)).strip()))


def _entry_kind(line: str) -> str | None:
    if RE_CONTENTS_ENTRY.search(line):
        return "entry"
    if RE_OPEN_LEADER.search(line):
        return "leader"
    if RE_PAGE_NUMBERS_LINE.match(line):
        return "numbers"
    return "plain" if RE_ENTRY_PAGE.search(line) and RE_WORD.search(line) else None  # "17 Preliminaries   42"


def _style(entry: str) -> bool:
    """True: the entry opens in capitals ("CHAPTER ONE: Creators", "AFTERWORD")."""
    word = RE_WORD.search(entry)
    return bool(word) and word.group().isupper()


def listed_in_contents(headings: Sequence, pages: Sequence[Page]) -> list:
    """The headings the contents lists as chapters, where it can judge them; else all of them."""
    entries = contents_entries(pages)
    if not entries:
        return list(headings)
    # an entry, or an entry with the next when the converter set a label apart ("Appendix A" above
    # "Application Defaults")
    keyed = [(normalise_for_id(e), e) for e in entries]
    keyed += [(normalise_for_id(f"{a} {b}"), a) for a, b in zip(entries, entries[1:])]
    listed = {}
    for k, h in enumerate(headings):
        title = normalise_for_id(h.title)
        best = max(((fuzz.ratio(title, key), e) for key, e in keyed if key), default=(0, None))
        if best[0] >= ENTRY_MATCH:
            listed[k] = best[1]
    if len(listed) < MIN_LISTED or len(listed) < MIN_LISTED_SHARE * len(headings):
        return list(headings)
    # sections in mixed case below chapters in capitals, never the other way round (a contents of
    # mixed-case chapters may set its PREFACE and INDEX in capitals); matter is never a section
    styles = Counter(_style(e) for e in listed.values())
    caps = styles[True]
    sections_style = False if caps >= MAJOR_STYLE_SHARE * len(listed) and styles[False] else None
    # unlisted: kept between the listed (an entry the converter garbled, a part's title taken for
    # a running head), and at the ends if named as matter ("Acknowledgments" after an article's
    # sections); else dropped before and after them where the contents lists nearly all
    first, last = min(listed), max(listed)
    judges_ends = len(listed) >= MIN_ENDS_SHARE * len(headings)
    return [h for k, h in enumerate(headings)
            if ((_style(listed[k]) != sections_style or is_matter_heading(h.title)) if k in listed
                else first < k < last or not judges_ends or is_matter_heading(h.title))]
