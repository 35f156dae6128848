"""Body text and note zone of every page, debris dropped, printed page numbers filled in.

Within a page the body comes first; the footnote zone is the run of citation-like blocks at its
foot, recognised by footnote numbers that continue the book-wide sequence.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence

from ..progress import progress
from ..records import GLUED_MARK, SYMBOL_CLASS, Page, RawPage, symbol_order
from .chapters import JOINED_LINE_SHARE
from .citations import RE_CITATION_HINT
from .contents import contents_lines
from .debris import is_debris
from .markers import cited_after, cites
from .notes import footnote_start, note_start, number_columns

# debris glued to the end of a sentence: "Oman. oN"
RE_TRAILING_DEBRIS = re.compile(r"(?<=[.!?\"”])\s+(?:[a-z][A-Z]|[A-Za-z]?[<>]+[A-Za-z]?)\s*$")


def infer_printed_pages(printed: Sequence[int | None]) -> list[tuple[int | None, bool]]:
    """Fill the printed number of every page from the nearest page that prints one.

    Returns (printed_page, inferred) per page; pages are 1-based in order of `printed`.
    """
    known = [(i, p) for i, p in enumerate(printed) if p is not None]
    out: list[tuple[int | None, bool]] = []
    for i, p in enumerate(printed):
        if p is not None:
            out.append((p, False))
            continue
        if not known:
            out.append((None, True))
            continue
        # the nearest anchor before, else after: its offset holds until the next anchor
        before = [k for k in known if k[0] < i]
        anchor = before[-1] if before else known[0]
        value = anchor[1] + (i - anchor[0])
        out.append((value if value > 0 else None, True))
    return out


def _blocks(lines: Sequence[str]) -> list[list[int]]:
    """Indices of non-blank lines, grouped into blank-line separated blocks."""
    blocks: list[list[int]] = []
    current: list[int] = []
    for i, line in enumerate(lines):
        if line.strip():
            current.append(i)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def fill_printed_pages(pages_in: Sequence[Page]) -> list[Page]:
    """Printed page numbers where the source did not give them, inferred from their neighbours;
    a page printing a roman number ("xiv" in `printed_label`) keeps no arabic one."""
    filled = infer_printed_pages([p.printed_page for p in pages_in])
    return [p if p.printed_label is not None else
            dataclasses.replace(p, printed_page=number, printed_page_inferred=inferred)
            for p, (number, inferred) in zip(pages_in, filled)]


def zone_pages(raw_pages: Iterable[RawPage], *, start_after: int = 0) -> list[Page]:
    """Debris dropped, then body and footnote zone separated on every page (clean_pages, then
    zone_notes)."""
    return zone_notes(clean_pages(raw_pages), start_after=start_after)


def clean_pages(raw_pages: Iterable[RawPage]) -> list[Page]:
    """A text dump's pages with debris dropped and every line in the body: the chapters and the
    notes sections are read from these before the foot zones are cut (zone_notes)."""
    pages: list[Page] = []
    for raw in raw_pages:
        kept, removed = _clean(raw.lines)
        pages.append(Page(
            doc_id=raw.doc_id, page=raw.page, printed_page=raw.printed_page,
            printed_page_inferred=False, body_lines=tuple(_trim(kept)), footnote_lines=(),
            removed=raw.furniture + tuple(removed), printed_label=raw.printed_label,
        ))
    return pages


def zone_notes(pages: Sequence[Page], *, start_after: int = 0, heading_ends: dict[int, int] | None = None,
               numbered_headings: frozenset[int] = frozenset()) -> list[Page]:
    """Separate body and footnote zone on every page. Sequential: the footnote numbering carried
    from page to page tells a footnote line from a body line. The body keeps its lines' places
    (headings found before point into it).

    start_after: the footnote number before the first page (0 for a whole book).
    heading_ends: page -> the line after its last chapter heading; the notes are below it (a
    heading "1" over "China: ..." in mid-page is no note). numbered_headings: the pages whose
    heading opens as a note would ("1. The key to ...")."""
    out: list[Page] = []
    last_number = start_after
    heading_ends = heading_ends or {}
    open_note = False  # the last note of the page before stops in mid-sentence: it goes on here
    for page in progress(pages, total=len(pages), desc="pages", unit="page"):
        top = heading_ends.get(page.page, 0)
        start_number = last_number
        lines = list(page.body_lines)
        entries = contents_lines(lines)  # a contents page's numbers are pages, not notes: left out
        masked = ["" if k in entries else line for k, line in enumerate(lines)]
        body, notes, removed, last_number = _zone(masked, start_number, open_note)
        if top and (len(body) < top if notes else page.page in numbered_headings and len(masked) > top):
            # the zone took the heading, or the heading read as a note ("1. The key to ...")
            # spoilt the zone below it: look below the heading only
            below = _zone(masked[top:], start_number, open_note, masked[:top])
            if notes or below[1]:
                body, notes, removed, last_number = masked[:top] + below[0], below[1], below[2], below[3]
        if entries and not notes:
            body = lines  # nothing below the entries: the page as it is
        elif entries:
            body = [lines[k] if k in entries else line for k, line in enumerate(body)]
            removed += [lines[k].strip() for k in sorted(entries) if k >= len(body)]
        if notes:  # a note's end: a stop, or a URL (`... - URL : https://x.by/a-2023/`)
            last = notes[-1].split()
            open_note = not (RE_NOTE_TEXT_END.search(notes[-1].rstrip()) or (last and RE_URL_PIECE.match(last[-1])))
        elif any(l.strip() for l in body):
            open_note = False
        column = number_columns(body, counting=True)  # a listing's line numbers: no text, no markers
        removed += [body[k].strip() for k in sorted(column)]
        body = ["" if k in column else line for k, line in enumerate(body)]
        out.append(dataclasses.replace(page, body_lines=tuple(body), footnote_lines=tuple(notes),
                                       removed=page.removed + tuple(removed)))
    return fill_printed_pages(out)


def _clean(lines: Sequence[str]) -> tuple[list[str], list[str]]:
    """Lines with OCR debris taken off (a blank line, or the full stop it carried, in its place)."""
    removed: list[str] = []
    kept: list[str] = []
    for i, line in enumerate(lines):
        if is_debris(line) and not _symbol_above_its_note(lines, i) and not _letter_above_its_title(lines, i):
            removed.append(line.strip())
            # a lost marker can leave its sentence's full stop on the debris line (". -")
            kept.append("." if line.strip().startswith(".") else "")
            continue
        cleaned = RE_TRAILING_DEBRIS.sub("", line)
        if cleaned != line:
            removed.append(line[len(cleaned):].strip())
        kept.append(cleaned)
    if kept and kept[0] == ".":
        kept[0] = ""
    return kept, removed


RE_LETTER_LINE = re.compile(r"^\s*[A-Z]\s*$")
RE_TITLE_LINE = re.compile(r"^\s*[A-Z][^.!?]{2,70}[^\W\d]\s*$")  # short, no stop: "PhD thesis example"


def _letter_above_its_title(lines: Sequence[str], i: int) -> bool:
    """Line i is an appendix's letter set apart above its title, as plain pdftotext sets a
    chapter's number ("B" / "" / "PhD thesis example"), blank lines around it, not debris."""
    return bool(RE_LETTER_LINE.match(lines[i])) and (i == 0 or not lines[i - 1].strip()) and i + 2 < len(lines) \
        and not lines[i + 1].strip() and bool(RE_TITLE_LINE.match(lines[i + 2]))


def _symbol_above_its_note(lines: Sequence[str], i: int) -> bool:
    """Line i is a note's symbol set on a line of its own above the note's text, as plain
    pdftotext sets a title page's notes ("*" / "" / "Sponsored in part by ..."): the text above
    carries the symbol glued to a word, and the next line with text opens a sentence."""
    symbol = RE_SYMBOL_LINE.match(lines[i])
    if symbol is None:
        return False
    below = next((l.strip() for l in lines[i + 1:i + 3] if l.strip()), "")
    return bool(RE_NOTE_TEXT_OPENING.match(below)) and cites("\n".join(lines[:i]), symbol.group(1))


def _zone(kept: list[str], last_number: int, open_note: bool = False, text_above: Sequence[str] = ()
          ) -> tuple[list[str], list[str], list[str], int]:
    """(body, notes, removed, last note number) of a page's lines; `text_above`: the page's lines
    above them (above its last heading), whose markers cite the notes too."""
    removed: list[str] = []
    kept = _unglue_note_number(kept, last_number)
    blocks = _blocks(kept)
    zone_start = None
    for b, block in enumerate(blocks):
        if b == 0:
            continue
        text = " ".join(kept[i] for i in block)
        numbered = footnote_start(kept[block[0]], last_number) is not None
        if not numbered and not (_opens_notes(kept, blocks[b + 1]) if b + 1 < len(blocks) else
                                 open_note or any(footnote_start(kept[i], last_number) is not None for i in block[1:])):
            continue  # an unnumbered note (carried over, or its number lost) opens the zone, numbered
            # ones follow it, or it ends the page where the note above stopped in mid-sentence: else
            # this is a paragraph that cites a page ("as done in p. 47", "see Section C.3, page 180")
        if RE_CITATION_HINT.search(text) and (numbered or not _reads_as_prose(text)):
            zone_start = b
            break
    cited = _cited_zone(kept, last_number, open_note, text_above)
    # the cited notes start above the zone found, or inside its first block, which then opens
    # with body text the converter ran on into the notes (no blank line between them): prose that
    # cites nothing itself (else it is a note carried over, or one whose number was lost)
    inside = zone_start is not None and cited is not None and blocks[zone_start][0] < cited <= blocks[zone_start][-1] \
        and footnote_start(kept[blocks[zone_start][0]], last_number) is None \
        and _body_prose(" ".join(kept[blocks[zone_start][0]:cited]))
    if cited is not None and (zone_start is None or cited < blocks[zone_start][0] or inside):
        k = cited
        body, below = _text_between_notes(kept, k)
        notes = _joined_numbers(below)
        numbers = []
        for line in notes:
            start = note_start(line)
            if start is not None and start[2] is None and start[0] < 1000:
                numbers.append(start[0])
        if _mostly_uncited(numbers, [*text_above, *body], open_note):
            return _trim_end(kept), [], removed, last_number
        last_number = numbers[-1] if numbers else last_number
        return _trim_end(body), _stretched_line_in_place([l.rstrip() for l in notes if l.strip()]), removed, last_number
    if zone_start is None:
        return _trim_end(kept), [], removed, last_number
    page_lines, number_before = kept, last_number
    body, below = _text_between_notes(kept, blocks[zone_start][0])
    kept = kept[: blocks[zone_start][0]] + below
    blocks = _blocks(kept)
    notes: list[str] = []
    numbers: list[int] = []
    for block in blocks[zone_start:]:
        block_lines = [l for l in _joined_numbers([kept[i] for i in block]) if l.strip()]
        text = " ".join(block_lines)
        has_number = any(footnote_start(l, last_number) for l in block_lines)
        if not (RE_CITATION_HINT.search(text) or has_number):
            removed.extend(l.strip() for l in block_lines)  # stray text after the zone
            continue
        for line in block_lines:
            start = footnote_start(line, last_number)
            if start is not None:
                last_number = start[0]
                numbers.append(start[0])
        notes.extend(line.rstrip() for line in block_lines)
    if _mostly_uncited(numbers, [*text_above, *body], open_note):
        return _trim_end(page_lines), [], [], number_before
    return _trim_end(body), _stretched_line_in_place(notes), removed, last_number


def _mostly_uncited(numbers: Sequence[int], above: Sequence[str], open_note: bool) -> bool:
    """Numbered lines at a page's foot that open a numbering (1, 2, ...) and that the text above
    mostly does not cite are no notes: a list's items, a play's numbered speeches, where notes
    may restart on every page (a heading's "2.1" or "Chapter 2." may read as one marker). Notes
    that go on with the numbering of the pages before keep the sequence's word for it (a marker
    lost to OCR)."""
    if len(numbers) < MIN_CHECKED_RUN or open_note or numbers[0] != 1:
        return False
    text = "\n".join(above)
    cited = sum(cites(text, n) or re.search(GLUED_MARK.format(n), text) is not None for n in numbers)
    return cited < MIN_CITED_SHARE * len(numbers)


def _stretched_line_in_place(lines: list[str]) -> list[str]:
    """A note's line that justification stretched before a long URL or address ("This section
    was contributed by Gary Cliff from ... Ltd.," over "gary.cliff@cdott.com."): pdftotext sets
    its words one a line after the address's line. They go back before it."""
    out = list(lines)
    i = 1
    while i < len(out):
        j = i + 1
        while j < len(out) and _one_word(out[j]):
            j += 1
        if j - i - 1 >= MIN_STRETCHED_WORDS and _long_address(out[i]):
            out[i:j] = [" ".join(w.strip() for w in out[i + 1:j]), out[i]]
            j = i + 2  # the words' line, then the address: go on after them
        i = j
    return out


def _one_word(line: str) -> bool:
    return bool(RE_STRETCHED_WORD.match(line.strip()))


def _long_address(line: str) -> bool:
    """A line that is one URL or e-mail address, which no justified line can break."""
    words = line.split()
    return len(words) == 1 and len(words[0]) >= 12 and any(s in words[0] for s in ("@", "://", "www."))


def _opens_notes(lines: Sequence[str], block: Sequence[int]) -> bool:
    """The block opens with a note, or reads as a citation itself (a note's rest)."""
    text = " ".join(lines[i] for i in block)
    return note_start(lines[block[0]]) is not None or (bool(RE_CITATION_HINT.search(text)) and not _reads_as_prose(text))


def _text_between_notes(lines: list[str], zone_start: int) -> tuple[list[str], list[str]]:
    """The page's body (its lines with the note zone from `zone_start` on blanked out, except for
    body text set between the notes) and the zone's lines with that text blanked out. Body text
    between notes: a run of lines between two note starts that cites a note starting further
    down (notes set in mid-page above the text that goes on, "... with a footnote28 ..." above
    "28 First left-column footnote."), less the lines that finish the note above it (up to its
    sentence's end). Both keep every line's place."""
    region = lines[zone_start:]
    opening = [s[0] if (s := note_start(l)) is not None and s[2] is None else None for l in region]
    body_at: set[int] = set()
    highest = opening[0] or 0 if region else 0
    i = 1
    while i < len(region):
        if opening[i] is not None:
            highest = max(highest, opening[i])
            i += 1
            continue
        j = i
        while j < len(region) and opening[j] is None:
            j += 1
        run = list(range(i, j))
        note_end = i - 1  # the note above ends where a line of it finishes a sentence
        while run and (not region[note_end].strip() or not RE_NOTE_TEXT_END.search(region[note_end].rstrip())):
            note_end = run.pop(0)  # the unfinished note goes on, over a blank line too
        later = {n for n in opening[j:] if n is not None and n > highest}
        text = "\n".join(region[k] for k in run)
        if run and later and not RE_CITATION_HINT.search(text) and any(cites(text, n) for n in later):
            body_at.update(run)  # no citation: a note's own text goes on in one
        i = j
    text_below = [l if i in body_at else "" for i, l in enumerate(region)]
    zone = ["" if i in body_at else l for i, l in enumerate(region)]
    return lines[:zone_start] + text_below, zone


MIN_PROSE_WORDS = 25  # body text run on into the notes below it: at least this many words ...
PROSE_WORD_SHARE = 0.5  # ... this share of them plain lowercase words
RE_BARE_NUMBER_LINE = re.compile(rf"^\s*(\d{{1,3}}|{SYMBOL_CLASS}{{1,3}})\s*$")
RE_DOTTED_NUMBER_LINE = re.compile(r"^\s*(\d{1,3})\.\s*$")  # "3." above its note's text (pdfplumber)
# no commas or quotes, and a slash or no long run of letters: not words run together
# ("theeconomiesofBelarusandPakistan.Forexam-", as pdfplumber sets a line)
RE_URL_PIECE = re.compile(r"^(?=\S*/|(?!\S*[^\W\d_]{20}))[^\s,\"“”]*[/_.-][^\s,\"“”]*$")
MIN_STRETCHED_WORDS = 3  # a stretched line's words that pdftotext set one a line
RE_STRETCHED_WORD = re.compile(r"^[^\W\d_][^\W\d_'’-]{0,14}[.,;:]{0,2}$")  # "by", "Gary", "Ltd.,"
RE_NOTE_TEXT_END = re.compile(r"[.!?][\"”’»)]*$")


NOTE_WIDER_THAN_BODY = 1.1  # a note's smaller type fits this many times the body's characters on a line
OPEN_NOTE_WIDER_THAN_BODY = 1.05  # ... where the note above goes on from the page before
TWO_LINES_GLUED = 1.45  # ... but a line far wider is two of the body's run together by the converter
MIN_WIDTH_LINES = 8  # the body's width is measured on at least this many lines
MAX_CARRIED_LINES = 12  # the most lines a note carried over from the page before runs to here
MAX_NOTE_STEP = 3  # the notes at a page's foot count up by one, or a little more where numbers were lost
RE_DOTTED_LABEL = re.compile(r"\s*\d{1,3}\.(?!\d)")  # "1. You have to ...", not "1 You have to ..."
RE_NUMBERED_LINE = re.compile(r"^\s*(\d{1,3})\s+\S")  # "4   heading : function 1 = ..."
RE_CODE_SIGN = re.compile(r"[{}\\%]")  # a line of TeX or C: braces, a backslash, a comment's sign
MIN_LISTING_LINES = 3  # a listing: this many lines of code in a row numbered one up ...
LISTING_CODE_SHARE = 0.75  # ... and this share of them at least
LONE_NOTE_PAGE_SHARE = 0.5  # one note under a number set apart takes no more of the page's lines
MIN_SET_APART_RUN = 3  # notes going on from the page before whose marks all stand between lowercase words
MIN_CHECKED_RUN = 2  # from this many numbered notes at a page's foot, the text above cites ...
MIN_CITED_SHARE = 0.5  # ... at least this share of them, else they are no notes (a number run into
# the word or quote before it, GLUED_MARK, counts as cited there though the marker model takes no
# mark after a name's capitals: "TEXLive1", "LYX2")
MAX_NOTE_LINES = 30  # the most lines one note at a page's foot runs to (a long one, narrow lines)
RE_GLUED_NOTE_NUMBER = re.compile(rf"(?<=[a-z])(\d{{1,3}}|{SYMBOL_CLASS})\.?(?:$| (?=[A-Z“\"«\[(‘']))")
RE_SYMBOL_LINE = re.compile(rf"^\s*({SYMBOL_CLASS})\s*$")  # one note symbol alone on its line
RE_NOTE_TEXT_OPENING = re.compile(r"^\s*[A-Z“\"«\[(‘']")
RE_COMMAND_BEFORE = re.compile(r"\\[A-Za-z@]+$")  # a TeX command's name: "\\section" of "\\section*"


def _unglue_note_number(lines: list[str], last_number: int = 0) -> list[str]:
    """A page's first note that a converter ran on from the text's last line when that line
    ended in a hyphen ("operation of machin13" above "Belarus and Zimbabwe to develop ...", or
    "fab1 Belarusian equipment helps ...", "ane* The national ..." on one line), set on a line of
    its own just below it ("back in Au10. Khan, S.H. ..." where notes are numbered "10."). Only a
    number or symbol the text above already cites (or the note that comes next, its marker on the
    page before), with a citation or its next note below it. Lines above keep their places."""
    for i, line in enumerate(lines):
        line = line.rstrip()
        for m in RE_GLUED_NOTE_NUMBER.finditer(line):
            if RE_COMMAND_BEFORE.search(line, 0, m.start()):
                continue  # "or \\section*. You can see": the star of a command a manual names
            tail = line[m.start():]
            text_below = line[m.end():].strip() or next((l for l in lines[i + 1:i + 2]), "")
            if not RE_NOTE_TEXT_OPENING.match(text_below):
                continue
            label = int(m.group(1)) if m.group(1).isdigit() else m.group(1)
            notes_below = any(note_start(l) is not None for l in lines[i + 1:]) if isinstance(label, str) \
                else re.search(rf"(?m)^\s*{label + 1}\b", "\n".join(lines[i + 1:]))
            cited = cites("\n".join(lines[:i] + [line[: m.start()]]), label)
            if not (cited or (label == last_number + 1 and notes_below)):
                continue
            if not (RE_CITATION_HINT.search(" ".join([text_below] + lines[i + 1:i + 2])) or notes_below):
                continue
            return lines[:i] + [line[: m.start()], tail] + lines[i + 1:]
    return lines


def _number_column(lines: Sequence[str], i: int) -> list[int]:
    """The indices of a column of consecutive note numbers starting at line i ("1", "2" on lines
    of their own above the notes' texts, as pdftotext sets a page's raised numbers), or []."""
    column = []
    j, expected = i, None
    while j < len(lines):
        m = RE_BARE_NUMBER_LINE.match(lines[j])
        if not m or not m.group(1).isdigit() or (expected is not None and int(m.group(1)) != expected):
            break
        column.append(j)
        expected = int(m.group(1)) + 1
        j += 1
    return column if len(column) >= 2 else []


def _column_texts(lines: Sequence[str], after: int, count: int) -> tuple[list[str], int] | None:
    """The texts of `count` notes below a column of their numbers: one note per run of lines
    that ends a sentence. None unless there are exactly `count` such notes before the next number."""
    texts: list[list[str]] = []
    j = after
    while j < len(lines) and not lines[j].strip():
        j += 1
    while j < len(lines) and lines[j].strip() and not RE_BARE_NUMBER_LINE.match(lines[j]):
        if not texts or RE_NOTE_TEXT_END.search(texts[-1][-1]):
            texts.append([])
        texts[-1].append(lines[j].strip())
        j += 1
    if len(texts) != count:
        return None
    return [" ".join(t) for t in texts], j


def _joined_numbers(lines: Sequence[str]) -> list[str]:
    """A note number a converter set on a line of its own ("6" above "Minsk Region ...") joined
    to the line it opens; a column of numbers ("1", "2") paired in order with the notes below it."""
    out: list[str] = []
    pending = None
    skip_to = 0
    for i, line in enumerate(lines):
        if i < skip_to:
            continue
        column = _number_column(lines, i) if pending is None else []
        paired = _column_texts(lines, column[-1] + 1, len(column)) if column else None
        if paired is not None:
            texts, skip_to = paired
            out.extend(f"{lines[k].strip()} {text}" for k, text in zip(column, texts))
            continue
        if not line.strip():
            if pending is None:
                out.append(line)
            continue
        if pending is not None:
            out.append(f"{pending} {line.strip()}")
            pending = None
            continue
        m = RE_BARE_NUMBER_LINE.match(line) or _dotted_number_in_turn(line, out)
        if m:
            pending = m.group(0).strip()
            continue
        out.append(line)
    if pending is not None and not _number_after_its_note(out, pending):
        out.append(pending)
    return out


def _dotted_number_in_turn(line: str, above: Sequence[str]) -> re.Match | None:
    """A dotted note number alone on its line ("3.") that follows the dotted note above ("2. ..."):
    pdfplumber's note number set above its text. Not a page reference's figure wrapped onto a line
    of its own ("- C." above "13.")."""
    m = RE_DOTTED_NUMBER_LINE.match(line)
    if m is None:
        return None
    number = int(m.group(1))
    if number == 1 or any(l.lstrip().startswith(f"{number - 1}. ") for l in above):
        return m
    return None


def _number_after_its_note(lines: list[str], number: str) -> bool:
    """The page's last note number set below its note's text ("1" above "Compare ... Style.",
    "How one handles ...", then "2"): the note opens at the first sentence, past the note above's
    first line, that starts a line. Sets its number there; False if there is none."""
    if not number.isdigit():
        return False
    above = next((k for k in range(len(lines) - 1, -1, -1) if lines[k].startswith(f"{int(number) - 1} ")), None)
    if above is None:
        return False
    for j in range(above + 1, len(lines)):
        if RE_NOTE_TEXT_END.search(lines[j - 1].rstrip()) and RE_NOTE_TEXT_OPENING.match(lines[j]):
            lines[j] = f"{number} {lines[j].strip()}"
            return True
    return False


def _cited_zone(lines: Sequence[str], last_number: int = 0, open_note: bool = False,
                text_above: Sequence[str] = ()) -> int | None:
    """Where the notes at the foot of a page begin when no blank line sets them off (a converter
    that runs them on from the text): the first line opening a note whose number the text above
    cites as a marker, after which every note start the text cites runs on in order. Lines just
    above it that read as a citation (a note carried over from the page before) join the zone.
    A number glued to the word after it ("3Dprinting", as pdfplumber runs words together) starts
    a note only as the next one, a first one, or the one after the note above it."""
    starts = []
    in_column: set[int] = set()
    for i, line in enumerate(lines):
        if i in in_column:
            continue
        m = RE_BARE_NUMBER_LINE.match(line)
        column = _number_column(lines, i) if m else []
        if column and _column_texts(lines, column[-1] + 1, len(column)) is not None:
            starts.extend((k, int(lines[k].strip())) for k in column)  # numbers set above their notes
            in_column.update(column)
            continue
        nxt = next((l.strip() for l in lines[i + 1:] if l.strip()), "")  # '-layout' indents the note's text
        if m and nxt[:1].isalpha() | (nxt[:1] in "“\"«[(‘'"):
            # a number, or a symbol ("*" above a title page's "Sponsored in part by ..."), set above its note
            starts.append((i, int(m.group(1)) if m.group(1).isdigit() else m.group(1)))
            continue
        start = note_start(line)
        glued = start is not None and line.lstrip()[len(str(start[0])):][:1].isalpha()
        if glued and start[0] not in (last_number + 1, 1) and not (starts and starts[-1][1] == start[0] - 1) \
                and not _next_start_is(lines, i + 1, start[0] + 1):
            continue
        if start is not None and start[2] is None and start[0] < 1000:
            starts.append((i, start[0]))
        elif start is not None and start[2] is not None and not start[3]:
            starts.append((i, start[2]))  # a symbol: its order on the page is its number
    for pos, (k, label) in enumerate(starts):
        if k == 0 or _list_item_goes_on(lines, k, label) or _listing_number(lines, k, label, starts[pos + 1:]):
            continue
        above = "\n".join([*text_above, *lines[:k]])
        if _sentence_wrapped_onto(lines, k) and not cites(above, label, section_numbers=False):
            continue
        if not cites(above, label) and not _set_apart_run(lines, k, label, starts[pos:], last_number):
            continue
        # symbols and numbers are kept apart: "1. Przemysl" inside a symbol note is no note start
        later = [n for _, n in starts[pos + 1:] if type(n) is type(label) and cites(above + "\n".join(lines[k:]), n)]
        numbers = [label if isinstance(label, int) else symbol_order(label)] + [
            n if isinstance(n, int) else symbol_order(n) for n in later]
        if not later and sum(bool(l.strip()) for l in lines[k:]) > MAX_NOTE_LINES:
            continue  # one note, then more text than a note holds: a number opening a line of text
        if _in_order(numbers):
            return _carried_note_top(lines, k, open_note)
    return None


def _set_apart_run(lines: Sequence[str], k: int, label: int | str, starts: Sequence[tuple[int, int | str]],
                   last_number: int) -> bool:
    """The notes from line k to the page's end go on from the page before's (`last_number` + 1),
    at least MIN_SET_APART_RUN numbers one up, each cited in the text above, in turn, as pdftotext
    sets raised marks apart ("package ifthen 24 with package etoolbox 25"): one such number may be
    a quantity, a run of them counting on from the last note and ending the page is the notes'.
    (A listing's numbered lines, "2 set mode to compose", run on with more text below them.)"""
    if not isinstance(label, int) or label != last_number + 1 or last_number == 0:
        return False
    numbers = [n for _, n in starts]
    if len(numbers) < MIN_SET_APART_RUN or numbers != list(range(label, label + len(numbers))):
        return False
    if sum(1 for line in lines[starts[-1][0] + 1:] if line.strip()) > MAX_CARRIED_LINES:
        return False
    above, at = "\n".join(lines[:k]), 0
    for n in numbers:
        at = cited_after(above, n, at, set_apart=True)
        if at is None:
            return False
    return True


def _listing_number(lines: Sequence[str], k: int, label: int | str,
                             later: Sequence[tuple[int, int | str]]) -> bool:
    """Line k's number is a listing's, opening no note: the same number opens a note further down
    set otherwise (the line number "1" alone, or "1 This is some text.\\endnote{...}", above the
    note "1. You have to ..."); or, alone on its line, it would open the only note and that would
    take most of the page (a listing's number above the text that goes on)."""
    if _in_code_listing(lines, k):
        return True
    bare = bool(RE_BARE_NUMBER_LINE.match(lines[k]))
    dotted = bool(RE_DOTTED_LABEL.match(lines[k]))
    if any(n == label and (bare or bool(RE_DOTTED_LABEL.match(lines[j])) != dotted) for j, n in later):
        return True
    if not bare:
        return False
    below = sum(1 for l in lines[k + 1:] if l.strip())
    return not later and below >= MIN_WIDTH_LINES and below > LONE_NOTE_PAGE_SHARE * sum(1 for l in lines if l.strip())


def _in_code_listing(lines: Sequence[str], k: int) -> bool:
    """Line k is one of a numbered listing's: lines in a row numbered one up from 1 ("1
    \\Declare...{1}", "2   {", "3     % parameter"), most with a sign of code (a docstrip guard,
    "1 <*package>", may have none). A manual's notes may each cite code, one line each ("70 First
    footnote given by \\footnote{text}"), but they count on from the notes before."""
    def number(j: int) -> int | None:
        match = RE_NUMBERED_LINE.match(lines[j]) if 0 <= j < len(lines) else None
        return int(match.group(1)) if match else None

    if number(k) is None:
        return False
    first = last = k
    while number(first - 1) == number(first) - 1:
        first -= 1
    while number(last + 1) == number(last) + 1:
        last += 1
    coded = sum(1 for j in range(first, last + 1) if RE_CODE_SIGN.search(lines[j], RE_NUMBERED_LINE.match(lines[j]).end() - 1))
    return number(first) == 1 and coded >= MIN_LISTING_LINES and coded >= LISTING_CODE_SHARE * (last - first + 1)


RE_OPEN_SENTENCE_END = re.compile(r"[a-z]{2,}$")  # a line that stops in mid-sentence, on a word
RE_LOWERCASE_AFTER_NUMBER = re.compile(r"^\s*\d{1,3}\s+([a-z]+)\b")
# the lowercase words a note may open with: "ibid.", "cf.", "see", "e.g."
NOTE_OPENING_WORDS = frozenset("ibid id idem cf see also e i op loc quoted translated".split())


def _sentence_wrapped_onto(lines: Sequence[str], k: int) -> bool:
    """Line k, a number then a lowercase word, goes on with the sentence the line right above it
    leaves open ("... by clicking mouse button" over "1 on its name. The variable name ..."): a
    figure of the text the line broke before, where no marker cites it (the caller asks: a note
    may open with a word in small caps that the text layer sets lowercase, "3 gdb has no way")."""
    above = lines[k - 1].rstrip() if k else ""
    word = RE_LOWERCASE_AFTER_NUMBER.match(lines[k])
    return bool(above.strip()) and bool(RE_OPEN_SENTENCE_END.search(above)) and word is not None \
        and word.group(1) not in NOTE_OPENING_WORDS


def _list_item_goes_on(lines: Sequence[str], k: int, label: int | str) -> bool:
    """Line k is item "5." of a numbered list whose item "4." opens a line above it: no note."""
    if not isinstance(label, int) or label < 2 or not re.match(rf"\s*{label}\.\s", lines[k]):
        return False
    return any(re.match(rf"\s*{label - 1}\.\s", line) for line in lines[:k])


def _carried_note_top(lines: Sequence[str], k: int, open_note: bool = False) -> int:
    """Where a note carried over from the page before begins, above the first note start `k`:
    the lines just above it that read as a citation, a URL's pieces, a justified line broken
    into fragments ("URL", ":", "[Electronic"), or a line wider than any of the body's above it
    (a note's smaller type), and that cite none of the notes below. A fragment at the top of them
    is the body's. Where the note above stopped in mid-sentence on the page before (`open_note`), a
    line barely wider than the body's is enough."""
    wider = OPEN_NOTE_WIDER_THAN_BODY if open_note else NOTE_WIDER_THAN_BODY
    labels_below = [s[0] if s[2] is None else s[2] for l in lines[k:] if (s := note_start(l)) is not None]
    labels_below += [int(m.group(1)) for l in lines[k:] if (m := RE_BARE_NUMBER_LINE.match(l)) and m.group(1).isdigit()]
    top = k
    while top > 1:
        above = top - 1
        if not lines[above].strip():  # one blank line inside the note: a debris line taken off (":")
            if top == k or above < 1 or not lines[above - 1].strip():
                break
            above -= 1
        text = lines[above].strip()
        if any(cites(text, label) for label in labels_below) \
                or not (_reads_as_citation(text, _body_width(lines[:above]), wider) or _justified_fragment(text)):
            break
        top = above
    while top < k and _justified_fragment(lines[top].strip()) \
            and not _reads_as_citation(lines[top].strip(), _body_width(lines[:top]), wider):
        top += 1
    if sum(1 for l in lines[top:k] if l.strip()) > MAX_CARRIED_LINES:
        return k  # more than a note's rest: body lines that mention pages ("see p. 48") and run wide
    return top


def _reads_as_citation(text: str, width: float | None, wider: float) -> bool:
    return bool(RE_CITATION_HINT.search(text) or RE_URL_PIECE.match(text)
                or (width is not None and wider * width < len(text) <= TWO_LINES_GLUED * width))


def _justified_fragment(text: str) -> bool:
    """A piece of a justified line that the converter broke at its wide spaces: a word or two,
    none of them a plain lowercase word."""
    words = text.split()
    return 0 < len(words) <= 2 and not any(w.isalpha() and w.islower() and len(w) > 3 for w in words)


def _body_width(lines: Sequence[str]) -> float | None:
    """The width of the body's full lines, in characters: nearly the longest of the lines that
    are not two run together (a converter joins a line broken over a hyphen to the next)."""
    lengths = sorted(len(l.strip()) for l in lines if l.strip())
    if len(lengths) < MIN_WIDTH_LINES:
        return None
    median = lengths[len(lengths) // 2]
    single = [n for n in lengths if n <= JOINED_LINE_SHARE * median]
    return single[(9 * len(single)) // 10]


def _next_start_is(lines: Sequence[str], after: int, number: int) -> bool:
    """The next line below `after` that opens a note opens note `number` (a glued start is one
    of a run: "103For example, ..." above "104For example, ...", the numbers before it lost)."""
    for line in lines[after:after + MAX_NOTE_LINES]:
        start = note_start(line)
        if start is not None and start[2] is None:
            return start[0] == number
    return False


def _in_order(numbers: Sequence[int]) -> bool:
    """A page's note numbers count up by at most MAX_NOTE_STEP; once they may start lower again
    (a second series, the notes of a parallel column: "1", "2", then "1"; not "1" twice)."""
    resets = 0
    for a, b in zip(numbers, numbers[1:]):
        if b < a:
            resets += 1
        elif not 0 < b - a <= MAX_NOTE_STEP:
            return False
    return resets <= 1


def _body_prose(text: str) -> bool:
    """A stretch of the body's text: some sentences of words, and no citation in it."""
    words = text.split()
    return len(words) >= MIN_PROSE_WORDS and not RE_CITATION_HINT.search(text) \
        and sum(w.isalpha() and w.islower() for w in words) >= PROSE_WORD_SHARE * len(words)


def _reads_as_prose(text: str) -> bool:
    """A body paragraph that happens to mention a URL: long and mostly words."""
    words = text.split()
    return len(words) > 60 and "[Electronic" not in text


def _trim_end(lines: list[str]) -> list[str]:
    """Trailing blank lines off, line ends stripped; the leading lines keep their places."""
    lines = list(lines)
    while lines and not lines[-1].strip():
        lines.pop()
    return [l.rstrip() for l in lines]


def _trim(lines: list[str]) -> list[str]:
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    return [l.rstrip() for l in lines]
