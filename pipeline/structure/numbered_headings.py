"""Numbered chapters in a text dump: "1 Quick Start" ... "5 Index", wherever they stand on a page.

A dump keeps no type sizes, so the top-level headings of a manual or an article ("3 Usage", or
"2" on a line of its own above "Detailed Usage", as plain pdftotext sets a number apart from its
title) are told from sections ("2.1 Package Options") by their numbers, and from note texts and
list items by running in sequence through the document: 1, 2, 3, ... in reading order. The printed
table of contents runs in sequence too; it is left out: in the book's first half, a page's lines
down to its last entry with a section number and dot leaders ("3.1 Placing the Notes . . . 4").
Where the chapters
are numbered, the chapter-level headings without a number are the front and back matter
(patterns/matter_headings.txt): "Acknowledgments", "References", "Concept Index".
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..ids import normalise_for_id
from ..records import Page
from .debris import is_debris

MATTER_HEADINGS = frozenset(
    " ".join(line.split("#", 1)[0].split()).lower()
    for line in (Path(__file__).with_name("patterns") / "matter_headings.txt").read_text(encoding="utf-8").splitlines()
    if line.split("#", 1)[0].strip())
MATTER_LAST_WORDS = frozenset(h for h in MATTER_HEADINGS if " " not in h)
MAX_MATTER_WORDS = 3
# a notes section's own heading (endnotes.py opens its sections here)
RE_NOTES_HEADING = re.compile(
    r"^(?:\d{1,2}\.?\s+)?(?:end\s?notes|notes(?:\s+and\s+references)?|notes\s+to\s+(?:the\s+)?(?:chapter|part)\b.*"
    r"|chapter\s+notes|references\s+and\s+notes)$", re.I)

RE_NUMBERED = re.compile(r"^(\d{1,2})(\.?)\s+([A-Za-z“\"‘'].*)$")  # "7 hyperref Support", "2. User commands"
RE_NUMBER_ALONE = re.compile(r"^(\d{1,2})(\.?)$")  # "4", "1." (a stop after it, as the title page's style has it)
RE_APPENDIX = re.compile(r"^Appendix\s+([A-Z])\b[.:]?\s+([A-Za-z“\"‘'].*)$")
# an appendix by its letter alone, as LaTeX's appendices are numbered: "A A very brief introduction",
# or "B" on a line of its own above "PhD thesis example"; only after the numbered chapters
RE_LETTERED = re.compile(r"^([A-Z])\s+([A-Z“\"‘'].*)$")
RE_LETTER_ALONE = re.compile(r"^([A-Z])$")
RE_DOT_LEADER = re.compile(r"(?:\.\s?){4,}")
RE_CONTENTS_ENTRY = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\s+\S.*?(?:\.\s?){3,}\s*\d*$")
RE_CAPTION = re.compile(r"^(?:figure|fig\.|table|listing|example|plate)\s+\d", re.I)
RE_TITLE_ENDING = re.compile(r"(?:[^\W\d]|[?!)]|[^\W\d][”\"»’])$")
RE_SENTENCE_INSIDE = re.compile(r"[a-z]{2}[.;:]\s+[a-z]")
RE_WORDS = re.compile(r"[^\W\d_]+")
RE_TITLE_OPENING = re.compile(r"^[“\"‘']?[A-Z]")
RE_CLAUSE = re.compile(r",\s+[a-z]")
RE_HYPHEN_END = re.compile(r"[^\W\d_]-$")
RE_DATE_LINE = re.compile(r"^(?:\d{4}[/.-]\d{1,2}[/.-]\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{4})$")  # a title page's "2017/10/13"
RE_MARGIN_LABEL = re.compile(r"^\\[A-Za-z@]+\*?$")  # a macro's name in the margin: "\tableplace", "\AtBeginFigures"
MAX_MARGIN_LABELS = 6
MIN_BLANK_SHARE = 0.03  # blank lines in a spaced dump
MIN_CONTENTS_ENTRIES = 3  # numbered lines with dot leaders that make a page the table of contents
MIN_CHAIN = 3  # numbered headings in sequence that make the numbers the chapter tier
MAX_FIRST_NUMBER = 2  # the sequence opens at 0, 1 or 2 (the converter may glue the first away)
MIN_TEXT_BETWEEN = 2  # lines with text from one heading to the next, its own counted: a line between
MAX_STEP = 2  # a heading glued into another line: the sequence may skip one number
MIN_TEXT_LINE = 20  # shorter lines (code, numbers, headings) say nothing of the full line's length
MIN_PROSE_WORDS = 5
PROSE_LETTER_SHARE = 0.7
MIN_PROSE_LINES, MIN_PROSE_SHARE = 30, 0.05  # as many lines of prose (of all) give the measure alone
RE_NOT_PROSE_SIGN = re.compile(r"[{}\\%=<>|]")  # code, markup, a table's rules
FULL_LINE_BAND = 0.85  # justified lines gather within this share of the full line
TITLE_LINE_SHARE = 0.85  # a heading's line is shorter than this share of a full line
WRAPPED_LINE_SHARE = 0.6  # the rest of a wrapped heading is shorter than this share of a full line
LONG_TITLE_SHARE = 0.35  # a title line this long may go on to a line in capitals ("Growth in Partnerships")
MAX_TITLE_LINES = 3
MAX_NAME_TITLE_WORDS = 5
SET_APART_REACH = 12  # lines from a number set apart to its title: a figure's labels, margin notes, the other column's between
MIN_TITLE_WORD = 5  # letters of a title's longest word, or its words, where a figure's labels may stand before it
MIN_TITLE_WORDS = 3


@dataclass(frozen=True)
class NumberedHeading:
    page: int
    line: int  # index into the page's body_lines where the heading starts
    end_line: int  # index just after it
    number: int
    title: str  # "2 Detailed Usage"
    text_lines: int = 0  # lines with text in the document above the heading


def contents_ends(pages: Sequence[Page]) -> dict[int, int]:
    """page -> the line of its last table-of-contents entry, for the pages that print the contents.
    Only a contents in the book's first half leads numbered headings astray (a back-of-book
    contents comes after them, where a number printed again keeps its first place); further on,
    numbered lines with dot leaders are a change log's or an index's."""
    ends = {}
    for page in pages[: (len(pages) + 1) // 2]:
        entries = [i for i, l in enumerate(page.body_lines) if RE_CONTENTS_ENTRY.match(l.strip())]
        if len(entries) >= MIN_CONTENTS_ENTRIES:
            ends[page.page] = entries[-1]
    return ends


def full_line(pages: Sequence[Page]) -> int:
    """The length of a full line of text: the length L with the most lines of L*0.85 to L characters
    (justified lines gather there; code, numbers and headings are shorter and spread out, and
    the lines plain pdftotext sometimes writes two as one gather at twice L, but fewer). Read from
    the lines of prose where they are many: a manual's numbered listings gather at their own length."""
    lines = [s for p in pages for l in p.body_lines if len(s := l.strip()) >= MIN_TEXT_LINE]
    prose = [l for l in lines if _prose(l)]
    lengths = sorted(len(l) for l in (prose if len(prose) >= max(MIN_PROSE_LINES, MIN_PROSE_SHARE * len(lines)) else lines))
    best, best_count, low = 0, 0, 0
    for high, n in enumerate(lengths):
        while lengths[low] < FULL_LINE_BAND * n:
            low += 1
        if high - low + 1 >= best_count:
            best, best_count = n, high - low + 1
    return best


def _prose(line: str) -> bool:
    """A line of running text: words, mostly letters, no sign of code."""
    return len(line.split()) >= MIN_PROSE_WORDS and RE_NOT_PROSE_SIGN.search(line) is None \
        and sum(c.isalpha() for c in line) >= PROSE_LETTER_SHARE * len(line)


def _title_shaped(title: str, measure: int, spaced: bool = True) -> bool:
    """A heading's title: shorter than a line, ending in a word, no sentence inside, no caption,
    no dot leaders. In an unspaced dump (pdfplumber), where notes and sentences may open any line,
    it opens with a capital (or a name in lower case, then title case: "hyperref Support") and
    runs on with no clause ("US vice-president, holding office" is a note's text)."""
    if not spaced and (not (RE_TITLE_OPENING.match(title) or _title_case_after_a_name(title)) or RE_CLAUSE.search(title)):
        return False
    return (len(title) < TITLE_LINE_SHARE * measure and RE_TITLE_ENDING.search(title) is not None
            and RE_SENTENCE_INSIDE.search(title) is None and RE_CAPTION.match(title) is None
            and RE_DOT_LEADER.search(title) is None)


def _title_case_after_a_name(title: str) -> bool:
    """A short title in title case that opens with a name set in lower case ("hyperref Support")."""
    words = title.split()
    longer = [w for w in words[1:] if len(w) >= 4]
    return 2 <= len(words) <= MAX_NAME_TITLE_WORDS and bool(longer) and all(w[0].isupper() for w in longer)


def _candidates(page: Page, measure: int, contents_end: int, text_lines: int, spaced: bool
                ) -> tuple[list[NumberedHeading], list[NumberedHeading]]:
    """(numbered headings, appendices) that may open chapters on the page; `text_lines` is the
    count of lines with text on the pages before it. Where the converter writes blank lines
    (`spaced`), a heading stands below one or opens the page; pdfplumber writes none."""
    lines = page.body_lines
    numbered, appendices = [], []
    for i, line in enumerate(lines):
        text = line.strip()
        text_lines += bool(text)
        if i <= contents_end or (spaced and i and lines[i - 1].strip()):
            continue
        found = RE_NUMBERED.match(text)
        if found:
            number = int(found.group(1))
            title, end = _wrapped_title(lines, i, found.group(3).strip(), measure)
            if _title_shaped(title, measure, spaced):
                numbered.append(NumberedHeading(page.page, i, end, number, f"{number}{found.group(2)} {title}", text_lines))
            continue
        found = RE_APPENDIX.match(text) or RE_LETTERED.match(text)
        if found:
            title, end = _wrapped_title(lines, i, found.group(2).strip(), measure)
            if _title_shaped(title, measure, spaced):
                label = text[: found.start(2)].strip()
                appendices.append(NumberedHeading(page.page, i, end, ord(found.group(1)) - ord("A") + 1,
                                                  f"{label} {title}", text_lines))
            continue
        found = RE_LETTER_ALONE.match(text)
        if found and i + 2 < len(lines) and not lines[i + 1].strip():
            k = _title_set_apart(lines, i, measure, spaced)
            if k is not None:
                title, end = _wrapped_title(lines, k, lines[k].strip(), measure)
                appendices.append(NumberedHeading(page.page, i, end, ord(found.group(1)) - ord("A") + 1,
                                                  f"{found.group(1)} {title}", text_lines))
            continue
        found = RE_NUMBER_ALONE.match(text)
        if found and i + 2 < len(lines) and (not lines[i + 1].strip() or _margin_labels_below(lines, i)):
            k = _title_set_apart(lines, i, measure, spaced)
            if k is not None:
                title, end = _wrapped_title(lines, k, lines[k].strip(), measure)
                numbered.append(NumberedHeading(page.page, i, end, int(found.group(1)),
                                                f"{int(found.group(1))}{found.group(2)} {title}", text_lines))
    return numbered, appendices


def _title_set_apart(lines: Sequence[str], i: int, measure: int, spaced: bool) -> int | None:
    """The line of the title of a number standing alone on lines[i]: the line below the blank one
    after it (the title page's date between stepped over: "1" / "2017/10/13" / "Main features and
    usage"), unless a figure's labels stand between ("4" / "ZP" / "Abbreviations", "3" / "Arg" /
    "Core" / "Clause" / "Tree-Building Commands and Arguments": pdftotext may set the number's
    block before a diagram's): then the first title of words, a capital and a word of some length
    or a few words, standing alone below a blank line before the text goes on. None where that
    line is no title."""
    def title_at(k: int) -> bool:
        text = lines[k].strip()
        return bool(RE_NUMBERED.match(f"1 {text}")) and _title_shaped(_wrapped_title(lines, k, text, measure)[0], measure, spaced)
    first = _margin_labels_below(lines, i) or i + 2
    if first + 2 < len(lines) and RE_DATE_LINE.match(lines[first].strip()) and not lines[first + 1].strip():
        first += 2
    if not title_at(first):
        return None  # margin notes or the other column's lines: only the contents can tell (chapters)
    if _worded_title(lines[first].strip()):
        return first
    for k in range(first + 1, min(len(lines), i + 1 + SET_APART_REACH)):
        text = lines[k].strip()
        if len(text) >= WRAPPED_LINE_SHARE * measure or text[:1].isdigit():
            break  # the text goes on, or another heading ("3.1"), a listing's numbered line: no figure between
        if text and not lines[k - 1].strip() and _worded_title(text) and title_at(k):
            return k
    return first


def _margin_labels_below(lines: Sequence[str], i: int) -> int | None:
    """The line after the blank one below the margin notes that plain pdftotext sets right below
    a number alone (`4` / `\\tableplace` / `\\figureplace` / blank / `Modifying marker text`: a
    manual's macro names beside its heading); None where no such labels follow it. Labels are
    short and no title of words: a TeX command, a lowercase key."""
    k = i + 1
    while k < len(lines) and k - i <= MAX_MARGIN_LABELS and RE_MARGIN_LABEL.match(lines[k].strip()):
        k += 1
    return k + 1 if k > i + 1 and k + 1 < len(lines) and not lines[k].strip() else None


def _worded_title(text: str) -> bool:
    """A title of words, not a figure's label ("ZP", "Arg", "yyy", "bD"): it opens with a capital
    and holds a word of MIN_TITLE_WORD letters or MIN_TITLE_WORDS words ("How to use it")."""
    words = RE_WORDS.findall(text)
    return bool(RE_TITLE_OPENING.match(text)) and (len(words) >= MIN_TITLE_WORDS or any(len(w) >= MIN_TITLE_WORD for w in words))


def _wrapped_title(lines: Sequence[str], k: int, title: str, measure: int) -> tuple[str, int]:
    """(title, line after it) of a heading whose first line is lines[k]: a long title goes on to
    the short lines below it ("1 China: Strategic Partnership enters a" over "new era"), and a
    line in lower case is always its rest, as is the line after a hyphen ("joint ven-" over
    "tures"); a section's number ("2.1") or a full line is not."""
    end = k + 1
    while end < len(lines) and end - k <= MAX_TITLE_LINES - 1:
        text = lines[end].strip()
        hyphen = RE_HYPHEN_END.search(title) is not None
        if not text or text[0].isdigit() or (len(text) >= WRAPPED_LINE_SHARE * measure and not hyphen):
            break
        if not (hyphen or text[0].islower() or len(title) >= LONG_TITLE_SHARE * measure):
            break
        if not RE_TITLE_ENDING.search(text) or RE_SENTENCE_INSIDE.search(text):
            break
        title, end = (title[:-1] + text if hyphen else f"{title} {text}"), end + 1
    return title, end


def numbered_candidates(pages: Sequence[Page]) -> tuple[list[NumberedHeading], list[NumberedHeading]]:
    """Every line of the text that may be a chapter's numbered heading, and an appendix's
    ("Appendix A Application Defaults"), in reading order: what numbered_chains picks from."""
    measure = full_line(pages)
    if not measure:
        return [], []
    contents, spaced = contents_ends(pages), _spaced(pages)
    numbered, appendices, text_lines = [], [], 0
    for page in pages:
        candidates, page_appendices = _candidates(page, measure, contents.get(page.page, -1), text_lines, spaced)
        numbered += _below_its_running_head(candidates)
        appendices += page_appendices
        text_lines += sum(1 for l in page.body_lines if l.strip())
    return numbered, appendices


def numbered_chains(candidates: tuple[list[NumberedHeading], list[NumberedHeading]], min_chain: int = MIN_CHAIN
                    ) -> tuple[list[NumberedHeading], list[NumberedHeading]]:
    """The chapters' numbered headings and the appendices' among `candidates` (numbered_candidates),
    each the longest run in sequence; [] for a run shorter than `min_chain`."""
    numbered, appendices = candidates
    # numbers with a stop ("2. User commands") head the chapters only where they run through more
    # of the text than plain ones (a numbered list's items, a licence's clauses at the back are set
    # so too; a contents' page numbers above its titles may run plain: "2." / "Quick Reference" / "2")
    plain = _in_sequence([c for c in numbered if not _dotted(c)], min_chain)
    dotted = _in_sequence([c for c in numbered if _dotted(c)], min_chain)
    chain = dotted if _text_spanned(dotted) > _text_spanned(plain) else plain
    # appendices labelled in words, else by their letter alone after the chapters (a contents
    # lists them before; an index's letters run on: "K Z")
    last = (chain[-1].page, chain[-1].line) if chain else None
    worded = [a for a in appendices if a.title.lower().startswith("appendix")]
    lettered = [a for a in appendices if a not in worded and last is not None and (a.page, a.line) > last
                and _worded_title(a.title.split(" ", 1)[1])]
    return chain, _in_sequence(worded, min_chain) or _in_sequence(lettered, min_chain)


def _text_spanned(chain: Sequence[NumberedHeading]) -> int:
    """Lines of text from a chain's first heading to its last."""
    return chain[-1].text_lines - chain[0].text_lines if chain else -1


def _dotted(heading: NumberedHeading) -> bool:
    return heading.title.split(" ", 1)[0].endswith(".")


def _below_its_running_head(found: Sequence[NumberedHeading]) -> list[NumberedHeading]:
    """A page's numbered headings less one printed again further down the same page: LaTeX's
    running head names the section from the page where it begins ("5 Collect Notes ..." atop the
    page), and the heading below is where it begins."""
    def again(c: NumberedHeading, d: NumberedHeading) -> bool:  # a title may take a line more in one
        a, b = normalise_for_id(c.title), normalise_for_id(d.title)
        return c.number == d.number and (a.startswith(b) or b.startswith(a))
    return [c for k, c in enumerate(found) if not any(again(c, d) for d in found[k + 1:])]


def _spaced(pages: Sequence[Page]) -> bool:
    """The converter sets blank lines between blocks (pdftotext does, pdfplumber does not). The
    blank lines that stand where debris was taken off ("}", "%" of a listing) say nothing."""
    lines = sum(len(p.body_lines) for p in pages)
    blank = sum(max(0, sum(1 for l in p.body_lines if not l.strip()) - sum(1 for r in p.removed if is_debris(r)))
                for p in pages)
    return blank >= MIN_BLANK_SHARE * lines


def _in_sequence(found: Sequence[NumberedHeading], min_chain: int = MIN_CHAIN) -> list[NumberedHeading]:
    """The longest run of headings in reading order whose numbers count up from the first (one
    number may be missing between two), fewest gaps on a tie; [] when it is shorter than
    `min_chain` or on one page. Numbers that follow each other with no text between are a list's
    items, never headings. A number printed again (a running head "3 Usage") keeps its first place."""
    # best[number] = (members, -gaps, index of its last member) of the best run ending at that number so far
    best: dict[int, tuple[int, int, int]] = {}
    back: list[int | None] = []
    listed = {j for k in range(1, len(found)) for j in (k - 1, k)
              if found[k].number == found[k - 1].number + 1 and found[k].text_lines - found[k - 1].text_lines < MIN_TEXT_BETWEEN}
    for k, c in enumerate(found):
        if k in listed:
            back.append(None)
            continue
        options = [(1, 0, None)] if c.number <= MAX_FIRST_NUMBER else []
        for step in range(1, MAX_STEP + 1):
            if c.number - step in best:
                members, gaps, index = best[c.number - step]
                options.append((members + 1, gaps - (step - 1), index))
        if not options:
            back.append(None)
            continue
        members, gaps, previous = max(options, key=lambda o: (o[0], o[1]))
        back.append(previous)
        if c.number not in best or (members, gaps) > best[c.number][:2]:
            best[c.number] = (members, gaps, k)
    if not best:
        return []
    chain = []
    k: int | None = max(best.values(), key=lambda b: (b[0], b[1]))[2]
    while k is not None:
        chain.append(found[k])
        k = back[k]
    return chain[::-1] if len(chain) >= min_chain and len({c.page for c in chain}) > 1 else []


def is_matter_heading(title: str) -> bool:
    words = [w.lower() for w in RE_WORDS.findall(title)]
    return bool(words) and (" ".join(words) in MATTER_HEADINGS
                            or (len(words) <= MAX_MATTER_WORDS and words[-1] in MATTER_LAST_WORDS))


def matter_lines(pages: Sequence[Page], first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int, str]]:
    """(page, line, title) of front or back matter headings standing alone on a line (below a blank
    one, where the dump has blank lines), before `first` or after `last` (page, line), outside the
    table of contents; each title once in the front and once in the back."""
    contents, measure, spaced = contents_ends(pages), full_line(pages), _spaced(pages)
    seen: dict[bool, set[str]] = {True: set(), False: set()}  # in the front matter: titles taken
    # a notes heading that stands inside the chapters too ends each chapter with its notes: after
    # the last chapter it opens that chapter's notes, no back matter
    chapter_notes = {line.strip().lower() for page in pages for i, line in enumerate(page.body_lines)
                     if first < (page.page, i) <= last and RE_NOTES_HEADING.match(line.strip())}
    out = []
    for page in pages:
        for i, line in enumerate(page.body_lines):
            text = line.strip()
            place = (page.page, i)
            if first <= place <= last or (place > last and text.lower() in chapter_notes):
                continue
            front = place < first
            if front and RE_NOTES_HEADING.match(text):
                continue  # the endnotes follow the text: "Notes" before the chapters is a contents' entry
            if not text or i <= contents.get(page.page, -1) or text.lower() in seen[front] \
                    or (spaced and i and page.body_lines[i - 1].strip()):
                continue
            below = next((l.strip() for l in page.body_lines[i + 1:] if l.strip()), "")
            if below[:1].islower() and len(below) >= WRAPPED_LINE_SHARE * measure and not RE_DOT_LEADER.search(below):
                continue  # a running head over the last page's paragraph going on, not an index
                # (whose entries may open in lowercase: "activeButtonColorKey . . . . 56")
            if RE_TITLE_ENDING.search(text) and text[0].isupper() and is_matter_heading(text):
                seen[front].add(text.lower())
                out.append((page.page, i, text))
    return out
