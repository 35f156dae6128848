"""What a file's name says: the document's id, the work it is an edition of, the edition label."""
from __future__ import annotations

import re
from pathlib import Path

RE_SLUG = re.compile(r"[^a-z0-9]+")
# "book-2e", "book_2nd_edition", "book-ed3", "book v2", "book-second-edition"
RE_EDITION = re.compile(
    r"[-_ .]+(?P<label>\d+(?:st|nd|rd|th)?[-_ ]?(?:ed(?:ition)?|e)|(?:ed(?:ition)?|v|rev)[-_ ]?\d+|"
    r"(?:first|second|third|fourth|fifth|sixth|revised|new)[-_ ]edition)$", re.I)


def doc_id_for(path: Path) -> str:
    return RE_SLUG.sub("-", Path(path).stem.lower()).strip("-") or "document"


def work_and_edition(stem: str) -> tuple[str, str | None]:
    """'far-arc-monograph-2e' -> ('far-arc-monograph', '2e'); no edition in the name -> None."""
    m = RE_EDITION.search(stem)
    if not m:
        return stem, None
    return stem[:m.start()], m.group("label").lower()
