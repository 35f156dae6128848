"""Content-derived ids: the same content gets the same id in every run and every edition."""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable

ID_CHARS = 16
RE_NOT_ALNUM = re.compile(r"[\W_]+", re.UNICODE)


def normalise_for_id(text: str) -> str:
    """Case, spacing, punctuation and line wrapping do not change an id."""
    return RE_NOT_ALNUM.sub("", text.casefold())


def stable_id(*parts: str) -> str:
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:ID_CHARS]


def content_ids(keys: Iterable[str], *, scope: str = "") -> list[str]:
    """One id per key; a repeated key gets its occurrence index as the tie-break."""
    seen: Counter[str] = Counter()
    out = []
    for key in keys:
        out.append(stable_id(scope, key, str(seen[key])))
        seen[key] += 1
    return out
