"""Editions of one work side by side: which documents are editions of the same work, and what
changed between two editions, chapter by chapter, paragraph, claim and footnote.

Ids come from content (ids.py), so an unchanged item has the same id in both editions: those
are "same" whatever moved around them. What is left is paired by text similarity (rapidfuzz)
within matched chapters, in document order: an edited sentence is "changed", with both ids,
not a removal plus an addition.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from rapidfuzz import fuzz

ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}
CHANGED_CUTOFF = 60  # rapidfuzz ratio from which two unmatched items are one item, edited
CHAPTER_TITLE_CUTOFF = 85
LEVELS = ("chapter", "paragraph", "claim", "footnote")


def edition_rank(label: str | None) -> int:
    """Order of editions: no label is the first; '2e', 'ed2', 'second-edition' are the second."""
    if label is None:
        return 1
    digits = re.search(r"\d+", label)
    if digits:
        return int(digits.group())
    for word, n in ORDINAL_WORDS.items():
        if label.startswith(word):
            return n
    return 99  # "revised", "new": after the numbered ones


def pair_editions(documents: Sequence[dict], explicit: Sequence[tuple[str, str]] = ()) -> list[tuple[str, str]]:
    """(old doc_id, new doc_id) for consecutive editions of each work, plus explicit pairs."""
    pairs = list(explicit)
    paired_new = {new for _, new in explicit}
    by_work: dict[str, list[dict]] = defaultdict(list)
    for d in documents:
        by_work[d["work"]].append(d)
    for editions in by_work.values():
        editions.sort(key=lambda d: (edition_rank(d["edition"]), d["doc_id"]))
        for old, new in zip(editions, editions[1:]):
            if new["doc_id"] not in paired_new:
                pairs.append((old["doc_id"], new["doc_id"]))
    return pairs


def _similarity(a: str, b: str) -> float:
    return fuzz.ratio(a, b) / 100.0


def align(old: Sequence[tuple[str, str]], new: Sequence[tuple[str, str]],
          cutoff: int = CHANGED_CUTOFF) -> list[tuple[str, str | None, str | None, float]]:
    """(status, old_id, new_id, similarity) for two lists of (id, text) in document order.

    Equal ids are "same"; each remaining new item takes the most similar remaining old item
    that lies between the same anchors (so order is kept), if similar enough: "changed".
    """
    new_ids = {i for i, _ in new}
    old_ids = {i for i, _ in old}
    old_pos = {i: k for k, (i, _) in enumerate(old)}
    rows: list[tuple[str, str | None, str | None, float]] = []
    used: set[int] = set()
    last_anchor = -1  # position in `old` of the last item placed
    pending_new: list[tuple[str, str]] = []

    def flush(upper: int):
        nonlocal last_anchor
        for nid, ntext in pending_new:
            best, best_score = None, cutoff - 1
            for k in range(last_anchor + 1, upper):
                oid, otext = old[k]
                if k in used or oid in new_ids:
                    continue
                score = fuzz.ratio(otext, ntext)
                if score > best_score:
                    best, best_score = k, score
            if best is None:
                rows.append(("added", None, nid, 0.0))
            else:
                for k in range(last_anchor + 1, best):  # old items passed over were removed
                    if k not in used and old[k][0] not in new_ids:
                        used.add(k)
                        rows.append(("removed", old[k][0], None, 0.0))
                used.add(best)
                last_anchor = best
                rows.append(("changed", old[best][0], nid, best_score / 100.0))
        pending_new.clear()

    for nid, ntext in new:
        if nid in old_ids:
            k = old_pos[nid]
            flush(k)
            for j in range(last_anchor + 1, k):
                if j not in used and old[j][0] not in new_ids:
                    used.add(j)
                    rows.append(("removed", old[j][0], None, 0.0))
            used.add(k)
            last_anchor = max(last_anchor, k)
            rows.append(("same", nid, nid, 1.0))
        else:
            pending_new.append((nid, ntext))
    flush(len(old))
    for k, (oid, _) in enumerate(old):
        if k not in used and oid not in new_ids:
            rows.append(("removed", oid, None, 0.0))
    return rows


def diff_editions(old: dict[str, list[dict]], new: dict[str, list[dict]]) -> list[dict]:
    """edition_diff rows for one pair of editions, from their table rows."""
    old_doc, new_doc = old["documents"][0]["doc_id"], new["documents"][0]["doc_id"]
    rows: list[dict] = []

    def emit(level, status, old_id, new_id, similarity, old_text, new_text):
        rows.append({"doc_id": new_doc, "doc_id_old": old_doc, "doc_id_new": new_doc, "level": level,
                     "status": status, "old_id": old_id, "new_id": new_id, "similarity": round(similarity, 4),
                     "old_text": old_text, "new_text": new_text})

    def grouped(table, key):
        out = defaultdict(list)
        for r in table:
            out[r[key]].append(r)
        return out

    old_paras, new_paras = grouped(old["paragraphs"], "chapter_id"), grouped(new["paragraphs"], "chapter_id")
    old_claims, new_claims = grouped(old["claims"], "paragraph_id"), grouped(new["claims"], "paragraph_id")
    old_chapter = {c["chapter_id"]: c for c in old["chapters"]}
    new_chapter = {c["chapter_id"]: c for c in new["chapters"]}

    def chapter_text(paras):
        return " ".join(p["text"] for p in paras)

    chapter_pairs = align([(c["chapter_id"], c["title"]) for c in old["chapters"]],
                          [(c["chapter_id"], c["title"]) for c in new["chapters"]], cutoff=CHAPTER_TITLE_CUTOFF)
    # front matter (no chapter) is aligned like a chapter of its own
    for status, old_id, new_id, _ in [("front", None, None, 1.0)] + chapter_pairs:
        o_paras = old_paras.get(old_id, []) if old_id or status == "front" else []
        n_paras = new_paras.get(new_id, []) if new_id or status == "front" else []
        para_rows = align([(p["paragraph_id"], p["text"]) for p in o_paras], [(p["paragraph_id"], p["text"]) for p in n_paras])
        if status == "front":
            pass
        elif status in ("same", "changed"):
            unchanged = all(s == "same" for s, *_ in para_rows) and status == "same"
            similarity = 1.0 if unchanged else _similarity(chapter_text(o_paras), chapter_text(n_paras))
            emit("chapter", "same" if unchanged else "changed", old_id, new_id, similarity,
                 old_chapter[old_id]["title"], new_chapter[new_id]["title"])
        else:
            emit("chapter", status, old_id, new_id, 0.0,
                 old_chapter[old_id]["title"] if old_id else None, new_chapter[new_id]["title"] if new_id else None)
        old_para_text = {p["paragraph_id"]: p["text"] for p in o_paras}
        new_para_text = {p["paragraph_id"]: p["text"] for p in n_paras}
        old_in_chapter = [c for p in o_paras for c in old_claims.get(p["paragraph_id"], [])]
        new_in_chapter = [c for p in n_paras for c in new_claims.get(p["paragraph_id"], [])]
        for s, o, n, sim in para_rows:
            emit("paragraph", s, o, n, sim, old_para_text.get(o), new_para_text.get(n))
        old_claim_text = {c["claim_id"]: c["text"] for c in old_in_chapter}
        new_claim_text = {c["claim_id"]: c["text"] for c in new_in_chapter}
        for s, o, n, sim in align([(c["claim_id"], c["text"]) for c in old_in_chapter],
                                  [(c["claim_id"], c["text"]) for c in new_in_chapter]):
            emit("claim", s, o, n, sim, old_claim_text.get(o), new_claim_text.get(n))

    old_notes = {f["footnote_id"]: f["text"] for f in old["footnotes"]}
    new_notes = {f["footnote_id"]: f["text"] for f in new["footnotes"]}
    for s, o, n, sim in align(list(old_notes.items()), list(new_notes.items())):
        emit("footnote", s, o, n, sim, old_notes.get(o), new_notes.get(n))
    return rows


def edition_diff_rows(rows_per_doc: Sequence[dict[str, list[dict]]],
                      explicit: Sequence[tuple[str, str]] = ()) -> list[dict]:
    by_doc = {rows["documents"][0]["doc_id"]: rows for rows in rows_per_doc}
    out = []
    for old_id, new_id in pair_editions([rows["documents"][0] for rows in rows_per_doc], explicit):
        if old_id in by_doc and new_id in by_doc:
            out.extend(diff_editions(by_doc[old_id], by_doc[new_id]))
    return out
