"""Money amounts in clean claim text: value / min / max in whole units, ISO 4217, qualifier."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pycountry

SCALES = {"thousand": 1e3, "thousands": 1e3, "k": 1e3, "million": 1e6, "millions": 1e6, "mln": 1e6,
          "billion": 1e9, "billions": 1e9, "bn": 1e9, "trillion": 1e12, "lakh": 1e5, "lakhs": 1e5,
          "crore": 1e7, "crores": 1e7}
WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
                "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
                "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
                "hundred": 100, "a": 1, "a dozen": 12, "dozen": 12}
FRACTIONS = {"half": 0.5, "a half": 0.5, "half a": 0.5, "quarter": 0.25, "a quarter": 0.25,
             "three quarters": 0.75, "three quarter": 0.75}
QUALIFIERS = {
    "approx": ("about", "around", "approximately", "nearly", "almost", "some", "roughly", "approx.", "circa",
               "close to", "estimated at"),
    "over": ("more than", "over", "exceeding", "at least", "exceeded", "above", "in excess of", "no less than",
             "not less than", "upwards of", "higher than", "greater than"),
    "under": ("less than", "up to", "under", "below", "no more than", "not more than", "fewer than", "lower than",
              "at most", "at the most"),
}
# currency names after an amount; the more specific first ("Australian dollars" before "dollars")
CURRENCY_WORDS = [
    (r"Australian\s+dollars?", "AUD"), (r"Canadian\s+dollars?", "CAD"), (r"Hong\s+Kong\s+dollars?", "HKD"),
    (r"Singapore\s+dollars?", "SGD"), (r"New\s+Zealand\s+dollars?", "NZD"), (r"Zimbabwe(?:an)?\s+dollars?", "ZWL"),
    (r"(?:US|U\.S\.|American)\s+dollars?|dollars?", "USD"),
    (r"euros?", "EUR"),
    (r"(?:Chinese\s+)?yuan|renminbi|元", "CNY"),
    (r"Belarusian\s+rub(?:les?|\.)", "BYN"),
    (r"(?:Russian\s+)?rub(?:les?|\.)", "RUB"),
    (r"Egyptian\s+pounds?", "EGP"), (r"(?:British\s+)?pounds?(?:\s+sterling)?|sterling", "GBP"),
    (r"(?:Japanese\s+)?yen", "JPY"), (r"Swiss\s+francs?", "CHF"), (r"French\s+francs?", "FRF"),
    (r"Pakistani\s+rupees?", "PKR"), (r"(?:Indian\s+)?rupees?", "INR"), (r"Mexican\s+pesos?", "MXN"),
    (r"Finnish\s+markkas?", "FIM"), (r"pesetas?", "ESP"), (r"(?:Dutch\s+)?guilders?", "NLG"),
    (r"(?:Deutsche?|German)\s+marks?", "DEM"), (r"shekels?", "ILS"), (r"Kuwaiti\s+dinars?", "KWD"),
    (r"Algerian\s+dinars?", "DZD"), (r"Saudi\s+riyals?", "SAR"), (r"Qatari\s+riyals?", "QAR"),
    (r"Omani\s+rials?", "OMR"), (r"Iranian\s+rials?|rials?", "IRR"), (r"(?:UAE\s+|Emirati\s+)?dirhams?", "AED"),
    (r"(?:Malaysian\s+)?ringgits?", "MYR"), (r"(?:South\s+Korean\s+|Korean\s+)?won", "KRW"), (r"baht", "THB"),
    (r"(?:South\s+African\s+)?rand", "ZAR"), (r"naira", "NGN"), (r"(?:Turkish\s+)?liras?", "TRY"),
    (r"tenge", "KZT"), (r"(?:Vietnamese\s+)?dong", "VND"), (r"tugriks?|tögrögs?", "MNT"),
    (r"(?:Brazilian\s+)?reais|(?:Brazilian\s+)?real", "BRL"), (r"hryvnias?", "UAH"),
]
# signs written before (or after) an amount
CURRENCY_SIGNS = [
    (r"(?:US|U\.S\.?|us|u\.s\.?)\s?\$", "USD"), (r"HK\$|hk\s?\$", "HKD"), (r"C\$|c\s\$", "CAD"),
    (r"A\$|AU\$|AUD\$|aud\$", "AUD"), (r"Mex\$|MX\$|MXN\$|mxn\$", "MXN"), (r"R\$", "BRL"), (r"S\$", "SGD"),
    (r"NZ\$", "NZD"), (r"\$", "USD"), (r"€", "EUR"), (r"£", "GBP"), (r"¥", "JPY"), (r"₹|(?-i:(?<!\w)Rs\.?)", "INR"),
    (r"₽", "RUB"), (r"₺", "TRY"), (r"₩", "KRW"), (r"(?-i:(?<!\w)Br)", "BYN"), (r"元", "CNY"),
]
# codes in use that pycountry's current list no longer has
OLD_CODES = {"BYR": "BYN", "RUR": "RUB"}
# codes that are also English words in capitals ("TOP 10", "ALL 5"): not read as currencies
WORD_LIKE_CODES = {"ALL", "TOP", "CUP", "MOP", "SOS", "PEN", "BAM", "MAD", "GEL", "LAK", "AMD", "BOB", "CAD"}
# codes common enough to be read in any case ("half million usd")
MAJOR_CODES = r"usd|eur|gbp|cny|rub|byn|jpy|chf|aud|cad|inr"


@lru_cache(maxsize=1)
def currency_codes() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.currencies) | frozenset(OLD_CODES)


_CODE = r"(?-i:[A-Z]{3})"
_WORDNUM = (r"(?:(?:a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
            r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
            r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?(?: and a half)?|one and a half|a dozen|half a|"
            r"(?:a\s+)?half|(?:a\s+)?quarter|three\s+quarters?)")
_NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?)"
_AMOUNT = rf"(?:{_NUM}|{_WORDNUM})"
_SCALE = r"(?:thousand|million|billion|trillion|mln|bn|lakhs?|crores?)\b|[kK]\b"
_QUAL = "|".join(sorted((re.escape(q) for qs in QUALIFIERS.values() for q in qs), key=len, reverse=True))
_CUR_WORD = "|".join(f"(?:{p})" for p, _ in CURRENCY_WORDS) + f"|{_CODE}|{MAJOR_CODES}"
_CUR_SIGN = "|".join(f"(?:{p})" for p, _ in CURRENCY_SIGNS) + f"|{_CODE}"
_AFTER_SIGN = r"(?:\$|€|£|¥|₹|₽|₺|₩|元)"

RE_MONEY = re.compile(
    rf"(?:(?P<qual>{_QUAL})\s+)?"
    rf"(?:"
    rf"(?P<prefix>{_CUR_SIGN})\s?(?P<a1>{_NUM})(?:\s?[-–]\s?(?:{_CUR_SIGN})?\s?(?P<a2>{_NUM}))?(?:\s*(?P<s1>{_SCALE}))?"
    rf"(?:\s+(?:{_CUR_WORD})\b)?"
    rf"|"
    rf"(?P<b1>{_AMOUNT})(?:\s?(?:[-–]|to)\s?(?P<b2>{_AMOUNT}))?(?:\s+(?P<s2>{_SCALE}))?\s*(?P<word>{_CUR_WORD})(?![\w])"
    rf"|"
    rf"(?P<c1>{_NUM})(?:\s+(?P<s3>{_SCALE}))?\s?(?P<suffix>{_AFTER_SIGN})"
    rf")",
    re.I,
)
# every amount names its currency somehow; a text with none of these is skipped in one search
RE_MONEY_HINT = re.compile(r"[$€£¥₹₽₺₩元]|\b[A-Z]{3}|\bBr\b|\bRs\b|(?i:dollar|euro|yuan|renminbi|rub|pound|sterling|yen|"
                           r"franc|rupee|peso|markka|peseta|guilder|mark|shekel|dinar|riyal|rial|dirham|ringgit|\bwon\b|"
                           r"baht|\brand\b|naira|lira|tenge|\bdong\b|tugrik|tögrög|\breal|reais|hryvnia|usd|eur|gbp|cny|"
                           r"byn|jpy|chf|aud|cad|inr)")
RE_CENTS = re.compile(rf"\s*(?:and\s+)?(?P<cents>\d{{1,2}}|{_WORDNUM})\s+cents?\b", re.I)
RE_RANGE_OPENER = re.compile(r"\b(?P<word>between|from)\s+(?:\$|€|£)?\s?$", re.I)


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
    t = re.sub(r"\s+", " ", text.strip().lower())
    if not t:
        return None
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", t):
        return float(t.replace(",", ""))
    if re.fullmatch(r"\d+(?:[.,]\d+)?", t):
        return float(t.replace(",", "."))
    if t in FRACTIONS:
        return FRACTIONS[t]
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
    token = token.strip()
    for pattern, code in table:
        if re.fullmatch(pattern, token, re.I):
            return code
    if re.fullmatch(MAJOR_CODES, token, re.I):
        return token.upper()
    if re.fullmatch(r"[A-Z]{3}", token) and token in currency_codes() and token not in WORD_LIKE_CODES:
        return OLD_CODES.get(token, token)
    return None


def find_money(text: str) -> list[Money]:
    """Every amount of money in `text`, with offsets. Never raises."""
    if not isinstance(text, str) or not RE_MONEY_HINT.search(text):
        return []
    out = []
    for m in RE_MONEY.finditer(text):
        if m.group("prefix"):
            currency = _currency(m.group("prefix"), CURRENCY_SIGNS)
            low, high, scale = m.group("a1"), m.group("a2"), m.group("s1")
        elif m.group("word"):
            currency = _currency(m.group("word"), CURRENCY_WORDS)
            low, high, scale = m.group("b1"), m.group("b2"), m.group("s2")
            if not re.search(r"\d", low) and not scale and parse_number(low) in (None, 1.0) and \
                    not RE_CENTS.match(text, m.end()):
                continue  # "a dollar", "one yuan" alone is rarely an amount worth a row
        else:
            currency = _currency(m.group("suffix"), CURRENCY_SIGNS)
            low, high, scale = m.group("c1"), None, m.group("s3")
        if currency is None:
            continue
        if not scale and re.fullmatch(r"(?:19|20)\d\d", low or "") and re.fullmatch(r"[A-Za-z]{3}", (m.group("word") or "")):
            continue  # "in 2023 USD": a year before a currency code, not an amount
        factor = SCALES.get((scale or "").lower(), 1.0)
        lo = parse_number(low)
        hi = parse_number(high) if high else None
        if lo is None or (high and hi is None):
            continue
        qualifier = "exact"
        for name, words in QUALIFIERS.items():
            if m.group("qual") and re.sub(r"\s+", " ", m.group("qual").lower()) in words:
                qualifier = name
        end = m.end()
        if hi is None and factor == 1.0:  # "3 dollars 50 cents", "thirteen dollars and forty-five cents"
            cents = RE_CENTS.match(text, end)
            if cents and parse_number(cents.group("cents")) is not None and parse_number(cents.group("cents")) < 100:
                lo += parse_number(cents.group("cents")) / 100
                end = cents.end()
        if hi is not None:
            lo_v, hi_v = lo * factor, hi * factor
            if lo_v > hi_v:
                lo_v, hi_v = hi_v, lo_v
            out.append(Money(m.start(), end, text[m.start():end], None, lo_v, hi_v, currency, "range"))
        else:
            v = lo * factor
            out.append(Money(m.start(), end, text[m.start():end], v, v, v, currency, qualifier))
    return _bare_range_starts(text, out)


RE_BARE_LOW = re.compile(rf"(?P<low>{_NUM})(?:\s+(?P<scale>{_SCALE}))?\s+(?:and|to)\s+$", re.I)


def _bare_range_starts(text: str, found: list[Money]) -> list[Money]:
    """'between 10 and 20 dollars', 'from 10 dollars to 20 dollars': one range, not one amount."""
    out: list[Money] = []
    for m in found:
        prev = out[-1] if out else None
        joined = None
        if prev and prev.currency == m.currency and prev.value is not None and m.value is not None:
            gap = text[prev.end:m.start]
            opener = RE_RANGE_OPENER.search(text[:prev.start])
            if re.fullmatch(r"\s*(?:to|and|[-–])\s*", gap, re.I) and opener and _is_range(text, opener, prev, m):
                joined = Money(opener.start(), m.end, text[opener.start():m.end], None, min(prev.value, m.value),
                               max(prev.value, m.value), m.currency, "range")
        if joined:
            out[-1] = joined
            continue
        low = RE_BARE_LOW.search(text[:m.start])
        opener = low and RE_RANGE_OPENER.search(text[:low.start()])
        if low and opener and m.value is not None and m.qualifier == "exact":
            lo = parse_number(low.group("low"))
            scale = SCALES.get((low.group("scale") or "").lower())
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
    n = re.search(_NUM, money_text)
    value = parse_number(n.group(0)) if n else None
    return value or 1.0
