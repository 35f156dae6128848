"""Entities on texts the rules were not written from: lists of organisations, titles, company
names by their context, places of other countries. Written for these tests, not taken from the book.
"""
from __future__ import annotations

import pytest

from pipeline.mentions.entities import (
    claim_candidates, entity_mentions, find_abbreviations, org_candidates, split_conjoined,
)
from pipeline.mentions.ner import NerSpan
from pipeline.records import Claim

SPLITS = [
    ("Slutsk Cheese Factory and OJSC Molochny Mir", ["Slutsk Cheese Factory", "OJSC Molochny Mir"]),
    ("the Ministry of Agriculture and the Ministry of Education of Kenya",
     ["Ministry of Agriculture", "Ministry of Education of Kenya"]),
    ("Bank of Ghana and Ecobank Ghana Limited", ["Bank of Ghana", "Ecobank Ghana Limited"]),
    ("Tashkent Tractor Plant, Samarkand Automobile Works and Andijan Cable Factory",
     ["Tashkent Tractor Plant", "Samarkand Automobile Works", "Andijan Cable Factory"]),
    ("Ministry of Trade and Industry of Egypt and the Egyptian Commodity Exchange",
     ["Ministry of Trade and Industry of Egypt", "Egyptian Commodity Exchange"]),
    ("Center for Expertise and Testing in Healthcare and CECMED", ["Center for Expertise and Testing in Healthcare", "CECMED"]),
    ("Hanoi University of Technology and the Vietnamese", ["Hanoi University of Technology"]),
    ("January 2023 and Belarusian State Technological University", ["Belarusian State Technological University"]),
    ("Eurasian Economic Union and Zimbabwe", ["Eurasian Economic Union"]),
    ("Council of Ministers in July", ["Council of Ministers"]),
    ("July 2023 the Ministry of Industry of Ghana", ["Ministry of Industry of Ghana"]),
    ("National Intellectual Property Center of Ghana and the Turkish Patent and Trademark Agency",
     ["National Intellectual Property Center of Ghana", "Turkish Patent and Trademark Agency"]),
    # one name each, whatever their "and"
    ("Tehran Chamber of Commerce, Industry, Mines and Agriculture", ["Tehran Chamber of Commerce, Industry, Mines and Agriculture"]),
    ("Lida Milk and Canned Food Plant", ["Lida Milk and Canned Food Plant"]),
    ("Ministry of Industry and Information Technology", ["Ministry of Industry and Information Technology"]),
    ("Belarusian State University of Informatics and Radioelectronics",
     ["Belarusian State University of Informatics and Radioelectronics"]),
    ("Procter & Gamble Company", ["Procter & Gamble Company"]),
    ("Federation of Transport and Logistics of Iran", ["Federation of Transport and Logistics of Iran"]),
    ("Ministry of Education, Science, University and Vocational Training of Ghana",
     ["Ministry of Education, Science, University and Vocational Training of Ghana"]),
]


@pytest.mark.parametrize("name,expected", SPLITS, ids=[s[0][:40] for s in SPLITS])
def test_conjoined_organisations_split_into_their_names(name, expected):
    text = f"Talks were held with {name} on Monday."
    start = text.index(name)
    assert [text[a:b] for a, b in split_conjoined(text, start, start + len(name))] == expected


def _span(text: str, surface: str, label: str) -> NerSpan:
    start = text.index(surface)
    return NerSpan(start, start + len(surface), surface, label)


# (text, spaCy's spans as the small model gives them, entities expected, entities that must not appear)
GIVEN = [
    ("President Lukashenko met Prime Minister Narendra Modi in New Delhi.",
     [("President Lukashenko", "PERSON"), ("Prime Minister Narendra Modi", "PERSON"), ("New Delhi", "GPE")],
     [("PERSON", "Lukashenko"), ("PERSON", "Narendra Modi"), ("GPE", "New Delhi")], [("PERSON", "President Lukashenko")]),
    ("The Ambassador of China to Brazil spoke first.", [("Ambassador", "PERSON"), ("China", "GPE"), ("Brazil", "GPE")],
     [("GPE", "China"), ("GPE", "Brazil")], [("PERSON", "Ambassador")]),
    ("The Minister of Foreign Affairs of Vietnam arrived.", [("Minister of Foreign Affairs", "ORG"), ("Vietnam", "GPE")],
     [("GPE", "Vietnam")], [("ORG", "Minister of Foreign Affairs")]),
    ("He met the Rector of the University of Nairobi.", [("Rector of the University of Nairobi", "ORG")],
     [("ORG", "University of Nairobi")], [("ORG", "Rector of the University of Nairobi")]),
    ("The Brazilian company Embraer and the Peruvian firm Gloria signed it.",
     [("Brazilian", "NORP"), ("Embraer", "PERSON"), ("Peruvian", "NORP"), ("Gloria", "PERSON")],
     [("NORP", "Brazilian"), ("ORG", "Embraer"), ("NORP", "Peruvian"), ("ORG", "Gloria")], [("PERSON", "Gloria")]),
    ("Andina Foods LLC opened an office, and LLC Quipu followed.", [],
     [("ORG", "Andina Foods LLC"), ("ORG", "Quipu")], []),
    ("The new resident, Doctor Dent LLC, makes implants.", [], [("ORG", "Doctor Dent LLC")], [("ORG", "Dent LLC")]),
    ("Including the Algerian Association of Employers, 40 members came.",
     [("Including the Algerian Association of Employers", "ORG")], [("ORG", "Algerian Association of Employers")], []),
    ("Samarkand Automobile Works and OJSC Uzbek Textiles signed a contract.",
     [("Samarkand Automobile Works and OJSC Uzbek Textiles", "ORG")],
     [("ORG", "Samarkand Automobile Works"), ("ORG", "OJSC Uzbek Textiles")], []),
    ("Buyers came to the exhibition AGROTECH in Kigali.", [("AGROTECH", "GPE"), ("Kigali", "GPE")],
     [("EVENT", "AGROTECH"), ("GPE", "Kigali")], [("GPE", "AGROTECH")]),
    ("The largest buyer was Hengda (Wuxi) Packaging Materials.", [("Hengda", "GPE")],
     [("ORG", "Hengda (Wuxi) Packaging Materials")], [("GPE", "Hengda")]),
    ("Freight trains run along the India-Europe corridor.", [("India-Europe", "ORG")],
     [("GPE", "India"), ("LOC", "Europe")], [("GPE", "Europe")]),
    ("The Dakar Fire Brigade City of Thies was equipped.", [], [], [("GPE", "Dakar Fire Brigade City")]),
    ("Shipments went to Vooking Trade Pte in Singapore.", [("Vooking Trade Pte", "PERSON"), ("Singapore", "GPE")],
     [("ORG", "Vooking Trade Pte"), ("GPE", "Singapore")], [("PERSON", "Vooking Trade Pte")]),
    ("Milk came from Kaunas Dairy Plant No. 2 and from SAS Industrial LLC.", [],
     [("ORG", "Kaunas Dairy Plant No. 2"), ("ORG", "SAS Industrial LLC")], [("ORG", "Industrial LLC")]),
]


@pytest.mark.parametrize("text,spans,expected,absent", GIVEN, ids=[g[0][:40] for g in GIVEN])
def test_titles_lists_and_company_nouns_on_given_spans(text, spans, expected, absent):
    ner = [_span(text, surface, label) for surface, label in spans]
    got = [(c.label, text[c.start:c.end]) for c in claim_candidates(text, 0, ner, find_abbreviations([text]))]
    for item in expected:
        assert item in got
    for item in absent:
        assert item not in got


@pytest.mark.parametrize("text,expected", [
    ("the General Administration of Customs of China met", ["General Administration of Customs of China"]),
    ("Talks with the Director of the Kenya Medical Research Institute", ["Kenya Medical Research Institute"]),
    ("a ruling of the Supreme Court of Ghana", ["Supreme Court of Ghana"]),
])
def test_a_title_ends_a_name_unless_it_opens_organisations_too(text, expected):
    assert [text[c.start:c.end] for c in org_candidates(text)] == expected


def test_places_spacy_took_for_one_person_are_places():
    text = "Plants opened in Novopolotsk, Gorki and Kobrin."
    claims = [Claim(doc_id="d", claim_id="c0", paragraph_id="p", chapter_id="ch", page=1, seq=0, text=text)]
    spans = [[_span(text, "Novopolotsk, Gorki", "PERSON"), _span(text, "Kobrin", "GPE")]]
    got = [(m.label, m.text) for m in entity_mentions(claims, spans)]
    assert got == [("GPE", "Novopolotsk"), ("GPE", "Gorki"), ("GPE", "Kobrin")]


def test_a_place_beside_a_company_noun_is_not_the_company():
    text = "A Minsk company and the Vitebsk concern exported flax."
    spans = [_span(text, "Minsk", "GPE"), _span(text, "Vitebsk", "GPE")]
    claims = [Claim(doc_id="d", claim_id="c0", paragraph_id="p", chapter_id="ch", page=1, seq=0, text=text)]
    got = [(m.label, m.text, m.country_iso3) for m in entity_mentions(claims, [spans])]
    assert got == [("GPE", "Minsk", ("BLR",)), ("GPE", "Vitebsk", ("BLR",))]


def test_a_place_the_gazetteer_lacks_takes_the_country_of_the_places_listed_with_it():
    texts = ("Plants were built in the towns of Kazimirovka and Gomel.",
             "Talks between the Gomel region and the province of Zerbanistan went on.",
             'Shops sold the cheeses "Maasdam" and "Kletsk" in Minsk.')
    claims = [Claim(doc_id="d", claim_id=f"c{i}", paragraph_id="p", chapter_id="ch", page=1, seq=i, text=t)
              for i, t in enumerate(texts)]
    spans = [[_span(texts[0], "Kazimirovka", "GPE"), _span(texts[0], "Gomel", "GPE")],
             [_span(texts[1], "Zerbanistan", "GPE")],
             [_span(texts[2], "Maasdam", "GPE"), _span(texts[2], "Kletsk", "GPE"), _span(texts[2], "Minsk", "GPE")]]
    got = {(m.text, m.label, m.country_iso3) for m in entity_mentions(claims, spans)}
    assert ("Kazimirovka", "GPE", ("BLR",)) in got  # listed with Gomel
    assert ("Zerbanistan", "GPE", ()) in got  # related to a Belarusian region, not in it
    assert not any(text in ("Maasdam", "Kletsk") for text, _, _ in got)  # quoted products, not places
    assert ("Minsk", "GPE", ("BLR",)) in got


OWN_TEXTS = [
    "In March 2022, Slutsk Cheese Factory and OJSC Molochny Mir shipped butter to Hanoi.",
    "Representatives of the Ministry of Agriculture and the Ministry of Education of Kenya met in Nairobi.",
    "The Brazilian company Embraer and the Vietnamese airline Vietjet discussed deliveries.",
    "Congolese and Angolan traders met Nigerian officials in Lagos and Kano State.",
    "The Sino-Pakistani economic corridor links Kashgar with Balochistan.",
    "Among the partners are the University of Nairobi, Makerere University and the Kenya Medical Research Institute.",
    "Experts from the Oswaldo Cruz Foundation visited Minas Gerais.",
    "The Ugandan Minister of Health, Jane Ruth Aceng, thanked the Belarusian side.",
]

EXPECTED = {
    0: [("ORG", "Slutsk Cheese Factory", ("BLR",)),  # a Belarusian town, and the texts name Belarusians
        ("ORG", "OJSC Molochny Mir", ()), ("GPE", "Hanoi", ("VNM",))],
    1: [("ORG", "Ministry of Agriculture", ()), ("ORG", "Ministry of Education of Kenya", ("KEN",)),
        ("GPE", "Nairobi", ("KEN",))],
    2: [("NORP", "Brazilian", ("BRA",)), ("ORG", "Embraer", ()), ("NORP", "Vietnamese", ("VNM",)), ("ORG", "Vietjet", ())],
    3: [("NORP", "Congolese", ("COD",)), ("NORP", "Angolan", ("AGO",)), ("NORP", "Nigerian", ("NGA",)),
        ("GPE", "Lagos", ("NGA",)), ("GPE", "Kano State", ("NGA",))],
    4: [("NORP", "Sino-Pakistani", ("CHN", "PAK")), ("GPE", "Kashgar", ("CHN",)), ("GPE", "Balochistan", ("PAK",))],
    5: [("ORG", "University of Nairobi", ()), ("ORG", "Makerere University", ()),
        ("ORG", "Kenya Medical Research Institute", ("KEN",))],
    6: [("ORG", "Oswaldo Cruz Foundation", ()), ("GPE", "Minas Gerais", ("BRA",))],
    7: [("PERSON", "Jane Ruth Aceng", ()), ("NORP", "Belarusian", ("BLR",))],
}


@pytest.fixture(scope="module")
def own_mentions():
    pytest.importorskip("spacy")
    from pipeline.mentions.ner import ModelMissing, ner_spans
    try:
        spans = ner_spans(OWN_TEXTS, n_process=1)
    except ModelMissing:
        pytest.skip("the spaCy pipeline is not installed")
    claims = [Claim(doc_id="own", claim_id=f"c{i}", paragraph_id="p", chapter_id="ch", page=1, seq=i, text=t)
              for i, t in enumerate(OWN_TEXTS)]
    return entity_mentions(claims, spans)


@pytest.mark.parametrize("index", sorted(EXPECTED))
def test_texts_of_other_countries_with_the_real_model(own_mentions, index):
    got = [(m.label, m.text, m.country_iso3) for m in own_mentions if m.claim_id == f"c{index}"]
    assert got == EXPECTED[index]
