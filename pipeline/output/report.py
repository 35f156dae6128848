"""output/report.html: an overview of the documents when the output holds several, the sections
about the whole output (OUTPUT_SECTIONS: the edition differences), then one section per document:
what was extracted, what to check before trusting it, a reader view of every page with what was
found on it (pipeline/output/reader.py), and plots that hold for any book. One self-contained
file: styles, script, data and images inlined, nothing fetched.

Re-render it from the tables of a run: `python -m pipeline.output.report output/`."""
from __future__ import annotations

import argparse
import base64
import html
import io
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd
import pyarrow as pa

from . import editions, views
from .reader import label_colours, reader_data, reader_html
from .views import money_by_country_year  # noqa: F401  (the notebook's entry point, kept here)

LOW_CONFIDENCE = 0.6  # links below this are listed for checking
MAX_LISTED = 30  # rows of a check's list shown in the report
TEMPLATES = Path(__file__).parent / "templates"
MONEY_PANELS = 4  # currencies plotted, the most frequent first
MONEY_PANEL_MIN = 3  # a currency with fewer dated amounts is left to the table
MONEY_COUNTRIES = 6  # countries coloured in the money plot, the rest are "other"
TOP_SITES = 12
DATE_AXIS_MAX_SPAN = 40  # years: a wider span plots only the years named
DATE_BARS_LABELLED = 30
LONG_DOCUMENT_PAGES = 60  # a document this long with one chapter: its headings were missed
FEW_CLAIMS_PAGE_SHARE = 0.2  # more pages than this share with text but no sentence: a warning

# Sections about the whole output, drawn after the overview and before the documents. Each takes
# the tables (name -> pyarrow.Table, as written) and returns an HTML fragment, "" for nothing to
# say.
OutputSection = Callable[[Mapping[str, pa.Table]], str]


def editions_section(tables: Mapping[str, pa.Table]) -> str:
    """The editions section, for an output holding more than one document."""
    return editions.report_section(tables) if tables["documents"].num_rows > 1 else ""


OUTPUT_SECTIONS: list[OutputSection] = [editions_section]


# ---------------------------------------------------------------- small HTML helpers

def _esc(value) -> str:
    return html.escape("" if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)) else str(value))


def _goto(key: str, page) -> str:
    if page is None or pd.isna(page):
        return ""
    return f"<a class='goto' href='#{key}-p{int(page)}' title='show the page in the reader'>{int(page)}</a>"


def _cell(value) -> str:
    if isinstance(value, float) and not pd.isna(value):
        return f"{value:,.4g}" if abs(value) < 1e4 else f"{value:,.0f}"
    return _esc(value)


def _table(df: pd.DataFrame, *, pages: Sequence[str] = (), key: str = "", empty: str = "none") -> str:
    """An HTML table; the columns named in `pages` link to that page in the document's reader."""
    if df.empty:
        return f"<p class='none'>{html.escape(empty)}</p>"
    head = "".join(f"<th{' class=num' if pd.api.types.is_numeric_dtype(df[c]) else ''}>{_esc(c)}</th>" for c in df.columns)
    rows = []
    for values in df.itertuples(index=False):
        cells = []
        for col, v in zip(df.columns, values):
            num = " class=num" if pd.api.types.is_numeric_dtype(df[col]) else ""
            cells.append(f"<td{num}>{_goto(key, v) if col in pages and key else _cell(v)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table class='data'><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _clip(text, n: int = 160) -> str:
    text = "" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text)
    return text if len(text) <= n else text[: n - 1] + "…"


def _short_amount(value: float, _pos=None) -> str:
    for scale, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= scale:
            return f"{value / scale:g}{suffix}"
    return f"{value:g}"


def _png(fig) -> str:
    import matplotlib.pyplot as plt
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=90, bbox_inches="tight")
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _figure(title: str, fig, caption: str = "") -> str:
    cap = f"<p class='caption'>{caption}</p>" if caption else ""
    return f"<h4>{html.escape(title)}</h4>{cap}<img alt='{html.escape(title)}' src='{_png(fig)}'>"


def _pyplot():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    return plt


def _integer_years(ax, years) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: f"{round(x)}"))
    lo, hi = min(years), max(years)
    if lo == hi:
        ax.set_xlim(lo - 1, hi + 1)


# ---------------------------------------------------------------- per-document parts

def _doc_format(doc) -> str:
    fmt = getattr(doc, "source_format", None)
    if isinstance(fmt, str) and fmt:
        return fmt
    return Path(str(doc.source_path)).suffix.lstrip(".").lower() or "?"


def _summary(t, doc, key: str) -> str:
    d = doc.doc_id
    links = views.of_doc(t, "claim_footnotes", d)
    rows = [("format", _doc_format(doc)), ("source", doc.source_path), ("pages", doc.n_pages),
            ("chapters", doc.n_chapters), ("footnotes and endnotes", doc.n_footnotes)]
    for col, name in (("notes_scheme", "notes numbered"), ("notes_placement", "notes placed")):
        value = getattr(doc, col, None)
        if isinstance(value, str) and value:
            rows.append((name, value))
    rows += [("claims (sentences)", doc.n_claims), ("claim-note links", len(links)),
             ("entity mentions", len(views.of_doc(t, "entities", d))),
             ("date mentions", len(views.of_doc(t, "dates", d))),
             ("money mentions", len(views.of_doc(t, "money", d))),
             ("text encoding", doc.encoding), ("edition", doc.edition if isinstance(doc.edition, str) else "")]
    return _table(pd.DataFrame(rows, columns=["", "value"]).astype({"value": str}))


def _checks(t, doc, key: str, counts: Mapping[str, int]) -> tuple[list[str], str]:
    """Warnings (what looks wrong as a whole) and the lists to check, each with its denominator."""
    d = doc.doc_id
    notes = views.of_doc(t, "footnotes", d)
    links = views.of_doc(t, "claim_footnotes", d)
    pages = views.of_doc(t, "pages", d)
    claims = views.of_doc(t, "claims", d)
    dates = views.of_doc(t, "dates", d)
    n_pages, n_notes, n_links = len(pages), len(notes), len(links)
    warnings: list[str] = []
    if n_notes == 0:
        warnings.append("No footnotes or endnotes were found. If the book has notes, they were not recognised "
                        "(in a PDF: markers not set as raised digits, or notes not under a rule at the foot of "
                        "the page), so every check on notes below has nothing to count.")
    elif n_links == 0:
        warnings.append(f"{n_notes} notes were found but none is linked to a claim: no marker was found in the "
                        "body text.")
    restarts = getattr(doc, "notes_restarts", None)
    if restarts is not None and len(restarts):
        warnings.append(f"The note numbering starts again on {len(restarts)} page(s) where no chapter or notes "
                        f"subsection begins (pages {', '.join(str(int(p)) for p in list(restarts)[:8])}): a chapter "
                        "heading may have been missed there.")
    orphans = getattr(doc, "markers_without_notes", 0)
    if isinstance(orphans, (int, float)) and orphans > 0:
        warnings.append(f"{int(orphans)} raised note markers in the text cite no note that was found.")
    if doc.n_chapters == 1 and doc.n_pages > LONG_DOCUMENT_PAGES:
        warnings.append(f"A document of {doc.n_pages} pages with one chapter: its chapter headings were probably "
                        "not recognised.")
    if doc.n_chapters == 0:
        warnings.append("No chapter headings were found: claims carry no chapter, and the chapter plot "
                        "counts by page range instead.")
    if n_pages and pages["printed_page"].isna().all():
        warnings.append("No printed page number was found on any page.")
    with_text = pages[pages["body_text"].fillna("").str.strip().str.len() > 0]["page"]
    claim_pages = set(claims["page"].dropna().astype(int)) if not claims.empty else set()
    silent = [int(p) for p in with_text if int(p) not in claim_pages]
    if n_pages and len(silent) > FEW_CLAIMS_PAGE_SHARE * n_pages:
        warnings.append(f"{len(silent)} of {n_pages} pages have body text but no sentence starts on them: "
                        "look at a few in the reader.")
    if doc.n_claims == 0:
        warnings.append("No sentence of body text was found.")

    parts = []

    def check(label: str, n: int, of: int, of_what: str, listing: pd.DataFrame | None = None,
              page_cols: Sequence[str] = ("page",)) -> None:
        if of == 0:
            parts.append(f"<p class='check'>{label}: <span class='none'>does not apply (no {of_what})</span></p>")
            return
        text = f"<p class='check'>{label}: <span class='n'>{n}</span> of {of} {of_what}</p>"
        if listing is not None and not listing.empty:
            more = f" (the first {MAX_LISTED})" if len(listing) > MAX_LISTED else ""
            text += (f"<details class='list'><summary>list them{more}</summary>"
                     f"{_table(listing.head(MAX_LISTED), pages=page_cols, key=key)}</details>")
        parts.append(text)

    note_cols = ["number", "chapter", "page", "text"] if "chapter_id" in notes.columns else ["number", "page", "text"]
    shown_notes = notes.assign(text=notes["text"].map(_clip)) if n_notes else notes
    if n_notes and "chapter_id" in notes.columns:  # numbers may restart per chapter: say which
        titles = dict(zip(views.of_doc(t, "chapters", d)["chapter_id"], views.of_doc(t, "chapters", d)["seq"]))
        shown_notes = shown_notes.assign(chapter=shown_notes["chapter_id"].map(titles))
    for flag, label in (("number_in_text", "Notes whose number was lost in the text and inferred from the sequence"),
                        ("marker_found", "Notes with no marker found in the body text (not linked to a claim)")):
        if n_notes and flag not in notes.columns:
            continue
        listed = shown_notes[~shown_notes[flag].fillna(True).astype(bool)][note_cols] if n_notes else None
        check(label, 0 if listed is None else len(listed), n_notes, "notes", listed)
    if n_links:
        numbered = links.merge(notes[["footnote_id", "number"]], on="footnote_id", how="left")
        weak = numbered[numbered["confidence"] < LOW_CONFIDENCE]
        claim_text = claims.set_index("claim_id")["text"]
        weak = weak.assign(claim=weak["claim_id"].map(claim_text).map(_clip))[
            ["number", "page", "method", "confidence", "claim"]]
    else:
        weak = None
    check(f"Links with confidence below {LOW_CONFIDENCE}", 0 if weak is None else len(weak), n_links, "links", weak)
    debris = pages[pages["removed_text"].map(lambda v: v is not None and len(v) > 0)] if n_pages else pages
    shown = debris.assign(removed=debris["removed_text"].map(lambda v: _clip(" | ".join(v), 120)))[["page", "removed"]] \
        if not debris.empty else None
    check("Pages with OCR debris or stray link text removed", len(debris), n_pages, "pages", shown)
    inferred_pages = pages[pages["printed_page_inferred"].astype(bool)] if n_pages else pages
    check("Printed page numbers inferred (not printed in the text)", len(inferred_pages), n_pages, "pages",
          inferred_pages[["page", "printed_page"]] if len(inferred_pages) else None)
    check("Pages with body text where no sentence starts", len(silent), n_pages, "pages",
          pd.DataFrame({"page": silent}) if silent else None)
    unresolved = dates[dates["start"].isna() & dates["end"].isna()] if not dates.empty else dates
    check("Dates left unresolved (no interval: a relative expression the text does not settle)",
          len(unresolved), len(dates), "date mentions",
          unresolved[["page", "text"]] if len(unresolved) else None)
    n_mentions = sum(len(views.of_doc(t, n, d)) for n in ("entities", "dates", "money"))
    check("Mentions overlapping another mention (the reader draws money and dates over entities)",
          counts.get("overlapping", 0), n_mentions, "mentions")

    head = ("<ul class='warn'>" + "".join(f"<li>{html.escape(w)}</li>" for w in warnings) + "</ul>") if warnings else \
        "<ul class='ok'><li>Nothing looks wrong as a whole: the lists below are what to look at first.</li></ul>"
    return warnings, head + "".join(parts)


def _money_plots(t, doc_id: str, key: str) -> str:
    plt = _pyplot()
    money = views.money_amounts(t, doc_id)
    if money.empty:
        return "<p class='none'>No money amounts were found in this document.</p>"
    names = views.country_names(t, doc_id)
    home = views.home_country(t, doc_id)
    money = money[money["amount"].notna()]
    by_currency = (money.groupby("currency")
                   .agg(amounts=("amount", "size"), with_a_year=("year", lambda s: int(s.notna().sum())),
                        smallest=("amount", "min"), median=("amount", "median"), largest=("amount", "max"))
                   .sort_values("amounts", ascending=False).reset_index())
    out = ["<h4>Money amounts by currency</h4>", _table(by_currency)]
    dated = money[money["year"].notna() & (money["amount"] > 0)]
    per_currency = dated["currency"].value_counts()
    currencies = per_currency[per_currency >= MONEY_PANEL_MIN].index[:MONEY_PANELS].tolist()
    if dated.empty:
        out.append(f"<p class='none'>None of the {len(money)} amounts is in a claim naming one year: no plot over time.</p>")
    elif not currencies:
        out.append(f"<p class='none'>{len(dated)} amounts sit in a claim naming one year, fewer than "
                   f"{MONEY_PANEL_MIN} in any currency: no plot over time (the table above lists them).</p>")
    else:
        dated = dated[dated["currency"].isin(currencies)]
        top = dated["country"].dropna().value_counts().index[:MONEY_COUNTRIES].tolist()
        fig, axes = plt.subplots(len(currencies), 1, figsize=(7.5, 2.6 * len(currencies)), squeeze=False, sharex=True)
        colours = plt.get_cmap("tab10").colors
        for ax, currency in zip(axes[:, 0], currencies):
            rows = dated[dated["currency"] == currency]
            years = rows["year"].astype(int)
            jitter = rows.groupby(years).cumcount().map(lambda k: ((k % 7) - 3) * 0.05)
            for k, (label, mask) in enumerate(
                    [(f"{names[c]}", rows["country"] == c) for c in top]
                    + [("another country", rows["country"].notna() & ~rows["country"].isin(top)),
                       ("no single country" + (f" (or {names[home]} only)" if home else ""), rows["country"].isna())]):
                if mask.any():
                    colour = colours[k] if k < len(top) else ("#999" if label.startswith("another") else "#ccc")
                    ax.scatter(years[mask] + jitter[mask], rows.loc[mask, "amount"], s=22, color=colour,
                               edgecolor="#333", linewidth=0.3, label=label, zorder=3)
            ax.set_yscale("log")
            from matplotlib.ticker import FuncFormatter, NullFormatter
            ax.yaxis.set_major_formatter(FuncFormatter(_short_amount))
            ax.yaxis.set_minor_formatter(NullFormatter())
            ax.set_ylabel(f"{currency} (log scale)")
            ax.grid(axis="y", color="#eee", zorder=0)
            ax.set_title(f"{currency}: {len(rows)} amounts", fontsize=9, loc="left")
        _integer_years(axes[-1, 0], dated["year"].astype(int).tolist())
        axes[0, 0].legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
        axes[-1, 0].set_xlabel("the year named in the same claim")
        caption = (f"Each dot is one amount, on a log scale so that one large figure (a GDP) does not flatten "
                   f"the rest; {len(dated)} of {len(money)} amounts (in {', '.join(currencies)}) sit in a claim "
                   f"naming one year. Colour: the "
                   f"one country the claim names (from entities.{views.country_column(views.of_doc(t, 'entities', doc_id))})"
                   + (f", {names[home]} left out as the book's own subject." if home else "."))
        out.append(_figure("Money amounts over time, by currency and country", fig, caption))
    single = money[money["country"].notna()]
    if not single.empty:
        rows = []
        for code, g in single.groupby("country"):
            biggest = g.loc[g["amount"].idxmax()]
            years = g["year"].dropna()
            rows.append({"country": names[code], "iso3": code, "amounts": len(g),
                         "currencies": ", ".join(sorted(g["currency"].unique())),
                         "years": f"{int(years.min())}–{int(years.max())}" if len(years) else "",
                         "largest": _clip(biggest["text"], 60), "page": int(biggest["page"])})
        table = pd.DataFrame(rows).sort_values(["amounts", "country"], ascending=[False, True]).head(15)
        out.append("<h4>Money amounts by country</h4><p class='caption'>Claims that name one country"
                   + (f" besides {html.escape(names[home])}" if home else "") + "; the page of the largest amount.</p>"
                   + _table(table, pages=["page"], key=key))
    return "".join(out)


def _dates_plot(t, doc_id: str) -> str:
    dates = views.of_doc(t, "dates", doc_id)
    if dates.empty:
        return "<p class='none'>No dates were found in this document.</p>"
    start, end = dates["start"], dates["end"]
    single = start.notna() & end.notna()
    single &= start.dt.year.where(single, -1) == end.dt.year.where(single, -2)
    if not single.any():
        return f"<p class='none'>{len(dates)} date mentions, none within one calendar year: no plot by year.</p>"
    years = start[single].dt.year.astype(int).value_counts().sort_index()
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7.5, 2.6))
    if years.index.max() - years.index.min() > DATE_AXIS_MAX_SPAN:  # only the years named, side by side
        bars = ax.bar(range(len(years)), years.values, color="#5b9a8b", width=0.8)
        ax.set_xticks(range(len(years)), [str(y) for y in years.index], rotation=90, fontsize=7)
    else:
        bars = ax.bar(years.index, years.values, color="#5b9a8b", width=0.8)
        _integer_years(ax, years.index.tolist())
    if len(years) <= DATE_BARS_LABELLED:
        ax.bar_label(bars, fontsize=7)
    ax.set_ylabel("date mentions")
    return _figure("Dates by year", fig, f"{int(single.sum())} of {len(dates)} date mentions fall within one "
                                         "calendar year; longer spans and open intervals are left out.")


def _site(url: str) -> str:
    parsed = urlparse(url if "//" in url else "http://" + url)
    host = parsed.netloc.lower().removeprefix("www.").strip()
    return host or "(no host in the address)"


def _citations_plot(t, doc_id: str) -> str:
    notes = views.of_doc(t, "footnotes", doc_id)
    if notes.empty:
        return "<p class='none'>No notes, so no citations.</p>"
    urls = notes["url"].dropna().astype(str)
    urls = urls[urls.str.strip() != ""]
    kinds = ", ".join(f"{k} {n}" for k, n in notes["kind"].astype(str).value_counts().items())
    if urls.empty:
        return f"<p class='none'>No note cites a web address ({len(notes)} notes: {html.escape(kinds)}).</p>"
    sites = urls.map(_site).value_counts().head(TOP_SITES)
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7.5, 0.3 * len(sites) + 0.8))
    bars = ax.barh(range(len(sites)), sites.values[::-1], color="#4a7ab5")
    ax.set_yticks(range(len(sites)), sites.index[::-1], fontsize=8)
    ax.bar_label(bars, fontsize=7, padding=2)
    ax.set_xlabel("notes citing the site")
    return _figure("Citations by source", fig, f"{len(urls)} of {len(notes)} notes cite a web address "
                                               f"({html.escape(kinds)}); the {len(sites)} most cited sites.")


def _chapter_plot(t, doc_id: str) -> str:
    chapters = views.of_doc(t, "chapters", doc_id).sort_values("seq")
    claims = views.of_doc(t, "claims", doc_id)[["claim_id", "chapter_id", "page"]]
    if claims.empty:
        return "<p class='none'>No claims, so no mentions to count.</p>"
    kinds = ("entities", "dates", "money")
    mentions = pd.concat([views.of_doc(t, n, doc_id)[["claim_id"]].assign(kind=n) for n in kinds
                          if not views.of_doc(t, n, doc_id).empty] or [pd.DataFrame(columns=["claim_id", "kind"])])
    if mentions.empty:
        return "<p class='none'>No entity, date or money mention was found in this document.</p>"
    mentions = mentions.merge(claims, on="claim_id")
    if not chapters.empty:
        titles = {r.chapter_id: f"{int(r.seq)}. {_clip(r.title, 48)}" for r in chapters.itertuples()}
        order = list(titles.values())
        group = mentions["chapter_id"].map(titles).fillna("(before the first chapter)")
        if (group == "(before the first chapter)").any():
            order = ["(before the first chapter)"] + order
        title, caption = "Mentions per chapter", "Entity, date and money mentions in each chapter's claims."
    else:
        pages = views.of_doc(t, "pages", doc_id)
        n = int(pages["page"].max()) if not pages.empty else int(claims["page"].max())
        step = max(1, -(-n // 12))
        group = mentions["page"].map(lambda p: f"pages {(int(p) - 1) // step * step + 1}–{min(n, ((int(p) - 1) // step + 1) * step)}")
        order = sorted(group.unique(), key=lambda s: int(s.split()[1].split("–")[0]))
        title, caption = "Mentions per page range", "No chapters were found: mentions counted by page range."
    table = pd.crosstab(group, mentions["kind"]).reindex(index=order, columns=list(kinds), fill_value=0)
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7.5, 0.24 * len(table) + 1.0))
    left = pd.Series(0, index=table.index)
    colours = label_colours()
    for kind, colour in zip(kinds, ("#4a7ab5", colours.get("DATE", "#bfe1d9"), "#c9a227")):
        ax.barh(range(len(table)), table[kind].values[::-1], left=left.values[::-1], color=colour, label=kind)
        left = left + table[kind]
    bars = ax.barh(range(len(table)), [0] * len(table), left=left.values[::-1])
    ax.bar_label(bars, labels=[str(int(v)) for v in left.values[::-1]], fontsize=7, padding=2)
    ax.set_yticks(range(len(table)), table.index[::-1], fontsize=7.5)
    ax.set_xlabel("mentions")
    ax.legend(fontsize=7, loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=3, frameon=False)
    return _figure(title, fig, caption)


def _works_table(t, doc_id: str) -> str:
    """The most cited works, where the output has the works table."""
    works = views.of_doc(t, "works", doc_id)
    if works.empty or "n_citations" not in works.columns:
        return ""
    cols = [c for c in ("n_citations", "authors", "title", "year", "kind") if c in works.columns]
    top = works.sort_values("n_citations", ascending=False).head(12)[cols].copy()
    if "authors" in top.columns:
        top["authors"] = top["authors"].map(lambda a: ", ".join(a) if a is not None and not isinstance(a, float) else "")
    if "title" in top.columns:
        top["title"] = top["title"].map(lambda s: _clip(s, 90))
    return "<h4>The most cited works</h4>" + _table(top)


READER_CAPTION = ("<p class='caption'>Each page's clean text, sentence by sentence (a sentence shows on the page "
                  "where it starts), with the entities, dates and money amounts found in it; a note's marker "
                  "sits at the end of the sentence that carries it: hover over it or click it to read the note. "
                  "Arrow keys turn the pages.</p>")


def _document_section(t, doc, key: str) -> tuple[str, list[str]]:
    data, counts = reader_data(t, doc.doc_id)
    warnings, checks = _checks(t, doc, key, counts)
    parts = [f"<section class='document' id='{key}'>",
             f"<h2>{html.escape(str(doc.title))} <small>({html.escape(doc.doc_id)})</small></h2>",
             _summary(t, doc, key),
             "<h3>Check before trusting</h3>", checks,
             "<h3>Reader: what was found on each page</h3>",
             READER_CAPTION,
             reader_html(key, data, doc.doc_id),
             "<h3>Plots</h3>", _money_plots(t, doc.doc_id, key), _dates_plot(t, doc.doc_id),
             _citations_plot(t, doc.doc_id), _works_table(t, doc.doc_id), _chapter_plot(t, doc.doc_id),
             "</section>"]
    return "\n".join(parts), warnings


# stands for a document's key in a section rendered before the other documents are known
SECTION_KEY = "d__section__"


def document_section(tables: Mapping[str, pa.Table | pd.DataFrame]) -> tuple[str, tuple[str, ...]]:
    """The section of the one document in `tables` (its own rows), with SECTION_KEY for its key,
    and its warnings: rendered where the document was extracted (a Dask worker, in parallel with
    the others), placed by render(). The same HTML render() makes from the output's tables."""
    t = views.frames(tables)
    [doc] = list(t["documents"].itertuples())
    html_, warnings = _document_section(t, doc, SECTION_KEY)
    return html_, tuple(warnings)


def _overview(t, docs: pd.DataFrame, warnings: Mapping[str, list[str]], keys: Mapping[str, str]) -> str:
    rows = []
    for doc in docs.itertuples():
        d = doc.doc_id
        rows.append({"document": d, "title": doc.title, "format": _doc_format(doc), "pages": doc.n_pages,
                     "chapters": doc.n_chapters, "notes": doc.n_footnotes,
                     **({"notes numbered": doc.notes_scheme} if "notes_scheme" in docs.columns else {}),
                     "claims": doc.n_claims, "links": len(views.of_doc(t, "claim_footnotes", d)),
                     "entities": len(views.of_doc(t, "entities", d)), "dates": len(views.of_doc(t, "dates", d)),
                     "money": len(views.of_doc(t, "money", d)), "warnings": len(warnings[d])})
    table = _table(pd.DataFrame(rows))
    for d, key in keys.items():  # the document cell links to its section
        table = table.replace(f"<td>{_esc(d)}</td>", f"<td><a href='#{key}'>{_esc(d)}</a></td>", 1)
    return f"<h2 id='overview'>Overview: {len(rows)} documents</h2>" + table


def render(tables: Mapping[str, pa.Table | pd.DataFrame],
           output_sections: Sequence[OutputSection] | None = None,
           sections: Mapping[str, tuple[str, Sequence[str]]] | None = None) -> str:
    """The report as one HTML string. `tables`: name -> pyarrow.Table (as written) or DataFrame;
    `sections`: doc_id -> document_section() of the documents rendered already."""
    arrow = {name: tb if isinstance(tb, pa.Table) else pa.Table.from_pandas(tb, preserve_index=False)
             for name, tb in tables.items()}
    t = views.frames(tables)
    docs = t["documents"].sort_values("doc_id") if "documents" in t else pd.DataFrame()
    keys = {d: f"d{k}" for k, d in enumerate(docs["doc_id"])} if not docs.empty else {}
    colour_css = "".join(f"mark.l-{label}{{background:{colour}}}" for label, colour in label_colours().items())
    parts = ["<!doctype html><html lang='en'><head><meta charset='utf-8'>",
             "<meta name='viewport' content='width=device-width, initial-scale=1'>",
             "<title>monograph extraction report</title>",
             f"<style>{(TEMPLATES / 'report.css').read_text(encoding='utf-8')}{colour_css}</style></head><body>",
             "<h1>monograph extraction report</h1>"]
    if docs.empty:
        parts.append("<p class='none'>The output holds no document.</p>")
    document_parts, warnings = [], {}
    for doc in docs.itertuples():
        done = (sections or {}).get(doc.doc_id)
        if done is None:
            html_, warnings[doc.doc_id] = _document_section(t, doc, keys[doc.doc_id])
        else:
            html_, warnings[doc.doc_id] = done[0].replace(SECTION_KEY, keys[doc.doc_id]), list(done[1])
        document_parts.append(html_)
    if len(docs) > 1:
        toc = "".join(f"<a href='#{keys[d]}'>{html.escape(d)}</a>" for d in docs["doc_id"])
        parts.append(f"<nav class='toc'>Documents: {toc}</nav>")
        parts.append(_overview(t, docs, warnings, keys))
    extra = "".join(section(arrow) or "" for section in (OUTPUT_SECTIONS if output_sections is None else output_sections))
    parts.append(f"<div class='extra-sections'>{extra}</div>")
    parts.extend(document_parts)
    parts.append(f"<script>{(TEMPLATES / 'report.js').read_text(encoding='utf-8')}</script></body></html>")
    return "\n".join(parts)


def write_report(tables: Mapping[str, pa.Table], path: Path,
                 sections: Mapping[str, tuple[str, Sequence[str]]] | None = None) -> None:
    Path(path).write_text(render(tables, sections=sections), encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.output.report",
                                     description="Render report.html from the Parquet tables of a run.")
    parser.add_argument("output", nargs="?", default="output", help="the folder holding the tables (output/)")
    parser.add_argument("-o", "--out", help="where to write the report (default: OUTPUT/report.html)")
    args = parser.parse_args(argv)
    import pyarrow.parquet as pq
    folder = Path(args.output)
    tables = {p.name.removesuffix(".parquet"): pq.read_table(p) for p in sorted(folder.glob("*.parquet"))}
    if "documents" not in tables:
        print(f"{folder}: no documents.parquet; run `make extract` first", file=sys.stderr)
        return 2
    out = Path(args.out) if args.out else folder / "report.html"
    write_report(tables, out)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
