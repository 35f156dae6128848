"""The outputs the report and notebook tests run on: the bundled book, a small typeset PDF, a short
text with no footnotes (and no money, no chapters), and one output holding all three. Each is
extracted once per session (the helpers cache by folder); the three-document run reads the
bundled book from the book run's cache."""
from __future__ import annotations

from pathlib import Path

from pipeline.runner import run

from .conftest import BUNDLED_BOOK
from .pdfbook import BookChapter, Sentence, render

PDF_TITLE = "Far Arc: a sample"
PDF_PARTNERS = [("Mongolia", "Ulaanbaatar"), ("Vietnam", "Hanoi"), ("Egypt", "Cairo"), ("Cuba", "Havana"),
                ("Oman", "Muscat"), ("Pakistan", "Islamabad")]

PLAIN_TEXT = """\
 Belarus and Vietnam have cooperated in agriculture for many years. In March 2023 a delegation from
Minsk visited Hanoi and discussed the supply of tractors and dairy equipment. The parties agreed to
meet again in the autumn. Vietnam is an important partner in Southeast Asia.

The Vietnamese side proposed joint research with the Belarusian State University. Students from
Hanoi have studied in Minsk since 2015, and their number grew in 2022.
 In October 2023 the intergovernmental commission met in Minsk. The commission discussed logistics
through the port of Haiphong and direct flights between the two capitals.

Both sides noted that the plan for 2024-2026 covers education, health care and tourism. The next
meeting is planned for the first half of 2025 in Hanoi.
 The experience of these years shows that regular contacts matter more than single large projects.
Universities, regional authorities and companies in both countries keep the work going between the
meetings of the commission.
"""


def _pdf_chapters() -> tuple[list[BookChapter], dict[int, str]]:
    chapters, notes, n = [], {}, 0
    for seq, title in enumerate(("Belarus and Asia: new partners", "Partners in Africa and Latin America",
                                 "A look ahead"), start=1):
        paragraphs = []
        for k in range(3):
            sentences = []
            for j in range(3):
                country, city = PDF_PARTNERS[(seq * 3 + k + j) % len(PDF_PARTNERS)]
                n += 1
                year = 2016 + (n % 9)
                sentences.append(Sentence(
                    f"In {year}, exports of Belarusian tractors to {country} reached ${n * 3 + 1}.5 million, "
                    f"and a trade mission from Minsk visited {city} to discuss assembly of machinery.", [n]))
                notes[n] = (f"Zalessky, B. Belarus and {country}: trade and cooperation in {year}. - Minsk : "
                            f"Belarusian Science, {year + 1}. - P. {10 + n}." if n % 2 else
                            f"Exports to {country} grew [Electronic resource]. - {year}. - URL : "
                            f"https://www.belta.by/economics/view/exports-{country.lower()}-{n}-{year}/")
            paragraphs.append(sentences)
        chapters.append(BookChapter(title, paragraphs))
    return chapters, notes


def book_output(book_run) -> Path:
    root, _ = book_run
    return root / "output"


def pdf_path(folder: Path) -> Path:
    path = folder / "far-arc-sample.pdf"
    if not path.exists():
        chapters, notes = _pdf_chapters()
        render(path, PDF_TITLE, chapters, notes, first_printed_page=11)
    return path


def plain_path(folder: Path) -> Path:
    path = folder / "vietnam-notes.txt"
    if not path.exists():
        path.write_text(PLAIN_TEXT, encoding="utf-8")
    return path


_RUNS: dict[tuple, Path] = {}


def extracted(paths: list[Path], root: Path, interim: Path | None = None) -> Path:
    """`paths` extracted into root/output (once per session)."""
    key = (tuple(paths), root)
    if key not in _RUNS:
        result = run(paths, output_dir=root / "output", interim_dir=interim or root / "interim", log=lambda m: None)
        assert not result.failures, result.failures
        _RUNS[key] = root / "output"
    return _RUNS[key]


def small_outputs(tmp_path_factory) -> dict[str, Path]:
    """The PDF alone and the text alone, each its own output."""
    if "small" not in _RUNS:
        raw = tmp_path_factory.mktemp("report-raw")
        _RUNS["small"] = {
            "pdf": extracted([pdf_path(raw)], tmp_path_factory.mktemp("report-pdf")),
            "plain": extracted([plain_path(raw)], tmp_path_factory.mktemp("report-plain")),
            "raw": raw,
        }
    return _RUNS["small"]


def three_documents(tmp_path_factory, book_run) -> Path:
    """The bundled book, the PDF and the text in one output."""
    if "three" not in _RUNS:
        raw = small_outputs(tmp_path_factory)["raw"]
        root, _ = book_run
        _RUNS["three"] = extracted([BUNDLED_BOOK, pdf_path(raw), plain_path(raw)],
                                   tmp_path_factory.mktemp("report-three"), interim=root / "interim")
    return _RUNS["three"]
