"""What a file's name says: the document's id, the work it is an edition of, the edition label,
the edition's number and the years the name carries."""
from __future__ import annotations

import re
from pathlib import Path

RE_SLUG = re.compile(r"[^a-z0-9]+")
ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                 "eighth": 8, "ninth": 9, "tenth": 10}
_SEP = r"[-_ .,()\[\]]"
_ED = r"(?:edition|edn|ed|izdanie|izd|издание|изд)"
_ORDINAL = "|".join(ORDINAL_WORDS)
# "book-2e", "book_2nd_edition", "book-ed3", "book v2", "book-second-edition", "book (3rd rev. ed.)",
# "book-revised", "book-2-e-izd"; the label may be followed by a year ("book-2nd-ed-2024")
_NUMBERED = (
    rf"\d{{1,2}}(?:st|nd|rd|th|-?e|-?е)?{_SEP}?(?:(?:rev|revised|enl|enlarged|expanded|updated){_SEP}{{0,2}})?{_ED}"
    rf"|\d{{1,2}}e"
    rf"|(?:{_ED}|v|ver|version|rev|revision){_SEP}?\d{{1,2}}"
    rf"|(?:{_ORDINAL}){_SEP}(?:(?:rev|revised|enlarged|expanded|updated){_SEP}{{1,2}})?{_ED}"
)
# a word without a number marks an edition only at the end of a name ("new-horizons" is a title)
_LABEL = rf"{_NUMBERED}|(?:revised|rev|updated|expanded|enlarged|new)(?:{_SEP}{_ED})?"
RE_EDITION = re.compile(rf"{_SEP}+(?P<label>{_LABEL})(?P<tail>(?:{_SEP}+(?:19|20)\d\d)?{_SEP}*)$", re.IGNORECASE)
RE_EDITION_FIRST = re.compile(rf"^(?P<label>{_NUMBERED}){_SEP}+", re.IGNORECASE)  # "2nd-edition-book"
RE_YEAR = re.compile(r"(?<![0-9])(?:1[89]|20)\d\d(?![0-9])")


def doc_id_for(path: Path) -> str:
    return RE_SLUG.sub("-", Path(path).stem.lower()).strip("-") or "document"


def work_and_edition(stem: str) -> tuple[str, str | None]:
    """'far-arc-monograph-2e' -> ('far-arc-monograph', '2e'); no edition in the name -> None.

    The label is the last part of the name (a year may follow it) or its first part
    ('2nd-edition-far-arc')."""
    m = RE_EDITION.search(stem)
    if m and m.start() > 0:
        return stem[:m.start()], m.group("label").lower()
    m = RE_EDITION_FIRST.match(stem)
    if m and m.end() < len(stem):
        return stem[m.end():], m.group("label").lower()
    return stem, None


def edition_number(label: str | None) -> int | None:
    """1 for no label (the first edition), the number a label gives ('2e', 'ed3', 'third-edition'),
    None for a label without one ('revised': later than the first, number unknown)."""
    if label is None:
        return 1
    digits = re.search(r"\d+", label)
    if digits:
        return int(digits.group())
    for word, n in ORDINAL_WORDS.items():
        if label.startswith(word):
            return n
    return None


def name_years(stem: str) -> tuple[int, ...]:
    """The years a name carries ('budget-2019-2e' -> (2019,)), in order."""
    return tuple(int(y) for y in RE_YEAR.findall(stem))
