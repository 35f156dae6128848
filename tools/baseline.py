"""spaCy's raw NER spans as the entities, dates and money of a run: the baseline the rules beat.

    python -m tools.baseline output/ baseline-output/
    python ../shared/eval/score.py baseline-output/

Copies every table of the run, then replaces entities, dates and money with spaCy's
PERSON / ORG / GPE / LOC, DATE and MONEY spans as they come. The scorer needs values for
dates and money, so each raw span's text is read by this project's normalisers (the first
amount or date inside it, no context year): what the baseline lacks is the spans, not the
arithmetic.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from pipeline.mentions.dates import find_dates
from pipeline.ids import stable_id
from pipeline.mentions.money import find_money
from pipeline.mentions.ner import count_words, ner_spans
from pipeline.output.tables import to_table


def baseline_rows(claims: pd.DataFrame, spans_per_claim) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = {"entities": [], "dates": [], "money": []}
    for claim, spans in zip(claims.itertuples(), spans_per_claim):
        for s in spans:
            base = {"doc_id": claim.doc_id, "claim_id": claim.claim_id, "page": claim.page,
                    "start_char": s.start, "end_char": s.end, "text": s.text,
                    "mention_id": stable_id(claim.claim_id, s.label, str(s.start))}
            if s.label in ("PERSON", "ORG", "GPE", "LOC"):
                rows["entities"].append({**base, "label": s.label, "canonical": s.text, "iso3": None,
                                         "entity_id": stable_id(claim.doc_id, s.label, s.text)})
            elif s.label == "DATE":
                found = find_dates(s.text)
                d = found[0] if found else None
                rows["dates"].append({**base, "start": d.start_date if d else None, "end": d.end_date if d else None,
                                      "grain": d.grain if d else "unknown", "mod": None, "relative": False})
            elif s.label == "MONEY":
                found = find_money(s.text)
                m = found[0] if found else None
                rows["money"].append({**base, "value": m.value if m else None, "min": m.min if m else None,
                                      "max": m.max if m else None, "currency": m.currency if m else "",
                                      "qualifier": m.qualifier if m else "exact"})
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.baseline", description=__doc__.split("\n")[0])
    parser.add_argument("run", type=Path, help="an output/ folder of this pipeline")
    parser.add_argument("out", type=Path, help="where to write the baseline tables")
    a = parser.parse_args(argv)
    claims = pd.read_parquet(a.run / "claims.parquet")
    texts = list(claims.text)
    started = time.perf_counter()
    spans = ner_spans(texts)
    seconds = time.perf_counter() - started
    if a.out.exists():
        shutil.rmtree(a.out)
    shutil.copytree(a.run, a.out)
    for name, rows in baseline_rows(claims, spans).items():
        pq.write_table(to_table(name, rows), a.out / f"{name}.parquet")
    words = count_words(texts)
    print(f"spaCy NER on {len(texts)} claims, {words} words: {seconds:.1f} s, {words / seconds:.0f} words/s",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
