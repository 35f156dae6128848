"""Stage 4: paragraphs and claims (sentences), with each footnote marker linked to its claim.

Body lines are joined into paragraphs across page breaks; wrapped lines are joined and
end-of-line hyphenation is undone only where the joined word occurs elsewhere in the book.
Footnote markers are bare numbers after a word or quote ("annually 224.\"", "Balkans, 799can").
For every footnote the candidates are its number on the page of its body or the page before;
the most marker-like candidate after the previous footnote's marker wins. Markers are removed
from the clean text before sentence splitting, and a marker belongs to the sentence holding the
character just before it.
"""
from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from .chapters import Heading
from .ids import content_ids, normalise_for_id
from .records import Chapter, Claim, ClaimFootnote, Footnote, Page, Paragraph, page_at_offset

RE_WORD = re.compile(r"[A-Za-z]+")
RE_SPACES = re.compile(r"\s+")
# before closing punctuation; before a closing quote after a sentence's end ("BUCE. ”", 'BUCE. "' at the end)
RE_SPACE_BEFORE_PUNCT = re.compile(r"\s+(?=[,;:!?)\]]|\.(?!\.))|(?<=[.,!?;:])\s+(?=[”»])|(?<=[.!?])\s+(?=\"$)")
RE_SPACE_AFTER_OPENER = re.compile(r"(?<=[(\[“«])\s+")
RE_TERMINAL = re.compile(r"[.!?][\"”»’)]*$")
RE_NUMBER_ONLY = re.compile(r"^\d{1,4}[.,]?[\"”»]?$")
RE_NUMBER = re.compile(r"\d{1,4}")
RE_SPLIT_NUMBER = re.compile(r"(?<!\d)(\d{1,3}) (\d{1,2})(?!\d)")
RE_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)\b")
RE_FOLLOWING_WORD = re.compile(r"\s*([A-Za-z]+)")
RE_PRECEDING_WORD = re.compile(r"([A-Za-z]+)\W*$")
# words after which a number is a quantity or a date, not a marker
NON_MARKER_PRECEDERS = frozenset("""
in of to from by for and or the a an about over than nearly almost some with at on all only
total no nos number since until till before after between among around approximately up per
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec year years top first last next
""".split())
NUMBER_SIGNS = frozenset({"no", "nos", "number", "nr"})
# words after which a number is a quantity: "27 intergovernmental agreements" keeps 27
UNIT_WORDS = frozenset("""
thousand million billion trillion percent per times years year months month days day weeks
tons tonnes kilometers km hectares units pieces people countries companies enterprises hp
""".split())
SENTENCE_ABBREVIATIONS = frozenset("""
mr mrs ms dr st no nos co ltd inc jr sr vs prof gen art para pp p c fig vol ed eds ibid
jan feb mar apr jun jul aug sep sept oct nov dec
""".split())
RE_SENTENCE_END = re.compile(r"[.!?]+[\"”»’)\]]*\s+(?=[“\"«(\[]?[A-Z0-9])")
MIN_MARKER_SCORE = 0
DEFAULT_CONFIDENCE = {"exact": 0.95, "split_number": 0.7}


@dataclass
class _Paragraph:
    chapter: int | None  # index into headings; None before the first heading
    text: str = ""
    line_starts: list[int] = field(default_factory=list)  # char offset where each line starts
    line_pages: list[int] = field(default_factory=list)

    def page_at(self, offset: int) -> int:
        k = bisect.bisect_right(self.line_starts, offset) - 1
        return self.line_pages[max(k, 0)]


@dataclass(frozen=True)
class Marker:
    paragraph: int
    start: int
    end: int
    number: int
    method: str
    score: int


def assemble_paragraphs(pages: Sequence[Page], headings: Sequence[Heading]) -> list[_Paragraph]:
    """Body lines into paragraphs: wrapped lines joined, paragraphs carried over page breaks."""
    vocabulary = _vocabulary(pages)
    heading_at = {h.page: (k, h) for k, h in enumerate(headings)}
    paragraphs: list[_Paragraph] = []
    chapter: int | None = None
    open_lines: list[tuple[str, int]] = []

    def close() -> None:
        if open_lines:
            paragraphs.append(_join(open_lines, chapter, vocabulary))
            open_lines.clear()

    for page in pages:
        lines = list(page.body_lines)
        start = 0
        if page.page in heading_at:
            close()
            chapter, heading = heading_at[page.page]
            start = heading.end_line
        first = True
        double_spaced = _double_spaced(lines[start:])
        typical = sorted(len(l.strip()) for l in lines[start:] if l.strip())
        typical_length = typical[len(typical) // 2] if typical else 0
        for line in lines[start:]:
            text = line.strip()
            if not text:
                if open_lines and not double_spaced:
                    close()
                continue
            if double_spaced and open_lines and RE_TERMINAL.search(open_lines[-1][0]) \
                    and len(open_lines[-1][0]) < 0.8 * typical_length:
                close()  # a short line ending a sentence ends the paragraph
            if RE_NUMBER_ONLY.match(text) and not open_lines and paragraphs and paragraphs[-1].chapter == chapter:
                # a marker left on a line of its own belongs to the paragraph above it
                _append(paragraphs[-1], text, page.page)
                continue
            if first and open_lines and RE_TERMINAL.search(open_lines[-1][0]) and text[:1].isupper():
                close()
            elif first and not open_lines and paragraphs and paragraphs[-1].chapter == chapter \
                    and not RE_TERMINAL.search(paragraphs[-1].text) and page.page != paragraphs[-1].line_pages[-1]:
                # the previous page's last paragraph ended mid-sentence: it goes on here
                open_lines.extend(_paragraph_lines(paragraphs.pop()))
            open_lines.append((text, page.page))
            first = False
    close()
    return paragraphs


def _double_spaced(lines: Sequence[str]) -> bool:
    """A page set with a blank line after every line: there, blank lines do not end paragraphs."""
    text_lines = [k for k, l in enumerate(lines) if l.strip()]
    if len(text_lines) < 6:
        return False
    followed_by_blank = sum(1 for k in text_lines[:-1] if k + 1 < len(lines) and not lines[k + 1].strip())
    return followed_by_blank >= 0.8 * (len(text_lines) - 1)


def _paragraph_lines(paragraph: _Paragraph) -> list[tuple[str, int]]:
    bounds = paragraph.line_starts + [len(paragraph.text)]
    return [(paragraph.text[bounds[k]:bounds[k + 1]].strip(), paragraph.line_pages[k])
            for k in range(len(paragraph.line_starts))]


def _vocabulary(pages: Sequence[Page]) -> frozenset[str]:
    words: set[str] = set()
    for page in pages:
        for line in page.body_lines:
            words.update(w.lower() for w in RE_WORD.findall(line))
    return frozenset(words)


def clean_line(text: str) -> str:
    text = RE_SPACES.sub(" ", text).strip()
    text = RE_SPACE_BEFORE_PUNCT.sub("", text)
    return RE_SPACE_AFTER_OPENER.sub("", text)


def _join(lines: Sequence[tuple[str, int]], chapter: int | None, vocabulary: frozenset[str]) -> _Paragraph:
    paragraph = _Paragraph(chapter=chapter)
    for text, page in lines:
        _append(paragraph, text, page, vocabulary)
    return paragraph


def _append(paragraph: _Paragraph, text: str, page: int, vocabulary: frozenset[str] = frozenset()) -> None:
    text = clean_line(text)
    if not text:
        return
    current = paragraph.text
    if not current:
        joint = ""
    elif current.endswith("-") and not current.endswith(" -") and text[:1].isalpha():
        # "develop-" + "ment": a line-break artefact only if "development" is a word of the book
        head = RE_WORD.search(current[:-1][::-1])
        stem = head.group(0)[::-1] if head else ""
        tail = RE_WORD.match(text)
        joined = (stem + (tail.group(0) if tail else "")).lower()
        if text[:1].islower() and joined in vocabulary:
            current = current[:-1]
        joint = ""
    elif text[:1] in ",.;:!?)”»" and not text.startswith("...") or current[-1:] in "([“«":
        joint = ""  # "Corporation (" + "Sinomach)": no space inside the brackets
    else:
        joint = " "
    paragraph.text = current + joint
    paragraph.line_starts.append(len(paragraph.text))
    paragraph.line_pages.append(page)
    paragraph.text += text


def find_markers(paragraphs: Sequence[_Paragraph], footnotes: Sequence[Footnote]) -> dict[int, Marker]:
    """The marker of each footnote (by number), where one is found in the body text."""
    by_value: dict[int, list[Marker]] = defaultdict(list)
    for p, paragraph in enumerate(paragraphs):
        for m in RE_NUMBER.finditer(paragraph.text):
            score = _marker_score(paragraph.text, m.start(), m.end())
            if score is not None:
                by_value[int(m.group())].append(Marker(p, m.start(), m.end(), int(m.group()), "exact", score))
        for m in RE_SPLIT_NUMBER.finditer(paragraph.text):
            value = int(m.group(1) + m.group(2))
            score = _marker_score(paragraph.text, m.start(), m.end())
            if score is not None:
                by_value[value].append(Marker(p, m.start(), m.end(), value, "split_number", score - 2))
    found: dict[int, Marker] = {}
    previous = (-1, -1)
    for footnote in sorted(footnotes, key=lambda f: f.number):
        pages = {footnote.page, footnote.page - 1}
        best = None
        for c in by_value.get(footnote.number, ()):
            if (c.paragraph, c.start) <= previous or c.score < MIN_MARKER_SCORE:
                continue
            on_page = paragraphs[c.paragraph].page_at(c.start)
            if on_page not in pages:
                continue
            rank = (c.score + (on_page == footnote.page), c.method == "exact", -c.paragraph, -c.start)
            if best is None or rank > best[0]:
                best = (rank, c)
        if best is not None:
            found[footnote.number] = best[1]
            previous = (best[1].paragraph, best[1].start)
    return found


def _marker_score(text: str, start: int, end: int) -> int | None:
    """How much a number at text[start:end] looks like a footnote marker; None: it cannot be one."""
    before = text[start - 1] if start else ""
    before2 = text[start - 2] if start > 1 else ""
    after = text[end] if end < len(text) else ""
    after2 = text[end + 1] if end + 1 < len(text) else ""
    # empty strings are "in" every string: test presence first
    if before and (before.isdigit() or before in "$€£¥/#№+" or (before in ".,:-–" and before2.isdigit())):
        return None
    if after and (after == "%" or (after in ".,:-–/" and after2.isdigit())):
        return None
    if after.isalpha() and RE_ORDINAL_SUFFIX.match(text, end):
        return None
    if before.isalpha():
        return None  # part of a name or code: "A2", "T-72"
    score = 0
    if not after or after in ".,;:!?)”\"»’":
        score += 3
    elif after.isalpha():
        score += 3  # glued to the next word: "799can", "to 791Uzbekistan"
    elif after == " ":
        nxt = RE_FOLLOWING_WORD.match(text, end)
        word = nxt.group(1) if nxt else ""
        if word.lower() in UNIT_WORDS:
            return None
        if after2.isdigit():
            score -= 3
        elif word[:1].isupper() or after2 in "“\"«”»":
            score += 1
        else:
            score -= 1
    previous_word = RE_PRECEDING_WORD.search(text[:start])
    gap = text[previous_word.end():start] if previous_word else ""
    if previous_word and previous_word.group(1).lower() in NUMBER_SIGNS and gap.strip() in ("", "."):
        return None  # "Plant No. 1"
    if previous_word and previous_word.group(1).lower() in NON_MARKER_PRECEDERS and gap.strip() in ("", "."):
        score -= 3
    elif before and before in "”\"»’.)":
        score += 1
    return score


def remove_markers(text: str, markers: Sequence[Marker]) -> tuple[str, list[tuple[int, Marker]]]:
    """Text without its markers, and each marker's offset in the new text."""
    out = []
    positions = []
    cursor = 0
    for marker in sorted(markers, key=lambda m: m.start):
        cut_from = marker.start
        after = text[marker.end] if marker.end < len(text) else ""
        if not after.isalpha():
            while cut_from > cursor and text[cut_from - 1] == " ":
                cut_from -= 1
        out.append(text[cursor:cut_from])
        cursor = marker.end
        if after == " " and cut_from < marker.start and (marker.end + 1 < len(text)) and text[marker.end + 1] in ",.;:!?”»":
            cursor += 1
        positions.append((sum(len(s) for s in out), marker))
    out.append(text[cursor:])
    return "".join(out), positions


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans; abbreviations and initials ("B.", "P.", "Ltd.") do not end a sentence."""
    spans = []
    start = 0
    for m in RE_SENTENCE_END.finditer(text):
        word = RE_PRECEDING_WORD.search(text[: m.start() + 1].rstrip(".!?\"”»’)] "))
        last = word.group(1) if word else ""
        token_end = text[: m.start()].rstrip()
        if last and text[m.start()] == "." and (
                (len(last) == 1 and last.isupper()) or last.lower() in SENTENCE_ABBREVIATIONS) \
                and token_end.endswith(last):
            continue
        end = m.end()
        if text[start:end].strip():
            spans.append((start, end))
        start = end
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def build_claims(pages: Sequence[Page], headings: Sequence[Heading], chapters: Sequence[Chapter],
                 footnotes: Sequence[Footnote]) -> tuple[list[Paragraph], list[Claim], list[ClaimFootnote], list[int]]:
    doc_id = pages[0].doc_id if pages else ""
    raw = assemble_paragraphs(pages, headings)
    markers = find_markers(raw, footnotes)
    by_paragraph: dict[int, list[Marker]] = defaultdict(list)
    for marker in markers.values():
        by_paragraph[marker.paragraph].append(marker)
    footnote_of = {f.number: f for f in footnotes}
    chapter_ids = [c.chapter_id for c in chapters]

    cleaned = []
    for p, paragraph in enumerate(raw):
        text, positions = remove_markers(paragraph.text, by_paragraph.get(p, []))
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
            holder = next((cid for s, e, cid in rows if s < offset <= e), rows[-1][2] if rows else None)
            if holder is None:
                continue
            footnote = footnote_of[marker.number]
            confidence = DEFAULT_CONFIDENCE[marker.method] * (1.0 if marker.score >= 2 else 0.8)
            links.append(ClaimFootnote(doc_id=doc_id, claim_id=holder, footnote_id=footnote.footnote_id,
                                       footnote_number=marker.number, page=paragraph.page_at(marker.start),
                                       method=marker.method, confidence=round(confidence, 3)))
    unlinked = sorted(set(footnote_of) - set(markers))
    return paragraphs, claims, links, unlinked


def _page_breaks(paragraph: _Paragraph, positions: Sequence[tuple[int, Marker]]) -> list[tuple[int, int]]:
    """(offset in the cleaned text, page) wherever the paragraph moves to a new page."""
    out = []
    for k in range(1, len(paragraph.line_starts)):
        if paragraph.line_pages[k] != paragraph.line_pages[k - 1]:
            original = paragraph.line_starts[k]
            removed = sum(m.end - m.start for _, m in positions if m.start < original)
            out.append((original - removed, paragraph.line_pages[k]))
    return out
