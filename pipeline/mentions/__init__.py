"""Mentions: entities (spaCy's spans corrected by rules), dates and money amounts of every claim.

`mention_rows` is the stage: a document's structure and its NER spans in, table rows out. The
spaCy pass itself (ner.py) is cached apart: it is the slow part.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from ..records import Structure
from . import claim_mentions, entities
from .ner import NerSpan


def _untimed(step: str, compute: Callable[[], object]) -> object:
    return compute()


def mention_rows(structure: Structure, spans: Sequence[Sequence[NerSpan]], timed=_untimed) -> dict[str, list[dict]]:
    """Money, dates and entities of the claims, as table rows."""
    entity_list = timed("entities", lambda: entities.entity_mentions(structure.claims, spans))
    money_list = timed("money", lambda: claim_mentions.money_mentions(structure.claims))
    date_list = timed("dates", lambda: claim_mentions.date_mentions(structure.claims, structure.links,
                                                                     structure.footnotes))
    return {
        "money": [dataclasses.asdict(m) for m in money_list],
        "dates": [dataclasses.asdict(m) for m in date_list],
        "entities": [dataclasses.asdict(m) for m in entity_list],
        "entity_catalog": entities.catalog_rows(entity_list),
    }
