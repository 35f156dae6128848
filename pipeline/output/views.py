"""Derived views over the output tables, shared by report.html, its reader view and the notebook:
the countries of a mention or a claim, the one year a claim names, money amounts with their year
and country. Each works on any output: a document with no dates, no money or no countries gives
empty frames, never an error."""
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

import pandas as pd
import pyarrow as pa

# a country named this many times more often than the next one is the book's own subject (Belarus
# in the bundled book): the "by country" views leave it out, since most claims name it
HOME_COUNTRY_RATIO = 1.5


def frames(tables: Mapping[str, pa.Table | pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The tables as DataFrames (pyarrow tables converted; DataFrames from `pipeline.load` kept),
    dates as datetime64, list columns as lists."""
    out = {}
    for name, table in tables.items():
        df = table.to_pandas() if isinstance(table, pa.Table) else table.copy()
        if name == "dates":
            for col in ("start", "end"):
                if col in df.columns:
                    df[col] = pd.to_datetime(df[col], errors="coerce")
        out[name] = df
    return out


def of_doc(t: Mapping[str, pd.DataFrame], name: str, doc_id: str) -> pd.DataFrame:
    """One document's rows of a table (an empty frame for a table the output lacks)."""
    df = t.get(name)
    if df is None or "doc_id" not in df.columns:
        return pd.DataFrame()
    return df[df["doc_id"] == doc_id]


def _codes(value) -> list[str]:
    if value is None or isinstance(value, float):
        return []
    if isinstance(value, str):
        return [value] if value else []
    return [c for c in value if isinstance(c, str) and c]


def country_column(entities: pd.DataFrame) -> str:
    """`country_iso3` (every country a mention belongs to: a country, a city, a region, a firm)
    where the output has it, else `iso3` (countries named as such)."""
    return "country_iso3" if "country_iso3" in entities.columns else "iso3"


def mention_countries(entities: pd.DataFrame) -> pd.Series:
    """The ISO 3166 alpha-3 codes of each entity mention, as a list (empty for none)."""
    if entities.empty:
        return pd.Series([], dtype=object, index=entities.index)
    return entities[country_column(entities)].map(_codes)


def claim_countries(t: Mapping[str, pd.DataFrame], doc_id: str) -> pd.Series:
    """claim_id -> sorted tuple of the countries its mentions belong to (claims with none left out)."""
    ents = of_doc(t, "entities", doc_id)
    if ents.empty:
        return pd.Series([], dtype=object)
    codes = pd.DataFrame({"claim_id": ents["claim_id"], "iso3": mention_countries(ents)}).explode("iso3").dropna()
    return codes.groupby("claim_id")["iso3"].agg(lambda s: tuple(sorted(set(s))))


def home_country(t: Mapping[str, pd.DataFrame], doc_id: str) -> str | None:
    """The country the document is about, if one stands out: named in at least HOME_COUNTRY_RATIO
    times as many claims as the next."""
    counts = Counter(c for codes in claim_countries(t, doc_id) for c in codes).most_common(2)
    if not counts:
        return None
    if len(counts) == 1 or counts[0][1] >= HOME_COUNTRY_RATIO * counts[1][1]:
        return counts[0][0]
    return None


def country_names(t: Mapping[str, pd.DataFrame], doc_id: str | None = None) -> dict[str, str]:
    """ISO alpha-3 -> the name the text gives the country most often (pycountry's where the text
    never names it, e.g. a code known only from a city)."""
    ents = t.get("entities", pd.DataFrame())
    if doc_id is not None and not ents.empty:
        ents = ents[ents["doc_id"] == doc_id]
    names: dict[str, str] = {}
    if not ents.empty and "iso3" in ents.columns:
        named = ents.dropna(subset=["iso3"])
        if not named.empty:
            names = named.groupby("iso3")["canonical"].agg(lambda s: s.value_counts().index[0]).to_dict()
    return _NamesWithFallback(names)


class _NamesWithFallback(dict):
    def __missing__(self, code: str) -> str:
        try:
            import pycountry
            country = pycountry.countries.get(alpha_3=code)
        except (ImportError, LookupError, KeyError):
            country = None
        return getattr(country, "common_name", None) or getattr(country, "name", None) or code


def claim_years(t: Mapping[str, pd.DataFrame], doc_id: str) -> pd.Series:
    """claim_id -> the one calendar year the claim's dates fall in (claims whose dates span
    several years, name several, or none, are left out). Integers, never floats."""
    dates = of_doc(t, "dates", doc_id)
    if dates.empty:
        return pd.Series([], dtype="int64")
    start, end = pd.to_datetime(dates["start"], errors="coerce"), pd.to_datetime(dates["end"], errors="coerce")
    one_year = start.notna() & end.notna()
    one_year &= start.dt.year.where(one_year, -1) == end.dt.year.where(one_year, -2)
    if not one_year.any():
        return pd.Series([], dtype="int64")
    years = pd.DataFrame({"claim_id": dates.loc[one_year, "claim_id"],
                          "year": start[one_year].dt.year.astype("int64")}).drop_duplicates()
    single = years.groupby("claim_id")["year"].transform("size") == 1
    return years[single].set_index("claim_id")["year"]


def money_amounts(t: Mapping[str, pd.DataFrame], doc_id: str) -> pd.DataFrame:
    """The document's money mentions with `amount` (the value, else a range's midpoint, else its
    one bound), `year` (the one year its claim names, nullable), `countries` (of its claim) and
    `country` (the one country its claim names besides the home country, else null)."""
    money = of_doc(t, "money", doc_id).copy()
    columns = ["mention_id", "claim_id", "page", "text", "currency", "qualifier", "amount", "year", "countries", "country"]
    if money.empty:
        return pd.DataFrame(columns=columns)
    money["currency"] = money["currency"].astype("string").fillna("?")
    bounds = money[["min", "max"]].astype("float64")
    money["amount"] = money["value"].astype("float64").fillna(bounds.mean(axis=1))
    money["year"] = money["claim_id"].map(claim_years(t, doc_id)).astype("Int64")
    countries = claim_countries(t, doc_id)
    home = home_country(t, doc_id)
    money["countries"] = money["claim_id"].map(lambda c: countries.get(c, ()))
    others = money["countries"].map(lambda cs: [c for c in cs if c != home])
    money["country"] = others.map(lambda cs: cs[0] if len(cs) == 1 else None)
    return money[columns].reset_index(drop=True)


def money_by_country_year(t: Mapping[str, pd.DataFrame], doc_id: str, currency: str = "USD") -> pd.DataFrame:
    """Amounts in one currency per year and country, where a claim names one country (besides the
    home country) and one year: `year` (int), `iso3`, `country` (name), `amount` (sum), `n`
    (amounts). A rough view: a claim's amount may be trade, investment or a GDP."""
    money = money_amounts(t, doc_id)
    money = money[(money["currency"] == currency) & money["year"].notna() & money["country"].notna()]
    if money.empty:
        return pd.DataFrame({"year": pd.Series([], dtype="int64"), "iso3": pd.Series([], dtype=object),
                             "country": pd.Series([], dtype=object), "amount": pd.Series([], dtype="float64"),
                             "n": pd.Series([], dtype="int64")})
    names = country_names(t, doc_id)
    by = (money.assign(year=money["year"].astype("int64"))
          .groupby(["year", "country"]).agg(amount=("amount", "sum"), n=("amount", "size")).reset_index()
          .rename(columns={"country": "iso3"}))
    by["country"] = by["iso3"].map(lambda c: names[c])
    return by[["year", "iso3", "country", "amount", "n"]]


def largest_document(t: Mapping[str, pd.DataFrame]) -> str:
    """The doc_id with the most claims (pages as a tie-break): the notebook's default."""
    docs = t["documents"]
    if docs.empty:
        raise ValueError("the output holds no document: run `make extract` first")
    return docs.sort_values(["n_claims", "n_pages", "doc_id"], ascending=[False, False, True])["doc_id"].iloc[0]
