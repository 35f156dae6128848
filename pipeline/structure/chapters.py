"""Chapter headings, found from the text itself (no table of contents needed).

A heading opens a page: its first block, one to three short lines with no closing
punctuation, followed by a blank line and the chapter's first paragraph.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..ids import content_ids, normalise_for_id
from ..records import Chapter, Page

DEFAULT_MAX_HEADING_LINES = 3
DEFAULT_MAX_HEADING_CHARS = 160
DEFAULT_MAX_HEADING_LINE_CHARS = 70
RE_HEADING_OPENING = re.compile(r"^[“\"«]?[A-Z]")
RE_HEADING_ENDING = re.compile(r"(?:[^\W\d]|[?!)]|[^\W\d][”\"»])$")
RE_LOWER_TAIL = re.compile(r"^[a-z][\w-]*(?: [\w-]+){0,2}$")
RE_CLOSED = re.compile(r"[.,;:]\W*$")
RE_SENTENCE_INSIDE = re.compile(r"[a-z]{2}[.;]\s+[A-Z]")
RE_SPACE_AFTER_OPEN_QUOTE = re.compile(r"([“«])\s+")


@dataclass(frozen=True)
class Heading:
    page: int
    end_line: int  # index into the page's body_lines just after the heading
    title: str


def find_headings(pages: Sequence[Page]) -> list[Heading]:
    headings = []
    for page in pages:
        heading = _page_heading(page.body_lines)
        if heading is not None:
            headings.append(Heading(page=page.page, end_line=heading[0], title=heading[1]))
    return headings


def _page_heading(lines: Sequence[str]) -> tuple[int, str] | None:
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    block = []
    while i < len(lines) and lines[i].strip():
        block.append(lines[i].strip())
        i += 1
    # a heading wrapped over a blank line: its last word alone below ("... for innovative", "approaches")
    j = i
    while j < len(lines) and not lines[j].strip():
        j += 1
    if (block and j + 1 < len(lines) and RE_LOWER_TAIL.match(lines[j].strip())
            and not lines[j + 1].strip() and not RE_CLOSED.search(block[-1])):
        block.append(lines[j].strip())
        i = j + 1
    rest = [l for l in lines[i:] if l.strip()]
    if not block or not rest or len(block) > DEFAULT_MAX_HEADING_LINES:
        return None
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


def build_chapters(pages: Sequence[Page], headings: Sequence[Heading]) -> list[Chapter]:
    if not pages:
        return []
    doc_id = pages[0].doc_id
    last_page = pages[-1].page
    ids = content_ids(normalise_for_id(h.title) for h in headings)
    chapters = []
    for seq, (heading, chapter_id) in enumerate(zip(headings, ids), start=1):
        end = headings[seq].page - 1 if seq < len(headings) else last_page
        chapters.append(Chapter(doc_id=doc_id, chapter_id=chapter_id, seq=seq, title=heading.title,
                                start_page=heading.page, end_page=max(end, heading.page)))
    return chapters
