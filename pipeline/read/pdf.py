"""PDF pages from the characters of the text layer, using what the layout tells.

Each page's characters (text, size, font, position) become rows of text; the layout then says
what a text dump loses:
  - footnote zone: rows under the short separator rule at the foot of the page, or smaller
    type at the bottom;
  - footnote markers: raised small digits, written into the row as the text dump has them
    ("annually 224.") so the text rules place and link them;
  - running headers and footers: rows that repeat (digits aside) across pages are dropped; a
    footer that is a number is the printed page number;
  - chapter headings: larger or bold rows opening a page (the text rules confirm them);
  - paragraph breaks: a vertical gap wider than the line spacing.
The result is the same Page records the text path builds, so every later stage is shared.
"""
from __future__ import annotations

import multiprocessing
import os
import re
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..progress import progress
from ..records import Page
from . import pdfium

# share of the text width under which a horizontal line is a footnote separator, not a table rule
SEPARATOR_MAX_WIDTH = 0.5
SUPERSCRIPT_MAX_SIZE = 0.8  # of the row's body size
HEADING_MIN_SIZE = 1.15  # of the book's body size
REPEATED_MIN_SHARE = 0.3  # a header or footer appears on at least this share of pages


class PdfError(ValueError):
    """A PDF that cannot be read; the message says what to do."""


@dataclass(frozen=True)
class Row:
    text: str
    size: float  # dominant character size
    bold: bool
    top: float
    bottom: float
    x0: float


@dataclass(frozen=True)
class PdfPage:
    number: int
    rows: tuple[Row, ...]
    separator_top: float | None  # top of the short rule over the footnotes
    height: float
    width: float


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
            reader = "pdfium" if pdfium.agrees_with_pdfminer(path, pdf.pages, _pdfminer_objects) else "pdfminer"
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


def _page(page, document=None) -> PdfPage:
    """Rows and the footnote rule of one page: characters and rules from PDFium when its
    `document` is given and reads this page as pdfminer would, else from pdfminer."""
    read = pdfium.read_page(document, page.page_number - 1, pdfium.mediabox(page)) if document else None
    chars, rules = read if read is not None else _pdfminer_objects(page)
    return _page_from(page.page_number, chars, rules, page.width, page.height)


def _pdfminer_objects(page) -> tuple[list[dict], list[tuple[float, float, float]]]:
    """The characters and thin rules of one page, read from pdfminer's layout objects directly:
    pdfplumber's `page.chars` converts every attribute of every object, which costs more than
    interpreting the page; only text, size, font and box are needed here."""
    from pdfminer.layout import LTChar, LTContainer, LTCurve
    height = page.height
    chars, rules = [], []
    stack = list(page.layout)
    while stack:
        obj = stack.pop()
        if isinstance(obj, LTChar):
            text = obj.get_text()
            if text.strip() and obj.upright:
                chars.append({"text": text, "size": obj.size, "fontname": obj.fontname, "x0": obj.x0,
                              "x1": obj.x1, "top": height - obj.y1, "bottom": height - obj.y0})
        elif isinstance(obj, LTCurve):  # lines and rects are curves: a thin one may be the rule
            if obj.height < 1.5:
                rules.append((obj.x0, obj.x1, height - obj.y1))
        elif isinstance(obj, LTContainer):
            stack.extend(obj)
    return chars, rules


def _page_from(number: int, chars: list[dict], rules: list[tuple[float, float, float]], width: float,
               height: float) -> PdfPage:
    """Rows and the footnote rule of one page from its characters and `(x0, x1, top)` rules."""
    rows = _rows(chars)
    separator = None
    for x0, x1, top in rules:
        # short, and below the running header: long footnotes can push the rule above mid-page
        if 0 < x1 - x0 < SEPARATOR_MAX_WIDTH * width and top > 0.15 * height:
            separator = top if separator is None else max(separator, top)
    return PdfPage(number, tuple(rows), separator, height, width)


def _rows(chars: list[dict]) -> list[Row]:
    """Characters into visual rows: chars whose vertical extents overlap are one row; within a
    row, small raised digits are footnote markers."""
    groups: list[list[dict]] = []
    by_band: dict[int, list[int]] = {}  # vertical band (4 pt) -> groups anchored there
    for c in sorted(chars, key=lambda c: -c["size"]):  # big characters first: they anchor rows
        home = None
        band = int(c["bottom"] // 4)
        for b in (band - 3, band - 2, band - 1, band, band + 1, band + 2, band + 3):
            for k in by_band.get(b, ()):
                anchor = groups[k][0]
                overlap = min(anchor["bottom"], c["bottom"]) - max(anchor["top"], c["top"])
                if overlap > 0.3 * min(anchor["size"], c["size"]):
                    home = k
                    break
            if home is not None:
                break
        if home is None:
            groups.append([c])
            by_band.setdefault(band, []).append(len(groups) - 1)
        else:
            groups[home].append(c)
    rows = []
    for g in groups:
        g.sort(key=lambda c: c["x0"])
        sizes = Counter(round(c["size"], 1) for c in g)
        body_size = sizes.most_common(1)[0][0]
        baseline = max(c["bottom"] for c in g if round(c["size"], 1) == body_size)
        parts, prev = [], None
        for c in g:
            small_raised = c["size"] < SUPERSCRIPT_MAX_SIZE * body_size and c["bottom"] < baseline - 0.15 * body_size
            marker = small_raised and (c["text"].isdigit() or c["text"] == ",")
            if prev is not None:
                gap = c["x0"] - prev["x1"]
                prev_marker = prev.get("marker", False)
                if marker and not prev_marker:
                    parts.append(" ")  # "annually 224." as the text dump writes a marker
                elif prev_marker and not marker and c["text"][0].isalnum():
                    parts.append(" ")
                elif gap > 0.22 * min(c["size"], prev["size"]) and not (marker and prev_marker):
                    parts.append(" ")
            c = dict(c, marker=marker)
            parts.append(c["text"] if not (marker and c["text"] == ",") else " ")
            prev = c
        text = re.sub(r" {2,}", " ", "".join(parts)).strip()
        bold = sum("bold" in c["fontname"].lower() for c in g) > len(g) / 2
        rows.append(Row(text, body_size, bold, min(c["top"] for c in g), baseline, g[0]["x0"]))
    rows.sort(key=lambda r: (r.bottom, r.x0))
    return rows


def _shape(text: str) -> str:
    """A header or footer with its numbers masked: repeats across pages."""
    return re.sub(r"\d+", "#", text.strip().lower())


def layout_pages(pdf_pages: Sequence[PdfPage], doc_id: str) -> tuple[list[Page], set[int], int]:
    """Page records, the pages whose first rows are heading type, and the number before the first
    footnote (for the book-wide sequence)."""
    all_rows = [r for p in pdf_pages for r in p.rows]
    if not all_rows:
        return [], set(), 0
    # the body's type size: the most text above the footnote rules
    above = [r for p in pdf_pages for r in p.rows if p.separator_top is None or r.bottom <= p.separator_top]
    body_size = Counter(round(r.size, 1) for r in (above or all_rows) for _ in range(len(r.text))).most_common(1)[0][0]
    n = len(pdf_pages)
    tops = Counter(_shape(p.rows[0].text) for p in pdf_pages if p.rows)
    bottoms = Counter(_shape(p.rows[-1].text) for p in pdf_pages if p.rows)
    running_top = {s for s, k in tops.items() if k >= max(2, REPEATED_MIN_SHARE * n)}
    running_bottom = {s for s, k in bottoms.items() if k >= max(2, REPEATED_MIN_SHARE * n)}

    pages: list[Page] = []
    heading_pages: set[int] = set()
    first_note_number = None
    for p in pdf_pages:
        rows = list(p.rows)
        removed: list[str] = []
        printed = None
        if rows and _shape(rows[0].text) in running_top and rows[0].size < body_size * HEADING_MIN_SIZE:
            removed.append(rows.pop(0).text)
        if rows and (_shape(rows[-1].text) in running_bottom or re.fullmatch(r"\d{1,4}", rows[-1].text)):
            footer = rows.pop(-1).text
            number = re.fullmatch(r"\D*(\d{1,4})\D*", footer)
            if number:
                printed = int(number.group(1))
            else:
                removed.append(footer)
        if p.separator_top is not None:
            body = [r for r in rows if r.bottom <= p.separator_top]
            notes = [r for r in rows if r.bottom > p.separator_top]
        else:
            # no rule: the run of smaller type at the bottom of the page
            k = len(rows)
            while k > 0 and rows[k - 1].size < 0.9 * body_size:
                k -= 1
            body, notes = rows[:k], rows[k:]
        body_lines: list[str] = []
        prev = None
        for r in body:
            if prev is not None:
                spacing = r.bottom - prev.bottom
                if spacing > 1.45 * max(prev.size, r.size) or (prev.size >= body_size * HEADING_MIN_SIZE) != (
                        r.size >= body_size * HEADING_MIN_SIZE):
                    body_lines.append("")
            body_lines.append(r.text)
            prev = r
        if body and (body[0].size >= body_size * HEADING_MIN_SIZE or body[0].bold):
            heading_pages.add(p.number)
        note_lines = [r.text for r in notes]
        if first_note_number is None:
            for line in note_lines:
                m = re.match(r"(\d{1,4})(?!\d)", line)
                if m:
                    first_note_number = int(m.group(1))
                    break
        pages.append(Page(doc_id=doc_id, page=p.number, printed_page=printed, printed_page_inferred=False,
                          body_lines=tuple(body_lines), footnote_lines=tuple(note_lines), removed=tuple(removed)))
    return pages, heading_pages, (first_note_number or 1) - 1
