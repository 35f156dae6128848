"""OCR debris: what a line holds when it holds nothing of the text ("a", "o>>", "O “", ". -")."""
from __future__ import annotations

import re

# left on a line of its own: no digits, at most one letter
RE_DEBRIS_LINE = re.compile(r"^[^\w]*[A-Za-z]?[^\w]*$")
DEBRIS_MAX_CHARS = 4


def is_debris(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and len(stripped) <= DEBRIS_MAX_CHARS and bool(RE_DEBRIS_LINE.match(stripped))
