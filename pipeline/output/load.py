"""The output tables, ready for a notebook: typed pandas DataFrames, or DuckDB views for SQL.

    import pipeline
    tables = pipeline.load("output")          # {"claims": DataFrame, ...}
    con = pipeline.connect("output")          # DuckDB, one view per table
    con.sql("select label, count(*) from entities group by label").df()
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .schemas import SCHEMAS

# columns with a handful of values: categoricals, so value_counts and plots read well
CATEGORICAL = {
    ("footnotes", "kind"), ("claim_footnotes", "method"), ("entities", "label"), ("entity_catalog", "label"),
    ("dates", "grain"), ("dates", "mod"), ("money", "currency"), ("money", "qualifier"),
    ("edition_diff", "level"), ("edition_diff", "status"), ("documents", "encoding"),
}


def _frame(name: str, table: pa.Table) -> pd.DataFrame:
    df = table.to_pandas()
    for field in SCHEMAS[name]:
        col = field.name
        if col not in df.columns:
            continue
        if pa.types.is_integer(field.type):
            df[col] = df[col].astype("Int32")  # nullable: printed_page, year
        elif pa.types.is_date32(field.type):
            df[col] = pd.to_datetime(df[col])
        elif pa.types.is_boolean(field.type):
            df[col] = df[col].astype("boolean")
        elif pa.types.is_list(field.type):
            df[col] = df[col].map(lambda v: [] if v is None else list(v))
        elif (name, col) in CATEGORICAL:
            df[col] = df[col].astype("category")
    return df


def load(output_dir: str | Path = "output", tables: list[str] | None = None) -> dict[str, pd.DataFrame]:
    """Every table of a run (or the ones named) as typed DataFrames, keyed by table name."""
    output_dir = Path(output_dir)
    missing = [n for n in (tables or SCHEMAS) if not (output_dir / f"{n}.parquet").exists()]
    if missing:
        raise FileNotFoundError(f"{output_dir}: no {', '.join(m + '.parquet' for m in missing)}; "
                                f"run `make extract` first")
    return {name: _frame(name, pq.read_table(output_dir / f"{name}.parquet")) for name in (tables or SCHEMAS)}


def connect(output_dir: str | Path = "output", database: str = ":memory:"):
    """A DuckDB connection with one view per table (`select * from claims`)."""
    import duckdb
    output_dir = Path(output_dir).resolve()
    con = duckdb.connect(database)
    for name in SCHEMAS:
        path = output_dir / f"{name}.parquet"
        if path.exists():
            con.execute(f"create or replace view {name} as select * from read_parquet('{path.as_posix()}')")
    return con
