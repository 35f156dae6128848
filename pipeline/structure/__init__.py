"""Structure: a document's pages into zones, chapters, notes, paragraphs and claims, each note
marker linked to the claim that carries it; the notes' citations grouped into cited works.

`extract_structure` is the stage: one document in, its `Structure` out. A PDF's pages come from
its layout (read/pdf.py), a text dump's from read/text.py; everything after the pages is shared:
chapters (chapters.py), the notes sections of endnotes (endnotes.py), the notes and their
numbering scheme (notes.py), paragraphs, markers and claims (paragraphs.py, markers.py, claims.py).
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..read import pdf, text
from ..records import SourceDocument, Structure
from . import chapters, claims, endnotes, notes, works, zones


def _untimed(step: str, compute: Callable[[], object]) -> object:
    return compute()


def extract_structure(document: SourceDocument, timed=_untimed) -> Structure:
    """The text stages for one document (`timed(step, compute)` only measures)."""
    if document.kind == "pdf":
        path = Path(document.source_path)
        pdf_pages = timed("pdf", lambda: pdf.read_pdf_pages(path))
        layout = timed("pages", lambda: pdf.layout_pages(pdf_pages, document.doc_id, pdf.read_outline(path)))
        zoned = zones.fill_printed_pages(layout.pages)
        outline, from_layout = layout.outline, True
    else:
        raw_pages = timed("pages", lambda: text.split_pages(document))
        zoned = timed("pages", lambda: zones.clean_pages(raw_pages))  # foot zones cut below
        outline, from_layout = (), False
    headings = timed("chapters", lambda: chapters.find_headings(zoned, outline, layout=from_layout))
    chapter_list = timed("chapters", lambda: chapters.build_chapters(zoned, headings))
    ends = timed("footnotes", lambda: endnotes.split_endnote_sections(zoned, headings, chapter_list))
    zoned = ends.pages
    if not from_layout:  # a dump's foot zones, once its notes sections are out of the body
        heading_ends: dict[int, int] = {}
        for h in headings:
            heading_ends[h.page] = max(heading_ends.get(h.page, 0), h.end_line)
        numbered = frozenset(h.page for h in headings if notes.note_start(h.title) is not None)
        zoned = timed("pages", lambda: zones.zone_notes(zoned, heading_ends=heading_ends, numbered_headings=numbered))
    note_set = timed("footnotes", lambda: notes.collect_notes(zoned, chapter_list, section_chapters=ends.section_chapters,
                                                              end_placement=ends.placement))
    style, work_list, cited = timed("footnotes", lambda: works.build_works(note_set.notes))
    built = timed("claims", lambda: claims.build_claims(zoned, headings, chapter_list, note_set.notes))
    return Structure(document=document, pages=tuple(zoned), chapters=tuple(chapter_list),
                     footnotes=note_set.notes, paragraphs=tuple(built.paragraphs), claims=tuple(built.claims),
                     links=tuple(built.links), unlinked_footnotes=tuple(built.unlinked),
                     notes_scheme=note_set.scheme, notes_placement=note_set.placement,
                     notes_restarts=note_set.restarts, markers_without_notes=built.markers_without_notes,
                     works=tuple(work_list), footnote_works=tuple(cited), citation_style=style)
