"""Chains the stages for each document and caches stage outputs in interim/ by content hash."""
from __future__ import annotations

import dataclasses
import hashlib
import inspect
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import chapters, claims, countries, dates, entities, footnotes, mentions, money, nlp, pages, parse, pdf, report, tables
from . import editions as editions_module
from . import schemas as schemas_module
from .parse import InputError
from .progress import progress
from .records import Structure, SourceDocument

STAGE_MODULES = (parse, pdf, pages, footnotes, chapters, claims)
MENTION_MODULES = (mentions, money, dates, entities, countries)


@dataclass(frozen=True)
class RunResult:
    documents: tuple[str, ...]
    failures: tuple[str, ...]
    computed: tuple[str, ...]  # "doc_id:stage" recomputed in this run
    seconds: tuple[tuple[str, float], ...] = ()  # (stage, seconds) summed over documents, in run order
    nlp_words: int = 0  # words that went through spaCy in this run


class StageTimer:
    """Seconds per stage, summed over documents: what `make bench` reports."""

    def __init__(self):
        self.seconds: dict[str, float] = {}

    def __call__(self, stage: str, compute: Callable[[], object]) -> object:
        started = time.perf_counter()
        try:
            return compute()
        finally:
            self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - started


def _untimed(stage: str, compute: Callable[[], object]) -> object:
    return compute()


def code_version(*modules) -> str:
    h = hashlib.sha256()
    for module in modules:
        h.update(inspect.getsource(module).encode("utf-8"))
    return h.hexdigest()[:16]


def content_hash(texts: Sequence[str]) -> str:
    h = hashlib.sha256()
    for t in texts:
        h.update(t.encode("utf-8"))
        h.update(b"\x1e")
    return h.hexdigest()[:24]


def mention_tables(structure: Structure, spans, timed=_untimed) -> dict[str, list[dict]]:
    """Money, dates and entities of the claims, as table rows."""
    entity_list = timed("entities", lambda: entities.entity_mentions(structure.claims, spans))
    money_list = timed("money", lambda: mentions.money_mentions(structure.claims))
    date_list = timed("dates", lambda: mentions.date_mentions(structure.claims, structure.links, structure.footnotes))
    return {
        "money": [dataclasses.asdict(m) for m in money_list],
        "dates": [dataclasses.asdict(m) for m in date_list],
        "entities": [dataclasses.asdict(m) for m in entity_list],
        "entity_catalog": entities.catalog_rows(entity_list),
    }


def extract_structure(document: SourceDocument, timed=_untimed) -> Structure:
    """The text stages: one document in, its structure out (`timed` only measures). A PDF's
    pages come from its layout (pdf.py); everything after the pages is shared."""
    if document.kind == "pdf":
        pdf_pages = timed("pdf", lambda: pdf.read_pdf_pages(Path(document.source_path)))
        zoned, heading_pages, start_after = timed("pages", lambda: pdf.layout_pages(pdf_pages, document.doc_id))
        zoned = pages.fill_printed_pages(zoned)
    else:
        raw_pages = timed("pages", lambda: pages.split_pages(document))
        zoned = timed("pages", lambda: pages.zone_pages(raw_pages))
        heading_pages, start_after = None, 0
    notes = timed("footnotes", lambda: footnotes.collect_footnotes(zoned, start_after=start_after))
    headings = timed("chapters", lambda: chapters.find_headings(zoned))
    if heading_pages is not None:  # the layout confirms: a heading is set in larger or bold type
        headings = [h for h in headings if h.page in heading_pages]
    chapter_list = timed("chapters", lambda: chapters.build_chapters(zoned, headings))
    paragraphs, claim_list, links, unlinked = timed(
        "claims", lambda: claims.build_claims(zoned, headings, chapter_list, notes))
    return Structure(document=document, pages=tuple(zoned), chapters=tuple(chapter_list),
                     footnotes=tuple(notes), paragraphs=tuple(paragraphs), claims=tuple(claim_list),
                     links=tuple(links), unlinked_footnotes=tuple(unlinked))


class Cache:
    """Pickled stage outputs under interim/, keyed by input hash, stage code and settings."""

    def __init__(self, root: Path, *, enabled: bool = True, recompute: str | None = None):
        self.root = Path(root)
        self.enabled = enabled
        self.recompute = recompute  # one stage to compute afresh even when cached

    def get_or_compute(self, stage: str, key: str, compute: Callable[[], object], computed: list[str]) -> object:
        path = self.root / stage / f"{key}.pkl"
        if self.enabled and stage != self.recompute and path.exists():
            try:
                with open(path, "rb") as fh:
                    return pickle.load(fh)
            except Exception:
                pass  # a damaged entry is recomputed
        value = compute()
        computed.append(stage)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # atomic: a killed run never leaves half an entry
        return value


FINGERPRINT_FILE = ".fingerprint"


def run_fingerprint(documents: Sequence[SourceDocument], pairs, *versions: str) -> str:
    """What a run's output depends on: the inputs, the code, the model and the options."""
    h = hashlib.sha256()
    for d in documents:
        h.update(f"{d.doc_id}\x1f{d.source_path}\x1f{d.source_sha256}\x1e".encode())
    h.update(repr(sorted(pairs)).encode())
    h.update("\x1f".join(versions).encode())
    h.update(code_version(tables, report, schemas_module, editions_module).encode())
    h.update(nlp.model_version().encode())
    return h.hexdigest()


def _up_to_date(output_dir: Path, fingerprint: str) -> bool:
    """output/ was written from these very inputs, code and options, and is complete."""
    stamp = Path(output_dir) / FINGERPRINT_FILE
    try:
        if stamp.read_text() != fingerprint:
            return False
    except OSError:
        return False
    return all((Path(output_dir) / f"{name}.parquet").exists() for name in schemas_module.SCHEMAS) \
        and (Path(output_dir) / "report.html").exists()


def _write_report(written: dict, folder: Path, fingerprint: str | None) -> None:
    """The report beside the tables; the fingerprint only when every input was extracted, so a
    failed input is tried again on the next run."""
    report.write_report(written, folder / "report.html")
    if fingerprint is not None:
        (folder / FINGERPRINT_FILE).write_text(fingerprint)


def discover(raw_dir: Path) -> list[Path]:
    return sorted(p for p in Path(raw_dir).iterdir() if p.is_file() and not p.name.startswith("."))


# the cached stages, and the steps each one holds (`--only` takes either name)
CACHED_STAGES = {"structure": ("read", "pages", "footnotes", "chapters", "claims"), "ner": ("ner", "nlp"),
                 "mentions": ("mentions", "entities", "dates", "money")}


def cached_stage(name: str) -> str:
    for stage, steps in CACHED_STAGES.items():
        if name == stage or name in steps:
            return stage
    raise ValueError(f"unknown stage {name!r}: one of {', '.join(s for steps in CACHED_STAGES.values() for s in steps)}")


def run(paths: Sequence[Path], *, output_dir: Path, interim_dir: Path, force: bool = False,
        only: str | None = None, pairs: Sequence[tuple[str, str]] = (),
        log: Callable[[str], None] = lambda m: print(m, file=sys.stderr)) -> RunResult:
    """Extract `paths` into `output_dir`. `force` recomputes every stage; `only` recomputes one
    stage and takes the others from the cache; `pairs` names (old, new) editions to diff
    beyond those paired by title."""
    cache = Cache(interim_dir, enabled=not force, recompute=cached_stage(only) if only else None)
    structure_version = code_version(*STAGE_MODULES)
    mention_version = code_version(*MENTION_MODULES)
    rows_per_doc = []
    done, failures, computed = [], [], []
    timed, nlp_words = StageTimer(), 0
    documents = []
    for path in paths:
        try:
            documents.append(timed("read", lambda: parse.read_document(path)))
        except InputError as err:
            failures.append(str(err))
            log(f"error: {err}")
    fingerprint = run_fingerprint(documents, pairs, structure_version, mention_version)
    if not force and not only and _up_to_date(output_dir, fingerprint):
        log(f"{output_dir} is up to date: nothing changed since it was written")
        return RunResult(tuple(d.doc_id for d in documents), tuple(failures), (), tuple(timed.seconds.items()), 0)
    for document in progress(documents, desc="documents", unit="doc"):
        stages: list[str] = []
        structure = cache.get_or_compute(
            "structure", f"{document.source_sha256[:24]}-{structure_version}",
            lambda: extract_structure(document, timed), stages)
        if structure.document.source_path != document.source_path or structure.document.doc_id != document.doc_id:
            structure = Structure(**{**structure.__dict__, "document": document})
        claim_texts = [c.text for c in structure.claims]
        ner_key = f"{content_hash(claim_texts)}-{nlp.model_version()}-{code_version(nlp)}"
        spans = cache.get_or_compute("ner", ner_key, lambda: timed("ner", lambda: nlp.ner_spans(claim_texts)), stages)
        if "ner" in stages:
            nlp_words += nlp.count_words(claim_texts)
        mention_rows = cache.get_or_compute(
            "mentions", f"{document.source_sha256[:24]}-{structure_version}-{ner_key}-{mention_version}",
            lambda: mention_tables(structure, spans, timed), stages)
        rows_per_doc.append(tables.structure_rows(structure, mention_rows))
        computed.extend(f"{document.doc_id}:{s}" for s in stages)
        done.append(document.doc_id)
        if document.encoding not in ("utf-8", "utf-8-sig"):
            log(f"note: {document.source_path}: not UTF-8, read as {document.encoding}")
        if not structure.footnotes:
            log(f"note: {document.source_path}: no footnotes found; pages, chapters and claims extracted without them")
        if not structure.chapters:
            log(f"note: {document.source_path}: no chapter headings found; claims have no chapter")
        log(f"{document.doc_id}: {len(structure.pages)} pages, {len(structure.chapters)} chapters, "
            f"{len(structure.footnotes)} footnotes, {len(structure.claims)} claims, "
            f"{len(structure.links)} links ({len(structure.unlinked_footnotes)} footnotes without a marker)")
    if rows_per_doc:
        try:
            stamp = None if failures else fingerprint
            timed("write", lambda: tables.write_tables(rows_per_doc, output_dir, pairs,
                                                       extras=lambda t, folder: _write_report(t, folder, stamp)))
            log(f"wrote {output_dir}")
        except tables.ValidationError as err:  # the previous output/ stays as it was
            failures.append(f"output not written: {err}")
            log(f"error: output not written, {output_dir} left as it was: {err}")
    return RunResult(tuple(done), tuple(failures), tuple(computed), tuple(timed.seconds.items()), nlp_words)
