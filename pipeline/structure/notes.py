"""Note bodies, in every numbering scheme and placement, each parsed as a citation (citations.py).

Note lines come from the pages' foot zones (footnotes) and from "Notes" sections at the end of a
chapter or of the book (endnotes; endnotes.py finds them). A line opens a note when it starts
with a number ("224 Title", glued "451Export", "12. Title", a raised number in a PDF) or a note
symbol (*, †, ‡, §). Which of those lines really open notes, and where the numbering starts
again, is decided for the whole document at once (`choose_starts`): the numbers must run on
(a few lost ones allowed) and may restart at 1 where a chapter, an endnote subsection or a page
begins; a restart elsewhere is dear. From the restarts the scheme follows: one sequence for the
book, one per chapter, one per page, or symbols.

Unnumbered lines continue the open note, even across a page. Where a foot sequence skips a
number, the body whose number was lost is recovered: an unnumbered chunk at the top of a zone,
or the tail of the previous body after its citation visibly ended ("... - P. 65.").
"""
from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..ids import content_ids, normalise_for_id
from ..records import (GLUED_MARK, MARK_CLOSE, MARK_OPEN, RE_DELIMITED_MARK, SYMBOL_CLASS, Chapter, Footnote, Page,
                       symbol_order)
from .citations import canonical_authors, collapse, parse_citation

# how far ahead of the last note number a new one may be (lost numbers in between)
DEFAULT_NUMBER_WINDOW = 8
# the number, then the body: glued only to a letter, quote or bracket ("451Export"), else after a
# space ("153 20 enterprises", "119 . BUTB") or "12. "; "54." and "2023/" are tails of wrapped lines
# '12 Text', '12. Text', '12Text' (a lost space; not '3D printing'), '12.Text' (pdfplumber drops a tab
# after the stop), '12<https://...>' (a bracketed address the number ran into); no note opens as a
# code listing's line does ('3 \\begin{x}', '12 {', '4 # x'), nor as a wrapped figure does: no note
# is numbered 0 ('0 will cause gdb to display')
RE_FOOTNOTE_START = re.compile(r"^\s*([1-9]\d{0,3})(?!\d|(?:st|nd|rd|th)\b)(?:(?=[^\W\d_]{2}|[AI]\s|[“\"«\[(]|<(?:https?|ftp)://|<www\.)|\.?\s(?=[^\s\\{}%#=;])|\.(?=[A-Z“\"«]))")
RE_MARKED_START = re.compile(r"^\s*" + RE_DELIMITED_MARK.pattern + r"\s*")
# where a note may open inside a foot line: after a sentence's or clause's end and a space
RE_INNER_NOTE_START = re.compile(r"(?<=[.;,:!?”\"’)\]]) +(?=[1-9]|" + RE_DELIMITED_MARK.pattern + r")")
RE_CONTENTS_LEADER = re.compile(r"(?:\.\s?){5,}\s*\d{1,4}\s*$")  # "1 A Sample Session . . . . . 5": a contents line
RE_SYMBOL_START = re.compile(rf"^\s*({SYMBOL_CLASS}{{1,3}})\s*(?=\S)")
RE_LEADING_DEBRIS = re.compile(r"^[\s.,]+")
RE_MARKS = re.compile(f"[{MARK_OPEN}{MARK_CLOSE}]")
# a citation has visibly ended: its URL, or its page reference ("- P. 65.", "C. 41.")
RE_PAGE_REF_END = re.compile(r"\b[PCР]\.\s*\d+(?:\s*[-–]\s*\d+)?\s*\.?\s*$")
RE_CITATION_END = re.compile(
    r"(?:\b[PCР]\.\s*\d+(?:\s*[-–]\s*\d+)?\s*\.?|\bhtml?|/|\d{4,}/?|\.(?:by|ru|com|org)/?)\s*$"
)
RE_NEW_CITATION_LINE = re.compile(r"^[“\"«A-Z]\S*(?:\s+\S+){3}")

# what choosing note starts rewards and costs (choose_starts)
START_REWARD = 1.0
MARKED_BONUS = 0.5  # a raised number at the start of a note line: the layout says so
MISSED_MARKED_COST = 2.0
LOST_NUMBER_COST = 0.25  # per number the sequence skips
RESTART_COST_AT_BOUNDARY = 0.15  # where a chapter, an endnote subsection or the placement changes
RESTART_COST_AT_PAGE = 0.3  # the first note line of a page's zone
RESTART_COST_ELSEWHERE = 1.2
RESUME_COST = 1.5  # a page's notes run on far past the last number read: whole pages' notes were lost
KEPT_STATES = 40
CITED_BONUS = 0.5  # a raised marker with the note's number stands where its marker would
UNCITED_COST = 0.6  # in a document whose markers are raised, a start no marker cites
MIN_RAISED_MARKERS = 3
SECOND_SERIES_COST = 1.0  # opening a second numbering beside the first
FORM_MISMATCH_COST = 0.8  # a start set unlike most of its placement's notes
USUAL_FORM_SHARE = 0.6
RUN_IN_COST = 0.3  # a note opening inside a line, not at its start: only where its number is cited


def footnote_start(line: str, last_number: int, *, window: int = DEFAULT_NUMBER_WINDOW) -> tuple[int, str] | None:
    """(number, rest of line) when `line` opens note last_number+1..last_number+window."""
    start = note_start(line)
    if start is None or start[2] is not None:
        return None
    number = start[0]
    if not last_number < number <= last_number + window:
        return None
    return number, start[1]


def note_start(line: str) -> tuple[int, str, str | None, bool] | None:
    """(number, rest, symbol, marked) when `line` starts like a note: a number, a note symbol
    (its number is its order: * 1, † 2), or a raised mark in a PDF (marked)."""
    m = RE_MARKED_START.match(line)
    if m:
        label = m.group(1)
        symbol = None if label.isdigit() else label
        return (int(label) if symbol is None else symbol_order(label)), line[m.end():], symbol, True
    m = RE_FOOTNOTE_START.match(line)
    if m and not RE_CONTENTS_LEADER.search(line):
        return int(m.group(1)), line[m.end():], None, False
    m = RE_SYMBOL_START.match(line)
    if m:
        return symbol_order(m.group(1)), line[m.end():], m.group(1), False
    return None


@dataclass(frozen=True)
class NoteLine:
    page: int
    text: str
    placement: str  # "foot" or "end"
    top_of_zone: bool  # the first line of a page's foot zone, or of an endnote subsection
    boundary: int  # changes where a chapter, an endnote subsection or the placement changes
    section: int | None = None  # the endnote subsection (index into the document's subheads)
    inner: bool = False  # the rest of a line from a note number inside it (run-in notes)


@dataclass
class _Chunk:
    number: int | None
    page: int
    placement: str = "foot"
    section: int | None = None
    symbol: str | None = None
    lines: list[str] = field(default_factory=list)
    end_page: int = 0
    number_in_text: bool = True
    run: int = 0  # which run of the numbering (a restart begins a new one)
    series: int = 0  # 1 for a second numbering beside the first


@dataclass(frozen=True)
class NoteSet:
    """The notes of a document, and what their numbering and placement are."""
    notes: tuple[Footnote, ...]
    scheme: str  # book, chapter, page, symbol or none
    placement: str  # foot, chapter-end, book-end or none
    restarts: tuple[int, ...] = ()  # pages where the numbering starts again though no scope begins


def note_lines(pages: Sequence[Page], chapters: Sequence[Chapter] = ()) -> list[NoteLine]:
    """Every line of every note zone, in document order, with what choose_starts needs."""
    chapter_of = _chapter_index_of_page(chapters)
    out: list[NoteLine] = []
    for page in pages:
        chapter = chapter_of.get(page.page, -1)
        first = True
        for line in page.footnote_lines:
            if line.strip():
                for k, piece in enumerate(_run_in_pieces(line)):
                    out.append(NoteLine(page.page, piece, "foot", first and not k, chapter, inner=k > 0))
                first = False
        previous = None
        for line, section in zip(page.endnote_lines, page.endnote_sections):
            if line.strip():
                out.append(NoteLine(page.page, line, "end", section != previous, 10_000 + section, section=section))
                previous = section
    return out


def _run_in_pieces(line: str) -> list[str]:
    """A foot line cut before each note number inside it that follows a sentence's or a clause's
    end: notes run in one after another ("... the help of a user. 4This part was added ..."), as
    a paragraph of short notes sets them, or a second column's notes read across by the converter.
    Whether a piece opens a note is choose_starts' to say: a piece it does not take rejoins its line."""
    cuts = [m.end() for m in RE_INNER_NOTE_START.finditer(line)
            if (start := note_start(line[m.end():])) is not None and start[2] is None]
    if not cuts:
        return [line]
    bounds = [0] + cuts + [len(line)]
    return [line[a:b].rstrip() for a, b in zip(bounds, bounds[1:])]


def _chapter_index_of_page(chapters: Sequence[Chapter]) -> dict[int, int]:
    out: dict[int, int] = {}
    for k, c in enumerate(chapters):
        for p in range(c.start_page, c.end_page + 1):
            out.setdefault(p, k)
    return out


RE_DOTTED_START = re.compile(r"^\s*\d{1,4}[.)]\s")


def _form(text: str) -> str:
    """How a note start is set: a raised number, "12. Title", or "12 Title"."""
    if RE_MARKED_START.match(text):
        return "raised"
    return "dotted" if RE_DOTTED_START.match(text) else "plain"


def _usual_forms(lines: Sequence[NoteLine]) -> dict[str, str]:
    """Per placement, the form most note starts take, where it is clear (USUAL_FORM_SHARE)."""
    counts: dict[str, Counter] = {}
    for line in lines:
        start = note_start(line.text) if not line.inner else None
        if start is not None and start[0] < 1000:
            counts.setdefault(line.placement, Counter())[_form(line.text)] += 1
    out = {}
    for placement, c in counts.items():
        form, n = c.most_common(1)[0]
        if n >= USUAL_FORM_SHARE * sum(c.values()) and n >= 5:
            out[placement] = form
    return out


def choose_starts(lines: Sequence[NoteLine], *, window: int = DEFAULT_NUMBER_WINDOW,
                  start_after: int = 0, cited: Callable[[NoteLine, int], bool | None] | None = None) -> dict[int, tuple[int, int, int]]:
    """Which lines open notes: {line index: (number, series, run)}; a run is one stretch of
    numbering of its series.

    The numbering is read for the whole document at once (a small Viterbi search over the last
    number of each series): every accepted start earns a point, a raised start more; skipped
    numbers, restarts and raised starts left unread cost; restarts are cheap where a scope can
    begin. A second series running beside the first (the notes of a parallel column, numbered
    on their own) may open at a raised 1, or in a dump at a 1 the text cites by a glued mark
    right below a cited note of the first series on its page. A note may open inside a line
    (run-in notes) where its number is cited and next in its series. `cited(line, number,
    glued=False)` says whether a marker with that number stands where the note's marker would
    (None: it cannot tell); `glued`: a mark run into its word."""
    usual = _usual_forms(lines)
    # a state: the last number of the first series, of the second, and the highest the first
    # series has reached since its scope began (a resumed sequence continues that one)
    states: dict[tuple[int, int | None, int], tuple[float, tuple]] = {(start_after, None, start_after): (0.0, ())}
    seen_boundary: set[int] = set()
    seen_page: set[tuple[int, str]] = set()
    for i, line in enumerate(lines):
        start = note_start(line.text)
        if start is None:
            continue
        number, _, _, marked = start
        first_of_boundary = line.boundary not in seen_boundary
        first_of_page = (line.page, line.placement) not in seen_page
        seen_boundary.add(line.boundary)
        seen_page.add((line.page, line.placement))
        restart_cost = (RESTART_COST_AT_BOUNDARY if first_of_boundary
                        else RESTART_COST_AT_PAGE if first_of_page else RESTART_COST_ELSEWHERE)
        reward = START_REWARD + (MARKED_BONUS if marked else 0.0)
        if usual.get(line.placement) not in (None, _form(line.text)) and not marked:
            reward -= FORM_MISMATCH_COST  # "10 October 2000" among notes set "10. Title"
        verdict = cited(line, number) if cited is not None else None
        if verdict is not None:
            reward += CITED_BONUS if verdict else -UNCITED_COST
        if line.inner and not verdict:
            continue
        if line.inner:
            reward -= RUN_IN_COST
        # a second series is read from raised numbers, or from numbers the text cites; in a dump it
        # opens right below a note of the first series on the same page (a page's first 1 is a restart)
        in_second_series = marked or bool(verdict)
        # a run-in note takes the next number of its series, none lost
        window_here = 1 if line.inner else window
        new: dict[tuple[int, int | None, int], tuple[float, tuple]] = {}

        def offer(state: tuple[int, int | None, int], score: float, path: tuple) -> None:
            if state not in new or score > new[state][0]:
                new[state] = (score, path)

        for (a, b, top), (score, path) in states.items():
            offer((a, b, top), score - (MISSED_MARKED_COST if marked else 0.0), path)  # a continuation line
            if a < number <= a + window_here:
                offer((number, b, max(top, number)), score + reward - LOST_NUMBER_COST * (number - a - 1),
                      (path, i, number, 0, False))
            elif number == 1 and not line.inner:
                offer((1, b, 1 if first_of_boundary else top), score + reward - restart_cost, (path, i, 1, 0, True))
            elif number > a + window and a >= top and first_of_page and number < 1000 and not line.inner:
                offer((number, b, number), score + reward - RESUME_COST, (path, i, number, 0, False))
            if in_second_series and b is not None and b < number <= b + window_here:
                offer((a, number, top), score + reward - LOST_NUMBER_COST * (number - b - 1), (path, i, number, 1, False))
            elif number == 1 and a >= 1 and not line.inner and (
                    marked or (verdict and cited(line, 1, glued=True) and _below_first_series(path, lines, line, cited))):
                offer((a, 1, top), score + reward - SECOND_SERIES_COST, (path, i, 1, 1, True))
        states = dict(sorted(new.items(), key=lambda kv: -kv[1][0])[:KEPT_STATES])
    best = max(states.values(), key=lambda v: v[0])[1] if states else ()
    decisions = []
    while best:
        best, i, number, series, restart = best
        decisions.append((i, number, series, restart))
    chosen: dict[int, tuple[int, int, int]] = {}
    runs: list[int | None] = [0, None]
    next_run = 1
    for i, number, series, restart in reversed(decisions):
        if runs[series] is None or (restart and chosen):
            runs[series] = next_run
            next_run += 1
        chosen[i] = (number, series, runs[series])
    return chosen


def collect_notes(pages: Sequence[Page], chapters: Sequence[Chapter] = (), *,
                  section_chapters: dict[int, int] | None = None, end_placement: str | None = None,
                  window: int = DEFAULT_NUMBER_WINDOW, start_after: int = 0) -> NoteSet:
    """Every note of the document, in document order, parsed as a citation, with its scope.

    section_chapters: for each endnote subsection, the index of the chapter its notes belong to.
    start_after: the note number before the first page (0 for a whole book)."""
    lines = note_lines(pages, chapters)
    if not start_after:
        start_after = _excerpt_start(lines, window=window)
    starts = choose_starts(lines, window=window, start_after=start_after,
                           cited=_raised_citations(pages, chapters, section_chapters or {})
                           or _text_citations(pages, lines))
    chunks = _chunks(lines, starts)
    chunks = _recover_lost_numbers(chunks, start_after=start_after)
    scheme, restarts = _scheme(chunks, chapters)
    placement = _placement(chunks, end_placement) if chunks else "none"
    doc_id = pages[0].doc_id if pages else ""
    texts = [collapse(RE_MARKS.sub("", " ".join(c.lines))) for c in chunks]
    ids = content_ids(normalise_for_id(t) for t in texts)
    chapter_of = _chapter_index_of_page(chapters)
    scope = {"book": "document", "chapter": "chapter", "page": "page", "symbol": "page"}.get(scheme, "document")
    book_end = end_placement == "book-end"
    end_placement = placement if placement in ("chapter-end", "book-end") else "book-end"
    notes = []
    for fid, c, text in zip(ids, chunks, texts):
        note_scope = scope
        if c.placement == "end" and section_chapters and c.section in section_chapters:
            chapter = section_chapters[c.section]
        elif c.placement == "end" and book_end:
            # a notes section at the book's end, under no chapter's title: its notes belong to
            # no chapter (not to the section's own), their markers stand anywhere before
            chapter, note_scope = None, "document"
        else:
            chapter = chapter_of.get(c.page)
        notes.append(_parse(doc_id, fid, c, text, scope=note_scope,
                            chapter_id=chapters[chapter].chapter_id if chapter is not None else None,
                            placement="foot" if c.placement == "foot" else end_placement))
    spelling = canonical_authors(notes)
    notes = [dataclasses.replace(n, authors_canonical=tuple(dict.fromkeys(spelling[a] for a in n.authors)))
             for n in notes]
    return NoteSet(tuple(notes), scheme, placement, tuple(restarts))


RE_RAISED = RE_DELIMITED_MARK


def _raised_citations(pages: Sequence[Page], chapters: Sequence[Chapter],
                      section_chapters: dict[int, int]) -> Callable[[NoteLine, int], bool] | None:
    """Where the body's raised markers stand, as a test for note starts; None for a document
    without raised markers (a text dump)."""
    chapter_of = _chapter_index_of_page(chapters)
    on_page: set[tuple[int, int]] = set()
    in_chapter: set[tuple[int, int]] = set()
    anywhere: set[int] = set()
    for page in pages:
        for line in page.body_lines:
            for m in RE_RAISED.finditer(line):
                label = m.group(1)
                number = int(label) if label.isdigit() else symbol_order(label)
                on_page.add((page.page, number))
                in_chapter.add((chapter_of.get(page.page, -1), number))
                anywhere.add(number)
        for line in page.endnote_lines:  # notes cited inside notes ("another endnote.6")
            for m in RE_RAISED.finditer(line[1:]):
                anywhere.add(int(m.group(1)) if m.group(1).isdigit() else symbol_order(m.group(1)))
    if len(on_page) < MIN_RAISED_MARKERS:
        return None

    def cited(line: NoteLine, number: int, glued: bool = False) -> bool:
        # `glued` asks how a dump set the mark; a raised mark is surer than a glued one
        if line.placement == "foot":
            return (line.page, number) in on_page or (line.page - 1, number) in on_page
        chapter = section_chapters.get(line.section) if line.section is not None else None
        return (chapter, number) in in_chapter if chapter is not None else number in anywhere
    return cited


MIN_TEXT_CITED_SHARE = 0.5


def _text_citations(pages: Sequence[Page], lines: Sequence[NoteLine]) -> Callable[[NoteLine, int], bool | None] | None:
    """In a dump, where the body's text cites a foot note's number as a marker on its page or
    the page before (markers.cites), as a test for note starts; None where the dump lost most
    markers (under MIN_TEXT_CITED_SHARE of the candidate starts cited), and no verdict on
    endnotes, whose markers stand anywhere in their chapter."""
    from .markers import cites  # markers reads notes' starts: imported here, not at the top
    body = {p.page: "\n".join(_without_number_columns(p.body_lines)) for p in pages}
    memo: dict[tuple[int, int], bool] = {}

    def on_page(page: int, number: int) -> bool:
        if (page, number) not in memo:
            memo[page, number] = cites(body.get(page, ""), number)
        return memo[page, number]

    def cited(line: NoteLine, number: int, glued: bool = False) -> bool | None:
        """`glued`: only by a mark run into its word ("brothers5"), as converters set a raised one."""
        if line.placement != "foot":
            return None
        if glued:
            return any(re.search(GLUED_MARK.format(number), body.get(p, "")) is not None for p in (line.page, line.page - 1))
        return on_page(line.page, number) or on_page(line.page - 1, number)

    starts = [(line, start[0]) for line in lines if line.placement == "foot" and not line.inner
              for start in [note_start(line.text)] if start is not None and start[2] is None]
    hits = sum(bool(cited(line, number)) for line, number in starts)
    if hits < MIN_RAISED_MARKERS or hits < MIN_TEXT_CITED_SHARE * len(starts):
        return None
    return cited


RE_NUMBER_ALONE = re.compile(r"^\s*\d{1,4}\s*$")
MIN_NUMBER_COLUMN = 3


def _without_number_columns(lines: Sequence[str]) -> list[str]:
    """Lines without runs of numbers set alone, which no marker reading should take for markers."""
    column = number_columns(lines)
    return [l for k, l in enumerate(lines) if k not in column]


def number_columns(lines: Sequence[str], *, counting: bool = False) -> set[int]:
    """The lines of runs of numbers set alone, MIN_NUMBER_COLUMN or more in a row: a code
    listing's or a poem's line numbers, the converter's column beside the text. `counting`: only
    runs that count up by one (1, 2, 3), as line numbers do."""
    values = [int(l) if RE_NUMBER_ALONE.match(l) else None for l in lines]
    out: set[int] = set()
    i = 0
    while i < len(lines):
        j = i + 1 if values[i] is not None else i
        while j < len(lines) and values[j] is not None and (not counting or values[j] == values[j - 1] + 1):
            j += 1
        if j - i >= MIN_NUMBER_COLUMN:
            out.update(range(i, j))
        i = max(j, i + 1)
    return out


def _excerpt_start(lines: Sequence[NoteLine], *, window: int) -> int:
    """The number before the first note of a document that starts in the middle of a book's
    sequence (a chapter printed alone): its first three note starts run on from a number past
    the window. Else 0."""
    numbers = []
    for line in lines:
        start = note_start(line.text) if not line.inner else None
        if start is not None and start[2] is None:
            numbers.append(start[0])
            if len(numbers) == 3:
                break
    if len(numbers) == 3 and numbers[0] > window and all(0 < b - a <= window for a, b in zip(numbers, numbers[1:])):
        return numbers[0] - 1
    return 0


def collect_footnotes(pages: Sequence[Page], *, window: int = DEFAULT_NUMBER_WINDOW,
                      start_after: int = 0) -> list[Footnote]:
    """The notes alone (what the tests of one page's zone need)."""
    return list(collect_notes(pages, window=window, start_after=start_after).notes)


def _below_first_series(path: tuple, lines: Sequence[NoteLine], line: NoteLine,
                        cited: Callable[[NoteLine, int], bool | None]) -> bool:
    """The last start chosen on `path` (previous path, line index, number, series, restart) is a
    note of the first series on `line`'s page that the text cites."""
    return bool(path) and path[3] == 0 and lines[path[1]].page == line.page and bool(cited(lines[path[1]], path[2]))


def _chunks(lines: Sequence[NoteLine], starts: dict[int, tuple[int, int, int]]) -> list[_Chunk]:
    chunks: list[_Chunk] = []
    run = 0
    for i, line in enumerate(lines):
        if i in starts:
            start = note_start(line.text)
            number, series, run = starts[i]
            body = RE_LEADING_DEBRIS.sub("", start[1]) if not start[3] else start[1].strip()
            chunks.append(_Chunk(number=number, page=line.page, placement=line.placement, section=line.section,
                                 symbol=start[2], lines=[body], end_page=line.page, run=run, series=series))
        elif line.placement == "end" and (not chunks or chunks[-1].placement != "end" or chunks[-1].section != line.section):
            continue  # the preamble of a notes section or subsection ("Throughout this text ...")
        elif line.top_of_zone or not chunks:
            # top of a zone, unnumbered: a continuation or a body whose number was lost
            chunks.append(_Chunk(number=None, page=line.page, placement=line.placement, section=line.section,
                                 lines=[line.text.strip()], end_page=line.page, run=run))
        else:
            chunks[-1].lines.append(line.text.strip())
            chunks[-1].end_page = line.page
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
        if not out and nxt is not None and not gap:
            continue  # the tail of a note begun before the document: the next number is taken
        if out and not (gap and _citation_complete(out[-1].lines)):
            out[-1].lines.extend(chunk.lines)  # continuation onto the next page
            out[-1].end_page = chunk.end_page
        else:
            chunk.number = prev + 1
            chunk.number_in_text = False
            chunk.run, chunk.series = (out[-1].run, out[-1].series) if out else (0, 0)
            out.append(chunk)
    # a lost number whose first line also vanished: its tail follows the previous body
    result: list[_Chunk] = []
    for i, chunk in enumerate(out):
        nxt = out[i + 1].number if i + 1 < len(out) else None
        result.append(chunk)
        if nxt is not None and chunk.number is not None and nxt - chunk.number > 1:
            split = _split_after_citation_end(chunk.lines)
            if split is not None:
                tail = _Chunk(number=chunk.number + 1, page=chunk.end_page, placement=chunk.placement,
                              section=chunk.section, lines=chunk.lines[split:], end_page=chunk.end_page,
                              number_in_text=False, run=chunk.run, series=chunk.series)
                chunk.lines = chunk.lines[:split]
                result.append(tail)
    return result


def _scheme(chunks: Sequence[_Chunk], chapters: Sequence[Chapter]) -> tuple[str, list[int]]:
    """The numbering scheme the runs of numbers show, and the pages where the numbering starts
    again though no chapter, subsection or page explains it. Footnotes and endnotes are two
    series: a run that starts where the placement changes is not a restart."""
    if not chunks:
        return "none", []
    if sum(c.symbol is not None for c in chunks) > len(chunks) / 2:
        return "symbol", []
    foot = [c for c in chunks if c.placement == "foot"]
    end = [c for c in chunks if c.placement == "end"]
    on_foot = len(foot) >= len(end)
    main = [c for c in (foot if on_foot else end) if c.series == 0]
    runs: dict[int, list[_Chunk]] = {}
    for c in main:
        runs.setdefault(c.run, []).append(c)
    if len(runs) == 1:
        return "book", []
    chapter_of = _chapter_index_of_page(chapters)
    one_page = sum(len({c.page for c in run}) == 1 for run in runs.values())
    pages_with_notes = len({c.page for c in main})
    if on_foot and one_page >= 0.8 * len(runs) and len(runs) >= 0.6 * pages_with_notes and len(runs) > 2:
        return "page", []

    def scope_of(c: _Chunk):
        return c.section if c.placement == "end" else chapter_of.get(c.page)

    restarts = []
    previous = None
    for run in runs.values():
        if previous is not None and scope_of(run[0]) == previous:
            restarts.append(run[0].page)
        previous = scope_of(run[-1])
    return "chapter", restarts


def _placement(chunks: Sequence[_Chunk], end_placement: str | None) -> str:
    """Where most notes are printed: at the foot of the page, or in the notes sections."""
    foot = sum(c.placement == "foot" for c in chunks)
    if foot >= len(chunks) - foot:
        return "foot"
    return end_placement or "book-end"


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


def _parse(doc_id: str, footnote_id: str, chunk: _Chunk, text: str, *, scope: str, chapter_id: str | None,
           placement: str) -> Footnote:
    fields = parse_citation(text)
    return Footnote(
        doc_id=doc_id, footnote_id=footnote_id, number=int(chunk.number or 0), page=chunk.page,
        end_page=chunk.end_page, text=text, raw_text="\n".join(RE_MARKS.sub("", l) for l in chunk.lines),
        number_in_text=chunk.number_in_text, scope=scope, chapter_id=chapter_id,
        placement=placement, symbol=chunk.symbol, series=chunk.series, **fields,
    )
