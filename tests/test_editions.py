"""New editions: a second edition built from the bundled book, and the diff that must find exactly
what was changed while every unchanged claim and footnote keeps its id."""
from __future__ import annotations

import re
import textwrap

import pandas as pd
import pytest

from pipeline.ids import normalise_for_id
from pipeline.output.editions import (
    EditionFacts,
    align,
    diff_editions,
    edition_rank,
    find_editions,
    mark_differences,
    pair_editions,
    plan_editions,
    report_section,
    same_source,
    titles_match,
    urls_match,
    which_is_older,
)
from pipeline.output.pairing import Overlap
from pipeline.read.documents import read_document
from pipeline.read.names import doc_id_for, edition_number, name_years, work_and_edition
from pipeline.runner import run
from pipeline.structure import extract_structure

from .conftest import BUNDLED_BOOK, SHARED
from .test_pairing import SENTENCES

EDITS = [  # (a phrase on one line of the book, its replacement): sentences edited in the new edition
    ("industrial paints, sheet metal, veterinary drugs and other products",
     "industrial paints, steel sheet, veterinary drugs and other products"),
    ("drying complexes, as well as the creation of assembly plants for",
     "drying complexes, as well as the opening of assembly plants for"),
    ("platform for doing ioint business.", "platform for doing joint business."),
]
# (a phrase on one line of a footnote, its replacement): sources corrected in the new edition, still "changed"
FOOTNOTE_EDITS = [
    ("https://www.belta.bv/interview/view/ob-osobennostiah", "https://www.belta.by/interview/view/ob-osobennostiah"),
    ("Academic Publishing , 2022. -  P. 33 .", "Academic Publishing , 2022. -  P. 38 ."),
]
REWRAPPED_CHAPTERS = (5, 6)
NEW_CHAPTER_TITLE = "Partners on the Arabian Peninsula"


@pytest.mark.parametrize("stem,work,edition", [
    ("far-arc-monograph", "far-arc-monograph", None), ("far-arc-monograph-2e", "far-arc-monograph", "2e"),
    ("book_2nd_edition", "book", "2nd_edition"), ("book-ed3", "book", "ed3"), ("book-second-edition", "book", "second-edition"),
    ("far-arc-2nd-edition", "far-arc", "2nd-edition"), ("far-arc-2nd-edition-2025", "far-arc", "2nd-edition"),
    ("2nd-edition-far-arc", "far-arc", "2nd-edition"), ("Book (3rd rev. ed.)", "Book", "3rd rev. ed"),
    ("book-third-revised-edition", "book", "third-revised-edition"), ("book-v2", "book", "v2"),
    ("book-revised", "book", "revised"), ("book 2e", "book", "2e"), ("kniga-2-e-izd", "kniga", "2-e-izd"),
    ("book-review", "book-review", None), ("strategy-2030", "strategy-2030", None), ("book-v2019", "book-v2019", None),
    ("new-horizons", "new-horizons", None), ("revised-history", "revised-history", None), ("far-arc-new", "far-arc", "new"),
])
def test_work_and_edition_from_the_file_name(stem, work, edition):
    assert work_and_edition(stem) == (work, edition)


@pytest.mark.parametrize("label,number", [
    (None, 1), ("2e", 2), ("2nd-edition", 2), ("ed3", 3), ("third-revised-edition", 3), ("v2", 2),
    ("1st-ed", 1), ("revised", None), ("new-edition", None),
])
def test_edition_number(label, number):
    assert edition_number(label) == number


def test_years_in_a_name():
    assert name_years("budget-2019-2e") == (2019,)
    assert name_years("belarus-2030-strategy-2024") == (2030, 2024)
    assert name_years("far-arc-monograph-2e") == ()


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
    """The bundled book with its last chapter removed, a new chapter appended whose footnotes cite
    new sources under the removed numbers, a few sentences edited, a URL and a page number
    corrected in two footnotes and two chapters re-wrapped to a new width."""
    structure = extract_structure(read_document(BUNDLED_BOOK))
    lines = text.split("\n")
    last = structure.chapters[-1]
    cut = next(i for i, line in enumerate(lines) if line.rstrip() == f" {last.title}")
    removed_numbers = sorted(f.number for f in structure.footnotes if f.page >= last.start_page)
    lines = lines[:cut]
    for old, new in EDITS + FOOTNOTE_EDITS:
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
        # new sources under the removed notes' numbers, in the same web-citation form as those
        f"{n[0]} Belarus and Oman agreed to open a trade house in Muscat [Electronic resource]. - 2025. -",
        "URL : https://belta.by/economics/view/belarus-i-oman-dogovorilis-otkryt-torgovyj-dom-v-maskate-718204-2025/",
        f"{n[1]} Sohar port plans a Belarusian logistics centre [Electronic resource]. - 2025. -",
        "URL : https://www.example.om/sohar-belarus",
        f"{n[2]} Trade between Belarus and Oman reached $12 million [Electronic resource]. - 2025. -",
        "URL : https://belta.by/economics/view/tovarooborot-belarusi-i-omana-dostig-12-mln-719311-2025/",
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


NEW_EDITION = "far-arc-2nd-edition"  # named as a user names it: no common stem with the first edition


@pytest.fixture(scope="module")
def two_editions(tmp_path_factory):
    root = tmp_path_factory.mktemp("editions")
    raw = root / "raw"
    raw.mkdir()
    text = BUNDLED_BOOK.read_text(encoding="utf-8")
    (raw / "far-arc-monograph.txt").write_text(text, encoding="utf-8")
    (raw / f"{NEW_EDITION}.txt").write_text(second_edition(text), encoding="utf-8")
    messages = []
    result = run(sorted(raw.iterdir()), output_dir=root / "output", interim_dir=root / "interim", log=messages.append)
    assert result.failures == ()
    return root / "output", messages


@pytest.mark.slow
def test_edition_diff_reports_exactly_the_changes(two_editions):
    two_editions, messages = two_editions
    assert any(m.startswith(f"editions: far-arc-monograph → {NEW_EDITION}: claims overlap") for m in messages), messages
    diff = pd.read_parquet(two_editions / "edition_diff.parquet")
    assert set(diff["doc_id_old"]) == {"far-arc-monograph"} and set(diff["doc_id_new"]) == {NEW_EDITION}
    documents = pd.read_parquet(two_editions / "documents.parquet").set_index("doc_id")
    assert documents.loc[NEW_EDITION, "edition"] == "2nd-edition"
    assert documents.loc[NEW_EDITION, "work"] == documents.loc["far-arc-monograph", "work"] == "fararcmonograph"

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
    # the new chapter's notes cite new sources under the removed numbers: added, not "changed";
    # the corrected URL and page number are the same sources: changed
    assert status("footnote") == {"same": 804 - removed - len(FOOTNOTE_EDITS), "removed": removed, "added": 3,
                                  "changed": len(FOOTNOTE_EDITS)}
    changed_notes = diff[(diff["level"] == "footnote") & (diff["status"] == "changed")]
    for old, new in FOOTNOTE_EDITS:
        pair = changed_notes[changed_notes["new_text"].str.contains(" ".join(new.split()), regex=False)]
        assert len(pair) == 1 and " ".join(old.split()) in pair["old_text"].iloc[0]
    added = diff[(diff["level"] == "footnote") & (diff["status"] == "added")]
    assert added["new_text"].str.contains("Oman|Sohar").all()


@pytest.mark.slow
def test_report_section_of_the_second_edition(two_editions):
    out, _ = two_editions
    section = report_section({name: pd.read_parquet(out / f"{name}.parquet") for name in ("edition_diff", "documents")})
    assert f"far-arc-monograph → {NEW_EDITION}" in section
    assert "<del> metal</del>" in section and "<ins>steel </ins>" in section  # "sheet metal" -> "steel sheet"
    assert "belta.<del>bv</del>" in section and "belta.<ins>by</ins>" in section
    assert f"<q>{NEW_CHAPTER_TITLE}</q>" in section


@pytest.mark.slow
def test_unchanged_claims_and_footnotes_keep_their_ids(two_editions):
    two_editions, _ = two_editions
    claims = pd.read_parquet(two_editions / "claims.parquet")
    notes = pd.read_parquet(two_editions / "footnotes.parquet")
    diff = pd.read_parquet(two_editions / "edition_diff.parquet")
    same = diff[diff["status"] == "same"]
    for table, key, level in ((claims, "claim_id", "claim"), (notes, "footnote_id", "footnote")):
        old = set(table.loc[table["doc_id"] == "far-arc-monograph", key])
        new = set(table.loc[table["doc_id"] == NEW_EDITION, key])
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
    from pipeline.records import Page
    from pipeline.structure.notes import collect_footnotes

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


# --- pairing by content ------------------------------------------------------------------------



def rows_for(name: str, claims, *, years=(), source_date=None, suffix=".txt") -> dict:
    """The table rows find_editions reads, for a document named `name` with these claims."""
    path = f"raw/{name}{suffix}"
    work, label = work_and_edition(name)
    title = work.replace("-", " ").replace("_", " ").strip().capitalize()
    return {"documents": [{"doc_id": doc_id_for(path), "source_path": path, "title": title,
                           "work": normalise_for_id(title), "edition": label, "source_date": source_date}],
            "claims": [{"text": t} for t in claims],
            "footnotes": [{"year": y} for y in years for _ in range(2)]}


def revised(claims, *, every=10, new=()):
    """A later edition: every `every`-th sentence edited (a word changed), new sentences appended."""
    out = [c.replace(" the ", " this ", 1) if i % every == 0 else c for i, c in enumerate(claims)]
    return out + list(new)


def test_two_editions_named_as_a_user_names_them_are_paired():
    first = SENTENCES[:900]
    editions = find_editions([rows_for("far-arc-monograph", first),
                              rows_for("far-arc-2nd-edition", revised(first, new=SENTENCES[1500:1560]))])
    assert [(p.old, p.new) for p in editions.pairs] == [("far-arc-monograph", "far-arc-2nd-edition")]
    assert editions.works["far-arc-monograph"] == editions.works["far-arc-2nd-edition"] == "fararcmonograph"
    [message] = editions.messages
    assert message.startswith("editions: far-arc-monograph → far-arc-2nd-edition: claims overlap")
    assert "older by the file names" in message


def test_unrelated_books_are_not_paired_even_when_named_as_editions():
    """The bundled book's two halves: one author, one subject, the same phrases; not one work."""
    half = len(SENTENCES) // 2
    editions = find_editions([rows_for("report", SENTENCES[:half]), rows_for("report-2e", SENTENCES[half:])])
    assert editions.pairs == ()
    assert editions.works["report"] != editions.works["report-2e"]
    assert any("report and report-2e are named as editions of one work but share" in m for m in editions.messages)


def test_unrelated_books_are_not_paired():
    half = len(SENTENCES) // 2
    editions = find_editions([rows_for("belarus-asia", SENTENCES[:half]), rows_for("belarus-africa", SENTENCES[half:])])
    assert editions.pairs == () and editions.messages == ()
    assert len(set(editions.works.values())) == 2


def test_three_editions_are_chained_in_order():
    first = SENTENCES[:600]
    second = revised(first, new=SENTENCES[700:800])
    third = revised(second, every=7, new=SENTENCES[900:1000])
    editions = find_editions([rows_for("belarus-asia-2023", third), rows_for("belarus-asia-2019", first),
                              rows_for("belarus-asia-2021", second), rows_for("unrelated", SENTENCES[1200:1800])])
    assert [(p.old, p.new) for p in editions.pairs] == [("belarus-asia-2019", "belarus-asia-2021"),
                                                        ("belarus-asia-2021", "belarus-asia-2023")]
    assert len({editions.works[d] for d in ("belarus-asia-2019", "belarus-asia-2021", "belarus-asia-2023")}) == 1
    assert editions.works["unrelated"] != editions.works["belarus-asia-2019"]


def test_editions_with_different_titles_are_one_work():
    first = SENTENCES[:700]
    editions = find_editions([rows_for("horizons-of-the-far-arc", first, source_date="2021-03-02", suffix=".pdf"),
                              rows_for("far-arc-partners", revised(first, new=SENTENCES[800:900]),
                                       source_date="2024-11-20", suffix=".pdf")])
    assert [(p.old, p.new) for p in editions.pairs] == [("horizons-of-the-far-arc", "far-arc-partners")]
    assert "PDFs' dates (2021-03-02 before 2024-11-20)" in editions.pairs[0].reason
    assert set(editions.works.values()) == {"horizonsofthefararc"}


def test_the_run_says_when_it_cannot_tell_which_edition_is_older():
    first = SENTENCES[:700]
    editions = find_editions([rows_for("notes-a", first), rows_for("notes-b", revised(first))])
    assert editions.pairs == ()
    [message] = editions.messages
    assert "notes-a and notes-b" in message and "--pair notes-a:notes-b" in message
    assert editions.works["notes-a"] == editions.works["notes-b"]
    # --pair settles it, either way round
    settled = find_editions([rows_for("notes-a", first), rows_for("notes-b", revised(first))], [("notes-b", "notes-a")])
    assert [(p.old, p.new) for p in settled.pairs] == [("notes-b", "notes-a")]


def test_the_latest_year_cited_orders_editions_the_names_do_not():
    first = SENTENCES[:700]
    editions = find_editions([rows_for("notes-b", revised(first), years=(2023, 2025)),
                              rows_for("notes-a", first, years=(2022, 2023))])
    assert [(p.old, p.new) for p in editions.pairs] == [("notes-a", "notes-b")]
    assert "footnotes cite (2023 before 2025)" in editions.pairs[0].reason


def test_one_text_in_two_files_is_not_diffed():
    editions = find_editions([rows_for("book", SENTENCES[:500]), rows_for("book-copy", SENTENCES[:500])])
    assert editions.pairs == ()
    assert any("hold the same text" in m for m in editions.messages)


def test_explicit_pair_rules():
    first = SENTENCES[:700]
    rows = [rows_for("book", first), rows_for("book-2e", revised(first))]
    editions = find_editions(rows, [("book-2e", "book")])
    assert [(p.old, p.new, p.reason) for p in editions.pairs] == [("book-2e", "book", "--pair")]
    unknown = find_editions(rows, [("book", "nothing")])
    assert [(p.old, p.new) for p in unknown.pairs] == [("book", "book-2e")]
    assert any("no document nothing" in m for m in unknown.messages)


def test_short_documents_are_paired_by_their_names():
    editions = find_editions([rows_for("leaflet", ["One short line of text."]),
                              rows_for("leaflet-2e", ["Another short line."])])
    assert [(p.old, p.new) for p in editions.pairs] == [("leaflet", "leaflet-2e")]


def test_which_is_older():
    def facts(doc_id, label=None, years=(), date=None, cited=None):
        return EditionFacts(doc_id, "w", label, years, date, cited)
    assert which_is_older(facts("a"), facts("b", "2nd-edition"))[0] == -1
    assert which_is_older(facts("a", "3e"), facts("b", "2e"))[0] == 1
    assert which_is_older(facts("a", "revised"), facts("b"))[0] == 1
    assert which_is_older(facts("a", "revised"), facts("b", "3e"))[0] == 0
    assert which_is_older(facts("a", years=(2030, 2019)), facts("b", years=(2030, 2023)))[0] == -1
    assert which_is_older(facts("a", years=(2030,)), facts("b", years=(2030, 2024)))[0] == 0
    assert which_is_older(facts("a", date="2024-01-05"), facts("b", date="2020-06-01"))[0] == 1
    assert which_is_older(facts("a", cited=2024), facts("b", cited=2025))[0] == -1
    assert which_is_older(facts("a", "2e", date="2030-01-01"), facts("b", "3e", date="2020-01-01"))[0] == -1
    assert which_is_older(facts("a"), facts("b")) == (0, "")


def test_plan_chains_by_evidence_not_by_doc_id():
    facts = [EditionFacts(d, d, None, (), date, None) for d, date in (("a", "2022-01-01"), ("b", "2018-01-01"),
                                                                       ("c", "2020-01-01"))]
    overlaps = [Overlap("a", "b", 0.6, 0.8, 5000), Overlap("b", "c", 0.7, 0.9, 6000), Overlap("a", "c", 0.8, 0.9, 7000)]
    plan = plan_editions(facts, overlaps, judged="abc")
    assert [(p.old, p.new) for p in plan.pairs] == [("b", "c"), ("c", "a")]
    weak = plan_editions(facts, [Overlap("a", "b", 0.1, 0.3, 900)], judged="abc")
    assert weak.pairs == ()


# --- footnotes: changed only when they cite the same source ---------------------------------------

def note(text, url=None, title=None, authors=()):
    return {"footnote_id": normalise_for_id(text)[:16], "text": text, "url": url, "title": title,
            "authors": list(authors), "authors_canonical": list(authors)}


WEB = "[Electronic resource]. - 2025. - URL : "
OLD_WEB = note(f"Belarus and the UAE have expanded the range of exchange trading {WEB}https://belta.by/economics/view/"
               "belarus-i-oae-rasshirili-nomenklaturu-birzhevoj-torgovli-716548-2025/",
               "https://belta.by/economics/view/belarus-i-oae-rasshirili-nomenklaturu-birzhevoj-torgovli-716548-2025/",
               "Belarus and the UAE have expanded the range of exchange trading")
NEW_WEB = note(f"Belarus and Oman agreed to open a trade house in Muscat {WEB}https://belta.by/economics/view/"
               "belarus-i-oman-dogovorilis-otkryt-torgovyj-dom-v-maskate-718204-2025/",
               "https://belta.by/economics/view/belarus-i-oman-dogovorilis-otkryt-torgovyj-dom-v-maskate-718204-2025/",
               "Belarus and Oman agreed to open a trade house in Muscat")
BOOK = note("Zalessky, B. Horizons of the Far Arc / Boris Zalessky. - Palmarium Academic Publishing , 2022. - P. 33 .",
            title="Horizons of the Far Arc", authors=["Zalessky, B."])


def test_a_new_source_under_a_removed_number_is_not_the_same_source():
    assert not same_source(OLD_WEB, NEW_WEB)
    assert not same_source(BOOK, note(BOOK["text"].replace("Horizons of the Far Arc", "Perimeter of the Far Arc"),
                                      title="Perimeter of the Far Arc", authors=["Zalessky, B."]))
    assert not same_source(BOOK, note(BOOK["text"].replace("Zalessky, B.", "Ivanov, P."), title="Horizons of the Far Arc",
                                      authors=["Ivanov, P."]))


def test_a_corrected_url_or_page_number_is_the_same_source():
    typo = dict(OLD_WEB, url=OLD_WEB["url"].replace("belta.by", "belta.bv"), text=OLD_WEB["text"].replace("belta.by", "belta.bv"))
    assert same_source(typo, OLD_WEB)
    assert same_source(BOOK, note(BOOK["text"].replace("P. 33", "P. 38"), title="Horizons of the Far Arc",
                                  authors=["Zaleski, B."]))
    assert same_source(note("Ibid. P. 5."), note("Ibid. P. 7."))


@pytest.mark.parametrize("a,b,same", [
    ("https://www.belta.by/a/b/", "http://belta.by/a/b", True), ("belta.bv/news/x-1", "https://belta.by/news/x-1", True),
    ("https://belta.by/economics/view/belarus-i-gruziia-rasshirili-tovarnuiu-nomenklaturu-704568-2025/",
     "https://belta.by/economics/view/belarus-i-oae-rasshirili-nomenklaturu-birzhevoj-torgovli-716548-2025/", False),
    ("https://mfa.gov.by/en/press/news/1", "https://president.gov.by/en/events/1", False),
    ("http://www.government.by/ru/content/10714", "http://www.government.by/ru/content/10698", False),
    ("https://belta.by/economics/view/butb-pomozhet-vyjti-na-rynok-652563-2024",
     "https://belta.by/economics/view/butb-pomozhet-vyiti-na-rynok-652563-2024", True),
])
def test_urls_match(a, b, same):
    assert urls_match(a, b) is same


def _edition_rows(doc_id, notes):
    return {"documents": [{"doc_id": doc_id}], "chapters": [], "paragraphs": [], "claims": [], "footnotes": notes}


def test_footnote_diff_adds_new_sources_and_changes_corrected_ones():
    kept = note("Trade statistics of Belarus. - Minsk : Belstat, 2024. - P. 12.", title="Trade statistics of Belarus")
    corrected = dict(BOOK, text=BOOK["text"].replace("P. 33", "P. 38"), footnote_id="corrected")
    old = _edition_rows("old", [kept, BOOK, OLD_WEB])
    new = _edition_rows("new", [kept, corrected, NEW_WEB])
    rows = diff_editions(old, new)
    assert [(r["status"], r["old_id"], r["new_id"]) for r in rows] == [
        ("same", kept["footnote_id"], kept["footnote_id"]), ("changed", BOOK["footnote_id"], "corrected"),
        ("added", None, NEW_WEB["footnote_id"]), ("removed", OLD_WEB["footnote_id"], None)]


# --- report section ------------------------------------------------------------------------------

def test_mark_differences():
    old, new = mark_differences("sheet metal & <paints>", "steel sheet & <paints>")
    assert old == "sheet<del> metal</del> &amp; &lt;paints&gt;"
    assert new == "<ins>steel </ins>sheet &amp; &lt;paints&gt;"


def test_report_section_counts_and_sides():
    diff = pd.DataFrame([
        {"doc_id_old": "b", "doc_id_new": "b-2e", "level": "chapter", "status": "same", "old_text": "One",
         "new_text": "One", "similarity": 1.0},
        {"doc_id_old": "b", "doc_id_new": "b-2e", "level": "chapter", "status": "added", "old_text": None,
         "new_text": "Oman & <Gulf>", "similarity": 0.0},
        {"doc_id_old": "b", "doc_id_new": "b-2e", "level": "claim", "status": "changed",
         "old_text": "Exports grew by 5%.", "new_text": "Exports grew by 7%.", "similarity": 0.95},
        {"doc_id_old": "b", "doc_id_new": "b-2e", "level": "footnote", "status": "removed", "old_text": "Old note.",
         "new_text": None, "similarity": 0.0},
    ])
    documents = pd.DataFrame({"doc_id": ["b", "b-2e"], "work": ["b", "b"]})
    section = report_section({"edition_diff": diff, "documents": documents})
    assert section.startswith("<section class='editions'>") and section.endswith("</section>")
    assert "<h3>b → b-2e</h3>" in section
    assert "<tr><td>chapter</td><td>1</td><td>0</td><td>1</td><td>0</td></tr>" in section
    assert "<tr><td>footnote</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>" in section
    assert "Chapters added: <q>Oman &amp; &lt;Gulf&gt;</q>" in section
    assert "by <del>5</del>%" in section and "by <ins>7</ins>%" in section
    assert "Changed footnotes: none." in section
    assert "<code>b</code>: b, b-2e" in section
    empty = report_section({"edition_diff": diff.iloc[:0], "documents": documents})
    assert "No two documents of this run were found to be editions" in empty


def test_pdf_dates_are_read(tmp_path):
    import datetime as dt

    from fpdf import FPDF
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="A page of text.")
    pdf.set_creation_date(dt.datetime(2019, 5, 17, 10, 0, tzinfo=dt.UTC))
    pdf.output(str(tmp_path / "book.pdf"))
    assert read_document(tmp_path / "book.pdf").source_date == "2019-05-17"
    assert read_document(BUNDLED_BOOK).source_date is None


@pytest.mark.slow
def test_a_run_pairs_renamed_editions_and_says_so(tmp_path):
    """Through the runner: an excerpt and its revision named as a user names them are paired and
    diffed; a third text named like the first one's second edition, but unrelated, is not."""
    text = BUNDLED_BOOK.read_text(encoding="utf-8")
    excerpt = text[:40000]
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "far-arc-monograph.txt").write_text(excerpt, encoding="utf-8")
    (raw / "far-arc-2nd-edition.txt").write_text(excerpt.replace("the exchange of information, and encourage",
                                                                 "the exchange of data, and encourage"),
                                                 encoding="utf-8")
    (raw / "far-arc-monograph-2e.txt").write_text(text[300000:340000], encoding="utf-8")
    messages = []
    result = run(sorted(raw.iterdir()), output_dir=tmp_path / "output", interim_dir=tmp_path / "interim",
                 log=messages.append)
    assert result.failures == ()
    assert any(m.startswith("editions: far-arc-monograph → far-arc-2nd-edition: claims overlap") for m in messages), messages
    assert any("far-arc-monograph and far-arc-monograph-2e are named as editions of one work" in m for m in messages)
    diff = pd.read_parquet(tmp_path / "output" / "edition_diff.parquet")
    assert set(zip(diff["doc_id_old"], diff["doc_id_new"])) == {("far-arc-monograph", "far-arc-2nd-edition")}
    assert (diff[diff["level"] == "claim"]["status"] == "changed").sum() >= 1
    work = pd.read_parquet(tmp_path / "output" / "documents.parquet").set_index("doc_id")["work"]
    assert work["far-arc-monograph"] == work["far-arc-2nd-edition"] != work["far-arc-monograph-2e"]


def test_a_url_decides_for_web_sources():
    retitled = dict(OLD_WEB, title="Belarus and the UAE have widened the range of exchange trading")
    assert same_source(OLD_WEB, retitled)  # the URL agrees
    moved = dict(OLD_WEB, url="https://www.belta.by/economics/view/oae-716549-2025/")
    assert not same_source(OLD_WEB, moved)
    site = dict(NEW_WEB, url="https://belta.by/", text="x")
    assert not same_source(dict(OLD_WEB, url="https://belta.by"), site)  # a bare site names no page: titles decide


@pytest.mark.parametrize("a,b,same", [
    ("a maior manufacturer from karamay will be accredited", "a major manufacturer from karamay will be accredited", True),
    ("belarus and uae have expanded the range", "belarus and the uae have expanded the range", True),
    ("the new resident of the great stone will implement a project in the field of biotechnology",
     "the new resident of the great stone will implement a project in the field of electronics", False),
    ("belarusian enterprises presented their potential at the food industry exhibition in algeria",
     "belarusian enterprises presented their potential at the food industry exhibition in angola", False),
    ("trade statistics of oman for 2024", "trade statistics of oman for 2023", False),
    ("horizons of the far arc potential for interaction of the republic of belarus",
     "perimeter of the far arc potential for interaction of the republic of belarus", False),
])
def test_titles_match(a, b, same):
    assert titles_match(a, b) is same


def test_a_book_reusing_part_of_another_is_named_not_paired():
    half = len(SENTENCES) // 2
    reuse = SENTENCES[:half // 2] + SENTENCES[half:half + half // 2]  # half of it from "asia"
    editions = find_editions([rows_for("asia", SENTENCES[:half]), rows_for("collected-articles", reuse)])
    assert editions.pairs == ()
    [message] = editions.messages
    assert "asia and collected-articles share" in message and "too little to be editions" in message


@pytest.mark.skipif(not (SHARED / "eval" / "real-dev" / "as-text").is_dir(), reason="needs ../shared/eval/real-dev")
def test_real_documents_are_not_paired():
    texts = {p.stem: re.split(r"(?<=[.!?])\s+", p.read_text(encoding="utf-8"))
             for p in sorted((SHARED / "eval" / "real-dev" / "as-text").glob("*.txt"))}
    rows = [rows_for(name, sentences) for name, sentences in texts.items()] + [rows_for("far-arc-monograph", SENTENCES)]
    editions = find_editions(rows)
    assert len(rows) >= 3 and editions.pairs == () and editions.messages == ()


def test_report_section_takes_arrow_tables():
    import pyarrow as pa
    diff = pa.table({"doc_id_old": ["b"], "doc_id_new": ["b-2e"], "level": ["claim"], "status": ["changed"],
                     "old_text": ["Exports grew by 5%."], "new_text": ["Exports grew by 7%."], "similarity": [0.95]})
    assert "by <ins>7</ins>%" in report_section({"edition_diff": diff, "documents": pa.table({"doc_id": ["b"]})})


def test_one_book_as_text_and_as_pdf_is_one_edition():
    pdf_text = [c.replace(" the ", " ") if i % 12 == 0 else c for i, c in enumerate(SENTENCES[:600])]  # another extraction
    rows = [rows_for("book", SENTENCES[:600]), rows_for("book", pdf_text, suffix=".pdf")]
    rows[0]["documents"][0]["doc_id"], rows[1]["documents"][0]["doc_id"] = "book-txt", "book-pdf"
    editions = find_editions(rows)
    assert editions.pairs == () and editions.works["book-txt"] == editions.works["book-pdf"]
    assert any("book-pdf and book-txt hold the same text" in m for m in editions.messages)
