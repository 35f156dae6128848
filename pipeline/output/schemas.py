"""The output tables, declared once: the writer and the tests both use these schemas."""
from __future__ import annotations

import pyarrow as pa

_S, _I, _F, _B = pa.string(), pa.int32(), pa.float64(), pa.bool_()

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([
        ("doc_id", _S), ("source_path", _S), ("source_sha256", _S), ("title", _S), ("n_pages", _I),
        ("n_chapters", _I), ("n_footnotes", _I), ("n_claims", _I), ("encoding", _S), ("work", _S), ("edition", _S),
        ("source_format", _S), ("notes_scheme", _S), ("notes_placement", _S), ("citation_style", _S),
        ("source_date", pa.date32()), ("notes_restarts", pa.list_(_I)), ("markers_without_notes", _I),
    ]),
    "pages": pa.schema([
        ("doc_id", _S), ("page", _I), ("printed_page", _I), ("printed_page_inferred", _B), ("printed_label", _S),
        ("chapter_id", _S), ("body_text", _S), ("footnote_text", _S), ("removed_text", pa.list_(_S)),
    ]),
    "chapters": pa.schema([
        ("doc_id", _S), ("chapter_id", _S), ("seq", _I), ("title", _S), ("start_page", _I), ("end_page", _I),
        ("n_footnotes", _I),
    ]),
    "paragraphs": pa.schema([
        ("doc_id", _S), ("paragraph_id", _S), ("chapter_id", _S), ("seq", _I), ("start_page", _I),
        ("end_page", _I), ("text", _S),
    ]),
    "claims": pa.schema([
        ("doc_id", _S), ("claim_id", _S), ("paragraph_id", _S), ("chapter_id", _S), ("page", _I), ("seq", _I),
        ("text", _S),
    ]),
    "footnotes": pa.schema([
        ("doc_id", _S), ("footnote_id", _S), ("number", _I), ("page", _I), ("end_page", _I), ("text", _S),
        ("raw_text", _S), ("url", _S), ("year", _I), ("authors", pa.list_(_S)), ("title", _S), ("publisher", _S),
        ("cited_pages", _S), ("kind", _S), ("number_in_text", _B), ("marker_found", _B),
        ("authors_canonical", pa.list_(_S)), ("scope", _S), ("chapter_id", _S), ("placement", _S), ("symbol", _S),
        ("series", _I),
    ]),
    "works": pa.schema([
        ("doc_id", _S), ("work_id", _S), ("kind", _S), ("authors", pa.list_(_S)), ("title", _S), ("container", _S),
        ("year", _I), ("publisher", _S), ("place", _S), ("url", _S), ("url_domain", _S), ("url_suspect", _S),
        ("volume", _S), ("issue", _S), ("editors", pa.list_(_S)), ("n_citations", _I), ("first_footnote", _I),
    ]),
    "footnote_works": pa.schema([
        ("doc_id", _S), ("footnote_id", _S), ("seq", _I), ("work_id", _S), ("cited_pages", _S), ("form", _S),
        ("style", _S), ("text", _S), ("unparsed", _S),
    ]),
    "claim_footnotes": pa.schema([
        ("doc_id", _S), ("claim_id", _S), ("footnote_id", _S), ("footnote_number", _I), ("page", _I),
        ("method", _S), ("confidence", _F),
    ]),
    "entities": pa.schema([
        ("doc_id", _S), ("mention_id", _S), ("claim_id", _S), ("page", _I), ("start_char", _I), ("end_char", _I),
        ("text", _S), ("label", _S), ("canonical", _S), ("iso3", _S), ("entity_id", _S),
        ("country_iso3", pa.list_(_S)),
    ]),
    "entity_catalog": pa.schema([
        ("doc_id", _S), ("entity_id", _S), ("label", _S), ("canonical", _S), ("iso3", _S),
        ("aliases", pa.list_(_S)), ("n_mentions", _I), ("first_page", _I), ("country_iso3", pa.list_(_S)),
    ]),
    "dates": pa.schema([
        ("doc_id", _S), ("mention_id", _S), ("claim_id", _S), ("page", _I), ("start_char", _I), ("end_char", _I),
        ("text", _S), ("start", pa.date32()), ("end", pa.date32()), ("grain", _S), ("mod", _S), ("relative", _B),
    ]),
    "edition_diff": pa.schema([
        ("doc_id", _S), ("diff_id", _S), ("doc_id_old", _S), ("doc_id_new", _S), ("level", _S), ("status", _S),
        ("old_id", _S), ("new_id", _S), ("similarity", _F), ("old_text", _S), ("new_text", _S),
    ]),
    "money": pa.schema([
        ("doc_id", _S), ("mention_id", _S), ("claim_id", _S), ("page", _I), ("start_char", _I), ("end_char", _I),
        ("text", _S), ("value", _F), ("min", _F), ("max", _F), ("currency", _S), ("qualifier", _S),
    ]),
}

# columns that must never be null, and the columns that identify a row
KEYS: dict[str, tuple[str, ...]] = {
    "documents": ("doc_id",),
    "pages": ("doc_id", "page"),
    "chapters": ("doc_id", "chapter_id"),
    "paragraphs": ("doc_id", "paragraph_id"),
    "claims": ("doc_id", "claim_id"),
    "footnotes": ("doc_id", "footnote_id"),
    "claim_footnotes": ("doc_id", "claim_id", "footnote_id"),
    "works": ("doc_id", "work_id"),
    "footnote_works": ("doc_id", "footnote_id", "seq"),
    "entities": ("doc_id", "mention_id"),
    "entity_catalog": ("doc_id", "entity_id"),
    "dates": ("doc_id", "mention_id"),
    "money": ("doc_id", "mention_id"),
    "edition_diff": ("doc_id", "diff_id"),
}
