"""monograph extraction: a monograph's text into clean, normalised Parquet tables.

`pipeline.load("output")` and `pipeline.connect("output")` open a run's tables in a notebook.
"""
from .output.load import connect, load

__all__ = ["connect", "load"]
