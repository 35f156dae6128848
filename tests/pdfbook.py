"""Monograph-like PDFs for the tests, typeset with fpdf2: A5 pages, 9.5 pt serif body with
superscript footnote markers, 7 pt footnotes under a short rule at the foot of the page (a
footnote that does not fit goes on at the foot of the next page), bold chapter headings opening
new pages, a running header with the book title and page numbers in the footer."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib
from fpdf import FPDF

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"  # DejaVu ships with matplotlib
PAGE_W, PAGE_H = 148.0, 210.0
LEFT, RIGHT, TOP, BOTTOM = 16.0, 16.0, 20.0, 16.0
BODY_PT, NOTE_PT, SUP_PT, HEAD_PT = 9.5, 7.0, 6.0, 13.0
BODY_LH, NOTE_LH, HEAD_LH = 4.6, 3.3, 6.2
PARAGRAPH_GAP = 2.4
RULE_GAP = 2.5
PT = 0.3528  # mm per point


@dataclass
class Sentence:
    text: str
    markers: list[int] = field(default_factory=list)  # footnote numbers set after its last word


@dataclass
class BookChapter:
    title: str
    paragraphs: list[list[Sentence]]


class _Book(FPDF):
    def __init__(self, title: str):
        super().__init__(format=(PAGE_W, PAGE_H), unit="mm")
        self.book_title = title
        self.set_auto_page_break(False)
        self.add_font("Serif", "", str(FONT_DIR / "DejaVuSerif.ttf"))
        self.add_font("Serif", "B", str(FONT_DIR / "DejaVuSerif-Bold.ttf"))
        self.add_font("Serif", "I", str(FONT_DIR / "DejaVuSerif-Italic.ttf"))
        self.printed = 0

    def new_page(self, printed_start: int):
        self.add_page()
        self.printed = printed_start + self.page_no() - 1
        self.set_font("Serif", "I", 7)
        w = self.get_string_width(self.book_title)
        self.text((PAGE_W - w) / 2, 11, self.book_title)
        self.set_font("Serif", "", 8)
        number = str(self.printed)
        self.text((PAGE_W - self.get_string_width(number)) / 2, PAGE_H - 8, number)


def chapters_from_structure(structure, seqs=None) -> tuple[list[BookChapter], dict[int, str]]:
    """Chapters as the text path read them, ready to typeset (each claim a sentence with its
    footnote markers after its last word), and the footnotes those markers cite."""
    markers = defaultdict(list)
    for link in structure.links:
        markers[link.claim_id].append(link.footnote_number)
    sentences_of = defaultdict(list)
    for c in structure.claims:
        sentences_of[c.paragraph_id].append(Sentence(c.text, sorted(markers.get(c.claim_id, []))))
    chapters = [BookChapter(ch.title, [sentences_of[p.paragraph_id] for p in structure.paragraphs
                                       if p.chapter_id == ch.chapter_id])
                for ch in structure.chapters if seqs is None or ch.seq in seqs]
    used = {n for ch in chapters for paragraph in ch.paragraphs for s in paragraph for n in s.markers}
    return chapters, {f.number: f.text for f in structure.footnotes if f.number in used}


def _words(paragraph: list[Sentence]) -> list[tuple[str, list[int]]]:
    """(word, markers after it) in order; a sentence's markers go after its last word, before
    its closing punctuation."""
    out = []
    for sentence in paragraph:
        words = []
        tokens = sentence.text.split()
        for k, w in enumerate(tokens):  # a closing quote set apart by the dump sticks to its word
            if words and re.fullmatch(r"[”»’)\]]+[.,;:!?]?|[.,;:!?]", w) or (words and w == '"' and k == len(tokens) - 1):
                words[-1] += w
            else:
                words.append(w)
        for k, w in enumerate(words):
            out.append((w, sentence.markers if k == len(words) - 1 else []))
    return out


def _wrap(pdf: _Book, text: str, width: float, size: float, style: str = "") -> list[str]:
    pdf.set_font("Serif", style, size)
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if line and pdf.get_string_width(trial) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    if line:
        lines.append(line)
    return lines


def render(path: Path, title: str, chapters: list[BookChapter], notes: dict[int, str], *,
           first_printed_page: int = 1) -> Path:
    pdf = _Book(title)
    width = PAGE_W - LEFT - RIGHT
    limit = PAGE_H - BOTTOM
    note_lines_of: dict[int, list[str]] = {}
    for n, text in notes.items():
        wrapped = _wrap(pdf, f"{n} {text}", width, NOTE_PT)
        note_lines_of[n] = wrapped

    state = {"y": TOP, "notes": [], "carry": []}

    def notes_height(lines: int) -> float:
        return 0.0 if lines == 0 else RULE_GAP + lines * NOTE_LH

    def finish_page():
        lines = state["carry"] + state["notes"]
        room = int((limit - state["y"] - RULE_GAP) // NOTE_LH)
        shown, carry = lines[:room], lines[room:]
        if shown:
            y0 = limit - len(shown) * NOTE_LH
            pdf.set_line_width(0.2)
            pdf.line(LEFT, y0 - RULE_GAP + 0.8, LEFT + 40, y0 - RULE_GAP + 0.8)
            pdf.set_font("Serif", "", NOTE_PT)
            for k, line in enumerate(shown):
                pdf.text(LEFT, y0 + k * NOTE_LH + NOTE_PT * PT, line)
        state["carry"], state["notes"] = carry, []

    def new_page():
        pdf.new_page(first_printed_page)
        state["y"] = TOP

    def place_line(items: list[tuple[str, list[int]]]):
        """Draw one body line; markers as raised small digits after the word, before its punctuation."""
        x = LEFT
        baseline = state["y"] + BODY_PT * PT
        for word, markers in items:
            m = re.match(r"^(.*?)([.,;:!?\"”»’)]*)$", word)
            base, tail = (m.group(1), m.group(2)) if markers and m.group(1) else (word, "")
            pdf.set_font("Serif", "", BODY_PT)
            pdf.text(x, baseline, base)
            x += pdf.get_string_width(base)
            for k, n in enumerate(markers):
                pdf.set_font("Serif", "", SUP_PT)
                label = ("," if k else "") + str(n)
                pdf.text(x + 0.2, baseline - 1.5, label)
                x += pdf.get_string_width(label) + 0.2
            if tail:
                pdf.set_font("Serif", "", BODY_PT)
                pdf.text(x, baseline, tail)
                x += pdf.get_string_width(tail)
            pdf.set_font("Serif", "", BODY_PT)
            x += pdf.get_string_width(" ")
        state["y"] += BODY_LH

    def line_width(items):
        total = 0.0
        for word, markers in items:
            pdf.set_font("Serif", "", BODY_PT)
            total += pdf.get_string_width(word + " ")
            pdf.set_font("Serif", "", SUP_PT)
            total += sum(pdf.get_string_width(str(n)) + 0.6 for n in markers)
        return total

    for chapter in chapters:
        if pdf.page_no():
            finish_page()
        while state["carry"]:  # the rest of a long footnote before the chapter's first page
            new_page()
            finish_page()
        new_page()
        pdf.set_font("Serif", "B", HEAD_PT)
        for line in _wrap(pdf, chapter.title, width, HEAD_PT, "B"):
            pdf.set_font("Serif", "B", HEAD_PT)
            pdf.text(LEFT, state["y"] + HEAD_PT * PT, line)
            state["y"] += HEAD_LH
        state["y"] += HEAD_LH * 0.8
        for paragraph in chapter.paragraphs:
            words = _words(paragraph)
            lines, line = [], []
            for item in words:
                if line and line_width(line + [item]) > width:
                    lines.append(line)
                    line = [item]
                else:
                    line.append(item)
            if line:
                lines.append(line)
            for items in lines:
                new_notes = [l for _, ms in items for n in ms for l in note_lines_of.get(n, [])]
                pending = len(state["carry"]) + len(state["notes"])
                # the line fits if at least the first line of each of its footnotes fits below it
                needed = state["y"] + BODY_LH + notes_height(pending + min(len(new_notes), 1))
                if needed > limit:
                    finish_page()
                    new_page()
                place_line(items)
                state["notes"].extend(new_notes)
            state["y"] += PARAGRAPH_GAP
    finish_page()
    while state["carry"]:
        new_page()
        finish_page()
    pdf.output(str(path))
    return Path(path)


def render_image_only(path: Path) -> Path:
    """A page with a drawing and no text layer, as a scan without OCR looks to a PDF reader."""
    pdf = FPDF(format=(PAGE_W, PAGE_H), unit="mm")
    pdf.add_page()
    pdf.set_fill_color(30, 30, 30)
    for k in range(30):
        pdf.rect(16, 20 + k * 5, 100 - (k % 7) * 8, 2.2, style="F")
    pdf.output(str(path))
    return Path(path)
