"""Money and date mentions in the clean claim text (never footnotes or page junk).

Money and dates come from rules (`money.py`, `dates.py`); entities from spaCy plus rules
(`entities.py`). Every mention keeps its claim, its own page and its offsets in the claim text.
"""
from __future__ import annotations

from collections.abc import Sequence

from ..ids import stable_id
from ..records import Claim, ClaimFootnote, DateMention, Footnote, MoneyMention
from .dates import explicit_years, find_dates, match_dates
from .currencies import currency_context
from .money import find_money


def money_mentions(claims: Sequence[Claim]) -> list[MoneyMention]:
    """Every amount of every claim; an ambiguous sign (`Br`: Belarusian ruble or Ethiopian birr) is
    read as the currency of the country the document names most."""
    context = currency_context(c.text for c in claims)
    out = []
    for claim in claims:
        for m in find_money(claim.text, context=context):
            out.append(MoneyMention(
                doc_id=claim.doc_id, mention_id=stable_id(claim.claim_id, "money", str(m.start), m.text),
                claim_id=claim.claim_id, page=claim.page_at(m.start), start_char=m.start, end_char=m.end, text=m.text,
                value=m.value, min=m.min, max=m.max, currency=m.currency, qualifier=m.qualifier))
    return out


def context_years(claims: Sequence[Claim], stated: Sequence[list[int]] | None = None) -> list[int | None]:
    """For each claim, the latest year stated outright before it in its chapter.

    Relative expressions ("this year", "In May") are read against it: the year of the
    surrounding sentences, falling back to the chapter's period so far."""
    stated = stated if stated is not None else [explicit_years(c.text) for c in claims]
    out, year, chapter = [], None, object()
    for claim, years in zip(claims, stated):
        if claim.chapter_id != chapter:
            year, chapter = None, claim.chapter_id
        out.append(year)
        if years:
            year = years[-1]
    return out


def writing_years(claims: Sequence[Claim], links: Sequence[ClaimFootnote],
                  notes: Sequence[Footnote], stated: Sequence[list[int]] | None = None) -> list[int | None]:
    """For each claim, the year it calls "this year": the chapter's latest year, or its source's.

    The chapter's period ends at the latest single year it states, capped by the newest source
    the book cites (a plan "for 2030" is not the time of writing). Without one, a claim takes
    the year of its own footnote, else of the next footnote in its paragraph, else of the last
    footnote before it in the chapter."""
    newest_source = max((n.year for n in notes if n.year is not None), default=None)
    stated = stated if stated is not None else [explicit_years(c.text) for c in claims]
    latest: dict[str, int] = {}
    for claim, years in zip(claims, stated):
        for year in years:
            if newest_source is None or year <= newest_source:
                latest[claim.paragraph_id] = max(year, latest.get(claim.paragraph_id, year))
    by_source = _source_years(claims, links, notes)
    return [max((y for y in (latest.get(c.paragraph_id), source) if y is not None), default=None)
            for c, source in zip(claims, by_source)]


def _source_years(claims: Sequence[Claim], links: Sequence[ClaimFootnote],
                  notes: Sequence[Footnote]) -> list[int | None]:
    year_of_note = {n.footnote_id: n.year for n in notes}
    cited: dict[str, int] = {}
    for link in links:
        year = year_of_note.get(link.footnote_id)
        if year is not None and link.claim_id not in cited:
            cited[link.claim_id] = year
    out: list[int | None] = [None] * len(claims)
    following: int | None = None
    for i in range(len(claims) - 1, -1, -1):  # the next citation within the paragraph
        if i + 1 == len(claims) or claims[i + 1].paragraph_id != claims[i].paragraph_id:
            following = None
        following = cited.get(claims[i].claim_id, following)
        out[i] = following
    previous, chapter = None, object()
    for i, claim in enumerate(claims):
        if claim.chapter_id != chapter:
            previous, chapter = None, claim.chapter_id
        if out[i] is None:
            out[i] = previous
        previous = cited.get(claim.claim_id, previous)
    return out


def date_mentions(claims: Sequence[Claim], links: Sequence[ClaimFootnote] = (),
                  notes: Sequence[Footnote] = ()) -> list[DateMention]:
    matched = [match_dates(c.text) for c in claims]  # the regex pass, once
    stated = [explicit_years(c.text, m) for c, m in zip(claims, matched)]
    out = []
    for claim, found, year, now in zip(claims, matched, context_years(claims, stated),
                                       writing_years(claims, links, notes, stated)):
        for d in find_dates(claim.text, year, now, found):
            out.append(DateMention(
                doc_id=claim.doc_id, mention_id=stable_id(claim.claim_id, "date", str(d.start), d.text),
                claim_id=claim.claim_id, page=claim.page_at(d.start), start_char=d.start, end_char=d.end, text=d.text,
                start=d.start_date, end=d.end_date, grain=d.grain, mod=d.mod, relative=d.relative))
    return out
