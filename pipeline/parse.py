"""Stage 0: read a source document. Text dumps now; a PDF is refused with a clear reason."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from .records import SourceDocument

SUPPORTED_SUFFIXES = (".txt",)
RE_SLUG = re.compile(r"[^a-z0-9]+")
# a text dump is mostly printable: more control bytes than this means binary junk
MAX_CONTROL_SHARE = 0.01


class InputError(ValueError):
    """A document that cannot be read; the message names the file and the problem."""


def doc_id_for(path: Path) -> str:
    return RE_SLUG.sub("-", path.stem.lower()).strip("-") or "document"


def read_document(path: Path) -> SourceDocument:
    path = Path(path)
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise InputError(f"{path}: unsupported file type '{path.suffix or '(none)'}' "
                         f"(supported: {', '.join(SUPPORTED_SUFFIXES)}; PDF input is not built yet)")
    data = path.read_bytes()
    if not data.strip():
        raise InputError(f"{path}: the file is empty")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(f"{path}: not UTF-8 text (byte {err.start}); re-save it as UTF-8") from None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > MAX_CONTROL_SHARE * len(text):
        raise InputError(f"{path}: looks like binary data, not text")
    return SourceDocument(
        doc_id=doc_id_for(path), source_path=str(path), source_sha256=hashlib.sha256(data).hexdigest(),
        title=_title(text, path), text=text,
    )


def _title(text: str, path: Path) -> str:
    """The file name made readable: a text dump has no reliable title line."""
    return path.stem.replace("-", " ").replace("_", " ").strip().capitalize()
