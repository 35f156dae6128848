"""What a researcher opens first: pipeline.load, the DuckDB views, the notebook, the report."""
from __future__ import annotations

import json
import os
import re

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import pipeline
from pipeline.output import report, views
from pipeline.output.reader import reader_data
from pipeline.output.schemas import SCHEMAS

from .conftest import PROJECT
from .report_outputs import book_output, small_outputs, three_documents

slow = pytest.mark.slow


@pytest.fixture(scope="session")
def small(tmp_path_factory):
    return small_outputs(tmp_path_factory)


@pytest.fixture(scope="session")
def three(tmp_path_factory, book_run):
    return three_documents(tmp_path_factory, book_run)


def _tables(folder) -> dict[str, pa.Table]:
    return {p.name.removesuffix(".parquet"): pq.read_table(p) for p in sorted(folder.glob("*.parquet"))}


def _embedded(report_html: str) -> dict[str, dict]:
    """The reader data of every document, by doc_id."""
    out = {}
    for key, doc in re.findall(r'<div class="reader" id="(d\d+)-reader" data-key="\1" data-doc="([^"]*)"', report_html):
        raw = re.search(rf'<script type="application/json" id="{key}-data">(.*?)</script>', report_html, re.DOTALL).group(1)
        out[doc] = json.loads(raw)
    return out


def _assert_self_contained(text: str) -> None:
    assert not re.search(r"(?:src|href)=['\"]?(?:https?:|//|file:)", text), "the report references something outside"
    assert not re.search(r"<link\b|<script\b[^>]*\bsrc=|@import|url\(", text)


@slow
def test_load_gives_typed_frames(book_run):
    root, _ = book_run
    t = pipeline.load(root / "output")
    assert set(t) == set(SCHEMAS)
    assert isinstance(t["entities"]["label"].dtype, pd.CategoricalDtype)
    assert str(t["footnotes"]["year"].dtype) == "Int32" and t["footnotes"]["year"].isna().any()
    assert str(t["pages"]["printed_page"].dtype) == "Int32"
    assert pd.api.types.is_datetime64_any_dtype(t["dates"]["start"])
    assert all(isinstance(a, list) for a in t["footnotes"]["authors"])
    assert str(t["dates"]["relative"].dtype) == "boolean"


def test_load_names_a_missing_run(tmp_path):
    with pytest.raises(FileNotFoundError, match="make extract"):
        pipeline.load(tmp_path)


@slow
def test_duckdb_views(book_run):
    root, _ = book_run
    con = pipeline.connect(root / "output")
    views_ = {r[0] for r in con.sql("select view_name from duckdb_views() where not internal").fetchall()}
    assert views_ == set(SCHEMAS)
    [(n,)] = con.sql("select count(*) from claims c join claim_footnotes l using (doc_id, claim_id)").fetchall()
    assert n == len(pd.read_parquet(root / "output" / "claim_footnotes.parquet"))


def _run_notebook(output, doc_id: str | None = None):
    nbformat = pytest.importorskip("nbformat")
    from nbclient import NotebookClient
    path = PROJECT / "notebooks" / "explore.ipynb"
    nb = nbformat.read(path, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), "commit the notebook without outputs"
    env = {"MONOGRAPH_OUTPUT": str(output), "MONOGRAPH_DOC": doc_id or ""}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        NotebookClient(nb, timeout=300, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
    finally:
        for k, v in saved.items():
            os.environ.pop(k) if v is None else os.environ.__setitem__(k, v)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, "\n".join("\n".join(e.get("traceback", [])) for e in errors)
    return "\n".join(o.get("text", "") + json.dumps(o.get("data", {})) for c in nb.cells if c.cell_type == "code"
                     for o in c.outputs)


def test_notebook_names_its_parameters():
    nb = json.loads((PROJECT / "notebooks" / "explore.ipynb").read_text(encoding="utf-8"))
    params = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(params) == 1 and "DOC_ID" in "".join(params[0]["source"])


@slow
def test_notebook_runs_on_every_document_of_a_three_document_output(three):
    text = _run_notebook(three)  # the default: the largest document
    assert "far-arc-monograph" in text
    for doc_id in ("far-arc-sample", "vietnam-notes"):
        text = _run_notebook(three, doc_id)
        assert doc_id in text
    assert "no money amounts" in text.lower()  # the text with no money says so


def test_report_of_a_pdf_and_of_a_text_without_footnotes(small):
    for name in ("pdf", "plain"):
        text = (small[name] / "report.html").read_text(encoding="utf-8")
        _assert_self_contained(text)
        assert "Check before trusting" in text and "Reader: what was found on each page" in text
        assert "Overview" not in text  # one document: no overview table
        data = _embedded(text)
        assert len(data) == 1
    pdf = _embedded((small["pdf"] / "report.html").read_text(encoding="utf-8"))["far-arc-sample"]
    assert len(pdf["pages"]) >= 3 and len(pdf["notes"]) == 27
    assert all(p["pp"] is not None for p in pdf["pages"])
    assert sum(h.count('class="nm"') for h in (p["h"] for p in pdf["pages"])) == 27
    plain = (small["plain"] / "report.html").read_text(encoding="utf-8")
    assert "No footnotes or endnotes were found" in plain and "does not apply (no notes)" in plain
    assert "No money amounts were found in this document." in plain
    assert "No chapter headings were found" in plain and "Mentions per page range" in plain


@slow
def test_report_of_the_bundled_book(book_run):
    text = (book_output(book_run) / "report.html").read_text(encoding="utf-8")
    _assert_self_contained(text)
    assert len(re.findall(r"<img [^>]*src='data:image/png;base64,", text)) >= 4
    assert "no marker found" in text and "inferred" in text
    assert len(text.encode("utf-8")) < 6_000_000, "the report grew past 6 MB"
    data = _embedded(text)["far-arc-monograph"]
    assert len(data["pages"]) == 366 and len(data["notes"]) == 804
    marks = sum(p["h"].count("<mark ") for p in data["pages"])
    n_mentions = sum(len(pd.read_parquet(book_output(book_run) / f"{n}.parquet")) for n in ("entities", "dates", "money"))
    assert marks >= n_mentions - 20  # only overlapping mentions are left out
    assert sum(p["h"].count('class="nm"') for p in data["pages"]) == 795
    assert "Mentions per chapter" in text and "China: Strategic Partnership" in text


@slow
def test_report_of_three_documents_has_an_overview(three):
    text = (three / "report.html").read_text(encoding="utf-8")
    _assert_self_contained(text)
    assert "Overview: 3 documents" in text
    assert set(_embedded(text)) == {"far-arc-monograph", "far-arc-sample", "vietnam-notes"}
    assert text.count("<section class='document'") == 3
    assert "<div class='extra-sections'>" in text


def test_a_document_with_few_dates_and_no_money(small):
    """Regression: `Cannot cast DatetimeArray to dtype float64` on a document with few dates."""
    tables = _tables(small["pdf"])
    dates = tables["dates"].to_pandas().head(1)
    tables["dates"] = pa.Table.from_pandas(dates, schema=SCHEMAS["dates"], preserve_index=False)
    html = report.render(tables)
    by = views.money_by_country_year(views.frames(tables), "far-arc-sample")
    assert by.empty or by["year"].dtype == "int64"
    tables["dates"] = tables["dates"].slice(0, 0)
    tables["money"] = tables["money"].slice(0, 0)
    html = report.render(tables)
    assert "No dates were found in this document." in html and "No money amounts were found" in html


def test_money_years_are_integers_and_split_by_currency(small):
    t = views.frames(_tables(small["pdf"]))
    money = views.money_amounts(t, "far-arc-sample")
    assert len(money) == 27 and str(money["year"].dtype) == "Int64"
    assert set(money["currency"]) == {"USD"}
    by = views.money_by_country_year(t, "far-arc-sample")
    assert by["year"].dtype == "int64" and (by["amount"] > 0).all()
    assert views.money_by_country_year(t, "far-arc-sample", currency="EUR").empty


def test_by_country_views_prefer_country_iso3(small):
    tables = _tables(small["pdf"])
    t = views.frames(tables)
    assert views.country_column(t["entities"]) == "country_iso3"
    mentions = views.mention_countries(t["entities"])
    # every mention of a city belongs to its country (the entities stage reads them from GeoNames)
    for code, city in (("MNG", "Ulaanbaatar"), ("VNM", "Hanoi"), ("EGY", "Cairo"), ("CUB", "Havana")):
        assert {tuple(m) for m in mentions[t["entities"]["text"] == city]} == {(code,)}, city
    assert "entities.country_iso3" in report.render(tables)
    # an output written before the column existed: the views fall back to iso3
    old = dict(tables, entities=tables["entities"].drop_columns(["country_iso3"]))
    t_old = views.frames(old)
    assert views.country_column(t_old["entities"]) == "iso3"
    assert set(views.claim_countries(t_old, "far-arc-sample").explode()) <= set(
        views.claim_countries(t, "far-arc-sample").explode())


def test_notes_numbered_per_chapter_are_told_apart(small):
    """The same number in two chapters: markers and notes go by footnote_id, never by number."""
    tables = _tables(small["pdf"])
    notes = tables["footnotes"].to_pandas()
    claims = tables["claims"].to_pandas()
    links = tables["claim_footnotes"].to_pandas()
    chapter_of_note = links.merge(claims[["claim_id", "chapter_id"]], on="claim_id").set_index("footnote_id")["chapter_id"]
    notes["chapter_id"] = notes["footnote_id"].map(chapter_of_note)
    notes["scope"] = "chapter"
    notes["number"] = notes.groupby("chapter_id")["number"].rank(method="first").astype("int32")
    tables["footnotes"] = pa.Table.from_pandas(notes, preserve_index=False)
    assert notes["number"].duplicated().any()
    t = views.frames(tables)
    data, _ = reader_data(t, "far-arc-sample")
    assert len(data["notes"]) == len(notes)
    text_of = dict(zip(notes["footnote_id"], notes["text"]))
    checked = 0
    for page in data["pages"]:
        for piece in page["h"].split('<span class="c" data-id="')[1:]:
            cid = piece.split('"', 1)[0]
            for k in re.findall(r'<sup class="nm" data-f="(\d+)"', piece):
                [fid] = links[links["claim_id"] == cid]["footnote_id"]
                assert data["notes"][int(k)][1] == text_of[fid]
                checked += 1
    assert checked == len(links)
    report.render(tables)


def test_output_sections_have_their_place(small):
    tables = _tables(small["pdf"])
    html = report.render(tables, output_sections=[lambda tb: "<section id='editions-extra'>editions here</section>"])
    assert "<div class='extra-sections'><section id='editions-extra'>editions here</section></div>" in html
    assert html.index("editions-extra") < html.index("<section class='document'")


def test_report_renders_from_load_and_from_the_command_line(small, tmp_path):
    t = pipeline.load(small["plain"])
    assert "vietnam-notes" in report.render(t)
    out = tmp_path / "again.html"
    assert report.main([str(small["plain"]), "-o", str(out)]) == 0
    assert "vietnam-notes" in out.read_text(encoding="utf-8")


def test_every_column_is_in_the_data_dictionary():
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    for name, schema in SCHEMAS.items():
        section = re.search(rf"^### `{name}`\n(.*?)(?=^### |^## |\Z)", readme, re.MULTILINE | re.DOTALL)
        assert section, f"README has no data-dictionary section for {name}"
        for field in schema:
            assert re.search(rf"^\| `{field.name}` \|", section.group(1), re.MULTILINE), f"{name}.{field.name} not in README"
