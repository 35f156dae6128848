"""Claims (sentences) of every paragraph, with each note marker linked to the claim it stands in.

Markers are removed from the clean text before sentence splitting, and a marker belongs to the
sentence holding the character just before it.
"""
from __future__ import annotations

import calendar
import re
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from ..ids import content_ids, normalise_for_id
from ..records import Chapter, Claim, ClaimFootnote, Footnote, Page, Paragraph, page_at_offset
from .chapters import Heading
from .contents import contents_lines
from .markers import RE_PRECEDING_WORD, Marker, find_markers, raised_marks, remove_markers
from .paragraphs import JoinedParagraph, assemble_paragraphs, clean_line, paragraph_lines

SENTENCE_ABBREVIATIONS = frozenset(
    word for line in (Path(__file__).with_name("patterns") / "sentence_abbreviations.txt").read_text(encoding="utf-8").splitlines()
    for word in line.split("#", 1)[0].split())
# a stop, then space and the next sentence's opening; or glued to it, as pdfplumber sets words
# run together ("in 1774.Many states"), between a word or a figure and a capitalised word
MIN_LEADER_DOTS = 4  # dots in a row that lead to a page number or an entry's other half
RE_SENTENCE_END = re.compile(r"[.!?]+[\"”»’)\]]*\s+(?=[“\"«(\[]?[A-Z0-9])"
                             r"|(?<=[a-z]{2}|\d{2})[.!?][\"”»’)\]]*(?=[A-Z][a-z]{2,})")
RE_LETTER = re.compile(r"[^\W\d_]")
# a day written '4.' before its month ('on 4. Jan. 2011')
RE_DAY_BEFORE_MONTH = re.compile(
    rf"(?<![\w.,])[0-3]?\d\.\s+(?i:{'|'.join(n for n in calendar.month_name[1:] + calendar.month_abbr[1:])})\b")
CONTENTS_PARAGRAPH_SHARE = 0.5  # a paragraph of a contents: this share of its lines are entries
DEFAULT_CONFIDENCE = {"raised": 0.99, "exact": 0.95, "split_number": 0.7, "after_year": 0.7}


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans; abbreviations and initials ("B.", "P.", "Ltd.") do not end a sentence."""
    spans = []
    start = 0
    for m in RE_SENTENCE_END.finditer(text):
        if text.count(".", m.start(), m.end()) >= MIN_LEADER_DOTS:
            continue  # a dot leader ("\\Name{Boëthius} ........ Boëthius"), not an ellipsis
        word = RE_PRECEDING_WORD.search(text[: m.start() + 1].rstrip(".!?\"”»’)] "))
        last = word.group(1) if word else ""
        token_end = text[: m.start()].rstrip()
        if last and text[m.start()] == "." and (
                (len(last) == 1 and last.isupper()) or last.lower() in SENTENCE_ABBREVIATIONS) \
                and token_end.endswith(last):
            continue
        if not RE_LETTER.search(text, start, m.start()) or RE_DAY_BEFORE_MONTH.match(text, len(token_end.rstrip("0123456789"))):
            continue  # '3. The third point', 'on 4. Jan. 2011': a number alone, or a day, is no sentence
        end = m.end()
        if text[start:end].strip():
            spans.append((start, end))
        start = end
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


class ClaimSet(NamedTuple):
    paragraphs: list[Paragraph]
    claims: list[Claim]
    links: list[ClaimFootnote]
    unlinked: list[str]  # footnote_id of every note no marker was found for
    markers_without_notes: int  # raised markers that cite no note found


def build_claims(pages: Sequence[Page], headings: Sequence[Heading], chapters: Sequence[Chapter],
                 footnotes: Sequence[Footnote]) -> ClaimSet:
    """Paragraphs, claims and the links from claims to the notes they cite; the notes no marker
    was found for, and the raised markers that cite no note."""
    doc_id = pages[0].doc_id if pages else ""
    raw = assemble_paragraphs(pages, headings)
    chapter_ids = [c.chapter_id for c in chapters]
    markers = find_markers(raw, footnotes, {cid: k for k, cid in enumerate(chapter_ids)}, contents=_contents_spans(raw, pages))
    note_of_marker: dict[tuple[int, int], Footnote] = {}
    by_paragraph: dict[int, list[Marker]] = defaultdict(list)
    notes_by_id = {f.footnote_id: f for f in footnotes}
    for footnote_id, marker in markers.items():
        by_paragraph[marker.paragraph].append(marker)
        note_of_marker[(marker.paragraph, marker.start)] = notes_by_id[footnote_id]

    cleaned = []
    orphans = 0
    for p, paragraph in enumerate(raw):
        linked = {(m.start, m.end) for m in by_paragraph.get(p, [])}
        leftover = [m for m in raised_marks(paragraph.text, p) if (m.start, m.end) not in linked]
        orphans += len(leftover)
        text, positions = remove_markers(paragraph.text, by_paragraph.get(p, []) + leftover)
        cleaned.append((text, positions))

    paragraphs: list[Paragraph] = []
    claims: list[Claim] = []
    links: list[ClaimFootnote] = []
    para_keys: dict[int | None, list[int]] = defaultdict(list)
    for p, paragraph in enumerate(raw):
        para_keys[paragraph.chapter].append(p)
    paragraph_ids: dict[int, str] = {}
    claim_rows: dict[int, list] = {}
    for chapter, members in para_keys.items():
        # the chapter's id, not its title: two chapters may share a title ("Conclusion")
        scope = chapters[chapter].chapter_id if chapter is not None else ""
        ids = content_ids((normalise_for_id(cleaned[p][0]) for p in members), scope=scope)
        paragraph_ids.update(zip(members, ids))
        sentences = []
        for p in members:
            text = cleaned[p][0]
            for s, e in split_sentences(text):
                sentences.append((p, s, e))
        sentence_ids = content_ids((normalise_for_id(cleaned[p][0][s:e]) for p, s, e in sentences), scope=scope)
        for (p, s, e), cid in zip(sentences, sentence_ids):
            claim_rows.setdefault(p, []).append((s, e, cid))

    claim_seq = 0
    for p, paragraph in enumerate(raw):
        text, positions = cleaned[p]
        chapter_id = chapter_ids[paragraph.chapter] if paragraph.chapter is not None else None
        paragraphs.append(Paragraph(doc_id=doc_id, paragraph_id=paragraph_ids[p], chapter_id=chapter_id,
                                    seq=p + 1, start_page=paragraph.line_pages[0],
                                    end_page=paragraph.line_pages[-1], text=text))
        rows = claim_rows.get(p, [])
        breaks = _page_breaks(paragraph, positions)
        first_page = paragraph.line_pages[0]
        for s, e, cid in rows:
            claim_seq += 1
            body = text[s:e]
            lead = len(body) - len(body.lstrip())
            inside = tuple((at - s - lead, page) for at, page in breaks if s + lead < at < e)
            claims.append(Claim(doc_id=doc_id, claim_id=cid, paragraph_id=paragraph_ids[p], chapter_id=chapter_id,
                                page=page_at_offset(s + lead, first_page, breaks), seq=claim_seq, text=body.strip(), page_breaks=inside))
        for offset, marker in positions:
            footnote = note_of_marker.get((p, marker.start))
            holder = next((cid for s, e, cid in rows if s < offset <= e), rows[-1][2] if rows else None)
            if footnote is None or holder is None:
                continue
            confidence = DEFAULT_CONFIDENCE[marker.method] * (1.0 if marker.score >= 2 else 0.8)
            links.append(ClaimFootnote(doc_id=doc_id, claim_id=holder, footnote_id=footnote.footnote_id,
                                       footnote_number=footnote.number, page=paragraph.page_at(marker.start),
                                       method=marker.method, confidence=round(confidence, 3)))
    unlinked = [f.footnote_id for f in footnotes if f.footnote_id not in markers]
    return ClaimSet(paragraphs, claims, links, unlinked, orphans)


def _contents_spans(paragraphs: Sequence[JoinedParagraph], pages: Sequence[Page]) -> dict[int, list[tuple[int, int]]]:
    """Where a paragraph holds a contents' entries (offsets in its text): their numbers are pages,
    not markers. A paragraph mostly of entries is one span; else each entry's line is (a contents
    run into the title block above it: "Table of Contents" below the author's address)."""
    entries: dict[int, set[str]] = {}
    for page in pages:
        found = contents_lines(page.body_lines)
        if found:
            entries[page.page] = {clean_line(page.body_lines[k]) for k in found}
    out: dict[int, list[tuple[int, int]]] = {}
    if not entries:
        return out
    for p, paragraph in enumerate(paragraphs):
        bounds = paragraph.line_starts + [len(paragraph.text)]
        listed = [(bounds[k], bounds[k + 1]) for k, (text, page) in enumerate(paragraph_lines(paragraph))
                  if text in entries.get(page, ())]
        if listed and len(listed) >= CONTENTS_PARAGRAPH_SHARE * len(paragraph.line_starts):
            out[p] = [(0, len(paragraph.text))]
        elif listed:
            out[p] = listed
    return out


def _page_breaks(paragraph: JoinedParagraph, positions: Sequence[tuple[int, Marker]]) -> list[tuple[int, int]]:
    """(offset in the cleaned text, page) wherever the paragraph moves to a new page."""
    out = []
    for k in range(1, len(paragraph.line_starts)):
        if paragraph.line_pages[k] != paragraph.line_pages[k - 1]:
            original = paragraph.line_starts[k]
            removed = sum(m.end - m.start for _, m in positions if m.start < original)
            out.append((original - removed, paragraph.line_pages[k]))
    return out
