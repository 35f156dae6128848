"""Places and people words to the countries they belong to (places.py), mention by mention.

The first table holds real mentions of the bundled book as it writes them; the second, places and
people words of other countries, for texts the book never saw.
"""
from __future__ import annotations

import pytest

from pipeline.mentions import countries, places

# (surface, label, document prior, expected country_iso3)
BOOK = [
    ("Minsk", "GPE", {}, ("BLR",)),
    ("Harare", "GPE", {}, ("ZWE",)),
    ("Chongqing", "GPE", {}, ("CHN",)),
    ("Ulaanbaatar", "GPE", {}, ("MNG",)),
    ("Shanghai", "GPE", {}, ("CHN",)),
    ("Vitebsk region", "GPE", {}, ("BLR",)),
    ("Minsk region", "GPE", {}, ("BLR",)),
    ("Mogilev Region", "GPE", {}, ("BLR",)),
    ("Gomel", "GPE", {}, ("BLR",)),
    ("Grodno region", "GPE", {}, ("BLR",)),
    ("Brest", "GPE", {"BLR": 600}, ("BLR",)),
    ("Zhlobin District", "GPE", {}, ("BLR",)),
    ("Novopolotsk", "GPE", {}, ("BLR",)),
    ("Shandong Province", "GPE", {}, ("CHN",)),
    ("Heilongjiang", "GPE", {}, ("CHN",)),
    ("Tianjin City", "GPE", {}, ("CHN",)),
    ("Xinjiang Uyghur Autonomous Region", "GPE", {}, ("CHN",)),
    ("Inner Mongolia Autonomous Region", "GPE", {}, ("CHN",)),
    ("Guangxi Zhuang Autonomous Region", "GPE", {}, ("CHN",)),
    ("Xi'an", "GPE", {}, ("CHN",)),
    ("Ho Chi Minh City", "GPE", {}, ("VNM",)),
    ("Hung Yen", "GPE", {}, ("VNM",)),
    ("Dien Bien", "GPE", {}, ("VNM",)),
    ("Tehran", "GPE", {}, ("IRN",)),
    ("Mazandaran", "GPE", {}, ("IRN",)),
    ("Bandar Abbas", "GPE", {}, ("IRN",)),
    ("Karachi", "GPE", {}, ("PAK",)),
    ("Sindh", "GPE", {}, ("PAK",)),
    ("Kampala", "GPE", {}, ("UGA",)),
    ("Bulawayo", "GPE", {}, ("ZWE",)),
    ("Malabo", "GPE", {}, ("GNQ",)),
    ("Abu Dhabi", "GPE", {}, ("ARE",)),
    ("Kocaeli", "GPE", {}, ("TUR",)),
    ("Goiás", "GPE", {}, ("BRA",)),
    ("Astana", "GPE", {}, ("KAZ",)),
    ("Islamic Republic", "GPE", {"IRN": 80, "PAK": 50}, ("IRN",)),
    ("Belarusian", "NORP", {}, ("BLR",)),
    ("Chinese", "NORP", {}, ("CHN",)),
    ("Mongolian", "NORP", {}, ("MNG",)),
    ("Zimbabwean", "NORP", {}, ("ZWE",)),
    ("Emirati", "NORP", {}, ("ARE",)),
    ("Equatoguinean", "NORP", {}, ("GNQ",)),
    ("Kazakhstani", "NORP", {}, ("KAZ",)),
    ("Belarusian-Chinese", "NORP", {}, ("BLR", "CHN")),
    ("Chinese-Belarusian", "NORP", {}, ("CHN", "BLR")),
    ("Belarusian- Pakistani", "NORP", {}, ("BLR", "PAK")),
    ("Belarusian and Turkmen", "NORP", {}, ("BLR", "TKM")),
    ("Belarusian-African", "NORP", {}, ("BLR",)),
    ("Belarusians", "NORP", {}, ("BLR",)),
    ("Azerbayani", "NORP", {}, ("AZE",)),
    ("African", "NORP", {}, ()),
    ("Latin American", "NORP", {}, ()),
    ("Southeast Asian", "NORP", {}, ()),
]

OTHER_TEXTS = [
    ("São Paulo", "GPE", {}, ("BRA",)),
    ("Sao Paulo", "GPE", {}, ("BRA",)),
    ("Lagos", "GPE", {"NGA": 3}, ("NGA",)),
    ("Kinshasa", "GPE", {}, ("COD",)),
    ("Brazzaville", "GPE", {}, ("COG",)),
    ("Kyiv", "GPE", {}, ("UKR",)),
    ("Kiev", "GPE", {}, ("UKR",)),
    ("St. Petersburg", "GPE", {"RUS": 4}, ("RUS",)),
    ("Bavaria", "GPE", {}, ("DEU",)),
    ("Quebec", "GPE", {}, ("CAN",)),
    ("Rio Grande do Sul", "GPE", {}, ("BRA",)),
    ("Łódź", "GPE", {}, ("POL",)),
    ("Santiago", "GPE", {"CHL": 5}, ("CHL",)),
    ("Santiago", "GPE", {"ESP": 9, "CHL": 1}, ("ESP",)),  # Santiago de Compostela
    ("Samarkand", "GPE", {"KAZ": 20}, ("UZB",)),  # not Temirtau, once called so
    ("Santiago", "GPE", {"CUB": 2}, ("CUB",)),
    ("Victoria", "GPE", {"CAN": 7, "AUS": 1}, ("CAN",)),
    ("Hyderabad", "GPE", {}, ("IND",)),
    ("Hyderabad", "GPE", {"PAK": 12, "IND": 2}, ("PAK",)),
    ("Punjab", "GPE", {"PAK": 4}, ("PAK",)),
    ("Punjab", "GPE", {"IND": 4}, ("IND",)),
    ("the Sultanate", "GPE", {"OMN": 2}, ("OMN",)),
    ("Brazilian", "NORP", {}, ("BRA",)),
    ("Vietnamese", "NORP", {}, ("VNM",)),
    ("Congolese", "NORP", {}, ("COD",)),
    ("Congolese", "NORP", {"COG": 6, "COD": 1}, ("COG",)),
    ("Korean", "NORP", {"PRK": 3}, ("PRK",)),
    ("Sino-Russian", "NORP", {}, ("CHN", "RUS")),
    ("Franco-German", "NORP", {}, ("FRA", "DEU")),
    ("Filipino", "NORP", {}, ("PHL",)),
    ("Ivorian", "NORP", {}, ("CIV",)),
    ("Burkinabe", "NORP", {}, ("BFA",)),
    ("Argentinian", "NORP", {}, ("ARG",)),
    ("Kyrgyz", "NORP", {}, ("KGZ",)),
    ("Dutch", "NORP", {}, ("NLD",)),
    ("South African", "NORP", {}, ("ZAF",)),
    ("North African", "NORP", {}, ()),
    ("Arab", "NORP", {}, ()),
    ("Nowhereland", "GPE", {}, ()),
]


@pytest.fixture(scope="module")
def readings():
    names = [surface for surface, label, _, _ in BOOK + OTHER_TEXTS if label == "GPE"]
    return places.lookup_places(names)


@pytest.mark.parametrize("surface,label,prior,expected", BOOK + OTHER_TEXTS,
                         ids=[f"{s}-{sorted(p.items())}" for s, _, p, _ in BOOK + OTHER_TEXTS])
def test_mention_belongs_to_its_country(surface, label, prior, expected, readings):
    if label == "GPE":
        assert places.place_countries(surface, prior, readings[surface]) == expected
    else:
        assert places.demonym_countries(surface, prior) == expected


def test_the_tables_name_only_real_countries():
    for word, iso3 in countries.pattern_rows("demonyms.tsv"):
        assert iso3 == places.REGIONAL or countries.is_country_code(iso3), word
    for name, iso3 in countries.pattern_rows("place_names.tsv"):
        assert countries.is_country_code(iso3), name
    for code, name, kind in countries.pattern_rows("country_names.tsv"):
        assert countries.is_country_code(code) and kind in ("short", "alias"), name


def test_every_country_has_a_people_word():
    """Every sovereign state of the standard (a member of the UN or an observer) has a row."""
    covered = {iso3 for _, iso3 in countries.pattern_rows("demonyms.tsv")}
    sovereign = {"AFG", "ALB", "DZA", "AND", "AGO", "ATG", "ARG", "ARM", "AUS", "AUT", "AZE", "BHS", "BHR", "BGD",
                 "BRB", "BLR", "BEL", "BLZ", "BEN", "BTN", "BOL", "BIH", "BWA", "BRA", "BRN", "BGR", "BFA", "BDI",
                 "CPV", "KHM", "CMR", "CAN", "TCD", "CHL", "CHN", "COL", "COM", "COG", "COD", "CRI", "CIV", "HRV",
                 "CUB", "CYP", "CZE", "DNK", "DJI", "DMA", "DOM", "ECU", "EGY", "SLV", "GNQ", "ERI", "EST", "SWZ",
                 "ETH", "FJI", "FIN", "FRA", "GAB", "GMB", "GEO", "DEU", "GHA", "GRC", "GRD", "GTM", "GIN", "GNB",
                 "GUY", "HTI", "HND", "HUN", "ISL", "IND", "IDN", "IRN", "IRQ", "IRL", "ISR", "ITA", "JAM", "JPN",
                 "JOR", "KAZ", "KEN", "KIR", "PRK", "KOR", "KWT", "KGZ", "LAO", "LVA", "LBN", "LSO", "LBR", "LBY",
                 "LIE", "LTU", "LUX", "MDG", "MWI", "MYS", "MDV", "MLI", "MLT", "MHL", "MRT", "MUS", "MEX", "FSM",
                 "MDA", "MCO", "MNG", "MNE", "MAR", "MOZ", "MMR", "NAM", "NRU", "NPL", "NLD", "NZL", "NIC", "NER",
                 "NGA", "MKD", "NOR", "OMN", "PAK", "PLW", "PSE", "PAN", "PNG", "PRY", "PER", "PHL", "POL", "PRT",
                 "QAT", "ROU", "RUS", "RWA", "KNA", "LCA", "VCT", "WSM", "SMR", "STP", "SAU", "SEN", "SRB", "SYC",
                 "SLE", "SGP", "SVK", "SVN", "SLB", "SOM", "ZAF", "SSD", "ESP", "LKA", "SDN", "SUR", "SWE", "CHE",
                 "SYR", "TJK", "TZA", "THA", "TLS", "TGO", "TON", "TTO", "TUN", "TUR", "TKM", "TUV", "UGA", "UKR",
                 "ARE", "GBR", "USA", "URY", "UZB", "VUT", "VAT", "VEN", "VNM", "YEM", "ZMB", "ZWE"}
    assert sorted(sovereign - covered) == []


def test_folding_keeps_latin_letters_apart_from_accents():
    assert places.fold("Tehrān") == "tehran"
    assert places.fold("Điện Biên") == "dien bien"
    assert places.fold("Ho-Chi-Minh  City") == "ho chi minh city"
    assert places.fold("St. Petersburg") == "saint petersburg"


def test_misspelt_countries_only_when_one_is_close():
    assert countries.lookup_misspelt("Azerbayan") == "AZE"
    assert countries.lookup_misspelt("Azerbaiian") == "AZE"
    assert countries.lookup_misspelt("Belarusian") is None
    assert countries.lookup_misspelt("Gomselmash") is None


@pytest.mark.slow
def test_the_bundled_books_places_and_people_words_carry_their_countries(book_run):
    import pandas as pd
    root, _ = book_run
    entities = pd.read_parquet(root / "output" / "entities.parquet")
    catalog = pd.read_parquet(root / "output" / "entity_catalog.parquet")
    placed = entities[entities["label"].isin(["GPE", "NORP"])]
    share = placed["country_iso3"].map(len).gt(0).mean()
    assert share >= 0.95, share
    # a country's own mentions hold just it; the catalog row holds what its mentions hold
    countries_named = entities[entities["iso3"].notna()]
    assert (countries_named["country_iso3"].map(list) == countries_named["iso3"].map(lambda c: [c])).all()
    by_entity = dict(zip(catalog["entity_id"], catalog["country_iso3"].map(list)))
    assert (entities["country_iso3"].map(list) == entities["entity_id"].map(by_entity)).all()
    china = entities[entities["country_iso3"].map(lambda c: "CHN" in c)]
    assert {"Beijing", "Shanghai", "Chinese", "China"} <= set(china["text"])
    assert china["claim_id"].nunique() > 1.5 * entities.loc[entities["iso3"] == "CHN", "claim_id"].nunique()
