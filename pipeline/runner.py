"""Chains the stages for each document and caches stage outputs in interim/.

A stage's cache key is the document (its bytes and its name), the model version and the code
the stage runs: the source of every module it imports, found by walking the imports from the
stage's entry module, and the data files of the packages it visits. Nothing is listed by hand,
so an edit to any module a stage depends on (ids.py, records.py, a pattern file) recomputes it.
"""
from __future__ import annotations

import ast
import contextlib
import dataclasses
import hashlib
import os
import pickle
import re
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import corpus
from .mentions import mention_rows
from .mentions import ner
from .output import report, tables
from .output.schemas import SCHEMAS
from .progress import progress
from .read.documents import InputError, read_document
from .read import pdf
from .read.names import doc_id_for
from .records import SourceDocument, Structure
from .structure import extract_structure

PACKAGE_ROOT = Path(__file__).resolve().parent
PACKAGE = PACKAGE_ROOT.name
# the entry module of each cached stage, and of the writer (its fingerprint covers the output)
STRUCTURE_ENTRY = (f"{PACKAGE}.read.documents", f"{PACKAGE}.structure")  # the decoded text, then its structure
NER_ENTRY = (f"{PACKAGE}.mentions.ner",)
MENTIONS_ENTRY = (f"{PACKAGE}.mentions",)
OUTPUT_ENTRY = (f"{PACKAGE}.runner",)


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


def _module_file(name: str) -> Path | None:
    """The source file of a module of this package, by dotted name."""
    parts = name.split(".")
    if parts[0] != PACKAGE:
        return None
    base = PACKAGE_ROOT.joinpath(*parts[1:])
    for candidate in (base / "__init__.py", base.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


def _imported_modules(name: str, path: Path) -> set[str]:
    """Dotted names of this package's modules imported anywhere in `path` (functions included)."""
    is_package = path.name == "__init__.py"
    package_parts = name.split(".") if is_package else name.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == PACKAGE)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package_parts[: len(package_parts) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            if module.split(".")[0] != PACKAGE:
                continue
            found.add(module)
            found.update(f"{module}.{a.name}" for a in node.names)  # `from . import notes`
    # importing a.b.c runs a/__init__ and a/b/__init__ too
    for module in list(found):
        parts = module.split(".")
        found.update(".".join(parts[:k]) for k in range(2, len(parts)))
    return {m for m in found if _module_file(m) is not None}


@lru_cache(maxsize=1)
def dependency_versions() -> str:
    """The installed versions of the project's runtime dependencies (from its own metadata)."""
    from importlib import metadata
    try:
        requirements = metadata.requires("monograph-extraction") or []
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return ""
    out = []
    for requirement in requirements:
        if "extra ==" in requirement:
            continue
        name = re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0]
        try:
            out.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            out.append(f"{name}==?")
    return "\n".join(sorted(out))


@lru_cache(maxsize=None)
def code_version(entries: tuple[str, ...]) -> str:
    """Hash of the source of the `entries` and of every module of the package they import,
    directly or not, and of the data files (anything but Python) in the folders of the packages
    visited."""
    seen: set[str] = set()
    todo = list(entries)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        path = _module_file(name)
        if path is not None:
            todo.extend(_imported_modules(name, path) - seen)
    files = {_module_file(m) for m in seen} - {None}
    for folder in {f.parent for f in files if f.name == "__init__.py" and f.parent != PACKAGE_ROOT}:
        files.update(p for p in folder.rglob("*") if p.is_file() and p.suffix not in (".py", ".pyc")
                     and "__pycache__" not in p.parts)
    h = hashlib.sha256()
    h.update(dependency_versions().encode())  # the data libraries carry (GeoNames, CLDR) is code too
    for path in sorted(files):
        h.update(str(path.relative_to(PACKAGE_ROOT)).encode())
        h.update(b"\x1f")
        h.update(path.read_bytes())
        h.update(b"\x1e")
    return h.hexdigest()[:16]


def content_hash(texts: Sequence[str]) -> str:
    h = hashlib.sha256()
    for t in texts:
        h.update(t.encode("utf-8"))
        h.update(b"\x1e")
    return h.hexdigest()[:24]


class Cache:
    """Pickled stage outputs under interim/, keyed by content, name, code and settings. Entries
    are written to a temporary file and renamed into place, so concurrent writers (the workers of
    a corpus run computing one key) and killed runs never leave half an entry: whoever renames
    last wins, and both wrote the same content."""

    MISSING = object()

    def __init__(self, root: Path, *, enabled: bool = True, recompute: str | None = None):
        self.root = Path(root)
        self.enabled = enabled
        self.recompute = recompute  # one stage to compute afresh even when cached

    def get(self, stage: str, key: str) -> object:
        """The cached value, or Cache.MISSING (also for a damaged entry, or one to recompute)."""
        path = self.root / stage / f"{key}.pkl"
        if self.enabled and stage != self.recompute:
            try:
                with open(path, "rb") as fh:
                    return pickle.load(fh)
            except FileNotFoundError:
                pass
            except Exception:
                pass  # a damaged entry is recomputed
        return Cache.MISSING

    def get_or_compute(self, stage: str, key: str, compute: Callable[[], object], computed: list[str]) -> object:
        value = self.get(stage, key)
        if value is not Cache.MISSING:
            return value
        value = compute()
        computed.append(stage)
        self.put(stage, key, value)
        return value

    def put(self, stage: str, key: str, value: object) -> None:
        path = self.root / stage / f"{key}.pkl"
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise


class _NotCached(Exception):
    """A stage output that is not in the cache, where only cached outputs were asked for."""


def _key(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


FINGERPRINT_FILE = ".fingerprint"


def run_fingerprint(documents: Sequence[tuple[str, str, str]], pairs, *versions: str) -> str:
    """What a run's output depends on: the (doc_id, path, sha256) of its documents, the code,
    the model and the options."""
    h = hashlib.sha256()
    for doc_id, path, sha in sorted(documents):
        h.update(f"{doc_id}\x1f{path}\x1f{sha}\x1e".encode())
    h.update(repr(sorted(pairs)).encode())
    h.update("\x1f".join(versions).encode())
    h.update(code_version(OUTPUT_ENTRY).encode())
    h.update(ner.model_version().encode())
    return h.hexdigest()


def _up_to_date(output_dir: Path, fingerprint: str) -> bool:
    """output/ was written from these very inputs, code and options, and is complete."""
    stamp = Path(output_dir) / FINGERPRINT_FILE
    try:
        if stamp.read_text() != fingerprint:
            return False
    except OSError:
        return False
    return all((Path(output_dir) / f"{name}.parquet").exists() for name in SCHEMAS) \
        and (Path(output_dir) / "report.html").exists()


def _write_report(written: dict, folder: Path, fingerprint: str | None,
                  sections: Mapping[str, tuple[str, Sequence[str]]] | None = None) -> None:
    """The report beside the tables (`sections`: those rendered where their documents were
    extracted); the fingerprint only when every input was extracted, so a failed input is tried
    again on the next run."""
    report.write_report(written, folder / "report.html", sections)
    if fingerprint is not None:
        (folder / FINGERPRINT_FILE).write_text(fingerprint)


def discover(raw_dir: Path) -> list[Path]:
    return sorted(p for p in Path(raw_dir).iterdir() if p.is_file() and not p.name.startswith("."))


def assign_doc_ids(documents: Sequence[SourceDocument],
                   taken: dict[str, str] | None = None) -> list[SourceDocument]:
    """Distinct doc_ids from the file names. Documents whose names give one id (`book.txt` and
    `book.pdf`) each get their format as a suffix (`book-txt`, `book-pdf`), and a number where
    that is not enough; a new document whose id is held by a document kept in output/ (`taken`:
    doc_id -> sha256) with other content is suffixed the same way."""
    taken = dict(taken or {})
    groups: dict[str, list[SourceDocument]] = {}
    for d in documents:
        groups.setdefault(d.doc_id, []).append(d)
    out: dict[int, SourceDocument] = {}
    used = set(taken)
    for doc_id, group in groups.items():
        clash = len(group) > 1 or (doc_id in taken and taken[doc_id] != group[0].source_sha256)
        for d in sorted(group, key=lambda d: d.source_path):
            new_id = doc_id
            if clash:
                new_id = f"{doc_id}-{Path(d.source_path).suffix.lstrip('.').lower() or 'file'}"
                k = 2
                while new_id in used or new_id in groups:
                    new_id = f"{doc_id}-{Path(d.source_path).suffix.lstrip('.').lower() or 'file'}-{k}"
                    k += 1
            used.add(new_id)
            out[id(d)] = dataclasses.replace(d, doc_id=new_id) if new_id != d.doc_id else d
    return [out[id(d)] for d in documents]


# the cached stages, and the steps each one holds (`--only` takes either name)
CACHED_STAGES = {"structure": ("read", "pages", "footnotes", "chapters", "claims"), "ner": ("ner", "nlp"),
                 "mentions": ("mentions", "entities", "dates", "money")}


def cached_stage(name: str) -> str:
    for stage, steps in CACHED_STAGES.items():
        if name == stage or name in steps:
            return stage
    raise ValueError(f"unknown stage {name!r}: one of {', '.join(s for steps in CACHED_STAGES.values() for s in steps)}")


def extract_document(document: SourceDocument, cache: Cache,
                     timed: Callable[[str, Callable[[], object]], object] | None = None, *,
                     compute: bool = True) -> tuple[dict, list[str], int, Structure]:
    """One document through the cached stages: its table rows, the stages recomputed, the words
    spaCy read and the structure. With `compute` false, only from the cache (_NotCached if a
    stage is not there)."""
    timed = timed or StageTimer()
    stages: list[str] = []

    def stage(name: str, key: str, make: Callable[[], object]) -> object:
        if compute:
            return cache.get_or_compute(name, key, make, stages)
        value = cache.get(name, key)
        if value is Cache.MISSING:
            raise _NotCached(name)
        return value

    name_key = f"{document.doc_id}\x1f{document.source_path}"
    structure = stage("structure", _key(document.source_sha256, name_key, code_version(STRUCTURE_ENTRY)),
                      lambda: extract_structure(document, timed))
    claim_texts = [c.text for c in structure.claims]
    ner_key = _key(content_hash(claim_texts), ner.model_version(), code_version(NER_ENTRY))
    spans = stage("ner", ner_key, lambda: timed("ner", lambda: ner.ner_spans(claim_texts)))
    words = ner.count_words(claim_texts) if "ner" in stages else 0
    mention_table_rows = stage(
        "mentions", _key(document.source_sha256, name_key, code_version(STRUCTURE_ENTRY), ner_key,
                         code_version(MENTIONS_ENTRY)),
        lambda: mention_rows(structure, spans, timed))
    return tables.structure_rows(structure, mention_table_rows), stages, words, structure


@contextlib.contextmanager
def single_process():
    """While several documents share the machine: each one's PDF pages and spaCy pass in this
    process, none of their own."""
    saved = pdf.PAGE_PROCESSES, ner.MAX_PROCESSES
    pdf.PAGE_PROCESSES, ner.MAX_PROCESSES = 1, 1
    try:
        yield
    finally:
        pdf.PAGE_PROCESSES, ner.MAX_PROCESSES = saved


def extract_outcome(document: SourceDocument, cache: Cache, *, compute: bool = True) -> corpus.Outcome | None:
    """One document's rows and what the run says about it, or the one line saying why it failed
    (None where `compute` is false and a stage is not cached)."""
    timer = StageTimer()
    try:
        rows, stages, words, structure = extract_document(document, cache, timer, compute=compute)
    except _NotCached:
        return None
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as err:  # named, and the other documents are still written
        return corpus.Outcome(document, error=f"{document.source_path}: {type(err).__name__}: {err}")
    return corpus.Outcome(document, rows=rows, stages=tuple(stages), words=words,
                          summary=tuple(_summary(document, structure)), seconds=tuple(timer.seconds.items()))


def extract_all(documents: Sequence[SourceDocument], cache: Cache, *, workers: int | None = None,
                scheduler: str | None = None, log: Callable[[str], None] = lambda m: None) -> list[corpus.Outcome]:
    """Every document's outcome, in the order given. Documents whose stages are all cached are
    read here; the others are extracted in this process when there is one of them (its PDF
    pages and spaCy then use processes of their own) or `workers` is 1 (one after another, one
    process), else each as a task on a Dask cluster: a LocalCluster of `workers` processes
    (default: the machine's cores), or the cluster whose scheduler is at `scheduler`."""
    done: dict[int, corpus.Outcome] = {}
    pending = []
    for k, document in enumerate(documents):
        cached = extract_outcome(document, cache, compute=False)
        if cached is None:
            pending.append((k, document))
        else:
            done[k] = cached
    workers = workers or corpus.default_workers()
    if scheduler or (workers > 1 and len(pending) > 1):
        index = {d.doc_id: k for k, d in pending}  # doc_ids are distinct (assign_doc_ids)
        with corpus.client(min(workers, len(pending)), scheduler) as dask_client:
            for outcome in corpus.extract_on_cluster(dask_client, [d for _, d in pending], cache, log):
                done[index[outcome.document.doc_id]] = outcome
    else:
        alone = len(pending) == 1
        for k, document in progress(pending, desc="documents", unit="doc"):
            with contextlib.nullcontext() if alone else single_process():
                done[k] = extract_outcome(document, cache)
    return [done[k] for k in range(len(documents))]


def run(paths: Sequence[Path], *, output_dir: Path, interim_dir: Path, force: bool = False,
        only: str | None = None, pairs: Sequence[tuple[str, str]] = (), keep_others: bool = False,
        workers: int | None = None, scheduler: str | None = None,
        log: Callable[[str], None] = lambda m: print(m, file=sys.stderr),
        cancelled: Callable[[], bool] = lambda: False) -> RunResult:
    """Extract `paths` into `output_dir`. `force` recomputes every stage; `only` recomputes one
    stage and takes the others from the cache; `pairs` names (old, new) editions to diff
    beyond those paired by title; `keep_others` keeps the documents already in `output_dir`
    that are not among `paths` (else output/ holds exactly these documents); `workers` and
    `scheduler` say where documents are extracted (extract_all)."""
    cache = Cache(interim_dir, enabled=not force, recompute=cached_stage(only) if only else None)
    done, failures, computed = [], [], []
    timed, nlp_words = StageTimer(), 0
    documents = []
    for path in paths:
        try:
            documents.append(timed("read", lambda: read_document(path)))
        except InputError as err:
            failures.append(str(err))
            log(f"error: {err}")
    kept_rows = tables.read_document_rows(output_dir) if keep_others else {}
    reread = {d.source_path for d in documents}
    kept_rows = {doc_id: rows for doc_id, rows in kept_rows.items()
                 if rows["documents"][0]["source_path"] not in reread}
    documents = assign_doc_ids(documents, {k: r["documents"][0]["source_sha256"] for k, r in kept_rows.items()})
    for d in documents:  # the same content under the same id, moved: this run's copy replaces it
        kept_rows.pop(d.doc_id, None)
    for d in documents:
        if d.doc_id != doc_id_for(Path(d.source_path)):
            log(f"note: {d.source_path}: another document has the same name; its doc_id is {d.doc_id}")
    identities = [(d.doc_id, d.source_path, d.source_sha256) for d in documents] + [
        (k, r["documents"][0]["source_path"], r["documents"][0]["source_sha256"]) for k, r in kept_rows.items()]
    fingerprint = run_fingerprint(identities, pairs, code_version(STRUCTURE_ENTRY), code_version(MENTIONS_ENTRY))
    if not force and not only and _up_to_date(output_dir, fingerprint):
        log(f"{output_dir} is up to date: nothing changed since it was written")
        return RunResult(tuple(d.doc_id for d in documents), tuple(failures), (), tuple(timed.seconds.items()), 0)
    rows_per_doc = list(kept_rows.values())
    summaries = []
    sections = {}
    for outcome in extract_all(documents, cache, workers=workers, scheduler=scheduler, log=log):
        document = outcome.document
        if outcome.error is not None:
            failures.append(outcome.error)
            log(f"error: {outcome.error}")
            continue
        nlp_words += outcome.words
        rows_per_doc.append(outcome.rows)
        computed.extend(f"{document.doc_id}:{s}" for s in outcome.stages)
        done.append(document.doc_id)
        summaries.extend(outcome.summary)
        if outcome.report_section is not None:
            sections[document.doc_id] = outcome.report_section
        for stage, seconds in outcome.seconds:
            timed.seconds[stage] = timed.seconds.get(stage, 0.0) + seconds
    for line in summaries:  # after the progress bars are gone
        log(line)
    if cancelled():  # an interrupt something swallowed on the way: output/ stays as it was
        raise KeyboardInterrupt
    if rows_per_doc:
        try:
            stamp = None if failures else fingerprint
            timed("write", lambda: tables.write_tables(rows_per_doc, output_dir, pairs, log=log,
                                                       extras=lambda t, folder: _write_report(t, folder, stamp, sections)))
            log(f"wrote {output_dir}" + (f" ({len(kept_rows)} other documents kept)" if kept_rows else ""))
        except tables.ValidationError as err:  # the previous output/ stays as it was
            failures.append(f"output not written: {err}")
            log(f"error: output not written, {output_dir} left as it was: {err}")
    return RunResult(tuple(done), tuple(failures), tuple(computed), tuple(timed.seconds.items()), nlp_words)


def _summary(document: SourceDocument, structure: Structure) -> list[str]:
    lines = []
    if document.kind == "text" and document.encoding not in ("utf-8", "utf-8-sig"):
        lines.append(f"note: {document.source_path}: not UTF-8, read as {document.encoding}")
    if not structure.footnotes:
        lines.append(f"note: {document.source_path}: no footnotes found; pages, chapters and claims extracted without them")
    if not structure.chapters:
        lines.append(f"note: {document.source_path}: no chapter headings found; claims have no chapter")
    lines.append(f"{document.doc_id}: {len(structure.pages)} pages, {len(structure.chapters)} chapters, "
                 f"{len(structure.footnotes)} footnotes, {len(structure.claims)} claims, "
                 f"{len(structure.links)} links ({len(structure.unlinked_footnotes)} footnotes without a marker)")
    return lines
