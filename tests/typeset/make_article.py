"""Typeset a LaTeX article from tests/typeset/source.json: numbered sections as its chapters.

An article class's top-level headings are numbered sections that open in mid-page ("3 Zimbabwe:
From Economy to Education"), with numbered subsections under them ("3.2 Trade"), a table of
contents on its first page and an unnumbered section at the end ("Acknowledgments"): the shape of
the manuals in ../shared/eval/real-dev, made here from text the rules were not written on.

What it makes, in tests/typeset/article/:
  article.tex, article.pdf          the source and pdflatex's PDF (about 15 pages)
  article.pdftotext.txt             `pdftotext article.pdf`
  article.pdftotext-layout.txt      `pdftotext -layout article.pdf`
  article.pdfplumber.txt            pdfplumber's page.extract_text() for every page, joined by "\\f"
  article.truth.json                its chapters (the sections' titles as printed) and notes count
Run from /work/main (needs pdflatex and pdftotext, see make_books.py):
    /work/main/.venv/bin/python tests/typeset/make_article.py
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pdfplumber

sys.path.insert(0, str(Path(__file__).parent))
from make_books import tex, tex_note  # noqa: E402

HERE = Path(__file__).parent
OUT = HERE / "article"
PARAGRAPHS_PER_SECTION = 6
SUBSECTION_EVERY = 2  # paragraphs
SUBSECTIONS = ("Background", "Trade and investment", "Joint projects", "Outlook")
CLOSING = ("Acknowledgments", "The author thanks the colleagues who read the drafts of these sections.")


def build() -> dict:
    source = json.loads((HERE / "source.json").read_text(encoding="utf-8"))
    lines = [r"\documentclass[11pt,a4paper]{article}", r"\usepackage[T1]{fontenc}", r"\usepackage[utf8]{inputenc}",
             r"\usepackage{mathptmx}", r"\usepackage{textcomp}", r"\usepackage{xurl}", r"\emergencystretch=2em",
             r"\title{Belarus and Its Partners}", r"\author{Typeset for the tests}", r"\date{}",
             r"\begin{document}", r"\maketitle", r"\tableofcontents"]
    chapters, notes = [], 0
    for number, chapter in enumerate(source["chapters"], start=1):
        lines.append(r"\section{%s}" % tex(chapter["title"]))
        chapters.append(f"{number} {chapter['title']}")
        texts = {n["number"]: n["text"] for n in chapter["notes"]}
        for k, paragraph in enumerate(chapter["paragraphs"][:PARAGRAPHS_PER_SECTION]):
            if k and k % SUBSECTION_EVERY == 0:
                lines.append(r"\subsection{%s}" % SUBSECTIONS[(k // SUBSECTION_EVERY - 1) % len(SUBSECTIONS)])
            body = []
            for sentence in paragraph:
                marks = "".join(r"\footnote{%s}" % tex_note(texts[n]) for n in sentence["notes"] if n in texts)
                notes += marks.count(r"\footnote")
                body.append(tex(sentence["text"]) + marks)
            lines.append(" ".join(body) + "\n")
    lines += [r"\section*{%s}" % CLOSING[0], tex(CLOSING[1]), r"\end{document}"]
    chapters.append(CLOSING[0])
    OUT.mkdir(exist_ok=True)
    (OUT / "article.tex").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with tempfile.TemporaryDirectory() as build_dir:
        env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", FORCE_SOURCE_DATE="1")
        for _ in range(2):  # the contents needs a second run
            subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", f"-output-directory={build_dir}",
                            str(OUT / "article.tex")], check=True, env=env, stdout=subprocess.DEVNULL)
        pdf = OUT / "article.pdf"
        pdf.write_bytes((Path(build_dir) / "article.pdf").read_bytes())
    subprocess.run(["pdftotext", str(pdf), str(OUT / "article.pdftotext.txt")], check=True)
    subprocess.run(["pdftotext", "-layout", str(pdf), str(OUT / "article.pdftotext-layout.txt")], check=True)
    with pdfplumber.open(pdf) as doc:
        (OUT / "article.pdfplumber.txt").write_text("\f".join(p.extract_text() or "" for p in doc.pages), encoding="utf-8")
    truth = {"chapters": chapters, "notes": notes}
    (OUT / "article.truth.json").write_text(json.dumps(truth, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return truth


if __name__ == "__main__":
    print(build())
