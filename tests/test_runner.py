import json
import subprocess
import sys

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline.runner import run
from pipeline.output.schemas import SCHEMAS

from .conftest import BUNDLED_BOOK, SHARED

pytestmark = pytest.mark.slow


def test_bundled_book_structure(book_run):
    root, result = book_run
    out = root / "output"
    assert result.failures == ()
    footnotes = pd.read_parquet(out / "footnotes.parquet")
    assert sorted(footnotes["number"]) == list(range(1, 805))
    assert footnotes["url"].notna().sum() >= 760
    chapters = pd.read_parquet(out / "chapters.parquet")
    assert len(chapters) == 35 and chapters["seq"].tolist() == list(range(1, 36))
    pages = pd.read_parquet(out / "pages.parquet")
    assert 360 <= len(pages) <= 375
    assert pages["page"].tolist() == list(range(1, len(pages) + 1))
    links = pd.read_parquet(out / "claim_footnotes.parquet")
    assert links["footnote_id"].nunique() >= 0.98 * 804
    claims = pd.read_parquet(out / "claims.parquet")
    assert not claims["text"].str.contains(r"\s{2,}").any()


def test_tables_follow_the_declared_schemas(book_run):
    root, _ = book_run
    for name, schema in SCHEMAS.items():
        assert pq.read_schema(root / "output" / f"{name}.parquet").remove_metadata().equals(schema), name


def test_two_runs_give_identical_tables(book_run, tmp_path):
    root, _ = book_run
    run([BUNDLED_BOOK], output_dir=tmp_path / "output", interim_dir=tmp_path / "interim", force=True,
        log=lambda m: None)
    for name in SCHEMAS:
        a = (root / "output" / f"{name}.parquet").read_bytes()
        b = (tmp_path / "output" / f"{name}.parquet").read_bytes()
        assert a == b, name


def test_unchanged_input_is_not_recomputed(book_run):
    root, _ = book_run
    again = run([BUNDLED_BOOK], output_dir=root / "output", interim_dir=root / "interim", log=lambda m: None)
    assert again.computed == ()


def test_bad_inputs_are_named_and_the_rest_still_extracted(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "empty.txt").write_text("")
    (raw / "report.docx").write_bytes(b"PK\x03\x04")
    (raw / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (raw / "book.txt").write_text(BUNDLED_BOOK.read_text(encoding="utf-8")[:20000], encoding="utf-8")
    messages = []
    result = run(sorted(raw.iterdir()), output_dir=tmp_path / "output", interim_dir=tmp_path / "interim",
                 log=messages.append)
    assert result.documents == ("book",)
    text = "\n".join(result.failures)
    assert "empty.txt: the file is empty" in text
    assert "report.docx: unsupported file type '.docx'" in text
    assert "binary.txt: looks like binary data" in text
    assert pd.read_parquet(tmp_path / "output" / "documents.parquet")["doc_id"].tolist() == ["book"]


def test_cli_exits_non_zero_when_a_document_failed(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    proc = subprocess.run([sys.executable, "-m", "pipeline", "extract", str(bad), "--output", str(tmp_path / "out"),
                           "--interim", str(tmp_path / "interim")], capture_output=True, text=True)
    assert proc.returncode == 1
    assert "empty.txt: the file is empty" in proc.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="../shared/eval is not beside the project")
def test_shared_scorer_thresholds(book_run):
    root, _ = book_run
    proc = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(root / "output"), "--json"],
                          capture_output=True, text=True, check=True)
    m = json.loads(proc.stdout.strip().splitlines()[-1])
    assert m["footnotes.found"] >= 0.995 and m["footnotes.duplicated"] == 0
    assert m["footnotes.text_acc"] >= 0.97 and m["footnotes.url_acc"] >= 0.95 and m["footnotes.year_acc"] >= 0.98
    assert m["links.acc"] >= 0.97 and m["links.footnotes_linked"] >= 0.98
    assert m["chapters.f1"] == 1.0 and m["chapters.footnote_assignment"] >= 0.99
    assert m["money.f1"] >= 0.95 and m["money.qualifier_acc"] >= 0.92
    assert m["dates.f1"] >= 0.92 and m["entities.f1"] >= 0.85


def test_money_mentions_come_from_claims_with_their_own_page(book_run):
    root, _ = book_run
    money = pd.read_parquet(root / "output" / "money.parquet")
    claims = pd.read_parquet(root / "output" / "claims.parquet").set_index("claim_id")
    assert len(money) > 100
    assert set(money["currency"]) <= {"USD", "EUR", "CNY", "BYN", "RUB"}
    for row in money.itertuples():
        assert claims.loc[row.claim_id, "text"][row.start_char:row.end_char] == row.text
        assert claims.loc[row.claim_id, "page"] <= row.page <= claims.loc[row.claim_id, "page"] + 1


@pytest.mark.parametrize("table", ["money", "dates", "entities"])
def test_mentions_point_into_their_claims(book_run, table):
    root, _ = book_run
    mentions = pd.read_parquet(root / "output" / f"{table}.parquet")
    claims = pd.read_parquet(root / "output" / "claims.parquet").set_index("claim_id")
    assert len(mentions) > 100
    for row in mentions.itertuples():
        claim = claims.loc[row.claim_id]
        assert claim["text"][row.start_char:row.end_char] == row.text
        assert claim["page"] <= row.page <= claim["page"] + 1


def test_dates_are_ordered_intervals(book_run):
    root, _ = book_run
    dates = pd.read_parquet(root / "output" / "dates.parquet")
    closed = dates.dropna(subset=["start", "end"])
    assert (closed["start"] <= closed["end"]).all()
    assert set(dates["grain"]) <= {"day", "month", "quarter", "half", "year", "years", "decade", "century", "part"}
    assert dates["relative"].sum() > 50 and dates.loc[dates["relative"], "start"].notna().mean() > 0.9


def test_entities_are_canonical_and_catalogued(book_run):
    root, _ = book_run
    entities = pd.read_parquet(root / "output" / "entities.parquet")
    catalog = pd.read_parquet(root / "output" / "entity_catalog.parquet")
    assert set(entities["entity_id"]) == set(catalog["entity_id"])
    assert catalog["n_mentions"].sum() == len(entities)
    gpe = entities[entities["label"] == "GPE"]
    assert not gpe["text"].isin(["Belarusian", "Chinese", "Belarusian-Chinese"]).any()
    belarus = gpe[gpe["iso3"] == "BLR"]
    assert len(belarus) > 300 and set(belarus["canonical"]) == {"Belarus"}
    assert set(entities.loc[entities["text"] == "BUCE", "canonical"]) == {"Belarusian Universal Commodity Exchange"}
    assert not entities["canonical"].str.contains(r"\bOJSC\b|[\"“”]").any()


@pytest.mark.parametrize("encoding,text", [
    ("cp1252", "Caf\u00e9 cr\u00e8me and na\u00efve d\u00e9tente in Paris."),
    ("cp1251", "\u0417\u0430\u043b\u0435\u0441\u0441\u043a\u0438\u0439 \u0411. \u0412\u0435\u043a\u0442\u043e\u0440 \u0441\u043e\u0442\u0440\u0443\u0434\u043d\u0438\u0447\u0435\u0441\u0442\u0432\u0430."),
    ("utf-16", "Belarus and Mongolia: \u0411\u0435\u043b\u0430\u0440\u0443\u0441\u044c."),
])
def test_legacy_encodings_are_detected_and_named(tmp_path, encoding, text):
    from pipeline.read.documents import read_document
    path = tmp_path / "legacy.txt"
    path.write_bytes((" " + text + "\n") .encode(encoding))
    document = read_document(path)
    assert document.text.strip() == text
    assert document.encoding == encoding


def test_a_text_without_footnotes_is_extracted_and_said(tmp_path):
    raw = tmp_path / "plain.txt"
    raw.write_text(" Trade between Belarus and Oman grew in 2023 to $5 million.\nIt doubled since 2019.\n",
                   encoding="utf-8")
    messages = []
    result = run([raw], output_dir=tmp_path / "output", interim_dir=tmp_path / "interim", log=messages.append)
    assert result.documents == ("plain",) and result.failures == ()
    assert any("no footnotes found" in m for m in messages)
    assert len(pd.read_parquet(tmp_path / "output" / "money.parquet")) == 1
    assert len(pd.read_parquet(tmp_path / "output" / "claims.parquet")) == 2
