"""Country names to one short English name and ISO 3166 alpha-3, from pycountry plus usage.

pycountry gives the standard's names ("Iran, Islamic Republic of", "Viet Nam", "Türkiye");
books write "Iran", "Vietnam", "Turkey", "the UAE", "the PRC", "the Celestial Empire".
"""
from __future__ import annotations

import re
from functools import lru_cache

import pycountry

# short English names where the standard's name is not what a reader writes
SHORT_NAMES = {
    "BOL": "Bolivia", "COD": "Democratic Republic of the Congo", "COG": "Republic of the Congo",
    "FSM": "Micronesia", "GBR": "United Kingdom", "IRN": "Iran", "KOR": "South Korea", "LAO": "Laos",
    "MDA": "Moldova", "PRK": "North Korea", "PSE": "Palestine", "RUS": "Russia", "SYR": "Syria",
    "TUR": "Turkey", "TWN": "Taiwan", "TZA": "Tanzania", "USA": "United States", "VAT": "Vatican",
    "VEN": "Venezuela", "VNM": "Vietnam", "ARE": "United Arab Emirates", "CIV": "Côte d'Ivoire",
    "MKD": "North Macedonia", "CZE": "Czech Republic", "BRN": "Brunei", "CPV": "Cape Verde",
    "SWZ": "Eswatini", "MMR": "Myanmar",
}
# other names in use, beyond pycountry's name / common_name / official_name
ALIASES = {
    "ARE": ["UAE", "U.A.E.", "the Emirates", "Emirates"],
    "CHN": ["PRC", "People's Republic of China", "People’s Republic of China", "Celestial Empire", "Mainland China"],
    "TUR": ["Turkey", "Türkiye", "Turkiye", "Republic of Turkey", "Republic of Türkiye"],
    "RUS": ["Russia", "Russian Federation"],
    "USA": ["USA", "U.S.A.", "United States of America"],
    "GBR": ["UK", "U.K.", "Britain", "Great Britain", "England"],
    "PRK": ["DPRK", "North Korea"],
    "KOR": ["South Korea", "Republic of Korea"],
    "IRN": ["Iran", "Islamic Republic of Iran", "IRI"],
    "VNM": ["Vietnam", "Viet Nam", "Socialist Republic of Vietnam"],
    "LAO": ["Laos", "Lao PDR"],
    "CIV": ["Ivory Coast", "Cote d'Ivoire", "Côte d’Ivoire"],
    "MMR": ["Burma"],
    "SWZ": ["Swaziland"],
    "CZE": ["Czechia"],
    "COD": ["DR Congo", "DRC"],
    "BLR": ["Belorussia", "Byelorussia"],
    "SYR": ["Syria"],
    "KGZ": ["Kirghizia"],
    "ZAF": ["South Africa", "Republic of South Africa", "RSA"],
    "SAU": ["Saudi Arabia", "Kingdom of Saudi Arabia", "KSA"],
}


def _clean(name: str) -> str:
    return re.sub(r"\s+", " ", name.replace("’", "'")).strip()


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Every known name (case as written) -> alpha-3."""
    names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value and "," not in value:
                names[_clean(value)] = c.alpha_3
    for code, aliases in ALIASES.items():
        for alias in aliases:
            names[_clean(alias)] = code
    for code, short in SHORT_NAMES.items():
        names[_clean(short)] = code
    return names


def short_name(alpha3: str) -> str:
    if alpha3 in SHORT_NAMES:
        return SHORT_NAMES[alpha3]
    c = pycountry.countries.get(alpha_3=alpha3)
    if c is None:
        return alpha3
    return getattr(c, "common_name", None) or c.name


def lookup(text: str) -> str | None:
    """'Türkiye' -> 'TUR', 'the Republic of Belarus' -> 'BLR', 'Belarusian' -> None."""
    t = _clean(re.sub(r"^(?:the)\s+", "", text.strip(), flags=re.I))
    names = country_names()
    if t in names:
        return names[t]
    m = re.fullmatch(r"(?:Republic|Kingdom|State|Sultanate|Emirate|Federation|Commonwealth) of (?:the )?(.+)", t)
    if m and m.group(1) in names:
        return names[m.group(1)]
    return None


@lru_cache(maxsize=1)
def country_pattern() -> re.Pattern:
    """Any country name as a whole word, longest first, optionally after 'Republic of'."""
    names = sorted(country_names(), key=len, reverse=True)
    body = "|".join(re.escape(n).replace("'", "['’]") for n in names)
    return re.compile(rf"(?<![\w-])(?:(?:Republic|Kingdom|Sultanate)\s+of\s+(?:the\s+)?)?(?:{body})(?![\w])")
