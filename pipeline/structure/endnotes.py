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

from rapidfuzz import fuzz

from ..records import MARK_CLOSE, MARK_OPEN, Chapter, Page
from .chapters import Heading
from .notes import note_start

RE_NOTES_HEADING = re.compile(
    r"^(?:\d{1,2}\.?\s+)?(?:end\s?notes|notes(?:\s+and\s+references)?|notes\s+to\s+(?:the\s+)?(?:chapter|part)\b.*"
    r"|chapter\s+notes|references\s+and\s+notes)$", re.I)
RE_MARKS = re.compile(f"[{MARK_OPEN}{MARK_CLOSE}]")
MAX_SUBHEAD_CHARS = 90
LOOKAHEAD_LINES = 30  # a notes heading is followed by a numbered note within this many lines (a preamble may come first)
SUBHEAD_MATCH_MIN = 80


def _plain(line: str) -> str:
    return re.sub(r"\s+", " ", RE_MARKS.sub("", line)).strip()


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).lower()


def split_endnote_sections(pages: Sequence[Page], headings: Sequence[Heading],
                           chapters: Sequence[Chapter]) -> tuple[list[Page], dict[int, int]]:
    """Pages with their notes sections moved from the body to `endnote_lines`, and for every
    subsection the index of the chapter its notes belong to."""
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
        return list(pages), {}
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
                subsection += 1
                section_chapters[subsection] = _chapter_for_subhead(_plain(text_at(k)), chapters, own_heading, in_chapter)
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
    return out, {k: v for k, v in section_chapters.items() if v is not None}


def _notes_heading_at(k: int, flat, text_at, heading_ends) -> int | None:
    """The first line of a notes section whose heading is at flat position k, or None."""
    line = _plain(text_at(k))
    if not RE_NOTES_HEADING.match(line):
        return None
    if k in heading_ends:
        after = heading_ends[k][1] + 1
    else:
        before = _plain(text_at(k - 1)) if k > 0 and flat[k - 1][0] == flat[k][0] else ""
        if before:
            return None  # a line inside a paragraph
        after = k + 1
    seen = 0
    j = after
    while j < len(flat) and seen < LOOKAHEAD_LINES:
        text = _plain(text_at(j))
        if text:
            start = note_start(text_at(j).strip())
            if start is not None and start[0] <= 2:
                return after
            seen += 1
        j += 1
    return None


def _subheads(first: int, end: int, text_at, chapters: Sequence[Chapter]) -> set[int]:
    """Lines of a notes section that head a subsection: short, unnumbered, followed by the note
    numbered 1, and set like a heading (capitals, or a chapter's title or label)."""
    titles = [_squash(c.title) for c in chapters]
    out = set()
    for k in range(first, end):
        text = _plain(text_at(k))
        if not text or len(text) > MAX_SUBHEAD_CHARS or note_start(text_at(k).strip()) is not None:
            continue
        j = k + 1
        while j < end and not _plain(text_at(j)):
            j += 1
        start = note_start(text_at(j).strip()) if j < end else None
        if start is None or start[0] != 1:
            continue
        letters = re.sub(r"[^\w]", "", text)
        capitals = letters.isupper() and len(letters) >= 3
        named = any(t and fuzz.ratio(_squash(text), t) >= 85 for t in titles)
        labelled = re.match(r"^(?:notes\s+to\s+)?(?:chapter|part|appendix)\s+\S+", text, re.I) is not None
        if capitals or named or labelled:
            out.add(k)
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
    want = _squash(title)
    best = None
    for i, chapter in enumerate(chapters[:limit]):
        score = fuzz.ratio(want, _squash(chapter.title))
        if want and _squash(chapter.title) and (want in _squash(chapter.title) or _squash(chapter.title) in want):
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
