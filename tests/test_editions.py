"""New editions: a second edition built from the bundled book, and the diff that must find exactly
what was changed while every unchanged claim and footnote keeps its id."""
from __future__ import annotations

import re
import textwrap

import pandas as pd
import pytest

from pipeline.output.editions import align, edition_rank, pair_editions
from pipeline.read.names import work_and_edition
from pipeline.read.documents import read_document
from pipeline.runner import run
from pipeline.structure import extract_structure

from .conftest import BUNDLED_BOOK

EDITS = [  # (a phrase on one line of the book, its replacement): sentences edited in the new edition
    ("industrial paints, sheet metal, veterinary drugs and other products",
     "industrial paints, steel sheet, veterinary drugs and other products"),
    ("drying complexes, as well as the creation of assembly plants for",
     "drying complexes, as well as the opening of assembly plants for"),
    ("platform for doing ioint business.", "platform for doing joint business."),
]
REWRAPPED_CHAPTERS = (5, 6)
NEW_CHAPTER_TITLE = "Partners on the Arabian Peninsula"


@pytest.mark.parametrize("stem,work,edition", [
    ("far-arc-monograph", "far-arc-monograph", None), ("far-arc-monograph-2e", "far-arc-monograph", "2e"),
    ("book_2nd_edition", "book", "2nd_edition"), ("book-ed3", "book", "ed3"), ("book-second-edition", "book", "second-edition"),
])
def test_work_and_edition_from_the_file_name(stem, work, edition):
    assert work_and_edition(stem) == (work, edition)


def test_editions_pair_in_order():
    docs = [{"doc_id": "b-3e", "work": "b", "edition": "3e"}, {"doc_id": "b", "work": "b", "edition": None},
            {"doc_id": "b-2e", "work": "b", "edition": "2e"}, {"doc_id": "other", "work": "o", "edition": None}]
    assert pair_editions(docs) == [("b", "b-2e"), ("b-2e", "b-3e")]
    assert pair_editions(docs, [("other", "b")]) == [("other", "b"), ("b", "b-2e"), ("b-2e", "b-3e")]
    assert edition_rank(None) < edition_rank("2e") < edition_rank("third-edition")


def test_align_keeps_order_and_pairs_edits():
    old = [("a", "alpha beta gamma"), ("b", "the plant exported tractors to Iran"), ("c", "gone for good"), ("d", "delta")]
    new = [("a", "alpha beta gamma"), ("x", "the plant exported tractors to Iraq"), ("d", "delta"), ("e", "brand new text here")]
    assert align(old, new) == [("same", "a", "a", 1.0), ("changed", "b", "x", pytest.approx(0.97, abs=0.02)),
                               ("removed", "c", None, 0.0), ("same", "d", "d", 1.0), ("added", None, "e", 0.0)]


def second_edition(text: str) -> str:
    """The bundled book with its last chapter removed, a new chapter appended whose footnotes reuse
    the removed numbers, a few sentences edited and two chapters re-wrapped to a new width."""
    structure = extract_structure(read_document(BUNDLED_BOOK))
    lines = text.split("\n")
    last = structure.chapters[-1]
    cut = next(i for i, line in enumerate(lines) if line.rstrip() == f" {last.title}")
    removed_numbers = sorted(f.number for f in structure.footnotes if f.page >= last.start_page)
    lines = lines[:cut]
    for old, new in EDITS:
        [k] = [i for i, line in enumerate(lines) if old in line]
        lines[k] = lines[k].replace(old, new)
    for seq in REWRAPPED_CHAPTERS:
        chapter = structure.chapters[seq - 1]
        first = _heading_line(lines, chapter.title)
        end = _heading_line(lines, structure.chapters[seq].title)
        lines[first:end] = _rewrap_body(lines[first:end], structure, width=52)
    n = removed_numbers
    lines += [
        f" {NEW_CHAPTER_TITLE}",
        "",
        f"In 2025, Belarus and Oman agreed to open a trade house in Muscat {n[0]}.",
        f"The Omani side proposed a joint logistics centre in the port of Sohar {n[1]}. Both",
        f"parties noted that mutual trade reached $12 million in 2024 {n[2]}.",
        "",
        f"{n[0]} Minutes of the Belarusian-Omani talks in Muscat. - Muscat, 2025. - P. 4.",
        f"{n[1]} Sohar port plans a Belarusian logistics centre [Electronic resource]. - 2025. -",
        "URL : https://www.example.om/sohar-belarus",
        f"{n[2]} Trade statistics of Oman for 2024. - Muscat : NCSI, 2025. - P. 17.",
    ]
    return "\n".join(lines)


def _heading_line(lines: list[str], title: str) -> int:
    """The line that opens a chapter: a page start (one leading space) with the title's first words."""
    words = " ".join(title.split()[:3])
    return next(i for i, line in enumerate(lines) if line.startswith(" ") and " ".join(line.split()).startswith(words))


def _rewrap_body(chunk: list[str], structure, width: int) -> list[str]:
    """Re-wrap the body paragraphs of a run of pages; page starts and footnote zones stay put."""
    note_lines = {line.rstrip() for page in structure.pages for line in page.footnote_lines}
    out, paragraph = [], []

    def flush():
        if paragraph and not any(l.rstrip().endswith("-") for l in paragraph):
            wrapped = textwrap.wrap(" ".join(l.strip() for l in paragraph), width=width, break_on_hyphens=False,
                                    break_long_words=False)
            if not any(re.match(r"\d", w) for w in wrapped):
                out.extend(wrapped)
                paragraph.clear()
                return
        out.extend(paragraph)
        paragraph.clear()

    for line in chunk:
        is_body = line.strip() and not line.startswith(" ") and line.rstrip() not in note_lines \
            and not re.match(r"\d", line)
        if is_body:
            paragraph.append(line)
        else:
            flush()
            out.append(line)
    flush()
    return out


@pytest.fixture(scope="module")
def two_editions(tmp_path_factory):
    root = tmp_path_factory.mktemp("editions")
    raw = root / "raw"
    raw.mkdir()
    text = BUNDLED_BOOK.read_text(encoding="utf-8")
    (raw / "far-arc-monograph.txt").write_text(text, encoding="utf-8")
    (raw / "far-arc-monograph-2e.txt").write_text(second_edition(text), encoding="utf-8")
    result = run(sorted(raw.iterdir()), output_dir=root / "output", interim_dir=root / "interim", log=lambda m: None)
    assert result.failures == ()
    return root / "output"


@pytest.mark.slow
def test_edition_diff_reports_exactly_the_changes(two_editions):
    diff = pd.read_parquet(two_editions / "edition_diff.parquet")
    assert set(diff["doc_id_old"]) == {"far-arc-monograph"} and set(diff["doc_id_new"]) == {"far-arc-monograph-2e"}
    documents = pd.read_parquet(two_editions / "documents.parquet").set_index("doc_id")
    assert documents.loc["far-arc-monograph-2e", "edition"] == "2e"
    assert documents.loc["far-arc-monograph-2e", "work"] == documents.loc["far-arc-monograph", "work"]

    def status(level):
        return diff[diff["level"] == level]["status"].value_counts().to_dict()

    chapters = diff[diff["level"] == "chapter"]
    assert chapters[chapters["status"] == "removed"]["old_text"].tolist() == ["From East Asia to West Africa"]
    assert chapters[chapters["status"] == "added"]["new_text"].tolist() == [NEW_CHAPTER_TITLE]
    assert status("chapter").get("changed") == 3  # one edit in each of three chapters
    assert status("chapter")["same"] == 31

    claims = diff[diff["level"] == "claim"]
    changed = claims[claims["status"] == "changed"]
    assert len(changed) == len(EDITS)
    for old, new in EDITS:
        edited = [w for w in new.split() if w not in old.split()]
        pair = changed[changed["new_text"].str.contains(" ".join(edited), regex=False)]
        assert len(pair) == 1 and pair["similarity"].iloc[0] > 0.9
    assert status("claim")["added"] == 3
    old_claims = pd.read_parquet(two_editions / "claims.parquet")
    last_chapter_claims = old_claims[(old_claims["doc_id"] == "far-arc-monograph")
                                     & (old_claims["chapter_id"] == chapters[chapters["status"] == "removed"]["old_id"].iloc[0])]
    assert status("claim")["removed"] == len(last_chapter_claims)

    notes = pd.read_parquet(two_editions / "footnotes.parquet")
    old_chapters = pd.read_parquet(two_editions / "chapters.parquet")
    last_start = old_chapters[old_chapters["doc_id"] == "far-arc-monograph"]["start_page"].max()
    removed = int(((notes["doc_id"] == "far-arc-monograph") & (notes["page"] >= last_start)).sum())
    assert status("footnote") == {"same": 804 - removed, "removed": removed, "added": 3}


@pytest.mark.slow
def test_unchanged_claims_and_footnotes_keep_their_ids(two_editions):
    claims = pd.read_parquet(two_editions / "claims.parquet")
    notes = pd.read_parquet(two_editions / "footnotes.parquet")
    diff = pd.read_parquet(two_editions / "edition_diff.parquet")
    same = diff[diff["status"] == "same"]
    for table, key, level in ((claims, "claim_id", "claim"), (notes, "footnote_id", "footnote")):
        old = set(table.loc[table["doc_id"] == "far-arc-monograph", key])
        new = set(table.loc[table["doc_id"] == "far-arc-monograph-2e", key])
        kept = set(same.loc[same["level"] == level, "new_id"])
        assert kept == old & new
        touched = diff[(diff["level"] == level) & (diff["status"] != "same")]
        assert len(old - new) == touched["old_id"].notna().sum()
    # the re-wrapped chapters come out identical
    chapters = pd.read_parquet(two_editions / "chapters.parquet")
    rewrapped = chapters[(chapters["doc_id"] == "far-arc-monograph") & chapters["seq"].isin(REWRAPPED_CHAPTERS)]
    rows = diff[(diff["level"] == "chapter") & diff["old_id"].isin(rewrapped["chapter_id"])]
    assert rows["status"].tolist() == ["same", "same"]


def test_a_renumbered_footnote_keeps_its_id():
    """A new edition that inserts a footnote early shifts every later number: ids do not move."""
    from pipeline.structure.notes import collect_footnotes
    from pipeline.records import Page

    def page(lines):
        return Page(doc_id="d", page=1, printed_page=None, printed_page_inferred=False, body_lines=("Text 1.",),
                    footnote_lines=tuple(lines), removed=())

    first = collect_footnotes([page(["1 Zalessky, B. Asia. - Minsk, 2022. - P. 3.",
                                     "2 Trade news [Electronic resource]. - 2024. - URL : https://belta.by/a"])])
    second = collect_footnotes([page(["1 A new source. - Minsk, 2025. - P. 9.",
                                      "2 Zalessky, B. Asia. - Minsk, 2022. - P. 3.",
                                      "3 Trade news [Electronic resource]. - 2024. - URL : https://belta.by/a"])])
    assert [f.footnote_id for f in first] == [f.footnote_id for f in second[1:]]
    assert [f.number for f in second[1:]] == [2, 3]
    rows = align([(f.footnote_id, f.text) for f in first], [(f.footnote_id, f.text) for f in second])
    assert [r[0] for r in rows] == ["added", "same", "same"]
