"""Body lines into paragraphs: wrapped lines joined, end-of-line hyphenation undone, paragraphs
carried over page breaks.

Hyphenation is undone only where the joined word occurs elsewhere in the book
("develop-" + "ment"), so real hyphens ("Belarusian-Iranian") stay.
"""
from __future__ import annotations

import bisect
import re
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
RE_NUMBER_ONLY = re.compile(r"^\d{1,4}[.,]?[\"”»]?$")


@dataclass
class JoinedParagraph:
    chapter: int | None  # index into headings; None before the first heading
    text: str = ""
    line_starts: list[int] = field(default_factory=list)  # char offset where each line starts
    line_pages: list[int] = field(default_factory=list)

    def page_at(self, offset: int) -> int:
        k = bisect.bisect_right(self.line_starts, offset) - 1
        return self.line_pages[max(k, 0)]



def assemble_paragraphs(pages: Sequence[Page], headings: Sequence[Heading]) -> list[JoinedParagraph]:
    """Body lines into paragraphs: wrapped lines joined, paragraphs carried over page breaks."""
    vocabulary = _vocabulary(pages)
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
        double_spaced = _double_spaced(kept)
        typical = sorted(len(l.strip()) for l in kept if l.strip())
        typical_length = typical[len(typical) // 2] if typical else 0
        for i, line in enumerate(lines):
            if i in opens:
                close()
                chapter = opens[i]
            if i in heading_lines:
                continue
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


def _paragraph_lines(paragraph: JoinedParagraph) -> list[tuple[str, int]]:
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


def _join(lines: Sequence[tuple[str, int]], chapter: int | None, vocabulary: frozenset[str]) -> JoinedParagraph:
    paragraph = JoinedParagraph(chapter=chapter)
    for text, page in lines:
        _append(paragraph, text, page, vocabulary)
    return paragraph


def _append(paragraph: JoinedParagraph, text: str, page: int, vocabulary: frozenset[str] = frozenset()) -> None:
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
