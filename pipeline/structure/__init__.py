"""Structure: a document's pages into zones, notes, chapters, paragraphs and claims, each note
marker linked to the claim that carries it; the notes' citations grouped into cited works.

`extract_structure` is the stage: one document in, its `Structure` out. A PDF's pages come from
its layout (read/pdf.py), a text dump's from read/text.py; everything after the pages is shared.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..read import pdf, text
from ..records import SourceDocument, Structure
from . import chapters, claims, notes, works, zones


def _untimed(step: str, compute: Callable[[], object]) -> object:
    return compute()


def extract_structure(document: SourceDocument, timed=_untimed) -> Structure:
    """The text stages for one document (`timed(step, compute)` only measures)."""
    if document.kind == "pdf":
        pdf_pages = timed("pdf", lambda: pdf.read_pdf_pages(Path(document.source_path)))
        zoned, heading_pages, start_after = timed("pages", lambda: pdf.layout_pages(pdf_pages, document.doc_id))
        zoned = zones.fill_printed_pages(zoned)
    else:
        raw_pages = timed("pages", lambda: text.split_pages(document))
        zoned = timed("pages", lambda: zones.zone_pages(raw_pages))
        heading_pages, start_after = None, 0
    note_list = timed("footnotes", lambda: notes.collect_footnotes(zoned, start_after=start_after))
    style, work_list, cited = timed("footnotes", lambda: works.build_works(note_list))
    headings = timed("chapters", lambda: chapters.find_headings(zoned))
    if heading_pages is not None:  # the layout confirms: a heading is set in larger or bold type
        headings = [h for h in headings if h.page in heading_pages]
    chapter_list = timed("chapters", lambda: chapters.build_chapters(zoned, headings))
    paragraphs, claim_list, links, unlinked = timed(
        "claims", lambda: claims.build_claims(zoned, headings, chapter_list, note_list))
    return Structure(document=document, pages=tuple(zoned), chapters=tuple(chapter_list),
                     footnotes=tuple(note_list), paragraphs=tuple(paragraphs), claims=tuple(claim_list),
                     links=tuple(links), unlinked_footnotes=tuple(unlinked), works=tuple(work_list),
                     footnote_works=tuple(cited), citation_style=style)
