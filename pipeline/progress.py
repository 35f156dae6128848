"""Progress bars for the long stages: on a terminal only, quiet in CI and when piped."""
from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def enabled() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI") and not os.environ.get("MONOGRAPH_NO_PROGRESS")


def progress(items: Iterable[T], *, total: int | None = None, desc: str = "", unit: str = "it") -> Iterator[T]:
    if not enabled():
        yield from items
        return
    from tqdm import tqdm  # installed with spaCy
    yield from tqdm(items, total=total, desc=desc, unit=unit, leave=False, dynamic_ncols=True)
