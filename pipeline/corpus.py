"""Many documents at once: each document is one task on a Dask distributed cluster, a
`LocalCluster` of this machine's cores or an existing cluster's scheduler.

A task extracts one document through the cached stages (runner.extract_document) in a worker
process and returns its table rows; the caller writes the tables, so the writer stays the one
atomic swap of output/. Workers run one task at a time (one thread each) and one process each:
a worker's memory is one document's peak, and spaCy and the PDF reader start no processes of
their own inside it. The stage cache in interim/ is shared: entries are content-addressed and
written by rename, so two workers computing one entry both write the same bytes and a reader
never sees half of one.

An existing cluster's workers need what this machine has: the same pipeline code and model
(checked before anything is sent), the documents' paths and the interim folder at the same
paths (a shared file system), and nothing from the network.
"""
from __future__ import annotations

import dataclasses
import logging
import os
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .progress import progress
from .records import SourceDocument


class CorpusError(RuntimeError):
    """The cluster cannot run this pipeline (unreachable, other code or model on its workers)."""


@dataclass(frozen=True)
class Outcome:
    """What one document's task gives back: its rows, or the one line saying why not."""
    document: SourceDocument
    rows: dict | None = None
    stages: tuple[str, ...] = ()
    words: int = 0
    summary: tuple[str, ...] = ()
    seconds: tuple[tuple[str, float], ...] = ()
    error: str | None = None
    report_section: tuple[str, tuple[str, ...]] | None = None  # report.document_section(), made in the worker


# Dask settings of the LocalCluster's workers: no statistical profiler sampling the running
# task's stack every 10 ms (nobody reads it, and it takes the GIL from the extraction), and the
# nanny's environment for them (one thread for BLAS and OpenMP: the workers are the
# parallelism) without its MALLOC_TRIM_THRESHOLD_, which made a book's extraction 5 to 20 % more
# CPU here in two tries (freed memory handed back to the system at every turn, then asked for again)
WORKER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ": {"OMP_NUM_THREADS": 1, "MKL_NUM_THREADS": 1, "OPENBLAS_NUM_THREADS": 1},
}


def default_workers() -> int:
    """One worker per core."""
    return os.cpu_count() or 1


def environment() -> dict[str, str]:
    """What a worker must share with the client for its results to be this run's: the code of
    every cached stage and of the writer, the model and Python."""
    import platform

    from . import runner
    from .mentions import ner
    return {"code": "/".join(runner.code_version(e) for e in (runner.STRUCTURE_ENTRY, runner.NER_ENTRY,
                                                               runner.MENTIONS_ENTRY, runner.OUTPUT_ENTRY)),
            "model": ner.model_version(), "python": platform.python_version()}


@contextmanager
def client(workers: int, scheduler: str | None = None):
    """A Dask client: on `scheduler` (an address such as tcp://host:8786) when given, else on a
    LocalCluster of `workers` single-threaded worker processes, closed on exit."""
    import dask.config
    from dask.distributed import Client, LocalCluster
    if scheduler:
        try:
            dask_client = Client(scheduler, timeout="20s")
        except (OSError, TimeoutError) as err:
            raise CorpusError(f"no Dask scheduler at {scheduler} ({type(err).__name__}: {err})") from err
        try:
            _check_workers(dask_client, scheduler)
            yield dask_client
        finally:
            dask_client.close()
        return
    with tempfile.TemporaryDirectory(prefix="monograph-dask-") as scratch, dask.config.set(WORKER_CONFIG):
        with _workers_ignore_ctrl_c():
            # no dashboard; the scheduler's HTTP server (health routes) on a free port, so a run
            # beside another cluster prints no "Port 8787 is already in use"
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                                   scheduler_kwargs={"dashboard_address": ":0"},
                                   silence_logs=logging.CRITICAL, local_directory=scratch)
        try:
            with Client(cluster) as dask_client:
                yield dask_client
        finally:
            cluster.close()


@contextmanager
def _workers_ignore_ctrl_c():
    """Worker processes started meanwhile ignore SIGINT (an ignored signal stays ignored across
    exec): Ctrl-C is this process's to handle, and it closes the cluster, rather than every
    worker printing its own traceback."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous if previous is not None else signal.default_int_handler)


def _check_workers(dask_client, scheduler: str) -> None:
    """Every worker of an existing cluster runs this code and model."""
    here = environment()
    try:
        theirs = dask_client.run(environment)
    except Exception as err:  # a worker without the package cannot even unpickle the call
        raise CorpusError(f"the workers of {scheduler} cannot run the pipeline ({type(err).__name__}: {err}); "
                          f"install this project (same version) and its model on them") from err
    if not theirs:
        raise CorpusError(f"the Dask scheduler at {scheduler} has no workers")
    for worker, env in sorted(theirs.items()):
        differ = [k for k in here if env.get(k) != here[k]]
        if differ:
            raise CorpusError(f"worker {worker} of {scheduler} differs from this machine in "
                              f"{', '.join(differ)}: install the same pipeline and model there")


def extract_task(document: SourceDocument, interim_dir: str, enabled: bool, recompute: str | None) -> Outcome:
    """One document in a worker: its cached stages, one process, the rows to write."""
    from . import runner
    cache = runner.Cache(Path(interim_dir), enabled=enabled, recompute=recompute)
    with runner.single_process():
        outcome = runner.extract_outcome(document, cache)
    return dataclasses.replace(outcome, report_section=_report_section(outcome))


def _report_section(outcome: Outcome) -> tuple[str, tuple[str, ...]] | None:
    """The document's report section, rendered here in parallel with the other documents' rather
    than one after another by the writer; None where it cannot be (the writer then renders it, and
    says why if it fails there too)."""
    if outcome.rows is None:
        return None
    from .output import report, tables
    try:
        return report.document_section(tables.document_tables(outcome.rows))
    except Exception:
        return None


def extract_on_cluster(dask_client, documents: Sequence[SourceDocument], cache,
                       log: Callable[[str], None]) -> Iterator[Outcome]:
    """Each document as one task; outcomes as they finish (a failed task named, the rest go on).
    Larger documents are submitted first, so the last task to start is a short one."""
    interim = str(Path(cache.root).resolve())
    order = sorted(documents, key=_size, reverse=True)
    futures = {dask_client.submit(extract_task, d, interim, cache.enabled, cache.recompute, pure=False,
                                  key=f"extract-{k}-{d.doc_id}"): d
               for k, d in enumerate(order)}
    from dask.distributed import as_completed
    try:
        for future in progress(as_completed(futures), total=len(futures), desc="documents", unit="doc"):
            document = futures[future]
            try:
                yield future.result()
            except Exception as err:  # the worker died or the task raised
                yield Outcome(document, error=f"{document.source_path}: {type(err).__name__}: {err}")
            future.release()  # the worker frees the rows at once
    finally:
        for future in futures:
            future.cancel()


def _size(document: SourceDocument) -> int:
    try:
        return Path(document.source_path).stat().st_size if document.kind == "pdf" else len(document.text)
    except OSError:
        return 0
