"""Cited works: grouping, repeats resolved, canonical URLs, suspect hosts, the exports' round trip."""
from __future__ import annotations

import json
from collections import Counter

import bibtexparser
import pytest
from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors, SplitNameParts
from citeproc.source.json import CiteProcJSON

from pipeline.output import bibliography
from pipeline.records import Footnote
from pipeline.structure.works import build_works, canonical_url, suspect_hosts, url_domain


def notes(*texts: str, numbers=None) -> list[Footnote]:
    numbers = numbers or range(1, len(texts) + 1)
    return [Footnote(doc_id="d", footnote_id=f"f{i}", number=n, page=1, end_page=1, text=t, raw_text=t, url=None,
                     year=None, authors=(), title=None, publisher=None, cited_pages=None, kind="other",
                     number_in_text=True) for i, (n, t) in enumerate(zip(numbers, texts))]


def cited(texts, **kw):
    style, works, links = build_works(notes(*texts, **kw))
    by_id = {w.work_id: w for w in works}
    return style, works, [(l.footnote_id, by_id[l.work_id].title, l.form, l.cited_pages) for l in links]


def test_repeats_of_a_chicago_book_point_to_it():
    style, works, links = cited([
        "Mark Rose, Authors and Owners (Cambridge: Harvard University Press, 1993), 92.",
        "Ibid., 93.",
        "Howard B. Abrams, “The Historic Foundation of American Copyright Law,” Wayne Law Review 29 (1983): 1152.",
        "Rose, 97.",
        "Rose, Authors and Owners, 99.",
    ])
    assert style == "chicago"
    assert links == [("f0", "Authors and Owners", "full", "92"), ("f1", "Authors and Owners", "ibid", "93"),
                     ("f2", "The Historic Foundation of American Copyright Law", "full", "1152"),
                     ("f3", "Authors and Owners", "short", "97"), ("f4", "Authors and Owners", "short", "99")]
    assert {w.title: w.n_citations for w in works} == {"Authors and Owners": 4,
                                                       "The Historic Foundation of American Copyright Law": 1}


def test_oscola_cross_reference_finds_the_note_it_names():
    _, works, links = cited([
        "Timothy Endicott, Administrative Law (2nd edn, OUP 2011) 185.",
        "Human Rights Act 1998, s 3(1).",
        "Endicott (n 1) 190.",
        "ibid 192.",
    ])
    assert [(t, f) for _, t, f, _ in links] == [("Administrative Law", "full"), ("Human Rights Act 1998", "full"),
                                                ("Administrative Law", "cross-reference"), ("Administrative Law", "ibid")]
    assert {w.kind for w in works} == {"book", "legislation"}


def test_gost_books_of_one_author_group_by_title_across_spellings():
    _, works, links = cited([
        "Zaleski, B. Vector of cooperation - Asia / Boris Zalesky . - LAP LAMBERT Academic Publishing, 2022. - P. 3.",
        "Zalessky, B. Vector of cooperation - Asia / Boris Zalessky. - LAP LAMBERT Academic Publishing , 2022. - C. 19.",
        "Zalessky, B. Another book / Boris Zalessky. - LAP LAMBERT Academic Publishing , 2023. - P. 5.",
    ])
    assert [w.n_citations for w in works] == [2, 1]
    assert works[0].authors == works[1].authors == ("Zalessky, B.",)
    assert [l[3] for l in links] == ["3", "19", "5"]


def test_work_id_does_not_depend_on_numbers_or_pages():
    a = build_works(notes("Mark Rose, Authors and Owners (Cambridge: Harvard University Press, 1993), 92."))[1]
    b = build_works(notes("Preface.", "Mark Rose, Authors and Owners (Cambridge: Harvard University Press, 1993), 7.",
                          numbers=[4, 12]))[1]
    assert a[0].work_id == b[0].work_id


def test_url_variants_are_one_work_and_a_typo_host_is_flagged():
    gost = "Title {} [Electronic resource]. - 2023. - URL : {}"
    _, works, _ = cited([gost.format(1, "https://www.belta.by/a/b/"), gost.format(2, "https://belta.by/a/b"),
                         gost.format(3, "https://belta.by/c"), gost.format(4, "https://belta.by/d"),
                         gost.format(5, "https://www.belta.bv/e/")])
    assert [w.url for w in works] == ["https://belta.by/a/b", "https://belta.by/c", "https://belta.by/d",
                                      "https://belta.bv/e"]
    assert works[0].n_citations == 2
    assert works[-1].url_suspect == "no registrations under .bv; near belta.by"
    assert all(w.url_suspect is None for w in works[:-1])


@pytest.mark.parametrize("url, canonical", [
    ("HTTP://WWW.Belta.by/news/?utm_source=x&id=3#top", "http://belta.by/news?id=3"),
    ("www.belta.by/a/", "https://belta.by/a"),
    ("https://example.org:443/", "https://example.org"),
    # regression: a URL broken over a line with the next words glued on has no port to read
    ("https://belta.by:PotentialforSustainableGrowth/x", "https://belta.by/x"),
])
def test_canonical_url(url, canonical):
    assert canonical_url(url) == canonical


def test_url_domain_is_the_registrable_domain():
    assert url_domain("https://egypt.mfa.gov.by/ru/x") == "mfa.gov.by"
    assert url_domain("www.bbc.co.uk/news") == "bbc.co.uk"
    assert suspect_hosts(Counter({"foo.zzzz": 1})) == {"foo.zzzz": "unknown suffix .zzzz"}


ROUND_TRIP = [
    "David Pogue, “Don’t Just Chat, Do Something,” New York Times, 30 January 2000.",
    "Samuel D. Warren and Louis D. Brandeis, “The Right to Privacy,” Harvard Law Review 4 (1890): 193.",
    "Alexis de Tocqueville, Democracy in America (New York: Bantam Books, 2000), ch. 16.",
    "U.S. Department of Commerce Office of Acquisition Management, Seven Steps to Performance-Based Services "
    "Acquisition, available at link #22.",
    "Bach v. Longman, 98 Eng. Rep. 1274 (1777) (Mansfield).",
    "Pushnyakova, A. Chinese industrialists & 100% of #1 deals / A. Pushnyakova // [Electronic resource]. - 2023. - "
    "URL : https://www.belta.by/regions/view/kitajskie_promyshlenniki-567149-2023/?a=1&b=2",
]


def _works_rows():
    _, works, _ = build_works(notes(*ROUND_TRIP))
    import dataclasses
    return [dataclasses.asdict(w) for w in works]


def test_csl_json_round_trip_through_citeproc():
    rows = _works_rows()
    items = json.loads(json.dumps(bibliography.csl_items(rows)))
    source = CiteProcJSON(items)
    for w in rows:
        ref = source[w["work_id"]]
        names = [(n.get("family"), n.get("given")) if "family" in n else n.get("literal") for n in ref.get("author", [])]
        want = [tuple(a.split(", ", 1)) if ", " in a else a for a in w["authors"]]
        assert names == want
        assert str(ref.get("title")) == w["title"]
        assert (ref["issued"]["year"] if "issued" in ref else None) == w["year"]
        assert (str(ref["URL"]) if "URL" in ref else None) == w["url"]


def test_bibtex_round_trip_through_bibtexparser():
    rows = _works_rows()
    text = bibliography.bibtex(rows)
    raw = {e.key: e for e in bibtexparser.parse_string(text).entries}  # url is verbatim: no LaTeX decoding
    library = bibtexparser.parse_string(text, append_middleware=[
        SeparateCoAuthors(), SplitNameParts(), LatexDecodingMiddleware()])
    assert not library.failed_blocks
    entries = {e.key: e for e in library.entries}
    assert set(entries) == {w["work_id"] for w in rows}
    for w in rows:
        e = entries[w["work_id"]]
        fields = {f.key: f.value for f in e.fields}
        authors = [", ".join(x for x in (" ".join(p.von + p.last).strip("{}"), " ".join(p.first)) if x)
                   for p in fields.get("author", [])]
        assert authors == list(w["authors"])
        assert fields["title"].strip("{}") == w["title"]
        assert (int(fields["year"]) if "year" in fields else None) == w["year"]
        assert (raw[e.key].fields_dict["url"].value if "url" in raw[e.key].fields_dict else None) == w["url"]


@pytest.mark.slow
def test_bundled_book_works(book_run):
    """The author's own books are one work each, the Ibid. note points to the work before it, the
    exports of the whole book load back."""
    import pandas as pd
    root, _ = book_run
    out = root / "output"
    works = pd.read_parquet(out / "works.parquet")
    cited = pd.read_parquet(out / "footnote_works.parquet")
    notes = pd.read_parquet(out / "footnotes.parquet")
    assert pd.read_parquet(out / "documents.parquet")["citation_style"].tolist() == ["gost"]
    own = works[works["authors"].map(lambda a: list(a) == ["Zalessky, B.L."])]
    assert own["title"].is_unique and len(own) >= 25
    route = own[own["title"].str.startswith("The route of interaction")]
    assert route["n_citations"].tolist() == [2]
    links = cited.merge(notes[["footnote_id", "number"]], on="footnote_id").set_index("number")
    assert links.loc[665, "form"] == "ibid" and links.loc[665, "work_id"] == links.loc[664, "work_id"]
    assert works["url_suspect"].notna().sum() >= 40
    assert set(works.loc[works["url_suspect"].notna(), "url_domain"]) <= {"belta.bv", "belarus.bv", "gov.bv"}
    items = json.loads((out / "bibliography" / "far-arc-monograph.csl.json").read_text(encoding="utf-8"))
    assert len(CiteProcJSON(items)) == len(works)
    library = bibtexparser.parse_string((out / "bibliography" / "far-arc-monograph.bib").read_text(encoding="utf-8"))
    assert not library.failed_blocks and len(library.entries) == len(works)
