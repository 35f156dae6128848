"""Entities: countries, places, organisations, abbreviations and name variants, from real text."""
from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.mentions import countries
from pipeline.mentions.entities import (
    canonical_org, catalog_rows, claim_candidates, entity_mentions, find_abbreviations, is_adjective,
    merge_variants, org_candidates, place_candidates,
)
from pipeline.structure.citations import canonical_authors
from pipeline.mentions.ner import NerSpan
from pipeline.records import Claim, Footnote

COUNTRIES = [
    ("Türkiye", "TUR", "Turkey"), ("Turkey", "TUR", "Turkey"), ("Republic of Turkey", "TUR", "Turkey"),
    ("UAE", "ARE", "United Arab Emirates"), ("United Arab Emirates", "ARE", "United Arab Emirates"),
    ("PRC", "CHN", "China"), ("People's Republic of China", "CHN", "China"), ("Celestial Empire", "CHN", "China"),
    ("the Republic of Belarus", "BLR", "Belarus"), ("Iran", "IRN", "Iran"), ("Islamic Republic of Iran", "IRN", "Iran"),
    ("Vietnam", "VNM", "Vietnam"), ("Viet Nam", "VNM", "Vietnam"), ("Russia", "RUS", "Russia"),
    ("Laos", "LAO", "Laos"), ("Equatorial Guinea", "GNQ", "Equatorial Guinea"), ("Zimbabwe", "ZWE", "Zimbabwe"),
    ("Venezuela", "VEN", "Venezuela"), ("South Africa", "ZAF", "South Africa"), ("Saudi Arabia", "SAU", "Saudi Arabia"),
]


@pytest.mark.parametrize("surface,iso3,name", COUNTRIES)
def test_countries_get_one_name_and_iso3(surface, iso3, name):
    assert countries.lookup(surface) == iso3
    assert countries.short_name(iso3) == name


@pytest.mark.parametrize("word", ["Belarusian", "Chinese", "Belarusian-Chinese", "Sino-Belarusian", "Moldovan",
                                  "Ugandan", "Omani", "Turkish", "Belarusian and Turkmen", "Latin American"])
def test_adjectives_are_not_places(word):
    assert is_adjective(word)
    assert countries.lookup(word) is None


@pytest.mark.parametrize("word", ["Belarus", "Oman", "Minsk", "Harare", "Dubrovno", "Orsha", "Gomselmash"])
def test_names_are_not_adjectives(word):
    assert not is_adjective(word)


ABBREVIATIONS = [
    ("the volume of trade on the Belarusian Universal Commodity Exchange (BUCE) increased", "BUCE",
     "Belarusian Universal Commodity Exchange"),
    ("In July 2024, in Iran, the Belarusian State University (BSU) signed", "BSU", "Belarusian State University"),
    ("The Belarusian High-Tech Park (HTP) is also establishing", "HTP", "Belarusian High-Tech Park"),
    ("Minsk Tractor Works (MTZ) is interested in creating joint", "MTZ", "Minsk Tractor Works"),
    ("the Intergovernmental Committee on Cooperation (IGC) was held", "IGC", "Intergovernmental Committee on Cooperation"),
]


@pytest.mark.parametrize("text,abbr,expansion", ABBREVIATIONS)
def test_abbreviations_tied_to_their_expansion(text, abbr, expansion):
    assert find_abbreviations([text])[abbr] == [(0, expansion)]


def test_parenthesised_years_and_words_are_not_abbreviations():
    assert find_abbreviations(["the agreement (2011) on trade (see below) and (in USD)"]) == {}


ORGS = [
    ("In particular, Svetlogorsk Pulp and Cardboard Mill OJSC supplies bleached cellulose to Iran.",
     ["Svetlogorsk Pulp and Cardboard Mill OJSC"]),
    ("with the Center for International Economic and Technical Cooperation of the Ministry of Industry and "
     "Information Technology of the People's Republic of China",
     ["Center for International Economic and Technical Cooperation",
      "Ministry of Industry and Information Technology of the People's Republic of China"]),
    ("a meeting at the Tehran Chamber of Commerce, Industry, Mines and Agriculture, where",
     ["Tehran Chamber of Commerce, Industry, Mines and Agriculture"]),
    ("the Joint Belarusian-Mongolian Commission on Cooperation in Science and Technology met",
     ["Joint Belarusian-Mongolian Commission on Cooperation in Science and Technology"]),
    ("between the Vitebsk concern \"Meat and Dairy Products\" and an enterprise", ["Meat and Dairy Products"]),
    ("Minsk Tractor Plant, Gomselmash, Minsk Automobile Plant, AMKODOR OJSC", ["Minsk Tractor Plant", "Minsk Automobile Plant"]),
    ("the Ministry of Health of the Republic of Belarus authorized", ["Ministry of Health of the Republic of Belarus"]),
    ("Belarusian Medical Academy of Postgraduate Education in the Department of Reflexology.",
     ["Belarusian Medical Academy of Postgraduate Education", "Department of Reflexology"]),
]


@pytest.mark.parametrize("text,expected", ORGS, ids=[o[1][0][:30] for o in ORGS])
def test_organisations_by_their_form(text, expected):
    assert [text[c.start:c.end] for c in org_candidates(text)] == expected


PLACES = [
    ("enterprises from Heilongjiang Province expressed interest", ["Heilongjiang Province"]),
    ("Another partner of the Vitebsk region in China", ["Vitebsk region"]),
    ("an enterprise from the city of Suihua, the same province", ["Suihua"]),
    ("the Days of Minsk in Ho Chi Minh City", ["Ho Chi Minh City"]),
    ("partnerships between the Belarusian region and the South Asian region", []),
]


@pytest.mark.parametrize("text,expected", PLACES)
def test_places_by_their_form(text, expected):
    assert [text[c.start:c.end] for c in place_candidates(text)] == expected


def test_canonical_org_strips_legal_forms_quotes_and_spaces():
    assert canonical_org('OJSC "Gomselmash"') == "Gomselmash"
    assert canonical_org("Svetlogorsk Pulp and Cardboard Mill OJSC") == "Svetlogorsk Pulp and Cardboard Mill"
    assert canonical_org("Joint Belarusian- Mongolian Commission") == "Joint Belarusian-Mongolian Commission"


def test_variants_merge_behind_a_strict_cutoff():
    merged = merge_variants(Counter({"Minsk Tractor Plant": 17, "Minsk Tractor Works": 2, "Minsk Automobile Plant": 6,
                                     "Belarusian State University": 72, "Belarusian State Technological University": 12}))
    assert merged["Minsk Tractor Works"] == "Minsk Tractor Plant"
    assert merged["Minsk Automobile Plant"] == "Minsk Automobile Plant"
    assert merged["Belarusian State Technological University"] == "Belarusian State Technological University"


def _note(number: int, authors: tuple[str, ...]) -> Footnote:
    return Footnote(doc_id="d", footnote_id=f"f{number}", number=number, page=1, end_page=1, text="t", raw_text="t",
                    url=None, year=None, authors=authors, title=None, publisher=None, cited_pages=None, kind="book",
                    number_in_text=True)


def test_footnote_author_spellings_merge():
    notes = [_note(1, ("Zalessky, B.",)), _note(2, ("Zalessky, B.",)), _note(3, ("Zaleski, B.",)),
             _note(4, ("Zalesky, B.L.",)), _note(5, ("Pivovar, E.",)), _note(6, ("Zaleski, A.",))]
    names = canonical_authors(notes)
    assert names["Zaleski, B."] == names["Zalesky, B.L."] == names["Zalessky, B."] == "Zalessky, B.L."
    assert names["Pivovar, E."] == "Pivovar, E."
    assert names["Zaleski, A."] == "Zaleski, A."  # another person: other initials


def _claims(*texts: str) -> list[Claim]:
    return [Claim(doc_id="d", claim_id=f"c{i}", paragraph_id="p", chapter_id="ch", page=1, seq=i, text=t)
            for i, t in enumerate(texts)]


def _span(text: str, surface: str, label: str) -> NerSpan:
    start = text.index(surface)
    return NerSpan(start, start + len(surface), surface, label)


def test_document_rules_on_given_spans():
    texts = ("The Belarusian Universal Commodity Exchange (BUCE) signed a deal with Türkiye.",
             "BUCE and the UAE traders met in Ulaanbaatar.",
             "Later, Belarusian exporters went to Ulaanbaatar and Orsha-Nanchang trains ran.",
             "Ulaanbaatar hosted the talks, and BUCE’s partners came.")
    claims = _claims(*texts)
    spans = [(), (_span(texts[1], "Ulaanbaatar", "GPE"),),
             (_span(texts[2], "Belarusian", "NORP"), _span(texts[2], "Ulaanbaatar", "ORG"),
              _span(texts[2], "Orsha-Nanchang", "ORG")), ()]
    mentions = entity_mentions(claims, spans)
    got = [(m.claim_id, m.text, m.label, m.canonical, m.iso3) for m in mentions if m.label in ("PERSON", "ORG", "GPE")]
    assert got == [
        ("c0", "Belarusian Universal Commodity Exchange", "ORG", "Belarusian Universal Commodity Exchange", None),
        ("c0", "BUCE", "ORG", "Belarusian Universal Commodity Exchange", None),
        ("c0", "Türkiye", "GPE", "Turkey", "TUR"),
        ("c1", "BUCE", "ORG", "Belarusian Universal Commodity Exchange", None),
        ("c1", "UAE", "GPE", "United Arab Emirates", "ARE"),
        ("c1", "Ulaanbaatar", "GPE", "Ulaanbaatar", None),
        ("c2", "Ulaanbaatar", "GPE", "Ulaanbaatar", None),  # one label per name across the document
        ("c2", "Orsha", "GPE", "Orsha", None),
        ("c2", "Nanchang", "GPE", "Nanchang", None),
        ("c3", "Ulaanbaatar", "GPE", "Ulaanbaatar", None),  # a repeat spaCy missed
        ("c3", "BUCE", "ORG", "Belarusian Universal Commodity Exchange", None),  # "BUCE’s"
    ]
    for m in mentions:
        assert claims[int(m.claim_id[1:])].text[m.start_char:m.end_char] == m.text
    assert all(m.label != "GPE" for m in mentions if m.text == "Belarusian")
    catalog = {r["canonical"]: r for r in catalog_rows(mentions)}
    assert catalog["Belarusian Universal Commodity Exchange"]["aliases"] == ["BUCE", "Belarusian Universal Commodity Exchange"]
    assert catalog["Belarusian Universal Commodity Exchange"]["n_mentions"] == 4
    assert catalog["Turkey"]["iso3"] == "TUR"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=160))
def test_candidates_never_raise_and_stay_inside_the_text(text):
    for c in claim_candidates(text, 0, (), find_abbreviations([text])):
        assert 0 <= c.start < c.end <= len(text)


NAMEISH = st.sampled_from(["Minsk", "Tractor", "Plant", "of", "the", "Republic", "Belarus", "(BUCE)", "BUCE", "OJSC",
                           "\"", "Province", "region", "-", ",", "and", "Belarusian", "Ministry", "Health", "city"])


@settings(max_examples=200, deadline=None)
@given(st.lists(NAMEISH, max_size=14))
def test_name_like_salad_never_overlaps(words):
    text = " ".join(words)
    cands = claim_candidates(text, 0, (), find_abbreviations([text]))
    for a, b in zip(cands, cands[1:]):
        assert a.end <= b.start
