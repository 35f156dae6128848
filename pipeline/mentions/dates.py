"""Calendar expressions in clean claim text, as ISO intervals [start, end] with grain and modifier.

`find_dates(text, context_year)` returns every expression with its offsets. Expressions that
need a year the text does not state ("this year", "In May") are resolved from `context_year`
or from an explicit year earlier in the same text, and marked relative; with no year to go
on their start and end stay None. Never raises.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..config import YEAR_MAX, YEAR_MIN
from .numbers import (DECADE_WORDS, ORDINAL_DAY, SMALL_CARDINAL, YEAR_WORDS, decade_from_words, ordinal_value,
                      read_number, year_from_words)

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
# 'the last quarter', 'the final half': the last of the year's parts (1st, second... come from the number reader)
LAST_PART = {"last": 4, "final": 4}
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 14)}
# how a relative year phrase moves from the year it is anchored to
YEAR_OFFSETS = {"this": 0, "the current": 0, "current": 0, "the same": 0, "that": 0, "the present": 0,
                "last": -1, "the last": -1, "the past": -1, "the previous": -1, "previous": -1,
                "next": 1, "the next": 1, "the following": 1, "the coming": 1}
# phrases that point at the time of writing ("this year"), not at the year just narrated ("that year")
DEICTIC = {"this", "the current", "current", "the present", "last", "the last", "the past", "next", "the next",
           "the coming"}
# a capitalised word before a year that does not make the year part of a name ("Vision 2040")
NOT_A_NAME = {"in", "and", "by", "since", "from", "until", "till", "for", "of", "on", "at", "to", "as", "the",
              "but", "during", "already", "back", "also", "only", "even", "so", "then", "after", "before",
              "between", "through", "throughout", "within", "thus", "while", "whereas", "yet",
              "still", "again", "late", "early", "mid", "or", "with", "than", "that", "this", "both", "about",
              "ad", "a.d", "ce", "anno", "fy", "year", "circa", "c", "ca", "around", "when", "until"}

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)")
# a month next to a day or a year: any case ("april 2017" in lowercased text), abbreviations without a dot
_MON = (r"(?i:January|February|March|April|May|June|July|August|September|October|November|December"
        r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?")


def _centuries(first: int = YEAR_MIN, last: int = YEAR_MAX) -> str:
    """The first two digits of the years the project reads: '(?:10|11|...|21)' for 1000-2199."""
    return "(?:" + "|".join(str(c) for c in range(first // 100, last // 100 + 1)) + ")"


_YEAR = _centuries() + r"\d\d"
_Y = rf"(?<![\d$€£¥.,№#])(?<!\d[-–/]){_YEAR}(?![\d%]|[.,]\d|-(?:year|ton|seat|meter|storey|strong))"
_DAY = r"(?<![\d.,])(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
# a day as an ordinal: '3rd', 'the second', 'twenty-first'
_ORD_DAY = rf"(?:(?<![\d.,])(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)|{ORDINAL_DAY})"
_REL = r"(?:this|the current|current|the same|that|the present|last|the last|the past|the previous|previous|next|the next|the following|the coming)"


def _rel_year(tag: str = "") -> str:
    return (rf"(?P<rel{tag}>{_REL})(?:\s*\[(?P<bracket{tag}>{_YEAR})\])?\s+year"
            rf"(?:\s*\[(?P<after{tag}>{_YEAR})\])?")


def _yearish(tag: str = "") -> str:
    """A year, or a phrase that stands for one ("this year", "the current [2023] year").

    `tag` keeps group names unique where one pattern holds two of these."""
    return rf"(?:(?P<y{tag}>{_Y})|\[(?:of\s+)?(?P<ybr{tag}>{_YEAR})\]|(?:of\s+)?{_rel_year(tag)})"


_YEARISH = _yearish()
_YEAR_AFTER = r"(?:\s?,?\s+(?:(?:of|in)\s+)?)"  # "March 3, 2015", "july 4th of 1995", "28 june in 2020"
# "of 2023", "of this year", or an editor's bracket "[of 2023]"
_OF = r"(?:\s+of\s+(?:the\s+)?|\s*(?=\[))"
_REL_YEAR = _rel_year()
_DECADE = _centuries() + r"\d0(?:['’]?s|\ss\b)"  # '1850s', "1990's", and '1990 s' from tokenised text
_COUNT = rf"(?:\d{{1,2}}|{SMALL_CARDINAL})"


# every rule needs one of these; a text without any is skipped in one search
RE_DATE_HINT = re.compile(r"\d|(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|year|quarter|half|month|week|"
                          r"spring|summer|autumn|winter|fall|decade|century|period|teen|twenty|thousand)")


@dataclass(frozen=True)
class DateExpr:
    start: int
    end: int
    text: str
    start_date: str | None  # ISO date, first day of the interval; None if open or unresolved
    end_date: str | None
    grain: str
    mod: str | None
    relative: bool


@dataclass(frozen=True)
class _Interval:
    first: dt.date | None
    last: dt.date | None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _months(year: int, first_month: int, last_month: int, year_last: int | None = None) -> _Interval:
    year_last = year if year_last is None else year_last
    if last_month > 12:  # winter runs into the next year
        year_last, last_month = year_last + 1, last_month - 12
    return _Interval(dt.date(year, first_month, 1), _month_end(year_last, last_month))


def _years(first: int, last: int) -> _Interval:
    return _Interval(dt.date(first, 1, 1), dt.date(last, 12, 31))


def _month_number(token: str) -> int:
    return MONTHS[token.lower().rstrip(".")]


def _day_number(token: str) -> int:
    value = ordinal_value(token)
    if value is None:
        raise ValueError(token)
    return value


def _part_number(token: str | None) -> int | None:
    """'first' -> 1, '3rd' -> 3, 'last' -> 4: which quarter (or half) of a year."""
    if not token:
        return None
    return LAST_PART.get(token.lower()) or ordinal_value(token)


def _count(token: str) -> int:
    t = token.lower()
    value = read_number(t)
    if value is None or value != int(value):
        raise ValueError(token)
    return int(value)


def _two_digit_end(first: int, token: str) -> int:
    """'2021-25' ends in 2025; '2021-2025' in 2025."""
    if len(token) == 2:
        return first // 100 * 100 + int(token)
    return int(token)


@dataclass
class _Context:
    """The years relative expressions are read against.

    `year`: the year just narrated, moved on by every explicit year ("the same year", "In May").
    `now`: the time of writing ("this year", "last year"), when the caller knows it."""
    year: int | None
    now: int | None = None
    last_span: tuple[int, int, int, int] | None = None  # (month, day, month, day) of the last part of a year

    def anchor(self, phrase: str) -> int | None:
        if phrase in DEICTIC and self.now is not None:
            return self.now
        return self.year

    def resolve(self, m: re.Match) -> tuple[int | None, bool]:
        """(year, relative) for a match carrying either an explicit year or a relative year phrase."""
        groups = m.groupdict()

        def first(name):
            return groups.get(name) or groups.get(name + "B")

        if first("y"):
            return int(first("y")), False
        if first("ybr"):
            return int(first("ybr")), False
        if first("bracket") or first("after"):  # "the current [2023] year", "last year [2024]"
            return int(first("bracket") or first("after")), True
        rel = re.sub(r"\s+", " ", first("rel") or "").lower()
        if not rel:  # a bare month: the year just narrated, else the time of writing
            return (self.year if self.year is not None else self.now), True
        anchor = self.anchor(rel)
        return (None if anchor is None else anchor + YEAR_OFFSETS.get(rel, 0)), True


# Each rule: a pattern and a function from (match, context) to (interval, grain, mod, relative).
Rule = tuple[re.Pattern, Callable[[re.Match, _Context], tuple[_Interval, str, str | None, bool] | None]]


def _day_range(m, ctx):
    year, relative = ctx.resolve(m)
    if year is None:
        return _Interval(None, None), "day", None, True
    month = _month_number(m.group("mon"))
    d1, d2 = _day_number(m.group("d1")), _day_number(m.group("d2") or m.group("d1"))
    last_day = calendar.monthrange(year, month)[1]
    if not (1 <= d1 <= last_day and 1 <= d2 <= last_day) or d1 > d2:
        return None
    return _Interval(dt.date(year, month, d1), dt.date(year, month, d2)), "day", None, relative


def _month_range(m, ctx):
    year, relative = ctx.resolve(m)
    first_year = int(m.group("y1")) if m.group("y1") else year
    if year is None or first_year is None:
        return _Interval(None, None), "part", None, True
    a, b = _month_number(m.group("m1")), _month_number(m.group("m2"))
    if first_year == year and b < a:
        if m.group("y1"):
            return None
        first_year = year - 1  # 'from November to April 2021': the winter before
    return _months(first_year, a, b, year), "part", None, relative


def _month(m, ctx):
    year, relative = ctx.resolve(m)
    mod = _mod(m.group("mod"))
    if year is None:
        return _Interval(None, None), "month", mod, True
    month = _month_number(m.group("mon"))
    return _months(year, month, month), "month", mod, relative


def _first_months(m, ctx):
    year, relative = ctx.resolve(m)
    n = _count(m.group("n"))
    if not 1 <= n <= 12:
        return None
    if year is None:
        return _Interval(None, None), "part", None, True
    if (m.group("which") or "").lower() == "last":  # "the last four months of 2021"
        return _months(year, 13 - n, 12), "part", None, relative
    return _months(year, 1, n), "part", None, relative


def _numeric(m, ctx):
    """'2015-03-03', '2015-12', '13.5.2015', '02/22/2016', '21/04/2016', '3/2015'."""
    g = m.groupdict()
    year = int(g["year"])
    if g.get("a") is None:
        month = int(g["month"])
        return (_months(year, month, month), "month", None, False) if 1 <= month <= 12 else None
    a, b = int(g["a"]), int(g["b"])
    readings = [(b, a), (a, b)]  # (month, day): 13.5.2015, 21/04/2016 day first
    if g.get("sep") == "/" and a <= 12 and "ymd" not in g:
        readings.reverse()  # 02/22/2016: month first where it can be
    if "ymd" in g:
        readings = readings[:1]  # 2019/03/14: year, month, day
    for month, day in readings:  # 03-14-2019, 10.31.1974: the other reading where the first cannot be
        if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]:
            d = dt.date(year, month, day)
            return _Interval(d, d), "day", None, False
    return None


def _quarter(m, ctx):
    year, relative = ctx.resolve(m)
    q = _part_number(m.group("q")) or int(m.group("qn") or 0)
    if not 1 <= q <= 4:
        return None
    first_q = _part_number(m.group("qfirst"))
    grain = "quarter"
    if m.group("n"):  # "the first three quarters"
        n = _count(m.group("n"))
        if not 1 <= n <= 4:
            return None
        first_q, q, grain = 1, n, "part"
    if year is None:
        return _Interval(None, None), grain, None, True
    return _months(year, 3 * (first_q or q) - 2, 3 * q), grain, None, relative


def _half(m, ctx):
    year, relative = ctx.resolve(m)
    h = int(m.group("h")) if m.group("h").isdigit() else _part_number(m.group("h"))
    if h not in (1, 2, 4):
        return None
    h = 2 if h == 4 else h
    if year is None:
        return _Interval(None, None), "half", None, True
    return _months(year, 6 * h - 5, 6 * h), "half", None, relative


def _season(m, ctx):
    year, relative = ctx.resolve(m)
    first, last = SEASONS[m.group("season").lower()]
    if year is None:
        return _Interval(None, None), "part", _mod(m.group("mod")), True
    return _months(year, first, last), "part", _mod(m.group("mod")), relative


def _weeks(m, ctx):
    year, relative = ctx.resolve(m)
    n = _count(m.group("n"))
    month = _month_number(m.group("mon"))
    if year is None or not 1 <= n <= 4:
        return (_Interval(None, None), "part", None, True) if year is None else None
    first = dt.date(year, month, 1)
    return _Interval(first, first + dt.timedelta(days=7 * n - 1)), "part", None, relative


def _part_of(m, ctx):
    """'the end of 2022', 'the beginning of this year', 'the middle of March 2023'."""
    inner = _inner_interval(m, ctx)
    if inner is None:
        return None
    interval, _, relative = inner
    return interval, "part", _mod(m.group("part")), relative


def _modified(m, ctx):
    """'early March 2023', 'mid-2019', 'late 2022': the inner interval with a modifier."""
    inner = _inner_interval(m, ctx)
    if inner is None:
        return None
    interval, grain, relative = inner
    return interval, grain, _mod(m.group("mod")), relative


def _inner_interval(m, ctx):
    if m.group("mon"):
        year, relative = ctx.resolve(m)
        if year is None:
            return _Interval(None, None), "month", True
        month = _month_number(m.group("mon"))
        return _months(year, month, month), "month", relative
    if m.groupdict().get("dec"):
        first = _decade(m.group("dec"))
        return _years(first, first + 9), "decade", False
    year, relative = ctx.resolve(m)
    if year is None:
        return _Interval(None, None), "year", True
    return _years(year, year), "year", relative


def _mod(word: str | None) -> str | None:
    if not word:
        return None
    w = word.lower()
    if w in ("early", "beginning", "start", "the beginning", "the start"):
        return "start"
    if w in ("mid", "mid-", "middle", "the middle"):
        return "mid"
    if w in ("late", "end", "the end"):
        return "end"
    return None


def _year_range(m, ctx):
    sep, opener = m.group("sep").strip().lower(), (m.group("opener") or "").strip().lower()
    if sep == "and" and opener != "between" or len(m.group("y2")) == 2 and sep not in ("-", "–", "/"):
        return None  # "in 2007 and 2009" are two years; "2019 to 28" is no range
    first = int(m.group("y1"))
    last = _two_digit_end(first, m.group("y2"))
    if not first < last <= first + 50:
        return None
    return _years(first, last), "years", None, False


def _decade(token: str) -> int:
    digits = re.sub(r"\D", "", token)
    if len(digits) == 2:
        return (1900 if int(digits) >= 30 else 2000) + int(digits)
    return int(digits)


def _decades(m, ctx):
    first = _decade(m.group("dec"))
    last = _decade(m.group("dec2")) + 9 if m.group("dec2") else first + 9
    if last < first:
        return None
    return _years(first, last), "decade", _mod(m.group("mod")), False


def _century(m, ctx):
    n = int(m.group("c"))
    if not YEAR_MIN // 100 + 1 <= n <= YEAR_MAX // 100 + 1:
        return None
    return _years(100 * (n - 1) + 1, 100 * n), "century", None, False


def _relative_year(m, ctx):
    year, relative = ctx.resolve(m)
    if year is None:
        return _Interval(None, None), "year", None, True
    return _years(year, year), "year", None, relative


def _same_year(m, ctx):
    year = int(m.group("y"))
    return _years(year, year), "year", None, False


def _bare_month(m, ctx):
    year, _ = ctx.resolve(m)
    if m.group("lastnext"):
        anchor = ctx.anchor(m.group("lastnext").lower())
        year = None if anchor is None else anchor + YEAR_OFFSETS[m.group("lastnext").lower()]
    month = _month_number(m.group("mon"))
    if year is None:
        return _Interval(None, None), "month", None, True
    return _months(year, month, month), "month", None, True


def _same_period(m, ctx):
    """'the same period of 2023': the months of the part of a year named just before, in another year."""
    year, relative = ctx.resolve(m)
    if year is None or ctx.last_span is None:
        return _Interval(None, None), "part", None, True
    m1, d1, m2, d2 = ctx.last_span
    last_day = min(d2, calendar.monthrange(year, m2)[1])
    return _Interval(dt.date(year, m1, d1), dt.date(year, m2, last_day)), "part", None, True


def _year(m, ctx):
    year = int(m.group("y"))
    return _years(year, year), "year", None, False


def _cross_days(m, ctx):
    """'Nov 18-Dec 19, 2015': from a day of one month to a day of another (the year before when it turns)."""
    year, relative = ctx.resolve(m)
    if year is None:
        return _Interval(None, None), "day", None, True
    m1, m2 = _month_number(m.group("m1")), _month_number(m.group("m2"))
    d1, d2 = _day_number(m.group("d1")), _day_number(m.group("d2"))
    first_year = year - 1 if m2 < m1 else year
    if not (1 <= d1 <= calendar.monthrange(first_year, m1)[1] and 1 <= d2 <= calendar.monthrange(year, m2)[1]):
        return None
    first, last = dt.date(first_year, m1, d1), dt.date(year, m2, d2)
    return (_Interval(first, last), "day", None, relative) if first <= last else None


def _edge_day(m, ctx):
    """'the last day of October 2015': one day."""
    year, relative = ctx.resolve(m)
    if year is None:
        return _Interval(None, None), "day", None, True
    if m.group("mon"):
        month = _month_number(m.group("mon"))
        day = 1 if m.group("which").lower() == "first" else calendar.monthrange(year, month)[1]
    else:
        month, day = (1, 1) if m.group("which").lower() == "first" else (12, 31)
    d = dt.date(year, month, day)
    return _Interval(d, d), "day", None, relative


def _nth_month(m, ctx):
    """'the third month of 2021' = March 2021."""
    n = ordinal_value(m.group("nth"))
    if n is None or not 1 <= n <= 12:
        return None
    year, relative = ctx.resolve(m)
    if year is None:
        return _Interval(None, None), "month", None, True
    return _months(year, n, n), "month", None, relative


def _year_words(m, ctx):
    """'nineteen eighty-four', 'two thousand and eight'."""
    year = year_from_words(m.group("yw"))
    return None if year is None else (_years(year, year), "year", None, False)


def _decade_words(m, ctx):
    """'the late nineteen sixties'."""
    first = decade_from_words(m.group("decw"))
    return None if first is None else (_years(first, first + 9), "decade", _mod(m.group("mod")), False)


def _open(word: str, inner, target: bool):
    """'since 2019' (open end), 'by 2030' (open start): the expression after the word bounds one
    side. `inner` is that expression's (interval, grain, mod, relative); None if it stays closed."""
    interval, grain, mod, relative = inner
    word = re.sub(r"\s+", " ", word).lower()
    if word in ("since", "starting from", "starting in", "beginning in", "after"):
        first = interval.first
        if word == "after" and interval.last is not None:
            first = interval.last + dt.timedelta(days=1)
        return _Interval(first, None), grain, mod, relative
    if word == "by" and not target:
        return None  # past narrative: "By mid-2019, their number had increased" dates the fact, no deadline
    last = interval.last
    if word == "before" and interval.first is not None:
        last = interval.first - dt.timedelta(days=1)
    return _Interval(None, last), grain, mod, relative


RULES: list[Rule] = [
    (re.compile(rf"\b(?P<d1>{_DAY})\s*(?:[-–]|to|and)\s*(?P<d2>{_DAY})\s+(?P<mon>{_MONTH})(?:{_YEAR_AFTER}{_YEARISH})?"), _day_range),
    (re.compile(rf"\b(?P<mon>{_MONTH})\s+(?P<d1>{_DAY})\s*(?:[-–]|to|and)\s*(?P<d2>{_DAY})\b(?:{_YEAR_AFTER}{_YEARISH})?"), _day_range),
    (re.compile(rf"\b(?P<d1>{_DAY})\s*(?:[-/.]\s*)?(?P<mon>{_MON})(?:{_YEAR_AFTER}|\s*[-/.]\s*)(?P<y>{_Y})(?P<d2>)"), _day_range),
    (re.compile(rf"\b(?P<mon>{_MON})\s+(?:the\s+)?(?P<d1>{_DAY}|{ORDINAL_DAY})(?!\d|\s*%)\b{_YEAR_AFTER}(?P<y>{_Y})(?P<d2>)", re.I), _day_range),
    # 'the 3rd day of May, 1999', 'the second of June 2008', 'the 5th of November'
    (re.compile(rf"\b(?:the\s+)?(?P<d1>{_ORD_DAY})(?:\s+day)?\s+of\s+(?P<mon>{_MON})(?:{_YEAR_AFTER}{_YEARISH})?(?P<d2>)", re.I), _day_range),
    # 'Nov 18-Dec 19, 2015', 'Mar 3 - Jun 9, 2017', '26 june to 28 july in 2020'
    (re.compile(rf"\b(?:from\s+)?(?P<m1>{_MON})\s+(?P<d1>{_DAY})\s*(?:[-–]|to|through|until|till)\s*(?P<m2>{_MON})\s+(?P<d2>{_DAY})(?!\d)(?:{_YEAR_AFTER}{_YEARISH})?"), _cross_days),
    (re.compile(rf"\b(?:from\s+)?(?P<d1>{_DAY})\s+(?:of\s+)?(?P<m1>{_MON})\s*(?:[-–]|to|through|until|till)\s*(?P<d2>{_DAY})\s+(?:of\s+)?(?P<m2>{_MON})(?:{_YEAR_AFTER}{_YEARISH})?"), _cross_days),
    # 'from 4 to January 22, 1995'
    (re.compile(rf"\bfrom\s+(?P<d1>{_DAY})\s+(?:to|until|till|-)\s+(?P<mon>{_MONTH})\s+(?P<d2>{_DAY})(?!\d)(?:{_YEAR_AFTER}{_YEARISH})?"), _day_range),
    # 'the last day of October 2015', 'the first day of 2020'
    (re.compile(rf"\b(?:the\s+)?(?P<which>first|last)\s+day\s+of\s+(?:(?P<mon>{_MON})(?:\s+(?:of\s+)?{_YEARISH})?|{_yearish('B')})", re.I), _edge_day),
    # 'the third month of 2021'
    (re.compile(rf"\b(?:the\s+)?(?P<nth>{ORDINAL_DAY}|(?:1[0-2]|[1-9])(?:st|nd|rd|th))\s+month\s+of\s+(?:the\s+year\s+)?{_YEARISH}", re.I), _nth_month),
    # 'nineteen eighty-four', 'two thousand and eight'
    (re.compile(rf"(?<![\w-])(?:the\s+year\s+)?(?P<yw>{YEAR_WORDS})(?![\w-])", re.I), _year_words),
    (re.compile(rf"\b(?P<d1>{_DAY})\s+(?P<mon>{_MONTH})(?:{_YEAR_AFTER}{_YEARISH})?(?P<d2>)"), _day_range),
    (re.compile(rf"\b(?P<mon>{_MONTH})\s+(?P<d1>{_DAY})(?!\d|\s*%)\b(?:{_YEAR_AFTER}{_YEARISH})?(?P<d2>)"), _day_range),
    (re.compile(rf"(?<![\d./-])(?P<year>{_YEAR})(?P<sep>[-/.])(?P<b>0?[1-9]|1[0-2])(?P=sep)(?P<a>0?[1-9]|[12]\d|3[01])(?![\d])(?P<ymd>)"), _numeric),
    (re.compile(rf"(?<![\d./-])(?P<a>0?[1-9]|[12]\d|3[01])(?P<sep>[./-])(?P<b>0?[1-9]|[12]\d|3[01])(?P=sep)(?P<year>{_YEAR})(?![\d])"), _numeric),
    (re.compile(rf"(?<![\d./-])(?P<year>{_YEAR})[-/](?P<month>0[1-9]|1[0-2]|[1-9](?![.,]\d|\s*%))(?![\d/-])"), _numeric),
    (re.compile(rf"(?<![\d./-])(?P<month>0?[1-9]|1[0-2])[/-](?P<year>{_YEAR})(?![\d/-])"), _numeric),
    (re.compile(rf"\b(?:from\s+)?(?P<m1>{_MONTH})(?:\s+(?P<y1>{_Y}))?\s*(?:[-–]|to|through|until)\s*(?:early\s+|late\s+)?"
                rf"(?P<m2>{_MONTH})(?:,?\s+{_YEARISH})?"), _month_range),
    (re.compile(rf"\b(?:from\s+)?(?P<m1>{_MON})\s*(?:[-–]|to|through|until|till)\s*(?:early\s+|late\s+)?(?P<m2>{_MON})"
                rf"(?:\s?,?\s+(?:of\s+|in\s+)?){_YEARISH}(?P<y1>)"), _month_range),
    (re.compile(rf"\b(?:the\s+)?(?:(?P<which>first|last)\s+)?(?P<n>{_COUNT})\s+months{_OF}{_YEARISH}", re.I), _first_months),
    (re.compile(rf"\b(?:the\s+)?(?:(?:(?P<qfirst>first)\s+)?(?P<n>two|three|2|3)\s+quarters|(?P<q>first|second|third|fourth|1st|2nd|3rd|4th|last|final)\s+quarter)"
                rf"(?:{_OF}{_YEARISH}|(?P<qn>))", re.I), _quarter),
    (re.compile(rf"\b[Qq](?P<qn>[1-4])(?:\s*[-/]?\s*|\s+of\s+)(?P<y>{_YEAR})(?!\d)(?P<q>)(?P<qfirst>)(?P<n>)"), _quarter),
    (re.compile(rf"(?<![\d])(?P<y>{_Y})\s*[-/]?\s*[Qq](?P<qn>[1-4])\b(?P<q>)(?P<qfirst>)(?P<n>)"), _quarter),
    (re.compile(rf"\b(?:the\s+)?(?P<q>1st|2nd|3rd|4th|first|second|third|fourth)\s+(?:quarter|qtr\.?)(?:\s+of)?\s+(?P<y>{_Y})(?P<qfirst>)(?P<n>)(?P<qn>)", re.I), _quarter),
    (re.compile(rf"\b[Hh](?P<h>[12])\s*[-/]?\s*(?P<y>{_Y})"), _half),
    (re.compile(rf"(?<![\d])(?P<y>{_Y})\s*[-/]?\s*[Hh](?P<h>[12])\b"), _half),
    (re.compile(rf"\b(?:the\s+)?(?P<h>first|second|last)\s+half{_OF}{_YEARISH}", re.I), _half),
    (re.compile(r"\b(?:the\s+)?(?P<h>first|second)\s+half\s+of\s+the\s+year(?P<y>)", re.I), _half),
    (re.compile(rf"\b(?:the\s+)?first\s+(?P<n>{_COUNT})\s+weeks?\s+of\s+(?P<mon>{_MONTH})(?:\s+{_YEARISH})?"), _weeks),
    (re.compile(rf"\b(?:(?P<mod>early|mid-?|late)\s*)?(?:the\s+)?(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?{_YEARISH}", re.I), _season),
    (re.compile(rf"\b(?:the\s+)?(?P<part>beginning|start|end|middle)\s+of\s+(?:the\s+)?"
                rf"(?:(?P<mon>{_MONTH})(?:\s+(?:of\s+)?{_YEARISH})?|(?P<dec>{_DECADE})|{_yearish('B')})", re.I), _part_of),
    (re.compile(rf"\b(?P<mod>early|mid-|mid|late)\s*(?:(?P<mon>{_MONTH})(?:\s+(?:of\s+)?{_YEARISH})?|{_yearish('B')})", re.I), _modified),
    (re.compile(rf"\b(?P<opener>from\s+|between\s+)?(?P<y1>{_Y})(?P<sep>\s*[-–/]\s*|\s+(?:to|and|through|till|until)\s+)(?P<y2>{_YEAR}|\d\d)(?![\d%/-]|\.\d)"), _year_range),
    (re.compile(rf"\b(?:the\s+)?(?:(?P<mod>early|mid-?|late)\s*)?(?P<dec>{_DECADE}|'?\d0s)(?:\s*[-–]\s*(?P<dec2>{_DECADE}))?"), _decades),
    (re.compile(rf"\b(?:the\s+)?(?:(?P<mod>early|mid-?|late)\s*)?(?P<decw>{DECADE_WORDS})", re.I), _decade_words),
    (re.compile(r"\b(?:the\s+)?(?P<c>1[0-9]|2[0-2])(?:st|nd|rd|th)\s+century", re.I), _century),
    (re.compile(rf"\b(?:the\s+same\s+)?(?P<mon>{_MONTH}){_YEAR_AFTER}{_YEARISH}(?P<mod>)"), _month),
    (re.compile(rf"\b(?P<mon>{_MON})(?:{_YEAR_AFTER}|\s*[-/]\s*)(?P<y>{_Y})(?P<mod>)"), _month),
    (re.compile(rf"\b(?P<y>{_Y})\s+(?P<mon>{_MON})(?!\s*\d)(?P<mod>)"), _month),
    (re.compile(rf"\bthe\s+same\s+(?P<y>{_Y})"), _same_year),
    (re.compile(rf"\b(?:the\s+)?same\s+period\s+(?:(?:of|in)\s+)?(?:the\s+)?{_YEARISH}", re.I), _same_period),
    (re.compile(rf"\b{_REL_YEAR}(?!\w)(?P<y>)", re.I), _relative_year),
    (re.compile(rf"(?:\b(?:the\s+same|(?P<lastnext>last|next))\s+)?(?<![\w-])(?P<mon>{_MONTH})(?!\s+\d)\b(?P<y>)"), _bare_month),
    (re.compile(rf"(?P<y>{_Y})"), _year),
]


# a rule runs only on a text that has what its pattern needs ('March', 'quarter', 'nineteen'): one
# cheap search instead of a pattern tried at every character
_RE_MONTH_HINT = re.compile(r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")
_HANDLER_HINTS = {
    _year_words: r"(?i:teen|twenty|thousand)", _decade_words: r"(?i:teen|twenty)", _nth_month: r"(?i:month)",
    _edge_day: r"(?i:day)", _first_months: r"(?i:month)", _weeks: r"(?i:week)", _quarter: r"(?i:q)",
    _half: r"(?i:h)", _century: r"(?i:century)", _relative_year: r"(?i:year)", _same_period: r"(?i:period)",
    _season: r"(?i:spring|summer|autumn|fall|winter)",
}
_NEED_MONTH = {_day_range, _cross_days, _month_range, _month, _bare_month, _weeks}
RULE_HINTS: list[re.Pattern | None] = [
    _RE_MONTH_HINT if handler in _NEED_MONTH else
    re.compile(_HANDLER_HINTS[handler]) if handler in _HANDLER_HINTS else None
    for pattern, handler in RULES]

# handlers that read no context, so a match can be checked before it is taken
CONTEXT_FREE = {_year_range, _numeric, _decades, _century, _year_words, _decade_words}


# "from 2004" alone usually dates a thing ("the agreement from 2004"), so it does not open an interval
_OPEN_WORDS = r"since|starting\s+from|starting\s+in|beginning\s+in|by|until|till|up\s+to|through|before|after"
# words that make "by 2030" a deadline rather than the date of a fact already reached
RE_FUTURE = re.compile(r"\b(?:will|shall|plan(?:s|ned)?|intends?|expects?|expected|aims?|target(?:s|ed)?|goal|"
                       r"should|must|is to|are to|forecast|projected|envisage[sd]?)\b", re.I)


def _is_name_year(text: str, start: int) -> bool:
    """A capitalised word right before a year makes it part of a name: 'Vision 2040', 'IDEX 2025'."""
    before = re.search(r"([A-Za-z][\w&.-]*)[\s\"“”«»-]*$", text[max(0, start - 40):start])
    if not before:
        return False
    word = before.group(1)
    if not (word[0].isupper() or word.isupper()):
        return False
    return word.lower().rstrip(".") not in NOT_A_NAME and word.lower().rstrip(".") not in MONTHS


_QUANTITY_BEFORE = re.compile(r"(?:more than|less than|over|about|almost|nearly|around|approximately|some|at least|"
                              r"only|total of|than|of|to|and|with|[$€£¥])\s*$", re.I)
_QUANTITY_AFTER = re.compile(r"^\s*(?:%|percent|per\s*cent|tons?|tonnes?|units?|people|persons|students|km|kilomet|"
                             r"met(?:er|re)s?|hectares?|ha\b|times|pieces|items|vehicles|tractors|cars|trucks|"
                             r"buses|machines|jobs|employees|workers|specialists|participants|companies|"
                             r"enterprises|projects|positions|products|thousand|million|billion|head)", re.I)


# a word right before a number that makes it a year, not a count ('In 1517 reformers gathered')
DATE_CONTEXT = {"in", "on", "at", "since", "from", "by", "until", "till", "of", "during", "after", "before", "between",
                "around", "circa", "c", "ca", "early", "mid", "late", "year", "years", "the", "and", "to", "through",
                "that", "when", "for", "as", "spring", "summer", "autumn", "winter", "fall", "ad", "then", "also",
                "about", "or", "than", "within", "throughout", "over", "into", "fy", "s"}
# words ending in -s that are not plural nouns ('1998 was', '2023 marks' is read by the word before)
NOT_PLURAL = {"was", "has", "is", "as", "its", "his", "this", "thus", "us", "does", "whereas", "always", "perhaps",
              "besides", "towards", "afterwards", "across", "unless", "plus", "less", "yes", "sees", "saw"}
_BC_AFTER = re.compile(r"\s*(?:BC|B\.C\.|BCE|B\.C\.E\.)(?!\w)")
_PLURAL_AFTER = re.compile(r"\s+(?P<w>[a-z][a-z-]{2,}s|[a-z]*(?:men|people|children|folk))\b")
_PARTNER = re.compile(r"\s*(?:[-–]|to|and|until|till|through)\s*(?P<n>\d[\d,]*)(?![\d%]|[.,]\d|\s*%)")
_PARTNER_BEFORE = re.compile(r"(?P<n>\d[\d,]*)\s*(?:[-–]|to|and|until|till|through)\s*$")


def _is_quantity(text: str, start: int, end: int) -> bool:
    """'more than 2000 students', '2500 tons', 'killed 1500 soldiers', 'from 2000 to 4794 ships': a number
    that happens to look like a year. A year is followed by a noun only after a word of time ('In 1517
    reformers'); a range whose other end is no later year is a range of amounts."""
    after = text[end:]
    if _QUANTITY_AFTER.match(after) or _BC_AFTER.match(after):
        return True
    before = text[max(0, start - 20):start]
    if bool(_QUANTITY_BEFORE.search(before)) and bool(_PLURAL_AFTER.match(after)) and \
            not re.search(r"(?:in|of|to|and|since|from|by)\s*$", before, re.I):
        return True
    number = text[start:end]
    if not re.fullmatch(r"\d{4}", number):
        return False
    value = int(number)
    noun = _PLURAL_AFTER.match(after)
    plural = bool(noun) and noun.group("w") not in NOT_PLURAL
    word = re.search(r"([A-Za-z]+)\W*$", before)
    if plural and word and word.group(1).lower() not in DATE_CONTEXT:
        return True  # 'killed 1500 soldiers'
    partner = _PARTNER.match(after)
    if partner:  # 'from 2000 to 4794 ships', 'from 1500 to 2000 soldiers'
        other = int(partner.group("n").replace(",", ""))
        if other >= 100 and not (YEAR_MIN <= other <= YEAR_MAX and other > value):
            return True
        later = _PLURAL_AFTER.match(after, partner.end())
        if YEAR_MIN <= other <= YEAR_MAX and other > value + 50 and later and later.group("w") not in NOT_PLURAL:
            return True
    partner = _PARTNER_BEFORE.search(before)
    if partner:
        other = int(partner.group("n").replace(",", ""))
        if other >= 100 and not (YEAR_MIN <= other <= YEAR_MAX and other < value):
            return True
        if YEAR_MIN <= other < value - 50 and plural:
            return True
    return False


Match = tuple[int, int, re.Match, Callable]


def match_dates(text: str) -> list[Match]:
    """The regex pass, which needs no context: non-overlapping matches, longest first."""
    if not isinstance(text, str) or not RE_DATE_HINT.search(text):
        return []
    candidates = []
    hinted: dict[re.Pattern, bool] = {}
    for rank, (pattern, handler) in enumerate(RULES):
        hint = RULE_HINTS[rank]
        if hint is not None:
            if hint not in hinted:
                hinted[hint] = bool(hint.search(text))
            if not hinted[hint]:
                continue
        for m in pattern.finditer(text):
            if m.end() > m.start():
                candidates.append((m.start(), -(m.end() - m.start()), rank, m, handler))
    candidates.sort(key=lambda c: (c[0], c[1], c[2]))
    taken: list[Match] = []
    for start, neg_len, _rank, m, handler in candidates:
        end = start - neg_len
        if any(start < e and s < end for s, e, _, _ in taken):
            continue
        if handler in (_year, _year_range, _decades):
            if _is_name_year(text, start) or _is_quantity(text, start, end):
                continue
        if handler in CONTEXT_FREE and handler(m, None) is None:
            continue  # not a date after all ("2007 and 2009" is two years): let shorter matches in
        taken.append((start, end, m, handler))
    taken.sort(key=lambda t: t[0])
    return taken


def find_dates(text: str, context_year: int | None = None, writing_year: int | None = None,
               matches: list[Match] | None = None) -> list[DateExpr]:
    """Every calendar expression in `text`, left to right, longest first. Never raises.

    `context_year`: the year narrated just before this text; `writing_year`: the time the
    text was written, for "this year" and "last year" (falls back to `context_year`).
    `matches`: `match_dates(text)`, when the caller already has it."""
    if not isinstance(text, str):
        return []
    taken = match_dates(text) if matches is None else matches
    ctx = _Context(context_year, writing_year)
    out = []
    for start, end, m, handler in taken:
        s, e = start, end
        opener = re.search(rf"\b(?P<open>{_OPEN_WORDS})\s+(?:the\s+)?$", text[max(0, start - 24):start], re.I)
        try:
            result = handler(m, ctx)
            if opener and result is not None and not re.match(r"(?:from|between)\b", m.group(0), re.I):
                target = bool(RE_FUTURE.search(text)) or (
                    ctx.now is not None and result[0].first is not None and result[0].first.year > ctx.now)
                opened = _open(opener.group("open"), result, target)
                if opened is not None:
                    result = opened
                    s = start - (len(text[max(0, start - 24):start]) - opener.start())
        except (ValueError, KeyError, OverflowError):
            continue
        if result is None:
            continue
        interval, grain, mod, relative = result
        if interval.first and interval.last and interval.first > interval.last:
            continue
        out.append(DateExpr(s, e, text[s:e], _iso(interval.first), _iso(interval.last), grain, mod, relative))
        if interval.first and interval.last and interval.first.year == interval.last.year:
            if not relative and grain not in ("years", "decade", "century"):
                ctx.year = interval.first.year  # later relative phrases read against the latest explicit year
            if grain in ("part", "month", "quarter", "half", "day") and handler is not _same_period:
                ctx.last_span = (interval.first.month, interval.first.day, interval.last.month, interval.last.day)
    return _join_ranges(text, out)


RE_RANGE_JOIN = re.compile(r"\s*(?:[-–]|to|till|until|through|and)\s*", re.I)
RE_OPEN_END_WORD = re.compile(r"(?:till|until|through|up to)\s", re.I)


def _join_ranges(text: str, found: list[DateExpr]) -> list[DateExpr]:
    """'from 2014 till 2018', 'between May 2015 and 2018', 'Nov 18 - Dec 19, 2015': one interval."""
    out: list[DateExpr] = []
    for d in found:
        prev = out[-1] if out else None
        if prev is None or not prev.start_date or not d.end_date:
            out.append(d)
            continue
        gap = text[prev.end:d.start]
        opener = re.search(r"\b(from|between)\s+$", text[:prev.start], re.I)
        joined = (RE_RANGE_JOIN.fullmatch(gap) and (gap.strip().lower() != "and" or (opener and opener.group(1).lower() == "between"))
                  and d.start_date is not None) or (not gap.strip() and d.start_date is None and RE_OPEN_END_WORD.match(d.text))
        if not joined or prev.start_date > d.end_date:
            out.append(d)
            continue
        start = opener.start() if opener else prev.start
        grains = {prev.grain, d.grain}
        grain = "years" if grains <= {"year", "years"} else "day" if grains == {"day"} else "part"
        out[-1] = DateExpr(start, d.end, text[start:d.end], prev.start_date, d.end_date, grain, None,
                           prev.relative or d.relative)
    return out


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def explicit_years(text: str, matches: list[Match] | None = None) -> list[int]:
    """The years a text states outright, in order: the context for relative expressions after it."""
    return [int(d.start_date[:4]) for d in find_dates(text, matches=matches)
            if not d.relative and d.start_date and d.end_date
            and d.grain not in ("years", "decade", "century") and d.start_date[:4] == d.end_date[:4]]
