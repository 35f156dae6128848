"""Every path the pipeline uses, defined once."""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(os.environ.get("MONOGRAPH_ROOT", Path(__file__).resolve().parent.parent))
RAW_DIR = PROJECT_ROOT / "raw"
INTERIM_DIR = PROJECT_ROOT / "interim"
OUTPUT_DIR = PROJECT_ROOT / "output"
SHARED_DIR = PROJECT_ROOT.parent / "shared"

# the years a four-digit number may be read as, in body text and in citations alike
YEAR_MIN, YEAR_MAX = 1000, 2199
