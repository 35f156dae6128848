"""Check every books/NAME.truth.json against its book, independently of how make_books.py found it.

Uses only the text dumps beside each PDF (pdftotext and pdfplumber; a check passes if it holds in
either, since pdftotext sometimes sets a raised marker of a widely spaced line on a line of its own) and
the truth's own fields:
  - numbering follows the scheme: book 1..N; chapter restarts at 1 each chapter; page and symbol restart
    at 1 on each page of the markers (symbol = the n-th of * † ‡ § ¶ ‖ ** ...);
  - pages only go forward, a footnote's text starts on its marker's page or later, an endnote's after the
    chapter's text;
  - each chapter title is on its first page; each note's opening words (after its label) are on
    pdf_page_of_body and its closing words on pdf_page_of_body_end; each marker label follows the end of
    its sentence on pdf_page_of_marker; the printed page number is on its page;
  - every note of source.json cited by the book's chapters is there once, with its text.
Prints one line per book and exits non-zero if anything is off.

    /work/main/.venv/bin/python tests/typeset/check_truth.py [--second]
"""
from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
SYMBOLS = ["*", "†", "‡", "§", "¶", "‖", "**", "††", "‡‡", "§§", "¶¶", "‖‖"]


def norm(s: str) -> str:
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", unicodedata.normalize("NFKC", s))


def on_page(dumps: list[list[str]], page: int, test) -> bool:
    """`test(normalised page text, raw page text)` holds in at least one of the dumps."""
    return any(test(norm(d[page - 1]), d[page - 1]) for d in dumps)


def check(truth: dict, dumps: list[list[str]], source: dict) -> list[str]:
    bad = []
    for d in dumps:
        if len(d) != truth["pdf_pages"]:
            bad.append(f"{len(d)} pages in a dump, {truth['pdf_pages']} in the truth")
    for ch in truth["chapters"]:
        if not on_page(dumps, ch["first_pdf_page"], lambda p, raw, t=norm(ch["title"]): t in p):
            bad.append(f"chapter {ch['seq']}: title not on page {ch['first_pdf_page']}")

    def has_number(p, raw, number):
        lines = [norm(x) for x in raw.splitlines() if x.strip()]
        # pdftotext joins a line ending in a hyphen to the next, so the number may be glued to a word
        return bool(lines) and any(x.startswith(number) or x.endswith(number) for x in (lines[0], lines[-1]))

    for entry in truth["pages"]:
        if entry["printed"] is not None and not on_page(
                dumps, entry["pdf_page"], lambda p, raw, num=entry["printed"]: has_number(p, raw, num)):
            bad.append(f"page {entry['pdf_page']}: no {entry['printed']!r}")
    notes = truth["notes"]
    scheme, placement = truth["notes_scheme"], truth["notes_placement"]
    expect, last_chapter, per_page = 0, None, {}
    for k, n in enumerate(notes):
        if scheme == "book":
            expect += 1
        elif scheme == "chapter":
            expect = 1 if n["chapter_seq"] != last_chapter else expect + 1
        else:
            per_page[n["pdf_page_of_marker"]] = per_page.get(n["pdf_page_of_marker"], 0) + 1
            expect = per_page[n["pdf_page_of_marker"]]
        last_chapter = n["chapter_seq"]
        if n["number"] != expect:
            bad.append(f"note {k + 1}: number {n['number']}, expected {expect}")
        if scheme == "symbol" and n["symbol"] != SYMBOLS[n["number"] - 1]:
            bad.append(f"note {k + 1}: symbol {n['symbol']!r} for number {n['number']}")
        if scheme != "symbol" and n["symbol"] is not None:
            bad.append(f"note {k + 1}: symbol set")
        if k and (n["pdf_page_of_marker"] < notes[k - 1]["pdf_page_of_marker"]
                  or n["pdf_page_of_body"] < notes[k - 1]["pdf_page_of_body"]):
            bad.append(f"note {k + 1}: pages go back")
        if n["pdf_page_of_body"] < n["pdf_page_of_marker"] or n["pdf_page_of_body_end"] < n["pdf_page_of_body"]:
            bad.append(f"note {k + 1}: text before its marker")
        if placement == "foot" and n["pdf_page_of_body"] != n["pdf_page_of_marker"]:
            bad.append(f"note {k + 1}: footnote text not on its marker's page (possible, but check it)")
        label = n["symbol"] if scheme == "symbol" else str(n["number"])
        text = norm(n["text"])
        b, e = n["pdf_page_of_body"], n["pdf_page_of_body_end"]
        if b == e:
            if not on_page(dumps, b, lambda p, raw: text in p):
                bad.append(f"note {k + 1}: text not whole on page {b}")
        else:  # split: a head of the text ends page b's part, the rest is on page e
            ok = any(text[j:] in norm(d[e - 1]) and text[:j][-12:] in norm(d[b - 1])
                     for d in dumps for j in range(3, len(text) - 1))  # a URL's last letters may be all that runs on
            if not ok or not on_page(dumps, b, lambda p, raw: text[:10] in p):
                bad.append(f"note {k + 1}: text not split between pages {b} and {e}")
        sentence = n["marker_sentence"]
        if truth["marker_position"] == "before-final-punctuation":
            m = re.search(r"(?<=[^\s\"”’»)\]])[.;:!?]+$", sentence)
            if m:
                sentence = sentence[: m.start()]
        # the label follows the sentence, possibly after other labels of the same sentence ("12,13");
        # the sentence may start on the page before, so its last few characters are enough
        found = False
        for size in (12, 6, 3, 1):
            tail = norm(sentence)[-size:]
            pattern = re.escape(tail) + r"(?:[\d*†‡§¶‖]+,?)*" + re.escape(label)
            if on_page(dumps, n["pdf_page_of_marker"], lambda p, raw: re.search(pattern, p) is not None):
                found = True
                break
        if not found:
            bad.append(f"note {k + 1}: marker {label!r} not after {sentence[-30:]!r} on page "
                       f"{n['pdf_page_of_marker']}")
    by_seq = {c["source_seq"]: c for c in source["chapters"]}
    wanted = [(k + 1, m["number"], m["text"]) for k, ch in enumerate(truth["chapters"])
              for m in by_seq[ch["source_seq"]]["notes"]]
    got = [(n["chapter_seq"], n["source_number"], n["text"]) for n in notes]
    if wanted != got:
        bad.append("the notes are not those of source.json, once each, in order")
    return bad


def main(argv: list[str] | None = None) -> int:
    second = "--second" in (sys.argv[1:] if argv is None else argv)  # the second printing's books
    source = json.loads((HERE / "source.json").read_text(encoding="utf-8"))
    manifest = json.loads((HERE / ("books-second.json" if second else "books.json")).read_text(encoding="utf-8"))
    failed = 0
    for book in manifest["books"]:
        truth = json.loads((HERE / book["truth"]).read_text(encoding="utf-8"))
        dumps = []
        for suffix in (".pdftotext.txt", ".pdfplumber.txt"):
            pages = (HERE / book["file"]).with_suffix(suffix).read_text(encoding="utf-8").split("\f")
            if suffix == ".pdftotext.txt" and pages and not pages[-1].strip():
                pages = pages[:-1]  # pdftotext ends every page with a form feed
            dumps.append(pages)
        bad = check(truth, dumps, source)
        failed += bool(bad)
        print(f"{book['name']}: {len(truth['notes'])} notes, {len(truth['chapters'])} chapters, "
              f"{'ok' if not bad else f'{len(bad)} problems'}")
        for line in bad[:20]:
            print("   ", line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
