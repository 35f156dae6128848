"""The reader view of report.html: each page's clean text, claim by claim and paragraph by
paragraph, with the entities, dates and money amounts found in it highlighted the way displaCy
shows entities (spaCy's `displacy` renders the spans), each claim's note markers at its end (the
marker is removed from the clean text; the link says which claim carries it), the page's notes,
its source text and what was removed from it.

A page is a small JSON record: the HTML of its claims (rendered here, once per document), the
printed page number and the notes printed on it. The records travel in the report as embedded
JSON and the page on show is drawn from them on navigation, so a 370-page book stays a few
megabytes and opens at once."""
from __future__ import annotations

import html
import json
import re
from collections import defaultdict
from collections.abc import Mapping

import pandas as pd

from .views import country_names, mention_countries, of_doc

# where two mentions overlap only one is drawn: money and dates (narrow, rule-made spans) over
# entities, then the longer one
KIND_PRIORITY = {"money": 0, "date": 1, "ent": 2}
TPL_MARK = '<mark class="m k-{kind} l-{label}" title="{tip}">{text}<b>{label}</b></mark>'
RE_DISPLACY_DOC = re.compile(r'<div class="entities" style="[^"]*">(.*?)</div>', re.DOTALL)
READER_CLAIMS_PER_CALL = 2000  # claims rendered per displacy call


def label_colours() -> dict[str, str]:
    """displaCy's colours per label (DATE and MONEY included)."""
    from spacy.displacy.render import DEFAULT_LABEL_COLORS
    return dict(DEFAULT_LABEL_COLORS)


def _fmt_amount(value) -> str:
    if value is None or pd.isna(value):
        return "?"
    value = float(value)
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"), (1e3, "thousand")):
        if abs(value) >= scale:
            return f"{value / scale:,.4g} {word}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _date_tip(row) -> str:
    start = row.start.date().isoformat() if pd.notna(row.start) else "open"
    end = row.end.date().isoformat() if pd.notna(row.end) else "open"
    tip = "unresolved" if pd.isna(row.start) and pd.isna(row.end) else f"{start} to {end}"
    extra = [str(x) for x in (row.grain, row.mod) if isinstance(x, str) and x]
    if bool(row.relative) if pd.notna(row.relative) else False:
        extra.append("relative")
    return tip + (f" ({', '.join(extra)})" if extra else "")


def _money_tip(row) -> str:
    currency = row.currency if isinstance(row.currency, str) else "?"
    if pd.notna(row.value):
        amount = _fmt_amount(row.value)
    else:
        amount = f"{_fmt_amount(row.min)} to {_fmt_amount(row.max)}"
    qualifier = f" ({row.qualifier})" if isinstance(row.qualifier, str) else ""
    return f"{amount} {currency}{qualifier}"


def mention_spans(t: Mapping[str, pd.DataFrame], doc_id: str) -> pd.DataFrame:
    """Every mention of the document as a span of its claim's text: claim_id, start, end, kind
    (ent/date/money), label (the entity label, DATE, MONEY) and tip (what it was read as)."""
    parts = []
    ents = of_doc(t, "entities", doc_id)
    if not ents.empty:
        names = country_names(t, doc_id)
        codes = mention_countries(ents)
        tips = [f"{canon}" + (f" · {', '.join(names[c] + ' ' + c for c in cs)}" if cs else "")
                for canon, cs in zip(ents["canonical"].fillna(ents["text"]), codes)]
        parts.append(pd.DataFrame({"claim_id": ents["claim_id"], "start": ents["start_char"], "end": ents["end_char"],
                                   "kind": "ent", "label": ents["label"].astype(str), "tip": tips}))
    dates = of_doc(t, "dates", doc_id)
    if not dates.empty:
        parts.append(pd.DataFrame({"claim_id": dates["claim_id"], "start": dates["start_char"], "end": dates["end_char"],
                                   "kind": "date", "label": "DATE",
                                   "tip": [_date_tip(r) for r in dates.itertuples()]}))
    money = of_doc(t, "money", doc_id)
    if not money.empty:
        parts.append(pd.DataFrame({"claim_id": money["claim_id"], "start": money["start_char"], "end": money["end_char"],
                                   "kind": "money", "label": "MONEY",
                                   "tip": [_money_tip(r) for r in money.itertuples()]}))
    if not parts:
        return pd.DataFrame(columns=["claim_id", "start", "end", "kind", "label", "tip"])
    spans = pd.concat(parts, ignore_index=True)
    return spans.dropna(subset=["start", "end"]).astype({"start": "int64", "end": "int64"})


def drawn_spans(spans: list[dict]) -> tuple[list[dict], int]:
    """The spans drawn for one claim, none overlapping (KIND_PRIORITY, then the longer), and how
    many were left out for overlapping one drawn."""
    chosen: list[dict] = []
    for s in sorted(spans, key=lambda s: (KIND_PRIORITY[s["kind"]], s["start"] - s["end"], s["start"])):
        if s["end"] > s["start"] and all(s["end"] <= c["start"] or s["start"] >= c["end"] for c in chosen):
            chosen.append(s)
    return sorted(chosen, key=lambda s: s["start"]), len(spans) - len(chosen)


def displacy_docs(t: Mapping[str, pd.DataFrame], doc_id: str, page: int) -> list[dict]:
    """The claims starting on one page as displacy's manual "ent" input, the spans the reader
    draws: `displacy.render(displacy_docs(t, doc, 12), style="ent", manual=True)`."""
    claims = of_doc(t, "claims", doc_id)
    claims = claims[claims["page"] == page].sort_values("seq")
    spans = mention_spans(t, doc_id)
    spans = spans[spans["claim_id"].isin(set(claims["claim_id"]))]
    spans_of: dict[str, list[dict]] = defaultdict(list)
    for s in spans.to_dict("records"):
        spans_of[s["claim_id"]].append(s)
    return [{"text": text, "ents": [{"start": s["start"], "end": s["end"], "label": s["label"]}
                                    for s in drawn_spans(spans_of.get(cid, []))[0]]}
            for cid, text in zip(claims["claim_id"], claims["text"].fillna(""))]


def render_claims(texts: list[str], spans: list[list[dict]]) -> list[str]:
    """Each claim's text as HTML with its spans marked, by displacy (manual "ent" style)."""
    from spacy import displacy
    colours = label_colours()
    out: list[str] = []
    for k in range(0, len(texts), READER_CLAIMS_PER_CALL):
        docs = [{"text": text, "ents": [{"start": s["start"], "end": s["end"], "label": s["label"],
                                          "params": {"kind": s["kind"], "tip": html.escape(s["tip"])}}
                                         for s in claim_spans]}
                for text, claim_spans in zip(texts[k:k + READER_CLAIMS_PER_CALL], spans[k:k + READER_CLAIMS_PER_CALL])]
        markup = displacy.render(docs, style="ent", manual=True, jupyter=False,
                                 options={"template": TPL_MARK, "colors": colours})
        inner = RE_DISPLACY_DOC.findall(markup)
        if len(inner) != len(docs):
            raise RuntimeError(f"displacy gave {len(inner)} fragments for {len(docs)} claims")
        out.extend(inner)
    return out


def reader_data(t: Mapping[str, pd.DataFrame], doc_id: str) -> tuple[dict, dict]:
    """The reader's records for one document, and counts for the report's checks
    (`overlapping`: mentions not drawn because they overlap another)."""
    pages = of_doc(t, "pages", doc_id).sort_values("page")
    claims = of_doc(t, "claims", doc_id).sort_values("seq")
    chapters = of_doc(t, "chapters", doc_id).sort_values("seq")
    paragraphs = of_doc(t, "paragraphs", doc_id)
    notes = of_doc(t, "footnotes", doc_id)
    links = of_doc(t, "claim_footnotes", doc_id)

    chapter_index = {cid: k for k, cid in enumerate(chapters["chapter_id"])} if not chapters.empty else {}
    chapter_titles = chapters["title"].tolist() if not chapters.empty else []
    # notes by footnote_id, never by number: numbers restart per chapter in some books
    notes = notes.sort_values(["page", "number"]) if not notes.empty else notes
    note_index = {fid: k for k, fid in enumerate(notes["footnote_id"])} if not notes.empty else {}
    note_records = []
    for r in notes.itertuples():
        chapter = chapter_index.get(getattr(r, "chapter_id", None), -1) if "chapter_id" in notes.columns else -1
        number = None if pd.isna(r.number) else int(r.number)
        note_records.append([number, r.text if isinstance(r.text, str) else "",
                             int(r.page) if pd.notna(r.page) else 0, chapter])
    markers: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for r in links.itertuples():
        k = note_index.get(r.footnote_id)
        if k is not None:
            markers[r.claim_id].append((note_records[k][0] if note_records[k][0] is not None else 10**9, k))

    spans_of: dict[str, list[dict]] = defaultdict(list)
    for s in mention_spans(t, doc_id).to_dict("records"):
        spans_of[s["claim_id"]].append(s)
    drawn, overlapping = [], 0
    for cid in claims["claim_id"]:
        chosen, left_out = drawn_spans(spans_of.get(cid, []))
        drawn.append(chosen)
        overlapping += left_out
    claim_html = render_claims(claims["text"].fillna("").tolist(), drawn)

    para_start = dict(zip(paragraphs["paragraph_id"], paragraphs["start_page"])) if not paragraphs.empty else {}
    chapter_start = {r.chapter_id: int(r.start_page) for r in chapters.itertuples()}
    by_page: dict[int, list[str]] = defaultdict(list)
    open_paragraph: dict[int, str | None] = {}
    headed: set[str] = set()
    for (cid, pid, ch, page), inner in zip(claims[["claim_id", "paragraph_id", "chapter_id", "page"]].itertuples(index=False),
                                          claim_html):
        page = int(page)
        out = by_page[page]
        if pid != open_paragraph.get(page, None):
            if out:
                out.append("</p>")
            if ch in chapter_index and chapter_start.get(ch) == page and ch not in headed:
                headed.add(ch)
                out.append(f'<h4 class="chapter" data-ch="{chapter_index[ch]}">{html.escape(chapter_titles[chapter_index[ch]])}</h4>')
            cont = " class='cont' title='continued from an earlier page'" if para_start.get(pid, page) < page else ""
            out.append(f"<p{cont}>")
            open_paragraph[page] = pid
        sups = "".join(f'<sup class="nm" data-f="{k}" tabindex="0">{"*" if n == 10**9 else n}</sup>'
                       for n, k in sorted(markers.get(cid, [])))
        out.append(f'<span class="c" data-id="{cid}">{inner}{sups}</span> ')
    notes_on_page: dict[int, list[int]] = defaultdict(list)
    for k, rec in enumerate(note_records):
        notes_on_page[rec[2]].append(k)

    records = []
    for r in pages.itertuples():
        p = int(r.page)
        body = "".join(by_page.get(p, []))
        if body:
            body += "</p>"
        removed = [x for x in (r.removed_text if r.removed_text is not None else []) if x]
        records.append({
            "n": p, "pp": None if pd.isna(r.printed_page) else int(r.printed_page),
            "pi": bool(r.printed_page_inferred) if pd.notna(r.printed_page_inferred) else False,
            "ch": chapter_index.get(r.chapter_id, -1) if isinstance(r.chapter_id, str) else -1,
            "h": body, "s": r.body_text or "", "f": r.footnote_text or "", "r": list(removed),
            "fn": notes_on_page.get(p, []),
        })
    data = {"pages": records, "notes": note_records,
            "chapters": [[title, chapter_start[cid]] for cid, title in zip(chapters["chapter_id"], chapter_titles)]
            if not chapters.empty else []}
    return data, {"overlapping": overlapping}


def _json_for_script(data) -> str:
    """JSON that is safe inside <script>: no `</` can close the element."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def reader_html(key: str, data: dict, doc_id: str = "") -> str:
    """The reader's controls and its embedded data for one document (`key`: the document's
    anchor in the report, `d0`, `d1`, ...)."""
    pages = data["pages"]
    if not pages:
        return "<p class='none'>This document has no pages to show.</p>"
    first = next((p["n"] for p in pages if p["h"]), pages[0]["n"])
    chapter_options = "".join(f"<option value='{start}'>{k + 1}. {html.escape(title[:80])}</option>"
                              for k, (title, start) in enumerate(data["chapters"]))
    chapter_select = (f"<select class='chap' aria-label='go to a chapter'><option value=''>chapter…</option>"
                      f"{chapter_options}</select>") if chapter_options else ""
    labels = sorted({m for p in pages for m in re.findall(r'class="m k-\w+ l-([A-Z_]+)"', p["h"])},
                    key=lambda l: (l in ("DATE", "MONEY"), l))
    legend = "".join(f"<mark class='m l-{l}'>{l}</mark>" for l in labels)
    toggles = "".join(f"<label><input type='checkbox' data-k='{k}' checked> {name}</label>"
                      for k, name in (("ent", "entities"), ("date", "dates"), ("money", "money"), ("nm", "note markers")))
    return f"""<div class="reader" id="{key}-reader" data-key="{key}" data-doc="{html.escape(doc_id)}" data-first="{first}" tabindex="-1">
<div class="rbar"><button type="button" class="prev" aria-label="previous page">&lsaquo; previous</button>
<label>page <input class="pnum" type="number" min="1" max="{pages[-1]['n']}" value="{first}" aria-label="physical page"></label>
<span class="pinfo"></span>
<button type="button" class="next" aria-label="next page">next &rsaquo;</button> {chapter_select}</div>
<div class="rtools"><span class="legend">{legend}</span> <span class="toggles">{toggles}</span></div>
<div class="rchap"></div>
<div class="rtext"></div>
<div class="rnotes"></div>
<div class="rremoved"></div>
<details class="rsrc"><summary>source text of this page (as read, before cleaning)</summary>
<pre class="sbody"></pre><pre class="sfoot"></pre></details>
</div>
<script type="application/json" id="{key}-data">{_json_for_script(data)}</script>"""
