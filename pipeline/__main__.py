"""Command line: `python -m pipeline extract [PATH ...]`."""
from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import sys
import warnings
from pathlib import Path


class _Interrupt:
    """Ctrl-C, noted as well as raised: a library that swallows the KeyboardInterrupt while it
    loads or works does not make the run carry on to write output/. A process forked from this
    one (spaCy's workers) inherits the handler and the terminal's signal: it leaves at once and
    quietly, and the run's one word is the interrupt (not spaCy's warning that its workers left)."""
    seen = False
    main_pid = os.getpid()

    @classmethod
    def handle(cls, signum, frame):
        if os.getpid() != cls.main_pid:
            os._exit(130)
        cls.seen = True
        warnings.simplefilter("ignore")
        raise KeyboardInterrupt


if __name__ == "__main__":  # before the heavy imports below, which take seconds
    signal.signal(signal.SIGINT, _Interrupt.handle)

from . import config  # noqa: E402
from .corpus import CorpusError  # noqa: E402
from .runner import cached_stage, discover, run  # noqa: E402


def peak_mb() -> float:
    """This process's peak resident memory. /proc's VmHWM counts from exec; ru_maxrss would
    carry the peak of the parent that forked us (the benchmark)."""
    try:
        for line in open("/proc/self/status", encoding="ascii"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline",
                                     description="Turn monographs (text dumps of their PDFs) into Parquet tables.")
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser(
        "extract", help="extract every document in raw/ (or the paths given) into output/",
        description="Extract every document in raw/ (or the paths given) into Parquet tables in output/.",
        epilog="examples:\n"
               "  python -m pipeline extract                      every file in raw/\n"
               "  python -m pipeline extract raw/book-2e.txt       this file only, the rest of output/ kept\n"
               "  python -m pipeline extract --only mentions       recompute entities, dates and money only\n"
               "  python -m pipeline extract --pair book:book-rev  diff two editions with different names\n"
               "  python -m pipeline extract --workers 2          two documents at a time (a Dask LocalCluster)\n"
               "  python -m pipeline extract --scheduler tcp://host:8786   on an existing Dask cluster\n\n"
               "Unchanged documents and stages come from interim/ and are not recomputed. Editions of\n"
               "one work are found by their shared text, ordered by their names or dates, and compared;\n"
               "the run prints the pairs, and edition_diff.parquet lists what changed.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    ex.add_argument("paths", nargs="*", type=Path,
                    help="documents to extract (default: every file in raw/); the other documents already "
                         "in output/ are kept")
    ex.add_argument("--output", type=Path, default=config.OUTPUT_DIR, help="folder for the Parquet tables")
    ex.add_argument("--interim", type=Path, default=config.INTERIM_DIR, help="folder for the stage cache")
    ex.add_argument("--force", action="store_true", help="recompute every stage, ignoring the cache")
    ex.add_argument("--only", metavar="STAGE",
                    help="recompute this stage only, the others from the cache: structure (pages, footnotes, "
                         "chapters, claims), ner, or mentions (entities, dates, money)")
    ex.add_argument("--pair", action="append", default=[], metavar="OLD:NEW",
                    help="diff these two documents (doc ids) as older and newer edition, whatever the run "
                         "found; may repeat")
    ex.add_argument("--workers", type=int, metavar="N",
                    help="extract documents in parallel on N worker processes, a Dask LocalCluster "
                         "(default: one per core; used when two or more documents need extracting, and "
                         "1 extracts them one after another in this process)")
    ex.add_argument("--scheduler", metavar="ADDRESS",
                    help="extract documents on the existing Dask cluster whose scheduler is at ADDRESS "
                         "(tcp://host:8786); its workers need this project and its model installed and the "
                         "documents and --interim folder at the same paths")
    ex.add_argument("--stats", type=Path, help="write stage seconds and peak memory of this run as JSON")
    args = parser.parse_args(argv)
    paths = args.paths or discover(config.RAW_DIR)
    if not paths:
        print(f"error: no documents in {config.RAW_DIR}", file=sys.stderr)
        return 2
    try:
        if args.only:
            cached_stage(args.only)
        pairs = [tuple(p.split(":", 1)) for p in args.pair]
        if any(len(p) != 2 or not all(p) for p in pairs):
            raise ValueError("--pair takes OLD:NEW, two doc ids")
        if args.workers is not None and args.workers < 1:
            raise ValueError("--workers takes a number of processes, 1 or more")
    except ValueError as err:
        parser.error(str(err))
    try:
        result = run(paths, output_dir=args.output, interim_dir=args.interim, force=args.force, only=args.only,
                     pairs=pairs, keep_others=bool(args.paths), workers=args.workers, scheduler=args.scheduler,
                     cancelled=lambda: _Interrupt.seen)
        if _Interrupt.seen:
            raise KeyboardInterrupt
    except KeyboardInterrupt:
        print(f"\ninterrupted; {args.output} unchanged", file=sys.stderr)
        return 130
    except CorpusError as err:
        print(f"error: {err}; {args.output} unchanged", file=sys.stderr)
        return 2
    if args.stats:
        args.stats.write_text(json.dumps({
            "seconds": dict(result.seconds), "nlp_words": result.nlp_words, "computed": list(result.computed),
            "peak_mb": peak_mb(),
            "workers_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        }, indent=1))
    return 1 if result.failures else 0


if __name__ == "__main__":
    sys.exit(main())
