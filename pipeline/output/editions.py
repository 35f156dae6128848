"""Editions of one work side by side: which documents are editions of the same work, in which
order, and what changed between two editions, chapter by chapter, paragraph, claim and footnote.

Documents are editions of one work when their claims overlap strongly (pairing.py: sketches of
their word shingles, so a corpus costs one sketch per document), whatever their names; a file
name that says so (`book.txt`, `book-2e.txt`) lowers the overlap needed, and decides alone only
for documents too short to judge by their text. The older edition is the one the file names say
is older (edition words and numbers, then years), else the one the PDF's dates say is older,
else the one whose footnotes stop at an earlier year; when nothing tells, the pair is not
diffed and the run says how to settle it (`--pair OLD:NEW`, which always rules).

Ids come from content (ids.py), so an unchanged item has the same id in both editions: those
are "same" whatever moved around them. What is left is paired by text similarity (rapidfuzz)
within matched chapters, in document order: an edited sentence is "changed", with both ids,
not a removal plus an addition. A footnote is "changed" only when it still cites the same
source (URL, title, authors, allowing small corrections); a new note that reuses the number of
a removed one is an addition.
"""
from __future__ import annotations

import dataclasses
import difflib
import functools
import html
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from ..ids import normalise_for_id
from ..read.names import edition_number, name_years, work_and_edition
from .pairing import Overlap, overlapping_pairs, sketches_from_rows

CHANGED_CUTOFF = 60  # rapidfuzz ratio from which two unmatched items are one item, edited
CHAPTER_TITLE_CUTOFF = 85
LEVELS = ("chapter", "paragraph", "claim", "footnote")

# pairing by content: editions share most of their claims' word shingles; unrelated books on the
# same subject by the same author share a few per cent (the bundled book's two halves: 4 %)
MIN_JACCARD = 0.25  # shared shingles / shingles of either: an edition may grow to four times the other
MIN_CONTAINMENT = 0.6  # shared shingles / shingles of the smaller document: most of its text
NOTE_CONTAINMENT = 0.2  # less than MIN_CONTAINMENT but this much: the run names the pair, unpaired
MIN_SHARED_SHINGLES = 100  # about four sentences: two short texts sharing a boilerplate line are not one work
NAMED_MIN_CONTAINMENT = 0.2  # when the file names say one work, a heavily revised edition still pairs
MIN_SHINGLES_TO_JUDGE = 200  # shorter documents are paired by their names alone
SAME_TEXT_JACCARD = 0.98  # one text in two files, not two editions
SAME_NAME_SAME_TEXT_JACCARD = 0.9  # the same, for files named alike (book.txt and book.pdf: two extractions)
MIN_CITING_FOOTNOTES = 2  # a year counts as "cited" when this many footnotes give it

# footnotes: what tells two citations of one source from two sources
TITLE_CUTOFF = 85  # rapidfuzz ratio of two normalised titles of one source (a typo fixed)
MIN_TITLE_WORDS = 3  # a shorter title ("Algeria", "Ibid") does not identify a source
WORD_CORRECTION_CUTOFF = 75  # a word of a title corrected, not replaced ("maior" / "major")
MAX_FILLER_LETTERS = 3  # words a corrected title may gain or lose ("the", "of", "and")
AUTHOR_CUTOFF = 80  # of two surnames ("Zalessky" / "Zaleski")
URL_EDITS = 2  # character edits always allowed between two URLs of one source ("belta.bv" / "belta.by")
URL_EDITS_PER_CHAR = 0.05  # and this many more per character of the shorter URL
FOOTNOTE_TEXT_CUTOFF = 80  # with no URL, title or author on either side: the text without boilerplate
FOOTNOTE_CHANGED_CUTOFF = 50  # the same source: text similarity from which a note is "changed"
RE_URL_SCHEME = re.compile(r"^(?:https?|ftp)\s*:\s*/\s*/|^www\d?\.", re.IGNORECASE)
RE_BRACKETED = re.compile(r"\[[^\]]*\]")
RE_AREA = re.compile(r"\s[-–]\s")  # the ". - " between the areas of a GOST citation
RE_BOILERPLATE = re.compile(
    r"\[[^\]]*\]|\bURL\s*:?\s*\S+|\b(?:https?://|www\.)\S+|\b(?:Date of access|Access(?:ed)?(?: date)?|"
    r"Mode of access|Дата доступа|Режим доступа)\b[^.]*|\b[PCРС]\.\s*\d+(?:\s*[-–]\s*\d+)?|"
    r"\b(?:19|20)\d\d\b", re.IGNORECASE)


def edition_rank(label: str | None) -> int:
    """Order of editions: no label is the first; '2e', 'ed2', 'second-edition' are the second;
    'revised' without a number comes after the numbered ones."""
    number = edition_number(label)
    return 99 if number is None else number


class EditionFacts(NamedTuple):
    """What tells one edition of a work from another, from the file name and the tables."""
    doc_id: str
    name_work: str  # the work the file name gives, normalised
    label: str | None  # edition label from the file name
    years: tuple[int, ...] = ()  # years in the file name
    source_date: str | None = None  # ISO date from the PDF's metadata
    cited_year: int | None = None  # latest year at least MIN_CITING_FOOTNOTES footnotes cite


@dataclass(frozen=True)
class EditionPair:
    old: str
    new: str
    reason: str  # what says that `old` is the older
    overlap: Overlap | None = None  # None: paired by names alone, or by --pair


@dataclass(frozen=True)
class Editions:
    """The editions found in a run: the pairs to diff, the work of every document, what to tell."""
    pairs: tuple[EditionPair, ...] = ()
    works: Mapping[str, str] = field(default_factory=dict)
    messages: tuple[str, ...] = ()


def cited_year(footnotes: Iterable[Mapping]) -> int | None:
    """The latest year that at least MIN_CITING_FOOTNOTES footnotes cite (one stray OCR year does not count)."""
    counts = Counter(f.get("year") for f in footnotes if f.get("year"))
    years = [y for y, n in counts.items() if n >= MIN_CITING_FOOTNOTES]
    return int(max(years)) if years else None


def edition_facts(rows: Mapping[str, Sequence[Mapping]]) -> EditionFacts:
    """The facts of one document from its table rows (`documents` and `footnotes`)."""
    doc = rows["documents"][0]
    stem = Path(doc.get("source_path") or doc["doc_id"]).stem
    label = doc.get("edition")
    if label is None and "source_path" in doc:
        label = work_and_edition(stem)[1]
    date = doc.get("source_date")
    return EditionFacts(
        doc_id=doc["doc_id"], name_work=normalise_for_id(doc.get("title") or work_and_edition(stem)[0]),
        label=label, years=name_years(stem), source_date=str(date)[:10] if date else None,
        cited_year=cited_year(rows.get("footnotes", ())))


def which_is_older(a: EditionFacts, b: EditionFacts) -> tuple[int, str]:
    """(-1, why) when `a` is the older edition, (1, why) when `b` is, (0, "") when nothing tells."""
    na, nb = edition_number(a.label), edition_number(b.label)
    la, lb = a.label or "no edition word", b.label or "no edition word"
    if na is not None and nb is not None and na != nb:
        return (-1 if na < nb else 1), f"the file names ({la} before {lb})" if na < nb else \
            f"the file names ({lb} before {la})"
    if (na is None) != (nb is None) and (na == 1 or nb == 1):  # "revised" after the unnumbered one
        older_a = na == 1
        return (-1 if older_a else 1), f"the file names ({la if older_a else lb} before {lb if older_a else la})"
    extra_a, extra_b = set(a.years) - set(b.years), set(b.years) - set(a.years)
    if extra_a and extra_b and max(extra_a) != max(extra_b):
        ya, yb = max(extra_a), max(extra_b)
        return (-1 if ya < yb else 1), f"the years in the file names ({min(ya, yb)} before {max(ya, yb)})"
    if a.source_date and b.source_date and a.source_date != b.source_date:
        older_a = a.source_date < b.source_date
        return (-1 if older_a else 1), (f"the PDFs' dates ({min(a.source_date, b.source_date)} before "
                                        f"{max(a.source_date, b.source_date)})")
    if a.cited_year and b.cited_year and a.cited_year != b.cited_year:
        older_a = a.cited_year < b.cited_year
        return (-1 if older_a else 1), (f"the latest years their footnotes cite ({min(a.cited_year, b.cited_year)} "
                                        f"before {max(a.cited_year, b.cited_year)})")
    return 0, ""


def _is_content_link(o: Overlap) -> bool:
    return o.jaccard >= MIN_JACCARD and o.containment >= MIN_CONTAINMENT and o.shared >= MIN_SHARED_SHINGLES


def _percent(x: float) -> str:
    return f"{100 * x:.1f}%" if 0.99 <= x < 1 or 0 < x < 0.01 else f"{round(100 * x)}%"


def plan_editions(facts: Sequence[EditionFacts], overlaps: Iterable[Overlap] = (),
                  explicit: Sequence[tuple[str, str]] = (), *, judged: Iterable[str] = ()) -> Editions:
    """Group documents into works and chain each work's editions from oldest to newest.

    `overlaps` are the claim overlaps of pairs of documents (pairing.py), `judged` the documents
    long enough for their text to decide; the others are paired by their file names alone.
    `explicit` (old, new) pairs are diffed as given, and replace any pair found for those two
    documents or for the same newer edition."""
    by_id = {f.doc_id: f for f in facts}
    judged = set(judged)
    overlap_of = {frozenset((o.doc_a, o.doc_b)): o for o in overlaps}
    messages: list[str] = []
    parent = {d: d for d in by_id}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x, y):
        rx, ry = find(x), find(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)

    near_misses = []
    for key, o in overlap_of.items():
        a, b = sorted(key)
        if a not in by_id or b not in by_id or a not in judged or b not in judged:
            continue
        named = by_id[a].name_work == by_id[b].name_work
        if _is_content_link(o) or (named and o.containment >= NAMED_MIN_CONTAINMENT):
            union(a, b)
        elif not named and o.containment >= NOTE_CONTAINMENT and o.shared >= MIN_SHARED_SHINGLES:
            near_misses.append((a, b, o))
    for a, b, o in sorted(near_misses, key=lambda m: m[:2]):
        if find(a) != find(b):
            messages.append(f"editions: {a} and {b} share {_percent(o.containment)} of the shorter one's claim text "
                            f"(Jaccard {o.jaccard:.2f}), too little to be editions of one work: not compared "
                            f"(--pair {a}:{b} compares them anyway)")
    by_name: dict[str, list[str]] = defaultdict(list)
    for f in facts:
        if f.name_work:
            by_name[f.name_work].append(f.doc_id)
    for docs in by_name.values():
        for i, a in enumerate(sorted(docs)):
            for b in sorted(docs)[i + 1:]:
                if a not in judged or b not in judged:
                    union(a, b)
                elif find(a) != find(b):
                    o = overlap_of.get(frozenset((a, b)))
                    messages.append(
                        f"editions: {a} and {b} are named as editions of one work but share "
                        f"{_percent(o.containment if o else 0.0)} of their claim text: not compared "
                        f"(--pair {a}:{b} compares them anyway)")

    explicit = [tuple(p) for p in explicit]
    explicit_sets = {frozenset(p) for p in explicit}
    explicit_new = {new for _, new in explicit}
    components: dict[str, list[str]] = defaultdict(list)
    for d in sorted(by_id):
        components[find(d)].append(d)

    def compare(x: str, y: str) -> int:
        return which_is_older(by_id[x], by_id[y])[0]

    ordered_components = []
    pairs = [EditionPair(old, new, "--pair", overlap_of.get(frozenset((old, new)))) for old, new in explicit]
    for members in components.values():
        members = sorted(members, key=functools.cmp_to_key(compare))
        ordered_components.append(members)
        for x, y in itertools.pairwise(members):
            if frozenset((x, y)) in explicit_sets:
                continue
            sign, reason = which_is_older(by_id[x], by_id[y])
            o = overlap_of.get(frozenset((x, y)))
            if sign:
                old, new = (x, y) if sign < 0 else (y, x)
                if new in explicit_new:
                    continue
                pairs.append(EditionPair(old, new, reason, o))
            elif o is not None and o.jaccard >= (
                    SAME_NAME_SAME_TEXT_JACCARD if (by_id[x].name_work, by_id[x].label) == (by_id[y].name_work, by_id[y].label)
                    else SAME_TEXT_JACCARD):
                messages.append(f"editions: {x} and {y} hold the same text ({_percent(o.jaccard)} of their claim "
                                f"text shared): one edition in two files, not compared")
            else:
                shared = f"share {_percent(o.containment)} of their claim text" if o else "are named alike"
                messages.append(
                    f"editions: {x} and {y} {shared}, so they are editions of one work, but neither their file "
                    f"names, their PDF dates nor the years they cite tell which is older: not compared; "
                    f"rerun with --pair {x}:{y} (or --pair {y}:{x})")
    found = [_pair_message(p) for p in pairs]
    for old, new in explicit:
        if old in parent and new in parent:
            union(old, new)
    return Editions(tuple(pairs), _works(by_id, ordered_components, find), tuple(found + messages))


def _pair_message(p: EditionPair) -> str:
    if p.reason == "--pair":
        return f"editions: {p.old} → {p.new}: given by --pair"
    why = (f"claims overlap {_percent(p.overlap.containment)}, Jaccard {p.overlap.jaccard:.2f}" if p.overlap
           else "named as editions of one work")
    return f"editions: {p.old} → {p.new}: {why}; older by {p.reason}"


def _works(by_id: Mapping[str, EditionFacts], ordered: Sequence[Sequence[str]], find: Callable[[str], str]) -> dict[str, str]:
    """The `work` of every document: the name the oldest edition's file gives, made distinct
    between works that are not one (two unrelated `report.txt` and `report-2e.txt`)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for members in ordered:  # in edition order; --pair may have joined components since
        for d in members:
            groups[find(d)].append(d)
    works, taken = {}, set()
    for root in sorted(groups, key=lambda r: groups[r][0]):
        first = groups[root][0]
        work = by_id[first].name_work or normalise_for_id(first)
        if work in taken:
            work = normalise_for_id(first)
            k = 2
            while work in taken:
                work, k = f"{normalise_for_id(first)}{k}", k + 1
        taken.add(work)
        for d in groups[root]:
            works[d] = work
    return works


def pair_editions(documents: Sequence[Mapping], explicit: Sequence[tuple[str, str]] = ()) -> list[tuple[str, str]]:
    """(old doc_id, new doc_id) for consecutive editions of each work by their names alone
    (`doc_id`, `work`, `edition`), plus the explicit pairs."""
    facts = [EditionFacts(d["doc_id"], d["work"], d.get("edition")) for d in documents]
    return [(p.old, p.new) for p in plan_editions(facts, explicit=explicit).pairs]


def find_editions(rows_per_doc: Sequence[Mapping[str, Sequence[Mapping]]],
                  explicit: Sequence[tuple[str, str]] = ()) -> Editions:
    """The editions among the documents of a run, from their table rows."""
    by_doc = {rows["documents"][0]["doc_id"]: rows for rows in rows_per_doc}
    sketches = sketches_from_rows(by_doc)
    judged = [s.doc_id for s in sketches if s.n_shingles >= MIN_SHINGLES_TO_JUDGE]
    unknown = [f"editions: --pair {old}:{new}: no document {d} in this run"
               for old, new in explicit for d in (old, new) if d not in by_doc]
    editions = plan_editions([edition_facts(rows) for rows in by_doc.values()], overlapping_pairs(sketches),
                             [p for p in explicit if p[0] in by_doc and p[1] in by_doc], judged=judged)
    return dataclasses.replace(editions, messages=tuple(unknown) + editions.messages)


@functools.lru_cache(maxsize=1 << 16)  # each note's URL is compared with many others while editions are aligned
def normalise_url(url: str) -> str:
    """A URL as it identifies a page: no scheme, no `www.`, no inner spaces, no trailing slash or
    punctuation, host in lower case."""
    u = re.sub(r"\s+", "", url)
    u = RE_URL_SCHEME.sub("", u)
    u = RE_URL_SCHEME.sub("", u)  # "https://www.": scheme, then www
    host, _, rest = u.partition("/")
    return (host.lower() + ("/" + rest if rest else "")).rstrip("/.,;")


@functools.lru_cache(maxsize=1 << 16)
def _title_key(title: str) -> str | None:
    """A citation's title proper: before the first area separator, brackets left out, normalised;
    None for a title too short to tell sources apart (`Algeria`, `Ibid`)."""
    proper = RE_AREA.split(RE_BRACKETED.sub(" ", title), maxsplit=1)[0]
    words = re.findall(r"\w+", proper.casefold())
    return " ".join(words) if len(words) >= MIN_TITLE_WORDS else None


def _surnames(note: Mapping) -> tuple[str, ...]:
    return _surnames_of(tuple(note.get("authors_canonical") or note.get("authors") or ()))


@functools.lru_cache(maxsize=1 << 16)
def _surnames_of(authors: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(normalise_for_id(re.split(r"[,\s]", a.strip(), maxsplit=1)[0]) for a in authors if a and a.strip())


@functools.lru_cache(maxsize=1 << 16)
def _identifying_text(text: str) -> str:
    return " ".join(re.findall(r"\w+", RE_BOILERPLATE.sub(" ", text).casefold()))


def urls_match(a: str, b: str) -> bool:
    """Two URLs of one page, allowing for a small correction ("belta.bv" -> "belta.by",
    "vyjti" -> "vyiti"); the numbers in them (article ids, dates) must be equal."""
    ua, ub = normalise_url(a), normalise_url(b)
    if ua == ub:
        return True
    if _numbers(ua) != _numbers(ub):  # another article number, another page
        return False
    allowed = URL_EDITS + int(URL_EDITS_PER_CHAR * min(len(ua), len(ub)))
    return Levenshtein.distance(ua, ub, score_cutoff=allowed) <= allowed


@functools.lru_cache(maxsize=1 << 16)
def _numbers(url: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\d+", url))


def titles_match(a: str, b: str) -> bool:
    """Two titles of one source: alike, and every word that differs is a correction (a typo,
    a transliteration, a dropped article), not another word: templated headlines of two news
    items ("... exhibition in Algeria" / "... exhibition in Angola", "... in the field of
    biotechnology" / "... of electronics") are two sources. Numbers must be equal."""
    if fuzz.ratio(a, b) < TITLE_CUTOFF:
        return False
    wa, wb = a.split(), b.split()
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        old_words, new_words = wa[i1:i2], wb[j1:j2]
        if op == "replace" and len(old_words) == len(new_words):
            if all(_corrected_word(x, y) for x, y in zip(old_words, new_words, strict=True)):
                continue
            return False
        if op in ("insert", "delete") and all(len(w) <= MAX_FILLER_LETTERS and not w.isdigit()
                                              for w in old_words + new_words):
            continue
        if op == "replace" and "".join(old_words) == "".join(new_words):  # "well known" / "wellknown"
            continue
        return False
    return True


def _corrected_word(a: str, b: str) -> bool:
    if a.isdigit() or b.isdigit():
        return a == b
    return fuzz.ratio(a, b) >= WORD_CORRECTION_CUTOFF


class SourceKey(NamedTuple):
    """The parts of a footnote that identify its source, worked out once per note."""
    work_id: str | None
    surnames: tuple[str, ...]
    page_url: str | None
    title: str | None
    text: str


def source_key(note: Mapping) -> SourceKey:
    return SourceKey(note.get("work_id") or None, _surnames(note), _page_url(note.get("url")),
                     _title_key(note.get("title") or ""), _identifying_text(note.get("text") or ""))


def same_source(old: Mapping | SourceKey, new: Mapping | SourceKey) -> bool:
    """Whether two footnotes (or their source_key()) cite one source. The parts that identify a
    source are compared, small corrections allowed: a URL names a web source, so where both notes
    have one it decides (`belta.bv` -> `belta.by` is a correction; another page number or slug is
    another page); else the titles decide; different authors are never one source. The rest of a
    citation (`[Electronic resource]`, `URL :`, the year, cited pages) is boilerplate that many
    sources share. With neither URL nor title on both sides, the texts without their
    boilerplate must be close (`Ibid. P. 5` / `Ibid. P. 7`)."""
    a = old if isinstance(old, SourceKey) else source_key(old)
    b = new if isinstance(new, SourceKey) else source_key(new)
    if a.work_id and a.work_id == b.work_id:
        return True  # the citations' own work ids, where the tables carry them
    if a.surnames and b.surnames and not any(fuzz.ratio(x, y) >= AUTHOR_CUTOFF for x in a.surnames for y in b.surnames):
        return False
    if a.page_url and b.page_url:
        return urls_match(a.page_url, b.page_url)
    if a.title and b.title:
        return titles_match(a.title, b.title)
    return fuzz.ratio(a.text, b.text) >= FOOTNOTE_TEXT_CUTOFF


def _page_url(url: str | None) -> str | None:
    """A URL that names a page; a bare site (`https://mfa.gov.by/`) names no one source."""
    return url if url and "/" in normalise_url(url) else None


def _similarity(a: str, b: str) -> float:
    return fuzz.ratio(a, b) / 100.0


def align(old: Sequence[tuple[str, str]], new: Sequence[tuple[str, str]], cutoff: int = CHANGED_CUTOFF, *,
          accept: Callable[[str, str], bool] | None = None) -> list[tuple[str, str | None, str | None, float]]:
    """(status, old_id, new_id, similarity) for two lists of (id, text) in document order.

    Equal ids are "same"; each remaining new item takes the most similar remaining old item
    that lies between the same anchors (so order is kept), if similar enough and, when given,
    `accept(old_id, new_id)` agrees that they are one item: "changed".
    """
    new_ids = {i for i, _ in new}
    old_ids = {i for i, _ in old}
    old_pos = {i: k for k, (i, _) in enumerate(old)}
    rows: list[tuple[str, str | None, str | None, float]] = []
    used: set[int] = set()
    last_anchor = -1  # position in `old` of the last item placed
    pending_new: list[tuple[str, str]] = []

    def flush(upper: int):
        nonlocal last_anchor
        for nid, ntext in pending_new:
            best, best_score = None, cutoff - 1
            free = [k for k in range(last_anchor + 1, upper) if k not in used and old[k][0] not in new_ids]
            if free:
                # all similarities in one call; `accept` asked from the most similar down, the
                # first (in document order among equals) it accepts is the one
                scores = process.cdist([ntext], [old[k][1] for k in free], scorer=fuzz.ratio, dtype=np.float64)[0]
                for j in np.argsort(-scores, kind="stable"):
                    if scores[j] <= best_score:
                        break
                    if accept is None or accept(old[free[j]][0], nid):
                        best, best_score = free[j], float(scores[j])
                        break
            if best is None:
                rows.append(("added", None, nid, 0.0))
            else:
                for k in range(last_anchor + 1, best):  # old items passed over were removed
                    if k not in used and old[k][0] not in new_ids:
                        used.add(k)
                        rows.append(("removed", old[k][0], None, 0.0))
                used.add(best)
                last_anchor = best
                rows.append(("changed", old[best][0], nid, best_score / 100.0))
        pending_new.clear()

    for nid, ntext in new:
        if nid in old_ids:
            k = old_pos[nid]
            flush(k)
            for j in range(last_anchor + 1, k):
                if j not in used and old[j][0] not in new_ids:
                    used.add(j)
                    rows.append(("removed", old[j][0], None, 0.0))
            used.add(k)
            last_anchor = max(last_anchor, k)
            rows.append(("same", nid, nid, 1.0))
        else:
            pending_new.append((nid, ntext))
    flush(len(old))
    for k, (oid, _) in enumerate(old):
        if k not in used and oid not in new_ids:
            rows.append(("removed", oid, None, 0.0))
    return rows


def diff_editions(old: dict[str, list[dict]], new: dict[str, list[dict]]) -> list[dict]:
    """edition_diff rows for one pair of editions, from their table rows."""
    old_doc, new_doc = old["documents"][0]["doc_id"], new["documents"][0]["doc_id"]
    rows: list[dict] = []

    def emit(level, status, old_id, new_id, similarity, old_text, new_text):
        rows.append({"doc_id": new_doc, "doc_id_old": old_doc, "doc_id_new": new_doc, "level": level,
                     "status": status, "old_id": old_id, "new_id": new_id, "similarity": round(similarity, 4),
                     "old_text": old_text, "new_text": new_text})

    def grouped(table, key):
        out = defaultdict(list)
        for r in table:
            out[r[key]].append(r)
        return out

    old_paras, new_paras = grouped(old["paragraphs"], "chapter_id"), grouped(new["paragraphs"], "chapter_id")
    old_claims, new_claims = grouped(old["claims"], "paragraph_id"), grouped(new["claims"], "paragraph_id")
    old_chapter = {c["chapter_id"]: c for c in old["chapters"]}
    new_chapter = {c["chapter_id"]: c for c in new["chapters"]}

    def chapter_text(paras):
        return " ".join(p["text"] for p in paras)

    chapter_pairs = align([(c["chapter_id"], c["title"]) for c in old["chapters"]],
                          [(c["chapter_id"], c["title"]) for c in new["chapters"]], cutoff=CHAPTER_TITLE_CUTOFF)
    # front matter (no chapter) is aligned like a chapter of its own
    for status, old_id, new_id, _ in [("front", None, None, 1.0)] + chapter_pairs:
        o_paras = old_paras.get(old_id, []) if old_id or status == "front" else []
        n_paras = new_paras.get(new_id, []) if new_id or status == "front" else []
        para_rows = align([(p["paragraph_id"], p["text"]) for p in o_paras], [(p["paragraph_id"], p["text"]) for p in n_paras])
        if status == "front":
            pass
        elif status in ("same", "changed"):
            unchanged = all(s == "same" for s, *_ in para_rows) and status == "same"
            similarity = 1.0 if unchanged else _similarity(chapter_text(o_paras), chapter_text(n_paras))
            emit("chapter", "same" if unchanged else "changed", old_id, new_id, similarity,
                 old_chapter[old_id]["title"], new_chapter[new_id]["title"])
        else:
            emit("chapter", status, old_id, new_id, 0.0,
                 old_chapter[old_id]["title"] if old_id else None, new_chapter[new_id]["title"] if new_id else None)
        old_para_text = {p["paragraph_id"]: p["text"] for p in o_paras}
        new_para_text = {p["paragraph_id"]: p["text"] for p in n_paras}
        old_in_chapter = [c for p in o_paras for c in old_claims.get(p["paragraph_id"], [])]
        new_in_chapter = [c for p in n_paras for c in new_claims.get(p["paragraph_id"], [])]
        for s, o, n, sim in para_rows:
            emit("paragraph", s, o, n, sim, old_para_text.get(o), new_para_text.get(n))
        old_claim_text = {c["claim_id"]: c["text"] for c in old_in_chapter}
        new_claim_text = {c["claim_id"]: c["text"] for c in new_in_chapter}
        for s, o, n, sim in align([(c["claim_id"], c["text"]) for c in old_in_chapter],
                                  [(c["claim_id"], c["text"]) for c in new_in_chapter]):
            emit("claim", s, o, n, sim, old_claim_text.get(o), new_claim_text.get(n))

    old_notes = {f["footnote_id"]: f["text"] for f in old["footnotes"]}
    new_notes = {f["footnote_id"]: f["text"] for f in new["footnotes"]}
    old_key = {f["footnote_id"]: source_key(f) for f in old["footnotes"]}
    new_key = {f["footnote_id"]: source_key(f) for f in new["footnotes"]}
    for s, o, n, sim in align(list(old_notes.items()), list(new_notes.items()), FOOTNOTE_CHANGED_CUTOFF,
                              accept=lambda o, n: same_source(old_key[o], new_key[n])):
        emit("footnote", s, o, n, sim, old_notes.get(o), new_notes.get(n))
    return rows


def edition_diff_rows(rows_per_doc: Sequence[Mapping[str, Sequence[Mapping]]],
                      explicit: Sequence[tuple[str, str]] = (), *,
                      editions: Editions | None = None) -> list[dict]:
    """edition_diff rows for every pair of editions among the documents (found here unless given)."""
    by_doc = {rows["documents"][0]["doc_id"]: rows for rows in rows_per_doc}
    editions = editions if editions is not None else find_editions(rows_per_doc, explicit)
    out = []
    for p in editions.pairs:
        if p.old in by_doc and p.new in by_doc:
            out.extend(diff_editions(by_doc[p.old], by_doc[p.new]))
    return out


# --- the editions section of report.html ---------------------------------------------------------

MAX_SHOWN = 60  # changed claims and footnotes shown per pair and level; edition_diff.parquet has all
STATUSES = ("same", "changed", "added", "removed")
RE_DIFF_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")
REPORT_STYLE = (
    "<style>.editions table.diff{border-collapse:collapse;font-size:12px;width:100%}"
    ".editions table.diff td,.editions table.diff th{padding:3px 8px;border-bottom:1px solid #ddd;"
    "text-align:left;vertical-align:top}.editions table.diff td.text{width:46%}"
    ".editions del{background:#fcd9d9;color:#8a1f1f}.editions ins{background:#d6f2d6;color:#1d5e1d;"
    "text-decoration:none}.editions .none{color:#777}</style>")


def mark_differences(old: str, new: str) -> tuple[str, str]:
    """Both texts as HTML, words only in the old one in <del>, words only in the new one in <ins>."""
    a, b = RE_DIFF_TOKEN.findall(old or ""), RE_DIFF_TOKEN.findall(new or "")
    out_a, out_b = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        left, right = html.escape("".join(a[i1:i2])), html.escape("".join(b[j1:j2]))
        if op == "equal":
            out_a.append(left)
            out_b.append(right)
            continue
        if left:
            out_a.append(f"<del>{left}</del>")
        if right:
            out_b.append(f"<ins>{right}</ins>")
    return "".join(out_a), "".join(out_b)


def _frame(table) -> pd.DataFrame:
    if table is None:
        return pd.DataFrame()
    return table.to_pandas() if hasattr(table, "to_pandas") else pd.DataFrame(table)


def _esc(value) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else html.escape(str(value))


def report_section(tables: Mapping[str, object], *, max_shown: int = MAX_SHOWN) -> str:
    """The editions section of report.html, an HTML fragment: for each pair of editions, the items
    per level and status, the chapters added, removed and retitled, and the changed claims and
    footnotes side by side with the differences marked. `tables` are the output tables (pandas
    DataFrames or pyarrow Tables, by name); only `edition_diff` and `documents` are read."""
    diff = _frame(tables.get("edition_diff"))
    documents = _frame(tables.get("documents"))
    parts = ["<section class='editions'>", REPORT_STYLE, "<h2>Editions</h2>"]
    if diff.empty:
        parts.append("<p class='none'>No two documents of this run were found to be editions of one work "
                     "(editions share most of their claims; the run's log says which pairs it could not "
                     "order). <code>--pair OLD:NEW</code> compares two documents as editions.</p></section>")
        return "\n".join(parts)
    if not documents.empty and "work" in documents:
        rank: dict[str, int] = {}
        for old_doc, new_doc in diff[["doc_id_old", "doc_id_new"]].drop_duplicates().itertuples(index=False):
            rank[new_doc] = max(rank.get(new_doc, 0), rank.get(old_doc, 0) + 1)
        works = documents.groupby("work", sort=True)["doc_id"].agg(lambda ds: sorted(ds, key=lambda d: (rank.get(d, 0), d)))
        works = works[works.map(len) > 1]
        if len(works):
            parts.append("<p>Works with several editions in this run: "
                         + "; ".join(f"<code>{_esc(w)}</code>: {', '.join(_esc(d) for d in docs)}"
                                     for w, docs in works.items()) + "</p>")
    for (old_doc, new_doc), pair in diff.groupby(["doc_id_old", "doc_id_new"], sort=False):
        parts.append(f"<h3>{_esc(old_doc)} → {_esc(new_doc)}</h3>")
        counts = pair.groupby(["level", "status"]).size()
        head = "".join(f"<th>{s}</th>" for s in STATUSES)
        body = "".join(
            f"<tr><td>{level}</td>" + "".join(f"<td>{int(counts.get((level, s), 0))}</td>" for s in STATUSES) + "</tr>"
            for level in LEVELS if level in set(pair["level"]))
        parts.append(f"<table class='diff counts'><tr><th>level</th>{head}</tr>{body}</table>")
        chapters = pair[pair["level"] == "chapter"]
        for status, word in (("added", "Chapters added"), ("removed", "Chapters removed")):
            titles = chapters[chapters["status"] == status]["new_text" if status == "added" else "old_text"]
            if len(titles):
                parts.append(f"<p>{word}: " + "; ".join(f"<q>{_esc(t)}</q>" for t in titles) + "</p>")
        retitled = chapters[(chapters["status"] == "changed") & (chapters["old_text"] != chapters["new_text"])]
        if len(retitled):
            parts.append("<p>Chapters retitled: " + "; ".join(
                f"<q>{_esc(r.old_text)}</q> → <q>{_esc(r.new_text)}</q>" for r in retitled.itertuples()) + "</p>")
        for level, word in (("claim", "Changed claims"), ("footnote", "Changed footnotes")):
            changed = pair[(pair["level"] == level) & (pair["status"] == "changed")]
            if changed.empty:
                parts.append(f"<p class='none'>{word}: none.</p>")
                continue
            more = f" (the first {max_shown}; edition_diff.parquet lists all)" if len(changed) > max_shown else ""
            parts.append(f"<h4>{word}: {len(changed)}{more}</h4>")
            parts.append("<table class='diff'><tr><th>similarity</th><th>old</th><th>new</th></tr>")
            for r in changed.head(max_shown).itertuples():
                left, right = mark_differences(r.old_text or "", r.new_text or "")
                parts.append(f"<tr><td>{r.similarity:.3f}</td><td class='text'>{left}</td>"
                             f"<td class='text'>{right}</td></tr>")
            parts.append("</table>")
    parts.append("</section>")
    return "\n".join(parts)
