"""Money normaliser: real phrases from the bundled book, and properties that hold for any text."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.mentions.money import find_money, parse_number

M = 1e6
B = 1e9

CASES = [
    ("skimmed and whole milk powder worth $347.6 thousand, whey", "$347.6 thousand", 347600, "USD", "exact"),
    ("whey worth $18.8 thousand), potash", "$18.8 thousand", 18800, "USD", "exact"),
    ("exports reached $ 1.3 billion in", "$ 1.3 billion", 1.3 * B, "USD", "exact"),
    ("the volume of bilateral trade amounted to USD 782.9 million (a growth", "USD 782.9 million", 782.9 * M, "USD", "exact"),
    ("Exports amounted to USD 585.1 million (108.3%)", "USD 585.1 million", 585.1 * M, "USD", "exact"),
    ("Belarus last year amounted to almost fifty billion dollars.", "almost fifty billion dollars", 50 * B, "USD", "approx"),
    ("a trade turnover of around $500 million in a short period", "around $500 million", 500 * M, "USD", "approx"),
    ("a total of over one and a half billion Chinese yuan.", "over one and a half billion Chinese yuan", 1.5 * B, "CNY", "over"),
    ("a number of commercial contracts worth over 40 million US dollars", "over 40 million US dollars", 40 * M, "USD", "over"),
    ("amounted to almost $700 million. This is", "almost $700 million", 700 * M, "USD", "approx"),
    ("the bilateral trade turnover amounted to $33.3 million,", "$33.3 million", 33.3 * M, "USD", "exact"),
    ("Orsha Flax Mill and BPHO to supply $1.4 million worth of fabrics", "$1.4 million", 1.4 * M, "USD", "exact"),
    ("reached a record volume of $5.8 billion in terms of goods turnover", "$5.8 billion", 5.8 * B, "USD", "exact"),
    ("approaching the landmark mark of $1 billion", "$1 billion", 1 * B, "USD", "exact"),
    ("Mongolia at the end of 2023 amounted to about $30 million", "about $30 million", 30 * M, "USD", "approx"),
    ("exchange transactions of Mongolian traders reached $2.5 million", "$2.5 million", 2.5 * M, "USD", "exact"),
    ("$15 million for each side over 5 years", "$15 million", 15 * M, "USD", "exact"),
    ("worth more than $100 million were signed", "more than $100 million", 100 * M, "USD", "over"),
    ("financing of Br 10 million was allocated", "Br 10 million", 10 * M, "BYN", "exact"),
    ("loans of 15 billion Russian rubles", "15 billion Russian rubles", 15 * B, "RUB", "exact"),
    ("grants up to 5 million euros", "up to 5 million euros", 5 * M, "EUR", "under"),
    ("exports exceeded $1 billion", "exceeded $1 billion", 1 * B, "USD", "over"),
    ("three and a half billion dollars", "three and a half billion dollars", 3.5 * B, "USD", "exact"),
    ("supplies worth less than $2 million", "less than $2 million", 2 * M, "USD", "under"),
    ("aid of 900 million Chinese yuan", "900 million Chinese yuan", 900 * M, "CNY", "exact"),
    # forms from other projects' public suites (Recognizers-Text, Duckling): any book may use them
    ("his net worth was £ 8.10 million", "£ 8.10 million", 8.1 * M, "GBP", "exact"),
    ("assets of hk $ 10.05 billion", "hk $ 10.05 billion", 10.05 * B, "HKD", "exact"),
    ("priced at five million yen", "five million yen", 5 * M, "JPY", "exact"),
    ("a grant of 125 million australian dollars", "125 million australian dollars", 125 * M, "AUD", "exact"),
    ("it costs 3 dollars 50 cents", "3 dollars 50 cents", 3.5, "USD", "exact"),
    ("thirteen dollars and forty-five cents", "thirteen dollars and forty-five cents", 13.45, "USD", "exact"),
    ("a fee of 5 lakh rupees", "5 lakh rupees", 5e5, "INR", "exact"),
    ("the ticket is 20€", "20€", 20.0, "EUR", "exact"),
    ("it was sold for $10K", "$10K", 1e4, "USD", "exact"),
    ("a quarter million us dollars", "a quarter million us dollars", 2.5e5, "USD", "exact"),
    ("42 EGP per unit", "42 EGP", 42.0, "EGP", "exact"),
    ("lower than 7€", "lower than 7€", 7.0, "EUR", "under"),
]


@pytest.mark.parametrize("text, surface, value, currency, qualifier", CASES)
def test_amounts(text, surface, value, currency, qualifier):
    found = find_money(text)
    assert len(found) == 1, found
    m = found[0]
    assert (m.text, m.currency, m.qualifier) == (surface, currency, qualifier)
    assert m.value == pytest.approx(value) and m.min == m.max == m.value


def test_range_has_no_single_value():
    [m] = find_money("in the best years, the parties reached 250-300 million dollars.")
    assert (m.value, m.min, m.max, m.qualifier, m.currency) == (None, 250 * M, 300 * M, "range", "USD")


@pytest.mark.parametrize("text,low,high", [
    ("between 10 and 20 dollars", 10.0, 20.0),
    ("prices from 10 dollars to 20 dollars", 10.0, 20.0),
    ("about $10-$20", 10.0, 20.0),
    ("between 1.1 and 1.3 dollars", 1.1, 1.3),
])
def test_ranges_written_out(text, low, high):
    [m] = find_money(text)
    assert (m.value, m.min, m.max, m.qualifier) == (None, low, high, "range")


def test_from_to_is_two_amounts():
    found = find_money("contracts from $80 thousand to almost $2 million")
    assert [(m.value, m.qualifier) for m in found] == [(80000, "exact"), (2 * M, "approx")]


@pytest.mark.parametrize("text", [
    "it has added another 25% compared to the same period",
    "they increased their exports to Iran by more than 1.6 times",
    "raw material processing of about 660 thousand tons per year",
    "representatives of 63 enterprises and 11 companies",
    "in 2022, trade turnover increased threefold",
    "Brazil 10 million",
    "the TOP 10 companies of the year",
    "the network currently covers 79 countries",
    "figures in 2023 USD terms",
])
def test_not_money(text):
    assert find_money(text) == []


@pytest.mark.parametrize("text, value", [("347.6", 347.6), ("1,200", 1200), ("3,5", 3.5), ("fifty", 50),
                                         ("three and a half", 3.5), ("one and a half", 1.5), ("", None),
                                         ("many", None)])
def test_parse_number(text, value):
    assert parse_number(text) == value


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises_and_bounds_hold(text):
    for m in find_money(text):
        assert m.min <= m.max
        if m.value is not None:
            assert m.min <= m.value <= m.max
        assert text[m.start:m.end] == m.text


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=999), st.sampled_from(["thousand", "million", "billion"]))
def test_scales(n, scale):
    [m] = find_money(f"worth ${n} {scale} in")
    assert m.value == n * {"thousand": 1e3, "million": 1e6, "billion": 1e9}[scale]
