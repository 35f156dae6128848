"""Stage 5: mentions in the clean claim text (never footnotes or page junk): money so far.

Dates and entities are not extracted yet: their tables are written with no rows.
"""
from __future__ import annotations

from collections.abc import Sequence

from .ids import stable_id
from .money import find_money
from .records import Claim, MoneyMention


def money_mentions(claims: Sequence[Claim]) -> list[MoneyMention]:
    out = []
    for claim in claims:
        for m in find_money(claim.text):
            out.append(MoneyMention(
                doc_id=claim.doc_id, mention_id=stable_id(claim.claim_id, "money", str(m.start), m.text),
                claim_id=claim.claim_id, page=claim.page_at(m.start), start_char=m.start, end_char=m.end, text=m.text,
                value=m.value, min=m.min, max=m.max, currency=m.currency, qualifier=m.qualifier))
    return out
