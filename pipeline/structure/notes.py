"""Note bodies, numbered across the book, each parsed as a citation (citations.py).

Footnote lines come from the pages' footnote zones. A line opens a footnote when it starts with
the next numbers of the book-wide sequence ("224 Title", or glued: "451Export"). Unnumbered
lines continue the open footnote, even across a page. Where the sequence skips a number, the
body whose number was lost is recovered: an unnumbered chunk at the top of a zone, or the tail
of the previous body after its citation visibly ended ("... - P. 65.").
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..ids import content_ids, normalise_for_id
from ..records import Footnote, Page
from .citations import canonical_authors, collapse, parse_citation

# how far ahead of the last footnote number a new one may be (lost numbers in between)
DEFAULT_NUMBER_WINDOW = 8
# the number, then the body: glued only to a letter, quote or bracket ("451Export"), else after a
# space ("153 20 enterprises", "119 . BUTB"); "54." and "2023/" are the tails of wrapped lines
RE_FOOTNOTE_START = re.compile(r"^\s?(\d{1,4})(?!\d)(?:(?=[^\W\d_]|[“\"«\[(])|\s(?=\S))")
RE_LEADING_DEBRIS = re.compile(r"^[\s.,]+")
# a citation has visibly ended: its URL, or its page reference ("- P. 65.", "C. 41.")
RE_PAGE_REF_END = re.compile(r"\b[PCР]\.\s*\d+(?:\s*[-–]\s*\d+)?\s*\.?\s*$")
RE_CITATION_END = re.compile(
    r"(?:\b[PCР]\.\s*\d+(?:\s*[-–]\s*\d+)?\s*\.?|\bhtml?|/|\d{4,}/?|\.(?:by|ru|com|org)/?)\s*$"
)
RE_NEW_CITATION_LINE = re.compile(r"^[“\"«A-Z]\S*(?:\s+\S+){3}")


def footnote_start(line: str, last_number: int, *, window: int = DEFAULT_NUMBER_WINDOW) -> tuple[int, str] | None:
    """(number, rest of line) when `line` opens footnote last_number+1..last_number+window."""
    m = RE_FOOTNOTE_START.match(line)
    if not m:
        return None
    number = int(m.group(1))
    if not last_number < number <= last_number + window:
        return None
    return number, line[m.end():]


@dataclass
class _Chunk:
    number: int | None
    page: int
    lines: list[str] = field(default_factory=list)
    end_page: int = 0
    number_in_text: bool = True


def collect_footnotes(pages: Sequence[Page], *, window: int = DEFAULT_NUMBER_WINDOW,
                      start_after: int = 0) -> list[Footnote]:
    """Every footnote body of the document, in number order, parsed as a citation.

    start_after: the footnote number before the first page (0 for a whole book)."""
    chunks = _chunks(pages, window=window, start_after=start_after)
    chunks = _recover_lost_numbers(chunks, start_after=start_after)
    doc_id = pages[0].doc_id if pages else ""
    texts = [collapse(" ".join(c.lines)) for c in chunks]
    ids = content_ids(normalise_for_id(t) for t in texts)
    notes = [_parse(doc_id, fid, c, text) for fid, c, text in zip(ids, chunks, texts)]
    spelling = canonical_authors(notes)
    return [dataclasses.replace(n, authors_canonical=tuple(dict.fromkeys(spelling[a] for a in n.authors)))
            for n in notes]


def _chunks(pages: Sequence[Page], *, window: int, start_after: int) -> list[_Chunk]:
    chunks: list[_Chunk] = []
    last = start_after
    for page in pages:
        first_line_of_zone = True
        for line in page.footnote_lines:
            if not line.strip():
                continue
            start = footnote_start(line, last, window=window)
            if start is not None:
                last = start[0]
                body = RE_LEADING_DEBRIS.sub("", start[1])  # "119 . BUTB expands"
                chunks.append(_Chunk(number=last, page=page.page, lines=[body], end_page=page.page))
            elif first_line_of_zone or not chunks:
                # top of a zone, unnumbered: a continuation or a body whose number was lost
                chunks.append(_Chunk(number=None, page=page.page, lines=[line.strip()], end_page=page.page))
            else:
                chunks[-1].lines.append(line.strip())
                chunks[-1].end_page = page.page
            first_line_of_zone = False
    return chunks


def _recover_lost_numbers(chunks: list[_Chunk], *, start_after: int) -> list[_Chunk]:
    """Give unnumbered chunks and split bodies the numbers the sequence skipped."""
    out: list[_Chunk] = []
    for i, chunk in enumerate(chunks):
        if chunk.number is not None:
            out.append(chunk)
            continue
        prev = out[-1].number if out else start_after
        nxt = next((c.number for c in chunks[i + 1:] if c.number is not None), None)
        gap = nxt is not None and nxt - prev > 1
        if out and not (gap and _citation_complete(out[-1].lines)):
            out[-1].lines.extend(chunk.lines)  # continuation onto the next page
            out[-1].end_page = chunk.end_page
        else:
            chunk.number = prev + 1
            chunk.number_in_text = False
            out.append(chunk)
    # a lost number whose first line also vanished: its tail follows the previous body
    result: list[_Chunk] = []
    for i, chunk in enumerate(out):
        nxt = out[i + 1].number if i + 1 < len(out) else None
        result.append(chunk)
        if nxt is not None and chunk.number is not None and nxt - chunk.number > 1:
            split = _split_after_citation_end(chunk.lines)
            if split is not None:
                tail = _Chunk(number=chunk.number + 1, page=chunk.end_page, lines=chunk.lines[split:],
                              end_page=chunk.end_page, number_in_text=False)
                chunk.lines = chunk.lines[:split]
                result.append(tail)
    return result


def _citation_complete(lines: Sequence[str]) -> bool:
    return bool(lines) and bool(RE_CITATION_END.search(lines[-1].rstrip()))


def _split_after_citation_end(lines: Sequence[str]) -> int | None:
    """The first line after which the body is a complete citation and a new one begins."""
    for k in range(1, len(lines)):
        previous, line = lines[k - 1].rstrip(), lines[k].strip()
        if RE_PAGE_REF_END.search(previous):
            return k
        if RE_CITATION_END.search(previous) and RE_NEW_CITATION_LINE.match(line):
            return k
    return None


def _parse(doc_id: str, footnote_id: str, chunk: _Chunk, text: str) -> Footnote:
    fields = parse_citation(text)
    return Footnote(
        doc_id=doc_id, footnote_id=footnote_id, number=int(chunk.number or 0), page=chunk.page,
        end_page=chunk.end_page, text=text, raw_text="\n".join(chunk.lines),
        number_in_text=chunk.number_in_text, **fields,
    )

