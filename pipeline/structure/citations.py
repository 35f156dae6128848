"""Each note body read as a citation: authors, title, year, URL, publisher, cited pages, kind;
and one spelling per author across the book."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from rapidfuzz import fuzz

from ..records import Footnote

RE_CITATION_HINT = re.compile(
    r"\[Electronic resource\]|\bURL\s*:|\bhttps?\s*:|\bwww\s*\.|Publishing|\b[PCР]\.\s*\d|"
    r"\s[-–]\s+(?:19|20)\d{2}\s*\.|\.\s*[-–]\s*URL",
    re.I,
)
RE_URL = re.compile(r"(?P<url>(?:https?\s*:\s*/\s*/|www\s*\.)\s*\S.*)$", re.I | re.S)
RE_YEAR_DASHED = re.compile(r"[-–]\s+((?:19|20)\d{2})\s*[.,]")
RE_YEAR_PUBLISHER = re.compile(r",\s*((?:19|20)\d{2})\s*\.")
RE_YEAR_ANY = re.compile(r"\b((?:19|20)\d{2})\b")
RE_AUTHOR = re.compile(r"^([A-Z][a-z]+(?:-[A-Z][a-z]+)?),\s+((?:[A-Z]\.\s?){1,2})(?=\s)")
RE_CITED_PAGES = re.compile(r"(?<![\w])[PCР]\.\s*(\d+(?:\s*[-–]\s*\d+)?)")
RE_PUBLISHER = re.compile(
    r"[-–]\s+([A-Z][^/\[\]]*?(?:Publishing|Press|Verlag|Publishers|Izdatel\w*|House)[^,/]*?)\s*,\s*(?:19|20)\d{2}"
)
RE_TITLE_END = re.compile(r"\s(?:/|//|\[Electronic resource\])|\s[-–]\s+(?:URL|(?:19|20)\d{2})")


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def parse_citation(text: str) -> dict:
    """Split a footnote body into citation fields. Never raises."""
    url = None
    m = RE_URL.search(text)
    head = text
    if m:
        url = re.sub(r"\s+", "", m.group("url")).rstrip(".,;")
        head = text[: m.start()]
    year = None
    for rx in (RE_YEAR_DASHED, RE_YEAR_PUBLISHER):
        y = rx.search(head)
        if y:
            year = int(y.group(1))
            break
    if year is None:
        y = RE_YEAR_ANY.findall(head)
        year = int(y[-1]) if y else None
    authors: list[str] = []
    rest = text
    a = RE_AUTHOR.match(text)
    if a:
        authors.append(f"{a.group(1)}, {a.group(2).replace(' ', '').strip()}")
        rest = text[a.end():].strip()
    title_end = RE_TITLE_END.search(rest)
    title = (rest[: title_end.start()] if title_end else rest).strip(" .-–") or None
    pages_ref = RE_CITED_PAGES.findall(head)
    cited = re.sub(r"\s*[-–]\s*", "-", pages_ref[-1]) if pages_ref else None
    pub = RE_PUBLISHER.search(head)
    publisher = collapse(pub.group(1)) if pub else None
    if url or "[Electronic resource]" in text:
        kind = "web"
    elif publisher or cited:
        kind = "book"
    else:
        kind = "other"
    return {"url": url, "year": year, "authors": tuple(authors), "title": title,
            "publisher": publisher, "cited_pages": cited, "kind": kind}


AUTHOR_MERGE_CUTOFF = 80  # rapidfuzz ratio of two surnames spelled two ways ("Zalessky" / "Zaleski")


def canonical_authors(notes: Sequence[Footnote]) -> dict[str, str]:
    """Each author as written -> one spelling per person across the book.

    Two names are one person when their initials agree (one may be the fuller: "B." and
    "B.L.") and their surnames differ only by transliteration (rapidfuzz ratio >= cutoff).
    The most frequent surname spelling and the fullest initials stand for the person."""
    counts = Counter(a for n in notes for a in n.authors)
    people: list[list[str]] = []
    for name in sorted(counts, key=lambda a: (-counts[a], a)):
        surname, initials = _split_author(name)
        for person in people:
            s2, i2 = _split_author(person[0])
            if (initials.startswith(i2) or i2.startswith(initials)) and \
                    fuzz.ratio(surname.lower(), s2.lower()) >= AUTHOR_MERGE_CUTOFF:
                person.append(name)
                break
        else:
            people.append([name])
    out = {}
    for person in people:
        surname = _split_author(person[0])[0]
        initials = max((_split_author(n)[1] for n in person), key=len)
        canonical = f"{surname}, {initials}" if initials else surname
        out.update({n: canonical for n in person})
    return out


def _split_author(name: str) -> tuple[str, str]:
    surname, _, initials = name.partition(",")
    return surname.strip(), initials.replace(" ", "").strip()

