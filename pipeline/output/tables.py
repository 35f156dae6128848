"""Records to Parquet tables, validated, written to a temporary folder and swapped in."""
from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .bibliography import write_bibliographies
from .editions import edition_diff_rows, find_editions
from ..ids import normalise_for_id, stable_id
from ..progress import progress
from ..records import Structure
from .schemas import KEYS, SCHEMAS


class ValidationError(ValueError):
    """A table broke the declared schema or the links between tables."""


def structure_rows(structure: Structure, nlp_rows: dict[str, list[dict]] | None = None) -> dict[str, list[dict]]:
    doc = structure.document
    chapter_of_page = {}
    for c in structure.chapters:
        for p in range(c.start_page, c.end_page + 1):
            chapter_of_page[p] = c.chapter_id
    footnotes_per_chapter: dict[str, int] = {}
    claim_chapter = {c.claim_id: c.chapter_id for c in structure.claims}
    for link in structure.links:
        ch = claim_chapter.get(link.claim_id)
        if ch:
            footnotes_per_chapter[ch] = footnotes_per_chapter.get(ch, 0) + 1
    linked = {l.footnote_id for l in structure.links}
    rows: dict[str, list[dict]] = {
        "documents": [{
            "doc_id": doc.doc_id, "source_path": doc.source_path, "source_sha256": doc.source_sha256,
            "title": doc.title, "n_pages": len(structure.pages), "n_chapters": len(structure.chapters),
            "n_footnotes": len(structure.footnotes), "n_claims": len(structure.claims),
            "encoding": doc.encoding, "work": normalise_for_id(doc.title), "edition": doc.edition,
            "source_format": doc.kind, "notes_scheme": structure.notes_scheme,
            "notes_placement": structure.notes_placement,
            "citation_style": structure.citation_style,
            "source_date": doc.source_date, "notes_restarts": list(structure.notes_restarts),
            "markers_without_notes": structure.markers_without_notes,
        }],
        "pages": [{
            "doc_id": p.doc_id, "page": p.page, "printed_page": p.printed_page,
            "printed_page_inferred": p.printed_page_inferred, "printed_label": p.printed_label,
            "chapter_id": chapter_of_page.get(p.page),
            "body_text": p.body_text, "footnote_text": p.footnote_text, "removed_text": list(p.removed),
        } for p in structure.pages],
        "chapters": [dict(dataclasses.asdict(c), n_footnotes=footnotes_per_chapter.get(c.chapter_id, 0))
                     for c in structure.chapters],
        "paragraphs": [dataclasses.asdict(p) for p in structure.paragraphs],
        "claims": [dataclasses.asdict(c) for c in structure.claims],
        "footnotes": [dict(dataclasses.asdict(f), authors=list(f.authors), marker_found=f.footnote_id in linked,
                           authors_canonical=list(f.authors_canonical))
                      for f in structure.footnotes],
        "claim_footnotes": [dataclasses.asdict(l) for l in structure.links],
        "works": [dict(dataclasses.asdict(w), authors=list(w.authors), editors=list(w.editors))
                  for w in structure.works],
        "footnote_works": [dataclasses.asdict(c) for c in structure.footnote_works],
    }
    for name in ("entities", "entity_catalog", "dates", "money"):
        rows[name] = list((nlp_rows or {}).get(name, []))
    return rows


def read_document_rows(output_dir: Path) -> dict[str, dict[str, list[dict]]]:
    """The rows of every document already in `output_dir`, by doc_id, as `structure_rows` gives
    them (the edition diff is derived, so it is left out); {} when there is no complete output."""
    output_dir = Path(output_dir)
    names = [n for n in SCHEMAS if n != "edition_diff"]
    if not all((output_dir / f"{n}.parquet").exists() for n in names):
        return {}
    out: dict[str, dict[str, list[dict]]] = {}
    for name in names:
        try:
            table = pq.read_table(output_dir / f"{name}.parquet")
        except Exception:  # an output of another version of the tables: nothing to keep
            return {}
        if not table.schema.remove_metadata().equals(SCHEMAS[name]):
            return {}
        for row in table.to_pylist():
            out.setdefault(row["doc_id"], {n: [] for n in names})[name].append(row)
    return {doc_id: rows for doc_id, rows in out.items() if rows["documents"]}


def to_table(name: str, rows: Sequence[dict]) -> pa.Table:
    schema = SCHEMAS[name]
    columns = {f.name: [_cell(r.get(f.name), f.type) for r in rows] for f in schema}
    return pa.table(columns, schema=schema)


def _cell(value, type_):
    if value is not None and pa.types.is_date32(type_) and isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


def validate(tables: dict[str, pa.Table]) -> None:
    """Declared types, non-null unique keys, references between tables, pages in range."""
    for name, table in tables.items():
        if not table.schema.equals(SCHEMAS[name]):
            raise ValidationError(f"{name}: schema differs from the declared one")
        keys = KEYS[name]
        for k in keys:
            if table.column(k).null_count:
                raise ValidationError(f"{name}: null {k}")
        seen = set(zip(*(table.column(k).to_pylist() for k in keys))) if table.num_rows else set()
        if len(seen) != table.num_rows:
            raise ValidationError(f"{name}: duplicate key {keys}")
    claim_keys = set(zip(tables["claims"].column("doc_id").to_pylist(), tables["claims"].column("claim_id").to_pylist()))
    footnote_keys = set(zip(tables["footnotes"].column("doc_id").to_pylist(), tables["footnotes"].column("footnote_id").to_pylist()))
    links = tables["claim_footnotes"]
    for doc, claim, fid in zip(*(links.column(k).to_pylist() for k in ("doc_id", "claim_id", "footnote_id"))):
        if (doc, claim) not in claim_keys:
            raise ValidationError(f"claim_footnotes: unknown claim {claim} in {doc}")
        if (doc, fid) not in footnote_keys:
            raise ValidationError(f"claim_footnotes: unknown footnote {fid} in {doc}")
    work_keys = set(zip(tables["works"].column("doc_id").to_pylist(), tables["works"].column("work_id").to_pylist()))
    cited = tables["footnote_works"]
    for doc, fid, wid in zip(*(cited.column(k).to_pylist() for k in ("doc_id", "footnote_id", "work_id"))):
        if (doc, fid) not in footnote_keys:
            raise ValidationError(f"footnote_works: unknown footnote {fid} in {doc}")
        if (doc, wid) not in work_keys:
            raise ValidationError(f"footnote_works: unknown work {wid} in {doc}")
    for name in ("entities", "dates", "money"):
        t = tables[name]
        for doc, claim in zip(t.column("doc_id").to_pylist(), t.column("claim_id").to_pylist()):
            if (doc, claim) not in claim_keys:
                raise ValidationError(f"{name}: unknown claim {claim} in {doc}")
    catalogued = set(zip(tables["entity_catalog"].column("doc_id").to_pylist(),
                         tables["entity_catalog"].column("entity_id").to_pylist()))
    for doc, eid in zip(tables["entities"].column("doc_id").to_pylist(), tables["entities"].column("entity_id").to_pylist()):
        if (doc, eid) not in catalogued:
            raise ValidationError(f"entities: entity {eid} in {doc} is not in entity_catalog")
    n_pages = dict(zip(tables["documents"].column("doc_id").to_pylist(), tables["documents"].column("n_pages").to_pylist()))
    for name in ("claims", "footnotes", "entities", "dates", "money"):
        t = tables[name]
        for doc, page in zip(t.column("doc_id").to_pylist(), t.column("page").to_pylist()):
            if page is None or not 1 <= page <= n_pages.get(doc, 0):
                raise ValidationError(f"{name}: page {page} outside document {doc}")


def document_tables(rows: dict[str, list[dict]]) -> dict[str, pa.Table]:
    """One document's rows as its own tables, as they stand before the documents are merged
    (no edition diff): what its report section is rendered from where it was extracted."""
    return {name: to_table(name, rows.get(name, [])) for name in SCHEMAS}


def write_tables(rows_per_doc: Iterable[dict[str, list[dict]]], output_dir: Path,
                 pairs: Sequence[tuple[str, str]] = (),
                 extras: Callable[[dict[str, pa.Table], Path], None] | None = None,
                 log: Callable[[str], None] = lambda m: None) -> dict[str, pa.Table]:
    """Concatenate every document's rows, find the editions (told to `log`) and add their diff,
    validate, write to a temporary folder, swap it in."""
    rows_per_doc = list(rows_per_doc)
    merged: dict[str, list[dict]] = {name: [] for name in SCHEMAS}
    for rows in rows_per_doc:
        for name in SCHEMAS:
            merged[name].extend(rows.get(name, []))
    editions = find_editions(rows_per_doc, pairs)
    for line in editions.messages:
        log(line)
    merged["documents"] = [dict(d, work=editions.works.get(d["doc_id"], d["work"])) for d in merged["documents"]]
    merged["edition_diff"] = [dict(r, diff_id=stable_id(r["doc_id_old"], r["doc_id_new"], r["level"],
                                                        r["old_id"] or "", r["new_id"] or ""))
                              for r in edition_diff_rows(rows_per_doc, editions=editions)]
    tables = {name: to_table(name, merged[name]) for name in SCHEMAS}
    validate(tables)
    output_dir = Path(output_dir)
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output_dir.name}.tmp-", dir=output_dir.parent))
    try:
        for name, table in progress(tables.items(), total=len(tables), desc="writing", unit="table"):
            pq.write_table(table, staging / f"{name}.parquet", compression="zstd")
        write_bibliographies(tables, staging)  # the works as CSL-JSON and BibTeX, beside the tables
        if extras:  # the report, written beside the tables so it swaps in with them
            extras(tables, staging)
        _swap_in(staging, output_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return tables


def _swap_in(staging: Path, output_dir: Path) -> None:
    """Replace output_dir by staging; a reader sees either the old or the new complete folder."""
    old = output_dir.with_name(f".{output_dir.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if output_dir.exists():
        os.replace(output_dir, old)
    os.replace(staging, output_dir)
    shutil.rmtree(old, ignore_errors=True)
