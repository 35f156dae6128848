"""How an extraction of a typeset test book compares with the text it was typeset from.

`score_book(structure, truth)`: the share of the book's notes found with their number on the page
where their body is printed (a page either side allowed) and with their text, the share linked to
the sentence that carries their marker, and the share of chapters found by title.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from rapidfuzz import fuzz

BOOKS = Path(__file__).parent / "books"
MANIFEST = Path(__file__).parent / "books.json"


def squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", str(text or "")).lower()


SECOND = Path(__file__).parent / "books-second"  # the second printing (make_books.py --second)
SECOND_MANIFEST = Path(__file__).parent / "books-second.json"


def books(manifest: Path = MANIFEST) -> list[dict]:
    return json.loads(manifest.read_text(encoding="utf-8"))["books"]


def truth_of(name: str, folder: Path = BOOKS) -> dict:
    return json.loads((folder / f"{name}.truth.json").read_text(encoding="utf-8"))


def score_book(structure, truth: dict) -> dict[str, float]:
    claim_text = {c.claim_id: c.text for c in structure.claims}
    linked: dict[str, list[str]] = {}
    for link in structure.links:
        linked.setdefault(link.footnote_id, []).append(claim_text.get(link.claim_id, ""))
    taken: set[str] = set()
    found = ok_link = 0
    misses = []
    for note in truth["notes"]:
        want = squash(note["text"])[:80]
        hit = None
        for f in structure.footnotes:
            if f.footnote_id in taken or f.number != note["number"]:
                continue
            if abs(f.page - note["pdf_page_of_body"]) > 1:
                continue
            if fuzz.ratio(want, squash(f.text)[: len(want)]) >= 90:
                hit = f
                break
        if hit is None:
            misses.append(("note", note["chapter_seq"], note["number"]))
            continue
        taken.add(hit.footnote_id)
        found += 1
        head = squash(note["marker_sentence"])[:50]
        if any(fuzz.partial_ratio(head, squash(t)) >= 90 for t in linked.get(hit.footnote_id, [])):
            ok_link += 1
        else:
            misses.append(("link", note["chapter_seq"], note["number"]))
    titles = [squash(c.title) for c in structure.chapters]
    chapters_found = sum(any(squash(c["title"]) in t or fuzz.ratio(squash(c["title"]), t) >= 90 for t in titles)
                         for c in truth["chapters"])
    n = len(truth["notes"]) or 1
    return {"found": found / n, "linked": ok_link / n, "chapters": chapters_found / (len(truth["chapters"]) or 1),
            "misses": misses}
