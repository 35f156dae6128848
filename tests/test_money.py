"""Money normaliser: real phrases from the bundled book, and properties that hold for any text."""
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.mentions import currencies, money
from pipeline.mentions.currencies import currency_context, currency_table
from pipeline.mentions.money import anchors, find_money, parse_number

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


# Each kind of failure of issue 15, with cases written for this project (not from the peer suites)
FAILURE_KINDS = {
    "number formats": [
        ("the repair bill was 9.875,25 € in the end", 9875.25, "EUR"),
        ("a deposit of 4 120,00 € was paid", 4120.0, "EUR"),
        ("rooms from € 1.490,00 a week", 1490.0, "EUR"),
        ("the library received 30 000 dollars", 30000.0, "USD"),
        ("a stipend of CHF 2'480.75", 2480.75, "CHF"),
        ("they paid 6\u00a0500 euros", 6500.0, "EUR"),
        ("a grant of 2,50,000 rupees", 250000.0, "INR"),
        ("the levy of 1,4 Mio. EUR", 1.4e6, "EUR"),
    ],
    "scale suffixes": [
        ("a £7M refit", 7e6, "GBP"), ("the $12m contract", 12e6, "USD"), ("a €4B bond", 4e9, "EUR"),
        ("debt of $2.1T", 2.1e12, "USD"), ("a $45K salary", 45e3, "USD"), ("£0.8bn of savings", 8e8, "GBP"),
        ("12 MEUR of orders", 12e6, "EUR"), ("worth 250 kUSD", 250e3, "USD"), ("US$9MM in fees", 9e6, "USD"),
    ],
    "currencies": [
        ("a credit line of RMB 8 billion", 8e9, "CNY"), ("a loan of 60 million RMB", 60e6, "CNY"),
        ("the coat cost 3 400 руб. at the fair", 3400.0, "RUB"), ("rent of 900 руб", 900.0, "RUB"),
        ("a fine of 2 million Polish zlotys", 2e6, "PLN"), ("tickets at 45 zł", 45.0, "PLN"),
        ("a subsidy of 7 billion Czech korunas", 7e9, "CZK"), ("a meal for 350 Kč", 350.0, "CZK"),
        ("200 million Czech crowns", 200e6, "CZK"), ("chips for NT$ 40 billion", 40e9, "TWD"),
        ("a bid of NT$3.5 million", 3.5e6, "TWD"), ("9 billion Kazakhstani tenge", 9e9, "KZT"),
        ("salaries of 60,000 Swedish kronor", 60000.0, "SEK"), ("a 300 million Hungarian forint deal", 300e6, "HUF"),
        ("loans of 12 million Taiwan dollars", 12e6, "TWD"), ("a gift of 5 million Hong Kong dollars", 5e6, "HKD"),
        ("fees of 1,200 Egyptian pounds", 1200.0, "EGP"), ("an order of ₸ 4 million", 4e6, "KZT"),
    ],
    "written numbers": [
        ("a prize of seven hundred euros", 700.0, "EUR"), ("twenty thousand million dollars of debt", 2e10, "USD"),
        ("one hundred and sixty-two pounds", 162.0, "GBP"), ("four and a half billion yuan", 4.5e9, "CNY"),
        ("a quarter of a million dollars", 2.5e5, "USD"), ("a thousand euros", 1000.0, "EUR"),
        ("she left a ten-dollar tip", 10.0, "USD"), ("a three-euro coffee", 3.0, "EUR"),
    ],
    "currency words before the amount": [
        ("the hall was let for euro 1.2 million", 1.2e6, "EUR"), ("a loan of dollars 45,000", 45000.0, "USD"),
    ],
    "signs written apart, in either case": [
        ("an outlay of c $ 420 million", 420e6, "CAD"), ("bonds for S $ 3.5 billion", 3.5e9, "SGD"),
        ("a fee of Rs. 450 a month", 450.0, "INR"),
        ("lunch from a $5 stall", 5.0, "USD"),  # 'a' before '$' is the article, not the prefix of A$
        ("the label ' s $ 40 million deal", 40e6, "USD"),  # a tokenised possessive, not S$
    ],
}


@pytest.mark.parametrize("kind, text, value, currency",
                         [(k, *c) for k, cases in FAILURE_KINDS.items() for c in cases],
                         ids=[c[0][:40] for cases in FAILURE_KINDS.values() for c in cases])
def test_issue_15_failure_kinds(kind, text, value, currency):
    [m] = find_money(text)
    assert (m.value, m.currency, m.qualifier) == (pytest.approx(value), currency, "exact")
    assert text[m.start:m.end] == m.text


@pytest.mark.parametrize("text, qualifier, value", [
    ("a budget of $3 million or less", "under", 3e6), ("bids of €500 thousand or more", "over", 5e5),
    ("a fee of 40 dollars or so", "approx", 40.0), ("prices of $20 and above", "over", 20.0),
    ("wages of £9 or lower", "under", 9.0), ("roughly $5 million", "approx", 5e6),
])
def test_qualifiers_after_the_amount(text, qualifier, value):
    [m] = find_money(text)
    assert (m.qualifier, m.value) == (qualifier, value)
    assert m.text.endswith(text.split()[-1])


@pytest.mark.parametrize("text", [
    "in 1998 dollars the output was lower",  # a year's prices
    "the 2019 USD figures",
    "the Czech Republic crowned its king",
    "the team won 3 games",
    "he won 2010 medals",
    "they sold 40 francs",  # francs alone name no one currency
    "5 million new dollars",  # the words before the currency word name no currency
    "a dollar is a dollar",
    "£ sign",
    "the dollar 2.5 percent higher than the euro",  # a change, not an amount
    "the dollar 1 year later",  # only a clear amount after the word
    "the Euro 2012 final",
    "a 10-year dollar bond",  # the hyphen joins the number to 'year'
])
def test_not_money_either(text):
    assert find_money(text) == []


@pytest.mark.parametrize("text, value, currency", [("20 million zlotys", 20e6, "PLN"),
                                                    ("40 million Kazakh tenge", 40e6, "KZT")])
def test_regression_issue_12_currencies_missing_from_the_prefilter(text, value, currency):
    [m] = find_money(text)
    assert (m.value, m.currency) == (value, currency)


def test_br_is_decided_by_the_document():
    belarus = ["Belarusian exports to Ethiopia grew.", "Minsk and Belarus signed it.", "It cost Br 40 million."]
    ethiopia = ["The Ethiopian government in Ethiopia.", "Addis Ababa in Ethiopia.", "It cost Br 40 million."]
    for texts, code in [(belarus, "BYN"), (ethiopia, "ETB")]:
        [m] = find_money(texts[-1], context=currency_context(texts))
        assert m.currency == code
    assert find_money("It cost Br 40 million.")[0].currency == "BYN"  # the book's default


def test_conventions_agree_with_cldr():
    """A sign the data file says CLDR has for a currency is the one CLDR has there."""
    from babel import Locale
    data = json.loads(currencies.CURRENCIES_FILE.read_text(encoding="utf-8"))
    for entry in data["symbols"]:
        if entry.get("cldr"):
            assert Locale.parse(entry["cldr"]).currency_symbols.get(entry["code"]) == entry["symbol"], entry


def test_every_iso_currency_has_a_name_or_a_code():
    """Every current ISO 4217 currency is found by its English name or its code."""
    from babel.numbers import list_currencies
    table = currency_table()
    named = {c.code for cands in table.words.values() for c in cands}
    for code in list_currencies():
        if code not in table.codes and code not in named:
            assert code in json.loads(currencies.CURRENCIES_FILE.read_text())["not_currencies"], code


def test_the_prefilter_is_the_table():
    """Every currency word and sign of the table is found by the search that decides whether to look."""
    table = currency_table()
    for word in list(table.words)[:400]:
        assert anchors(f"paid 5 {word} for it"), word
    for sign in table.symbols:
        assert anchors(f"paid {sign}5 for it"), sign


def test_a_currency_added_to_the_data_file_is_found(tmp_path, monkeypatch):
    """Adding a currency means editing its data file alone: the regexes and the prefilter follow."""
    data = json.loads(currencies.CURRENCIES_FILE.read_text(encoding="utf-8"))
    assert find_money("they paid 5 million quid for it") == []
    data["names"]["quid"] = "GBP"
    data["symbols"].append({"symbol": "Ꝑ", "code": "XPF", "after": True})
    path = tmp_path / "currencies.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(currencies, "CURRENCIES_FILE", path)
    [m] = find_money("they paid 5 million quid for it")
    assert (m.value, m.currency) == (5e6, "GBP")
    [m] = find_money("it cost 300 Ꝑ")
    assert (m.value, m.currency) == (300.0, "XPF")
    assert money.rules().table is currency_table(path)
