"""Every currency a book may name: ISO 4217 codes, English names and plurals, and signs from CLDR
(through Babel), with the book conventions CLDR lacks from `patterns/currencies.json`.

`currency_table()` builds the table once (Babel's English locales only: a few hundredths of a second);
money.py builds its regexes and its prefilter from it, so a currency added to the data file is both
found and named. `resolve_word("tenge", ["Kazakh"])` = KZT: a currency word is read with the words
before it against CLDR's names and the names of the countries that use the currency.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel import Locale, localedata
from babel.core import get_global
from babel.numbers import list_currencies

from .numbers import PATTERNS_DIR

CURRENCIES_FILE = PATTERNS_DIR / "currencies.json"
LOCALE = "en"


@dataclass(frozen=True)
class Candidate:
    """One currency a word may stand for, with the words that single it out ('south', 'african')."""
    code: str
    words: frozenset[str]  # from the currency's CLDR name
    places: frozenset[str]  # from the names of the countries that use or used it
    active: bool
    ended: int  # the year it ended, 9999 while it is in use


@dataclass(frozen=True, eq=False)  # hashed by identity: one table per data file
class CurrencyTable:
    codes: frozenset[str]  # ISO codes read when written in capitals
    old_codes: Mapping[str, str]
    any_case_codes: frozenset[str]
    symbols: Mapping[str, str]  # sign -> code
    symbols_after: frozenset[str]  # signs that may also follow the amount ('20€', '500 zł')
    ambiguous: Mapping[str, tuple[str, ...]]  # sign -> the codes it may stand for, the default first
    words: Mapping[str, tuple[Candidate, ...]]  # currency word (lower case, singular or plural) -> candidates
    names: Mapping[str, str]  # fixed names ('pounds sterling') -> code
    default_for: Mapping[str, str]  # currency word (any form) -> the code it means alone
    qualifier_aliases: Mapping[str, tuple[str, ...]]
    word_like: frozenset[str]
    subunits: tuple[str, ...]
    qualifiers_before: Mapping[str, str]  # phrase -> exact / approx / over / under
    qualifiers_after: Mapping[str, str]
    context_words: Mapping[str, tuple[str, ...]]  # code -> the country and adjective words that point at it


def _plain(word: str) -> str:
    """'bolívar' -> 'bolivar': the spelling without accents."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _ended(name: str) -> tuple[str, int] | None:
    """'Belarusian Ruble (2000–2016)' -> ('Belarusian Ruble', 2016); None for other brackets ('(offshore)')."""
    m = re.fullmatch(r"(?P<base>.+?)\s*\((?P<inside>[^)]*)\)", name)
    if not m:
        return name, 9999
    years = re.findall(r"\d{4}", m.group("inside"))
    if not years:
        return None
    return m.group("base"), int(years[-1])


def _tokens(text: str) -> list[str]:
    return [t for t in re.split(r"[\s\-–]+", text.lower().replace(".", "")) if t and t not in ("and", "the", "of", "&")]


def _territory_words() -> dict[str, set[str]]:
    names = Locale.parse(LOCALE).territories
    out: dict[str, set[str]] = defaultdict(set)
    for territory, spans in get_global("territory_currencies").items():
        for code, *_ in spans:
            out[code].update(_tokens(names.get(territory, "")))
    return out


def _active_codes() -> set[str]:
    return {code for spans in get_global("territory_currencies").values()
            for code, _start, end, tender in spans if end is None and tender}


def _english_symbols(skip: set[str]) -> dict[str, str]:
    """Signs of CLDR's English locales: 'en' first, then those of en_* that name one currency only."""
    out: dict[str, str] = {}
    for code, sign in Locale.parse(LOCALE).currency_symbols.items():
        if sign != code and code not in skip:
            out.setdefault(sign, code)
    regional: dict[str, set[str]] = defaultdict(set)
    for ident in localedata.locale_identifiers():
        if ident.startswith(LOCALE + "_"):
            for code, sign in Locale.parse(ident).currency_symbols.items():
                if sign != code and code not in skip:
                    regional[sign].add(code)
    for sign, codes in regional.items():
        if len(codes) == 1 and sign not in out:
            out[sign] = next(iter(codes))
    # a lone letter ('R', 'K', 'P') is too often something else; a bare code is read as a code
    return {s: c for s, c in out.items() if not re.fullmatch(r"[A-Za-z]|[A-Z]{3}|[\s\u200b]*", s)}


def currency_table(path: Path | None = None) -> CurrencyTable:
    """The table of `path` (default: CURRENCIES_FILE as it is now), built once per data file."""
    return _build_table(Path(path or CURRENCIES_FILE))


@lru_cache(maxsize=None)
def _build_table(path: Path) -> CurrencyTable:
    data = json.loads(path.read_text(encoding="utf-8"))
    skip = set(data["not_currencies"])
    english = Locale.parse(LOCALE)
    plurals = english._data["currency_names_plural"]
    active, territory = _active_codes(), _territory_words()

    words: dict[str, list[Candidate]] = defaultdict(list)
    context: dict[str, set[str]] = defaultdict(set)
    for code, full_name in english.currencies.items():
        named = _ended(full_name)
        if code in skip or named is None:
            continue
        base, ended = named
        tokens = _tokens(base)
        if not tokens:
            continue
        forms = {tokens[-1]}
        for form in dict(plurals.get(code, {})).values():
            form_tokens = _tokens(re.sub(r"\s*\(.*?\)", "", form))
            if form_tokens:
                forms.add(form_tokens[-1])
        forms |= {f + "s" for f in list(forms) if not f.endswith("s")}
        forms |= {_plain(f) for f in forms}
        candidate = Candidate(code, frozenset(tokens[:-1]), frozenset(territory.get(code, ())), code in active, ended)
        for form in forms:
            words[form].append(candidate)
        context[code].update(t for t in tokens[:-1] if len(t) > 3)
        context[code].update(t for t in territory.get(code, ()) if len(t) > 3)
    for spelling, canonical in data["spellings"].items():
        merged = [c for form in canonical.split() for c in words.get(form, ())]
        if merged:
            words[spelling] = list(dict.fromkeys(words.get(spelling, []) + merged))

    default_for: dict[str, str] = {}
    singular_of = {}
    for form in words:  # each form's singular: 'dollars' -> 'dollar', 'roubles' -> 'ruble'
        canonical = data["spellings"].get(form, form)
        if " " not in canonical:
            singular_of[form] = _plain(canonical[:-1] if canonical.endswith("s") else canonical)
    for word, code in data["default_for"].items():
        for form in words:
            if singular_of.get(form) == _plain(word) and \
                    any(c.code == code for c in words[form]):
                default_for[form] = code

    symbols = _english_symbols(skip)
    after = {s for s in symbols if not re.fullmatch(r"[^\W\d_]+\.?", s)}
    for entry in data["symbols"]:
        symbols[entry["symbol"]] = entry["code"]
        if entry.get("after") or not re.fullmatch(r"[^\W\d_]+\.?", entry["symbol"]):
            after.add(entry["symbol"])
    ambiguous = {sign: tuple(codes) for sign, codes in data["ambiguous"].items()}
    for sign, codes in ambiguous.items():
        symbols[sign] = codes[0]

    qualifier_aliases = {k: tuple(_tokens(v)) for k, v in data["qualifiers"].items()}
    codes = frozenset(list_currencies()) - skip - set(data["word_like_codes"])
    flat = lambda table: {phrase: q for q, phrases in table.items() for phrase in phrases}  # noqa: E731
    return CurrencyTable(
        codes=codes | frozenset(data["old_codes"]), old_codes=dict(data["old_codes"]),
        any_case_codes=frozenset(data["any_case_codes"]), symbols=symbols, symbols_after=frozenset(after),
        ambiguous=ambiguous, words={w: tuple(c) for w, c in words.items()},
        names={k.lower(): v for k, v in data["names"].items()}, default_for=default_for,
        qualifier_aliases=qualifier_aliases, word_like=frozenset(data["word_like_names"]),
        subunits=tuple(data["subunits"]), qualifiers_before=flat(data["qualifiers_before"]),
        qualifiers_after=flat(data["qualifiers_after"]),
        context_words={code: tuple(sorted(ws)) for code, ws in context.items()})


def _fits(word: str, vocabulary: Iterable[str]) -> bool:
    """'kazakh' fits 'kazakhstani', 'emirati' fits 'emirates': the same word or a shared stem."""
    for v in vocabulary:
        if word == v:
            return True
        if len(word) >= 4 and len(v) >= 4 and (v.startswith(word) or word.startswith(v)):
            return True
        if len(word) >= 6 and len(v) >= 6 and word[:6] == v[:6]:
            return True
    return False


def resolve_word(word: str, qualifiers: Iterable[str] = (), table: CurrencyTable | None = None) -> str | None:
    """The code a currency word stands for, given the words written before it; None if they do not
    single one out ('francs' alone, 'new dollars') or do not fit it ('5 million people dollars')."""
    table = table or currency_table()
    key = word.lower()
    if key in table.names:
        return table.names[key]
    candidates = table.words.get(key) or table.words.get(_plain(key))
    if not candidates:
        return None
    quals = [q for w in qualifiers for q in [w.lower().strip(",")] if q]
    if quals:
        def fits(vocabulary: frozenset[str], q: str) -> bool:
            return _fits(q.replace(".", ""), vocabulary) or any(_fits(a, vocabulary) for a in table.qualifier_aliases.get(q, ()))
        # the currency's own name first ('Zimbabwe dollars' are not the US dollars Zimbabwe also uses)
        by_name = tuple(c for c in candidates if all(fits(c.words, q) for q in quals))
        candidates = by_name or tuple(c for c in candidates if all(fits(c.words | c.places, q) for q in quals))
        if not candidates:
            return None
    default = table.default_for.get(key)
    if default and any(c.code == default for c in candidates):
        return default
    live = [c for c in candidates if c.active]
    if len(live) == 1:
        return live[0].code
    if not live and quals:
        return max(candidates, key=lambda c: c.ended).code
    if len(candidates) == 1:
        return candidates[0].code
    return None


def resolve_code(token: str, table: CurrencyTable | None = None) -> str | None:
    """'USD' -> USD, 'usd' -> USD, 'BYR' -> BYN, 'TOP' -> None."""
    table = table or currency_table()
    if token.lower() in table.any_case_codes:
        return token.upper()
    if token in table.codes:
        return table.old_codes.get(token, token)
    return None


def currency_context(texts: Iterable[str], table: CurrencyTable | None = None) -> dict[str, str]:
    """For each ambiguous sign ('Br': Belarusian ruble or Ethiopian birr), the code the document
    points at: the one whose countries and adjectives it names most often (ties: the default)."""
    table = table or currency_table()
    if not table.ambiguous:
        return {}
    joined = "\n".join(t for t in texts if isinstance(t, str))
    out = {}
    for sign, codes in table.ambiguous.items():
        counts = []
        for code in codes:
            words = table.context_words.get(code, ())
            n = len(re.findall(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", joined, re.I)) if words else 0
            counts.append(n)
        out[sign] = codes[max(range(len(codes)), key=lambda i: (counts[i], -i))]
    return out
