"""One number reader for money and dates: digits in any book's grouping, written numbers, fractions, scales.

`read_number("7.450,50")` = 7450.5, `read_number("2 340,00")` = 2340, `read_number("CHF 1'250.50")` is
not a number but `read_number("1'250.50")` = 1250.5; `read_number("ten thousand million")` = 1e10,
`read_number("three and a half billion")` = 3.5e9, `read_number("$4m"[1:])` = 4e6. Written numbers are
valued by text2num; the words to look for, fractions and scales are data (`patterns/numbers.json`).
The regex pieces (`DIGITS`, `WORD_NUMBER`, `SCALE_WORD`, `SCALE_SUFFIX`, `YEAR_WORDS`...) are built
from the same data, so a word added there is both found and valued. Nothing here raises.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from text_to_num import alpha2digit, text2num

from ..config import YEAR_MAX, YEAR_MIN

PATTERNS_DIR = Path(__file__).resolve().parent / "patterns"
NUMBERS_FILE = PATTERNS_DIR / "numbers.json"
LANG = "en"


@dataclass(frozen=True)
class NumberWords:
    cardinals: tuple[str, ...]
    ordinals: tuple[str, ...]
    decades: dict[str, int]
    fractions: dict[str, float]
    multiples: dict[str, int]
    scale_words: dict[str, float]
    scale_suffixes: dict[str, float]
    code_prefixes: dict[str, float]


@lru_cache(maxsize=None)
def number_words(path: Path = NUMBERS_FILE) -> NumberWords:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return NumberWords(tuple(data["cardinals"]), tuple(data["ordinals"]), dict(data["decades"]),
                       dict(data["fractions"]), dict(data["multiples"]), dict(data["scale_words"]),
                       dict(data["scale_suffixes"]), dict(data["code_prefixes"]))


def alternation(words, *, escape: bool = True) -> str:
    """A regex alternation of `words`, longest first (so 'million' wins over 'mil')."""
    words = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) if escape else w for w in words)


def _value(word: str) -> int | None:
    try:
        return text2num(word, LANG)
    except ValueError:
        return None


_W = number_words()
_CARD_VALUES = {w: _value(w) for w in _W.cardinals}
_UNITS = [w for w, v in _CARD_VALUES.items() if v is not None and 1 <= v <= 9]
_TEENS = [w for w, v in _CARD_VALUES.items() if v is not None and 10 <= v <= 19]
_TENS = [w for w, v in _CARD_VALUES.items() if v is not None and 20 <= v <= 90 and v % 10 == 0]
_BIG = [w for w, v in _CARD_VALUES.items() if v is not None and v >= 100]

# digits grouped in thousands by one separator throughout: 1,234,567 / 1.234.567 / 1 234 567 / 1'234'567
_GROUP_SEPARATORS = [",", r"\.", " ", "\u00a0", "\u202f", "\u2009", "'", "’"]
_GROUPED = "|".join(rf"\d{{1,3}}(?:{s}\d{{3}})+" for s in _GROUP_SEPARATORS)
_INDIAN = r"\d{1,2}(?:,\d\d)+,\d{3}"  # 1,00,000 (one lakh)
DIGITS = rf"(?:(?:{_INDIAN}|{_GROUPED})(?:[.,]\d+)?(?![\d]|[.,]\d)|\d+(?:[.,]\d+)?)"
VULGAR = "½¼¾⅓⅔"

_CARD = rf"(?:{alternation(_W.cardinals + tuple(_W.multiples))})\b"
_JOIN = r"(?:[\s-]+|" + "|".join(rf"(?<={w})\s+and\s+" for w in _BIG) + ")"
_A_BEFORE = rf"(?:an?\s+(?=(?:{alternation(_BIG + list(_W.multiples))})\b))"
_FRACTION_WORDS = alternation(_W.fractions)
_AND_FRACTION = rf"(?:\s+and\s+(?:an?\s+)?(?:{_FRACTION_WORDS})\b)"
# "six hundred", "ten thousand million", "one and a half", "a quarter", "half a" (million)
_FIRST = rf"(?:{_A_BEFORE}|(?!(?:{alternation(_BIG)})\b))"  # 'a million', never 'million' alone
WORD_NUMBER = (rf"(?:(?:an?\s+)?(?:{_FRACTION_WORDS})\b(?:(?:\s+of)?\s+an?(?=\s))?"
               rf"|{_FIRST}{_CARD}(?:{_JOIN}{_CARD})*{_AND_FRACTION}?)")
SCALE_WORD = rf"(?:{alternation(_W.scale_words)})(?![\w])"
# glued to the digits: $4m, £3M, €2B, $1.3T, $10K
SCALE_SUFFIX = rf"(?-i:{alternation(_W.scale_suffixes)})(?![\w])"
CODE_PREFIX = rf"(?-i:{alternation(_W.code_prefixes)})"
NUMBER = rf"(?:{DIGITS}[{VULGAR}]?|{WORD_NUMBER})"

_HEADS = [w for w, v in _CARD_VALUES.items() if v is not None and 13 <= v <= 20]
_TEN_TO_99 = rf"(?:(?:{alternation(_TENS)})(?:[\s-]+(?:{alternation(_UNITS)}))?|{alternation(_TEENS)})\b"
# "nineteen eighty-four", "eighteen twelve", "nineteen hundred", "nineteen oh five", "two thousand and eight"
YEAR_WORDS = (rf"(?:(?:{alternation(_HEADS)})[\s-]+(?:{_TEN_TO_99}|hundred\b|(?:oh|o)[\s-]+(?:{alternation(_UNITS)})\b)"
              rf"|(?:one|two)\s+thousand(?:(?:\s+and)?[\s-]+(?:(?:{alternation(_UNITS)})\b|{_TEN_TO_99}|"
              rf"(?:{alternation(_UNITS)})\s+hundred(?:(?:\s+and)?\s+{_TEN_TO_99})?)))")
# "nineteen sixties", "nineteen-nineties": the decade of a spelled century
DECADE_WORDS = rf"(?:(?:{alternation(_HEADS)})[\s-]+(?:{alternation(_W.decades)})\b)"

_ORD_UNITS = _W.ordinals[:9]  # first .. ninth
# a count of months or weeks in words: 'one' .. 'twelve'
SMALL_CARDINAL = rf"(?:{alternation(w for w, v in _CARD_VALUES.items() if v is not None and 1 <= v <= 12)})\b"
# a day of the month written as an ordinal word: 'second', 'twenty-first', 'thirtieth'
ORDINAL_DAY = rf"(?:(?:twenty|thirty)[\s-](?:{alternation(_ORD_UNITS)})|{alternation(_W.ordinals)})\b"

RE_DIGITS = re.compile(DIGITS)
RE_SUFFIXED = re.compile(rf"(?P<n>{DIGITS})\s?(?P<s>{SCALE_SUFFIX})")


def parse_digits(text: str) -> float | None:
    """'7.450,50' -> 7450.5, '2 340,00' -> 2340, "1'250.50" -> 1250.5, '1,200' -> 1200, '3,5' -> 3.5,
    '1.5' -> 1.5, '1,00,000' -> 100000. A single dot is a decimal point; a single comma before exactly
    three digits groups thousands, before any other count it is a decimal comma."""
    t = text.strip()
    if not re.fullmatch(DIGITS, t):
        return None
    t = re.sub(r"[\s'’\u00a0\u202f\u2009]", "", t)
    commas, dots = t.count(","), t.count(".")
    if commas and dots:  # the separator written last is the decimal one
        decimal = "," if t.rfind(",") > t.rfind(".") else "."
        whole, frac = t.rsplit(decimal, 1)
        return float(re.sub(r"[.,]", "", whole) + "." + frac)
    if commas > 1 or dots > 1:
        sep = "," if commas > 1 else "."
        if t.count(sep) > 1 and re.fullmatch(rf"\d+(?:{re.escape(sep)}\d{{2,3}})+", t):
            return float(t.replace(sep, ""))
        return None
    if commas == 1:
        whole, frac = t.split(",")
        return float(whole + frac) if len(frac) == 3 else float(whole + "." + frac)
    return float(t)


def _words_value(t: str) -> float | None:
    """A written number without scale words after it: 'six hundred', 'one and a half', 'a quarter'."""
    t = re.sub(r"^an?\s+", "one ", t)
    if t in _W.fractions:
        return _W.fractions[t]
    frac = 0.0
    m = re.fullmatch(rf"(?P<int>.+?)\s+and\s+(?:an?\s+)?(?P<f>{_FRACTION_WORDS})", t)
    if m:
        t, frac = m.group("int"), _W.fractions[m.group("f")]
    m = re.fullmatch(rf"(?:one\s+)?(?P<f>{_FRACTION_WORDS})(?:(?:\s+of)?\s+an?)?", t)
    if m:
        return _W.fractions[m.group("f")] + frac
    parts = re.fullmatch(rf"(?P<n>.*?)\s*\b(?P<mul>{alternation(_W.multiples)})", t)
    if parts:
        n = _number_core(parts.group("n")) if parts.group("n") else 1.0
        return None if n is None else n * _W.multiples[parts.group("mul")] + frac
    n = _number_core(t)
    return None if n is None else n + frac


def _number_core(t: str) -> float | None:
    t = t.strip()
    if not t:
        return None
    d = parse_digits(t)
    if d is not None:
        return d
    if t[-1] in VULGAR and (len(t) == 1 or parse_digits(t[:-1]) is not None):
        return (parse_digits(t[:-1]) or 0.0) + unicodedata.numeric(t[-1])
    if not re.fullmatch(r"[a-z]+(?:[\s-]+[a-z]+)*", t):
        return None
    value = _value(re.sub(r"\s+", " ", t))
    return None if value is None else float(value)


def read_number(text: str) -> float | None:
    """The value of a number as written, scale words and suffixes included. None if it is not one.

    '347.6' -> 347.6; '1.3T' -> 1.3e12; '20 000' -> 20000; 'three and a half billion' -> 3.5e9;
    'half a million' -> 5e5; 'ten thousand million' -> 1e10; 'a dozen' -> 12; '5 lakh' -> 5e5."""
    if not isinstance(text, str):
        return None
    t = re.sub(r"\s+", " ", text.strip())
    m = RE_SUFFIXED.fullmatch(t)
    if m:
        n = parse_digits(m.group("n"))
        return None if n is None else n * _W.scale_suffixes[m.group("s")]
    return _read(t.lower())


def _read(t: str) -> float | None:
    """Words alone are valued by text2num, scales included ('two million five hundred thousand');
    otherwise the scale words at the end multiply what stands before them ('three and a half billion')."""
    value = _words_value(t)
    if value is not None:
        return value
    m = re.fullmatch(rf"(?P<rest>.+?)[\s-]+(?P<s>{SCALE_WORD})", t)
    if not m:
        return None
    rest = m.group("rest")
    frac = re.fullmatch(rf"(?P<f>.*\b(?:{_FRACTION_WORDS}))(?:\s+of)?\s+an?", rest)
    if frac:  # "half a (million)", "a quarter of a (million)"
        rest = frac.group("f")
    value = _read(rest)
    return None if value is None else value * _W.scale_words[m.group("s")]


def ordinal_value(text: str) -> int | None:
    """'3rd' -> 3, 'third' -> 3, 'twenty-first' -> 21, '31' -> 31."""
    if not isinstance(text, str):
        return None
    t = text.strip().lower()
    m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)?", t)
    if m:
        return int(m.group(1))
    if not re.fullmatch(r"[a-z]+(?:[\s-][a-z]+)?", t):
        return None
    m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", alpha2digit(t, LANG, threshold=0))
    return int(m.group(1)) if m else None


def _in_year_range(y: int | None) -> int | None:
    return y if y is not None and YEAR_MIN <= y <= YEAR_MAX else None


def year_from_words(text: str) -> int | None:
    """'nineteen eighty-four' -> 1984, 'nineteen hundred' -> 1900, 'nineteen oh five' -> 1905,
    'two thousand and eight' -> 2008, 'twenty twenty-one' -> 2021. Within YEAR_MIN..YEAR_MAX."""
    t = re.sub(r"\s+", " ", text.strip().lower())
    m = re.fullmatch(rf"(?P<head>{alternation(_HEADS)})[\s-](?P<tail>.+)", t)
    if m:
        head = _value(m.group("head"))
        tail = m.group("tail")
        if tail == "hundred":
            return _in_year_range(head * 100)
        oh = re.fullmatch(r"(?:oh|o)[\s-](\w+)", tail)
        low = _value(oh.group(1)) if oh else _value(tail.replace("-", " "))
        if low is not None and (oh and 1 <= low <= 9 or not oh and 10 <= low <= 99):
            return _in_year_range(head * 100 + low)
        return None
    return _in_year_range(_value(t.replace("-", " ")))


def decade_from_words(text: str) -> int | None:
    """'nineteen sixties' -> 1960, 'nineteen-nineties' -> 1990."""
    m = re.fullmatch(rf"(?P<head>{alternation(_HEADS)})[\s-]+(?P<dec>{alternation(_W.decades)})",
                     re.sub(r"\s+", " ", text.strip().lower()))
    if not m:
        return None
    return _in_year_range(_value(m.group("head")) * 100 + _W.decades[m.group("dec")])
