"""Physical pages of a text dump of a book, whatever converter made it.

The converter's conventions are read from the text itself, never from the file name:
  - form feeds between pages (`pdftotext`, with or without `-layout`; pdfplumber's pages joined
    by form feeds): every form feed ends a page, blank pages included;
  - the bundled converter's habit: a line that begins with exactly one space opens a page, and a
    printed page number followed by stray link text (the PDF's link annotations) ends one;
  - neither: printed page-number lines that count up through the text (`12`, `- 13 -`,
    `14 CHAPTER TITLE`) are the page breaks; a text without them is one page.
`pdftotext -layout` text (wide indentation, columns padded with runs of spaces) is folded: each
page loses its common left margin and inner runs of spaces become one space, so the lines read as
the plain dump's do while a paragraph's first-line indent is kept.
Then the running heads, running feet and page-number lines found by repetition across the pages
(read/furniture.py) are taken off each page; the page number they print is kept.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from ..records import GLUED_MARK, RawPage, SourceDocument, marks_from_glyphs
from .furniture import RE_BARE_NUMBER, find_furniture, fold, shape, strip_line_numbers, unglue_running_feet

FORM_FEED = "\f"
RE_PAGE_OPENING = re.compile(r"^ \S")
RE_PRINTED_PAGE_NUMBER = re.compile(r"^\s*(\d{1,4})\s*$")
RE_LINK_RESIDUE = re.compile(r"^\s*https?\b", re.I)
RE_WIDE_INDENT = re.compile(r"^\s{2,}\S")
RE_INNER_RUN = re.compile(r"(?<=\S)[ \t]{2,}(?=\S)")
RE_INNER_WIDE_RUN = re.compile(r"\S[ \t]{3,}\S")
# a glyph the font maps to no character: pdftotext writes its code as a control byte
RE_UNMAPPED_GLYPH = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
RE_HEAD_NUMBER = re.compile(r"^(\d{1,4})\s+\S.*$|^.*\S\s+(\d{1,4})$")

PDFIUM_BREAK = "\ufffe"
OPENERS_MIN = 1  # one-space page openers: at least this many ...
OPENERS_MAX_SHARE = 0.2  # ... and at most this share of the lines (more are paragraph indents)
LAYOUT_MIN_SHARE = 0.05  # -layout text: this share of lines indented 2+ or padded inside with 3+ spaces
NUMBERED_PAGES_MIN = 3  # page-number lines make page breaks when at least this many count up
PAGE_MIN_LINES = 5  # ... at least this many lines apart
MAX_PAGE_STEP = 2  # ... each at most this much above the last (a blank page may print no number)
HEAD_MIN_REPEATS = 3  # a number beside text counts when that text recurs (a running head)


def split_pages(document: SourceDocument) -> list[RawPage]:
    """Cut the text into physical pages, in source order, with the printed number where given."""
    # PDFium's text (pypdfium2's get_text_range) marks a word broken at a line's end with U+FFFE
    # and runs the next line on: the hyphen and the line break back
    text = document.text.replace("\r\n", "\n").replace("\r", "\n").replace(PDFIUM_BREAK, "-\n")
    text = marks_from_glyphs(RE_UNMAPPED_GLYPH.sub("", text))
    lines = text.split("\n")
    if _form_fed(text):
        pages = [(chunk.split("\n"), None) for chunk in _form_feed_chunks(text)]
    elif _one_space_openers(lines) or _link_residue_page_end(lines):
        pages = _opener_pages(lines)
    else:
        pages = [(chunk, None) for chunk in _numbered_pages(lines)]
    layout = _layout(lines)
    margins: list[list[str]] = [[] for _ in pages]
    if layout:
        apart = [_margin_notes_apart(page_lines) for page_lines, _ in pages]
        margins = [notes for _, notes in apart]
        pages = [([_fold_runs(line) for line in _columns_in_turn(page_lines)], printed)
                 for (page_lines, _), (_, printed) in zip(apart, pages)]
    numbered = strip_line_numbers([page_lines for page_lines, _ in pages])
    pages = [(page_lines, printed) for (page_lines, _), (_, printed) in zip(numbered, pages)]
    furniture = find_furniture([page_lines for page_lines, _ in pages])
    unglued = unglue_running_feet([page_lines for page_lines, _ in pages], furniture)
    out = []
    for n, ((page_lines, printed), found, (_, line_numbers), (text_lines, foot, foot_number), margin_notes) in enumerate(
            zip(pages, furniture, numbered, unglued, margins), start=1):
        kept = [line for i, line in enumerate(text_lines) if i not in found.lines]
        if layout:
            kept = _dedent(kept)
        removed = (tuple(line_numbers) + tuple(fold(page_lines[i]) for i in sorted(found.lines)) + ((foot,) if foot else ())
                   + tuple(margin_notes))
        out.append(RawPage(doc_id=document.doc_id, page=n, lines=tuple(kept),
                           printed_page=next((x for x in (printed, found.printed_page, foot_number) if x is not None), None),
                           printed_label=found.printed_label, furniture=removed))
    return out


def _form_fed(text: str) -> bool:
    """Pages separated by form feeds: at least one between two pages with text."""
    return len([chunk for chunk in text.split(FORM_FEED) if chunk.strip()]) >= 2


def _form_feed_chunks(text: str) -> list[str]:
    """The pages between form feeds; a converter's closing form feed opens no page."""
    chunks = text.split(FORM_FEED)
    if chunks and not chunks[-1].strip():
        chunks.pop()
    return chunks


def _one_space_openers(lines: Sequence[str]) -> bool:
    """The bundled converter: some lines, not most, open with exactly one space, and none is
    indented further (a -layout dump indents by many)."""
    text_lines = [line for line in lines if line.strip()]
    openers = sum(1 for line in text_lines if RE_PAGE_OPENING.match(line))
    wide = sum(1 for line in text_lines if RE_WIDE_INDENT.match(line))
    return OPENERS_MIN <= openers <= OPENERS_MAX_SHARE * len(text_lines) and wide < openers


def _link_residue_page_end(lines: Sequence[str]) -> bool:
    """The bundled converter's other habit: a printed page number followed by link lines."""
    return any(RE_PRINTED_PAGE_NUMBER.match(line) and _link_residue_end(lines, i + 1) is not None
               for i, line in enumerate(lines))


def _opener_pages(lines: Sequence[str]) -> list[tuple[list[str], int | None]]:
    """The bundled converter's pages: opened by a one-space line, or ended by a printed page
    number with link residue after it."""
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
    return pages


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


def _numbered_pages(lines: Sequence[str]) -> list[list[str]]:
    """Pages cut at printed page-number lines that count up through the text; the whole text as
    one page when there are none."""
    chain = _page_number_chain(lines)
    if len(chain) < NUMBERED_PAGES_MIN:
        return [list(lines)]
    # a foot or a head? The number closes a page if the text after the last one is short
    before = sum(1 for line in lines[: chain[0]] if line.strip())
    after = sum(1 for line in lines[chain[-1] + 1:] if line.strip())
    footer = after <= before
    cuts = [i + 1 for i in chain] if footer else chain
    bounds = [0] + [c for c in cuts if 0 < c < len(lines)] + [len(lines)]
    pages = [list(lines[a:b]) for a, b in zip(bounds, bounds[1:])]
    return [p for p in pages if any(line.strip() for line in p)] or [list(lines)]


def _page_number_chain(lines: Sequence[str]) -> list[int]:
    """Line indices of the longest run of page numbers counting up (by 1, or by up to
    MAX_PAGE_STEP), at least PAGE_MIN_LINES apart: bare numbers, or numbers beside a recurring
    running head."""
    head_counts: dict[str, int] = {}
    for line in lines:
        if RE_HEAD_NUMBER.match(line.strip()):
            key = shape(line)
            head_counts[key] = head_counts.get(key, 0) + 1
    candidates: list[tuple[int, int]] = []
    for i, line in enumerate(lines):
        text = fold(line)
        bare = RE_BARE_NUMBER.match(text)
        if bare and bare.group(1).isdigit():
            candidates.append((i, int(bare.group(1))))
            continue
        head = RE_HEAD_NUMBER.match(text)
        if head and head_counts.get(shape(text), 0) >= HEAD_MIN_REPEATS:
            candidates.append((i, int(head.group(1) or head.group(2))))
    # best chain ending at each value: (length, last line, chain)
    best: dict[int, tuple[int, int, tuple[int, ...]]] = {}
    for i, value in candidates:
        length, chain = 1, (i,)
        for step in range(1, MAX_PAGE_STEP + 1):
            prev = best.get(value - step)
            if prev is not None and i - prev[1] >= PAGE_MIN_LINES and prev[0] + 1 > length:
                length, chain = prev[0] + 1, prev[2] + (i,)
        if value not in best or length > best[value][0]:
            best[value] = (length, i, chain)
    if not best:
        return []
    return list(max(best.values(), key=lambda b: (b[0], -b[1]))[2])


def _layout(lines: Sequence[str]) -> bool:
    """`pdftotext -layout` text: many lines indented by two spaces or more, or padded inside."""
    text_lines = [line for line in lines if line.strip()]
    laid_out = sum(1 for line in text_lines if RE_WIDE_INDENT.match(line) or RE_INNER_WIDE_RUN.search(line))
    return bool(text_lines) and laid_out >= LAYOUT_MIN_SHARE * len(text_lines)


def _columns_in_turn(lines: Sequence[str]) -> list[str]:
    """A -layout page's passages set in two columns side by side, read column by column: the
    left column's lines, then the right's. The right column starts at one place on the page: the
    text after a gap of three spaces or more, at that place on several lines whose both sides
    read as text (a few words each). A passage runs from the first such line to the last (the
    right column's lines just below it too); a line of text across that place ends it."""
    parts = [_two_parts(line) for line in lines]
    starts = [p[1] for p in parts if p is not None]
    if len(starts) < MIN_SIDE_BY_SIDE:
        return list(lines)
    right = max(set(starts), key=lambda c: sum(abs(c - x) <= COLUMN_SLACK for x in starts))
    at = {k for k, p in enumerate(parts) if p is not None and abs(p[1] - right) <= COLUMN_SLACK}
    if len(at) < MIN_SIDE_BY_SIDE:
        return list(lines)
    out: list[str] = []
    k = 0
    while k < len(lines):
        if k not in at:
            out.append(lines[k])
            k += 1
            continue
        end = k  # the passage: up to the last line split at the column, nothing across it between
        j = k + 1
        while j < len(lines) and not _across(lines[j], right) and not _notes_below(lines, k, j, right):
            if j in at:
                end = j
            j += 1
        while end + 1 < len(lines) and lines[end + 1].strip() and _indent_of(lines[end + 1]) >= right - COLUMN_SLACK:
            end += 1  # the right column goes on below the left one's end
        cuts = [_cut_at(line, right) for line in lines[k:end + 1]]
        left = [line[:cut].rstrip() for line, cut in zip(lines[k:end + 1], cuts)]
        pieces = [line[cut:].rstrip() for line, cut in zip(lines[k:end + 1], cuts)]
        margin = min((_indent_of(p) for p in pieces if p.strip()), default=0)  # the right column's own indents kept
        out += left + [""] + [p[margin:] if p.strip() else "" for p in pieces]
        k = end + 1
    return out


LONG_SEGMENT = 12  # characters of a piece of a line that sets the text block's edge
EDGE_SHARE = 0.2  # the text block's left edge: the first column whose long pieces hold this share of their text
MIN_LONG_SEGMENTS = 5  # a page with fewer long pieces keeps its lines as they are
MARGIN_REACH = 6  # characters left of the text block where a margin note starts at the latest
MARGIN_NOTE_CHARS = 30  # a margin note's line is short ...
MARGIN_MAX_SHARE = 0.7  # ... at most this share of a page's lines hold one (more: a column of text, an index's) ...
PROSE_BESIDE = 30  # ... and the text beside them is prose: lines of this many characters, no gap in them ...
PROSE_SHARE = 0.5  # ... at least this share of them (not a table's cells, not an index's other columns)
TEXT_LINE = 60  # characters of a line of text, at the least (shorter, it is a label or a heading)
MARGIN_GAP = 3  # spaces at least between a margin note and the line's text
EDGE_SLACK = 3  # characters a line's text may stray left of the edge when a margin note is glued to it
RE_SEGMENT = re.compile(r"\S+(?: \S+)*")
# a section's number hung in the margin, a note's number, a list's label: kept with the line
RE_HUNG_LABEL = re.compile(r"^(?:(?:[A-Z]|\d{1,3})(?:\.\d{1,3})*\.?|\(?[a-zA-Z]\)|\(?[ivxlcIVXLC]{1,7}[.)]?|[•·*–—-]"
                           r"|\[[^\]\s]{1,16}\]|[A-Z][a-z]+ (?:[A-Z]|\d{1,3}|[IVXLC]{1,6})\.?)$")


def _margin_notes_apart(lines: Sequence[str]) -> tuple[list[str], list[str]]:
    """A -layout page's lines without the notes set in its left margin (LaTeX's \\marginpar, a
    manual's labels beside the text), and those notes, as the PDF path sets them apart: text that
    ends left of the text block's edge and starts well left of it. The edge is the first column
    where the long pieces of lines that start there carry a good share of the page's text (code
    and figures indented further carry less than the prose). A note stands apart from the line's
    text by a gap of spaces; a note's next line glued to its text by one space ("Applied to" over
    "footnotes text, such as") is one too. A hung section number, a list's label or a reference's
    (`[Fai10]`) is no note; where many lines hold one, or the text beside them is no prose, they
    are a column (an index's, a table's), and where a short text from that column runs across the
    edge, they are a list's labels (Texinfo's `‘--nw’  Do not use ...`): no margin's."""
    segments = [[(m.start(), m.end()) for m in RE_SEGMENT.finditer(line)] for line in lines]
    long = [(a, b - a) for line in segments for a, b in line if b - a >= LONG_SEGMENT]
    total = sum(size for _, size in long)
    if len(long) < MIN_LONG_SEGMENTS:
        return list(lines), []
    edge = next((c for c in sorted({a for a, _ in long})
                 if sum(size for a, size in long if c <= a <= c + EDGE_SLACK) >= EDGE_SHARE * total), None)
    if edge is None or any(pieces and pieces[0][0] <= edge - MARGIN_REACH < edge < pieces[0][1] < pieces[0][0] + TEXT_LINE
                           for pieces in segments):
        return list(lines), []  # a short text from left of the edge runs across it: a list's label, no margin's

    def note_end(line: str, pieces: list[tuple[int, int]]) -> int | None:
        """Where the line's text starts after a margin note set apart by a gap; None without one."""
        if not pieces or pieces[0][0] > edge - MARGIN_REACH:
            return None
        end = next((k for k, (_, b) in enumerate(pieces) if b > edge - 1), len(pieces))
        if end == 0 or (end < len(pieces) and pieces[end][0] - pieces[end - 1][1] < MARGIN_GAP):
            return None
        note = line[:pieces[end - 1][1]].strip()
        if not _reads_as_margin_note(note):
            return None
        return pieces[end][0] if end < len(pieces) else len(line)

    cut = [note_end(line, pieces) for line, pieces in zip(lines, segments)]
    # a line all in the margin belongs to a note beside the text above or below it (a heading
    # alone left of a contents' entries is none)
    alone = {k for k, end in enumerate(cut) if end is not None and not lines[k][end:].strip()}
    beside_text = {k for k, end in enumerate(cut) if end is not None} - alone
    for order in (range(len(lines)), range(len(lines) - 1, -1, -1)):
        for k in order:
            if k in alone and (k - 1 in beside_text or k + 1 in beside_text):
                beside_text.add(k)
    cut = [end if end is None or k in beside_text else None for k, end in enumerate(cut)]
    for k in range(1, len(lines)):  # a note's line glued to the text below its first
        if cut[k] is None and cut[k - 1] is not None and segments[k] and segments[k - 1] \
                and abs(segments[k][0][0] - segments[k - 1][0][0]) <= EDGE_SLACK:
            cut[k] = _glued_note_end(lines[k], segments[k][0], edge)
    beside = [line[end:].strip() for line, end in zip(lines, cut) if end is not None and line[end:].strip()]
    prose = sum(1 for text in beside if len(text) >= PROSE_BESIDE and not RE_COLUMN_GAP.search(text))
    if sum(c is not None for c in cut) > MARGIN_MAX_SHARE * sum(1 for pieces in segments if pieces) \
            or prose < PROSE_SHARE * len(beside):
        return list(lines), []
    kept, notes = [], []
    for line, end in zip(lines, cut):
        if end is None:
            kept.append(line)
            continue
        notes.append(" ".join(line[:end].split()))
        if line[end:].strip():
            kept.append(" " * end + line[end:])
    return kept, notes


def _glued_note_end(line: str, first: tuple[int, int], edge: int) -> int | None:
    """Where the text starts in a line whose margin note runs into it with one space: the word
    that starts nearest the text block's edge."""
    if first[1] <= edge:
        return None
    words = [m.start() for m in re.finditer(r"(?<= )\S", line[:first[1]]) if edge - EDGE_SLACK <= m.start() <= edge + 1]
    if not words:
        return None
    start = min(words, key=lambda w: abs(w - edge))
    return start if _reads_as_margin_note(line[:start].strip()) else None


def _reads_as_margin_note(text: str) -> bool:
    return len(text) <= MARGIN_NOTE_CHARS and bool(re.search(r"[A-Za-z]{2}", text)) and not RE_HUNG_LABEL.match(text)


def _notes_below(lines: Sequence[str], start: int, j: int, column: int) -> bool:
    """Below a blank line, a column's notes open: a line of either column opens with a number the
    passage above cites, run into its word ("tones4", "Brüder9 ,"). The notes under two columns
    are a passage of their own, read after both columns' text."""
    if lines[j].strip() or j + 1 >= len(lines) or not lines[j + 1].strip():
        return False
    below = lines[j + 1]
    cut = _cut_at(below, column)
    above = "\n".join(lines[start:j])
    for side in (below[:cut], below[cut:]):
        opening = RE_NOTE_OPENING.match(side)
        if opening and re.search(GLUED_MARK.format(opening.group(1)), above):
            return True
    return False


RE_NOTE_OPENING = re.compile(r"^\s*([1-9]\d{0,2})\s+\S")
MIN_SIDE_BY_SIDE = 4  # lines split at one place that make a passage of two columns
COLUMN_SLACK = 3  # characters the right column's start may stray
MIN_SIDE_WORDS = 3  # words on each side of such a line
RE_COLUMN_GAP = re.compile(r" {3,}")


def _two_parts(line: str) -> tuple[int, int] | None:
    """(end of the left part, start of the right part) of a line of two texts side by side."""
    text = line.rstrip()
    indent = _indent_of(text)
    for gap in RE_COLUMN_GAP.finditer(text, indent):
        left, right = text[:gap.start()], text[gap.end():]
        if len(left.split()) >= MIN_SIDE_WORDS and len(right.split()) >= MIN_SIDE_WORDS:
            return gap.start(), gap.end()
    return None


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _across(line: str, column: int) -> bool:
    """Text runs across the column's start: no gap of two spaces there."""
    text = line.rstrip()
    if len(text) <= column - COLUMN_SLACK or _indent_of(text) >= column - COLUMN_SLACK:
        return False
    return " " * 2 not in text[max(0, column - COLUMN_SLACK - 2):column + 1]


def _cut_at(line: str, column: int) -> int:
    """Where a line of a two-column passage divides: the gap before the right column's start."""
    text = line.rstrip()
    if _indent_of(text) >= column - COLUMN_SLACK:
        return 0
    best = None
    for gap in re.finditer(r" {2,}", text):
        if abs(gap.end() - column) <= COLUMN_SLACK or (gap.start() < column <= gap.end()):
            best = gap.start()
    return best if best is not None else len(text)


def _fold_runs(line: str) -> str:
    """A -layout line with its inner runs of spaces (column padding) as one space; its indent kept."""
    line = line.replace("\t", " ").rstrip()
    body = line.lstrip(" ")
    return line[: len(line) - len(body)] + RE_INNER_RUN.sub(" ", body)


def _dedent(lines: Sequence[str]) -> list[str]:
    """A -layout page without its common left margin; the indent beyond it (a paragraph's first
    line) kept."""
    margin = min((_indent_of(line) for line in lines if line.strip()), default=0)
    return [line[margin:] if line.strip() else "" for line in lines]
