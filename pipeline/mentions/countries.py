"""Country names to one short English name and ISO 3166 alpha-3, from pycountry plus usage.

pycountry gives the standard's names ("Iran, Islamic Republic of", "Viet Nam", "Türkiye");
books write "Iran", "Vietnam", "Turkey", "the UAE", "the PRC", "the Celestial Empire". The
names in use and the short names are data (patterns/country_names.tsv), read once.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pycountry

PATTERNS = Path(__file__).parent / "patterns"


@lru_cache(maxsize=None)
def pattern_rows(filename: str) -> tuple[tuple[str, ...], ...]:
    """The rows of a data file under patterns/: tab-separated fields, '#' lines and blank lines
    left out. A one-column file gives one-field rows."""
    rows = []
    for line in (PATTERNS / filename).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(tuple(field.strip() for field in line.split("\t")))
    return tuple(rows)


def pattern_words(filename: str) -> tuple[str, ...]:
    """The first field of every row of a data file."""
    return tuple(row[0] for row in pattern_rows(filename))


def alternation(words, *, escape: bool = True) -> str:
    """A regex alternation of `words`, longest first (so 'Co., Ltd.' wins over 'Co')."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w) if escape else w for w in ordered) + ")"


@lru_cache(maxsize=1)
def _usage() -> tuple[dict[str, str], dict[str, str]]:
    """(alpha-3 -> short name, name in use -> alpha-3) from patterns/country_names.tsv."""
    short, aliases = {}, {}
    for code, name, kind in pattern_rows("country_names.tsv"):
        if kind == "short":
            short[code] = name
        aliases[name] = code
    return short, aliases


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
    for alias, code in _usage()[1].items():
        names[_clean(alias)] = code
    return names


def short_name(alpha3: str) -> str:
    short = _usage()[0]
    if alpha3 in short:
        return short[alpha3]
    c = pycountry.countries.get(alpha_3=alpha3)
    if c is None:
        return alpha3
    return getattr(c, "common_name", None) or c.name


def is_country_code(alpha3: str) -> bool:
    return pycountry.countries.get(alpha_3=alpha3) is not None


def alpha3_of(alpha2: str) -> str | None:
    c = pycountry.countries.get(alpha_2=alpha2)
    return c.alpha_3 if c else None


@lru_cache(maxsize=65536)
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


FUZZY_MIN_CHARS = 8
FUZZY_CUTOFF = 84  # rapidfuzz ratio for a misspelt one-word country name ('Azerbayan', 'Azerbaiian')


@lru_cache(maxsize=4096)
def lookup_misspelt(text: str) -> str | None:
    """A one-word country name spelt slightly wrong: 'Azerbayan' -> 'AZE'. Long names only, one
    clear match only."""
    word = text.strip()
    if not re.fullmatch(r"[A-Z][a-z]+", word) or len(word) < FUZZY_MIN_CHARS:
        return None
    from rapidfuzz import fuzz, process
    names = [n for n in country_names() if " " not in n and len(n) >= FUZZY_MIN_CHARS]
    hits = process.extract(word, names, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=2)
    codes = {country_names()[name] for name, _, _ in hits}
    return codes.pop() if len(codes) == 1 else None


@lru_cache(maxsize=256)
def elliptical(text: str) -> tuple[str, ...]:
    """'the Islamic Republic', 'the Sultanate': the countries whose official name opens so."""
    t = _clean(re.sub(r"^(?:the)\s+", "", text.strip(), flags=re.I))
    if not re.fullmatch(r"(?:[A-Z][a-z]+ )*(?:Republic|Kingdom|Sultanate|Emirate|Federation|Commonwealth|Principality)", t):
        return ()
    return tuple(sorted({c.alpha_3 for c in pycountry.countries
                         if getattr(c, "official_name", "").startswith(t + " of")}))


@lru_cache(maxsize=1)
def country_pattern() -> re.Pattern:
    """Any country name as a whole word, longest first, optionally after 'Republic of'; not in a
    currency's name ('US$', 'US dollars')."""
    names = sorted(country_names(), key=len, reverse=True)
    body = "|".join(re.escape(n).replace("'", "['’]") for n in names)
    return re.compile(rf"(?<![\w-])(?:(?:Republic|Kingdom|Sultanate)\s+of\s+(?:the\s+)?)?(?:{body})(?![\w$])"
                      r"(?!\s+(?:dollars?|cents?)\b)")
