"""Cited works: the citations of a document's notes grouped into one row per work.

`build_works(notes)` reads every note with the document's citation style (citations.py), then
walks the notes in order:
- a full citation is keyed by what it cites, never by where: a web page by its canonical URL,
  anything else by its normalised title and year (a case by its name and year), so the key, and
  the `work_id` hashed from it, hold across runs and editions;
- `Ibid.` points to the work cited just before it (in the note, else in the last note citing
  anything);
- a cross-reference (`(n 7)`, `supra note 7`) to the works of the nearest earlier note of that
  number, the one by the author it names where it names one;
- a short form (`Smith, Rivers of Trade, 12.`, `Lessing, 226.`, `Smith (2019, p. 4)`), and a
  full-looking citation whose author is a bare surname, to the latest earlier work by that
  author whose title starts like the short title; an unresolved one is a work of its own.
Author spellings are merged across the document (`Zalessky, B.` / `Zaleski, B.`). URLs are put
in a canonical form (`www.` and a trailing slash dropped, host lowercased, fragment and
`utm_` parameters removed); `url_domain` is the registrable domain by the Public Suffix List
(the pinned `publicsuffixlist` package's own copy: nothing is fetched), and `url_suspect` says
why a host does not look real: a suffix that is not in the list, a country code that takes no
registrations (`.bv`), or one letter away from a host the document cites more often.
"""
from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from publicsuffixlist import PublicSuffixList
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from ..ids import normalise_for_id, stable_id
from ..records import Citation, Footnote, FootnoteWork, Work
from .citations import WORDS, canonical_names, detect_style, parse_note

UNREGISTRABLE_TLDS = frozenset(WORDS["unregistrable_tlds"])
SURNAME_CUTOFF = 85  # rapidfuzz ratio for a short form's surname against a work's author
NEAR_DOMAIN_RATIO = 2  # a host one edit away from one cited this many times as often is suspect
RE_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)
RE_IP = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")


@lru_cache(maxsize=1)
def _psl() -> PublicSuffixList:
    return PublicSuffixList(accept_unknown=False)


def canonical_url(url: str | None) -> str | None:
    """One spelling per address: scheme and host lowercased, `www.` dropped, default port,
    fragment, `utm_` parameters and the trailing slash removed; `www.x.by/a` gets `https://`."""
    if not url:
        return None
    u = url.strip().rstrip(".,;")
    if not RE_SCHEME.match(u):
        u = "https://" + u.lstrip("/")
    try:
        parts = urlsplit(u)
    except ValueError:
        return u
    host = (parts.hostname or "").lower().rstrip(".")
    host = re.sub(r"^www\d?\.", "", host)
    try:
        port = parts.port if parts.port not in (None, 80, 443) else None
    except ValueError:  # "host:words" from a line break inside a URL: no port
        port = None
    netloc = f"{host}:{port}" if port else host
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not k.lower().startswith("utm_")])
    path = parts.path.rstrip("/")
    return urlunsplit((parts.scheme.lower(), netloc, path, query, ""))


def url_host(url: str | None) -> str | None:
    c = canonical_url(url)
    if not c:
        return None
    try:
        return urlsplit(c).hostname
    except ValueError:
        return None


def url_domain(url: str | None) -> str | None:
    """The registrable domain: `egypt.mfa.gov.by` -> `mfa.gov.by`, `www.belta.by` -> `belta.by`."""
    host = url_host(url)
    if not host:
        return None
    if RE_IP.match(host):
        return host
    return _psl().privatesuffix(host) or host


def suspect_hosts(host_counts: Counter) -> dict[str, str]:
    """Why each host of a document (`www.` dropped) does not look real, for those that do not."""
    out: dict[str, str] = {}
    for domain in host_counts:
        reasons = []
        if not RE_IP.match(domain):
            suffix = _psl().publicsuffix(domain)
            if suffix is None:
                reasons.append(f"unknown suffix .{domain.rsplit('.', 1)[-1]}")
            elif suffix.rsplit(".", 1)[-1] in UNREGISTRABLE_TLDS:
                reasons.append(f"no registrations under .{suffix.rsplit('.', 1)[-1]}")
        near = [d for d in host_counts if d != domain and Levenshtein.distance(d, domain) == 1
                and host_counts[d] >= NEAR_DOMAIN_RATIO * host_counts[domain]]
        if near:
            reasons.append(f"near {max(near, key=lambda d: (host_counts[d], d))}")
        if reasons:
            out[domain] = "; ".join(reasons)
    return out


def work_key(c: Citation) -> str:
    """What a citation cites, independent of where it stands."""
    url = canonical_url(c.url)
    if url and (c.kind == "web" or not c.title):
        return "url:" + RE_SCHEME.sub("", url)
    if c.title:
        return f"title:{normalise_for_id(c.title)}:{c.year or ''}"
    if c.authors:
        return "author:" + "|".join(normalise_for_id(a) for a in c.authors)
    return "text:" + normalise_for_id(c.text)


def _family(name: str) -> str:
    return name.partition(",")[0].strip().casefold()


def _bare_surnames(c: Citation) -> bool:
    return bool(c.authors) and all("," not in a for a in c.authors)


def _title_matches(short: str | None, full: str | None) -> bool:
    if not short:
        return True
    if not full:
        return False
    s, f = normalise_for_id(short), normalise_for_id(full)
    if not s:
        return True
    if f.startswith(s) or s in f:
        return True
    words = [w for w in re.findall(r"\w+", short.casefold()) if len(w) > 3]
    full_words = set(re.findall(r"\w+", full.casefold()))
    return bool(words) and all(w in full_words for w in words) or fuzz.partial_ratio(s, f) >= 90


@dataclasses.dataclass
class _Group:
    key: str
    citation: Citation
    first_footnote: int
    n: int = 0


def build_works(notes: Sequence[Footnote], *, style: str | None = None
                ) -> tuple[str | None, list[Work], list[FootnoteWork]]:
    """The document's citation style, its works and the citations of each note."""
    if not notes:
        return None, [], []
    doc_id = notes[0].doc_id
    style = style or detect_style(n.text for n in notes)
    parsed = [(n, parse_note(n.text, style=style)) for n in notes]
    spelling = canonical_names(a for _, cites in parsed for c in cites if c.form == "full"
                               for a in c.authors if "," in a)
    groups: dict[str, _Group] = {}
    order: list[str] = []  # keys in the order first cited
    by_number: dict[int, list[tuple[int, list[str]]]] = {}  # note number -> [(position, keys)]
    last_keys: list[str] = []
    rows: list[tuple[Footnote, int, str, Citation, str]] = []
    for pos, (note, cites) in enumerate(parsed):
        note_keys: list[str] = []
        for seq, c in enumerate(cites, start=1):
            form = c.form
            key = None
            if form == "ibid":
                key = (note_keys or last_keys or [None])[-1]
            elif form == "cross-reference":
                key = _cross_reference(c, by_number, groups)
            if key is None and (form in ("short", "cross-reference") or _bare_surnames(c)):
                key = _resolve_short(c, order, groups)
                if key is not None and form == "full":
                    form = "short"
            if key is None:
                if form == "full":
                    c = dataclasses.replace(c, authors=tuple(dict.fromkeys(spelling.get(a, a) for a in c.authors)))
                key = work_key(c)
                if key not in groups:
                    groups[key] = _Group(key=key, citation=c, first_footnote=note.number)
                    order.append(key)
                else:
                    groups[key].citation = _merge(groups[key].citation, c)
            groups[key].n += 1
            note_keys.append(key)
            rows.append((note, seq, key, c, form))
        if note_keys:
            last_keys = note_keys
            by_number.setdefault(note.number, []).append((pos, note_keys))
    hosts = Counter(h for g in groups.values() for h in [url_host(g.citation.url)] if h)
    suspects = suspect_hosts(hosts)
    works = []
    for key in order:
        g = groups[key]
        c = g.citation
        domain = url_domain(c.url)
        works.append(Work(
            doc_id=doc_id, work_id=stable_id("work", key), kind=c.kind, authors=c.authors, title=c.title,
            container=c.container, year=c.year, publisher=c.publisher, place=c.place, url=canonical_url(c.url),
            url_domain=domain, url_suspect=suspects.get(url_host(c.url) or ""), volume=c.volume,
            issue=c.issue, editors=c.editors, n_citations=g.n, first_footnote=g.first_footnote))
    links = [FootnoteWork(doc_id=doc_id, footnote_id=note.footnote_id, seq=seq, work_id=stable_id("work", key),
                          cited_pages=c.cited_pages, form=form, style=c.style, text=c.text, unparsed=c.unparsed)
             for note, seq, key, c, form in rows]
    return style, works, links


def _cross_reference(c: Citation, by_number: dict, groups: dict) -> str | None:
    """The work of "(n 7)": in the nearest earlier note numbered 7, by the author named."""
    candidates = by_number.get(c.refers_to or -1)
    if not candidates:
        return None
    keys = candidates[-1][1]
    if c.authors:
        for key in keys:
            if any(_family(a) and fuzz.ratio(_family(a), _family(w)) >= SURNAME_CUTOFF
                   for a in c.authors for w in groups[key].citation.authors):
                return key
    return keys[0]


def _resolve_short(c: Citation, order: list[str], groups: dict) -> str | None:
    """The latest earlier work a short form repeats."""
    for key in reversed(order):
        w = groups[key].citation
        if c.year and w.year and c.year != w.year:
            continue
        if c.authors:
            if not w.authors or not all(any(fuzz.ratio(_family(a), _family(b)) >= SURNAME_CUTOFF for b in w.authors)
                                        for a in c.authors):
                continue
        elif not c.title:
            continue
        if _title_matches(c.title, w.title):
            return key
    return None


def _merge(first: Citation, later: Citation) -> Citation:
    """A work's fields from its first full citation, gaps filled from later ones."""
    fill = {f: getattr(later, f) for f in ("title", "container", "year", "publisher", "place", "url", "volume", "issue")
            if getattr(first, f) is None and getattr(later, f) is not None}
    if not first.authors and later.authors:
        fill["authors"] = later.authors
    if not first.editors and later.editors:
        fill["editors"] = later.editors
    return dataclasses.replace(first, **fill) if fill else first
