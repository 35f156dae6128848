"""Read a source document: a text dump of a book, or its PDF (checked here, its pages read by pdf.py).

UTF-8 is expected; a legacy code page is detected and named in the documents table."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

from .names import doc_id_for, work_and_edition
from ..records import SourceDocument

SUPPORTED_SUFFIXES = (".txt", ".pdf")
# a text dump is mostly printable: more control bytes than this means binary junk. pdftotext
# writes a glyph its font maps to no character as a control byte (about 1% of a manual set in
# such fonts); random or compressed bytes hold about 11%.
MAX_CONTROL_SHARE = 0.05


class InputError(ValueError):
    """A document that cannot be read; the message names the file and the problem."""


def read_document(path: Path) -> SourceDocument:
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a folder; give the files in it, or put them in raw/")
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise InputError(f"{path}: unsupported file type '{path.suffix or '(none)'}' "
                         f"(supported: {', '.join(SUPPORTED_SUFFIXES)})")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"{path}: cannot be read ({err.strerror or type(err).__name__})") from None
    if not data.strip():
        raise InputError(f"{path}: the file is empty")
    if path.suffix.lower() == ".pdf":
        return _read_pdf(path, data)
    text, encoding = decode_text(data, path)
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > MAX_CONTROL_SHARE * len(text):
        raise InputError(f"{path}: looks like binary data, not text")
    return _document(path, data, text=text, encoding=encoding, kind="text")


def _document(path: Path, data: bytes, *, text: str, encoding: str, kind: str,
              source_date: str | None = None) -> SourceDocument:
    return SourceDocument(
        doc_id=doc_id_for(path), source_path=str(path), source_sha256=hashlib.sha256(data).hexdigest(),
        title=_title(text, path), text=text, encoding=encoding, edition=work_and_edition(path.stem)[1], kind=kind,
        source_date=source_date,
    )


def _read_pdf(path: Path, data: bytes) -> SourceDocument:
    """A PDF is checked here (readable, not encrypted, has text); its pages are read by the
    structure stage, which is cached by the file's hash."""
    from .pdf import PdfError, check_pdf
    if not data.startswith(b"%PDF"):
        raise InputError(f"{path}: not a PDF (the file does not start with %PDF)")
    try:
        check_pdf(path)
    except PdfError as err:
        raise InputError(str(err)) from None
    return _document(path, data, text="", encoding="pdf", kind="pdf", source_date=pdf_date(path))


RE_PDF_DATE = re.compile(r"^(?:D:)?((?:19|20)\d\d)(\d\d)?(\d\d)?")


def pdf_date(path: Path) -> str | None:
    """The ISO date a PDF says it was made: its CreationDate, else its ModDate; None without one."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text
    try:
        with open(path, "rb") as fh:
            infos = PDFDocument(PDFParser(fh)).info
            for key in ("CreationDate", "ModDate"):
                for info in infos:
                    value = resolve1(info.get(key))
                    if isinstance(value, bytes):
                        value = decode_text(value)
                    m = RE_PDF_DATE.match(value.strip()) if isinstance(value, str) else None
                    if m:
                        year, month, day = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
                        try:
                            return dt.date(year, month, day).isoformat()
                        except ValueError:
                            return dt.date(year, 1, 1).isoformat()
    except Exception:  # damaged metadata says nothing; the PDF was checked readable already
        return None
    return None


BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def decode_text(data: bytes, path: Path) -> tuple[str, str]:
    """The text and the encoding it was read with: UTF-8 (or a BOM's), else a guessed legacy code page.

    Legacy dumps of books like this one come as Windows-1251 (Cyrillic) or Windows-1252
    (Western). Cyrillic words are runs of high bytes; Western accents are single high bytes
    inside ASCII words, which tells the two apart."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as err:
                raise InputError(f"{path}: starts with a {encoding} byte-order mark but does not decode "
                                 f"as {encoding} (byte {err.start})") from None
    controls = sum(1 for b in data if (b < 32 and b not in b"\n\r\t\f") or b == 0x7F)
    if controls > MAX_CONTROL_SHARE * len(data):
        raise InputError(f"{path}: looks like binary data, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        utf8_error = err.start
    high = [i for i, b in enumerate(data) if b >= 0x80]
    runs = sum(1 for i in high if (i + 1 < len(data) and data[i + 1] >= 0x80) or (i > 0 and data[i - 1] >= 0x80))
    encoding = "cp1251" if high and runs / len(high) > 0.5 else "cp1252"
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text (byte {utf8_error}) and not {encoding} either; "
                         f"re-save it as UTF-8") from None


def _title(text: str, path: Path) -> str:
    """The work's name from the file name, edition suffix left out: a text dump has no reliable title line."""
    work, _ = work_and_edition(path.stem)
    return work.replace("-", " ").replace("_", " ").strip().capitalize()
