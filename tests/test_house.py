"""The house: the cache never serves stale or colliding results, `extract PATH` keeps the rest of
output/, and the command line answers in one line. One regression test per problem found when the
runner was tried as a new user would."""
from __future__ import annotations

import os
import pty
import shutil
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pandas as pd
import pytest

from pipeline.runner import run

from .conftest import BUNDLED_BOOK, PROJECT
from .pdfbook import BookChapter, Sentence, render

SMALL_BOOK = BUNDLED_BOOK.read_text(encoding="utf-8")[:20000]
QUIET = {"log": lambda m: None}


def _code_versions(package_root: Path) -> list[str]:
    """The stage keys computed by a fresh interpreter on the package at `package_root`."""
    script = ("import pipeline.runner as r; "
              "print(r.code_version(r.STRUCTURE_ENTRY), r.code_version(r.NER_ENTRY), "
              "r.code_version(r.MENTIONS_ENTRY), r.code_version(r.OUTPUT_ENTRY))")
    env = dict(os.environ, PYTHONPATH=str(package_root))
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                         env=env, cwd=package_root).stdout.split()
    return out


@pytest.fixture(scope="module")
def package_copy(tmp_path_factory):
    root = tmp_path_factory.mktemp("pkg")
    shutil.copytree(PROJECT / "pipeline", root / "pipeline", ignore=shutil.ignore_patterns("__pycache__"))
    return root


@pytest.mark.parametrize("edited,changes", [
    # (file, which keys change: structure, ner, mentions, output)
    ("ids.py", (True, False, True, True)),
    ("records.py", (True, False, True, True)),
    ("structure/notes.py", (True, False, False, True)),
    ("mentions/money.py", (False, False, True, True)),
    ("mentions/ner.py", (False, True, True, True)),
    ("output/report.py", (False, False, False, True)),
])
def test_regression_editing_any_module_a_stage_imports_changes_its_cache_key(package_copy, edited, changes):
    before = _code_versions(package_copy)
    path = package_copy / "pipeline" / edited
    original = path.read_text(encoding="utf-8")
    try:
        path.write_text(original + "\n# edited\n", encoding="utf-8")
        after = _code_versions(package_copy)
    finally:
        path.write_text(original, encoding="utf-8")
    assert tuple(a != b for a, b in zip(before, after)) == changes


def test_regression_a_data_file_of_a_stage_package_is_part_of_its_key(package_copy):
    before = _code_versions(package_copy)
    patterns = package_copy / "pipeline" / "mentions" / "patterns"
    created = not patterns.exists()
    patterns.mkdir(exist_ok=True)
    extra = patterns / "zz-test-table.tsv"
    try:
        extra.write_text("a\tb\n", encoding="utf-8")
        after = _code_versions(package_copy)
    finally:
        extra.unlink()
        if created:
            patterns.rmdir()
    assert before[0] == after[0] and before[2] != after[2]


def test_regression_a_byte_identical_copy_is_a_document_of_its_own(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "book.txt").write_text(SMALL_BOOK, encoding="utf-8")
    (raw / "book-copy.txt").write_text(SMALL_BOOK, encoding="utf-8")
    result = run(sorted(raw.iterdir()), output_dir=tmp_path / "out", interim_dir=tmp_path / "interim", **QUIET)
    assert result.failures == ()
    pages = pd.read_parquet(tmp_path / "out" / "pages.parquet")
    assert sorted(pages["doc_id"].unique()) == ["book", "book-copy"]
    assert (pages.groupby("doc_id").size().nunique()) == 1


def test_regression_a_renamed_file_is_extracted_under_its_new_name(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    first = raw / "book.txt"
    first.write_text(SMALL_BOOK, encoding="utf-8")
    run([first], output_dir=tmp_path / "out", interim_dir=tmp_path / "interim", **QUIET)
    renamed = first.rename(raw / "renamed.txt")
    result = run([renamed], output_dir=tmp_path / "out", interim_dir=tmp_path / "interim", **QUIET)
    assert result.failures == ()
    for table in ("documents", "pages", "claims", "footnotes"):
        assert set(pd.read_parquet(tmp_path / "out" / f"{table}.parquet")["doc_id"]) == {"renamed"}, table


def _small_pdf(path: Path) -> Path:
    chapters = [BookChapter("Trade with Oman", [[Sentence("Belarus sold tractors to Oman in 2023.", [1]),
                                                 Sentence("The trade grew.", [])]])]
    return render(path, "A Small Book", chapters, {1: "Belta. - 2023. - URL: https://belta.by/a"})


def test_regression_book_txt_beside_book_pdf_get_two_named_ids(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "book.txt").write_text(SMALL_BOOK, encoding="utf-8")
    _small_pdf(raw / "book.pdf")
    messages: list[str] = []
    result = run(sorted(raw.iterdir()), output_dir=tmp_path / "out", interim_dir=tmp_path / "interim",
                 log=messages.append)
    assert result.failures == ()
    documents = pd.read_parquet(tmp_path / "out" / "documents.parquet").set_index("doc_id")
    assert documents["source_format"].to_dict() == {"book-pdf": "pdf", "book-txt": "text"}
    assert any("another document has the same name" in m for m in messages)
    assert not any("not UTF-8" in m for m in messages)  # a PDF is not a text in some encoding


def test_regression_extract_one_path_keeps_the_other_documents(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "one.txt").write_text(SMALL_BOOK, encoding="utf-8")
    (raw / "two.txt").write_text(SMALL_BOOK[:12000], encoding="utf-8")
    out, interim = tmp_path / "out", tmp_path / "interim"
    run(sorted(raw.iterdir()), output_dir=out, interim_dir=interim, **QUIET)
    before = pd.read_parquet(out / "claims.parquet")
    (raw / "one.txt").write_text(SMALL_BOOK.replace("Belarus", "Belarus", 1)[:15000], encoding="utf-8")
    result = run([raw / "one.txt"], output_dir=out, interim_dir=interim, keep_others=True, **QUIET)
    assert result.documents == ("one",)
    after = pd.read_parquet(out / "claims.parquet")
    assert set(after["doc_id"]) == {"one", "two"}
    pd.testing.assert_frame_equal(before[before["doc_id"] == "two"].reset_index(drop=True),
                                  after[after["doc_id"] == "two"].reset_index(drop=True))
    assert len(after[after["doc_id"] == "one"]) < len(before[before["doc_id"] == "one"])


def _cli(*args: str, cwd: Path, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", "extract", *args], capture_output=True, text=True,
                          cwd=cwd, **kw)


def test_regression_a_missing_path_gets_one_line(tmp_path):
    proc = _cli(str(tmp_path / "nope.txt"), "--output", str(tmp_path / "out"), "--interim", str(tmp_path / "i"),
                cwd=PROJECT)
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [f"error: {tmp_path / 'nope.txt'}: no such file"]
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_regression_ctrl_c_gets_one_line_and_leaves_output_unchanged(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "marker.txt").write_text("previous run")
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "extract", str(BUNDLED_BOOK), "--output", str(out),
                             "--interim", str(tmp_path / "interim")], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=PROJECT, start_new_session=True)
    time.sleep(6)  # inside the stages (the book takes far longer than this)
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal does: the whole process group
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    lines = [l for l in err.splitlines() if l.strip()]
    assert lines == [f"interrupted; {out} unchanged"], err
    assert sorted(p.name for p in out.iterdir()) == ["marker.txt"]


INTERRUPT_IN_SPACY_WORKERS = """
import os, signal
from pipeline.__main__ import _Interrupt
from pipeline.mentions.ner import load_model
signal.signal(signal.SIGINT, _Interrupt.handle)
nlp = load_model()
try:
    for i, doc in enumerate(nlp.pipe(["Minsk and Harare signed a roadmap."] * 4000, batch_size=20, n_process=2)):
        if i == 40:
            os.killpg(0, signal.SIGINT)  # as a terminal does: the workers get it too
except KeyboardInterrupt:
    print("interrupted")
"""


@pytest.mark.slow
def test_regression_ctrl_c_while_spacys_workers_run_prints_no_worker_traceback():
    proc = subprocess.run([sys.executable, "-c", INTERRUPT_IN_SPACY_WORKERS], capture_output=True, text=True,
                          cwd=PROJECT, start_new_session=True, timeout=120)
    assert proc.stdout.strip() == "interrupted", proc.stderr
    assert proc.stderr.strip() == "", proc.stderr


def test_regression_progress_bars_are_gone_before_the_summary(tmp_path):
    book = tmp_path / "book.txt"
    book.write_text(SMALL_BOOK, encoding="utf-8")
    primary, secondary = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "MONOGRAPH_NO_PROGRESS")}
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "extract", str(book), "--output", str(tmp_path / "o"),
                             "--interim", str(tmp_path / "i")], stdout=subprocess.DEVNULL, stderr=secondary,
                            cwd=PROJECT, env=env)
    os.close(secondary)
    chunks = []
    while True:
        try:
            data = os.read(primary, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    os.close(primary)
    text = b"".join(chunks).decode("utf-8", "replace")
    summary = next(l for l in text.replace("\r\n", "\n").split("\n") if "pages," in l and "claims" in l)
    # a bar left on the line would sit before the summary, after a carriage return
    assert summary.split("\r")[-1].startswith("book: "), repr(summary)
    assert "\r" not in summary.split("\r")[-1]


def test_regression_python_3_11_to_3_13_are_accepted():
    meta = tomllib.loads((PROJECT / "pyproject.toml").read_text())["project"]
    from packaging.specifiers import SpecifierSet
    spec = SpecifierSet(meta["requires-python"])
    assert all(v in spec for v in ("3.11.7", "3.12.1", "3.13.0")) and "3.10.13" not in spec


def _fake_python(tmp_path: Path, *, version: str, pip_fails: bool) -> Path:
    """An interpreter stand-in: prints `version`, makes a venv whose pip fails (or succeeds)."""
    fake = tmp_path / f"python-{version}"
    venv_python = (f'#!/bin/sh\ncase "$*" in *"import sys"*) echo {version};; *) exit {1 if pip_fails else 0};; esac\n')
    fake.write_text(
        "#!/bin/sh\n"
        f'case "$*" in\n'
        f'  "-m venv "*) mkdir -p "$3/bin"; printf \'%s\' \'{venv_python}\' > "$3/bin/python"; chmod +x "$3/bin/python";;\n'
        f'  *"version_info"*) case "$*" in *"sys.exit"*) exit 0;; *) echo {version};; esac;;\n'
        f'  *) exit 0;;\n'
        "esac\n")
    fake.chmod(0o755)
    return fake


def test_regression_a_failed_install_removes_the_venv(tmp_path):
    fake = _fake_python(tmp_path, version="3.12", pip_fails=True)
    venv = tmp_path / "venv"
    proc = subprocess.run(["make", "-s", "venv", f"PYTHON={fake}", f"VENV={venv}"], cwd=PROJECT,
                          capture_output=True, text=True)
    assert proc.returncode != 0
    assert not venv.exists(), proc.stdout + proc.stderr


def test_regression_a_venv_of_another_interpreter_is_rebuilt(tmp_path):
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    old = venv / "bin" / "python"
    old.write_text("#!/bin/sh\necho 3.10\n")
    old.chmod(0o755)
    (venv / "stale-file").write_text("from the old interpreter")
    fake = _fake_python(tmp_path, version="3.12", pip_fails=False)
    proc = subprocess.run(["make", "venv", f"PYTHON={fake}", f"VENV={venv}"], cwd=PROJECT,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "made by another interpreter" in proc.stdout
    assert not (venv / "stale-file").exists()
    assert (venv / ".installed-py3.12").exists()
