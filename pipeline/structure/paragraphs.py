"""Body lines into paragraphs, from the text's own shape: wrapped lines joined, end-of-line
hyphenation undone, paragraphs carried over page breaks.

What ends a paragraph depends on how the text is set, read from the text itself:
  - a blank line, except on a double-spaced page (a blank line after every line);
  - a line that ends a sentence short of the wrap width: the next line's first word would have
    fitted on it (justified or ragged lines alike; the wrap width is the book's most common
    line length);
  - a first-line indent (`pdftotext -layout` keeps it): a line indented beyond the line below;
  - one paragraph per line (a word processor's `.txt`): every line is a paragraph where the lines
    are longer than any printed line, or where a blank line follows every line and the lines have
    no common width or mostly end a sentence (on a double-spaced page of wrapped lines they do not).
Hyphenation is undone only where the joined word occurs elsewhere in the book
("develop-" + "ment"), so real hyphens ("Belarusian-Iranian") stay.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..records import Page
from .chapters import Heading

RE_WORD = re.compile(r"[A-Za-z]+")
RE_SPACES = re.compile(r"\s+")
# before closing punctuation; before a closing quote after a sentence's end ("BUCE. ”", 'BUCE. "' at the end)
RE_SPACE_BEFORE_PUNCT = re.compile(r"\s+(?=[,;:!?)\]]|\.(?!\.))|(?<=[.,!?;:])\s+(?=[”»])|(?<=[.!?])\s+(?=\"$)")
RE_SPACE_AFTER_OPENER = re.compile(r"(?<=[(\[“«])\s+")
RE_TERMINAL = re.compile(r"[.!?][\"”»’)]*$")
RE_CLOSING_OPENER = re.compile(r"^[\"”»’)\]]*[.,;:!?)\]”»](?!\.\.)")  # '".', '”,', ').': the last line's sentence ends here
# a numbered section's heading on a line of its own: "2.6.1 Multilib", "C.7 Using DDD with Perl",
# "10.2 Islamic calendar (hijrical.sty)"; no sentence's end on it
RE_SECTION_HEADING = re.compile(r"^(?:[A-Z]|\d{1,2})(?:\.\d{1,2}){1,4}\.?\s+[A-Z][^.!?]*(?:\([^)]*\))?$")
RE_BULLET_OPENING = re.compile(r"^[•◦▪‣●■○](?:\s|$)")  # a list's item: no wrapped line opens with a bullet
RE_NUMBER_ONLY = re.compile(r"^\d{1,4}[.,]?[\"”»]?$")
# a sentence's end, a note marker after it allowed ("them.5", "dollars. 1"), a decimal ("1.5") not
RE_ENDS_SENTENCE = re.compile(r"(?<!\d)[.!?:][\"”»’)\]]*(?: ?\d{1,3})?$")

CONTINUED_MIN_LINES = 20  # the width from the lines a sentence runs on from, when there are this many:
WIDTH_PERCENTILE = 0.6  # ... this percentile of their lengths (a page's own with this many of them:)
PAGE_CONTINUED_MIN_LINES = 6
WIDTH_BIN = 4  # ... else line lengths binned by this many characters: the most common bin
WIDTH_MIN_LINE = 20  # shorter lines (headings, code, list labels) say nothing about the width
FIT_SHARE = 0.92  # a line plus the next word under this share of the width was ended on purpose
PLATEAU_BAND = 0.15  # wrapped lines: within this share of the width ...
PLATEAU_MIN_SHARE = 0.5  # ... make at least this share of the lines
DOUBLE_SPACED_SHARE = 0.8  # a blank line after this share of the lines: the text is double-spaced
SET_APART_MIN_ENDS = 0.4  # ... and its lines are paragraphs when this share of them end a sentence
LONG_LINE_CHARS = 160  # longer than any printed line: a paragraph on one line
INDENT_MIN = 2  # a first-line indent: at least this many spaces beyond the line below
WORD_MAX_CHARS = 16  # a longer "word" is words run together by the converter (or a URL)


@dataclass
class JoinedParagraph:
    chapter: int | None  # index into headings; None before the first heading
    text: str = ""
    line_starts: list[int] = field(default_factory=list)  # char offset where each line starts
    line_pages: list[int] = field(default_factory=list)

    def page_at(self, offset: int) -> int:
        k = bisect.bisect_right(self.line_starts, offset) - 1
        return self.line_pages[max(k, 0)]



@dataclass(frozen=True)
class TextShape:
    """How a book's body lines are set."""
    width: int  # the wrap width in characters (0: no lines to tell)
    line_per_paragraph: bool  # every line is a paragraph of its own (long lines, no common width)
    lines_set_apart: bool = False  # a blank line after every line, which ends a paragraph each time


def text_shape(pages: Sequence[Page]) -> TextShape:
    """The wrap width and line mode of the body lines of `pages`.

    The width is the median length of the lines a sentence runs on from (the next line opens in
    lowercase): the measure of the body text, whatever else (headings, code, margin notes) the
    pages hold; without enough of them, the most common line length."""
    lines = [line for page in pages for line in page.body_lines]
    lengths = [len(line.strip()) for line in lines if len(line.strip()) >= WIDTH_MIN_LINE]
    if not lengths:
        return TextShape(width=0, line_per_paragraph=False)
    continued = sorted(n for page in pages for n in _continued_lengths(page.body_lines))
    if len(continued) >= CONTINUED_MIN_LINES:
        width = continued[int(WIDTH_PERCENTILE * len(continued))]
    else:
        bins = Counter(n // WIDTH_BIN for n in lengths)
        width = (max(bins.items(), key=lambda kv: (kv[1], kv[0]))[0] + 1) * WIDTH_BIN
    plateau = sum(1 for n in lengths if abs(n - width) <= PLATEAU_BAND * width) / len(lengths)
    text_lines = [k for k, line in enumerate(lines) if line.strip()]
    followed_by_blank = sum(1 for k in text_lines[:-1] if not lines[k + 1].strip())
    double_spaced = len(text_lines) > 1 and followed_by_blank >= DOUBLE_SPACED_SHARE * (len(text_lines) - 1)
    long_lines = sorted(lengths)[len(lengths) // 2] > LONG_LINE_CHARS
    ends = sum(1 for k in text_lines if RE_ENDS_SENTENCE.search(lines[k].rstrip())) / max(len(text_lines), 1)
    return TextShape(width=width, line_per_paragraph=long_lines,
                     lines_set_apart=double_spaced and (plateau < PLATEAU_MIN_SHARE or ends >= SET_APART_MIN_ENDS))


def _continued_lengths(lines: Sequence[str]) -> list[int]:
    """Lengths of the lines a sentence runs on from: the next line opens in lowercase."""
    return [len(a.strip()) for a, b in zip(lines, lines[1:])
            if len(a.strip()) >= WIDTH_MIN_LINE and b.strip()[:1].islower()]


def page_width(lines: Sequence[str], book_width: int) -> int:
    """The measure of one page: its own where it has enough lines to tell (a chapter may be set
    to another width), else the book's."""
    continued = sorted(_continued_lengths(lines))
    if len(continued) < PAGE_CONTINUED_MIN_LINES:
        return book_width
    return continued[int(WIDTH_PERCENTILE * len(continued))]


def assemble_paragraphs(pages: Sequence[Page], headings: Sequence[Heading]) -> list[JoinedParagraph]:
    """Body lines into paragraphs: wrapped lines joined, paragraphs carried over page breaks."""
    vocabulary = _vocabulary(pages)
    shape = text_shape(pages)
    headings_on: dict[int, list[tuple[int, Heading]]] = {}
    for k, h in enumerate(headings):
        headings_on.setdefault(h.page, []).append((k, h))
    paragraphs: list[JoinedParagraph] = []
    chapter: int | None = None
    open_lines: list[tuple[str, int]] = []

    def close() -> None:
        if open_lines:
            paragraphs.append(_join(open_lines, chapter, vocabulary))
            open_lines.clear()

    for page in pages:
        lines = list(page.body_lines)
        opens: dict[int, int] = {}  # line index -> the chapter whose heading starts there
        heading_lines: set[int] = set()
        for k, heading in headings_on.get(page.page, ()):
            opens[heading.line] = k
            heading_lines.update(range(heading.line, heading.end_line))
        first = True
        kept = [l for i, l in enumerate(lines) if i not in heading_lines]
        # a double-spaced page joins its lines across blank lines, unless the lines, set apart by
        # blank lines, have no common width: then each is a paragraph (a word processor's text)
        double_spaced = _double_spaced(kept) and not shape.lines_set_apart
        typical = sorted(len(l.strip()) for l in kept if l.strip())
        typical_length = typical[len(typical) // 2] if typical else 0
        body = lines
        width = page_width(kept, shape.width)
        placed_above = _markers_set_below(body, heading_lines)
        moved_up = {below for below, _ in placed_above.values()}
        for k, line in enumerate(body):
            if k in opens:
                close()
                chapter = opens[k]
            if k in heading_lines or k in moved_up:
                continue
            text = line.strip() if k not in placed_above else _placed_above_text(body, k, *placed_above[k])
            if not text:
                if open_lines and not double_spaced:
                    close()
                continue
            section = bool(RE_SECTION_HEADING.match(text)) and len(text) < FIT_SHARE * width
            if shape.line_per_paragraph or (section and open_lines and RE_ENDS_SENTENCE.search(open_lines[-1][0])) \
                    or RE_BULLET_OPENING.match(text):
                close()  # (a section's heading after a sentence's end, or a bulleted item, opens a paragraph of its own)
            elif double_spaced and open_lines and RE_TERMINAL.search(open_lines[-1][0]) \
                    and len(open_lines[-1][0]) < 0.8 * typical_length:
                close()  # a short line ending a sentence ends the paragraph
            elif open_lines and not first and not RE_CLOSING_OPENER.match(text) \
                    and (_ended_short(open_lines[-1][0], text, width) or _first_line_indent(body, k)):
                close()  # (a line opening with a closing quote and stop, '".19 Also', goes on)
            if RE_NUMBER_ONLY.match(text) and not open_lines and paragraphs and paragraphs[-1].chapter == chapter \
                    and not (shape.line_per_paragraph or shape.lines_set_apart):
                # a marker left on a line of its own belongs to the paragraph above it
                _append(paragraphs[-1], text, page.page)
                continue
            if first and open_lines and RE_TERMINAL.search(open_lines[-1][0]) and text[:1].isupper():
                close()
            elif first and not open_lines and paragraphs and paragraphs[-1].chapter == chapter \
                    and not RE_TERMINAL.search(paragraphs[-1].text) and page.page != paragraphs[-1].line_pages[-1]:
                # the previous page's last paragraph ended mid-sentence: it goes on here
                open_lines.extend(paragraph_lines(paragraphs.pop()))
            alone = not open_lines
            open_lines.append((text, page.page))
            first = False
            if section and alone:
                close()  # "2.6.1 Multilib" over "For some Linux distributions ...": not one sentence
    close()
    return paragraphs


MARKER_COLUMN_SLACK = 3  # characters a raised number's column may stray from its word's end


def _markers_set_below(lines: Sequence[str], skip: set[int]) -> dict[int, tuple[int, int]]:
    """Raised markers a converter keeping the layout ('pdftotext -layout') set on a line of their
    own under the line that carries them, indented to their place in it: line index -> (the index
    of the number's line below it, the offset in the line where the number goes). Only a number
    whose column falls inside the line above, at a word's end."""
    placed = {}
    for k in range(len(lines) - 1):
        below = lines[k + 1]
        if k in skip or k + 1 in skip or not RE_NUMBER_ONLY.match(below.strip()) or not lines[k].strip():
            continue
        column = _indent(below)
        if column <= _indent(lines[k]) or column >= len(lines[k].rstrip()) - 1:
            continue  # at the margin or past the line's end: no place inside it to tell
        at = _word_end_near(lines[k].rstrip(), column)
        if at is not None:
            placed[k] = (k + 1, at)
    return placed


def _word_end_near(line: str, column: int) -> int | None:
    ends = [p for p in range(max(column - MARKER_COLUMN_SLACK, 1), min(column + MARKER_COLUMN_SLACK, len(line)) + 1)
            if not line[p - 1].isspace() and (p == len(line) or line[p].isspace())]
    return min(ends, key=lambda p: abs(p - column)) if ends else None


def _placed_above_text(lines: Sequence[str], k: int, below: int, at: int) -> str:
    """Line k with the raised number set below it put back at its place."""
    line = lines[k].rstrip()
    return (line[:at] + lines[below].strip() + line[at:]).strip()


def _ended_short(previous: str, text: str, width: int) -> bool:
    """`previous` ends a sentence though the first word of `text` would have fitted after it."""
    if not width or not RE_ENDS_SENTENCE.search(previous) or not RE_WORD.search(previous):
        return False  # ". . . ." is debris, not a sentence
    return len(previous) + 1 + min(len(text.split(" ", 1)[0]), WORD_MAX_CHARS) < FIT_SHARE * width


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _first_line_indent(lines: Sequence[str], k: int) -> bool:
    """Line k is indented beyond the line below it, which sits at the margin of the line above."""
    below = lines[k + 1] if k + 1 < len(lines) else ""
    above = lines[k - 1] if k > 0 else ""
    if not below.strip() or not above.strip():
        return False
    return _indent(lines[k]) - _indent(below) >= INDENT_MIN and _indent(above) <= _indent(below)


def _double_spaced(lines: Sequence[str]) -> bool:
    """A page set with a blank line after every line: there, blank lines do not end paragraphs."""
    text_lines = [k for k, l in enumerate(lines) if l.strip()]
    if len(text_lines) < 6:
        return False
    followed_by_blank = sum(1 for k in text_lines[:-1] if k + 1 < len(lines) and not lines[k + 1].strip())
    return followed_by_blank >= 0.8 * (len(text_lines) - 1)


def paragraph_lines(paragraph: JoinedParagraph) -> list[tuple[str, int]]:
    """The paragraph's lines as joined, stripped, each with its page."""
    bounds = paragraph.line_starts + [len(paragraph.text)]
    return [(paragraph.text[bounds[k]:bounds[k + 1]].strip(), paragraph.line_pages[k])
            for k in range(len(paragraph.line_starts))]


def _vocabulary(pages: Sequence[Page]) -> Counter[str]:
    """How often each word (lowercased) occurs in the body lines."""
    words: Counter[str] = Counter()
    for page in pages:
        for line in page.body_lines:
            words.update(w.lower() for w in RE_WORD.findall(line))
    return words


def clean_line(text: str) -> str:
    text = RE_SPACES.sub(" ", text).strip()
    text = RE_SPACE_BEFORE_PUNCT.sub("", text)
    return RE_SPACE_AFTER_OPENER.sub("", text)


def _join(lines: Sequence[tuple[str, int]], chapter: int | None, vocabulary: Counter[str]) -> JoinedParagraph:
    paragraph = JoinedParagraph(chapter=chapter)
    for text, page in lines:
        _append(paragraph, text, page, vocabulary)
    return paragraph


def _append(paragraph: JoinedParagraph, text: str, page: int, vocabulary: Counter[str] | None = None) -> None:
    text = clean_line(text)
    if not text:
        return
    current = paragraph.text
    if not current:
        joint = ""
    elif current.endswith("-") and not current.endswith(" -") and text[:1].isalpha():
        # "develop-" + "ment": a line-break artefact if "development" is a word of the book, or if
        # neither half is a word of its own anywhere else ("cel-" + "ebrants"); "Belarusian-Iranian",
        # "low-flying" and "X-ray" stay
        head = RE_WORD.search(current[:-1][::-1])
        stem = head.group(0)[::-1] if head else ""
        tail = RE_WORD.match(text)
        tail_word = (tail.group(0) if tail else "").lower()
        joined = stem.lower() + tail_word
        fragment = (bool(tail_word) and vocabulary[tail_word] <= 1 and vocabulary[stem.lower()] <= 1
                    and len(stem) >= 2 and not stem.isupper())
        if vocabulary and text[:1].islower() and (vocabulary[joined] or fragment):
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
