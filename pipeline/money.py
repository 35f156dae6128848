"""Money amounts in clean claim text: value / min / max in whole units, ISO 4217, qualifier."""
from __future__ import annotations

import re
from dataclasses import dataclass

SCALES = {"thousand": 1e3, "thousands": 1e3, "k": 1e3, "million": 1e6, "millions": 1e6, "mln": 1e6,
          "billion": 1e9, "billions": 1e9, "bn": 1e9, "trillion": 1e12}
WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
                "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
                "hundred": 100, "a": 1, "a dozen": 12, "dozen": 12}
QUALIFIERS = {
    "approx": ("about", "around", "approximately", "nearly", "almost", "some", "roughly", "approx.", "circa",
               "close to", "estimated at"),
    "over": ("more than", "over", "exceeding", "at least", "exceeded", "above", "in excess of", "no less than",
             "not less than", "upwards of"),
    "under": ("less than", "up to", "under", "below", "no more than", "not more than", "fewer than"),
}
CURRENCY_WORDS = [
    (r"(?:US|U\.S\.|American)\s+dollars?|dollars?|USD", "USD"),
    (r"euros?|EUR", "EUR"),
    (r"(?:Chinese\s+)?yuan|renminbi|RMB|CNY", "CNY"),
    (r"Belarusian\s+rub(?:les?|\.)|BYN|BYR", "BYN"),
    (r"(?:Russian\s+)?rub(?:les?|\.)|RUB", "RUB"),
]
CURRENCY_PREFIXES = [(r"US\$|\$", "USD"), (r"€", "EUR"), (r"¥", "CNY"), (r"USD", "USD"), (r"EUR", "EUR"),
                     (r"CNY", "CNY"), (r"BYN|Br", "BYN"), (r"RUB", "RUB")]

_WORDNUM = r"(?:(?:a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?(?: and a half)?|one and a half|a dozen|half a)"
_NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?)"
_AMOUNT = rf"(?:{_NUM}|{_WORDNUM})"
_SCALE = r"(?:thousand|million|billion|trillion|mln|bn)\b"
_QUAL = "|".join(sorted((re.escape(q) for qs in QUALIFIERS.values() for q in qs), key=len, reverse=True))
_CUR_WORD = "|".join(f"(?:{p})" for p, _ in CURRENCY_WORDS)
_CUR_PREFIX = "|".join(f"(?:{p})" for p, _ in CURRENCY_PREFIXES)

RE_MONEY = re.compile(
    rf"(?:(?P<qual>{_QUAL})\s+)?"
    rf"(?:"
    rf"(?P<prefix>{_CUR_PREFIX})\s?(?P<a1>{_NUM})(?:\s?[-–]\s?(?:{_CUR_PREFIX})?\s?(?P<a2>{_NUM}))?(?:\s+(?P<s1>{_SCALE}))?"
    rf"(?:\s+(?:{_CUR_WORD})\b)?"
    rf"|"
    rf"(?P<b1>{_AMOUNT})(?:\s?(?:[-–]|to)\s?(?P<b2>{_AMOUNT}))?(?:\s+(?P<s2>{_SCALE}))?\s+(?P<word>{_CUR_WORD})\b"
    rf")",
    re.I,
)


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
    t = text.strip().lower()
    if not t:
        return None
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", t):
        return float(t.replace(",", ""))
    if re.fullmatch(r"\d+(?:[.,]\d+)?", t):
        return float(t.replace(",", "."))
    half = 0.5 if t.endswith("and a half") or t == "half a" else 0.0
    t = t.replace("and a half", "").replace("half a", "").strip()
    if not t:
        return half or None
    total = 0.0
    for part in re.split(r"[- ]", t):
        if part in WORD_NUMBERS:
            total += WORD_NUMBERS[part]
        elif part:
            return None
    return total + half


def _currency(token: str, table) -> str | None:
    for pattern, code in table:
        if re.fullmatch(pattern, token.strip(), re.I):
            return code
    return None


def find_money(text: str) -> list[Money]:
    """Every amount of money in `text`, with offsets. Never raises."""
    out = []
    for m in RE_MONEY.finditer(text):
        if m.group("prefix"):
            currency = _currency(m.group("prefix"), CURRENCY_PREFIXES)
            if m.group("prefix") == "Br" and m.start("prefix") > 0 and text[m.start("prefix") - 1].isalpha():
                continue
            low, high, scale = m.group("a1"), m.group("a2"), m.group("s1")
        else:
            currency = _currency(m.group("word"), CURRENCY_WORDS)
            low, high, scale = m.group("b1"), m.group("b2"), m.group("s2")
            if not re.search(r"\d", low) and not scale and parse_number(low) in (None, 1.0):
                continue  # "a dollar", "one yuan" alone is rarely an amount worth a row
        if currency is None:
            continue
        factor = SCALES.get((scale or "").lower(), 1.0)
        lo = parse_number(low)
        hi = parse_number(high) if high else None
        if lo is None or (high and hi is None):
            continue
        qualifier = "exact"
        for name, words in QUALIFIERS.items():
            if m.group("qual") and m.group("qual").lower() in words:
                qualifier = name
        if hi is not None:
            lo_v, hi_v = lo * factor, hi * factor
            if lo_v > hi_v:
                lo_v, hi_v = hi_v, lo_v
            out.append(Money(m.start(), m.end(), m.group(0), None, lo_v, hi_v, currency, "range"))
        else:
            v = lo * factor
            out.append(Money(m.start(), m.end(), m.group(0), v, v, v, currency, qualifier))
    return out
