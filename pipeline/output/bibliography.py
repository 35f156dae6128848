"""The `works` table as bibliographies: CSL-JSON (Zotero, Pandoc, citeproc) and BibTeX.

The writer puts one pair per document beside the tables, `output/bibliography/<doc_id>.csl.json`
and `<doc_id>.bib` (they swap in with the folder); from a notebook:

    from pipeline.output import bibliography
    works = pipeline.load("output")["works"]
    items = bibliography.csl_items(works.to_dict("records"))     # list of CSL-JSON dicts
    text = bibliography.bibtex(works.to_dict("records"))         # a .bib file's text

Each entry's id (the BibTeX key) is the work's `work_id`. Names are split at the comma of
"Family, Given"; a name without one (an organisation, a bare surname) is kept whole (CSL
`literal`, BibTeX in braces). The tests read both files back (citeproc-py, bibtexparser) and
compare authors, title, year and URL.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pyarrow as pa

BIBLIOGRAPHY_DIR = "bibliography"

CSL_TYPE = {"book": "book", "chapter": "chapter", "web": "webpage", "case": "legal_case",
            "legislation": "legislation", "archive": "manuscript", "other": "document"}
BIBTEX_TYPE = {"book": "book", "article": "article", "chapter": "incollection", "web": "online",
               "case": "misc", "legislation": "misc", "archive": "unpublished", "other": "misc"}
LATEX_SPECIALS = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
                  "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
RE_LATEX_SPECIAL = re.compile("|".join(re.escape(c) for c in LATEX_SPECIALS))


def csl_name(name: str) -> dict:
    family, sep, given = name.partition(",")
    if not sep:
        return {"literal": name.strip()}
    out = {"family": family.strip()}
    if given.strip():
        out["given"] = given.strip()
    return out


def csl_type(work: Mapping) -> str:
    if work.get("kind") == "article":
        return "article-journal" if work.get("volume") else "article-newspaper"
    return CSL_TYPE.get(work.get("kind") or "other", "document")


def csl_item(work: Mapping) -> dict:
    """One work as a CSL-JSON item."""
    item: dict = {"id": work["work_id"], "type": csl_type(work)}
    if work.get("authors") is not None and len(work["authors"]):
        item["author"] = [csl_name(a) for a in work["authors"]]
    if work.get("editors") is not None and len(work["editors"]):
        item["editor"] = [csl_name(a) for a in work["editors"]]
    for key, field in (("title", "title"), ("container-title", "container"), ("publisher", "publisher"),
                       ("publisher-place", "place"), ("URL", "url"), ("volume", "volume"), ("issue", "issue")):
        value = work.get(field)
        if value is not None and value == value:  # NaN from a DataFrame is missing too
            item[key] = str(value)
    year = work.get("year")
    if year is not None and year == year:
        item["issued"] = {"date-parts": [[int(year)]]}
    return item


def csl_items(works: Iterable[Mapping]) -> list[dict]:
    return [csl_item(w) for w in works]


def latex_escape(text: str) -> str:
    return RE_LATEX_SPECIAL.sub(lambda m: LATEX_SPECIALS[m.group(0)], text)


def _bibtex_name(name: str) -> str:
    if "," not in name:
        return "{" + latex_escape(name.strip()) + "}"  # an organisation: never split into parts
    family, _, given = name.partition(",")
    return f"{{{latex_escape(family.strip())}}}, {latex_escape(given.strip())}" if given.strip() else \
        "{" + latex_escape(family.strip()) + "}"


def bibtex_entry(work: Mapping) -> str:
    kind = work.get("kind") or "other"
    fields: list[tuple[str, str]] = []
    if work.get("authors") is not None and len(work["authors"]):
        fields.append(("author", " and ".join(_bibtex_name(a) for a in work["authors"])))
    if work.get("editors") is not None and len(work["editors"]):
        fields.append(("editor", " and ".join(_bibtex_name(a) for a in work["editors"])))
    if work.get("title"):
        fields.append(("title", "{" + latex_escape(work["title"]) + "}"))  # case kept as printed
    container = work.get("container")
    if container:
        name = {"article": "journal", "chapter": "booktitle"}.get(kind, "howpublished")
        fields.append((name, latex_escape(container)))
    year = work.get("year")
    if year is not None and year == year:
        fields.append(("year", str(int(year))))
    for name, field in (("publisher", "publisher"), ("address", "place"), ("volume", "volume"), ("number", "issue")):
        value = work.get(field)
        if value is not None and value == value:
            fields.append((name, latex_escape(str(value))))
    if work.get("url"):
        fields.append(("url", work["url"].replace("{", "%7B").replace("}", "%7D")))
    if kind in ("case", "legislation"):
        fields.append(("note", kind))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{BIBTEX_TYPE.get(kind, 'misc')}{{{work['work_id']},\n{body}\n}}\n"


def bibtex(works: Iterable[Mapping]) -> str:
    return "\n".join(bibtex_entry(w) for w in works)


def write_bibliographies(tables: Mapping[str, pa.Table], folder: Path) -> list[Path]:
    """`bibliography/<doc_id>.csl.json` and `.bib` for every document of the run."""
    works = tables["works"].to_pylist() if "works" in tables else []
    out_dir = Path(folder) / BIBLIOGRAPHY_DIR
    out_dir.mkdir(parents=True, exist_ok=True)
    by_doc: dict[str, list[dict]] = {}
    for w in works:
        by_doc.setdefault(w["doc_id"], []).append(w)
    written = []
    doc_ids: Sequence[str] = tables["documents"].column("doc_id").to_pylist() if "documents" in tables else []
    for doc_id in sorted(set(doc_ids) | set(by_doc)):
        rows = by_doc.get(doc_id, [])
        csl = out_dir / f"{doc_id}.csl.json"
        csl.write_text(json.dumps(csl_items(rows), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        bib = out_dir / f"{doc_id}.bib"
        bib.write_text(bibtex(rows), encoding="utf-8")
        written += [csl, bib]
    return written
