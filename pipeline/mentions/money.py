"""Money amounts in clean claim text: value / min / max in whole units, ISO 4217, qualifier.

Every amount names its currency, so the search starts from the currencies: one regex built from
the currency table (currencies.py: CLDR through Babel, plus `patterns/currencies.json`) finds
every sign, code and currency word; the amount is read after a sign or code (`$4m`, `USD 782.9
million`, `CHF 1'250.50`) or before any of them (`20 000 dollars`, `7.450,50 €`, `40 million
Kazakh tenge`) by the one number reader (numbers.py). That regex is also the prefilter: a text in
which it finds nothing is skipped in one search, and nothing about a currency is written twice.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..config import YEAR_MAX, YEAR_MIN
from .currencies import CurrencyTable, currency_table, resolve_code, resolve_word
from .numbers import DIGITS, NUMBER, SCALE_SUFFIX, SCALE_WORD, VULGAR, alternation, number_words, \
    read_number

# 'in 1998 dollars', 'constant 2010 euros': a year's prices, not an amount
RE_CONSTANT_PRICES = re.compile(r"\b(?:in|constant|real|current|nominal|the)\s+\Z", re.I)
# 'A$' is not read from 'a $5 bill': a one-letter prefix that is an English word keeps its case and no space
SIGN_LETTERS_THAT_ARE_WORDS = frozenset("ai")
# how far before a currency word or a sign written after the amount the amount may start
DEFAULT_LOOKBACK = 160


@dataclass(frozen=True)
class Money:
    start: int
    end: int
    text: str
    value: float | None
    min: float | None
    max: float | None
    currency: str
    qualifier: str


def parse_number(text: str) -> float | None:
    """'347.6' -> 347.6, '1,200' -> 1200, '3,5' -> 3.5, 'three and a half' -> 3.5. Never raises."""
    return read_number(text)


def _sign_pattern(sign: str) -> str:
    """A sign as a regex: 'HK$' also as 'hk $' and 'C$' as 'c $', letters-only signs ('Br', 'Rs.') in their
    case, whole."""
    m = re.fullmatch(r"(?P<letters>[A-Za-z.]+)\s?(?P<mark>[^\w\s.]+)", sign)
    if m and not (len(m.group("letters")) == 1 and m.group("letters").lower() in SIGN_LETTERS_THAT_ARE_WORDS):
        # not the possessive of tokenised text: "music ' s $ 500 million" is US dollars
        return rf"(?<![\w'’])(?<!['’]\s)(?i:{re.escape(m.group('letters'))})\s?{re.escape(m.group('mark'))}"
    p = re.escape(sign)
    if sign[0].isalpha():
        p = r"(?<![^\W\d_])" + p
    if sign[-1].isalpha():
        p += r"(?![^\W\d_])"
    return f"(?-i:{p})"


@dataclass(frozen=True)
class _Rules:
    table: CurrencyTable
    mark_chars: re.Pattern  # a character only signs have ('$', '€', '₽'): the prefilter for signs
    mark_signs: re.Pattern  # signs with such a character ('HK$', 'hk $', '€')
    letter_signs: dict[str, str]  # signs of letters alone ('Br', 'Rs.', 'RMB', 'zł'), as written -> table key
    spaced_signs: dict[str, str]  # signs of several words ('F CFA'), by their last word
    word_names: dict[str, tuple[str, ...]]  # last word of a currency name -> the names ending in it
    after_anchor: re.Pattern  # the amount after a sign or code
    before_anchor: re.Pattern  # the amount before a sign, code or word, ending where the anchor starts
    qualifier_after: re.Pattern
    qualifier_before: re.Pattern
    cents: re.Pattern
    range_opener: re.Pattern
    bare_low: re.Pattern


RE_TOKEN = re.compile(r"[^\W\d_]+")
RE_GROUPED_DIGITS = re.compile(r"\d[.,'’ ]\d")  # digit grouping or decimals: what makes a number clearly an amount
RE_NOT_AN_AMOUNT_AFTER = re.compile(r"\s*(?:%|per\s?cent|percentage|points?\b|times\b|-?fold\b)", re.I)
RE_SCALE_AFTER = re.compile(rf"\s+(?P<s>{SCALE_WORD})", re.I)
RE_LETTERS_SIGN = re.compile(r"[^\W\d_]+\.?")


@lru_cache(maxsize=None)
def _rules(table: CurrencyTable) -> _Rules:
    signs = sorted(table.symbols, key=len, reverse=True)
    sign_alt = "|".join(_sign_pattern(s) for s in signs)
    spaced = [s for s in signs if re.fullmatch(r"[^\W\d_]+(?:\s[^\W\d_]+)+\.?", s)]  # 'F CFA'
    marked = [s for s in signs if not RE_LETTERS_SIGN.fullmatch(s) and s not in spaced]
    marks = sorted({c for s in marked for c in s if not (c.isalpha() or c.isspace() or c == ".")})
    word_names: dict[str, list[str]] = {}
    for name in list(table.words) + list(table.names):
        word_names.setdefault(name.split()[-1], []).append(name)
    words = alternation(list(table.words) + list(table.names))
    any_case = rf"(?<![\w])(?:{alternation(table.any_case_codes)})(?![\w])"
    qual = alternation(table.qualifiers_before)
    num = rf"(?<![\d.,]){NUMBER}"
    dnum = rf"(?<![\d.,]){DIGITS}[{VULGAR}]?"
    scale = rf"(?:\s*(?P<s>{SCALE_WORD}))"
    after_anchor = re.compile(
        rf"\s?(?P<a1>{dnum})(?P<x1>{SCALE_SUFFIX})?"
        rf"(?:\s?[-–]\s?(?:{sign_alt})?\s?(?P<a2>{dnum})(?P<x2>{SCALE_SUFFIX})?)?{scale}?"
        rf"(?:\s+(?P<same>{words}|{any_case}|(?-i:[A-Z]{{3}}))(?![\w]))?", re.I)
    before_anchor = re.compile(
        rf"(?:(?<![\w])(?P<qual>{qual})\s+)?(?P<b1>{num}|(?<![\w])an?(?=\s))(?:\s?(?:[-–]|to)\s?(?P<b2>{num}))?"
        rf"(?P<x1>{SCALE_SUFFIX})?{scale}?(?:(?P<hyphen>-)|\s*)(?P<adj>(?:[^\W\d_][\w.'’-]*\s+){{0,3}}?)\Z", re.I)
    after_words = alternation(table.qualifiers_after)
    return _Rules(
        table, re.compile(f"[{re.escape(''.join(marks))}]"), re.compile("|".join(_sign_pattern(s) for s in marked), re.I),
        {s: s for s in signs if RE_LETTERS_SIGN.fullmatch(s)}, {s.split()[-1]: s for s in spaced}, {k: tuple(sorted(v, key=len, reverse=True)) for k, v in word_names.items()},
        after_anchor, before_anchor,
        re.compile(rf"\s*(?P<q>{after_words})(?![\w])(?!\s*[\d$€£¥])", re.I),
        re.compile(rf"(?<![\w])(?P<q>{qual})\s+\Z", re.I),
        re.compile(rf"\s*(?:and\s+)?(?P<cents>\d{{1,2}}|{NUMBER})\s+(?:{alternation(table.subunits)})\b", re.I),
        re.compile(rf"\b(?P<word>between|from)\s+(?:{sign_alt})?\s?$", re.I),
        re.compile(rf"(?P<low>{num})(?:\s+(?P<scale>{SCALE_WORD}))?\s+(?:and|to)\s+$", re.I))


def rules() -> _Rules:
    return _rules(currency_table())


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    low: float
    high: float | None
    currency: str
    qualifier: str | None  # from a word before the amount
    scaled: bool  # a scale word or suffix multiplied the number


def _scale(m: re.Match, *names: str) -> float:
    w = number_words()
    factor = 1.0
    for name in names:
        token = m.groupdict().get(name)
        if token:
            factor *= w.scale_suffixes.get(token) or w.scale_words.get(token.lower(), 1.0)
    return factor


def _code(token: str, table: CurrencyTable) -> tuple[str, float] | None:
    """'USD' -> (USD, 1), 'MUSD' -> (USD, 1e6), 'kEUR' -> (EUR, 1e3)."""
    if len(token) == 3 or token.lower() in table.any_case_codes:
        found = resolve_code(token, table)
        return (found, 1.0) if found else None
    prefix, rest = token[:-3], token[-3:]
    found = resolve_code(rest, table)
    factor = number_words().code_prefixes.get(prefix)
    return (found, factor) if found and factor and rest in table.codes else None


@dataclass(frozen=True)
class _Anchor:
    """Where a currency is written: a sign, a code or a currency word."""
    start: int
    end: int
    kind: str  # 'sign', 'code', 'word'
    token: str  # the sign's table key, the code as written, the currency word (lower case)


def anchors(text: str, r: _Rules | None = None) -> list[_Anchor]:
    """Every sign, code and currency word in `text`, left to right. Empty: no amount of money can be there."""
    r = r or rules()
    table = r.table
    out: list[_Anchor] = []
    if r.mark_chars.search(text):
        for m in r.mark_signs.finditer(text):
            key = _sign_key(m.group(0), table)
            if key:
                out.append(_Anchor(m.start(), m.end(), "sign", key))
    covered = [(a.start, a.end) for a in out]
    for t in RE_TOKEN.finditer(text):
        tok, start, end = t.group(0), t.start(), t.end()
        if any(s <= start < e for s, e in covered):
            continue
        dotted = text[end:end + 1] == "."
        if dotted and tok + "." in r.letter_signs:
            out.append(_Anchor(start, end + 1, "sign", tok + "."))
        elif tok in r.letter_signs:
            out.append(_Anchor(start, end, "sign", tok))
        elif tok in r.spaced_signs and re.sub(r"\s", " ", text[:end]).endswith(re.sub(r"\s", " ", r.spaced_signs[tok])):
            sign = r.spaced_signs[tok]
            out.append(_Anchor(end - len(sign), end, "sign", sign))
        elif 3 <= len(tok) <= 6 and (tok.isupper() or tok[:-3].isalpha() and tok[-3:].isupper()) and _code(tok, table) \
                or tok.lower() in table.any_case_codes:
            out.append(_Anchor(start, end, "code", tok))
        else:
            low = tok.lower()
            for name in r.word_names.get(low, ()):
                begin = end - len(name)
                if begin >= 0 and text[begin:end].lower() == name and (begin == 0 or not text[begin - 1].isalnum()):
                    out.append(_Anchor(begin, end, "word", name))
                    break
    out.sort(key=lambda a: a.start)
    return out


def _anchor_currency(a: _Anchor, table: CurrencyTable, context: dict[str, str]) -> tuple[str, float] | None:
    if a.kind == "sign":
        return context.get(a.token) or table.symbols[a.token], 1.0
    if a.kind == "code":
        return _code(a.token, table)
    return None


@lru_cache(maxsize=None)
def _sign_keys(table: CurrencyTable) -> dict[str, str]:
    return {re.sub(r"\s", "", s).lower(): s for s in sorted(table.symbols, key=len)}


def _sign_key(sign: str, table: CurrencyTable) -> str | None:
    """The table's spelling of a sign as written ('hk $' -> 'HK$')."""
    if sign in table.symbols:
        return sign
    return _sign_keys(table).get(re.sub(r"\s", "", sign).lower())


def _same_currency(token: str, table: CurrencyTable) -> str | None:
    """The code a currency word or code written after an amount names ('$5 million USD'), if any."""
    if token.lower() in table.word_like:
        return None
    found = _code(token, table) if re.fullmatch(r"[A-Za-z]{3}", token) else None
    return found[0] if found else resolve_word(token, (), table)


def _plain(number: str | None, factor: float) -> bool:
    return factor == 1.0 and bool(re.fullmatch(r"\d{4}", number or ""))


def _candidates(text: str, found_anchors: list[_Anchor], r: _Rules, context: dict[str, str],
                lookback: int) -> list[_Found]:
    table = r.table
    out: list[_Found] = []
    for a in found_anchors:
        word = a.token if a.kind == "word" else None
        if not word:  # a sign or a code: the amount after it, or before it
            cur = _anchor_currency(a, table, context)
            if cur is None:
                continue
            code, code_factor = cur
            m = r.after_anchor.match(text, a.end)
            if m:
                factor = _scale(m, "x1", "s") * code_factor
                lo, hi = read_number(m.group("a1")), read_number(m.group("a2")) if m.group("a2") else None
                if m.group("x2") and not m.group("x1"):
                    factor *= _scale(m, "x2")
                if lo is not None and (hi is not None or not m.group("a2")):
                    end = m.end()
                    if m.group("same") and _same_currency(m.group("same"), table) != code:
                        end = max(m.end(g) for g in ("a1", "x1", "a2", "x2", "s") if m.group(g))
                    out.append(_Found(a.start, end, lo * factor, None if hi is None else hi * factor, code, None,
                                      factor != 1.0))
                    continue
            if a.kind == "sign" and a.token not in table.symbols_after:
                continue
        found = _before(text, a, r, context, lookback)
        if found is None and word:
            found = _after_word(text, a, r)
        if found:
            out.append(found)
    out.sort(key=lambda f: (f.start, -(f.end - f.start)))
    taken: list[_Found] = []
    for f in out:
        if taken and f.start < taken[-1].end:
            continue
        taken.append(f)
    return taken


def _after_word(text: str, a: _Anchor, r: _Rules) -> _Found | None:
    """An amount after a currency word, as some writers and translators put it: 'dollar 22.5 million',
    'euros 3,000'. Not after words that are also English words, and only a number that is clearly an
    amount, so never a year ('Euro 2012')."""
    table = r.table
    if a.token in table.word_like:
        return None
    m = r.after_anchor.match(text, a.end)
    if not m or m.group("a2") or not m.group(0)[:1].isspace():
        return None
    factor = _scale(m, "x1", "s")
    value = read_number(m.group("a1"))
    if value is None or factor == 1.0 and not RE_GROUPED_DIGITS.search(m.group("a1")):
        return None  # 'the dollar 1 year later': only what is clearly an amount (a scale, grouping, decimals)
    code = resolve_word(a.token, (), table)
    if code is None:
        return None
    end = max(m.end(g) for g in ("a1", "x1", "s") if m.group(g))
    if RE_NOT_AN_AMOUNT_AFTER.match(text, end):
        return None  # 'the dollar 2.5 percent higher', 'the euro 1.5 times'
    return _Found(a.start, end, value * factor, None, code, None, factor != 1.0)


def _before(text: str, a: _Anchor, r: _Rules, context: dict[str, str], lookback: int) -> _Found | None:
    """The amount that ends where the currency anchor `a` starts: '40 million Kazakh tenge', '20€'."""
    table = r.table
    pos = max(0, a.start - lookback)
    while pos <= a.start:
        m = r.before_anchor.search(text, pos, a.start)
        if not m:
            return None
        pos = m.start() + 1
        adjectives = m.group("adj").split()
        if m.group("hyphen") and (adjectives or a.kind != "word"):
            continue  # 'a one-yen bid', 'a ten-dollar bill'; not 'a 10-year dollar bond'
        word = a.token if a.kind == "word" else None
        end = a.end
        factor = _scale(m, "x1", "s")
        if word:
            code = resolve_word(word, adjectives, table)
            if code is None:
                continue
            if word in table.word_like and not adjectives and factor == 1.0 and \
                    not RE_GROUPED_DIGITS.search(m.group("b1")):
                continue  # 'won', 'rand', 'real': only after what is clearly an amount
        else:
            if adjectives:
                continue
            cur = _anchor_currency(a, table, context)
            if cur is None:
                continue
            code, code_factor = cur
            factor *= code_factor
            tail = RE_SCALE_AFTER.match(text, end)  # '75 USD million'
            if tail and factor == 1.0:
                factor, end = _scale(tail, "s"), tail.end()
        lo = 1.0 if re.fullmatch(r"an?", m.group("b1"), re.I) else read_number(m.group("b1"))
        hi = read_number(m.group("b2")) if m.group("b2") else None
        if lo is None or (m.group("b2") and hi is None):
            continue
        if hi is None and factor == 1.0 and re.fullmatch(r"an?", m.group("b1"), re.I) and not r.cents.match(text, end):
            continue  # 'a dollar' alone is rarely an amount worth a row; 'a dollar and 42 cents' is one
        plain = _plain(m.group("b1"), factor) and not m.group("b2")
        if plain and (not word or word in table.word_like or a.kind == "code"):
            if YEAR_MIN <= lo <= YEAR_MAX:
                continue  # 'in 2023 USD', 'in 2010 won': a year before a currency, not an amount
        if plain and YEAR_MIN <= lo <= YEAR_MAX and RE_CONSTANT_PRICES.search(text, 0, m.start("b1")):
            continue  # 'in 1998 dollars', 'constant 2010 dollars': prices of a year
        start = m.start("qual") if m.group("qual") else m.start("b1")
        qualifier = table.qualifiers_before.get(re.sub(r"\s+", " ", m.group("qual").lower())) if m.group("qual") else None
        return _Found(start, end, lo * factor, None if hi is None else hi * factor, code, qualifier, factor != 1.0)
    return None


def find_money(text: str, *, context: dict[str, str] | None = None, lookback: int = DEFAULT_LOOKBACK) -> list[Money]:
    """Every amount of money in `text`, with offsets. Never raises.

    `context`: the code each ambiguous sign stands for in this document (`currency_context`)."""
    if not isinstance(text, str):
        return []
    r = rules()
    found_anchors = anchors(text, r)
    if not found_anchors:
        return []
    out = []
    for f in _candidates(text, found_anchors, r, context or {}, lookback):
        start, end, lo, hi = f.start, f.end, f.low, f.high
        qualifier = f.qualifier
        if qualifier is None:  # the qualifier word may stand just before a sign ('about $5')
            q = r.qualifier_before.search(text, max(0, start - 30), start)
            if q:
                qualifier = r.table.qualifiers_before[re.sub(r"\s+", " ", q.group("q").lower())]
                start = q.start()
        if hi is None and not f.scaled:
            cents = r.cents.match(text, end)  # "3 dollars 50 cents", "thirteen dollars and forty-five cents"
            if cents and lo == int(lo):
                c = read_number(cents.group("cents"))
                if c is not None and c < 100 and c == int(c):
                    lo += c / 100
                    end = cents.end()
        after = r.qualifier_after.match(text, end)
        if after and hi is None:
            qualifier = qualifier or r.table.qualifiers_after[re.sub(r"\s+", " ", after.group("q").lower())]
            end = after.end()
        if hi is not None:
            lo_v, hi_v = min(lo, hi), max(lo, hi)
            out.append(Money(start, end, text[start:end], None, lo_v, hi_v, f.currency, "range"))
        else:
            out.append(Money(start, end, text[start:end], lo, lo, lo, f.currency, qualifier or "exact"))
    return _bare_range_starts(text, out, r)


def _bare_range_starts(text: str, found: list[Money], r: _Rules) -> list[Money]:
    """'between 10 and 20 dollars', 'from 10 dollars to 20 dollars': one range, not one amount."""
    out: list[Money] = []
    for m in found:
        prev = out[-1] if out else None
        joined = None
        if prev and prev.currency == m.currency and prev.value is not None and m.value is not None:
            gap = text[prev.end:m.start]
            opener = r.range_opener.search(text[:prev.start])
            if re.fullmatch(r"\s*(?:to|and|[-–])\s*", gap, re.I) and opener and _is_range(text, opener, prev, m):
                joined = Money(opener.start(), m.end, text[opener.start():m.end], None, min(prev.value, m.value),
                               max(prev.value, m.value), m.currency, "range")
        if joined:
            out[-1] = joined
            continue
        low = r.bare_low.search(text[:m.start])
        opener = low and r.range_opener.search(text[:low.start()])
        if low and opener and m.value is not None and m.qualifier == "exact":
            lo = read_number(low.group("low"))
            scale = number_words().scale_words.get((low.group("scale") or "").lower())
            if lo is not None:
                # "between 10 and 20 million dollars": the low end takes the high end's scale
                lo *= scale if scale else (m.value / parse_number_or_one(m.text))
                out.append(Money(opener.start(), m.end, text[opener.start():m.end], None, min(lo, m.value),
                                 max(lo, m.value), m.currency, "range"))
                continue
        out.append(m)
    return out


RE_CHANGE = re.compile(r"\b(?:increas|grow|grew|rise|rose|fell|fall|decreas|declin|drop|jump|doubl|tripl|chang|reach|"
                       r"expand|shrank|shrink|times|growth|went)\w*", re.I)


def _is_range(text: str, opener: re.Match, low: Money, high: Money) -> bool:
    """'between 10 and 20 dollars' is a range; 'increased from $80 thousand to almost $2 million' is two amounts."""
    if opener.group("word").lower() == "between":
        return True
    if low.qualifier != "exact" or high.qualifier != "exact":
        return False
    return not RE_CHANGE.search(text[max(0, opener.start() - 60):opener.start()])


def parse_number_or_one(money_text: str) -> float:
    """The bare number written in an amount's text ('20 million dollars' -> 20), or 1."""
    n = re.search(rf"(?<![\d.,]){DIGITS}|{NUMBER}", money_text, re.I)
    value = read_number(n.group(0)) if n else None
    return value or 1.0
