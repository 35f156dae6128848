"""Stage 3: footnote bodies, numbered across the book, each parsed as a citation.

Footnote lines come from the pages' footnote zones. A line opens a footnote when it starts with
the next numbers of the book-wide sequence ("224 Title", or glued: "451Export"). Unnumbered
lines continue the open footnote, even across a page. Where the sequence skips a number, the
body whose number was lost is recovered: an unnumbered chunk at the top of a zone, or the tail
of the previous body after its citation visibly ended ("... - P. 65.").
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from .ids import content_ids, normalise_for_id
from .records import Footnote, Page

# how far ahead of the last footnote number a new one may be (lost numbers in between)
DEFAULT_NUMBER_WINDOW = 8
# the number, then the body: glued only to a letter, quote or bracket ("451Export"), else after a
# space ("153 20 enterprises", "119 . BUTB"); "54." and "2023/" are the tails of wrapped lines
RE_FOOTNOTE_START = re.compile(r"^\s?(\d{1,4})(?!\d)(?:(?=[^\W\d_]|[“\"«\[(])|\s(?=\S))")
RE_LEADING_DEBRIS = re.compile(r"^[\s.,]+")
RE_CITATION_HINT = re.compile(
    r"\[Electronic resource\]|\bURL\s*:|\bhttps?\s*:|\bwww\s*\.|Publishing|\b[PCР]\.\s*\d|"
    r"\s[-–]\s+(?:19|20)\d{2}\s*\.|\.\s*[-–]\s*URL",
    re.I,
)
# a citation has visibly ended: its URL, or its page reference ("- P. 65.", "C. 41.")
RE_PAGE_REF_END = re.compile(r"\b[PCР]\.\s*\d+(?:\s*[-–]\s*\d+)?\s*\.?\s*$")
RE_CITATION_END = re.compile(
    r"(?:\b[PCР]\.\s*\d+(?:\s*[-–]\s*\d+)?\s*\.?|\bhtml?|/|\d{4,}/?|\.(?:by|ru|com|org)/?)\s*$"
)
RE_NEW_CITATION_LINE = re.compile(r"^[“\"«A-Z]\S*(?:\s+\S+){3}")
RE_URL = re.compile(r"(?P<url>(?:https?\s*:\s*/\s*/|www\s*\.)\s*\S.*)$", re.I | re.S)
RE_YEAR_DASHED = re.compile(r"[-–]\s+((?:19|20)\d{2})\s*[.,]")
RE_YEAR_PUBLISHER = re.compile(r",\s*((?:19|20)\d{2})\s*\.")
RE_YEAR_ANY = re.compile(r"\b((?:19|20)\d{2})\b")
RE_AUTHOR = re.compile(r"^([A-Z][a-z]+(?:-[A-Z][a-z]+)?),\s+((?:[A-Z]\.\s?){1,2})(?=\s)")
RE_CITED_PAGES = re.compile(r"(?<![\w])[PCР]\.\s*(\d+(?:\s*[-–]\s*\d+)?)")
RE_PUBLISHER = re.compile(
    r"[-–]\s+([A-Z][^/\[\]]*?(?:Publishing|Press|Verlag|Publishers|Izdatel\w*|House)[^,/]*?)\s*,\s*(?:19|20)\d{2}"
)
RE_TITLE_END = re.compile(r"\s(?:/|//|\[Electronic resource\])|\s[-–]\s+(?:URL|(?:19|20)\d{2})")


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
    texts = [_collapse(" ".join(c.lines)) for c in chunks]
    ids = content_ids(normalise_for_id(t) for t in texts)
    return [
        _parse(doc_id, fid, c, text) for fid, c, text in zip(ids, chunks, texts)
    ]


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


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def parse_citation(text: str) -> dict:
    """Split a footnote body into citation fields. Never raises."""
    url = None
    m = RE_URL.search(text)
    head = text
    if m:
        url = re.sub(r"\s+", "", m.group("url")).rstrip(".,;")
        head = text[: m.start()]
    year = None
    for rx in (RE_YEAR_DASHED, RE_YEAR_PUBLISHER):
        y = rx.search(head)
        if y:
            year = int(y.group(1))
            break
    if year is None:
        y = RE_YEAR_ANY.findall(head)
        year = int(y[-1]) if y else None
    authors: list[str] = []
    rest = text
    a = RE_AUTHOR.match(text)
    if a:
        authors.append(f"{a.group(1)}, {a.group(2).replace(' ', '').strip()}")
        rest = text[a.end():].strip()
    title_end = RE_TITLE_END.search(rest)
    title = (rest[: title_end.start()] if title_end else rest).strip(" .-–") or None
    pages_ref = RE_CITED_PAGES.findall(head)
    cited = re.sub(r"\s*[-–]\s*", "-", pages_ref[-1]) if pages_ref else None
    pub = RE_PUBLISHER.search(head)
    publisher = _collapse(pub.group(1)) if pub else None
    if url or "[Electronic resource]" in text:
        kind = "web"
    elif publisher or cited:
        kind = "book"
    else:
        kind = "other"
    return {"url": url, "year": year, "authors": tuple(authors), "title": title,
            "publisher": publisher, "cited_pages": cited, "kind": kind}


def _parse(doc_id: str, footnote_id: str, chunk: _Chunk, text: str) -> Footnote:
    fields = parse_citation(text)
    return Footnote(
        doc_id=doc_id, footnote_id=footnote_id, number=int(chunk.number or 0), page=chunk.page,
        end_page=chunk.end_page, text=text, raw_text="\n".join(chunk.lines),
        number_in_text=chunk.number_in_text, **fields,
    )


AUTHOR_MERGE_CUTOFF = 80  # rapidfuzz ratio of two surnames spelled two ways ("Zalessky" / "Zaleski")


def canonical_authors(notes: Sequence[Footnote]) -> dict[str, str]:
    """Each author as written -> one spelling per person across the book.

    Two names are one person when their initials agree (one may be the fuller: "B." and
    "B.L.") and their surnames differ only by transliteration (rapidfuzz ratio >= cutoff).
    The most frequent surname spelling and the fullest initials stand for the person."""
    counts = Counter(a for n in notes for a in n.authors)
    people: list[list[str]] = []
    for name in sorted(counts, key=lambda a: (-counts[a], a)):
        surname, initials = _split_author(name)
        for person in people:
            s2, i2 = _split_author(person[0])
            if (initials.startswith(i2) or i2.startswith(initials)) and \
                    fuzz.ratio(surname.lower(), s2.lower()) >= AUTHOR_MERGE_CUTOFF:
                person.append(name)
                break
        else:
            people.append([name])
    out = {}
    for person in people:
        surname = _split_author(person[0])[0]
        initials = max((_split_author(n)[1] for n in person), key=len)
        canonical = f"{surname}, {initials}" if initials else surname
        out.update({n: canonical for n in person})
    return out


def _split_author(name: str) -> tuple[str, str]:
    surname, _, initials = name.partition(",")
    return surname.strip(), initials.replace(" ", "").strip()
