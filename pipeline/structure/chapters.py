"""Chapter headings: from the PDF's outline, from the layout's heading type, or from the text.

The text rule (a dump, no layout): a heading opens a page: its first block, one to three short
lines with no closing punctuation, followed by a blank line and the chapter's first paragraph.

With a layout (a PDF): the outline's top entries point at the pages where chapters open, and the
heading printed there is the chapter's title as the reader sees it ("1 A Sample DDD Session",
"Chapter One: Creators"); sections that some producers put at the outline's top level are set
smaller than chapters and are left out, as are the contents and the cover. Parts whose chapters
sit one level down are kept with their chapters. Without an outline, the headings set in the
chapter tier of type (the largest heading size used on several pages), or labelled "Chapter N",
"Part II", "Appendix A", open chapters.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..ids import content_ids, normalise_for_id
from ..records import RE_DELIMITED_MARK, Chapter, OutlineEntry, Page, plain
from .contents import contents_entries, contents_lines, listed_in_contents, text_below_contents
from .numbered_headings import MIN_CHAIN, RE_DOT_LEADER, SET_APART_REACH, NumberedHeading, is_matter_heading, matter_lines, numbered_candidates, numbered_chains

DEFAULT_MAX_HEADING_LINES = 3
MIN_SPACED_HEADINGS = 2  # fewer headings than this by the spaced rule: try the unspaced one
JOINED_LINE_SHARE = 1.3  # a line longer than this share of the median line is two lines joined
LABELLED_LINE_SHARE = 0.85  # a labelled heading's line: shorter than this share of a full line
MIN_LABELLED_TIER = 3  # labelled headings in capitals that make the capitals the chapter tier
DEFAULT_MAX_HEADING_CHARS = 160
DEFAULT_MAX_HEADING_LINE_CHARS = 70
RE_HEADING_OPENING = re.compile(r"^[“\"«]?[A-Z]")
RE_HEADING_ENDING = re.compile(r"(?:[^\W\d]|[?!)]|[^\W\d][”\"»])$")
RE_LOWER_TAIL = re.compile(r"^[a-z][\w-]*(?: [\w-]+){0,2}$")
RE_ROMAN_TAIL = re.compile(r"^[IVX]{1,4}$")  # "Eldred" over "II"
RE_CLOSED = re.compile(r"[.,;:]\W*$")
RE_SENTENCE_INSIDE = re.compile(r"[a-z]{2}[.;]\s+[A-Z]")
RE_A_WORD = re.compile(r"[^\W\d_]{2,}")
RE_SPACE_AFTER_OPEN_QUOTE = re.compile(r"([“«])\s+")
RE_ENTRY_PAGE = re.compile(r"\S\s+(?:\d{1,4}|[ivxlc]{1,7})$")  # a contents entry's page number
MAX_CONTENTS_GAP = 1  # lines with no page number inside a table of contents (a wrapped entry)
RE_WRAPPED_HYPHEN = re.compile(r"([^\W\d_])- (?=[a-z])")  # "joint ven- tures": a word broken at the line's end
NUMBER_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
                "sixteen|seventeen|eighteen|nineteen|twenty")
# a heading that says it opens a chapter: "Chapter 3", "CHAPTER ONE:", "Part II", "Appendix A", "3 Title", "III. Title"
LABEL_WORDS = "chapter|part|book|appendix|lecture"
RE_LABEL_ALONE = re.compile(rf"^(?:{LABEL_WORDS})$", re.I)  # "CHAPTER" over "ONE"
RE_LETTER_LABEL = re.compile(r"^[A-Z]$")  # an appendix's letter, "APPENDIX" over "A"
_LABEL_WORD = rf"(?:{LABEL_WORDS})\s+(?:\d{{1,3}}|[ivxlc]{{1,7}}|[a-z]|{NUMBER_WORDS})\b"
RE_LABELLED = re.compile(rf"^(?:{_LABEL_WORD}|\d{{1,2}}\.?\s+[A-Z“\"‘']|[IVXLC]{{1,6}}\.\s+[A-Z“\"‘'])", re.I)
RE_LABEL_WORD = re.compile(rf"^{_LABEL_WORD}", re.I)  # a label in words: "CHAPTER ONE", "Part II"
RE_APPENDIX = re.compile(r"^appendix\b", re.I)  # numbered chapters, appendices labelled in words
# outline entries and headings that are not chapters
FRONT_MATTER = re.compile(r"^(?:(?:table of )?contents|cover|title page|copyright|half title|list of (?:figures|tables|illustrations))$",
                          re.I)
OUTLINE_MATCH_MIN = 80  # rapidfuzz partial ratio of an outline title and the heading printed on its page
BOLD_TIER_SHARE = 0.8  # the chapters' headings are bold where this share of their tier is
RE_FIGURES = re.compile(r"\d+")
RE_SECTION_NUMBER = re.compile(r"^(?:\d{1,3}|[A-Z])(?:\.\d{1,3})+\.?\s")  # "B.4 What to ...", "2.3 Options"
TIER_TOLERANCE = 0.06  # heading sizes within this (relative to the body) are one tier


@dataclass(frozen=True)
class Heading:
    page: int
    end_line: int  # index into the page's body_lines just after the heading
    title: str
    line: int = 0  # index into the page's body_lines where the heading starts


def find_headings(pages: Sequence[Page], outline: Sequence[OutlineEntry] = (), *, layout: bool = False) -> list[Heading]:
    """The chapter headings of a document: from its outline, else its layout, else its text."""
    if outline:
        headings = headings_from_outline(pages, outline)
        if headings:
            return headings
    if layout:
        return headings_from_layout(pages)
    # an entry among a contents page's entries is no heading; an index's own heading stands above
    # its entries, and an article's first section below its contents
    entries = {page.page: found for page in pages if (found := contents_lines(page.body_lines))}
    headings = [h for h in _numbered_tier(_text_headings(pages), pages, entries) if not _among(entries.get(h.page, set()), h)]
    headings = _in_order(headings + _matter_outside(headings, pages))
    return _without_running_repeats(listed_in_contents(headings, pages))


RE_EDGE_PAGE_NUMBER = re.compile(r"^\d{1,4}\s+(?=\S)|(?<=\S)\s+\d{1,4}$")  # "26 Appendix A. ...", "... FILES 12"


def _without_running_repeats(headings: Sequence[Heading]) -> list[Heading]:
    """A labelled heading that repeats one before it ("CHAPTER 2. AUXILIARY FILES" after "Chapter
    2" / "Auxiliary Files", "26 Appendix A. Installation Procedures" after "Appendix A ..."),
    its page number aside, is that chapter's running head on a page the repetition test could not
    judge (a short chapter's one running head), not a chapter of its own."""
    seen: set[str] = set()  # the labelled headings so far (pdfplumber may run a repeat's label on: "CHAPTER2.")
    out = []
    for h in headings:
        if normalise_for_id(RE_EDGE_PAGE_NUMBER.sub("", h.title)) in seen:
            continue
        if RE_LABELLED.match(h.title):
            seen.add(normalise_for_id(h.title))
        out.append(h)
    return out


def _among(entries: set[int], heading: Heading) -> bool:
    """Contents entries stand both above the heading and below it."""
    others = entries - set(range(heading.line, heading.end_line))
    return any(k < heading.line for k in others) and any(k >= heading.end_line for k in others)


def _text_headings(pages: Sequence[Page]) -> list[Heading]:
    """The headings that open a dump's pages."""
    headings = []
    for page in pages:
        heading = _page_heading(page.body_lines)
        if heading is not None:
            heading = _label_below(page.body_lines, heading)
            headings.append(Heading(page=page.page, end_line=heading[0], title=heading[1],
                                    line=next(i for i, l in enumerate(page.body_lines) if l.strip())))
    # a converter that sets no blank line after a heading: a page opening with a short title
    # block (a label line such as "Chapter 3" above it, or none) before a full line of text
    measure = _text_measure(pages)
    unspaced = []
    for page in pages:
        heading = _unspaced_heading(page.body_lines, measure)
        if heading is not None:
            unspaced.append(Heading(page=page.page, end_line=heading[1], title=heading[2], line=heading[0]))
    if len(headings) < MIN_SPACED_HEADINGS:
        return _without_book_title(unspaced if len(unspaced) > len(headings) else headings, pages)
    # the spaced rule holds, but a heading that says it opens a chapter ("CHAPTER ONE: Creators")
    # counts with no blank line below it too
    spaced_pages = {h.page for h in headings}
    headings += [h for h in unspaced if h.page not in spaced_pages and RE_LABELLED.match(h.title)]
    if _labels_in_capitals(headings + unspaced):
        # chapters labelled in capitals ("CHAPTER ONE: Creators"): a heading in capitals is one
        # too with no blank line below it ("CONCLUSION"), or alone on its page (a part's title)
        taken = {h.page for h in headings}
        for page in pages:
            if page.page in taken:
                continue
            heading = _unspaced_heading(page.body_lines, measure, one_word=True) or _title_page(page.body_lines)
            if heading is not None and _in_capitals(heading[2]):
                headings.append(Heading(page=page.page, end_line=heading[1], title=heading[2], line=heading[0]))
    return _without_book_title(
        _named_in_running_heads(_labelled_tier(sorted(headings, key=lambda h: (h.page, h.line))), pages), pages)


def _without_book_title(headings: Sequence[Heading], pages: Sequence[Page]) -> list[Heading]:
    """A heading that the running heads print in most of the other chapters is the book's title
    (a half-title page, "FREE CULTURE", whose words head every other page of the book), not a
    chapter's or a part's: their running heads stay within their own pages. So is the heading of a
    title page that names the book alone, with no running heads (a word processor's book)."""
    heads: dict[str, set[int]] = {}
    for page in pages:
        for line in page.removed:
            heads.setdefault(_head_key(line), set()).add(page.page)
    starts = [h.page for h in headings] + [pages[-1].page + 1 if pages else 0]
    out = []
    for k, h in enumerate(headings):
        if k == 0 and len(headings) > 1 and _is_title_page(pages[0], h):
            continue
        title = normalise_for_id(h.title)
        headed = heads.get(title, set()) if len(title) >= MIN_NAME_CHARS else set()
        others = [j for j in range(len(headings)) if j != k]
        spanned = sum(1 for j in others if any(starts[j] <= p < starts[j + 1] for p in headed))
        if len(others) >= MIN_BOOK_TITLE_SPAN and spanned >= BOOK_TITLE_SHARE * len(others):
            continue
        out.append(h)
    return out


def _is_title_page(page: Page, heading: Heading) -> bool:
    """The document's first page holding the heading and a few short lines only (the subtitle,
    the author) and no paragraph: the book's title page, its title no chapter's."""
    lines = [line for line in page.body_lines if line.strip()]
    return (heading.page == page.page and len(lines) <= MAX_TITLE_PAGE_LINES
            and not any(RE_SENTENCE_END.search(line) for line in lines))


def _numbered_tier(headings: Sequence[Heading], pages: Sequence[Page], entries: dict[int, set[int]]) -> list[Heading]:
    """Where no labels in words ("Chapter 3") name the chapters but numbered headings run in
    sequence through the text ("1 Quick Start", "2 Detailed Usage", ...), those are the chapters,
    wherever they stand on their pages, with the appendices and the front and back matter; the
    other headings that open pages are sections, screenshots' labels, code. `entries`: each
    contents page's entry lines (contents_lines)."""
    if sum(1 for h in headings if RE_LABEL_WORD.match(h.title) and not RE_APPENDIX.match(h.title)) >= MIN_LABELLED_TIER:
        return list(headings)
    candidates = numbered_candidates(pages)
    chain, appendices = numbered_chains(candidates)
    # a contents' entries whose page numbers pdftotext set apart ("2 Invocation" / "4") are no
    # chain of chapters: the chapters' own numbers may stand apart from their titles in the text
    contents = _contents_above_text(pages, entries)
    chain = [c for c in chain if not _among(contents.get(c.page, set()), c)]
    listed = _listed_titles(pages)
    if not chain:  # two chapters do where the contents lists each under its number
        short, short_appendices = numbered_chains(candidates, min_chain=MIN_LISTED_CHAIN)
        short = [c for c in short if not _among(contents.get(c.page, set()), c)]
        if len(short) >= MIN_LISTED_CHAIN and all(_listed_under_its_number(c.title, listed) for c in short):
            chain, appendices = short, appendices or short_appendices
    set_apart = _titles_set_apart(chain, pages, contents, listed)
    # without a chain, enough of them in order are the chapters; two do where the contents lists
    # each under its number (a short manual's "1 Presenting niceverb", "2 The Package File")
    if not chain and len(set_apart) < MIN_CHAIN and not (
            len(set_apart) >= MIN_LISTED_CHAIN and all(_listed_under_its_number(h.title, listed) for h in set_apart)):
        return list(headings)
    kept = [Heading(page=c.page, end_line=c.end_line, title=c.title, line=c.line) for c in chain + appendices] + set_apart
    first, last = min((h.page, h.line) for h in kept), max((h.page, h.end_line - 1) for h in kept)
    kept += [h for h in headings if (RE_LABEL_WORD.match(h.title) and not (appendices and RE_APPENDIX.match(h.title)))
             or (is_matter_heading(h.title) and not first <= (h.page, h.line) <= last)]
    kept += [Heading(page=page, end_line=line + 1, title=title, line=line)
             for page, line, title in matter_lines(pages, first, last)]
    kept += _main_text_opening(pages, first)
    return _in_order(kept)


def _matter_outside(headings: Sequence[Heading], pages: Sequence[Page]) -> list[Heading]:
    """The front and back matter headings standing alone before the first chapter and after the
    last ("Preface" over its page, "Notes" below the last chapter's text, where the endnotes
    package sets it with no page break), as the numbered chapters have theirs (matter_lines)."""
    if not headings:
        return []
    first, last = min((h.page, h.line) for h in headings), max((h.page, h.end_line - 1) for h in headings)
    taken = {h.title.lower() for h in headings}  # the numbered chapters' matter is among them
    return [Heading(page=page, end_line=line + 1, title=title, line=line)
            for page, line, title in matter_lines(pages, first, last) if title.lower() not in taken]


RE_ENTRY_NUMBER = re.compile(r"^(\d{1,3})\s+")
MIN_LISTED_CHAIN = 2  # numbered chapters the contents lists each under its number: as few make the tier


def _contents_above_text(pages: Sequence[Page], entries: dict[int, set[int]]) -> dict[int, set[int]]:
    """Each contents page's entry lines above the text that may go on below it on its page."""
    return {page.page: {k for k in entries[page.page] if k < end}
            for page in pages if page.page in entries for end in [text_below_contents(page.body_lines)]}


def _listed_titles(pages: Sequence[Page]) -> dict[str, int | None]:
    """The contents' titles (in front or at the back), each with its number where the entry gives one."""
    listed: dict[str, int | None] = {}
    for entry in contents_entries(pages, at_back=True):
        entry = RE_DOT_LEADER.sub("", entry).strip()
        number = RE_ENTRY_NUMBER.match(entry)
        key = normalise_for_id(RE_ENTRY_NUMBER.sub("", entry))
        if key:
            listed.setdefault(key, int(number.group(1)) if number else None)
    return listed


def _listed_under_its_number(title: str, listed: dict[str, int | None]) -> bool:
    """A heading "2 The Package File" (or "2. ...") the contents lists as "2 The Package File"."""
    number, _, words = title.partition(" ")
    return number.rstrip(".").isdigit() and listed.get(normalise_for_id(words)) == int(number.rstrip("."))


def _titles_set_apart(chain: Sequence[NumberedHeading], pages: Sequence[Page], contents: dict[int, set[int]],
                      listed: dict[str, int | None]) -> list[Heading]:
    """The numbered chapters the chain misses, their number alone on a line and their title a few
    lines below with other lines between, as plain pdftotext sets a heading beside margin notes
    ("2" / "\\latin" / "Language Commands") or across parallel columns: each kept where the
    contents (`listed`: its titles and their numbers) lists the title, in the numbers' order
    between the chapters found. `contents`: each contents page's entry lines (whose own numbers
    are no headings')."""
    if not listed:
        return []
    known = {c.number: (c.page, c.line) for c in chain}
    wanted = {n for n in listed.values() if n is not None} | {c.number + 1 for c in chain if c.number + 2 in known}
    out: list[Heading] = []
    for number in sorted(wanted - set(known)):
        after = max((at for n, at in known.items() if n < number), default=(0, -1))
        before = min((at for n, at in known.items() if n > number), default=(len(pages) + 1, 0))
        found = _title_below_number(pages, number, after, before, listed, contents)
        if found is not None:
            known[number] = (found.page, found.line)
            out.append(found)
    return out


def _title_below_number(pages: Sequence[Page], number: int, after: tuple[int, int], before: tuple[int, int],
                        listed: dict[str, int | None], contents: dict[int, set[int]]) -> Heading | None:
    """The first line holding `number` alone between the places `after` and `before` (no
    contents' entry), with a title the contents lists under that number (or under none) set off
    by a blank line a few lines below it."""
    for page in pages:
        if not after[0] <= page.page <= before[0]:
            continue
        lines = [l.strip() for l in page.body_lines]
        low = after[1] + 1 if page.page == after[0] else 0
        high = before[1] if page.page == before[0] else len(lines)
        for i in range(low, high):
            if lines[i] != str(number) or i in contents.get(page.page, ()):
                continue
            for j in range(i + 1, min(high, i + 1 + SET_APART_REACH)):
                key = normalise_for_id(lines[j])
                # set off above (code or a margin note may follow it right below: "The code" over "<*parrun>")
                alone = lines[j] and not lines[j - 1]
                if alone and key in listed and listed[key] in (number, None):
                    return Heading(page=page.page, end_line=j + 1, title=f"{number} {lines[j]}", line=j)
    return None


def _main_text_opening(pages: Sequence[Page], first: tuple[int, int]) -> list[Heading]:
    """The heading that opens the main text's first page (printed page 1) before the first
    numbered chapter, where that page's running head names it: an unnumbered chapter ("Summary of
    DDD" before "1 A Sample DDD Session"). A title page prints no running head, or the one the
    chapters print too."""
    page = next((p for p in pages if p.printed_page == 1), None)
    if page is None or (page.page, 0) >= first:
        return []
    i = next((k for k, line in enumerate(page.body_lines) if line.strip()), None)
    if i is None:
        return []
    title = page.body_lines[i].strip()
    heads = {_head_key(line) for line in page.removed}
    # a head that runs on into the numbered chapters' pages is the book's title (a browser prints
    # the document's title over every page, the title page too)
    later = {_head_key(line) for p in pages if p.page > first[0] for line in p.removed}
    if not _is_heading_text(title) or _head_key(title) not in heads - later:
        return []
    return [Heading(page=page.page, end_line=i + 1, title=title, line=i)]


def _head_key(line: str) -> str:
    """A running head, or a heading, as the two are compared: figures off ("Summary of DDD 1")."""
    return normalise_for_id(RE_FIGURES.sub("", line))


MIN_BOOK_TITLE_SPAN = 2  # the book's title heads the pages of at least this many chapters ...
BOOK_TITLE_SHARE = 0.6  # ... and of this share of them (a part of two heads half)
MAX_TITLE_PAGE_LINES = 6  # a title page's lines: the title, subtitle, author, publisher
RE_SENTENCE_END = re.compile(r"[a-z]{2}[.!?][\"”’)]*(?:\s|$)")  # prose, which a title page has none of
HEAD_LOOKAHEAD_PAGES = 3  # a chapter's running head appears within this many pages of its heading
MIN_NAMED_SHARE = 0.5  # labelled headings named in running heads that make the heads judge the rest
MIN_NAME_CHARS = 6


def _named_in_running_heads(headings: Sequence[Heading], pages: Sequence[Page]) -> list[Heading]:
    """Where the running heads name the chapters ("Chapter 1: A Sample DDD Session" above its
    pages), a heading with no label that no head names is something else opening a page: a
    figure's labels, a table's caption. Running heads are the lines the reader took off as
    repeated furniture."""
    by_page = {p.page: p for p in pages}
    heads = {p.page: [normalise_for_id(r) for r in p.removed if len(r.split()) >= 2 and any(c.isalpha() for c in r)]
             for p in pages}

    def named(h: Heading) -> bool:
        title = normalise_for_id(h.title)
        near = [t for k in range(h.page, h.page + HEAD_LOOKAHEAD_PAGES + 1) if k in by_page for t in heads[k]]
        return len(title) >= MIN_NAME_CHARS and any(
            (t in title or title in t) and len(t) >= MIN_NAME_CHARS for t in near)

    flags = [named(h) for h in headings]
    labelled = [ok for h, ok in zip(headings, flags) if RE_LABELLED.match(h.title)]
    if len(labelled) < MIN_LABELLED_TIER or sum(labelled) < MIN_NAMED_SHARE * len(labelled):
        return list(headings)
    return [h for h, ok in zip(headings, flags) if ok or RE_LABELLED.match(h.title)]


def _labelled_tier(headings: Sequence[Heading]) -> list[Heading]:
    """Where chapters say what they are in capitals ("CHAPTER ONE: Creators"), the other
    chapter-level headings (PREFACE, NOTES, a part's title) are set in capitals too: a heading in
    mixed case that opens a page without a label is a section ("Law: Duration")."""
    if not _labels_in_capitals(headings):
        return list(headings)
    return [h for h in headings if RE_LABEL_WORD.match(h.title) or _in_capitals(h.title)]


def _labels_in_capitals(headings: Sequence[Heading]) -> bool:
    labels = {(h.page, h.title.split()[0]) for h in headings if RE_LABEL_WORD.match(h.title)}
    return len(labels) >= MIN_LABELLED_TIER and all(_in_capitals(w) for _, w in labels)


def _title_page(lines: Sequence[str]) -> tuple[int, int, str] | None:
    """A page that holds one short title and nothing else with words in it (a printer's proof
    numbers its lines, "S32", and prints crop marks): a part's title page."""
    content = [i for i, l in enumerate(lines) if RE_A_WORD.search(l)]  # not numbers or crop marks
    if len(content) != 1 or len(lines[content[0]].strip()) > DEFAULT_MAX_HEADING_LINE_CHARS:
        return None
    title = lines[content[0]].strip()
    if not RE_HEADING_OPENING.match(title) or not RE_HEADING_ENDING.search(title):
        return None
    return content[0], content[0] + 1, title


def _in_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _text_measure(pages: Sequence[Page]) -> int:
    """The length of a full line of text: the 80th percentile of line lengths, leaving out the
    lines a converter joined (twice a line and more, as plain pdftotext sometimes writes them)."""
    lengths = sorted(len(l.strip()) for p in pages for l in p.body_lines if l.strip())
    if not lengths:
        return 0
    median = lengths[len(lengths) // 2]
    single = [n for n in lengths if n <= JOINED_LINE_SHARE * median] or lengths
    return single[int(0.8 * (len(single) - 1))]


def _unspaced_heading(lines: Sequence[str], measure: int, one_word: bool = False) -> tuple[int, int, str] | None:
    """(first line, line after, title) of a heading opening the page without a blank line below
    it: up to three short lines (under 60% of a full line), a title's shape, then text. The
    chapter's running head above its label ("Zimbabwe: Boost trade ..." over "Chapter 1.
    Zimbabwe: Boost trade") goes with the heading."""
    content = [i for i, l in enumerate(lines) if l.strip()]
    if len(content) < 3 or not measure:
        return None
    if len(content) > 3 and RE_LABEL_WORD.match(lines[content[1]].strip()) \
            and _repeated_below(lines[content[0]], [lines[i] for i in content[1:1 + DEFAULT_MAX_HEADING_LINES]]):
        heading = _unspaced_block(lines, content[1:], measure, one_word)
        return None if heading is None else (content[0],) + heading[1:]
    return _unspaced_block(lines, content, measure, one_word)


def _label_below(lines: Sequence[str], heading: tuple[int, str]) -> tuple[int, str]:
    """A chapter's running head kept at the top of its first page, a blank line, then the
    chapter's labelled heading that repeats it ("Chapter 1. Zimbabwe: Boost trade" over "and
    create joint ventures"): the heading is the label's, and it ends below the label's block."""
    end, title = heading
    block = []
    k = end
    while k < len(lines) and not lines[k].strip():
        k += 1
    while k < len(lines) and lines[k].strip() and len(block) < DEFAULT_MAX_HEADING_LINES:
        block.append(lines[k].strip())
        k += 1
    if block and RE_LABEL_WORD.match(block[0]) and not RE_LABEL_WORD.match(title) and _repeated_below(title, block):
        return k, RE_SPACE_AFTER_OPEN_QUOTE.sub(r"\1", " ".join(block))
    return heading


def _repeated_below(head: str, below: Sequence[str]) -> bool:
    words = re.findall(r"\w+", head.lower())
    return bool(words) and set(words) <= set(re.findall(r"\w+", " ".join(below).lower()))


def _unspaced_block(lines: Sequence[str], content: Sequence[int], measure: int,
                    one_word: bool = False) -> tuple[int, int, str] | None:
    first = content[0]
    block = []
    for i in content[: DEFAULT_MAX_HEADING_LINES + 1]:
        text = lines[i].strip()
        # a labelled heading ("I. The key to cooperation is specific projects"), or the title
        # below a label's own line ("8" above "Numbering and Placement of ..."), may run longer
        labelled_line = (not block and RE_LABELLED.match(text) is not None) or (
            len(block) == 1 and RE_BARE_LABEL.match(block[0][1]) is not None)
        long_label = labelled_line and len(text) < LABELLED_LINE_SHARE * measure
        if (len(text) >= 0.6 * measure and not long_label) or (block and RE_CLOSED.search(block[-1][1])):
            break
        if block and RE_SECTION_NUMBER.match(text):
            break  # the first section's heading below the chapter's ("Getting Started" over "1.1 Introduction")
        block.append((i, text))
    if not block or len(block) == len(content) or len(block) > DEFAULT_MAX_HEADING_LINES + 1:
        return None
    after = content[len(block)]
    title = RE_SPACE_AFTER_OPEN_QUOTE.sub(r"\1", " ".join(t for _, t in block))
    labelled = RE_LABELLED.match(title) is not None or RE_BARE_LABEL.match(block[0][1]) is not None
    if (len(title) > DEFAULT_MAX_HEADING_CHARS or not (labelled or RE_HEADING_OPENING.match(title))
            or not RE_HEADING_ENDING.search(title) or RE_SENTENCE_INSIDE.search(title)
            or not (RE_HEADING_OPENING.match(lines[after].strip()) or RE_SECTION_NUMBER.match(lines[after].strip()))):
        return None
    if not labelled and len(block) == 1 and len(title.split()) < 2 and not one_word:
        return None  # one word on its own: a figure's label, a name, rarely a chapter
    return first, block[-1][0] + 1, title


def _page_heading(lines: Sequence[str]) -> tuple[int, str] | None:
    i, block = _next_block(lines, 0) or (len(lines), [])
    if len(block) == 1 and RE_LABEL_ALONE.match(block[0]):
        spread = _label_set_apart(lines, i, block[0])
        if spread is not None:
            return spread
    # a heading wrapped over a blank line: its last word alone below ("... for innovative", "approaches")
    j = i
    while j < len(lines) and not lines[j].strip():
        j += 1
    if (block and j + 1 < len(lines) and _heading_tail(block, lines[j].strip())
            and not lines[j + 1].strip() and not RE_CLOSED.search(block[-1])):
        block.append(lines[j].strip())
        i = j + 1
    rest = [l for l in lines[i:] if l.strip()]
    if not block or not rest or len(block) > DEFAULT_MAX_HEADING_LINES:
        return None
    if len(block) == 2 and _label_line(block[1]) and not RE_LABELLED.match(block[0]):
        block.reverse()  # a small label read after the title it stands above ("Creators", "CHAPTER ONE:")
    title = " ".join(block)
    if (len(title) > DEFAULT_MAX_HEADING_CHARS
            or any(len(l) > DEFAULT_MAX_HEADING_LINE_CHARS for l in block)
            or not RE_HEADING_OPENING.match(title)
            or not RE_HEADING_ENDING.search(title)
            or RE_SENTENCE_INSIDE.search(title)
            or not RE_HEADING_OPENING.match(rest[0].strip())):
        return None
    title = RE_SPACE_AFTER_OPEN_QUOTE.sub(r"\1", re.sub(r"\s+", " ", title)).strip()
    return i, title



def _label_set_apart(lines: Sequence[str], i: int, label: str) -> tuple[int, str] | None:
    """A chapter's label word, its number and its title each set apart by blank lines ("CHAPTER" /
    "ONE" / "SCOPE OF THIS DOCUMENT", as Sphinx sets a chapter's opening; "APPENDIX" / "A" / ...):
    (the line after the title, the heading), where the title reads as one and text follows."""
    number = _next_block(lines, i)
    if not (number and len(number[1]) == 1 and (RE_BARE_LABEL.match(number[1][0]) or RE_LETTER_LABEL.match(number[1][0]))):
        return None
    title = _next_block(lines, number[0])
    rest = _next_block(lines, title[0]) if title else None
    if not (title and rest and len(title[1]) <= DEFAULT_MAX_HEADING_LINES) \
            or any(len(l) > DEFAULT_MAX_HEADING_LINE_CHARS for l in title[1]):
        return None
    text = " ".join(title[1])
    if not (RE_HEADING_OPENING.match(text) and RE_HEADING_ENDING.search(text)) or RE_SENTENCE_INSIDE.search(text) \
            or not RE_HEADING_OPENING.match(rest[1][0]):
        return None
    return title[0], f"{label} {number[1][0]} {text}"


def _next_block(lines: Sequence[str], i: int) -> tuple[int, list[str]] | None:
    """The lines of the next block of text after line i (blank lines skipped), and the line after it."""
    while i < len(lines) and not lines[i].strip():
        i += 1
    block = []
    while i < len(lines) and lines[i].strip():
        block.append(lines[i].strip())
        i += 1
    return (i, block) if block else None


def _heading_tail(block: Sequence[str], line: str) -> bool:
    """A heading's last words set alone below it over a blank line: lowercase ("approaches"),
    or, below a labelled heading, a short line that closes the quotation the title left open
    ("CHAPTER TWO: “Mere", "Copyists”") or a roman number ("CHAPTER FOURTEEN: Eldred", "II")."""
    if RE_LOWER_TAIL.match(line):
        return True
    if not (block and RE_LABELLED.match(block[0])) or len(line.split()) > 3:
        return False
    title = " ".join(block)
    left_open = title.count("“") > title.count("”")
    return (left_open and line.endswith("”")) or RE_ROMAN_TAIL.match(line) is not None


def _label_line(line: str) -> bool:
    """A label in words on a line of its own: "CHAPTER ONE:", "Part II"."""
    return RE_BARE_LABEL.match(line) is not None and RE_LABEL_WORD.match(line) is not None


def _heading_text(line: str) -> str:
    """A heading's words: a note marker set on it is not part of its title."""
    return plain(RE_DELIMITED_MARK.sub("", line))


@dataclass(frozen=True)
class _Printed:
    """A heading as printed on its page: where it stands and how big it is."""
    page: int
    line: int
    end_line: int
    title: str
    size: float
    bold: bool


RE_BARE_LABEL = re.compile(rf"^(?:(?:{LABEL_WORDS})\s+\S+|\d{{1,3}}|[IVXLC]{{1,7}}|{NUMBER_WORDS})[.:]?$", re.I)


def _printed_headings(page: Page) -> list[_Printed]:
    """The page's heading lines; a heading wrapped over lines of one size, or a label line
    ("Chapter 1", "III") above its title, is one heading."""
    out: list[_Printed] = []
    hints = sorted(page.heading_lines)
    k = 0
    while k < len(hints):
        line, size, bold = hints[k]
        end = line + 1
        parts = [_heading_text(page.body_lines[line])]
        sizes = [size]
        while k + 1 < len(hints) and len(parts) < DEFAULT_MAX_HEADING_LINES + 1:
            nxt_line, nxt_size, _ = hints[k + 1]
            adjacent = nxt_line - end <= 1 and all(not page.body_lines[i].strip() for i in range(end, nxt_line))
            same_size = abs(nxt_size - sizes[-1]) <= TIER_TOLERANCE
            label_above = len(parts) == 1 and RE_BARE_LABEL.match(parts[0]) is not None
            if not adjacent or not (same_size or label_above) or RE_CLOSED.search(parts[-1]):
                break
            k += 1
            end = nxt_line + 1
            parts.append(_heading_text(page.body_lines[nxt_line]))
            sizes.append(nxt_size)
        title = RE_SPACE_AFTER_OPEN_QUOTE.sub(r"\1", RE_WRAPPED_HYPHEN.sub(r"\1", " ".join(p for p in parts if p)))
        if title:
            out.append(_Printed(page.page, line, end, title, max(sizes), bold))
        k += 1
    return out


def _opening_lines(page: Page, limit: int = 6) -> list[_Printed]:
    """The first lines of a page as heading candidates: where an outline says a chapter opens,
    its heading may be set barely larger than the text."""
    out = []
    for i, line in enumerate(page.body_lines):
        if line.strip():
            out.append(_Printed(page.page, i, i + 1, _heading_text(line), 1.0, False))
            if len(out) == limit:
                break
    return out


def _is_heading_text(title: str) -> bool:
    return (0 < len(title) <= DEFAULT_MAX_HEADING_CHARS and not title.endswith((".", ",", ";"))
            and bool(re.match(r"^[\W\d]*[^\W\d_]", title)))


def headings_from_outline(pages: Sequence[Page], outline: Sequence[OutlineEntry]) -> list[Heading]:
    """Chapter headings at the pages the outline's top entries point at, as printed there."""
    by_page = {p.page: p for p in pages}
    top = [e for e in outline if e.level == 0 and not FRONT_MATTER.match(e.title.strip(" *"))]
    wanted: list[OutlineEntry] = []
    for k, entry in enumerate(outline):
        if entry.level == 0 and entry in top:
            wanted.append(entry)
            children = []
            for child in outline[k + 1:]:
                if child.level == 0:
                    break
                if child.level == 1:
                    children.append(child)
            labelled = [c for c in children if RE_LABELLED.match(c.title) or re.match(r"^\d{1,3}\s*[:.]", c.title)]
            # a part whose chapters sit one level down: the chapters are kept too
            if not RE_LABELLED.match(entry.title) and len(labelled) >= 2:
                wanted.extend(labelled)
    found: list[tuple[OutlineEntry, _Printed]] = []
    for entry in wanted:
        printed = _match_printed(by_page, entry)
        if printed is not None:
            found.append((entry, printed))
    if not found:
        return []
    tier = _chapter_tier([p.size for e, p in found if e.level == 0])
    headings = []
    for entry, printed in found:
        labelled = bool(RE_LABELLED.match(printed.title) or RE_LABELLED.match(entry.title))
        opens_page = printed.line == next((i for i, l in enumerate(by_page[printed.page].body_lines) if l.strip()), 0)
        numbered_section = bool(RE_SECTION_NUMBER.match(printed.title))
        if entry.level == 0 and tier is not None and printed.size < tier - TIER_TOLERANCE \
                and not (labelled or (opens_page and not numbered_section)):
            continue  # a section the producer put at the outline's top level (one with a section's
            # number is one even where it opens a page: "B.4 What to Include in a Bug Report")
        headings.append(Heading(page=printed.page, end_line=printed.end_line, title=printed.title, line=printed.line))
    return _in_order(headings)


def _match_printed(by_page: dict[int, Page], entry: OutlineEntry) -> _Printed | None:
    """The heading printed for an outline entry on the page it points at (or the next one): a
    heading line first, else one of the page's first lines."""
    want = normalise_for_id(entry.title)
    if not want:
        return None
    for number in (entry.page, entry.page + 1):
        page = by_page.get(number)
        if page is None:
            continue
        for candidates in (_printed_headings(page), _opening_lines(page)):
            best = None
            for printed in candidates:
                have = normalise_for_id(printed.title)
                score = fuzz.partial_ratio(want, have) if len(want) >= 4 else (100 if have.endswith(want) else 0)
                if len(have) > 3 * len(want) + 12 or len(have) < 0.6 * len(want):
                    score = min(score, fuzz.ratio(want, have))  # a sentence that mentions it, or a piece of it
                # of two that hold the title alike, the one that is it: the heading, not the
                # contents' line above it on the same page ("1 Introduction 1 2 Loading ... 2")
                key = (score, fuzz.ratio(want, have))
                if score >= OUTLINE_MATCH_MIN and (best is None or key > best[0]):
                    best = (key, printed)
            if best is not None:
                return best[1]
    return None


def _chapter_tier(sizes: Sequence[float]) -> float | None:
    """The size of chapter headings: the largest heading size that several headings share."""
    if not sizes:
        return None
    counts = Counter(round(s / TIER_TOLERANCE) for s in sizes)
    common = [k for k, n in counts.items() if n >= max(2, 0.25 * len(sizes))]
    return max(common) * TIER_TOLERANCE if common else max(sizes)


def headings_from_layout(pages: Sequence[Page]) -> list[Heading]:
    """Without an outline: headings in the chapter tier of type, or labelled as chapters."""
    printed = [p for page in pages for p in _printed_headings(page) if _is_heading_text(p.title)]
    big = [p for p in printed if p.size >= 1.12]
    pages_per_size: dict[int, set[int]] = {}
    for p in big:
        pages_per_size.setdefault(round(p.size / TIER_TOLERANCE), set()).add(p.page)
    repeated = [k for k, on in pages_per_size.items() if len(on) >= 3]
    tier = max(repeated) * TIER_TOLERANCE if repeated else None
    by_page = {page.page: page for page in pages}
    contents_ends = {p.page: _contents_end(by_page[p.page].body_lines, p.end_line)
                     for p in printed if FRONT_MATTER.match(p.title)}
    # the document's title: a size above the chapters' that only its first page sets
    first_page = min((p.page for p in printed), default=0)
    title_sizes = {k for k, on in pages_per_size.items()
                   if tier is not None and k * TIER_TOLERANCE > tier + TIER_TOLERANCE and on == {first_page}}
    in_tier = [p for p in printed if tier is not None and p.size >= tier - TIER_TOLERANCE
               and round(p.size / TIER_TOLERANCE) not in title_sizes]
    # where the chapters' headings are bold, a heading of their size in another face is something
    # else: a poem's title in an example ("An Die Freude/To Joy")
    bold_tier = bool(in_tier) and sum(p.bold for p in in_tier) >= BOLD_TIER_SHARE * len(in_tier)
    tier_ids = {id(p) for p in in_tier}
    # no size for the chapters: bold headings numbered 1, 2, 3 ... in order are the chapters
    # wherever they stand (groff's ms sets its numbered headings bold at the text's size)
    numbered = _bold_numbered_run([p for p in printed if not (p.page in contents_ends and p.line <= contents_ends[p.page])]) \
        if tier is None else []
    numbered_ids = {id(p) for p in numbered}
    headings = []
    for p in printed:
        if p.page in contents_ends and p.line <= contents_ends[p.page]:
            continue  # the entries of a table of contents are set like headings
        labelled = bool(RE_LABELLED.match(p.title)) and (p.size >= 1.12 or p.bold) and p.line <= 2
        chapter_type = id(p) in tier_ids and (p.bold or not bold_tier)
        bold_opening = tier is None and not numbered and p.bold and p.line <= 1 \
            and len(p.title) <= DEFAULT_MAX_HEADING_LINE_CHARS * 2
        if (chapter_type or labelled or bold_opening or id(p) in numbered_ids) and not FRONT_MATTER.match(p.title):
            headings.append(Heading(page=p.page, end_line=p.end_line, title=p.title, line=p.line))
    headings = _in_order(headings)
    # a title page set in the chapters' own size names the book
    return headings[1:] if len(headings) > 1 and pages and _is_title_page(pages[0], headings[0]) else headings


RE_CHAPTER_NUMBER = re.compile(r"^(\d{1,2})\.?\s+[A-Z“\"‘']")  # "3. Zimbabwe: ...", "3 Zimbabwe", not "3.1 ..."


def _bold_numbered_run(printed: Sequence[_Printed]) -> list[_Printed]:
    """Bold headings whose numbers run 1, 2, 3 ... in reading order, at least MIN_CHAIN of them."""
    run: list[_Printed] = []
    for p in printed:
        m = RE_CHAPTER_NUMBER.match(p.title) if p.bold else None
        if m and int(m.group(1)) == len(run) + 1:
            run.append(p)
    return run if len(run) >= MIN_CHAIN else []


def _contents_end(lines: Sequence[str], start: int) -> int:
    """The last line of a table of contents that opens at `start`: its entries end in their page
    numbers (a wrapped entry's first line may not); an article's first section may follow it on
    the same page."""
    end, gap = start, 0
    for i in range(start, len(lines)):
        if not lines[i].strip():
            continue
        if RE_ENTRY_PAGE.search(lines[i]):
            end, gap = i, 0
        else:
            gap += 1
            if gap > MAX_CONTENTS_GAP:
                break
    return end if end > start else len(lines)


def _in_order(headings: Sequence[Heading]) -> list[Heading]:
    seen = set()
    out = []
    for h in sorted(headings, key=lambda h: (h.page, h.line)):
        if (h.page, h.line) not in seen:
            seen.add((h.page, h.line))
            out.append(h)
    return out


def build_chapters(pages: Sequence[Page], headings: Sequence[Heading]) -> list[Chapter]:
    if not pages:
        return []
    doc_id = pages[0].doc_id
    last_page = pages[-1].page
    first_text_line = {p.page: next((i for i, l in enumerate(p.body_lines) if l.strip()), 0) for p in pages}
    ids = content_ids(normalise_for_id(h.title) for h in headings)
    chapters = []
    for seq, (heading, chapter_id) in enumerate(zip(headings, ids), start=1):
        if seq < len(headings):
            nxt = headings[seq]
            opens_page = nxt.line <= first_text_line.get(nxt.page, 0)
            end = nxt.page - 1 if opens_page else nxt.page
        else:
            end = last_page
        chapters.append(Chapter(doc_id=doc_id, chapter_id=chapter_id, seq=seq, title=heading.title,
                                start_page=heading.page, end_page=max(end, heading.page)))
    return chapters
