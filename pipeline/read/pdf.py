"""PDF pages from the characters of the text layer, using what the layout tells.

Each page's characters (text, size, font, box, baseline) become lines by their baseline, lines
are cut into segments at wide gaps, and the segments are assigned to the page's text columns
(one, or two side by side; or, on a page of one column, two within a band between full-width
lines, as parallel columns are set) or to its margin. The layout then says what a text dump loses:
  - note markers: small characters raised above their line's baseline, written into the text
    between MARK_OPEN and MARK_CLOSE ("annually\ue000224\ue001.") so the later stages know
    them for certain; a raised number at the start of a note line is that note's number;
  - note zone: rows under the short separator rule at the foot of a column (a line, a thin
    rectangle or a stretched image), or the run of smaller numbered type at the bottom;
  - running heads and footers, slug lines and proof marks: rows that repeat (digits aside) across
    pages, and numbers in the margin; a head or footer that carries a number gives the printed
    page (arabic, or roman in the front matter);
  - headings: rows set larger or bold, kept as hints for the chapter rules; the PDF's outline
    (bookmarks) when it has one;
  - paragraph breaks: a vertical gap wider than the line spacing, or a first line indented
    against its neighbours.
The result is the same Page records the text path builds, so every later stage is shared.
"""
from __future__ import annotations

import bisect
import multiprocessing
import os
import re
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..progress import progress
from ..records import (MARK_CLOSE, MARK_GLYPH_VARIANTS, MARK_OPEN, NOTE_SYMBOLS, RE_DELIMITED_MARK, SUPERSCRIPT_DIGITS,
                       SYMBOL_CLASS, OutlineEntry, Page, is_power)
from . import pdfium

SEPARATOR_MAX_WIDTH = 0.6  # of the column width: a longer rule is a table's, not the notes'
SEPARATOR_MIN_WIDTH = 12.0  # points
RAISED_MAX_SIZE = 0.82  # of the line's size: smaller characters above the baseline are raised
RAISED_MIN_RISE = 0.12  # of the line's size
RAISED_MAX_RISE = 0.75
SAME_BASELINE = 0.22  # of the size: characters this close in baseline are on one line
SPACE_GAP = 0.12  # of the size: a wider gap between glyphs is a word space
SEGMENT_GAP = 0.8  # of the size: a wider gap cuts a line into segments (columns, margin, cells)
LONG_PIECE_CHARS = 12  # a segment of this many characters is a column's line, not a cell or label
HEADING_MIN_SIZE = 1.12  # of the body size
REPEATED_MIN_SHARE = 0.2  # a head or footer shape appears on at least this share of pages
SLUG_MIN_SHARE = 0.5  # a row anywhere on the page repeated this often is printer's furniture
MAX_CONTINUED_ROWS = 6  # rows of a note carried over from the page before, above a page's first note
RE_WORD_END = re.compile(r"[^\W\d_]*$")  # the letters ending the text so far
RE_DIGIT_END = re.compile(r"(?<![\d,])(?<!\d\.)\d$")  # one figure ending the text so far, not a number's or decimal's
MARKER_GLYPHS = frozenset("0123456789" + "".join(NOTE_SYMBOLS))
RE_MARKER_RUN = re.compile("\ue000([^\ue001]*)\ue001")
RE_ROMAN = re.compile(r"^(?=[ivxlcdm]+$)m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$", re.I)
RE_PAGE_NUMBER_EDGE = re.compile(r"^\s*(\d{1,4}|[ivxlcdm]{1,7})\b|\b(\d{1,4}|[ivxlcdm]{1,7})\s*$", re.I)
RE_ENDS_SENTENCE = re.compile("[.!?:;\"”’)\ue001]\\s*$")
RE_BOLD_FONT = re.compile(r"[-+,]?(?:cmbx|bx\d|semibold|heavy|demi)")
RE_MARGIN_MARK = re.compile(r"^[A-Z]?\d{1,3}$")


class PdfError(ValueError):
    """A PDF that cannot be read; the message says what to do."""


@dataclass(frozen=True)
class Row:
    text: str  # raised marks between MARK_OPEN and MARK_CLOSE
    size: float  # dominant character size
    bold: bool
    top: float
    bottom: float  # the baseline
    x0: float
    x1: float
    column: int = 0  # 0 or 1 from the left; -1 for the margin


@dataclass(frozen=True)
class PdfPage:
    number: int
    rows: tuple[Row, ...]  # in reading order: column by column, top to bottom
    separators: tuple[tuple[float, float, float], ...]  # (x0, x1, top) of short horizontal rules
    height: float
    width: float
    columns: tuple[tuple[float, float], ...] = ()  # (x0, x1) of each text column


@dataclass(frozen=True)
class PdfLayout:
    pages: tuple[Page, ...]
    outline: tuple[OutlineEntry, ...]
    body_size: float


def open_pdf(path: Path):
    """pdfplumber's document, or a PdfError saying why not."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException
    try:
        try:
            pdf = pdfplumber.open(path)
            pdf.pages  # noqa: B018 - parses the page tree: a truncated file fails here
        except Exception as wrapped:  # pdfplumber wraps pdfminer's errors: judge by the original
            inner = next((a for a in wrapped.args if isinstance(a, Exception)), None)
            raise (inner or wrapped) from wrapped
    except (PDFPasswordIncorrect, PDFEncryptionError) as err:
        raise PdfError(f"{path}: the PDF is encrypted; it needs its password (decrypt it first, "
                       f"e.g. qpdf --decrypt)") from err
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as err:
        raise PdfError(f"{path}: not a readable PDF (corrupt or truncated: {type(err).__name__})") from err
    except Exception as err:  # pdfminer raises many kinds on damaged files
        if "password" in str(err).lower() or "encrypt" in str(err).lower():
            raise PdfError(f"{path}: the PDF is encrypted; it needs its password") from err
        raise PdfError(f"{path}: not a readable PDF ({type(err).__name__}: {err})") from err
    if not pdf.pages:
        pdf.close()
        raise PdfError(f"{path}: the PDF has no pages")
    return pdf


def check_pdf(path: Path) -> int:
    """The page count of a readable PDF with a text layer; a PdfError otherwise."""
    with open_pdf(path) as pdf:
        sample = pdf.pages[: min(len(pdf.pages), 8)]
        try:
            has_text = any(p.chars for p in sample)
        except Exception as err:
            raise PdfError(f"{path}: not a readable PDF (damaged page content: {type(err).__name__})") from err
        if not has_text:
            raise PdfError(f"{path}: the PDF has no text layer (scanned images only); run OCR first, "
                           f"e.g. `ocrmypdf in.pdf out.pdf`")
        return len(pdf.pages)


def read_outline(path: Path) -> tuple[OutlineEntry, ...]:
    """The PDF's bookmarks: (level, title, 1-based page) for those that point at a page."""
    import pypdfium2 as pdfium
    try:
        document = pdfium.PdfDocument(str(path))
    except Exception:  # an outline is a hint; a PDF pdfium cannot open has none
        return ()
    try:
        out = []
        for mark in document.get_toc(max_depth=4):
            dest = mark.get_dest()
            index = dest.get_index() if dest is not None else None
            title = re.sub(r"\s+", " ", mark.get_title() or "").strip()
            if index is not None and title:
                out.append(OutlineEntry(level=mark.level, title=title, page=index + 1))
        return tuple(out)
    except Exception:
        return ()
    finally:
        document.close()


# the per-page parse is the cost of a PDF: long PDFs go to worker processes in chunks
PARALLEL_MIN_PAGES = 40
# at most this many processes per PDF; 1 while several documents share the machine (runner.py)
PAGE_PROCESSES = 4
# where a page's characters come from: "auto" is PDFium for a PDF whose sample pages PDFium
# reads exactly as pdfminer does (read/pdfium.py), pdfminer otherwise
READERS = ("auto", "pdfium", "pdfminer")
READER = "auto"


def read_pdf_pages(path: Path, *, workers: int | None = None, reader: str | None = None) -> list[PdfPage]:
    """Every page's rows, in order; long PDFs are parsed on all cores."""
    reader = reader or READER
    if reader not in READERS:
        raise ValueError(f"reader must be one of {', '.join(READERS)}, not {reader!r}")
    with open_pdf(path) as pdf:
        n = len(pdf.pages)
        if reader == "auto":
            reader = "pdfium" if pdfium.agrees_with_pdfminer(path, pdf.pages, _visible_objects,
                                                             read=pdfium_objects) else "pdfminer"
        workers = workers or (min(os.cpu_count() or 1, PAGE_PROCESSES) if n >= PARALLEL_MIN_PAGES else 1)
        if workers <= 1:
            return _read_pages(path, pdf.pages, reader, progress_bar=True)
    bounds = [(k * n // workers, (k + 1) * n // workers) for k in range(workers)]
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        parts = pool.map(_read_range, [(str(path), a, b, reader) for a, b in bounds])
        return [page for part in parts for page in part]


def _read_range(job: tuple[str, int, int, str]) -> list[PdfPage]:
    path, first, last, reader = job
    with open_pdf(Path(path)) as pdf:
        return _read_pages(Path(path), pdf.pages[first:last], reader)


def _read_pages(path: Path, pages, reader: str, *, progress_bar: bool = False) -> list[PdfPage]:
    document = pdfium.open_document(path) if reader == "pdfium" else None
    try:
        out = []
        for p in (progress(pages, total=len(pages), desc="pdf pages", unit="page") if progress_bar else pages):
            out.append(_page(p, document))
            p.flush_cache()  # keep only the rows: pdfplumber's objects are large
        return out
    finally:
        if document is not None:
            document.close()


def pdfium_objects(document, page) -> tuple[list[dict], list[tuple[float, float, float]]] | None:
    """A page's characters and rules through PDFium, in page_objects' shape (rules as wide as a
    separator may be), or None where pdfminer must read it."""
    read = pdfium.read_page(document, page.page_number - 1, pdfium.mediabox(page))
    if read is None:
        return None
    return read[0], [r for r in read[1] if r[1] - r[0] >= SEPARATOR_MIN_WIDTH]


def _visible_objects(page) -> tuple[list[dict], list[tuple[float, float, float]]]:
    """pdfminer's characters without the blank ones, and its rules: what PDFium gives."""
    chars, rules = page_objects(page)
    return [c for c in chars if c["text"].strip()], rules


def page_objects(page) -> tuple[list[dict], list[tuple[float, float, float]]]:
    """Characters and thin horizontal rules of one page, read from pdfminer's layout objects
    directly: pdfplumber's `page.chars` converts every attribute of every object, which costs
    more than interpreting the page; only text, size, font, box and baseline are needed here."""
    from pdfminer.layout import LTChar, LTContainer, LTCurve, LTImage
    height = page.height
    chars, rules = [], []
    stack = list(page.layout)
    while stack:
        obj = stack.pop()
        if isinstance(obj, LTChar):
            text = obj.get_text()
            if obj.upright and text:
                chars.append({"text": text, "size": obj.size, "fontname": obj.fontname, "x0": obj.x0,
                              "x1": obj.x1, "top": height - obj.y1, "bottom": height - obj.y0,
                              "baseline": height - obj.matrix[5]})
        elif isinstance(obj, (LTCurve, LTImage)):  # lines, rects, curves, stretched images
            if obj.height < 1.5 and obj.width >= SEPARATOR_MIN_WIDTH:
                rules.append((obj.x0, obj.x1, height - obj.y1))
        elif isinstance(obj, LTContainer):
            stack.extend(obj)
    # the walk visits the objects last first; in the stream's order, glyphs that share a place
    # keep it (a ligature some fonts give no width, "ﬁ", before the letter after it)
    chars.reverse()
    return chars, rules


def _page(page, document=None) -> PdfPage:
    """Rows, columns and rules of one page: characters and rules from PDFium when its `document`
    is given and reads this page as pdfminer would, else from pdfminer."""
    read = pdfium_objects(document, page) if document else None
    chars, rules = read if read is not None else page_objects(page)
    return build_page(page.page_number, chars, rules, height=page.height, width=page.width)


def build_page(number: int, chars: list[dict], rules: list[tuple[float, float, float]], *,
               height: float, width: float) -> PdfPage:
    """A page's rows in reading order, its columns and its short rules, from its characters."""
    lines = _lines([c for c in chars if c["text"].strip() or c["text"] == " "])
    segments = [s for line in lines for s in _segments(line)]
    columns = _columns(segments, width)
    bands = _two_column_bands(segments, *columns[0]) if len(columns) == 1 else []
    rows = _assign_rows(segments, columns, bands)
    separators = []
    for x0, x1, top in rules:
        column = _column_of(x0 + 1, columns)
        left, right = columns[column] if column >= 0 else (0.0, width)
        inside = x0 >= left - 10 and x1 <= right + 10  # not a crop mark in the margin
        if inside and top > 0.15 * height and x1 - x0 <= SEPARATOR_MAX_WIDTH * (right - left) and x0 <= left + 0.3 * (right - left):
            separators.append((x0, x1, top))
    return PdfPage(number, tuple(rows), tuple(sorted(separators, key=lambda s: (s[2], s[0]))), height, width,
                   tuple(columns))


def _lines(chars: list[dict]) -> list[dict]:
    """Characters into lines by baseline. Large characters come first and anchor the lines; a
    smaller character above a line's baseline (within the line's height) joins it as raised."""
    lines: list[dict] = []
    by_band: dict[int, list[int]] = {}
    last = None  # the line the previous character joined: in this order, mostly the next one's
    for c in sorted(chars, key=lambda c: (-c["size"], c["baseline"], c["x0"])):
        size = c["size"] or 1.0
        if last is not None and abs(last["baseline"] - c["baseline"]) <= 0.05 * size and size == last["size"]:
            last["chars"].append(c)
            last["x0"], last["x1"] = min(last["x0"], c["x0"]), max(last["x1"], c["x1"])
            continue
        band = int(c["baseline"] // 6)
        best, best_cost = None, None
        for b in (band - 2, band - 1, band, band + 1, band + 2):
            for k in by_band.get(b, ()):
                line = lines[k]
                rise = line["baseline"] - c["baseline"]  # > 0: above the line's baseline
                near = line["x0"] - 3 * line["size"] <= c["x0"] and c["x1"] <= line["x1"] + 3 * line["size"]
                if abs(rise) <= SAME_BASELINE * min(line["size"], size):
                    cost = abs(rise)
                elif (size <= RAISED_MAX_SIZE * line["size"] and near
                      and RAISED_MIN_RISE * line["size"] <= rise <= RAISED_MAX_RISE * line["size"]):
                    cost = 10 + rise
                elif size <= RAISED_MAX_SIZE * line["size"] and near and -0.35 * line["size"] <= rise < 0:
                    cost = 20 - rise  # a subscript
                else:
                    continue
                if best_cost is None or cost < best_cost:
                    best, best_cost = k, cost
        if best is None:
            lines.append({"baseline": c["baseline"], "size": size, "x0": c["x0"], "x1": c["x1"], "chars": [c]})
            by_band.setdefault(band, []).append(len(lines) - 1)
            last = lines[-1]
        else:
            line = lines[best]
            line["chars"].append(c)
            line["x0"], line["x1"] = min(line["x0"], c["x0"]), max(line["x1"], c["x1"])
            last = line if best_cost is not None and best_cost < 10 else None
    for line in lines:
        line["chars"].sort(key=lambda c: c["x0"])
    return lines


def _segments(line: dict) -> list[dict]:
    """A line's characters cut at wide gaps, each piece with its text (raised marks delimited)."""
    chars = line["chars"]
    size = line["size"]
    pieces: list[list[dict]] = [[]]
    last = None
    for c in chars:
        if c["text"] == " ":
            continue
        if last is not None and c["x0"] - last["x1"] > SEGMENT_GAP * max(size, 4.0):
            pieces.append([])
        pieces[-1].append(c)
        last = c
    out = []
    for piece in pieces:
        if not piece:
            continue
        spaces = [c for c in chars if c["text"] == " " and piece[0]["x0"] <= c["x0"] <= piece[-1]["x1"]]
        out.append(_segment(piece, spaces, line))
    return out


def _space_between(space_at: list[float], left: float, right: float) -> bool:
    k = bisect.bisect_left(space_at, left)
    return k < len(space_at) and space_at[k] <= right


@lru_cache(maxsize=None)
def _bold_font(fontname: str) -> bool:
    name = fontname.lower()
    return "bold" in name or "black" in name or RE_BOLD_FONT.search(name) is not None


def _segment(chars: list[dict], spaces: list[dict], line: dict) -> dict:
    """One piece of a line: its text, raised digits and note symbols delimited as marks (a raised
    comma separates two marks: "1,2"), other raised characters ("st" of "1st") kept as text."""
    size = line["size"]
    baseline = line["baseline"]
    space_at = sorted(s["x0"] for s in spaces)
    parts: list[str] = []
    prev = None
    in_mark = False
    for c in chars:
        raised = c["size"] <= RAISED_MAX_SIZE * size and baseline - c["baseline"] >= RAISED_MIN_RISE * size
        spaced = prev is not None and (c["x0"] - prev["x1"] > SPACE_GAP * min(c["size"], prev["size"])
                                       or _space_between(space_at, prev["x1"] - 0.5, c["x0"] + 0.5))
        if c["text"] in MARK_GLYPH_VARIANTS:  # "∗" for "*", a superior figure "⁴" raised as it prints
            so_far = "".join(parts)
            glued = RE_DIGIT_END.search(so_far) if not in_mark and not spaced else None
            before = so_far[:len(so_far) - len(glued.group())] if glued else so_far
            power = c["text"] in SUPERSCRIPT_DIGITS and not in_mark and is_power(
                RE_WORD_END.search(before).group(), before[-1:].isdigit())  # "km²", "10⁶"
            if glued and not power and c["text"] in SUPERSCRIPT_DIGITS:
                # "1⁴" is 14 where a font maps only some superior figures to superscripts
                parts[len(parts) - 1:] = [MARK_OPEN, glued.group()]
                in_mark = True
            raised = raised or (c["text"] in SUPERSCRIPT_DIGITS and not power)
            c = c if power else {**c, "text": MARK_GLYPH_VARIANTS[c["text"]]}
        if raised and c["text"] == "," and in_mark:
            parts.append(MARK_CLOSE)
            in_mark = False
        elif raised and c["text"] in MARKER_GLYPHS:
            if not in_mark:
                parts.append(MARK_OPEN)
                in_mark = True
            elif spaced:
                parts.append(MARK_CLOSE + MARK_OPEN)
            parts.append(c["text"])
        else:
            if in_mark:
                parts.append(MARK_CLOSE)
                in_mark = False
            if spaced:
                parts.append(" ")
            parts.append(c["text"])
        prev = c
    if in_mark:
        parts.append(MARK_CLOSE)
    text = "".join(parts).replace(MARK_OPEN + MARK_CLOSE, "")
    text = re.sub(r" {2,}", " ", text).strip()
    sizes = Counter(round(c["size"], 1) for c in chars if not (c["size"] <= RAISED_MAX_SIZE * size
                                                               and baseline - c["baseline"] >= RAISED_MIN_RISE * size))
    dominant = sizes.most_common(1)[0][0] if sizes else round(size, 1)
    bold = sum(_bold_font(c["fontname"]) for c in chars) > len(chars) / 2
    return {"text": text, "size": dominant, "bold": bold, "top": min(c["top"] for c in chars),
            "bottom": baseline, "x0": chars[0]["x0"], "x1": chars[-1]["x1"], "n": len(chars),
            "chars": chars, "spaces": spaces, "line": line}


def _columns(segments: list[dict], width: float) -> list[tuple[float, float]]:
    """The page's text columns: one, or two when many lines hold two long pieces whose second
    starts at one x (a gutter)."""
    long = [s for s in segments if s["n"] >= LONG_PIECE_CHARS]
    if not long:
        return [(min((s["x0"] for s in segments), default=0.0), max((s["x1"] for s in segments), default=width))]
    # the text block's edges, robust to a few margin notes and proof marks glued to line ends
    starts_x = sorted(s["x0"] for s in long)
    left = starts_x[int(0.1 * (len(starts_x) - 1))]
    ends = sorted(s["x1"] for s in long)
    right = ends[int(0.9 * (len(ends) - 1))]
    starts = Counter(round(s["x0"] / 3) for s in long if s["x0"] > left + 0.3 * (right - left))
    for key, count in starts.most_common(3):
        gutter = key * 3
        crossing = sum(1 for s in long if s["x0"] < gutter - 6 and s["x1"] > gutter + 6)
        beside = sum(1 for s in long if s["x0"] < gutter - 6 and s["x1"] <= gutter + 1)
        if count >= 4 and beside >= 4 and crossing <= 0.25 * (count + beside):
            left_right = max((s["x1"] for s in long if s["x1"] <= gutter + 1), default=gutter - 6)
            return [(left, left_right), (gutter - 1.5, right)]
    return [(left, right)]


BAND_MIN_PAIRS = 2  # lines holding a long piece in each column make a band of two columns
BAND_BREAK = 2.0  # of the size: a wider vertical gap ends a band (a heading's space above it)
RE_LEADER_PAGE_END = re.compile(r"(?:\.\s?){3,}\s*\d{1,4}$")  # "Example Title Page . . . . 16"


def _two_column_bands(segments: list[dict], left: float, right: float) -> list[tuple[float, float, float]]:
    """Stretches of a page of one column set in two columns between full-width lines (parallel
    columns, a side-by-side comparison): (top, bottom, split) each, the split an x in the gap
    between the columns. A band is a run of lines none of which crosses the gutter, with at least
    BAND_MIN_PAIRS lines holding one long piece on each side of it, and as many filling each
    column to its edge, as justified prose does: an aligned listing's or a contents' columns
    end ragged, or in a page number after a leader, and a listing cut at wide spaces holds more
    pieces."""
    long = [s for s in segments if s["n"] >= LONG_PIECE_CHARS]
    width = right - left
    starts = Counter(round(s["x0"] / 3) for s in long if left + 0.3 * width < s["x0"] < left + 0.7 * width)
    by_line: dict[int, list[dict]] = {}
    for s in segments:
        by_line.setdefault(id(s["line"]), []).append(s)
    lines = sorted(by_line.values(), key=lambda pieces: pieces[0]["bottom"])
    for key, count in starts.most_common(3):
        gutter = key * 3
        if count < BAND_MIN_PAIRS:
            break

        def sides(pieces: list[dict]) -> tuple[dict | None, dict | None]:
            """The line's one piece left of the gutter and one right of it, where it has them."""
            left_side = [p for p in pieces if p["x1"] <= gutter + 1]
            right_side = [p for p in pieces if p["x0"] >= gutter - 6]
            one = lambda side: side[0] if len(side) == 1 and not RE_LEADER_PAGE_END.search(side[0]["text"]) else None  # noqa: E731
            return one(left_side), one(right_side)

        bands, run = [], []

        def close() -> None:
            long_pairs = [(a if a is not None and a["n"] >= LONG_PIECE_CHARS else None,
                           b if b is not None and b["n"] >= LONG_PIECE_CHARS else None)
                          for a, b in (sides(pieces) for pieces in run)]
            lefts = [a for a, _ in long_pairs if a is not None]
            rights = [b for _, b in long_pairs if b is not None]
            edge = max((a["x1"] for a in lefts), default=gutter)
            both = sum(a is not None and b is not None and abs(b["x0"] - gutter) <= 3
                       and a["x1"] >= gutter - 0.25 * (gutter - left) for a, b in long_pairs)
            left_full = sum(a["x1"] >= edge - 2 for a in lefts)
            right_full = sum(b["x1"] >= right - 3 for b in rights)
            if min(both, left_full, right_full) >= BAND_MIN_PAIRS:
                opens = min(b["x0"] for b in rights if abs(b["x0"] - gutter) <= 6)
                bands.append((min(p["top"] for pieces in run for p in pieces), run[-1][0]["bottom"], (edge + opens) / 2))
            run.clear()

        for pieces in lines:
            crossing = any(p["x0"] < gutter - 6 and p["x1"] > gutter + 6 for p in pieces)
            size = max(p["size"] for p in pieces)
            if crossing or (run and pieces[0]["bottom"] - run[-1][0]["bottom"] > BAND_BREAK * size):
                close()
            if not crossing:
                run.append(pieces)
        close()
        if bands:
            return bands
    return []


def _column_of(x: float, columns: Sequence[tuple[float, float]]) -> int:
    for k in range(len(columns) - 1, -1, -1):
        if x >= columns[k][0] - 2:
            return k
    return 0


def _assign_rows(segments: list[dict], columns: list[tuple[float, float]],
                 bands: Sequence[tuple[float, float, float]] = ()) -> list[Row]:
    """Segments into rows: the pieces of one line within one column are joined again; short
    number-like pieces outside every column are margin marks (proof line numbers, version tags).
    Rows are read column by column, each band of two columns (`bands`) in its place on the page."""
    left_edge, right_edge = columns[0][0], columns[-1][1]
    by_key: dict[tuple[int, float], list[dict]] = {}
    trimmed = []
    for s in segments:
        # a proof line number glued to a line's last word ("In16"): the digits past the column's edge
        if s["x1"] > right_edge + 2 and len(s["chars"]) > 1:
            keep = len(s["chars"])
            while keep > 1 and s["chars"][keep - 1]["x0"] > right_edge + 1 and s["chars"][keep - 1]["text"].isdigit():
                keep -= 1
            if keep < len(s["chars"]) and s["chars"][keep - 1]["x1"] <= right_edge + 2:
                cut = s["chars"][keep:]
                trimmed.append(_segment(cut, [], s["line"]))
                s = _segment(s["chars"][:keep], s["spaces"], s["line"])
        trimmed.append(s)
    for s in trimmed:
        stripped = RE_MARKER_RUN.sub(lambda m: m.group(1), s["text"])
        # outside the text block: proof line numbers, version tags, margin notes
        if s["x0"] >= right_edge + 2 or s["x1"] <= left_edge - 2 and (RE_MARGIN_MARK.match(stripped) or s["x0"] < left_edge - 20):
            column = -1
        else:
            column = _column_of(s["x0"], columns)
            band = next((b for b in bands if b[0] - 1 <= s["bottom"] <= b[1] + 1), None)
            if band is not None:
                column = int(s["x0"] >= band[2])
        by_key.setdefault((column, round(s["bottom"], 1)), []).append(s)
    rows = []
    block_of = {}  # reading order: the stretches above, inside and below each band in turn
    for (column, _), pieces in by_key.items():
        pieces.sort(key=lambda s: s["x0"])
        text = " ".join(p["text"] for p in pieces)
        size = Counter()
        for p in pieces:
            size[p["size"]] += p["n"]
        rows.append(Row(text=text, size=size.most_common(1)[0][0], bold=sum(p["bold"] * p["n"] for p in pieces) > sum(p["n"] for p in pieces) / 2,
                        top=min(p["top"] for p in pieces), bottom=pieces[0]["bottom"], x0=pieces[0]["x0"],
                        x1=pieces[-1]["x1"], column=column))
        block_of[id(rows[-1])] = _block(pieces[0]["bottom"], bands)
    rows.sort(key=lambda r: (r.column < 0, block_of[id(r)], r.column, r.bottom, r.x0))
    return rows


def _block(bottom: float, bands: Sequence[tuple[float, float, float]]) -> int:
    """Where a row whose baseline is `bottom` stands in the page's reading order: 2k for the
    stretch above band k (of one column), 2k + 1 inside it."""
    block = 0
    for top, end, _ in bands:
        if bottom > end + 1:
            block += 2
        elif bottom >= top - 1:
            block += 1
    return block


def _shape(text: str) -> str:
    """A head, footer or slug line with its numbers masked: it repeats across pages."""
    text = RE_MARKER_RUN.sub(lambda m: m.group(1), text.strip().lower())
    text = re.sub(r"\b[ivxlcdm]{1,7}\b", lambda m: "#" if RE_ROMAN.match(m.group()) else m.group(), text)
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", text))


def _page_number(text: str) -> tuple[int | None, str | None]:
    """The page number a head or footer carries: (arabic value, label as printed)."""
    plain = RE_MARKER_RUN.sub(lambda m: m.group(1), text).strip()
    m = RE_PAGE_NUMBER_EDGE.search(plain)
    if not m:
        return None, None
    label = m.group(1) or m.group(2)
    if label.isdigit():
        return int(label), label
    if RE_ROMAN.match(label) and len(plain) == len(label):
        return None, label
    return None, None


def layout_pages(pdf_pages: Sequence[PdfPage], doc_id: str, outline: Sequence[OutlineEntry] = ()) -> PdfLayout:
    """Page records (body and note zone, furniture removed, printed numbers read, markers
    delimited), with the layout's heading hints, the outline and the body type size."""
    all_rows = [r for p in pdf_pages for r in p.rows if r.column >= 0]
    if not all_rows:
        return PdfLayout((), tuple(outline), 0.0)
    weights = Counter()
    for p in pdf_pages:
        cut = p.separators[0][2] if p.separators else p.height
        for r in p.rows:
            if r.column >= 0 and r.bottom <= cut:
                weights[round(r.size, 1)] += len(r.text)
    body_size = (weights or Counter({round(all_rows[0].size, 1): 1})).most_common(1)[0][0]
    furniture = _furniture_shapes(pdf_pages)
    pages: list[Page] = []
    for p in pdf_pages:
        pages.append(_layout_page(p, doc_id, body_size, furniture))
    return PdfLayout(tuple(pages), tuple(outline), body_size)


def _edge_rows(p: PdfPage, slug_shapes: set[str]) -> tuple[list[Row], list[Row]]:
    """The rows a running head or a footer may be: the first two and the last two of the page in
    vertical order, once margin marks and slug lines are set aside."""
    rows = sorted((r for r in p.rows if r.column >= 0 and _shape(r.text) not in slug_shapes), key=lambda r: r.bottom)
    if len(rows) < 3:
        return rows[:1], rows[1:]
    gap = lambda a, b: b.bottom - a.bottom > 1.6 * max(a.size, b.size, 6.0)  # noqa: E731
    top = rows[:1] + ([rows[1]] if len(rows) > 3 and gap(rows[1], rows[2]) else [])
    bottom = ([rows[-2]] if len(rows) > 3 and gap(rows[-3], rows[-2]) else []) + rows[-1:]
    return top, bottom


def _set_apart(rows: Sequence[Row], row: Row) -> bool:
    """A row standing off from its neighbours by more than a line: a head or a footer does."""
    others = [r for r in rows if r is not row and r.column >= 0]
    nearest = min((abs(r.bottom - row.bottom) for r in others), default=1e9)
    return nearest > 1.6 * max(row.size, 6.0)


def _furniture_shapes(pdf_pages: Sequence[PdfPage]) -> tuple[set[str], set[str]]:
    """Shapes of slug lines (repeated anywhere on most pages: printer's marks) and of running
    heads and footers: repeated at the head or foot of many pages, or, for one that carries the
    page number and a chapter's title and stands off the text, of two pages or more."""
    n = len(pdf_pages)
    outermost = Counter()  # the very first and last rows of a page, by shape and height on the page
    for p in pdf_pages:
        rows = sorted((r for r in p.rows if r.column >= 0), key=lambda r: r.bottom)
        outermost.update({(_shape(r.text), round(r.bottom / 3)) for r in rows[:1] + rows[-1:]})
    slugs = {s for (s, _), k in outermost.items() if n >= 4 and k >= SLUG_MIN_SHARE * n and len(s) > 3}
    apart = Counter()  # heads and footers stand off the text by more than a line
    for p in pdf_pages:
        top, bottom = _edge_rows(p, slugs)
        # a row opening with a raised number is a note, even where two notes read alike
        apart.update({_shape(r.text) for r in top + bottom if _set_apart(p.rows, r) and not r.text.startswith(MARK_OPEN)})
    often = max(2, REPEATED_MIN_SHARE * n)
    numbered = re.compile(r"^#\s|\s#$")
    shapes = {s for s, k in apart.items() if k >= often or (k >= 2 and numbered.search(s) and len(s) <= 90)}
    return shapes, slugs


def _layout_page(p: PdfPage, doc_id: str, body_size: float, furniture: tuple[set[str], set[str]]) -> Page:
    head_shapes, slug_shapes = furniture
    top, bottom = _edge_rows(p, slug_shapes)
    candidates = {id(r) for r in top + bottom}
    removed: list[str] = []
    printed, label = None, None
    rows: list[Row] = []
    for r in p.rows:
        shape = _shape(r.text)
        if r.column < 0 or shape in slug_shapes:
            removed.append(r.text)
            continue
        if id(r) in candidates and r.size < body_size * HEADING_MIN_SIZE and _set_apart(p.rows, r):
            number, text_label = _page_number(r.text)
            bare = text_label is not None and text_label == RE_MARKER_RUN.sub(lambda m: m.group(1), r.text).strip()
            if shape in head_shapes or bare:
                if text_label is not None and label is None:
                    printed, label = number, text_label
                removed.append(r.text)
                continue
        rows.append(r)
    body, notes = _split_zone(p, rows, body_size)
    body_lines, heading_lines = _body_lines(body, body_size, p.columns)
    return Page(doc_id=doc_id, page=p.number, printed_page=printed, printed_page_inferred=False,
                body_lines=tuple(body_lines), footnote_lines=tuple(r.text for r in notes), removed=tuple(removed),
                printed_label=label if printed is None else None, heading_lines=tuple(heading_lines))


RE_NOTE_START = re.compile(f"^(?:{RE_DELIMITED_MARK.pattern}|\\d{{1,4}}[.)]?\\s|{SYMBOL_CLASS}+\\s?)")


def _split_zone(p: PdfPage, rows: list[Row], body_size: float) -> tuple[list[Row], list[Row]]:
    """Body rows and note rows: under a column's separator rule, or the run of smaller numbered
    type at the foot of a column."""
    body, notes = [], []
    for column in sorted({r.column for r in rows}):
        col_rows = [r for r in rows if r.column == column]
        left, right = p.columns[column] if column < len(p.columns) else (0.0, p.width)
        rules = [s for s in p.separators if left - 3 <= s[0] <= left + 0.5 * (right - left)]
        zone: set[int] = set()
        for x0, x1, top in sorted(rules, key=lambda rule: rule[2]):
            # the notes' rule, not a box's: under it all is small type, or the first row opens a
            # note the body above cites (or that the layout marks as raised). Notes run from the
            # rule to the foot of the column, or, under a rule in mid-page (notes set above the
            # rest of the text), to the first row in body type.
            below = [r for r in col_rows if r.bottom > top]
            above = {m.group(1) for r in col_rows if r.bottom <= top for m in RE_MARKER_RUN.finditer(r.text)}
            small = below and all(r.size < 0.97 * body_size for r in below)
            opens = below and (below[0].text.startswith(MARK_OPEN) or _note_label(below[0]) in above)
            if not (small or opens):
                continue
            for r in below:
                if r.size >= 0.97 * body_size:
                    break
                zone.add(id(r))
        if zone:
            body.extend(r for r in col_rows if id(r) not in zone)
            notes.extend(r for r in col_rows if id(r) in zone)
            continue
        k = len(col_rows)
        while k > 0 and col_rows[k - 1].size < 0.92 * body_size:
            k -= 1
        tail = col_rows[k:]
        # without a rule, small numbered lines at the foot are notes only if the body above
        # carries their raised markers (a code listing's line numbers are not)
        cited = {m.group(1) for r in col_rows[:k] for m in RE_MARKER_RUN.finditer(r.text)}
        first = RE_NOTE_START.match(tail[0].text) if tail else None
        label = first.group(0).strip(" .)" + MARK_OPEN + MARK_CLOSE) if first else None
        if first and k > 0 and (tail[0].text.startswith(MARK_OPEN) or label in cited):
            body.extend(col_rows[:k])
            notes.extend(tail)
            continue
        k = _numbered_foot(col_rows, p.height)
        body.extend(col_rows[:k])
        notes.extend(col_rows[k:])
    order = {id(r): k for k, r in enumerate(rows)}  # a band's right column in its place, not last
    return sorted(body, key=lambda r: order[id(r)]), sorted(notes, key=lambda r: order[id(r)])


def _note_label(row: Row) -> str | None:
    m = RE_NOTE_START.match(row.text)
    return m.group(0).strip(" .)" + MARK_OPEN + MARK_CLOSE) if m else None


def _numbered_foot(rows: list[Row], height: float) -> int:
    """Notes set like the body, with no rule (numbers on the baseline, "12. Text"): the first
    row of the lower half from which every numbered row is a note the body above cites by a
    raised marker, numbers rising. len(rows) when there is none."""
    for k in range(1, len(rows)):
        if rows[k].bottom < 0.4 * height or rows[k].bottom - rows[k - 1].bottom <= 1.2 * rows[k].size:
            continue  # a note zone is set off from the text above it
        labels = [_note_label(r) for r in rows[k:]]
        cited = {m.group(1) for r in rows[:k] for m in RE_MARKER_RUN.finditer(r.text)}
        # other numbers at line starts ("2023. - URL") are wrapped text of the notes; a few rows
        # before the first note go on with a note from the page before
        first = next((i for i, x in enumerate(labels) if x in cited), None)
        if first is None or first > MAX_CONTINUED_ROWS or any(x is not None and x.isdigit() and int(x) < 1000
                                                              for x in labels[:first]):
            continue
        numbers = [int(x) for x in labels if x is not None and x in cited and x.isdigit()]
        if all(a < b for a, b in zip(numbers, numbers[1:])):
            return k
    return len(rows)


def _body_lines(body: list[Row], body_size: float, columns: Sequence[tuple[float, float]]) -> tuple[list[str], list[tuple[int, float, bool]]]:
    """Body rows as lines, a blank line at each paragraph break; and the lines that look like
    headings: (line index, size relative to the body, bold)."""
    lines: list[str] = []
    headings: list[tuple[int, float, bool]] = []
    for k, r in enumerate(body):
        prev = body[k - 1] if k else None
        nxt = body[k + 1] if k + 1 < len(body) else None
        big = r.size >= body_size * HEADING_MIN_SIZE
        if prev is not None:
            if prev.column != r.column:
                lines.append("")
            else:
                spacing = r.bottom - prev.bottom
                prev_big = prev.size >= body_size * HEADING_MIN_SIZE
                # a first line indented against the lines around it, after a line that ended a
                # sentence (not the last line of a hanging list item)
                indented = (r.x0 > prev.x0 + 0.8 * r.size and nxt is not None and nxt.column == r.column
                            and r.x0 > nxt.x0 + 0.8 * r.size and RE_ENDS_SENTENCE.search(prev.text) is not None)
                if spacing > 1.45 * max(prev.size, r.size) or prev_big != big or prev.bold != r.bold or indented:
                    lines.append("")
        if big or (r.bold and len(r.text) <= 90):
            headings.append((len(lines), round(r.size / body_size, 2), r.bold))
        lines.append(r.text)
    return lines, headings
