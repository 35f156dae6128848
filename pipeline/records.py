"""Typed records passed between stages. Field names follow ../shared/CONTRACT.md."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


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
class Page:
    doc_id: str
    page: int
    printed_page: int | None
    printed_page_inferred: bool
    body_lines: tuple[str, ...]  # blank lines kept: they separate paragraphs
    footnote_lines: tuple[str, ...]
    removed: tuple[str, ...]  # junk dropped from the page (running heads and feet, OCR debris, link residue)
    printed_label: str | None = None  # a printed page number that is not arabic, as printed ("xiv")

    @property
    def body_text(self) -> str:
        return "\n".join(self.body_lines).strip("\n")

    @property
    def footnote_text(self) -> str:
        return "\n".join(self.footnote_lines)


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
class Structure:
    """Everything the text stages derive from one document."""
    document: SourceDocument
    pages: tuple[Page, ...]
    chapters: tuple[Chapter, ...]
    footnotes: tuple[Footnote, ...]
    paragraphs: tuple[Paragraph, ...]
    claims: tuple[Claim, ...]
    links: tuple[ClaimFootnote, ...]
    unlinked_footnotes: tuple[int, ...] = field(default=())
