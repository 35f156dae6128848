"""Dates: real sentences of the bundled book, each with the interval a reader would give it."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.mentions.dates import explicit_years, find_dates

# (claim text, context year, writing year, [(surface, start, end, grain, mod, relative)])
CASES = [
    ("In October 2023, the parties met.", None, None,
     [("October 2023", "2023-10-01", "2023-10-31", "month", None, False)]),
    ("Trade has grown steadily since 2022.", None, None,
     [("since 2022", "2022-01-01", None, "year", None, False)]),
    ("And in June of this year, at the international trade and economic exhibition in Harbin", 2022, 2023,
     [("June of this year", "2023-06-01", "2023-06-30", "month", None, True)]),
    ("at the end of 2018, 85 enterprises", None, None,
     [("the end of 2018", "2018-01-01", "2018-12-31", "part", "end", False)]),
    ("In the same 2018, the turnover grew", None, None,
     [("the same 2018", "2018-01-01", "2018-12-31", "year", None, False)]),
    ("Over the four months of 2025, the total amount", None, None,
     [("the four months of 2025", "2025-01-01", "2025-04-30", "part", None, False)]),
    ("in the first eight months of 2023 exports rose", None, None,
     [("the first eight months of 2023", "2023-01-01", "2023-08-31", "part", None, False)]),
    ("As of the end of February 2025, 188 residents", None, None,
     [("the end of February 2025", "2025-02-01", "2025-02-28", "part", "end", False)]),
    ("region, the implementation of which will begin in the second half of 2025.", None, None,
     [("the second half of 2025", "2025-07-01", "2025-12-31", "half", None, False)]),
    ("Gomel mowers were supplied to the Mongolian market until 2015.", None, None,
     [("until 2015", None, "2015-12-31", "year", None, False)]),
    ("The plant will double its output by 2030.", None, None,
     [("by 2030", None, "2030-12-31", "year", None, False)]),
    ("By mid-2019, their number had increased to 84, of which 63 were operational.", None, None,
     [("mid-2019", "2019-01-01", "2019-12-31", "year", "mid", False)]),
    ("In particular, for January - April 2025, the growth rate", None, None,
     [("January - April 2025", "2025-01-01", "2025-04-30", "part", None, False)]),
    ("the export of services for January-April 2024 amounted to $5 million", None, None,
     [("January-April 2024", "2024-01-01", "2024-04-30", "part", None, False)]),
    ("compared to January-October last year, the volume", 2023, 2023,
     [("January-October last year", "2022-01-01", "2022-10-31", "part", None, True)]),
    ("In total, by the beginning of April 2025, about 150 residents", None, None,
     [("the beginning of April 2025", "2025-04-01", "2025-04-30", "part", "start", False)]),
    ("In the first quarter [of 2023] - $2.4 million", None, None,
     [("the first quarter [of 2023]", "2023-01-01", "2023-03-31", "quarter", None, False)]),
    ("the fourth quarter of 2024 showed growth", None, None,
     [("the fourth quarter of 2024", "2024-10-01", "2024-12-31", "quarter", None, False)]),
    ("Chinese scientific and technical cooperation for 2023-2024, which aims", None, None,
     [("2023-2024", "2023-01-01", "2024-12-31", "years", None, False)]),
    ("from 2021 to 2025 the programme ran", None, None,
     [("from 2021 to 2025", "2021-01-01", "2025-12-31", "years", None, False)]),
    ("signed in 2016, \u201cin the 2017/2018 academic year,", None, None,
     [("2016", "2016-01-01", "2016-12-31", "year", None, False),
      ("2017/2018", "2017-01-01", "2018-12-31", "years", None, False)]),
    ("In December last year, BUCE and ARTT signed", 2024, 2024,
     [("December last year", "2023-12-01", "2023-12-31", "month", None, True)]),
    ("To this, we can only add that as of mid-May of this year, 112 residents", None, 2025,
     [("mid-May of this year", "2025-05-01", "2025-05-31", "month", "mid", True)]),
    ("Based on the results of last year [2024], the amount of exchange transactions", None, 2025,
     [("last year [2024]", "2024-01-01", "2024-12-31", "year", None, True)]),
    ("the current [2023] year saw record trade", None, None,
     [("the current [2023] year", "2023-01-01", "2023-12-31", "year", None, True)]),
    ("And in May, a Belarusian-Saudi business forum was held", 2023, 2024,
     [("May", "2023-05-01", "2023-05-31", "month", None, True)]),
    ("which took place in late June - early July of this year", None, 2024,
     [("late June - early July of this year", "2024-06-01", "2024-07-31", "part", None, True)]),
    ("is celebrated annually on June 25 and 26", 2023, 2023,
     [("June 25 and 26", "2023-06-25", "2023-06-26", "day", None, True)]),
    ("the Strategic Partnership (May 29, 2015), the Treaty", None, None,
     [("May 29, 2015", "2015-05-29", "2015-05-29", "day", None, False)]),
    ("as of April 1, 2023, 14 companies from the UAE were accredited", None, None,
     [("April 1, 2023", "2023-04-01", "2023-04-01", "day", None, False)]),
    ("a growth rate of 102.2% compared to the same period in 2023.", None, None,
     [("the same period in 2023", None, None, "part", None, True)]),
    ("For January-April 2024 exports doubled compared to the same period of 2023.", None, None,
     [("January-April 2024", "2024-01-01", "2024-04-30", "part", None, False),
      ("the same period of 2023", "2023-01-01", "2023-04-30", "part", None, True)]),
    ("In February 2023, this exhibition hosted", None, None,
     [("February 2023", "2023-02-01", "2023-02-28", "month", None, False)]),
    ("the first two weeks of January brought", 2024, None,
     [("the first two weeks of January", "2024-01-01", "2024-01-14", "part", None, True)]),
    ("In the 1990s and the early 2000s, trade was small.", None, None,
     [("the 1990s", "1990-01-01", "1999-12-31", "decade", None, False),
      ("the early 2000s", "2000-01-01", "2009-12-31", "decade", "start", False)]),
    ("since the beginning of 2025, the exporters", None, None,
     [("since the beginning of 2025", "2025-01-01", None, "part", "start", False)]),
    ("for 9 months of 2024 the turnover", None, None,
     [("9 months of 2024", "2024-01-01", "2024-09-30", "part", None, False)]),
    ("This year, BUCE will further expand", None, None,
     [("This year", None, None, "year", None, True)]),  # nothing in the text says which year
    ("In the same February of this year, the delegation", 2024, 2025,
     [("the same February of this year", "2025-02-01", "2025-02-28", "month", None, True)]),
    ("Q1 2024 results were published", None, None,
     [("Q1 2024", "2024-01-01", "2024-03-31", "quarter", None, False)]),
    # forms from other projects' public suites (Recognizers-Text, Duckling): any book may use them
    ("Show sales in 2007 and 2009", None, None,
     [("2007", "2007-01-01", "2007-12-31", "year", None, False), ("2009", "2009-01-01", "2009-12-31", "year", None, False)]),
    ("from 2014 till 2018", None, None, [("from 2014 till 2018", "2014-01-01", "2018-12-31", "years", None, False)]),
    ("between May 2015 and 2018", None, None,
     [("between May 2015 and 2018", "2015-05-01", "2018-12-31", "part", None, False)]),
    ("from 26th june of 2020 to 28th june of 2020", None, None,
     [("from 26th june of 2020 to 28th june of 2020", "2020-06-26", "2020-06-28", "day", None, False)]),
    ("on 02/22/2016 and 21/04/2016", None, None,
     [("02/22/2016", "2016-02-22", "2016-02-22", "day", None, False), ("21/04/2016", "2016-04-21", "2016-04-21", "day", None, False)]),
    ("dated 13.5.2015", None, None, [("13.5.2015", "2015-05-13", "2015-05-13", "day", None, False)]),
    ("dated 2015-03-03", None, None, [("2015-03-03", "2015-03-03", "2015-03-03", "day", None, False)]),
    ("in 2019 H2", None, None, [("2019 H2", "2019-07-01", "2019-12-31", "half", None, False)]),
    ("the 4th qtr of 2018", None, None, [("the 4th qtr of 2018", "2018-10-01", "2018-12-31", "quarter", None, False)]),
    ("july 4th of 1995", None, None, [("july 4th of 1995", "1995-07-04", "1995-07-04", "day", None, False)]),
    ("in the 1970's", None, None, [("the 1970's", "1970-01-01", "1979-12-31", "decade", None, False)]),
    ("the last four months of 2021", None, None,
     [("the last four months of 2021", "2021-09-01", "2021-12-31", "part", None, False)]),
]

NOT_DATES = [
    "The Vision 2040 strategy was adopted.",
    "The IDEX 2025 exhibition was held in Abu Dhabi.",
    "Cooperation has continued for 30 years.",
    "The company employs more than 2000 students and 2500 tons of cargo.",
    "He turned 100 years old.",
    "Exports grew 1.6 times to 2030 tons.",
    "The price was $2023 per unit.",
]


@pytest.mark.parametrize("text,context,writing,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_real_date_expressions(text, context, writing, expected):
    found = [(d.text, d.start_date, d.end_date, d.grain, d.mod, d.relative) for d in find_dates(text, context, writing)]
    assert found == expected


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text):
    assert find_dates(text) == []


def test_offsets_point_at_the_surface():
    text = "And in June of this year, at the exhibition, and by 2030 the plan"
    for d in find_dates(text, 2023, 2023):
        assert text[d.start:d.end] == d.text


def test_explicit_years_ignore_ranges_and_relative_phrases():
    assert explicit_years("In 2022 and this year, for 2023-2026, in March 2021") == [2022, 2021]


def test_relative_phrases_follow_the_latest_stated_year_in_the_text():
    found = find_dates("In 2019 the plant opened, and in the same year it exported", None)
    assert [(d.text, d.start_date) for d in found] == [("2019", "2019-01-01"), ("the same year", "2019-01-01")]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.one_of(st.none(), st.integers(1700, 2100)), st.one_of(st.none(), st.integers(1700, 2100)))
def test_never_raises_and_intervals_are_ordered(text, context, writing):
    for d in find_dates(text, context, writing):
        assert text[d.start:d.end] == d.text
        if d.start_date and d.end_date:
            assert dt.date.fromisoformat(d.start_date) <= dt.date.fromisoformat(d.end_date)


DATE_WORDS = st.sampled_from(["in", "since", "by", "the end of", "early", "mid-", "January", "May", "2023", "2019-2021",
                              "this year", "last year", "[2024]", "the first", "quarter", "half", "of", "months",
                              "eight", "-", " ", ",", "the same", "period", "15", "31", "February", "29"])


@settings(max_examples=300, deadline=None)
@given(st.lists(DATE_WORDS, max_size=12), st.one_of(st.none(), st.integers(1990, 2030)))
def test_date_like_word_salad_gives_ordered_intervals(words, context):
    text = " ".join(words)
    for d in find_dates(text, context, context):
        if d.start_date and d.end_date:
            assert d.start_date <= d.end_date


# Each kind of failure of issue 15, with cases written for this project (not from the peer suites):
# (text, [(surface, start, end)])
FAILURE_KINDS = {
    "numeric forms": [
        ("the deed is dated 2011/07/09 in the archive", [("2011/07/09", "2011-07-09", "2011-07-09")]),
        ("the letter of 1987.11.23 survives", [("1987.11.23", "1987-11-23", "1987-11-23")]),
        ("filed on 09-28-2004 by the clerk", [("09-28-2004", "2004-09-28", "2004-09-28")]),
        ("posted 12.25.1999 from Minsk", [("12.25.1999", "1999-12-25", "1999-12-25")]),
        ("in Aug/2016 the plant opened", [("Aug/2016", "2016-08-01", "2016-08-31")]),
        ("signed 17/Mar/2003 in Tehran", [("17/Mar/2003", "2003-03-17", "2003-03-17")]),
        ("The programme covers 2016-2020.", [("2016-2020", "2016-01-01", "2020-12-31")]),
    ],
    "ordinal days": [
        ("on the 9th day of April, 1865", [("the 9th day of April, 1865", "1865-04-09", "1865-04-09")]),
        ("on the fourth of July 1776", [("the fourth of July 1776", "1776-07-04", "1776-07-04")]),
        ("by the twenty-second of February 1910", [("the twenty-second of February 1910", "1910-02-22", "1910-02-22")]),
        ("on March the 3rd, 1921", [("March the 3rd, 1921", "1921-03-03", "1921-03-03")]),
        ("the last day of February 2024", [("the last day of February 2024", "2024-02-29", "2024-02-29")]),
        ("in the fifth month of 2019", [("the fifth month of 2019", "2019-05-01", "2019-05-31")]),
    ],
    "ranges across months and years": [
        ("from October to March 2015 the port froze", [("from October to March 2015", "2014-10-01", "2015-03-31")]),
        ("Dec-Feb 2011", [("Dec-Feb 2011", "2010-12-01", "2011-02-28")]),
        ("from Sep to Nov 2018", [("from Sep to Nov 2018", "2018-09-01", "2018-11-30")]),
        ("Apr 4 - Jul 20, 2012", [("Apr 4 - Jul 20, 2012", "2012-04-04", "2012-07-20")]),
        ("Dec 28 - Jan 3, 2021", [("Dec 28 - Jan 3, 2021", "2020-12-28", "2021-01-03")]),
        ("from 3 March to 17 April 2008", [("from 3 March to 17 April 2008", "2008-03-03", "2008-04-17")]),
    ],
    "historians' years": [
        ("from 1453 to 1461 the sultan built", [("from 1453 to 1461", "1453-01-01", "1461-12-31")]),
        ("In 1569 the union was signed", [("1569", "1569-01-01", "1569-12-31")]),
        ("c. 1240 the town was sacked", [("1240", "1240-01-01", "1240-12-31")]),
        ("in the 1630s and the 13th century", [("the 1630s", "1630-01-01", "1639-12-31"),
                                               ("the 13th century", "1201-01-01", "1300-12-31")]),
        ("between 1386 and 1434", [("between 1386 and 1434", "1386-01-01", "1434-12-31")]),
    ],
    "spelled-out years and decades": [
        ("in nineteen forty-five the war ended", [("nineteen forty-five", "1945-01-01", "1945-12-31")]),
        ("in eighteen twelve", [("eighteen twelve", "1812-01-01", "1812-12-31")]),
        ("by two thousand and ten", [("two thousand and ten", "2010-01-01", "2010-12-31")]),
        ("in the early nineteen twenties", [("the early nineteen twenties", "1920-01-01", "1929-12-31")]),
        ("the nineteen-eighties", [("the nineteen-eighties", "1980-01-01", "1989-12-31")]),
        ("growth in the 1970 s slowed", [("the 1970 s", "1970-01-01", "1979-12-31")]),  # tokenised text
    ],
    "days with a full stop": [
        ("signed on 9. Mar. 2004 in Minsk", [("9. Mar. 2004", "2004-03-09", "2004-03-09")]),
    ],
}

COUNTS_NOT_YEARS = [
    "from 1200 to 5300 barrels were shipped",
    "the fleet grew from 1800 to 2150 vessels",
    "the raid killed 1400 villagers",
    "the army of about 1600 horsemen",
    "built in 1200 BC",
    "more than two thousand visitors came",
    "from 1000 to 3000 tons a year",
]


@pytest.mark.parametrize("kind, text, expected", [(k, *c) for k, cases in FAILURE_KINDS.items() for c in cases],
                         ids=[c[0][:40] for cases in FAILURE_KINDS.values() for c in cases])
def test_issue_15_failure_kinds(kind, text, expected):
    assert [(d.text, d.start_date, d.end_date) for d in find_dates(text)] == expected


@pytest.mark.parametrize("text", COUNTS_NOT_YEARS)
def test_counts_are_not_years(text):
    assert find_dates(text) == []


def test_the_year_range_is_the_project_s():
    from pipeline.config import YEAR_MAX, YEAR_MIN
    assert find_dates(f"in {YEAR_MIN}")[0].start_date == f"{YEAR_MIN}-01-01"
    assert find_dates(f"in {YEAR_MAX}")[0].start_date == f"{YEAR_MAX}-01-01"
    assert find_dates(f"in {YEAR_MIN - 1}") == [] and find_dates(f"in {YEAR_MAX + 1}") == []
