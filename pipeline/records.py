"""Typed records passed between stages. Field names follow ../shared/CONTRACT.md."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

# a note marker the layout knows for certain (a raised number in a PDF) is written into the line
# between these two private-use characters; the structure stage links it and removes it
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"
# the symbols books mark notes with, in the order they are used on a page (* 1, † 2, ...)
NOTE_SYMBOLS = ("*", "†", "‡", "§", "¶", "‖")
SYMBOL_CLASS = "[" + re.escape("".join(NOTE_SYMBOLS)) + "]"  # the regex class derived from them
# a delimited mark: its number or symbols are group 1
RE_DELIMITED_MARK = re.compile(f"{MARK_OPEN}(\\d{{1,4}}|{SYMBOL_CLASS}+){MARK_CLOSE}")
# a note's number run into the word or quote before it, as a dump sets a raised mark: "brothers5",
# "Brüder9 ,", "“source”1" (str.format takes the number)
GLUED_MARK = r"(?:[^\W\d_]|[”\"’)\]]){}(?!\d)"
# glyphs a font sets for a note's mark: the asterisk operator LaTeX's \thanks prints for "*",
# superscript digits (a font's superior figures), each read as the plain glyph
MARK_GLYPH_VARIANTS = {"\u2217": "*", "\u204e": "*", **{sup: str(d) for d, sup in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹")}}
SUPERSCRIPT_DIGITS = frozenset(g for g, plain_glyph in MARK_GLYPH_VARIANTS.items() if plain_glyph.isdigit())
ASTERISK_VARIANTS = frozenset(MARK_GLYPH_VARIANTS) - SUPERSCRIPT_DIGITS
_SUPERSCRIPTS = "".join(sorted(SUPERSCRIPT_DIGITS))
# the word before, a plain figure glued before the superscripts (where a font maps only some of its
# superior figures to superscripts, "1⁴" is 14), the superscripts
RE_SUPERSCRIPT_RUN = re.compile(f"((?:(?![{_SUPERSCRIPTS}])[^\\W\\d_])*)((?<!\\d)(?<!\\d\\.)\\d)?([{_SUPERSCRIPTS}]{{1,4}})")
PARTIAL_FONT_ABSENT = "¹²³"  # a font that maps only some superior figures sets these plain
MAX_POWER_BASE = 2  # "x²", "mc²", "km²": a superscript after a word this short is a power


def is_power(word: str, after_digit: bool) -> bool:
    """A superscript after this word (or a figure) is a power, not a note's mark: "km²", "x²",
    "10⁶"."""
    return after_digit or (0 < len(word) <= MAX_POWER_BASE)


def marks_from_glyphs(text: str) -> str:
    """Text with its superscript digits as delimited marks ("possible.¹⁴" -> a raised 14; not
    "km²", "10⁶") and the asterisk operator as "*": what a PDF's raised marks become in a dump."""
    partial = not any(ch in text for ch in PARTIAL_FONT_ABSENT)

    def mark(m: re.Match) -> str:
        word, glued, raised = m.group(1), m.group(2) or "", m.group(3)
        if glued and not partial:
            word, glued = word + glued, ""  # "3⁴" where the font has every superscript: a power
        after_digit = word[-1:].isdigit() or (not word and m.start() > 0 and text[m.start() - 1].isdigit())
        if is_power(word, after_digit):
            return m.group(0)
        return word + MARK_OPEN + glued + "".join(MARK_GLYPH_VARIANTS[g] for g in raised) + MARK_CLOSE
    text = RE_SUPERSCRIPT_RUN.sub(mark, text)
    for variant in ASTERISK_VARIANTS:
        text = text.replace(variant, MARK_GLYPH_VARIANTS[variant])
    return text


def symbol_order(symbol: str) -> int:
    """* † ‡ § ¶ ‖, then doubled: ** †† ..., the order LaTeX and Chicago use."""
    base = NOTE_SYMBOLS.index(symbol[0]) + 1 if symbol[0] in NOTE_SYMBOLS else 1
    return base + len(NOTE_SYMBOLS) * (len(symbol) - 1)


def unmarked(text: str) -> str:
    """Text with raised marks shown as the digits or symbols the page prints."""
    return text.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")


def plain(text: str) -> str:
    """A line's text without mark delimiters and with its whitespace collapsed."""
    return re.sub(r"\s+", " ", unmarked(text)).strip()


def page_at_offset(offset: int, first_page: int, breaks: Sequence[tuple[int, int]]) -> int:
    """The page of a text offset, given the (offset, page) points where the text turns a page."""
    page = first_page
    for at, next_page in breaks:
        if offset >= at:
            page = next_page
    return page


@dataclass(frozen=True)
class SourceDocument:
    doc_id: str
    source_path: str
    source_sha256: str
    title: str
    text: str
    encoding: str = "utf-8"
    edition: str | None = None  # "2e" from "book-2e.txt"; None for a name without an edition
    kind: str = "text"  # "text" (a dump of the book's text) or "pdf"
    source_date: str | None = None  # ISO date the file says it was made (a PDF's CreationDate), else None


@dataclass(frozen=True)
class RawPage:
    """A physical page as cut from the source, before zoning."""
    doc_id: str
    page: int
    lines: tuple[str, ...]
    printed_page: int | None  # as printed in the source, when it was (an arabic number)
    printed_label: str | None = None  # a printed page number that is not arabic, as printed ("xiv")
    furniture: tuple[str, ...] = ()  # running heads, feet and page-number lines taken off the page


@dataclass(frozen=True)
class OutlineEntry:
    """A bookmark of a PDF's outline."""
    level: int  # 0 for the top level
    title: str
    page: int  # 1-based physical page it points at


@dataclass(frozen=True)
class Page:
    doc_id: str
    page: int
    printed_page: int | None
    printed_page_inferred: bool
    body_lines: tuple[str, ...]  # blank lines kept: they separate paragraphs
    footnote_lines: tuple[str, ...]
    removed: tuple[str, ...]  # junk dropped from the page (running heads and feet, OCR debris, link residue)
    printed_label: str | None = None  # a printed page number that is not arabic, as printed ("xiv")
    # lines the layout sets as headings: (index into body_lines, size relative to the body, bold)
    heading_lines: tuple[tuple[int, float, bool], ...] = ()
    # lines of a "Notes" section printed on this page, and the subsection each belongs to
    endnote_lines: tuple[str, ...] = ()
    endnote_sections: tuple[int, ...] = ()

    @property
    def body_text(self) -> str:
        return unmarked("\n".join(self.body_lines).strip("\n"))

    @property
    def footnote_text(self) -> str:
        return unmarked("\n".join(self.footnote_lines + self.endnote_lines))


@dataclass(frozen=True)
class Chapter:
    doc_id: str
    chapter_id: str
    seq: int
    title: str
    start_page: int
    end_page: int


@dataclass(frozen=True)
class Footnote:
    doc_id: str
    footnote_id: str
    number: int
    page: int
    end_page: int
    text: str
    raw_text: str
    url: str | None
    year: int | None
    authors: tuple[str, ...]
    title: str | None
    publisher: str | None
    cited_pages: str | None
    kind: str
    number_in_text: bool
    authors_canonical: tuple[str, ...] = ()  # authors with spelling variants merged across the book
    scope: str = "document"  # what the number counts within: document, chapter or page
    chapter_id: str | None = None  # the chapter whose text the note belongs to
    placement: str = "foot"  # foot of the page, chapter-end or book-end
    symbol: str | None = None  # "*", "†" ... for notes marked by symbols (number: order on the page)
    series: int = 0  # 1: the notes of a parallel column, numbered on their own beside the first


@dataclass(frozen=True)
class Paragraph:
    doc_id: str
    paragraph_id: str
    chapter_id: str | None
    seq: int
    start_page: int
    end_page: int
    text: str


@dataclass(frozen=True)
class Claim:
    doc_id: str
    claim_id: str
    paragraph_id: str
    chapter_id: str | None
    page: int
    seq: int
    text: str
    # (offset in text, page) where the claim runs onto a new page
    page_breaks: tuple[tuple[int, int], ...] = ()

    def page_at(self, offset: int) -> int:
        return page_at_offset(offset, self.page, self.page_breaks)


@dataclass(frozen=True)
class ClaimFootnote:
    doc_id: str
    claim_id: str
    footnote_id: str
    footnote_number: int
    page: int
    method: str
    confidence: float


@dataclass(frozen=True)
class EntityMention:
    doc_id: str
    mention_id: str
    claim_id: str
    page: int
    start_char: int
    end_char: int
    text: str
    label: str
    canonical: str
    iso3: str | None
    entity_id: str  # the row of entity_catalog this mention belongs to
    # the countries it belongs to: a country itself, the country a place lies in, a people word's
    # countries ("Belarusian-Chinese" -> BLR, CHN), those named in an organisation's name
    country_iso3: tuple[str, ...] = ()


@dataclass(frozen=True)
class DateMention:
    doc_id: str
    mention_id: str
    claim_id: str
    page: int
    start_char: int
    end_char: int
    text: str
    start: str | None  # ISO date
    end: str | None
    grain: str
    mod: str | None
    relative: bool


@dataclass(frozen=True)
class MoneyMention:
    doc_id: str
    mention_id: str
    claim_id: str
    page: int
    start_char: int
    end_char: int
    text: str
    value: float | None
    min: float | None
    max: float | None
    currency: str
    qualifier: str


@dataclass(frozen=True)
class Citation:
    """One reference parsed from a note; a note citing several works gives several (citations.py)."""
    kind: str  # book, article, chapter, web, case, legislation, archive, other
    form: str  # full, short, ibid, cross-reference
    style: str  # the parser that read it: gost, chicago, oscola, apa, harvard, mla, legal
    text: str  # the segment of the note this citation was read from
    authors: tuple[str, ...] = ()  # "Family, Given" as printed, persons (or one organisation)
    title: str | None = None
    container: str | None = None  # journal, newspaper, book of a chapter, site, law report
    year: int | None = None
    publisher: str | None = None
    place: str | None = None
    url: str | None = None  # as printed, repaired of line-break spaces
    cited_pages: str | None = None  # pinpoint pages as printed, dashes as "-"
    volume: str | None = None
    issue: str | None = None
    editors: tuple[str, ...] = ()
    refers_to: int | None = None  # the note number a cross-reference names ("(n 7)", "supra note 7")
    unparsed: str | None = None  # what the style's parser could not place (comment, "link #3")


@dataclass(frozen=True)
class Work:
    """A cited work: every citation of it in a document points here (works.py)."""
    doc_id: str
    work_id: str
    kind: str
    authors: tuple[str, ...]
    title: str | None
    container: str | None
    year: int | None
    publisher: str | None
    place: str | None
    url: str | None  # canonical form
    url_domain: str | None  # registrable domain of the URL (www. and subdomains dropped)
    url_suspect: str | None  # why the host does not look real, null when it does or there is no URL
    volume: str | None
    issue: str | None
    editors: tuple[str, ...]
    n_citations: int
    first_footnote: int  # number of the first note citing it


@dataclass(frozen=True)
class FootnoteWork:
    """One citation of a work in a note."""
    doc_id: str
    footnote_id: str
    seq: int  # order of the citation within the note, from 1
    work_id: str
    cited_pages: str | None
    form: str  # full, short, ibid, cross-reference
    style: str
    text: str
    unparsed: str | None


@dataclass(frozen=True)
class Structure:
    """Everything the text stages derive from one document."""
    document: SourceDocument
    pages: tuple[Page, ...]
    chapters: tuple[Chapter, ...]
    footnotes: tuple[Footnote, ...]
    paragraphs: tuple[Paragraph, ...]
    claims: tuple[Claim, ...]
    links: tuple[ClaimFootnote, ...]
    unlinked_footnotes: tuple[str, ...] = field(default=())  # footnote_id of notes without a marker
    notes_scheme: str = "none"  # book, chapter, page, symbol or none
    notes_placement: str = "none"  # foot, chapter-end, book-end or none
    notes_restarts: tuple[int, ...] = ()  # pages where the numbering starts again though no scope begins
    markers_without_notes: int = 0  # raised markers in the text that cite no note found
    works: tuple[Work, ...] = field(default=())
    footnote_works: tuple[FootnoteWork, ...] = field(default=())
    citation_style: str | None = None  # the document's dominant citation style (citations.py)
