"""A PDF page's characters and rules through PDFium (pypdfium2, installed with pdfplumber), in
exactly the shape the pdfminer path of read/pdf.py gives them, at a fraction of its cost.

A character is a dict `text, size, fontname, x0, x1, top, bottom, baseline` computed as pdfminer computes
an LTChar: the box spans the glyph's advance width (the width the PDF's font declares) and, from
the baseline, the font's declared descent up to one font size; coordinates are relative to the
media box with `top` and `bottom` measured from its top edge. Only upright, non-blank characters
are kept. A rule is `(x0, x1, top)` for each painted subpath less than 1.5 pt tall, its box
taken from the end points of its segments, as pdfminer's LTCurve.

`read_page` returns None where PDFium's reading of a page is not known to agree with pdfminer's
(a rotated page, a character without a Unicode mapping, a font written vertically, a horizontally
scaled text run): the caller reads that page through pdfminer instead.
"""
from __future__ import annotations

import ctypes
import re
from collections.abc import Iterator
from pathlib import Path

RULE_MAX_HEIGHT = 1.5
HYPHEN_AT_LINE_END = 0x02  # PDFium's code for a "-" (or soft hyphen) ending a line
TEXT_HYPHEN_AT_LINE_END = 0xFFFE  # the same in FPDFText_GetText's output
SAMPLE_PAGES = 4  # pages compared with pdfminer before PDFium reads a document
CHAR_TOLERANCE = 0.01  # pt: how far a character's box may be from pdfminer's
RE_SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")  # pt: a painted subpath lower than this may be the footnote rule

# the hot PDFium calls, with plain integer handles (pypdfium2's typed pointers cost a conversion each)
_c_double_p = ctypes.POINTER(ctypes.c_double)
_c_float_p = ctypes.POINTER(ctypes.c_float)


def _bind(raw, name: str, restype, *argtypes):
    address = ctypes.cast(getattr(raw, name), ctypes.c_void_p).value
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


class _Api:
    """PDFium's text and page-object functions, bound once per process."""

    def __init__(self):
        import pypdfium2.raw as raw
        v, i, u, d, f = ctypes.c_void_p, ctypes.c_int, ctypes.c_uint, ctypes.c_double, ctypes.c_float
        self.raw = raw
        self.count_chars = _bind(raw, "FPDFText_CountChars", i, v)
        self.unicode = _bind(raw, "FPDFText_GetUnicode", u, v, i)
        self.get_text = _bind(raw, "FPDFText_GetText", i, v, i, i, ctypes.POINTER(ctypes.c_ushort))
        self.loose_box = _bind(raw, "FPDFText_GetLooseCharBox", i, v, i, ctypes.POINTER(raw.FS_RECTF))
        self.text_object = _bind(raw, "FPDFText_GetTextObject", v, v, i)
        self.origin = _bind(raw, "FPDFText_GetCharOrigin", i, v, i, _c_double_p, _c_double_p)
        self.font_size = _bind(raw, "FPDFText_GetFontSize", d, v, i)
        self.matrix = _bind(raw, "FPDFText_GetMatrix", i, v, i, ctypes.POINTER(raw.FS_MATRIX))
        self.unicode_error = _bind(raw, "FPDFText_HasUnicodeMapError", i, v, i)
        self.object_font = _bind(raw, "FPDFTextObj_GetFont", v, v)
        self.base_font_name = _bind(raw, "FPDFFont_GetBaseFontName", ctypes.c_size_t, v, ctypes.c_char_p, ctypes.c_size_t)
        self.descent = _bind(raw, "FPDFFont_GetDescent", i, v, f, _c_float_p)
        self.glyph_width = _bind(raw, "FPDFFont_GetGlyphWidth", i, v, ctypes.c_uint32, f, _c_float_p)
        self.count_objects = _bind(raw, "FPDFPage_CountObjects", i, v)
        self.get_object = _bind(raw, "FPDFPage_GetObject", v, v, i)
        self.form_count = _bind(raw, "FPDFFormObj_CountObjects", i, v)
        self.form_object = _bind(raw, "FPDFFormObj_GetObject", v, v, ctypes.c_ulong)
        self.object_type = _bind(raw, "FPDFPageObj_GetType", i, v)
        self.object_matrix = _bind(raw, "FPDFPageObj_GetMatrix", i, v, ctypes.POINTER(raw.FS_MATRIX))
        self.count_segments = _bind(raw, "FPDFPath_CountSegments", i, v)
        self.segment = _bind(raw, "FPDFPath_GetPathSegment", v, v, i)
        self.segment_point = _bind(raw, "FPDFPathSegment_GetPoint", i, v, _c_float_p, _c_float_p)
        self.segment_type = _bind(raw, "FPDFPathSegment_GetType", i, v)
        self.segment_close = _bind(raw, "FPDFPathSegment_GetClose", i, v)
        self.draw_mode = _bind(raw, "FPDFPath_GetDrawMode", i, v, ctypes.POINTER(i), ctypes.POINTER(ctypes.c_int))


_API: _Api | None = None


def _api() -> _Api:
    global _API
    if _API is None:
        _API = _Api()
    return _API


def open_document(path: Path):
    """pypdfium2's document (raises pypdfium2's PdfiumError on a file it cannot open)."""
    import pypdfium2 as pdfium
    return pdfium.PdfDocument(str(path))


def read_page(document, index: int, mediabox: tuple[float, float, float, float]
              ) -> tuple[list[dict], list[tuple[float, float, float]]] | None:
    """(chars, rules) of page `index` (0-based) in the frame of its `mediabox` (x0, y0, x1, y1 as
    pdfminer resolves it, inherited boxes included), or None where pdfminer must read this page."""
    page = document[index]
    try:
        if page.get_rotation() % 360:
            return None
        x0, y0, _, y1 = mediabox
        height = y1 - y0
        textpage = page.get_textpage()
        try:
            chars = _chars(textpage, x0, y0, height)
        finally:
            textpage.close()
        if chars is None:
            return None
        return chars, list(_rules(page, x0, y0, height))
    finally:
        page.close()


def mediabox(page) -> tuple[float, float, float, float]:
    """The media box pdfminer lays a pdfplumber page out in (inherited from the page tree where
    the page has none), as (x0, y0, x1, y1)."""
    x0, y0, x1, y1 = (float(v) for v in page.page_obj.mediabox)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def agrees_with_pdfminer(path: Path, pages, pdfminer_objects, *, samples: int = SAMPLE_PAGES,
                         read=None) -> bool:
    """Whether PDFium reads this PDF as pdfminer does: on up to `samples` pages spread over the
    document, the same characters in the same order (text, font, and size and box within
    CHAR_TOLERANCE) and the same rules. `pages` are pdfplumber's, `pdfminer_objects(page)` the
    pdfminer reader's (chars, rules), `read(document, page)` PDFium's in the same shape (default:
    read_page)."""
    n = len(pages)
    picks = sorted({(k + 1) * n // (samples + 1) for k in range(samples)} if n > samples else set(range(n)))
    document = open_document(path)
    try:
        compared = 0
        for index in picks:
            page = pages[index]
            got = read(document, page) if read is not None else read_page(document, index, mediabox(page))
            if got is None:  # pdfminer reads such a page anyway
                continue
            expected = pdfminer_objects(page)
            page.flush_cache()
            if not same_objects(got, expected):
                return False
            compared += 1
        return compared > 0
    except Exception:  # PDFium failing on a file pdfminer opened: pdfminer reads it
        return False
    finally:
        document.close()


def same_objects(got: tuple[list[dict], list[tuple]], expected: tuple[list[dict], list[tuple]],
                 tolerance: float = CHAR_TOLERANCE) -> bool:
    """The same characters in the same order and the same rules, positions within `tolerance`."""
    (chars, rules), (want_chars, want_rules) = got, expected
    if len(chars) != len(want_chars) or len(rules) != len(want_rules):
        return False
    for c, w in zip(chars, want_chars):
        if c["text"] != w["text"] or _font_name(c["fontname"]) != _font_name(w["fontname"]):
            return False
        if any(abs(c[k] - w[k]) > tolerance for k in ("size", "x0", "x1", "top", "bottom", "baseline")):
            return False
    return all(abs(a - b) <= tolerance for r, w in zip(sorted(rules), sorted(want_rules)) for a, b in zip(r, w))


def _font_name(name: str) -> str:
    """A font's name without its subset tag (`ABCDEF+`): PDFium drops it from Type 1 fonts."""
    return RE_SUBSET_TAG.sub("", name)


def _handle(obj) -> int:
    return ctypes.cast(obj, ctypes.c_void_p).value


class _Run:
    """What a text object's characters share: font name, size, the 2x2 matrix, descent."""
    __slots__ = ("fontname", "size", "a", "b", "c", "d", "descent", "upright", "plain", "lo", "hi", "widths", "font")


def _chars(textpage, mx: float, my: float, height: float) -> list[dict] | None:
    api = _api()
    tp = _handle(textpage.raw)
    codes = _codes(api, tp, api.count_chars(tp))
    x, y = ctypes.c_double(), ctypes.c_double()
    px, py = ctypes.byref(x), ctypes.byref(y)
    runs: dict[int, _Run] = {}
    fonts: dict = {}
    matrix = ctypes.pointer(api.raw.FS_MATRIX())
    chars: list[dict] = []
    append = chars.append
    text_object, origin, unicode_error = api.text_object, api.origin, api.unicode_error
    blank = _BLANK
    last_handle = run = None
    last_x = last_y = 0.0
    for i, u in enumerate(codes):
        if u in blank:
            last_handle = None
            continue
        handle = text_object(tp, i)
        if handle != last_handle:
            run = runs.get(handle)
            if run is None:
                if not handle:
                    return None
                run = runs[handle] = _run(api, tp, i, handle, fonts, matrix)
        if not run.upright:
            last_handle = None
            continue
        if unicode_error(tp, i):
            return None
        if u == HYPHEN_AT_LINE_END:
            u = 0x2D
        origin(tp, i, px, py)
        ox, oy = x.value, y.value
        if handle == last_handle and ox == last_x and oy == last_y:
            # a ligature: PDFium gives each of its letters the glyph's origin, pdfminer one
            # character with the letters' text over the glyph's advance
            _join(api, tp, i, chars[-1], chr(u))
            continue
        last_handle, last_x, last_y = handle, ox, oy
        adv = run.widths.get(u)
        if adv is None:
            adv = run.widths[u] = run.font.width(api, u, run.size)
        ox -= mx
        oy -= my
        if run.plain:  # (a, 0, 0, d): the common case
            bottom = oy + run.lo
            top = oy + run.hi
            append({"text": chr(u), "size": top - bottom, "fontname": run.fontname, "x0": ox,
                    "x1": ox + run.a * adv, "top": height - top, "bottom": height - bottom,
                    "baseline": height - oy})
        else:
            append(_char_box(run, chr(u), adv, ox, oy, height))
    return chars  # in the content stream's order, as page_objects gives pdfminer's


_BLANK = frozenset(ord(c) for c in " \t\r\n\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002"
                   "\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
assert all(not chr(c).strip() for c in _BLANK)


def _codes(api, tp: int, n: int) -> list[int]:
    """Every character's code point: one call for the page where the text is all in the BMP
    (one UTF-16 unit per character), else one call per character."""
    buffer = (ctypes.c_ushort * (n + 1))()
    written = api.get_text(tp, 0, n, buffer)
    codes = buffer[:n]
    if written != n + 1 or any(0xD800 <= c < 0xE000 for c in codes):
        return [api.unicode(tp, i) for i in range(n)]
    if TEXT_HYPHEN_AT_LINE_END in codes:  # FPDFText_GetText writes U+FFFE for it
        codes = [HYPHEN_AT_LINE_END if c == TEXT_HYPHEN_AT_LINE_END else c for c in codes]
    return codes


class _Font:
    """A font's name, descent and advance widths (at size 1), read once per page."""
    __slots__ = ("name", "descent", "widths", "handle")

    def __init__(self, api, handle: int):
        buffer = ctypes.create_string_buffer(256)
        length = api.base_font_name(handle, buffer, 256)
        self.name = buffer.raw[: max(length - 1, 0)].decode("latin-1") if length else "unknown"
        out = ctypes.c_float()
        api.descent(handle, 1.0, ctypes.byref(out))
        self.descent = out.value
        self.widths: dict[int, float] = {}
        self.handle = handle

    def width(self, api, u: int, size: float) -> float:
        out = ctypes.c_float()
        api.glyph_width(self.handle, u, size, ctypes.byref(out))
        return out.value


def _run(api, tp: int, i: int, handle: int, fonts: dict[int, _Font], m) -> _Run:
    """What the characters of the text object `handle` share, from its character `i`."""
    run = _Run()
    font_handle = api.object_font(handle)
    font = fonts.get(font_handle)
    if font is None:
        font = fonts[font_handle] = _Font(api, font_handle)
    run.fontname = font.name
    run.descent = font.descent
    run.size = size = api.font_size(tp, i)
    api.matrix(tp, i, m)
    run.a, run.b, run.c, run.d = m.contents.a, m.contents.b, m.contents.c, m.contents.d
    run.upright = run.a * run.d > 0 and run.b * run.c <= 0
    run.plain = run.b == 0 and run.c == 0 and run.a > 0
    run.lo = run.d * font.descent * size
    run.hi = run.lo + run.d * size
    key = (font_handle, size)
    run.widths = fonts.get(key)
    if run.widths is None:
        run.widths = fonts[key] = {}
    run.font = font
    return run


def _join(api, tp: int, i: int, char: dict, letter: str) -> None:
    """A ligature's next letter into its character, which spans the glyph's advance."""
    box = api.raw.FS_RECTF()
    api.loose_box(tp, i, ctypes.byref(box))
    char["text"] += letter
    char["x1"] = max(char["x1"], box.right)


def _char_box(run: _Run, text: str, adv: float, ox: float, oy: float, height: float) -> dict:
    """pdfminer's apply_matrix_rect of (0, descent, adv, descent + size) under the character's
    matrix, for a rotated or skewed run."""
    lo = run.descent * run.size
    hi = lo + run.size
    a, b, c, d = run.a, run.b, run.c, run.d
    xs = (c * lo, a * adv + c * lo, a * adv + c * hi, c * hi)
    ys = (d * lo, b * adv + d * lo, b * adv + d * hi, d * hi)
    left, right = ox + min(xs), ox + max(xs)
    bottom, top = oy + min(ys), oy + max(ys)
    return {"text": text, "size": top - bottom, "fontname": run.fontname, "x0": left, "x1": right,
            "top": height - top, "bottom": height - bottom, "baseline": height - oy}


FPDF_PAGEOBJ_PATH, FPDF_PAGEOBJ_FORM = 2, 5
FPDF_SEGMENT_MOVETO, FPDF_SEGMENT_BEZIERTO = 2, 1


def _objects(api, page_handle: int) -> Iterator[tuple[int, tuple]]:
    """Every path object of the page, form XObjects entered, with its matrix to page space."""
    m = api.raw.FS_MATRIX()

    def walk(count, get, parent):
        for k in range(count):
            obj = get(k)
            kind = api.object_type(obj)
            if kind not in (FPDF_PAGEOBJ_PATH, FPDF_PAGEOBJ_FORM):
                continue
            api.object_matrix(obj, ctypes.byref(m))
            own = _compose((m.a, m.b, m.c, m.d, m.e, m.f), parent)
            if kind == FPDF_PAGEOBJ_PATH:
                yield obj, own
            else:
                yield from walk(api.form_count(obj), lambda j, o=obj: api.form_object(o, j), own)

    yield from walk(api.count_objects(page_handle), lambda k: api.get_object(page_handle, k), (1, 0, 0, 1, 0, 0))


def _compose(m1: tuple, m0: tuple) -> tuple:
    """m1 then m0 (PDF order: a point goes through m1 first)."""
    a1, b1, c1, d1, e1, f1 = m1
    a0, b0, c0, d0, e0, f0 = m0
    return (a1 * a0 + b1 * c0, a1 * b0 + b1 * d0, c1 * a0 + d1 * c0, c1 * b0 + d1 * d0,
            e1 * a0 + f1 * c0 + e0, e1 * b0 + f1 * d0 + f0)


def _rules(page, mx: float, my: float, height: float) -> Iterator[tuple[float, float, float]]:
    api = _api()
    px, py = ctypes.c_float(), ctypes.c_float()
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    for obj, (a, b, c, d, e, f) in _objects(api, _handle(page.raw)):
        api.draw_mode(obj, ctypes.byref(fill), ctypes.byref(stroke))
        if not fill.value and not stroke.value:
            continue
        subpath: list[tuple[float, float]] = []
        n = api.count_segments(obj)
        bezier = 0
        for k in range(n + 1):
            seg = api.segment(obj, k) if k < n else None
            kind = api.segment_type(seg) if seg else FPDF_SEGMENT_MOVETO
            if kind == FPDF_SEGMENT_MOVETO and subpath:
                yield from _rule(subpath, height)
                subpath = []
            if seg is None:
                break
            if kind == FPDF_SEGMENT_BEZIERTO:  # pdfminer keeps only a curve's end point
                bezier += 1
                if bezier % 3:
                    continue
            else:
                bezier = 0
            api.segment_point(seg, ctypes.byref(px), ctypes.byref(py))
            sx, sy = px.value, py.value
            subpath.append((a * sx + c * sy + e - mx, b * sx + d * sy + f - my))


def _rule(points: list[tuple[float, float]], height: float) -> Iterator[tuple[float, float, float]]:
    if len(points) < 2:
        return
    ys = [p[1] for p in points]
    if max(ys) - min(ys) < RULE_MAX_HEIGHT:
        xs = [p[0] for p in points]
        yield (min(xs), max(xs), height - max(ys))
