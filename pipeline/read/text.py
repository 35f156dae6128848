"""Physical pages of a text dump of a book.

The bundled converter marks pages in two ways: a line that begins with exactly one space opens a
page, and a printed page number followed by stray link text (the PDF's link annotations) ends one.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from ..records import RawPage, SourceDocument

RE_PAGE_OPENING = re.compile(r"^ \S")
RE_PRINTED_PAGE_NUMBER = re.compile(r"^\s*(\d{1,4})\s*$")
RE_LINK_RESIDUE = re.compile(r"^\s*https?\b", re.I)


def split_pages(document: SourceDocument) -> list[RawPage]:
    """Cut the text into physical pages, in source order, with the printed number where given."""
    lines = document.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    pages: list[tuple[list[str], int | None]] = []
    current: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if RE_PAGE_OPENING.match(line) and any(s.strip() for s in current):
            pages.append((current, None))
            current = []
        number = RE_PRINTED_PAGE_NUMBER.match(line)
        if number:
            residue_end = _link_residue_end(lines, i + 1)
            if residue_end is not None:
                pages.append((current, int(number.group(1))))
                current = []
                i = residue_end
                continue
        current.append(line)
        i += 1
    if any(s.strip() for s in current):
        pages.append((current, None))
    return [
        RawPage(doc_id=document.doc_id, page=n, lines=tuple(page_lines), printed_page=printed)
        for n, (page_lines, printed) in enumerate(pages, start=1)
    ]


def _link_residue_end(lines: Sequence[str], start: int) -> int | None:
    """If blank lines then link lines follow `start`, the index after them; else None."""
    j = start
    while j < len(lines) and not lines[j].strip():
        j += 1
    if j >= len(lines) or not RE_LINK_RESIDUE.match(lines[j]):
        return None
    while j < len(lines) and RE_LINK_RESIDUE.match(lines[j]):
        j += 1
    return j
