"""Endnotes: the "Notes" sections printed at the end of a chapter or of the book.

A notes section opens with a heading of its own ("Notes", "NOTES", "Endnotes", "Notes to Chapter
3"), a line standing alone and followed by numbered notes; it runs to the next chapter heading or
to the end of the document. Inside it, a short line standing alone before a note numbered 1 is a
subheading ("PREFACE", "CHAPTER ONE: CREATORS", "Chapter 3"): the notes under it belong to the
chapter it names (matched by title, else by order). The section's lines leave the body text for
the page's `endnote_lines`, so they never become claims.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..ids import normalise_for_id
from ..records import RE_DELIMITED_MARK, Chapter, Page, plain
from .chapters import Heading
from .notes import note_start
from .numbered_headings import RE_NOTES_HEADING

RE_RAISED = RE_DELIMITED_MARK
RE_SENTENCE_END = re.compile(r"[.!?][\"”’»)]*\d{0,3}$")  # a finished sentence, its note marker after it
MIN_TRAILING_NOTES = 5
MIN_NOTE_DENSITY = 0.12  # notes opened per line in a run of endnotes
MAX_SUBHEAD_CHARS = 90
LOOKAHEAD_LINES = 30  # a notes heading is followed by a numbered note within this many lines (a preamble may come first)
SUBHEAD_MATCH_MIN = 80



@dataclass(frozen=True)
class Endnotes:
    pages: tuple[Page, ...]  # notes sections moved from body_lines to endnote_lines
    section_chapters: dict[int, int]  # subsection -> index of the chapter its notes belong to
    placement: str | None  # chapter-end or book-end; None without notes sections


def split_endnote_sections(pages: Sequence[Page], headings: Sequence[Heading],
                           chapters: Sequence[Chapter]) -> Endnotes:
    """Pages with their notes sections moved from the body to `endnote_lines`, for every
    subsection the index of the chapter its notes belong to, and where the sections stand."""
    flat = [(pi, li) for pi, page in enumerate(pages) for li in range(len(page.body_lines))]
    position = {key: k for k, key in enumerate(flat)}
    heading_starts = sorted(position[(next(i for i, p in enumerate(pages) if p.page == h.page), h.line)]
                            for h in headings if any(p.page == h.page for p in pages)
                            and h.line < len(next(p for p in pages if p.page == h.page).body_lines))
    heading_ends = {}
    for h in headings:
        pi = next((i for i, p in enumerate(pages) if p.page == h.page), None)
        if pi is not None and h.line < len(pages[pi].body_lines):
            heading_ends[position[(pi, h.line)]] = (h, position.get((pi, max(h.end_line - 1, h.line)), position[(pi, h.line)]))

    def text_at(k: int) -> str:
        pi, li = flat[k]
        return pages[pi].body_lines[li]

    sections: list[tuple[int, int, int | None]] = []  # (first line, end line exclusive, chapter heading index or None)
    k = 0
    while k < len(flat):
        start = _notes_heading_at(k, flat, text_at, heading_ends)
        if start is None:
            k += 1
            continue
        first = start
        end = next((s for s in heading_starts if s > k), len(flat))
        is_chapter = k in heading_ends
        sections.append((first, end, _heading_index(headings, heading_ends[k][0]) if is_chapter else None))
        k = end
    if not sections:
        trailing = _trailing_notes(flat, text_at, pages, after=max(heading_starts, default=-1))
        if trailing is None:
            return Endnotes(tuple(pages), {}, None)
        sections.append((trailing, len(flat), None))
    # notes sections inside chapters that the text goes on after: the chapters' ends; else the book's
    inside = [e for f, e, own in sections if own is None and any(h > e for h in heading_starts)]
    placement = "chapter-end" if inside or sum(own is None for *_, own in sections) > 1 else "book-end"
    moved: dict[int, list[tuple[int, str, int]]] = {}  # page index -> (line index, text, subsection)
    section_chapters: dict[int, int] = {}
    subsection = -1
    chapter_of_line = _chapter_of_position(headings, heading_starts, len(flat))
    for first, end, own_heading in sections:
        subheads = _subheads(first, end, text_at, chapters)
        subsection += 1
        in_chapter = chapter_of_line(first)
        section_chapters[subsection] = in_chapter if own_heading is None else None
        for k in range(first, end):
            if k in subheads:
                title, opens = subheads[k]
                if opens:
                    subsection += 1
                    section_chapters[subsection] = _chapter_for_subhead(title, chapters, own_heading, in_chapter)
                continue
            pi, li = flat[k]
            moved.setdefault(pi, []).append((li, text_at(k), subsection))
        if subheads:
            _number_unmatched_in_order(section_chapters, chapters, own_heading)
    out = []
    for pi, page in enumerate(pages):
        if pi not in moved and not any(flat[k][0] == pi for first, end, _ in sections for k in range(first, end)):
            out.append(page)
            continue
        inside = {flat[k][1] for first, end, _ in sections for k in range(first, end) if flat[k][0] == pi}
        body = tuple("" if i in inside else line for i, line in enumerate(page.body_lines))
        lines = sorted(moved.get(pi, []))
        out.append(dataclasses.replace(page, body_lines=body,
                                       heading_lines=tuple(h for h in page.heading_lines if h[0] not in inside),
                                       endnote_lines=page.endnote_lines + tuple(t for _, t, _ in lines),
                                       endnote_sections=page.endnote_sections + tuple(s for _, _, s in lines)))
    return Endnotes(tuple(out), {k: v for k, v in section_chapters.items() if v is not None}, placement)


def _trailing_notes(flat, text_at, pages: Sequence[Page], *, after: int = -1) -> int | None:
    """Endnotes printed after the text without a heading (as word processors set them): the note
    numbered 1, opening a page, from which the longest run of numbered notes goes on to the end
    of the document (at least MIN_TRAILING_NOTES, most of them cited by raised markers in the
    body when the body has any)."""
    starts = []
    for k in range(len(flat)):
        start = note_start(text_at(k).strip())
        if start is not None and start[2] is None:
            starts.append((k, start[0]))
    cited = {m.group(1) for page in pages for line in page.body_lines for m in RE_RAISED.finditer(line)}
    best = None
    for i, (k, number) in enumerate(starts):
        if number != 1 or k <= after:
            continue  # the notes come after the last chapter heading
        run = [1]
        for _, n in starts[i + 1:]:  # other numbers at line starts are wrapped years and page numbers
            if 0 < n - run[-1] <= 2:
                run.append(n)
        steps_ok = len(run) >= 0.5 * (len(starts) - i)
        opens_page = all(not plain(text_at(j)) for j in range(k) if flat[j][0] == flat[k][0])
        cited_ok = not cited or sum(str(n) in cited for n in run) >= 0.6 * len(run)
        # notes, not text with footnotes in it: a note opens every few lines
        lines_after = sum(1 for j in range(k, len(flat)) if plain(text_at(j)))
        dense = len(run) >= MIN_NOTE_DENSITY * lines_after
        if len(run) >= MIN_TRAILING_NOTES and steps_ok and opens_page and cited_ok and dense:
            if best is None or len(run) > best[1]:
                best = (k, len(run))
    return best[0] if best else None


def _notes_heading_at(k: int, flat, text_at, heading_ends) -> int | None:
    """The first line of a notes section whose heading is at flat position k, or None."""
    line = plain(text_at(k))
    if not RE_NOTES_HEADING.match(line):
        return None
    if k in heading_ends:
        after = heading_ends[k][1] + 1
    else:
        before = plain(text_at(k - 1)) if k > 0 and flat[k - 1][0] == flat[k][0] else ""
        if before and not RE_SENTENCE_END.search(before):
            return None  # a line inside a paragraph; after a finished one, a heading set with no space above
        after = k + 1
    seen = 0
    j = after
    while j < len(flat) and seen < LOOKAHEAD_LINES:
        text = plain(text_at(j))
        if text:
            start = note_start(text_at(j).strip())
            if start is not None and start[0] <= 2:
                return after
            seen += 1
        j += 1
    return None


def _subheads(first: int, end: int, text_at, chapters: Sequence[Chapter]) -> dict[int, tuple[str, bool]]:
    """Lines of a notes section that head a subsection ({line: (title, first line of it)}): short, one or two
    lines, unnumbered, followed by the note numbered 1, and set like a heading (capitals, or a
    chapter's title or label)."""
    titles = [normalise_for_id(c.title) for c in chapters]

    def next_text(j: int) -> int:
        while j < end and not plain(text_at(j)):
            j += 1
        return j

    out: dict[int, tuple[str, bool]] = {}
    k = first
    while k < end:
        text = plain(text_at(k))
        if not text or note_start(text_at(k).strip()) is not None:
            k += 1
            continue
        for span in (1, 2):
            lines = [k]
            j = k
            while len(lines) < span:
                j = next_text(j + 1)
                if j >= end or note_start(text_at(j).strip()) is not None:
                    break
                lines.append(j)
            if len(lines) < span:
                break
            title = " ".join(plain(text_at(i)) for i in lines)
            after = next_text(lines[-1] + 1)
            start = note_start(text_at(after).strip()) if after < end else None
            if len(title) > MAX_SUBHEAD_CHARS or start is None or start[0] != 1:
                continue
            letters = re.sub(r"[^\w]", "", title)
            capitals = letters.isupper() and len(letters) >= 3
            named = any(t and fuzz.ratio(normalise_for_id(title), t) >= 85 for t in titles)
            labelled = re.match(r"^(?:notes\s+to\s+)?(?:chapter|part|appendix)\s+\S+", title, re.I) is not None
            if capitals or named or labelled:
                out.update({i: (title, i == k) for i in lines})
                k = lines[-1]
                break
        k += 1
    return out


def _heading_index(headings: Sequence[Heading], heading: Heading) -> int:
    return next(i for i, h in enumerate(headings) if h is heading)


def _chapter_of_position(headings, heading_starts, n):
    def chapter_of(k: int) -> int | None:
        index = None
        for i, s in enumerate(heading_starts):
            if s <= k:
                index = i
        return index
    return chapter_of


def _chapter_for_subhead(title: str, chapters: Sequence[Chapter], own_heading: int | None,
                         in_chapter: int | None) -> int | None:
    """The chapter a subheading names: the best title match among the chapters before the notes."""
    limit = own_heading if own_heading is not None else (in_chapter + 1 if in_chapter is not None else len(chapters))
    want = normalise_for_id(title)
    best = None
    for i, chapter in enumerate(chapters[:limit]):
        score = fuzz.ratio(want, normalise_for_id(chapter.title))
        if want and normalise_for_id(chapter.title) and (want in normalise_for_id(chapter.title) or normalise_for_id(chapter.title) in want):
            score = max(score, 90)
        if score >= SUBHEAD_MATCH_MIN and (best is None or score > best[0]):
            best = (score, i)
    if best is None:
        label = re.search(r"\b(?:chapter|part)\s+(\d{1,3})\b", title, re.I)
        if label:
            for i, chapter in enumerate(chapters[:limit]):
                if re.search(rf"\b{label.group(1)}\b", chapter.title):
                    return i
        return None
    return best[1]


def _number_unmatched_in_order(section_chapters: dict[int, int | None], chapters: Sequence[Chapter],
                               own_heading: int | None) -> None:
    """Subsections whose heading matched no chapter take the chapters between their neighbours."""
    keys = sorted(section_chapters)
    for i, key in enumerate(keys):
        if section_chapters[key] is not None:
            continue
        before = next((section_chapters[k] for k in reversed(keys[:i]) if section_chapters[k] is not None), -1)
        after = next((section_chapters[k] for k in keys[i + 1:] if section_chapters[k] is not None), None)
        guess = before + 1
        limit = own_heading if own_heading is not None else len(chapters)
        if guess < limit and (after is None or guess < after):
            section_chapters[key] = guess
        elif before >= 0:
            section_chapters[key] = before  # no chapter left between: a further section of the same one
