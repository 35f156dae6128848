"""Many documents: a 2-worker Dask LocalCluster gives the tables one process gives; a failed
document is named and the others written; a single document or a cached run starts no cluster;
the cache is safe for concurrent writers."""
from __future__ import annotations

import threading

import pytest

from pipeline import corpus, runner
from pipeline.mentions import ner
from pipeline.output.schemas import SCHEMAS
from pipeline.read import pdf
from pipeline.read.documents import read_document
from pipeline.runner import Cache, extract_all, run

from .conftest import BUNDLED_BOOK
from .pdfbook import BookChapter, Sentence, render


@pytest.fixture(scope="module")
def two_documents(tmp_path_factory):
    """Two small documents of different kinds: a slice of the bundled book and a typeset PDF."""
    raw = tmp_path_factory.mktemp("raw")
    (raw / "slice.txt").write_text(BUNDLED_BOOK.read_text(encoding="utf-8")[:25000], encoding="utf-8")
    sentences = [[Sentence(f"In {2016 + k}, Belarus sold tractors worth ${k + 2} million to Mongolia.", [k + 1])]
                 for k in range(8)]
    render(raw / "typeset.pdf", "Far Arc", [BookChapter("Belarus and Mongolia", sentences)],
           {n: f"Zalessky, B. Far Arc. - Minsk, {2010 + n}. - P. {n}." for n in range(1, 9)})
    return [raw / "slice.txt", raw / "typeset.pdf"]


def _tables(folder):
    return {name: (folder / f"{name}.parquet").read_bytes() for name in SCHEMAS}


@pytest.mark.slow
def test_two_workers_give_the_tables_of_one(two_documents, tmp_path):
    one = run(two_documents, output_dir=tmp_path / "one", interim_dir=tmp_path / "i1", workers=1, log=lambda m: None)
    two = run(two_documents, output_dir=tmp_path / "two", interim_dir=tmp_path / "i2", workers=2, log=lambda m: None)
    assert one.failures == two.failures == ()
    assert one.documents == two.documents == ("slice", "typeset")
    assert sorted(one.computed) == sorted(two.computed)
    assert _tables(tmp_path / "one") == _tables(tmp_path / "two")
    # each document's report section was rendered in its worker, and the report is the same
    assert (tmp_path / "one" / "report.html").read_bytes() == (tmp_path / "two" / "report.html").read_bytes()


def test_a_section_rendered_apart_is_the_section_of_the_whole_report(two_documents, tmp_path):
    from pipeline.output import report, tables
    run(two_documents, output_dir=tmp_path / "out", interim_dir=tmp_path / "i", workers=1, log=lambda m: None)
    documents = runner.assign_doc_ids([read_document(p) for p in two_documents])
    outcomes = extract_all(documents, Cache(tmp_path / "i"), workers=1)
    written = tables.write_tables([o.rows for o in outcomes], tmp_path / "again")
    apart = {o.document.doc_id: report.document_section(tables.document_tables(o.rows)) for o in outcomes}
    whole = report.render(written)
    assert report.render(written, sections=apart) == whole
    assert all(report.SECTION_KEY in html for html, _ in apart.values())  # given its key only when placed
    assert report.SECTION_KEY not in whole


def test_a_failed_document_is_named_and_the_others_are_written(two_documents, tmp_path):
    """The PDF vanishes between reading and its task on an existing cluster (--scheduler)."""
    from dask.distributed import LocalCluster
    gone = tmp_path / "gone.pdf"
    gone.write_bytes(two_documents[1].read_bytes())
    documents = runner.assign_doc_ids([read_document(two_documents[0]), read_document(gone)])
    gone.unlink()
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        outcomes = extract_all(documents, Cache(tmp_path / "interim"), scheduler=cluster.scheduler_address)
    assert [o.document.doc_id for o in outcomes] == ["slice", "gone"]
    assert outcomes[0].error is None and outcomes[0].rows["claims"]
    assert outcomes[1].rows is None and outcomes[1].error.startswith(f"{gone}: ")


def test_one_document_or_a_cached_run_starts_no_cluster(two_documents, tmp_path, monkeypatch):
    seen = []

    def no_cluster(*args, **kwargs):
        raise AssertionError("a cluster was started")

    def record(document, cache, **kwargs):  # the lone document may use processes of its own
        if kwargs.get("compute", True):
            seen.append((pdf.PAGE_PROCESSES, ner.MAX_PROCESSES))
        return extract_outcome(document, cache, **kwargs)

    extract_outcome = runner.extract_outcome
    monkeypatch.setattr(corpus, "client", no_cluster)
    monkeypatch.setattr(runner, "extract_outcome", record)
    result = run(two_documents[:1], output_dir=tmp_path / "out", interim_dir=tmp_path / "interim", workers=2,
                 log=lambda m: None)
    assert result.failures == () and seen == [(pdf.PAGE_PROCESSES, ner.MAX_PROCESSES)] != [(1, 1)]
    run(two_documents[1:], output_dir=tmp_path / "out", interim_dir=tmp_path / "interim", workers=2,
        log=lambda m: None)
    again = run(two_documents, output_dir=tmp_path / "again", interim_dir=tmp_path / "interim", workers=2,
                log=lambda m: None)
    assert again.failures == () and again.computed == ()


def test_workers_1_extracts_several_documents_here_on_one_process_each(two_documents, tmp_path, monkeypatch):
    seen = []
    extract_outcome = runner.extract_outcome

    def record(document, cache, **kwargs):
        if kwargs.get("compute", True):
            seen.append((pdf.PAGE_PROCESSES, ner.MAX_PROCESSES))
        return extract_outcome(document, cache, **kwargs)

    monkeypatch.setattr(runner, "extract_outcome", record)
    monkeypatch.setattr(corpus, "client", lambda *a, **k: (_ for _ in ()).throw(AssertionError("cluster")))
    run(two_documents, output_dir=tmp_path / "out", interim_dir=tmp_path / "interim", workers=1, log=lambda m: None)
    assert seen == [(1, 1), (1, 1)]
    assert (pdf.PAGE_PROCESSES, ner.MAX_PROCESSES) != (1, 1)  # restored


def test_concurrent_writers_of_one_cache_entry_leave_a_whole_entry(tmp_path):
    cache = Cache(tmp_path)
    value = {"rows": list(range(20000))}
    errors = []

    def write():
        try:
            for _ in range(20):
                cache.put("ner", "k", value)
        except Exception as err:  # noqa: BLE001 - any failure fails the test
            errors.append(err)

    def read():
        for _ in range(200):
            got = cache.get("ner", "k")
            if got is not Cache.MISSING and got != value:
                errors.append(AssertionError("half an entry"))

    threads = [threading.Thread(target=write) for _ in range(3)] + [threading.Thread(target=read)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert cache.get("ner", "k") == value
    assert [p.name for p in (tmp_path / "ner").iterdir()] == ["k.pkl"]  # no temporary file left


def test_a_worker_with_other_code_is_refused(monkeypatch):
    class FakeClient:
        def run(self, function):
            return {"tcp://10.0.0.9:1234": dict(corpus.environment(), code="other")}

    with pytest.raises(corpus.CorpusError, match="differs from this machine in code"):
        corpus._check_workers(FakeClient(), "tcp://scheduler:8786")


@pytest.mark.slow
def test_ctrl_c_on_a_cluster_run_says_one_line_and_leaves_the_output(tmp_path):
    """Ctrl-C once the documents are being extracted (a structure is cached): one line, exit 130."""
    import os
    import signal
    import subprocess
    import sys
    import time
    text = BUNDLED_BOOK.read_text(encoding="utf-8")
    documents = []
    for k in range(2):
        documents.append(tmp_path / f"part-{k}.txt")
        documents[-1].write_text(text[k * 80000:(k + 1) * 80000], encoding="utf-8")
    out, interim = tmp_path / "output", tmp_path / "interim"
    out.mkdir()
    (out / "marker").write_text("previous output")
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "extract", *map(str, documents), "--workers", "2",
                             "--output", str(out), "--interim", str(interim)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None and not list(interim.glob("structure/*.pkl")):
        time.sleep(0.1)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    os.killpg(proc.pid, signal.SIGINT)  # as Ctrl-C does: the whole foreground process group
    _, err = proc.communicate(timeout=180)
    assert proc.returncode == 130, err
    assert err.strip() == f"interrupted; {out} unchanged"
    assert [p.name for p in out.iterdir()] == ["marker"]


@pytest.mark.slow
def test_a_cluster_beside_another_says_nothing_of_its_port():
    """Another Dask cluster on this machine holds port 8787: this run's scheduler (no dashboard)
    takes a free port, so no "Port 8787 is already in use" reaches the user."""
    import socket
    import warnings
    holder = socket.socket()
    try:
        holder.bind(("", 8787))
        holder.listen()
    except OSError:
        pass  # something holds it already: the same case
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with corpus.client(1) as dask_client:
                assert len(dask_client.scheduler_info()["workers"]) == 1
    finally:
        holder.close()
    assert not [w for w in caught if "already in use" in str(w.message)]
