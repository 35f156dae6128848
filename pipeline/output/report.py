"""output/report.html: per document, what was extracted, what a user should check before
trusting it, and plots. One self-contained file: images inlined, nothing fetched."""
from __future__ import annotations

import base64
import html
import io
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd
import pyarrow as pa

LOW_CONFIDENCE = 0.6  # links below this are listed for checking
MAX_LISTED = 30


def _png(fig) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=90, bbox_inches="tight")
    import matplotlib.pyplot as plt
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _table(df: pd.DataFrame) -> str:
    if df.empty:
        return "<p class='none'>none</p>"
    return df.to_html(index=False, border=0, classes="data", escape=True, na_rep="")


def money_by_country_year(t: dict[str, pd.DataFrame], doc_id: str) -> pd.DataFrame:
    """USD amounts (value, or a range's midpoint) per year and country, where a claim names one
    country and one year: a rough view of the money the book reports."""
    money = t["money"][(t["money"]["doc_id"] == doc_id) & (t["money"]["currency"] == "USD")].copy()
    money["amount"] = money["value"].fillna((money["min"] + money["max"]) / 2)
    dates = t["dates"][(t["dates"]["doc_id"] == doc_id) & t["dates"]["start"].notna() & t["dates"]["end"].notna()]
    dates = dates[dates["start"].dt.year == dates["end"].dt.year]
    year = dates.groupby("claim_id")["start"].agg(lambda s: s.dt.year.iloc[0] if s.dt.year.nunique() == 1 else None)
    ents = t["entities"][(t["entities"]["doc_id"] == doc_id) & t["entities"]["iso3"].notna()
                         & (t["entities"]["iso3"] != "BLR")]
    country = ents.groupby("claim_id")["canonical"].agg(lambda s: s.iloc[0] if s.nunique() == 1 else None)
    money["year"] = money["claim_id"].map(year)
    money["country"] = money["claim_id"].map(country)
    money = money.dropna(subset=["year", "country"])
    return money.groupby(["year", "country"])["amount"].sum().reset_index()


def _plots(t: dict[str, pd.DataFrame], doc_id: str) -> list[tuple[str, str]]:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    out = []

    by = money_by_country_year(t, doc_id)
    if not by.empty:
        top = by.groupby("country")["amount"].sum().nlargest(6).index
        pivot = by[by["country"].isin(top)].pivot_table(index="year", columns="country", values="amount", aggfunc="sum")
        fig, ax = plt.subplots(figsize=(7, 3.2))
        (pivot / 1e6).plot(ax=ax, marker="o")
        ax.set_ylabel("USD million (sum of amounts)")
        ax.set_xlabel("year named in the same claim")
        out.append(("Money over time by country (USD amounts in claims naming one country and one year)", _png(fig)))

    notes = t["footnotes"][t["footnotes"]["doc_id"] == doc_id]
    domains = notes["url"].dropna().map(lambda u: urlparse(u).netloc.lower().removeprefix("www.")).value_counts().head(12)
    if not domains.empty:
        fig, ax = plt.subplots(figsize=(7, 3.2))
        domains[::-1].plot.barh(ax=ax, color="#4a7ab5")
        ax.set_xlabel("footnotes citing the site")
        out.append(("Citations by source (web footnotes by site)", _png(fig)))

    chapters = t["chapters"][t["chapters"]["doc_id"] == doc_id][["chapter_id", "seq"]]
    claims = t["claims"][t["claims"]["doc_id"] == doc_id][["claim_id", "chapter_id"]]
    counts = {}
    for name in ("entities", "dates", "money"):
        m = t[name][t[name]["doc_id"] == doc_id].merge(claims, on="claim_id")
        counts[name] = m.groupby("chapter_id").size()
    per_chapter = chapters.set_index("chapter_id").join(pd.DataFrame(counts)).fillna(0).set_index("seq").sort_index()
    if not per_chapter.empty:
        fig, ax = plt.subplots(figsize=(7, 3.2))
        per_chapter[["entities", "dates", "money"]].plot.bar(ax=ax, stacked=True, width=0.85)
        ax.set_xlabel("chapter")
        ax.set_ylabel("mentions")
        out.append(("Mentions per chapter", _png(fig)))
    return out


def render(tables: dict[str, pa.Table]) -> str:
    t = {name: table.to_pandas() for name, table in tables.items()}
    for col in ("start", "end"):
        t["dates"][col] = pd.to_datetime(t["dates"][col])
    parts = ["<!doctype html><html><head><meta charset='utf-8'><title>monograph extraction report</title>",
             "<style>body{font:14px/1.45 system-ui,sans-serif;max-width:60em;margin:2em auto;color:#222}"
             "table.data{border-collapse:collapse;font-size:12px}table.data td,table.data th{padding:2px 8px;"
             "border-bottom:1px solid #ddd;text-align:left;vertical-align:top}h2{margin-top:2em}"
             ".none{color:#777}img{max-width:100%}</style></head><body>",
             "<h1>monograph extraction report</h1>"]
    for doc in t["documents"].itertuples():
        d = doc.doc_id
        notes = t["footnotes"][t["footnotes"]["doc_id"] == d]
        links = t["claim_footnotes"][t["claim_footnotes"]["doc_id"] == d]
        pages = t["pages"][t["pages"]["doc_id"] == d]
        summary = pd.DataFrame([
            ("pages", doc.n_pages), ("chapters", doc.n_chapters), ("footnotes", doc.n_footnotes),
            ("claims (sentences)", doc.n_claims), ("claim-footnote links", len(links)),
            ("entity mentions", int((t["entities"]["doc_id"] == d).sum())),
            ("date mentions", int((t["dates"]["doc_id"] == d).sum())),
            ("money mentions", int((t["money"]["doc_id"] == d).sum())),
            ("text encoding", doc.encoding), ("edition", doc.edition or ""),
        ], columns=["", "count"])
        parts.append(f"<h2>{html.escape(doc.title)} <small>({html.escape(d)})</small></h2>")
        parts.append(_table(summary))
        parts.append("<h3>Check before trusting</h3>")
        inferred = notes[~notes["number_in_text"]][["number", "page", "text"]]
        parts.append(f"<p>Footnotes whose number was lost in the text and inferred from the sequence: "
                     f"{len(inferred)}</p>" + _table(inferred.head(MAX_LISTED)))
        unmarked = notes[~notes["marker_found"]][["number", "page", "text"]]
        parts.append(f"<p>Footnotes with no marker found in the body text (not linked to a claim): "
                     f"{len(unmarked)}</p>" + _table(unmarked.head(MAX_LISTED)))
        weak = links[links["confidence"] < LOW_CONFIDENCE][["footnote_number", "page", "method", "confidence"]]
        parts.append(f"<p>Links with confidence below {LOW_CONFIDENCE}: {len(weak)}</p>"
                     + _table(weak.head(MAX_LISTED)))
        debris = pages[pages["removed_text"].map(len) > 0]
        shown = debris.assign(removed=debris["removed_text"].map(lambda v: " | ".join(v)[:120]))[["page", "removed"]]
        parts.append(f"<p>Pages with OCR debris or stray link text removed: {len(debris)}</p>"
                     + _table(shown.head(MAX_LISTED)))
        inferred_pages = int(pages["printed_page_inferred"].sum())
        parts.append(f"<p>Printed page numbers inferred (not printed in the text): {inferred_pages} of {len(pages)}</p>")
        for title, src in _plots(t, d):
            parts.append(f"<h3>{html.escape(title)}</h3><img alt='{html.escape(title)}' src='{src}'>")
    diff = t["edition_diff"]
    if not diff.empty:
        parts.append("<h2>Edition differences</h2>")
        parts.append(_table(diff.groupby(["doc_id_old", "doc_id_new", "level", "status"]).size()
                            .reset_index(name="items")))
    parts.append("</body></html>")
    return "\n".join(parts)


def write_report(tables: dict[str, pa.Table], path: Path) -> None:
    Path(path).write_text(render(tables), encoding="utf-8")
