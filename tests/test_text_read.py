"""Pages of a text dump from any converter: form feeds, the bundled converter's one-space openers,
printed page-number lines; running heads, feet and page numbers found by repetition."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline.read.documents import read_document
from pipeline.read.furniture import find_furniture, shape, strip_line_numbers
from pipeline.read.text import split_pages
from pipeline.records import SourceDocument
from pipeline.structure import extract_structure
from pipeline.structure.zones import zone_pages

from .conftest import FIXTURES, SHARED, fixture_document

BODY = [
    "The Republic of Belarus maintains friendly relations with the countries of {}",
    "Asia, Africa and Latin America, and its exports reach new markets near {}",
    "every year. In 2024 Belarusian products were exported to 161 countries,",
    "including those of the far arc, for almost fifty billion dollars, says {}.",
]
PLACES = """Minsk Harare Beijing Tehran Muscat Riyadh Hanoi Delhi Cairo Lagos Nairobi Accra Dakar Lima Quito
Bogota Caracas Havana Santiago Brasilia Lusaka Maputo Luanda Kigali Kampala Tunis Algiers Rabat Doha Manama Kuwait
Amman Baghdad Kabul Dhaka Colombo Yangon Bangkok Jakarta Manila Seoul Tokyo Ulaanbaatar Astana Tashkent Bishkek
Dushanbe Ashgabat Baku Yerevan Tbilisi Ankara""".split()


def document(text: str, name: str = "dump") -> SourceDocument:
    return SourceDocument(doc_id=name, source_path=f"{name}.txt", source_sha256="0", title=name, text=text)


def body(page: int) -> list[str]:
    """Four lines of prose, different on every page."""
    return [line.format(PLACES[(4 * page + k) % len(PLACES)]) for k, line in enumerate(BODY)]


def first_line(page) -> str:
    return next((line for line in page.lines if line.strip()), "")


# --- conventions ---------------------------------------------------------------------------

def test_form_feeds_cut_pages_and_blank_pages_count():
    text = "\f".join(["\n".join(body(1)), "", "\n".join(body(3))]) + "\f"
    pages = split_pages(document(text))
    assert len(pages) == 3  # the closing form feed opens no page; the blank page is a page
    assert pages[1].lines == ("",)
    assert pages[2].lines == tuple(body(3))


def test_form_feeds_win_over_one_space_lines():
    text = "\f".join(["\n".join(body(1) + [" indented line"]), "\n".join(body(2))])
    assert len(split_pages(document(text))) == 2


def test_bundled_convention_still_opens_pages_at_one_space_lines():
    pages = split_pages(fixture_document("opening_pages_iran.txt"))
    assert len(pages) > 1 and pages[1].lines[0].startswith(" Systematic work brings r")
    assert all(not p.furniture for p in pages)


def test_page_number_lines_cut_a_text_without_form_feeds():
    lines = []
    for n in range(7, 12):
        lines += body(n) + ["", str(n), ""]
    pages = split_pages(document("\n".join(lines)))
    assert [p.printed_page for p in pages] == [7, 8, 9, 10, 11]
    assert all(body(n)[0] in p.lines for n, p in zip(range(7, 12), pages))
    assert not any(str(n) in p.lines for n, p in zip(range(7, 12), pages))


def test_numbers_that_do_not_count_up_cut_no_pages():
    lines = body(1) + ["", "1974", ""] + body(2) + ["", "12", ""] + body(3)
    assert len(split_pages(document("\n".join(lines)))) == 1


def test_one_paragraph_per_line_text_is_one_page():
    text = "\n\n".join(["national paid siegel and shuster $94,000 to drop all claims .", "$10K", "1974",
                       "4th qtr 2018", "accord prices start at $ 12,345 ."])
    pages = split_pages(document(text))
    assert len(pages) == 1 and "1974" in pages[0].lines


# --- running heads, feet and page numbers --------------------------------------------------

def pdftotext_book(first: int = 1, pages: int = 8) -> str:
    """A book as `pdftotext` writes it: head, blank, page number, blank, body on every page."""
    out = []
    for k in range(pages):
        number = first + k
        head = "Debugging with DDD" if number % 2 == 0 else "Chapter 1: A Sample Session"
        out.append("\n\n".join([head, str(number), "\n".join(body(number))]) + "\n\n")
    return "\f".join(out) + "\f"


def test_running_heads_and_page_numbers_taken_off_the_page():
    pages = split_pages(document(pdftotext_book(first=9)))
    assert [p.printed_page for p in pages] == list(range(9, 17))
    assert all(first_line(p) == body(n)[0] for n, p in zip(range(9, 17), pages))
    assert pages[0].furniture == ("Chapter 1: A Sample Session", "9")


def test_head_and_number_on_one_line_as_layout_writes_it():
    out = []
    for number in range(20, 26):
        head = (f"{number}                              Book Title" if number % 2 == 0
                else f"Chapter Two                              {number}")
        out.append("\n".join([head, "", ""] + ["      " + line for line in body(number)]))
    pages = split_pages(document("\f".join(out)))
    assert [p.printed_page for p in pages] == list(range(20, 26))
    assert pages[0].furniture == ("20 Book Title",)
    assert first_line(pages[0]) == body(20)[0]  # the -layout margin is gone


def test_roman_front_matter_keeps_its_label():
    front = ["\n".join(["Preface"] + body(k) + ["", roman]) for k, roman in enumerate(["i", "ii", "iii"])]
    main = ["\n".join(body(10 + k) + ["", str(k + 1)]) for k in range(4)]
    pages = zone_pages(split_pages(document("\f".join(front + main))))
    assert [p.printed_label for p in pages] == ["i", "ii", "iii", None, None, None, None]
    assert [p.printed_page for p in pages] == [None, None, None, 1, 2, 3, 4]
    assert not any(p.printed_page_inferred for p in pages[:3])
    assert "ii" in pages[1].removed


@pytest.mark.parametrize("name, printed", [
    ("typeset_latex_pdftotext.txt", [None, "i", "ii", 1, 2, 3, 4, 5, 6]),
    ("typeset_latex_pdftotext_layout.txt", [None, "i", "ii", 1, 2, 3, 4, 5, 6]),
    ("typeset_latex_pdfplumber.txt", [None, "i", "ii", 1, 2, 3, 4, 5, 6]),
    ("typeset_libreoffice_pdftotext.txt", [1, 2, 3, 4, 5, 6, 7, 8, 9]),
])
def test_printed_numbers_of_typeset_books_from_three_converters(name, printed):
    pages = split_pages(fixture_document(name))
    assert [p.printed_page or p.printed_label for p in pages] == printed
    heads = [p for p in pages if any(f.startswith("China:") for f in p.furniture)]
    assert len(heads) == (5 if "latex" in name else 0)  # the running head of chapter 1, pages 2-6
    assert not any(l.strip().startswith("China: Strategic Partnership enters a new era") for p in heads for l in p.lines)


def test_chapter_heading_kept_where_its_running_heads_begin():
    """The chapter opens with its title at the top; the pages after it repeat the title as their
    running head. The title on the first page is a heading, not furniture."""
    out = ["\n".join(["Zimbabwe: From Economy to Education", ""] + body(1) + ["", "1"])]
    out += ["\n".join(["Zimbabwe: From Economy to Education", ""] + body(n) + ["", str(n)]) for n in range(2, 6)]
    pages = split_pages(document("\f".join(out)))
    assert pages[0].lines[0] == "Zimbabwe: From Economy to Education"
    assert all(first_line(p) == body(n)[0] for n, p in zip(range(2, 6), pages[1:]))



def test_running_head_repeating_a_labelled_heading_is_furniture_from_its_first_page():
    """The chapter opens with its labelled title (`II. Zimbabwe: ...`); the running heads from
    the next page on repeat it without the label. The first of them is furniture too, or its words
    would glue onto the sentence that runs over the page break."""
    out = ["\n".join(["II. Zimbabwe: From Economy to Education"] + body(1) + ["", "1"])]
    out += ["\n".join(["Zimbabwe: From Economy to Education", ""] + body(n) + ["", str(n)]) for n in range(2, 6)]
    pages = split_pages(document("\f".join(out)))
    assert pages[0].lines[0] == "II. Zimbabwe: From Economy to Education"
    assert all(first_line(p) == body(n)[0] for n, p in zip(range(2, 6), pages[1:]))

def test_a_running_head_above_a_sentence_going_on_is_furniture_from_its_first_page():
    """The book's title heads every other page from the chapter's second page on; on its first
    the sentence of the page before goes on below it (`ers, specific goods`), so it is no heading."""
    out = ["\n".join(["II. Pakistan"] + body(1)[:3] + ["including potash fertiliz", "", "1"])]
    out += ["\n".join(["BELARUS AND ITS PARTNERS", "", "ers, specific goods and " + body(n)[0]] + body(n)[1:] + ["", str(n)])
            if n % 2 == 0 else "\n".join(body(n) + ["", str(n)]) for n in range(2, 9)]
    pages = split_pages(document("\f".join(out)))
    assert all(first_line(p).startswith("ers, specific goods") for p in pages[1::2])


def test_a_running_head_whose_heading_stands_further_down_its_first_page_is_furniture():
    """LaTeX's running head names the section from the page where it begins: atop that page
    `4 Options` is the head, and the heading `4 Options` stands in mid-page."""
    out = ["\n".join(body(1) + ["", "1"])]
    out += ["\n".join(["4 Options", ""] + body(2) + ["", "4 Options", "4.1 Package Options"] + body(9) + ["", "2"])]
    out += ["\n".join(["4 Options", ""] + body(n) + ["", str(n)]) for n in range(3, 6)]
    pages = split_pages(document("\f".join(out)))
    assert first_line(pages[1]) == body(2)[0]
    assert "4 Options" in [l.strip() for l in pages[1].lines]


def test_number_out_of_step_stays_text():
    """A footnote's number at the foot of a page is no page number."""
    out = ["\n".join(body(n) + ["", str(n)]) for n in range(1, 6)]
    out[2] = "\n".join(body(3) + ["", "8 Ibid. P. 5."])
    pages = split_pages(document("\f".join(out)))
    assert pages[2].printed_page is None and pages[2].lines[-1] == "8 Ibid. P. 5."


def test_chapter_labels_far_apart_are_not_running_heads():
    out = []
    for n in range(1, 13):
        top = [f"Chapter {n // 4 + 1}", ""] if n % 4 == 1 else []
        out.append("\n".join(top + body(n) + ["", str(n)]))
    pages = split_pages(document("\f".join(out)))
    assert [first_line(p) for p in pages if first_line(p).startswith("Chapter")] == ["Chapter 1", "Chapter 2", "Chapter 3"]


def test_printers_proof_marks_taken_off():
    """A proof's slug line, pass mark, margin line numbers 1..33 and a running foot with the number."""
    out = []
    for n in range(3, 9):
        margin = [str(k) for k in range(1, 32)] + ["S32", "R33"]
        foot = f"{n} FREE CULTURE" if n % 2 == 0 else f"“PIRACY” {n}"
        lines = [f"14773_01_1-174_r9jm.qxd 2/10/04 3:51 PM Page {n}", ""]
        lines += (margin + [""] + body(n)) if n % 2 == 0 else (body(n) + [""] + margin)
        lines += [foot, "", "4TH PASS PAGES", ""]
        out.append("\n".join(lines))
    pages = split_pages(document("\f".join(out)))
    assert [p.printed_page for p in pages] == list(range(3, 9))
    assert all([l for l in p.lines if l.strip()] == body(n) for n, p in zip(range(3, 9), pages))


def test_margin_line_numbers_with_a_crop_mark_glued_on_are_taken_off():
    """A crop mark's letters glued to a margin line number ('17Co') do not stop the peeling."""
    out = []
    for n in range(3, 9):
        margin = [str(k) for k in range(1, 17)] + ["17Co"] + [str(k) for k in range(18, 32)] + ["S32", "R33"]
        out.append("\n".join([f"proof-{n}.qxd 2/10/04 3:51 PM Page {n}", ""] + margin + [""] + body(n) + ["", str(n)]))
    pages = split_pages(document("\f".join(out)))
    assert all([l for l in p.lines if l.strip()] == body(n) for n, p in zip(range(3, 9), pages))


def test_a_heading_beside_the_page_number_is_not_its_notes_subheading():
    """A chapter opens below a slug line that carries the page number; the notes at the back
    repeat the chapter's title in capitals. The heading stays text: a running head beside a page
    number is printed alike wherever it stands."""
    out = []
    for n in range(1, 9):
        top = [f"book.qxd 2/10/04 3:51 PM Page {n}", ""]
        if n == 2:
            top.append("CHAPTER ONE: Creators")
        if n == 7:
            top.append("CHAPTER ONE: CREATORS")
        out.append("\n".join(top + body(n)))
    pages = split_pages(document("\f".join(out)))
    assert first_line(pages[1]) == "CHAPTER ONE: Creators"
    assert first_line(pages[6]) == "CHAPTER ONE: CREATORS"


def test_margin_line_numbers_glued_to_the_lines():
    pages = [[f"{k} {line}" for k, line in enumerate(body(n) * 3, start=1)] for n in range(1, 5)]
    pages += [[f"{line} {k}" for k, line in enumerate(body(n) * 3, start=1)] for n in range(5, 9)]
    stripped = strip_line_numbers(pages)
    assert all(lines == body(n) * 3 for n, (lines, _) in zip(range(1, 9), stripped))
    assert stripped[0][1][:3] == ["1", "2", "3"]


def test_margin_line_numbers_some_alone_some_missing_and_marked():
    """pdfplumber and `-layout` set some of a proof's line numbers on lines of their own, leave
    a note's hanging lines without theirs and glue the proof's marks on ('In16', '17Co')."""
    def page(n):
        lines, k = [], 1
        for j, line in enumerate(body(n) * 4):
            if j % 5 == 2:
                lines.append(str(k))  # a number on a line of its own
                k += 1
            if j % 7 == 3:
                lines.append(line)  # a hanging line without its number
                continue
            mark = {16: "In", 17: "Co"}.get(k, "")
            lines.append(f"{line} {mark}{k}" if n % 2 else f"{k}{mark} {line}")
            k += 1
        return lines
    pages = [page(n) for n in range(1, 9)]
    stripped = strip_line_numbers(pages)
    assert all([l for l in lines if l] == body(n) * 4 for n, (lines, _) in zip(range(1, 9), stripped))


def test_a_slug_opening_the_pages_of_a_new_file_is_taken_off():
    """A proof's slug names its file ("book_01_1-174.qxd"); the first page of the second file
    opens with a slug no page before it printed. Mostly figures: furniture, not a heading."""
    out = []
    for n in range(1, 9):
        slug = f"14773_00_i-xviii_r9jm.qxd 2/10/04 3:46 PM Page {n}" if n < 5 else f"14773_01_1-174_r9jm.qxd 2/10/04 3:51 PM Page {n - 4}"
        out.append("\n".join([slug, ""] + body(n) + ["", str(n)]))
    pages = split_pages(document("\f".join(out)))
    assert all(".qxd" not in line for p in pages for line in p.lines)


def test_a_running_foot_glued_to_the_last_line_is_taken_off_and_the_hyphen_restored():
    """Plain pdftotext glues a verso's foot to its last line ("... is a di22 FREE CULTURE"),
    dropping the hyphen; a line that ends in the same words with another number keeps them."""
    out = []
    for n in range(20, 28):
        last = body(n)[:-1] + [body(n)[-1] + (" di" if n in (22, 26) else "")]
        foot = f"{n} FREE CULTURE" if n % 2 == 0 else f"INTRODUCTION {n}"
        lines = last[:-1] + [last[-1] + foot] if n == 22 else last + ["", foot]
        if n == 26:
            lines = last[:-1] + [last[-1] + " in 1998 FREE CULTURE", "", foot]
        out.append("\n".join([*lines, ""]))
    pages = split_pages(document("\f".join(out)))
    glued = [l for l in pages[2].lines if l.strip()][-1]
    assert glued.endswith(" di-") and "FREE CULTURE" not in glued and pages[2].printed_page == 22
    assert [l for l in pages[6].lines if l.strip()][-1].endswith("di in 1998 FREE CULTURE")


def test_numbered_footnotes_are_not_margin_numbers():
    notes = [f"{k} Zalessky, B. Partnership of Flexible Forms. - 2022. - P. {k}." for k in range(1, 4)]
    pages = [body(n) + notes for n in range(1, 9)]
    assert all(lines == page for (lines, _), page in zip(strip_line_numbers(pages), pages))


def test_a_note_that_recurs_at_the_foot_is_no_running_foot():
    """'16. mailto:spalax@gresille.org' at the foot of one page, '17. mailto:...' of the next (a
    changelog's addresses as notes), and '1 Ibid.' on page after page of notes numbered by page,
    recur like a running foot but are notes; '2 FREE CULTURE', its number the page's own, and a
    foot that repeats word for word stay furniture."""
    note_pages = [body(n) + [f"{3 * n}. mailto:spalax@gresille.org"] for n in range(1, 7)]  # the foot's last note
    assert all(not f.lines for f in find_furniture(note_pages))
    ibid_pages = [body(n) + ["1 Ibid."] for n in range(1, 7)]
    assert all(not f.lines for f in find_furniture(ibid_pages))
    foot_pages = [body(n) + [f"{n + 10} FREE CULTURE"] for n in range(1, 7)]
    assert all(f.lines == {len(body(1))} for f in find_furniture(foot_pages))
    rights = [body(n) + [f"{n + 10}", "2019 Acme University Press. All rights reserved."] for n in range(1, 7)]
    assert [f.printed_page for f in find_furniture(rights)] == list(range(11, 17))


def test_a_page_number_plain_pdftotext_set_above_a_later_columns_notes_is_furniture():
    """Plain pdftotext reads a page's foot before the right column's last block: the page number
    stands, set apart, above the right column's notes. In step with both neighbours', it is the
    page's number, not a note's ("9" run into "4 This part ..."); a number out of step, or with
    text around it, stays."""
    notes = ["", "8 If I had been a good student I could find the translation.", "", "{}", "",
             "4 This part was added by Beethoven.", "5 Original: What custom's sword has parted;"]
    pages = [body(n) + ["", str(n + 10)] for n in range(1, 4)] + [body(4) + [l.format(14) for l in notes]] \
        + [body(n) + ["", str(n + 10)] for n in range(5, 7)]
    found = find_furniture(pages)
    assert [f.printed_page for f in found] == list(range(11, 17))
    assert found[3].lines == {len(body(4)) + 3}
    pages[3] = body(4) + [l.format(15) for l in notes]  # out of step: text
    assert find_furniture(pages)[3].printed_page is None and not find_furniture(pages)[3].lines


def test_shape_masks_numbers_and_roman_page_numbers():
    assert shape("Chapter 12:  Running  the Program") == "chapter #: running the program"
    assert shape("xiv Preface") == "# preface" and shape("Preface xv") == "preface #"
    assert shape("I think") == "# think"  # masked for counting only: a page number needs its sequence


def test_no_furniture_on_pages_without_repeats():
    pages = [body(n) for n in range(1, 6)]
    assert all(not f.lines and f.printed_page is None for f in find_furniture(pages))


# --- text dumps of real PDFs agree with the PDF ---------------------------------------------

TYPESET = json.loads((FIXTURES / "typeset_books.json").read_text(encoding="utf-8"))["books"]
REAL_DEV = SHARED / "eval" / "real-dev"
PDFTOTEXT = shutil.which("pdftotext")
# pdfplumber is slow on long PDFs: its dumps are made of the short ones only
PLUMBER_MAX_PAGES = 20


def dumps_of(pdf_path: Path, folder: Path, *, plumber: bool = True) -> dict[str, Path]:
    """The PDF's text as users make it: `pdftotext` with and without -layout, and pdfplumber's
    pages joined by form feeds."""
    out = {}
    if PDFTOTEXT:
        for kind, args in (("pdftotext", []), ("pdftotext-layout", ["-layout"])):
            out[kind] = folder / f"{pdf_path.stem}.{kind}.txt"
            subprocess.run([PDFTOTEXT, *args, str(pdf_path), str(out[kind])], check=True)
    if plumber:
        import pdfplumber
        with pdfplumber.open(pdf_path) as pdf:
            text = "\f".join(page.extract_text() or "" for page in pdf.pages)
        out["pdfplumber"] = folder / f"{pdf_path.stem}.pdfplumber.txt"
        out["pdfplumber"].write_text(text, encoding="utf-8")
    return out


def printed(page) -> str | None:
    return page.printed_label or (str(page.printed_page) if page.printed_page is not None else None)


def opening_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())[:30]


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(TYPESET))
def test_typeset_book_dumps_agree_with_its_pdf(name, tmp_path):
    """Pages, printed numbers, running heads and paragraphs of a typeset book's dumps, from three
    converters, against the truth it was typeset from and the PDF path."""
    truth = TYPESET[name]
    pdf_path = FIXTURES / name
    pdf_structure = extract_structure(read_document(pdf_path))
    want_openings = {opening_key(t) for t in truth["paragraph_openings"]}
    pdf_found = len({opening_key(p.text) for p in pdf_structure.paragraphs} & want_openings)
    for kind, dump in dumps_of(pdf_path, tmp_path).items():
        structure = extract_structure(read_document(dump))
        assert len(structure.pages) == len(pdf_structure.pages) == len(truth["printed"]), kind
        got = [printed(p) if not p.printed_page_inferred else None for p in structure.pages]
        assert sum(g == t for g, t in zip(got, truth["printed"])) >= len(truth["printed"]) - 1, (kind, got)
        for page in structure.pages:  # the running heads are off every page
            assert not any(f"{title} {printed(page)}" in page.body_text for title in truth["chapters"]), kind
        found = len({opening_key(p.text) for p in structure.paragraphs} & want_openings)
        layout = kind == "pdftotext-layout"  # it keeps first-line indents; the others do not
        assert found >= (0.8 if layout else 0.55) * len(want_openings), (kind, found, len(want_openings))
        assert found >= (0.9 if layout else 0.6) * pdf_found, (kind, found, pdf_found)


@pytest.mark.slow
@pytest.mark.skipif(not REAL_DEV.exists(), reason="needs ../shared/eval/real-dev")
@pytest.mark.parametrize("name", ["ddd-manual", "enotez-manual", "freeculture-monograph", "nameauth-manual",
                                  "paracol-manual"])
def test_real_pdf_dumps_give_every_page_and_its_printed_number(name, tmp_path):
    """The five real PDFs of ../shared/eval/real-dev (Texinfo, LaTeX, QuarkXPress proofs): every
    converter's dump has the PDF's pages, and the printed numbers of the gold's sample pages."""
    gold = json.loads((REAL_DEV / f"{name}.gold.json").read_text(encoding="utf-8"))
    dumps = dumps_of(REAL_DEV / f"{name}.pdf", tmp_path, plumber=gold["pages"] <= PLUMBER_MAX_PAGES)
    dumps["as-text"] = REAL_DEV / "as-text" / f"{name}.txt"
    for kind, dump in dumps.items():
        pages = zone_pages(split_pages(read_document(dump)))
        assert len(pages) == gold["pages"], kind
        wrong = [(s["pdf_page"], s["printed_page"], printed(pages[s["pdf_page"] - 1])) for s in gold["sample_pages"]
                 if printed(pages[s["pdf_page"] - 1]) != str(s["printed_page"])]
        assert not wrong, (kind, wrong)


def test_two_columns_side_by_side_in_a_layout_dump_are_read_column_by_column():
    """`pdftotext -layout` sets a passage of two parallel columns side by side; it is read as
    the left column, then the right, and the single-column text around it stays as it is."""
    left = ["First left-column paragraph tells", "what the left column holds, and", "it goes on for a while here.",
            "Second left paragraph of text", "has a footnote28 in it as well."]
    right = ["First right-column paragraph is", "the translation of the left one,", "line by line, as it is set.",
             "Second right paragraph of text", "has a footnote30 in it as well."]
    passage = [f"   {a:<40}      {b}" for a, b in zip(left, right)]
    top = ["Here we have a simple example of two columns set side by side on one page of the manual.",
           "   It is set with the paracol package, and the notes follow the columns below them all."]
    below = ["   As shown above, it is easy to have a reasonable result of the footnote numbering here."]
    page = "\n".join(top + [""] + passage + [""] + below + ["", "   28 First left-column footnote.", "", "3"])
    pages = split_pages(document("\f".join([page] + ["\n".join(body(n) + ["", str(n)]) for n in (4, 5)])))
    lines = [l.strip() for l in pages[0].lines if l.strip()]
    assert lines[:2] == [t.strip() for t in top]
    assert lines[2:12] == left + right
    assert lines[12] == below[0].strip()


def test_notes_below_two_layout_columns_are_read_after_both_columns_text():
    """Each column's notes below a passage of two columns (a parallel text's own notes): pdftotext
    -layout sets them side by side after a blank line. They are read after both columns' text,
    the left notes then the right, so the page's foot holds all four notes."""
    left = ["O Freunde, nicht diese Töne! Sondern", "laßt uns angenehmere anstimmen und", "freudenvollere8 . Freude, schöner",
            "Götterfunken Alle Menschen werden Brüder9 ,"]
    right = ["Oh friends, no more of these tones!", "Let us rather raise our voices", "In more pleasant and joyful tones4 .",
             "All humans will become brothers5 under"]
    passage = [f"{a:<46}  {b}" for a, b in zip(left, right)]
    notes_left = ["   8 If I had been a good student in my class", "van Beethoven hinzugefügt by myself.",
                  "   9 Original: Was der Mode Schwert geteilt;"]
    notes_right = ["4 This part was added by Beethoven now.", "5 Original: What custom's sword has parted;", ""]
    notes = [notes_left[0], f"{notes_left[1]:<46}  {notes_right[0]}", f"{notes_left[2]:<46}  {notes_right[1]}"]
    page = "\n".join(["   The following is the libretto of the fourth movement of the Ninth Symphony, with additions."]
                     + passage + ["", ""] + notes + ["", "3"])
    pages = split_pages(document("\f".join([page] + ["\n".join(body(n) + ["", str(n)]) for n in (4, 5)])))
    lines = [l.strip() for l in pages[0].lines if l.strip()]
    assert lines[1:9] == left + right
    assert lines[9:] == [l.strip() for l in notes_left + notes_right if l]


def test_margin_notes_of_a_layout_dump_are_set_apart_from_the_text_they_stand_beside():
    """`pdftotext -layout` keeps a LaTeX margin note (\\marginpar) left of the text block, after a
    gap, or glued by one space to the line's text when it runs long ("footnotes text, such as"):
    it is taken out of the text, as the PDF path takes it, and kept with the page's furniture. A
    section's number hung in the margin and a list's label stay with their line."""
    from pipeline.read.text import _margin_notes_apart
    pad = " " * 26
    page = [
        f"{' ' * 22}2.7     Alternate Formatting",
        f"{pad}The formatting hooks only affect names in the body text and in the index. They",
        f"{pad}are constituted by the name parser, which passes what it finds to the macros.",
        f"{' ' * 13}Applied to    The independent systems of names work with footnotes. Names in the body",
        f"{' ' * 14}footnotes text, such as Adolf Harnack, normally affect name forms in the footnotes.1 In",
        f"{pad}footnote 1 the main hook is called instead of the format hook because Harnack",
        f"{pad}already had occurred above. We can use the front-matter system to change that.",
        f"{' ' * 19}•       Using a comma-delimited required name argument pair as the argument",
        f"{pad}of a robust macro will halt the run with errors in the log and on screen.",
    ]
    kept, notes = _margin_notes_apart(page)
    assert notes == ["Applied to", "footnotes"]
    text = " ".join(" ".join(line.split()) for line in kept)
    assert "2.7 Alternate Formatting" in text and "• Using a comma-delimited" in text
    assert "footnotes. Names in the body text, such as Adolf Harnack" in text
    assert kept[3].index("The independent") == page[3].index("The independent")  # the columns kept
    pages = ["\n".join(body(n) + ["", f"{' ' * 40}{n}"]) for n in range(1, 4)]
    pages[1] = "\n".join(page + ["", f"{' ' * 27}1", f"{' ' * 32}We have Harnack from the macro instead of Adolf Harnack.",
                                  "", f"{' ' * 40}2"])
    structure = extract_structure(document("\f".join(pages)))
    claims = {c.claim_id: c.text for c in structure.claims}
    assert [(n.page, n.number) for n in structure.footnotes] == [(2, 1)]
    assert [claims[link.claim_id] for link in structure.links] == [
        "Names in the body text, such as Adolf Harnack, normally affect name forms in the footnotes."]
    assert not any("Applied to" in text for text in claims.values())
    assert {"Applied to", "footnotes"} <= set(structure.pages[1].removed)


def test_a_note_number_set_apart_from_its_text_is_no_second_column():
    from pipeline.read.text import _columns_in_turn
    notes = [f"   {n}      Smith, J. Trade and cooperation with the partners. {2000 + n}." for n in range(1, 7)]
    assert _columns_in_turn(notes) == notes


def test_superscript_digits_and_the_asterisk_operator_are_marks():
    """A font's superior figures come out of pdftotext as superscript digits ('possible.¹⁴'), and
    LaTeX's \\thanks mark as the asterisk operator ('Author∗'): marks, as a PDF's raised digits
    are; a unit's power ('km²') is none."""
    from pipeline.records import MARK_CLOSE, MARK_OPEN, marks_from_glyphs
    assert marks_from_glyphs("as soon as possible.¹⁴ The") == f"as soon as possible.{MARK_OPEN}14{MARK_CLOSE} The"
    assert marks_from_glyphs("¹⁴The default version") == f"{MARK_OPEN}14{MARK_CLOSE}The default version"
    assert marks_from_glyphs("The Author∗ wrote") == "The Author* wrote"
    for power in ("an area of 45 km² in the north", "some 10⁶ tonnes", "E = mc² holds", "a speed of 3 m/s²"):
        assert marks_from_glyphs(power) == power
    pages = [body(p) + ["", f"{p + 1}"] for p in range(3)]
    pages[1][2] = "every year, as soon as possible.¹ In 2024 Belarusian products were exported,"
    pages[1][4:4] = ["", "¹ Ministry of Foreign Affairs [Electronic resource]. - 2024. - URL : https://mfa.gov.by/"]
    structure = extract_structure(document("\f".join("\n".join(p) for p in pages)))
    assert [(n.page, n.number) for n in structure.footnotes] == [(2, 1)]
    claim = {c.claim_id: c.text for c in structure.claims}[structure.links[0].claim_id]
    assert claim.endswith("every year, as soon as possible.")
    assert marks_from_glyphs("within 8 characters if possible. 1⁴") == f"within 8 characters if possible. {MARK_OPEN}14{MARK_CLOSE}"
    # a font with every superscript: a figure before one is a base, not the mark's first figure
    assert marks_from_glyphs("notes¹ and then 3⁴") == f"notes{MARK_OPEN}1{MARK_CLOSE} and then 3⁴"


def test_a_page_number_with_the_page_count_is_furniture_and_a_chapter_label_beside_it_is_not():
    """'1 / 57' (DocBook's 'page of pages') is a page number; a running head beside it
    ('Debian New Maintainers’ Guide 17/57') too; a chapter's label below it ('Chapter 4') is the
    chapter's heading, though the next chapter's label stands at a page's top as well."""
    pages = [["Debian New Maintainers’ Guide", "", f"{n} / 57", ""] + body(n) for n in range(1, 9)]
    found = find_furniture(pages)
    assert [f.printed_page for f in found] == list(range(1, 9)) and all({0, 2} <= f.lines for f in found)
    heads = [[f"Debian New Maintainers’ Guide {n}/57"] + ([f"Chapter {n // 3}"] if n % 3 == 0 else []) + body(n)
             for n in range(1, 10)]
    found = find_furniture(heads)
    assert [f.printed_page for f in found] == list(range(1, 10))
    assert all(f.lines == {0} for f in found)


def test_glyphs_without_a_character_read_and_are_dropped(tmp_path):
    """pdftotext writes a glyph its font maps to no character as a control byte: a manual set in
    such fonts (arrows, tree symbols) holds about 1% of them and is still a dump, not binary."""
    pages = []
    for n in range(1, 4):
        tree = f"\x01A  \x01\u2192A  \x01 to {PLACES[n]}  \x0f B \x18"
        pages.append("\n".join(body(n) + [tree, str(n)]))
    path = tmp_path / "glyphs.txt"
    path.write_text("\f".join(pages), encoding="utf-8")
    read = split_pages(read_document(path))
    assert len(read) == 3
    text = "\n".join(line for page in read for line in page.lines)
    assert not re.search(r"[\x00-\x08\x0b\x0e-\x1f\x7f]", text)
    assert f"A \u2192A to {PLACES[2]} B" in text.replace("  ", " ")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 40)
    with pytest.raises(ValueError, match="binary.txt: looks like binary data"):
        read_document(tmp_path / "binary.txt")


def test_a_chapters_number_opening_the_page_of_that_number_is_no_page_number():
    """A page numbered at its foot whose first line is a chapter's number equal to the page's
    ("3" over "The code" on page 3): the page number is the one at the foot, where the other
    pages print theirs; the chapter's number stays text."""
    pages = [body(n) + ["", str(n)] for n in range(1, 6)]
    pages[2] = ["3", "", "The code", ""] + pages[2]
    read = split_pages(document("\f".join("\n".join(p) for p in pages)))
    assert [p.printed_page for p in read] == [1, 2, 3, 4, 5]
    assert read[2].lines[0] == "3" and "3" not in read[2].lines[1:]
