"""Typeset test books from tests/typeset/source.json with real engines, in every notes convention.

What it makes, in tests/typeset/books/ (NAME as in BOOKS below):
  NAME.pdf                   the book, 2-3 chapters of source.json, about 15-40 pages
  NAME.tex / NAME.fodt       the source the engine was given (LaTeX, or LibreOffice flat ODT)
  NAME.pdftotext.txt         `pdftotext NAME.pdf`
  NAME.pdftotext-layout.txt  `pdftotext -layout NAME.pdf`
  NAME.pdfplumber.txt        pdfplumber's page.extract_text() for every page, joined by "\\f"
  NAME.truth.json            where every chapter and every note is, and how each note is numbered
and tests/typeset/books.json, the manifest of all books. With --second, the second printing: the same
books typeset from other chapters (SECOND_PRINTING), in books-second/ and books-second.json; the
tests score it as a whole, a check that the text rules were not fitted to the first printing.

The books (notes_scheme / notes_placement):
  latex-book-foot       pdflatex  book/foot      footnotes numbered through the book
  latex-chapter-foot    xelatex   chapter/foot   footnotes restart each chapter, "Chapter N" + title
  latex-page-foot       lualatex  page/foot      footnotes restart each page (perpage)
  latex-symbol-foot     xelatex   symbol/foot    *, †, ‡, §, ¶, ‖, **, ... restarting each page
  latex-chapter-end     pdflatex  chapter/chapter-end  endnotes (enotez) under "Notes" ending each chapter
  latex-book-end        lualatex  chapter/book-end     endnotes (endnotes) at the end of the book, one
                                                       subheading per chapter, numbers restart each chapter
  latex-baseline-notes  pdflatex  book/foot      note numbers on the baseline ("12. Text"), notes at body
                                                 size, no footnote rule; markers in the text raised
  lo-book-foot          LibreOffice book/foot
  lo-chapter-foot       LibreOffice chapter/foot (notes restart at each outline-level-1 heading)
  lo-book-end           LibreOffice book/book-end
  html-chapter-end      Chromium    chapter/chapter-end  a web page printed to PDF (--print-to-pdf): endnotes
                                                 as an ordered list under "Notes" ending each chapter
  html-book-end         Chromium    book/book-end  the browser's own header and footer (date, title; the
                                                 file's URL, "3/25"), one notes list at the end
  groff-book-foot       groff -ms   book/foot      gropdf: numbered headings bold at the text's size, the
                                                 title above the first chapter, page numbers "– 2 –" on top
Furniture varies: running heads carrying the chapter title (fancyhdr, `headings`, LibreOffice's chapter
field), a constant running head, none; front matter (title page, preface, contents) paged in roman
numerals; headings "Chapter 3 / Title", "3 Title", "III. Title", "Chapter 3. Title", "Title"; page
numbers in the header or the footer; one twoside book with blank pages before chapters.

How the truth is got: every LaTeX book writes NAME.rec while it is shipped out (the PDF page of each
chapter opening, of each note marker and of the start of each note's text, and each footnote's counter),
and every book, LaTeX, LibreOffice, Chromium or groff, is then read back with pdfplumber: the whole text (each sentence,
each marker label after its sentence, each note's label and text, each chapter title) is aligned in order
against the text layer, page by page. A book is written only if every note is found exactly once and,
for LaTeX, the text layer agrees with the engine's record; anything else stops the script with a message.

Needs (Debian): texlive-latex-extra texlive-xetex texlive-luatex texlive-fonts-recommended
  libreoffice-writer-nogui chromium groff poppler-utils fonts-dejavu, and pdfplumber (in /work/main/.venv):
    apt-get update && apt-get install -y --no-install-recommends texlive-latex-extra texlive-xetex \\
        texlive-luatex texlive-fonts-recommended libreoffice-writer-nogui chromium groff poppler-utils \\
        fonts-dejavu
Run from /work/main (about 2 minutes; rerunnable, it overwrites books/ and books.json):
    /work/main/.venv/bin/python tests/typeset/make_books.py [--only NAME ...] [--keep-build DIR] [--second]
    /work/main/.venv/bin/python tests/typeset/check_truth.py     # re-checks every truth file
SOURCE_DATE_EPOCH is fixed: the pdflatex and xelatex PDFs come out byte-identical run to run; the
lualatex, LibreOffice and Chromium ones differ only in IDs, font subset tags and dates (their text and truth do not).
source.json itself is frozen; it was made once by make_source.py.

The text has no Cyrillic (its Russian URLs are transliterated), so the pdflatex books use T1 fonts; the
xelatex/lualatex books use DejaVu or Latin Modern through fontspec. A missing glyph or font shape stops
the build.
"""
from __future__ import annotations

import argparse
import bisect
import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

import pdfplumber

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "source.json"
OUT = HERE / "books"
EPOCH = "1735689600"  # 2025-01-01, fixed so the PDFs are reproducible
BOOK_TITLE = "Belarus and Its Partners"
SYMBOLS = ["*", "†", "‡", "§", "¶", "‖", "**", "††", "‡‡", "§§", "¶¶", "‖‖"]


@dataclass
class Book:
    name: str
    producer: str  # pdflatex | xelatex | lualatex | libreoffice | chromium | groff
    scheme: str  # book | chapter | page | symbol
    placement: str  # foot | chapter-end | book-end
    chapters: tuple[int, ...]  # source_seq of the chapters, in book order
    about: str
    opts: dict = field(default_factory=dict)


BOOKS = [
    Book("latex-book-foot", "pdflatex", "book", "foot", (2, 21, 24),
         "6x9in, Times 10pt (URLs in the text face); title page, preface and contents in roman numerals; headings '3 Title'; "
         "running head: chapter title left, page number right; chapter openings numbered in the footer",
         dict(paper="paperwidth=6in,paperheight=9in,top=0.8in,bottom=0.85in,inner=0.75in,outer=0.75in",
              size="10pt", font="times", url_same=True, heading="number", front=True, head="fancy-title-left",
              tounicode=True)),
    Book("latex-chapter-foot", "xelatex", "chapter", "foot", (4, 12, 25),
         "A5, DejaVu Serif 9pt (fontspec); contents in roman numerals; book-class headings 'Chapter N' over "
         "the title; `headings` running head 'CHAPTER N. TITLE' with the page number; hyperref bookmarks",
         dict(paper="a5paper,top=18mm,bottom=20mm,inner=15mm,outer=15mm", size="9pt", font="dejavu",
              heading="default", front="toc", head="headings", hyperref=True)),
    Book("latex-page-foot", "lualatex", "page", "foot", (21, 24),
         "A5, DejaVu Serif Condensed 10pt (fontspec); headings 'III. Title'; running head: the chapter title "
         "centred, page numbers centred in the footer; markers before the sentence's closing punctuation",
         dict(paper="a5paper,top=18mm,bottom=20mm,inner=16mm,outer=16mm", size="10pt", font="dejavu-condensed",
              heading="roman", head="fancy-title-centre", marker="before-punct")),
    Book("latex-symbol-foot", "xelatex", "symbol", "foot", (12, 4),
         "B5 (176x250mm), DejaVu Serif 10pt; title page, preface, contents in roman numerals; book-class "
         "headings; no running head, page numbers centred in the footer; symbol footnotes restarting each page",
         dict(paper="b5paper,top=22mm,bottom=24mm,inner=20mm,outer=20mm", size="10pt", font="dejavu",
              heading="default", front=True, head="plain")),
    Book("latex-chapter-end", "pdflatex", "chapter", "chapter-end", (25, 2),
         "6x9in, Charter 11pt; headings '3 Title'; running head: page number left, chapter title right; "
         "enotez endnotes under a 'Notes' heading at the end of each chapter, numbers restart each chapter",
         dict(paper="paperwidth=6in,paperheight=9in,top=0.8in,bottom=0.8in,inner=0.7in,outer=0.7in",
              size="11pt", font="charter", heading="number", head="fancy-page-left")),
    Book("latex-book-end", "lualatex", "chapter", "book-end", (4, 21, 12),
         "5.5x8.5in twoside (blank pages before chapters), Latin Modern 10pt (fontspec); title page, preface, "
         "contents in roman numerals; book-class headings; running heads: book title on even pages, chapter "
         "title on odd pages, page numbers outside; endnotes (endnotes package) at the end under 'Notes' with "
         "one subheading per chapter, numbers restart each chapter; hyperref bookmarks",
         dict(paper="paperwidth=5.5in,paperheight=8.5in,top=0.75in,bottom=0.8in,inner=0.7in,outer=0.6in",
              size="10pt", font="lm-otf", heading="default", front=True, head="fancy-twoside", twoside=True,
              hyperref=True)),
    Book("latex-baseline-notes", "pdflatex", "book", "foot", (24, 25),
         "A5, Utopia 10pt; headings 'III. Title'; constant running head (the book title); page numbers "
         "centred in the footer; footnotes at body size with '12.' on the baseline and no rule",
         dict(paper="a5paper,top=18mm,bottom=20mm,inner=15mm,outer=15mm", size="10pt", font="utopia",
              heading="roman", head="fancy-constant", baseline_notes=True)),
    Book("lo-book-foot", "libreoffice", "book", "foot", (21, 2),
         "A5, DejaVu Serif 10pt; title page; headings are the bare title; footer page numbers; footnotes "
         "numbered through the document",
         dict(header=None)),
    Book("lo-chapter-foot", "libreoffice", "chapter", "foot", (25, 4),
         "A5, DejaVu Serif 10pt; title page; headings 'Chapter N. Title' (outline numbering); running head "
         "with the chapter title (chapter field); footnotes restart each chapter; markers before the "
         "sentence's closing punctuation",
         dict(header="chapter", chapter_label=True, marker="before-punct")),
    Book("lo-book-end", "libreoffice", "book", "book-end", (12, 24),
         "A5, DejaVu Serif 10pt; title page; headings the bare title; footer page numbers; endnotes at the "
         "end of the document ('1. Text'), their pages headed 'Notes'",
         dict(header=None)),
    Book("html-chapter-end", "chromium", "chapter", "chapter-end", (21, 12, 25),
         "A5, DejaVu Serif 10.5pt, justified and hyphenated by the browser; title page; headings '3. Title'; "
         "CSS page-margin boxes: the book title over every page but the first, page numbers centred below; "
         "endnotes as an ordered list ('1. Text') under a 'Notes' heading at the end of each chapter",
         dict(margin_boxes=True, heading="number-dot")),
    Book("html-book-end", "chromium", "book", "book-end", (24, 4),
         "US Letter, Liberation Serif 12pt, ragged right; the browser's own header and footer on every page "
         "(the print date and the document's title; the file's URL and 'page/pages'); headings the bare "
         "title; endnotes numbered through the book in one list under 'Notes' at the end, one subheading "
         "(the chapter's title) per chapter",
         dict(margin_boxes=False, heading="title")),
    Book("groff-book-foot", "groff", "book", "foot", (24, 12, 25),
         "groff -ms through gropdf, Times 11pt on US Letter (PDF's base-14 fonts, not embedded: their "
         "ligatures carry no width); the title and a subtitle above the first chapter on page 1; headings "
         "'3. Title' (.NH) bold at the text's size, chapters opening new pages; ms's page numbers '– 2 –' "
         "centred on top, none on page 1; footnotes (.FS, \\**) numbered through the document, their "
         "number on a line of its own in the note",
         dict()),
]

PREFACE = [
    "This small volume brings together chapters from a longer monograph on the foreign economic relations "
    "of the Republic of Belarus. The chapters are reprinted as they stand, with their notes.",
    "The edition is meant for reading alongside the original. Its pages, running heads and notes follow the "
    "habits of an ordinary printed book, and nothing in the text has been added or taken away.",
]


# ----------------------------------------------------------------------------------------------- text

def norm(s: str) -> str:
    """What the comparison sees: NFKC, no whitespace, no hyphens (TeX breaks words with them)."""
    s = unicodedata.normalize("NFKC", s)
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", s)


def split_final_punct(text: str) -> tuple[str, str]:
    """'... in 2019.' -> ('... in 2019', '.'); a sentence ending in a quote or bracket is not split."""
    m = re.search(r"(?<=[^\s\"”’»)\]])[.;:!?]+$", text)
    return (text[: m.start()], m.group(0)) if m else (text, "")


@dataclass
class Note:
    seq: int  # 1.. in marker order through the book
    chapter_seq: int
    source_number: int
    text: str
    sentence: str
    label: str = ""  # as printed, filled in for LaTeX page/symbol schemes from the engine's record
    number: int = 0
    symbol: str | None = None


def load_book(book: Book, source: dict) -> tuple[list[dict], list[Note]]:
    by_seq = {c["source_seq"]: c for c in source["chapters"]}
    chapters, notes = [], []
    for k, seq in enumerate(book.chapters, 1):
        ch = by_seq[seq]
        texts = {n["number"]: n["text"] for n in ch["notes"]}
        in_chapter = 0
        paragraphs = []
        for para in ch["paragraphs"]:
            sentences = []
            for s in para:
                ids = []
                for n in s["notes"]:
                    in_chapter += 1
                    note = Note(len(notes) + 1, k, n, texts[n], s["text"])
                    if book.scheme == "book":
                        note.number = note.seq
                    elif book.scheme == "chapter":
                        note.number = in_chapter
                    notes.append(note)
                    ids.append(note.seq)
                sentences.append((s["text"], ids))
            paragraphs.append(sentences)
        chapters.append({"seq": k, "source_seq": seq, "title": ch["title"], "paragraphs": paragraphs})
    return chapters, notes


# ---------------------------------------------------------------------------------------------- LaTeX

TEX_CHARS = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
             "%": r"\%", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
             "'": r"\textquotesingle{}", '"': r"\textquotedbl{}", "`": r"\textasciigrave{}", "•": r"\textbullet{}"}


def tex(s: str) -> str:
    out = "".join(TEX_CHARS.get(ch, ch) for ch in s)
    # TeX ligatures that would change the characters: -- ,, << >> !` ?`
    for pair in ("--", ",,", "<<", ">>"):
        while pair in out:
            out = out.replace(pair, pair[0] + "{}" + pair[1])
    return out


def tex_note(s: str) -> str:
    """A note's text; its URL set with \\url (xurl breaks it anywhere)."""
    parts = []
    for token in re.split(r"(\s+)", s):
        if re.match(r"https?://\S+$", token) and not re.search(r"[%#{}\\^]", token):
            parts.append(r"\url{" + token + "}")
        else:
            parts.append(tex(token))
    return "".join(parts)


def latex_source(book: Book, chapters: list[dict], notes: list[Note]) -> str:
    o = book.opts
    endnotes = book.placement != "foot"
    cls_opts = [o["size"] if o["size"] in ("10pt", "11pt", "12pt") else "10pt",
                "twoside" if o.get("twoside") else "oneside", "openright" if o.get("twoside") else "openany"]
    L = [r"\documentclass[%s]{book}" % ",".join(cls_opts)]
    if book.producer == "pdflatex":
        L += [r"\usepackage[T1]{fontenc}", r"\usepackage[utf8]{inputenc}", r"\usepackage{textcomp}"]
        L += {"lmodern": [r"\usepackage{lmodern}"], "times": [r"\usepackage{mathptmx}"],
              "charter": [r"\usepackage{charter}"],
              "utopia": [r"\usepackage{utopia}"]}[o["font"]]
        if o.get("tounicode"):
            L += [r"\input{glyphtounicode}", r"\pdfgentounicode=1"]
    else:
        L += [r"\usepackage{fontspec}"]
        L += {"dejavu": [r"\setmainfont{DejaVu Serif}", r"\setmonofont{DejaVu Sans Mono}[Scale=0.9]"],
              "dejavu-condensed": [r"\setmainfont{DejaVuSerifCondensed.ttf}[BoldFont=DejaVuSerifCondensed-Bold.ttf,"
                                   r"ItalicFont=DejaVuSerifCondensed-Italic.ttf,"
                                   r"BoldItalicFont=DejaVuSerifCondensed-BoldItalic.ttf]",
                                   r"\setmonofont{DejaVu Sans Mono}[Scale=0.85]"],
              "lm-otf": []}[o["font"]]
    if o["size"] == "9pt":  # book class has no 9pt: scale the sizes down
        L += [r"\makeatletter\renewcommand\normalsize{\@setfontsize\normalsize{9}{11}%",
              r"\abovedisplayskip 8pt \belowdisplayskip 8pt}\renewcommand\footnotesize{\@setfontsize"
              r"\footnotesize{7.5}{9}}\renewcommand\small{\@setfontsize\small{8}{9.5}}\normalsize\makeatother"]
    L += [r"\usepackage[%s]{geometry}" % o["paper"], r"\usepackage{xurl}", r"\usepackage{titlesec}",
          r"\usepackage{fancyhdr}", r"\emergencystretch=2em", r"\raggedbottom" if endnotes else "",
          r"\urlstyle{same}" if o.get("url_same") else ""]
    if book.scheme in ("page", "symbol"):
        L += [r"\usepackage{perpage}", r"\MakePerPage{footnote}"]
    if book.scheme in ("book", "page", "symbol"):  # perpage miscounts if \chapter also resets the counter
        L += [r"\counterwithout{footnote}{chapter}"]
    if book.scheme == "symbol":
        cases = "".join(r"\or " + s for s in SYMBOLS)
        L += [r"\newcommand\tssym[1]{\ifcase#1 ?%s\else ?\fi}" % cases,
              r"\renewcommand\thefootnote{\tssym{\value{footnote}}}"]
    if o.get("baseline_notes"):
        L += [r"\makeatletter", r"\renewcommand\footnoterule{}",
              r"\renewcommand\@makefntext[1]{\noindent\@thefnmark.\ #1}",
              r"\let\footnotesize\normalsize", r"\setlength{\skip\footins}{14pt plus 4pt minus 2pt}",
              r"\setlength{\footnotesep}{12pt}", r"\makeatother"]
    # headings
    if o["heading"] == "number":
        L += [r"\titleformat{\chapter}[hang]{\normalfont\LARGE\bfseries\raggedright}{\thechapter}{0.8em}{}",
              r"\titlespacing*{\chapter}{0pt}{10pt}{28pt}"]
    elif o["heading"] == "roman":
        L += [r"\renewcommand\thechapter{\Roman{chapter}}",
              r"\titleformat{\chapter}[hang]{\normalfont\Large\bfseries\raggedright}{\thechapter.}{0.5em}{}",
              r"\titlespacing*{\chapter}{0pt}{6pt}{24pt}"]
    # running heads
    head = o["head"]
    if head == "headings":
        L += [r"\pagestyle{headings}\newfontfamily\headfont{DejaVuSerifCondensed.ttf}[ItalicFont=DejaVuSerifCondensed-Italic.ttf]\makeatletter",
              r"\def\@oddhead{{\headfont\footnotesize\itshape\rightmark}\hfil\thepage}\makeatother"]
    elif head == "plain":
        L += [r"\pagestyle{plain}"]
    else:
        L += [r"\pagestyle{fancy}", r"\fancyhf{}", r"\renewcommand\headrulewidth{0pt}",
              r"\renewcommand\chaptermark[1]{\markboth{#1}{#1}}",
              r"\fancypagestyle{plain}{\fancyhf{}\fancyfoot[C]{\small\thepage}}"]
        L += {"fancy-title-left": [r"\fancyhead[L]{\small\itshape\leftmark}", r"\fancyhead[R]{\small\thepage}"],
              "fancy-title-centre": [r"\fancyhead[C]{\small\itshape\leftmark}", r"\fancyfoot[C]{\small\thepage}"],
              "fancy-page-left": [r"\fancyhead[L]{\small\thepage}", r"\fancyhead[R]{\small\scshape\leftmark}"],
              "fancy-twoside": [r"\fancyhead[LE]{\small\thepage\quad\itshape %s}" % tex(BOOK_TITLE),
                                r"\fancyhead[RO]{\small\itshape\leftmark\quad\upshape\thepage}"],
              "fancy-constant": [r"\fancyhead[C]{\small\scshape %s}" % tex(BOOK_TITLE),
                                 r"\fancyfoot[C]{\small\thepage}"]}[head]
    if book.placement == "chapter-end":
        L += [r"\usepackage{enotez}",
              r"\setenotez{reset=true,list-name=Notes,list-heading={\section*{#1}},backref=false}",
              r"\let\footnote\endnote"]
    if book.placement == "book-end":
        L += [r"\usepackage{endnotes}", r"\let\footnote\endnote", r"\makeatletter",
              r"\renewcommand\enoteformat{\rightskip\z@ \leftskip\z@ \parindent\z@\hangindent1.6em"
              r"\leavevmode\hb@xt@1.6em{\@theenmark.\hss}}",
              r"\renewcommand\enoteheading{\chapter*{Notes}\markboth{Notes}{Notes}"
              r"\addcontentsline{toc}{chapter}{Notes}}",
              r"\renewcommand\enotesize{\small}", r"\makeatother",
              r"\newcommand\tssub[1]{\par\bigskip\noindent{\normalsize\bfseries #1}\par\nopagebreak\medskip}"]
    if o.get("hyperref"):
        L += [r"\usepackage[hidelinks,bookmarks=true]{hyperref}"]
    # the record: PDF page of each chapter opening, note marker and note text
    L += [r"\makeatletter", r"\newwrite\tsrec\immediate\openout\tsrec=\jobname.rec", r"\newcount\tsabspage",
          r"\AddToHook{shipout/before}{\global\advance\tsabspage 1\relax"
          r"\immediate\write\tsrec{page \the\tsabspage\space\thepage}}",
          r"\newcommand\tsm[1]{\write\tsrec{m #1 \the\tsabspage}}",
          r"\newcommand\tsn[1]{\edef\ts@x{\noexpand\write\tsrec{n #1 \noexpand\the\tsabspage\space"
          r"\the\c@footnote}}\ts@x}",
          r"\newcommand\tse[1]{\write\tsrec{n #1 \the\tsabspage\space 0}}",
          r"\newcommand\tsc[1]{\write\tsrec{c #1 \the\tsabspage}}",
          r"\newcommand\tsf[1]{\write\tsrec{f #1 \the\tsabspage}}",
          r"\newcommand\fnsep{\textsuperscript{,}}", r"\makeatother"]
    L += [r"\begin{document}"]
    # front matter
    front = o.get("front")
    if front:
        L += [r"\frontmatter"]
        if front is True:
            L += [r"\begin{titlepage}\centering\vspace*{0.25\textheight}",
                  r"{\Huge\bfseries %s\par}\vspace{1.5em}" % tex(BOOK_TITLE),
                  r"{\large Chapters from a monograph on foreign economic relations\par}\vfill",
                  r"{\small Test edition\par}\end{titlepage}",
                  r"\chapter*{Preface}\markboth{Preface}{Preface}\tsf{preface}"]
            L += [tex(p) + "\n" for p in PREFACE]
        L += [r"\cleardoublepage\tsf{contents}\tableofcontents", r"\mainmatter"]
    for ch in chapters:
        if book.placement == "book-end":
            L += [r"\setcounter{endnote}{0}",
                  r"\addtoendnotes{\string\tssub{Chapter %d. %s}}" % (ch["seq"], tex(ch["title"]))]
        L += [r"\chapter{%s}" % tex(ch["title"])]
        for k, para in enumerate(ch["paragraphs"]):
            words = [latex_sentence(book, text, ids, notes, endnotes) for text, ids in para]
            L += [(r"\tsc{%d}" % ch["seq"] if k == 0 else "") + " ".join(words), ""]
        if book.placement == "chapter-end":
            L += [r"\printendnotes"]
    if book.placement == "book-end":
        L += [r"\cleardoublepage\tsf{notes}\theendnotes"]
    L += [r"\end{document}"]
    return "\n".join(x for x in L if x is not None) + "\n"


def latex_sentence(book: Book, text: str, ids: list[int], notes: list[Note], endnotes: bool) -> str:
    if not ids:
        return tex(text)
    body, tail = (split_final_punct(text) if book.opts.get("marker") == "before-punct" else (text, ""))
    rec = r"\tse" if endnotes else r"\tsn"
    marks = []
    for i in ids:
        n = notes[i - 1]
        marks.append(r"\tsm{%d}\footnote{%s{%d}%s}" % (i, rec, i, tex_note(n.text)))
    sep = "" if book.scheme == "symbol" else r"\fnsep"
    return tex(body) + sep.join(marks) + tex(tail)


def run_latex(book: Book, tex_src: str, build: Path) -> tuple[Path, dict]:
    (build / f"{book.name}.tex").write_text(tex_src, encoding="utf-8")
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, FORCE_SOURCE_DATE="1")
    previous = None
    for run in range(1, 7):
        proc = subprocess.run([book.producer, "-interaction=nonstopmode", "-halt-on-error", f"{book.name}.tex"],
                              cwd=build, env=env, capture_output=True, text=True, errors="replace")
        log = (build / f"{book.name}.log").read_text(errors="replace")
        if proc.returncode != 0:
            raise SystemExit(f"{book.name}: {book.producer} failed (run {run}):\n{proc.stdout[-3000:]}")
        rec = (build / f"{book.name}.rec").read_text()
        rerun = re.search(r"Rerun to get|may have changed\.\s*Rerun|Please rerun|[Rr]erun LaTeX|"
                          r"Endnotes may have changed|Label\(s\) may have changed", log)
        if run >= 2 and rec == previous and not rerun:
            break
        previous = rec
    else:
        raise SystemExit(f"{book.name}: the record did not settle after 6 runs")
    missing = re.findall(r"Missing character: .*|Font shape `[^']*' undefined", log)
    if missing:
        raise SystemExit(f"{book.name}: missing glyphs: {sorted(set(missing))[:5]}")
    overfull = len(re.findall(r"Overfull \\hbox \(([\d.]+)pt", log))
    info = {"runs": run, "overfull_hboxes": overfull}
    return build / f"{book.name}.pdf", info


def read_record(path: Path) -> dict:
    rec = {"pages": {}, "marker": {}, "note": {}, "chapter": {}, "front": {}}
    for line in path.read_text().splitlines():
        kind, *rest = line.split()
        if kind == "page":
            rec["pages"][int(rest[0])] = rest[1]
        elif kind == "m":
            rec["marker"].setdefault(int(rest[0]), []).append(int(rest[1]))
        elif kind == "n":
            rec["note"].setdefault(int(rest[0]), []).append((int(rest[1]), int(rest[2])))
        elif kind == "c":
            rec["chapter"].setdefault(int(rest[0]), []).append(int(rest[1]))
        elif kind == "f":
            rec["front"].setdefault(rest[0], []).append(int(rest[1]))
    return rec


# ---------------------------------------------------------------------------------------- LibreOffice

FODT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:meta><dc:title>{title}</dc:title><meta:generator>tests/typeset/make_books.py</meta:generator></office:meta>
 <office:font-face-decls>
  <style:font-face style:name="DejaVu Serif" svg:font-family="'DejaVu Serif'" style:font-family-generic="roman" style:font-pitch="variable"/>
 </office:font-face-decls>
 <office:styles>
  <style:default-style style:family="paragraph">
   <style:paragraph-properties fo:hyphenation-ladder-count="no-limit" style:writing-mode="lr-tb"/>
   <style:text-properties style:font-name="DejaVu Serif" fo:font-size="10pt" fo:language="en" fo:country="GB" fo:hyphenate="false"/>
  </style:default-style>
  <style:style style:name="Standard" style:family="paragraph" style:class="text"/>
  <style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" style:parent-style-name="Standard" style:class="text">
   <style:paragraph-properties fo:text-align="justify" fo:text-indent="0.5cm" fo:margin-top="0cm" fo:margin-bottom="0.12cm" fo:line-height="120%"/>
  </style:style>
  <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard" style:class="chapter">
   <style:paragraph-properties fo:text-align="center" fo:margin-top="5cm" fo:margin-bottom="1cm"/>
   <style:text-properties fo:font-size="22pt" fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="Subtitle" style:family="paragraph" style:parent-style-name="Standard" style:class="chapter">
   <style:paragraph-properties fo:text-align="center"/>
   <style:text-properties fo:font-size="12pt"/>
  </style:style>
  <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Standard" style:default-outline-level="1" style:class="text">
   <style:paragraph-properties fo:break-before="page" fo:margin-top="1.2cm" fo:margin-bottom="0.8cm" fo:keep-with-next="always"/>
   <style:text-properties fo:font-size="16pt" fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="Header" style:family="paragraph" style:parent-style-name="Standard" style:class="extra">
   <style:paragraph-properties fo:text-align="center"/>
   <style:text-properties fo:font-size="8pt" fo:font-style="italic"/>
  </style:style>
  <style:style style:name="Footer" style:family="paragraph" style:parent-style-name="Standard" style:class="extra">
   <style:paragraph-properties fo:text-align="center"/>
   <style:text-properties fo:font-size="8pt"/>
  </style:style>
  <style:style style:name="Footnote" style:family="paragraph" style:parent-style-name="Standard" style:class="extra">
   <style:paragraph-properties fo:margin-left="0.45cm" fo:text-indent="-0.45cm" fo:margin-bottom="0.05cm" fo:text-align="justify"/>
   <style:text-properties fo:font-size="8pt"/>
  </style:style>
  <style:style style:name="Endnote" style:family="paragraph" style:parent-style-name="Standard" style:class="extra">
   <style:paragraph-properties fo:margin-left="0.6cm" fo:text-indent="-0.6cm" fo:margin-bottom="0.12cm"/>
   <style:text-properties fo:font-size="9pt"/>
  </style:style>
  <style:style style:name="Footnote_20_Symbol" style:display-name="Footnote Symbol" style:family="text"/>
  <style:style style:name="Footnote_20_anchor" style:display-name="Footnote anchor" style:family="text">
   <style:text-properties style:text-position="super 58%"/>
  </style:style>
  <style:style style:name="Endnote_20_Symbol" style:display-name="Endnote Symbol" style:family="text"/>
  <style:style style:name="Endnote_20_anchor" style:display-name="Endnote anchor" style:family="text">
   <style:text-properties style:text-position="super 58%"/>
  </style:style>
  <style:style style:name="Sup" style:family="text"><style:text-properties style:text-position="super 58%"/></style:style>
  <text:outline-style style:name="Outline">
   <text:outline-level-style text:level="1" style:num-format="{numfmt}" style:num-prefix="{numprefix}" style:num-suffix="{numsuffix}"/>
  </text:outline-style>
  <text:notes-configuration text:note-class="footnote" text:citation-style-name="Footnote_20_Symbol" text:citation-body-style-name="Footnote_20_anchor" style:num-format="1" text:start-value="0" text:footnotes-position="page" text:start-numbering-at="{restart}"/>
  <text:notes-configuration text:note-class="endnote" text:citation-style-name="Endnote_20_Symbol" text:citation-body-style-name="Endnote_20_anchor" text:master-page-name="Endnote" style:num-format="1" style:num-suffix="." text:start-value="0"/>
 </office:styles>
 <office:automatic-styles>
  <style:page-layout style:name="pm1">
   <style:page-layout-properties fo:page-width="14.8cm" fo:page-height="21cm" fo:margin-top="1.2cm" fo:margin-bottom="1.2cm" fo:margin-left="1.6cm" fo:margin-right="1.6cm">
    <style:footnote-sep style:width="0.018cm" style:distance-before-sep="0.1cm" style:distance-after-sep="0.1cm" style:line-style="solid" style:adjustment="left" style:rel-width="25%" style:color="#000000"/>
   </style:page-layout-properties>
   <style:header-style><style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.4cm"/></style:header-style>
   <style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.4cm"/></style:footer-style>
  </style:page-layout>
  <style:style style:name="P1" style:family="paragraph" style:parent-style-name="Text_20_body" style:master-page-name="Standard"/>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="pm1">
   {header}<style:footer><text:p text:style-name="Footer"><text:page-number text:select-page="current"/></text:p></style:footer>
  </style:master-page>
  <style:master-page style:name="Endnote" style:page-layout-name="pm1">
   <style:header><text:p text:style-name="Header">Notes</text:p></style:header>
   <style:footer><text:p text:style-name="Footer"><text:page-number text:select-page="current"/></text:p></style:footer>
  </style:master-page>
 </office:master-styles>
 <office:body><office:text>
"""


def x(s: str) -> str:
    return xml_escape(s)


def fodt_source(book: Book, chapters: list[dict], notes: list[Note]) -> str:
    o = book.opts
    header = ('<style:header><text:p text:style-name="Header"><text:chapter text:display="name" '
              'text:outline-level="1"/></text:p></style:header>') if o.get("header") == "chapter" else ""
    head = FODT_HEAD
    for key, value in {"title": x(BOOK_TITLE), "header": header,
                       "numfmt": "1" if o.get("chapter_label") else "",
                       "numprefix": "Chapter " if o.get("chapter_label") else "",
                       "numsuffix": ". " if o.get("chapter_label") else "",
                       "restart": "chapter" if book.scheme == "chapter" else "document"}.items():
        head = head.replace("{" + key + "}", value)
    body = [f'<text:p text:style-name="Title">{x(BOOK_TITLE)}</text:p>',
            '<text:p text:style-name="Subtitle">Chapters from a monograph on foreign economic relations</text:p>']
    cls = "endnote" if book.placement == "book-end" else "footnote"
    for ch in chapters:
        body.append(f'<text:h text:style-name="Heading_20_1" text:outline-level="1">{x(ch["title"])}</text:h>')
        for para in ch["paragraphs"]:
            parts = []
            for text, ids in para:
                if not ids:
                    parts.append(x(text))
                    continue
                main, tail = split_final_punct(text) if o.get("marker") == "before-punct" else (text, "")
                marks = []
                for i in ids:
                    n = notes[i - 1]
                    marks.append(f'<text:note text:id="{cls[:3]}{i}" text:note-class="{cls}"><text:note-citation>'
                                 f'{n.number}</text:note-citation><text:note-body><text:p text:style-name='
                                 f'"{"Endnote" if cls == "endnote" else "Footnote"}">{x(n.text)}</text:p>'
                                 f'</text:note-body></text:note>')
                parts.append(x(main) + '<text:span text:style-name="Sup">,</text:span>'.join(marks) + x(tail))
            body.append('<text:p text:style-name="Text_20_body">' + " ".join(parts) + "</text:p>")
    return head + "\n".join(body) + "\n</office:text></office:body></office:document>\n"


def run_libreoffice(book: Book, src: str, build: Path) -> tuple[Path, dict]:
    fodt = build / f"{book.name}.fodt"
    fodt.write_text(src, encoding="utf-8")
    profile = build / "lo-profile"
    proc = subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                           "--convert-to", "pdf", "--outdir", str(build), str(fodt)],
                          capture_output=True, text=True, timeout=600)
    pdf = build / f"{book.name}.pdf"
    if proc.returncode != 0 or not pdf.exists():
        raise SystemExit(f"{book.name}: soffice failed: {proc.stdout}\n{proc.stderr}")
    return pdf, {}


# -------------------------------------------------------------------------------------------- Chromium

HTML_STYLE = {
    True: "@page{size:A5;margin:18mm 15mm 20mm 15mm;@top-center{content:\"%s\";font:italic 8.5pt 'DejaVu Serif'}"
          "@bottom-center{content:counter(page);font:9pt 'DejaVu Serif'}}"
          "@page:first{@top-center{content:none}@bottom-center{content:none}}"
          "body{font:10.5pt/1.4 'DejaVu Serif';text-align:justify;hyphens:auto}" % BOOK_TITLE,
    False: "@page{size:Letter;margin:20mm 22mm}body{font:12pt/1.35 'Liberation Serif',serif}",
}


def h(s: str) -> str:
    return xml_escape(s, {'"': "&quot;"})


def html_source(book: Book, chapters: list[dict], notes: list[Note]) -> str:
    o = book.opts
    out = ['<!doctype html><html lang="en"><head><meta charset="utf-8">', f"<title>{h(BOOK_TITLE)}</title>",
           "<style>" + HTML_STYLE[o["margin_boxes"]] +
           "h1,h2,h3{text-align:left} h1{break-before:page;font-size:160%} sup{font-size:70%;line-height:0} ol.notes{font-size:88%}"
           ".title{break-after:page;text-align:center;margin-top:35%} .title p{font-size:200%}</style></head><body>",
           f'<div class="title"><p>{h(BOOK_TITLE)}</p>Chapters from a monograph on foreign economic relations</div>']
    book_lists = []
    for ch in chapters:
        title = f"{ch['seq']}. {ch['title']}" if o["heading"] == "number-dot" else ch["title"]
        out.append(f"<h1>{h(title)}</h1>")
        for para in ch["paragraphs"]:
            parts = []
            for text, ids in para:
                marks = "<sup>,</sup>".join(f'<sup><a href="#note{i}">{notes[i - 1].number}</a></sup>' for i in ids)
                parts.append(h(text) + marks)
            out.append("<p>" + " ".join(parts) + "</p>")
        own = [n for n in notes if n.chapter_seq == ch["seq"]]
        items = "".join(f'<li id="note{n.seq}">{h(n.text)}</li>' for n in own)
        if book.placement == "chapter-end" and own:
            out.append(f'<h2>Notes</h2><ol class="notes">{items}</ol>')
        elif own:
            book_lists.append(f'<h3>{h(ch["title"])}</h3><ol class="notes" start="{own[0].number}">{items}</ol>')
    if book_lists:
        out.append("<h1>Notes</h1>" + "".join(book_lists))
    return "\n".join(out) + "\n</body></html>\n"


def run_chromium(book: Book, src: str, build: Path) -> tuple[Path, dict]:
    # printed from one fixed place: the browser's footer prints the file's URL
    page = Path(tempfile.gettempdir()) / "typeset-html" / f"{book.name}.html"
    page.parent.mkdir(exist_ok=True)
    page.write_text(src, encoding="utf-8")
    pdf = build / f"{book.name}.pdf"
    flags = ["--no-pdf-header-footer"] if book.opts["margin_boxes"] else []
    proc = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", *flags,
                           f"--print-to-pdf={pdf}", page.as_uri()], capture_output=True, text=True, timeout=600)
    if proc.returncode != 0 or not pdf.exists():
        raise SystemExit(f"{book.name}: chromium failed: {proc.stdout}\n{proc.stderr}")
    return pdf, {}


# ----------------------------------------------------------------------------------------------- groff

def roff(s: str) -> str:
    """Text as a roff input line: backslashes escaped, a leading '.' kept as text, the apostrophe
    and grave accent as themselves (troff sets them as curly quotes)."""
    s = s.replace("\\", "\\e").replace("'", "\\(aq").replace("`", "\\(ga")
    return "\\&" + s if s[:1] == "." else s


def groff_source(book: Book, chapters: list[dict], notes: list[Note]) -> str:
    out = [".nr PS 11", ".nr VS 13", ".nr LL 5i", ".nr PO 1.25i", ".nr FL 5i", '.ds CH "\\(en % \\(en',
           ".TL", roff(BOOK_TITLE), ".AU", "Chapters from a monograph on foreign economic relations"]
    for ch in chapters:
        if ch["seq"] > 1:
            out.append(".bp")
        out += [".NH 1", roff(ch["title"])]
        for para in ch["paragraphs"]:
            out.append(".PP")
            for text, ids in para:
                # each marker an auto-numbered \** raised after the sentence, a raised comma between two
                out.append(roff(text) + "\\*{,\\*}".join("\\**" for _ in ids))
                for i in ids:
                    out += [".FS", roff(notes[i - 1].text), ".FE"]
    return "\n".join(out) + "\n"


def run_groff(book: Book, src: str, build: Path) -> tuple[Path, dict]:
    source = build / f"{book.name}.ms"
    source.write_text(src, encoding="utf-8")
    pdf = build / f"{book.name}.pdf"
    with pdf.open("wb") as out:
        proc = subprocess.run(["groff", "-ms", "-Kutf8", "-Tpdf", str(source)], stdout=out, stderr=subprocess.PIPE,
                              text=False, timeout=600, env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH})
    if proc.returncode != 0 or not pdf.stat().st_size:
        raise SystemExit(f"{book.name}: groff failed: {proc.stderr.decode(errors='replace')}")
    return pdf, {}


# ------------------------------------------------------------------------------- reading the PDF back

class Layer:
    """The PDF's text layer as pdfplumber gives it, normalised and concatenated, page by page."""

    def __init__(self, texts: list[str]):
        self.texts = texts
        self.starts = []
        parts, pos = [], 0
        for t in texts:
            self.starts.append(pos)
            n = norm(t)
            parts.append(n)
            pos += len(n)
        self.stream = "".join(parts)

    def page(self, pos: int) -> int:  # 1-based PDF page of a stream position
        return bisect.bisect_right(self.starts, pos)

    def page_text(self, page: int) -> str:
        end = self.starts[page] if page < len(self.starts) else len(self.stream)
        return self.stream[self.starts[page - 1]:end]

    def count(self, needle: str) -> int:
        return len(re.findall(re.escape(needle), self.stream))

    def align(self, needle: str, cursor: int, *, pieces: int = 3, gap: int = 6000, reach: int = 9000):
        """Find `needle` starting within `reach` characters after `cursor`, allowing it to be interrupted
        (by a page's foot and the next page's head) up to `pieces - 1` times. The first characters are
        looked for in pieces of 24, 12, 6, 3, then 1 characters, since a page may end right after them.
        Returns (start, end, [(piece_start, piece_end), ...]) or None."""
        for head in (24, 12, 6, 3, 1):
            first = needle[:head]
            search_from = cursor
            while True:
                start = self.stream.find(first, search_from, cursor + reach + len(first))
                if start < 0:
                    break
                spans = self._extend(needle, start, pieces, gap)
                if spans:
                    return start, spans[-1][1], spans
                search_from = start + 1
            if len(needle) <= head:
                break
        return None

    def _extend(self, needle: str, start: int, pieces: int, gap: int):
        spans, pos, j = [], start, 0
        while True:
            k = 0
            while j + k < len(needle) and pos + k < len(self.stream) and self.stream[pos + k] == needle[j + k]:
                k += 1
            if k == 0:
                return None
            spans.append((pos, pos + k))
            j += k
            if j >= len(needle):
                return spans
            if len(spans) >= pieces:
                return None
            nxt = needle[j:j + 12]
            found = self.stream.find(nxt, pos + k, pos + k + gap)
            if found < 0:
                return None
            pos = found


def read_layer(pdf: Path) -> tuple[list[str], int]:
    with pdfplumber.open(pdf) as doc:
        texts = [p.extract_text() or "" for p in doc.pages]
    return texts, len(texts)


def note_zone_label(book: Book, note: Note) -> str:
    if book.producer == "groff":
        return str(note.number)
    if book.producer == "chromium":
        return f"{note.number}."
    if book.producer == "libreoffice":
        return f"{note.number}." if book.placement == "book-end" else str(note.number)
    if book.opts.get("baseline_notes") or book.placement != "foot":
        return f"{note.number}."
    return note.label


def locate(book: Book, chapters: list[dict], notes: list[Note], layer: Layer, rec: dict | None) -> dict:
    """Align the book's text with its text layer: chapters, sentences and markers in order, then notes."""
    problems = []
    body_cursor = 0
    if rec and rec["front"].get("contents"):  # after the contents page(s): they repeat the titles
        body_cursor = layer.starts[max(rec["chapter"][1][0] - 1, 0)] if 1 in rec["chapter"] else 0
    elif book.producer in ("libreoffice", "chromium"):
        body_cursor = layer.starts[1] if len(layer.starts) > 1 else 0  # past the title page
    elif book.producer == "groff":
        body_cursor = len(norm(BOOK_TITLE))  # past the title, above the first chapter
    chapter_pages, sentence_pages = {}, 0
    marker = {}
    for ch in chapters:
        title = norm(ch["title"])
        # the heading: the title just before the chapter's first sentence
        first_text = norm(ch["paragraphs"][0][0][0])
        hit = layer.align(title, body_cursor, pieces=1, reach=len(layer.stream))
        if not hit:
            problems.append(f"chapter {ch['seq']}: title not found")
        else:
            chapter_pages[ch["seq"]] = layer.page(hit[0])
            body_cursor = hit[1]
        for para in ch["paragraphs"]:
            for text, ids in para:
                labels = [notes[i - 1] for i in ids]
                if ids:
                    sep = "" if book.scheme == "symbol" else ","
                    group = norm(sep.join(marker_label(book, n) for n in labels))
                    if book.opts.get("marker") == "before-punct":
                        main, tail = split_final_punct(text)
                    else:
                        main, tail = text, ""
                    needle = norm(main) + group + norm(tail)
                else:
                    needle, group, main = norm(text), "", text
                hit = layer.align(needle, body_cursor, pieces=3)
                if not hit:
                    problems.append(f"chapter {ch['seq']}: sentence not found: {text[:80]!r}")
                    continue
                sentence_pages += 1
                body_cursor = hit[1]
                if ids:
                    # the marker label: the stream position right after the sentence's main text
                    end_main = position_after(hit[2], len(norm(main)))
                    if layer.stream[end_main:end_main + len(group)] != group:
                        problems.append(f"marker {ids}: label {group!r} not after {text[-40:]!r}")
                        continue
                    for i in ids:
                        marker[i] = layer.page(end_main)
    note_cursor = 0
    body_of, end_of, counts, first_note_at = {}, {}, {}, {}
    for n in notes:
        label = norm(note_zone_label(book, n))
        needle = label + norm(n.text)
        reach = 9000
        if book.placement == "chapter-end" and n.number == 1:  # each chapter's list starts after its text
            last_of_chapter = max(m.seq for m in notes if m.chapter_seq == n.chapter_seq)
            note_cursor = max(note_cursor, layer.starts[marker.get(last_of_chapter, 1) - 1])
            reach = 30000
        if book.placement == "book-end" and n.seq == 1:  # the notes follow the last chapter's text
            note_cursor = layer.starts[max(marker.values(), default=1) - 1]
            reach = 30000
        if book.placement == "foot" and n.seq in marker:  # a footnote starts on its marker's page or later
            note_cursor = max(note_cursor, layer.starts[marker[n.seq] - 1])
        hit = layer.align(needle, note_cursor, pieces=4, reach=reach)
        if not hit:
            problems.append(f"note {n.seq} (source {n.source_number}): text not found")
            continue
        body_of[n.seq], end_of[n.seq] = layer.page(hit[0]), layer.page(hit[1] - 1)
        counts[n.seq] = layer.count(needle[:60])
        if book.placement != "foot" and n.chapter_seq not in first_note_at:
            first_note_at[n.chapter_seq] = hit[0]
        note_cursor = hit[1]
    # the heading over each chapter's notes: the last one before the chapter's first note
    headings = []
    for ch in chapters:
        if ch["seq"] not in first_note_at:
            continue
        text = "Notes" if book.placement == "chapter-end" else notes_subheading(book, ch)
        if text is None:
            continue
        at = layer.stream.rfind(norm(text), 0, first_note_at[ch["seq"]])
        if at < 0:
            problems.append(f"chapter {ch['seq']}: notes heading {text!r} not found")
            continue
        headings.append({"chapter_seq": ch["seq"], "text": text, "pdf_page": layer.page(at)})
    return {"problems": problems, "chapter_pages": chapter_pages, "marker": marker, "body": body_of,
            "notes_headings": headings,
            "body_end": end_of, "counts": counts, "sentences": sentence_pages}


def position_after(spans: list[tuple[int, int]], length: int) -> int:
    """The stream position of needle index `length` (the first character after it) in an alignment."""
    offset = 0
    for a, b in spans:
        if length < offset + (b - a):
            return a + (length - offset)
        offset += b - a
    return spans[-1][1]


def notes_subheading(book: Book, ch: dict) -> str | None:
    """The subheading over a chapter's notes in a book-end list (None: the list has none)."""
    if book.producer == "libreoffice":
        return None
    if book.producer == "chromium":
        return ch["title"]
    return f"Chapter {ch['seq']}. {ch['title']}"


def marker_label(book: Book, n: Note) -> str:
    return n.label if book.producer not in ("libreoffice", "chromium", "groff") and book.scheme in ("page", "symbol") else str(n.number)


# --------------------------------------------------------------------------------------------- driver

def make(book: Book, source: dict, keep: Path | None) -> dict:
    chapters, notes = load_book(book, source)
    build = Path(tempfile.mkdtemp(prefix=f"typeset-{book.name}-")) if keep is None else keep / book.name
    build.mkdir(parents=True, exist_ok=True)
    rec = None
    if book.producer == "libreoffice":
        src = fodt_source(book, chapters, notes)
        pdf, info = run_libreoffice(book, src, build)
        suffix = ".fodt"
    elif book.producer == "chromium":
        src = html_source(book, chapters, notes)
        pdf, info = run_chromium(book, src, build)
        suffix = ".html"
    elif book.producer == "groff":
        src = groff_source(book, chapters, notes)
        pdf, info = run_groff(book, src, build)
        suffix = ".ms"
    else:
        src = latex_source(book, chapters, notes)
        pdf, info = run_latex(book, src, build)
        rec = read_record(build / f"{book.name}.rec")
        suffix = ".tex"
        for n in notes:  # printed numbers as the engine set them
            got = rec["note"].get(n.seq)
            if not got or len(got) != 1:
                raise SystemExit(f"{book.name}: note {n.seq} recorded {got!r} times")
            counter = got[0][1]
            if book.scheme in ("page", "symbol"):
                n.number = counter
            elif book.placement == "foot" and counter != n.number:
                raise SystemExit(f"{book.name}: note {n.seq} printed as {counter}, expected {n.number}")
            if book.scheme == "symbol":
                n.symbol = SYMBOLS[n.number - 1]
                n.label = n.symbol
            else:
                n.label = str(n.number)
    for n in notes:
        if not n.label:
            n.label = str(n.number)
    texts, page_count = read_layer(pdf)
    layer = Layer(texts)
    found = locate(book, chapters, notes, layer, rec)
    problems = list(found["problems"])
    for n in notes:
        if n.seq not in found["marker"]:
            problems.append(f"note {n.seq}: marker not located")
        if n.seq not in found["body"]:
            problems.append(f"note {n.seq}: text not located")
    # the text layer against the engine's record
    if rec:
        for n in notes:
            m, b = rec["marker"].get(n.seq, []), rec["note"].get(n.seq, [])
            if len(m) != 1:
                problems.append(f"note {n.seq}: marker recorded {m}")
            elif found["marker"].get(n.seq) != m[0]:
                problems.append(f"note {n.seq}: marker on page {found['marker'].get(n.seq)} in the text, "
                                f"{m[0]} in the record")
            if b and found["body"].get(n.seq) != b[0][0]:
                problems.append(f"note {n.seq}: text on page {found['body'].get(n.seq)} in the text, "
                                f"{b[0][0]} in the record")
        for ch in chapters:
            if rec["chapter"].get(ch["seq"], [None])[0] != found["chapter_pages"].get(ch["seq"]):
                problems.append(f"chapter {ch['seq']}: page {found['chapter_pages'].get(ch['seq'])} in the text, "
                                f"{rec['chapter'].get(ch['seq'])} in the record")
    # every note located once: no two notes on one place, each in order
    seen = {}
    for n in notes:
        key = (found["body"].get(n.seq), note_zone_label(book, n), n.text)
        if key in seen:
            problems.append(f"note {n.seq}: same place and text as note {seen[key]}")
        seen[key] = n.seq
    if book.scheme == "symbol":
        per_page = {}
        for n in notes:
            per_page.setdefault(found["marker"].get(n.seq), []).append(n.number)
        for page, numbers in per_page.items():
            if numbers != list(range(1, len(numbers) + 1)):
                problems.append(f"page {page}: symbol order {numbers}")
        info["max_symbols_per_page"] = max(len(v) for v in per_page.values())
    if book.scheme == "page":
        per_page = {}
        for n in notes:
            per_page.setdefault(found["marker"].get(n.seq), []).append(n.number)
        for page, numbers in per_page.items():
            if numbers != list(range(1, len(numbers) + 1)):
                problems.append(f"page {page}: numbers {numbers}")
    # printed page numbers: the engine's page counter (LaTeX; the title page shows none) or the
    # document's page field on every page (LibreOffice); each must be a word of the page's first or last line
    if rec:
        pages = [{"pdf_page": p, "printed": rec["pages"][p]} for p in sorted(rec["pages"])]
        if book.opts.get("front") is True:
            pages[0]["printed"] = None  # the title page
    else:
        pages = [{"pdf_page": p, "printed": str(p)} for p in range(1, page_count + 1)]
        if book.producer == "chromium" and book.opts["margin_boxes"]:
            pages[0]["printed"] = None  # the title page
        elif book.producer == "chromium":  # the browser's footer: "3/25"
            pages = [{"pdf_page": p, "printed": f"{p}/{page_count}"} for p in range(1, page_count + 1)]
        elif book.producer == "groff":  # ms: "– 2 –" on top, none on page 1
            pages = [{"pdf_page": p, "printed": f"–{p}–" if p > 1 else None} for p in range(1, page_count + 1)]
    if len(pages) != page_count:
        problems.append(f"{len(pages)} pages recorded, {page_count} in the PDF")
    for entry in pages:
        lines = [ln for ln in texts[entry["pdf_page"] - 1].splitlines() if ln.strip()]
        edge = (lines[0].split() + lines[-1].split()) if lines else []
        if entry["printed"] is not None and entry["printed"] not in edge:
            problems.append(f"page {entry['pdf_page']}: printed number {entry['printed']!r} not in its first "
                            f"or last line")
    if problems:
        raise SystemExit(f"{book.name}: {len(problems)} problems:\n  " + "\n  ".join(problems[:40]))

    OUT.mkdir(exist_ok=True)
    shutil.copyfile(pdf, OUT / f"{book.name}.pdf")
    (OUT / f"{book.name}{suffix}").write_text(src, encoding="utf-8")
    subprocess.run(["pdftotext", str(OUT / f"{book.name}.pdf"), str(OUT / f"{book.name}.pdftotext.txt")], check=True)
    subprocess.run(["pdftotext", "-layout", str(OUT / f"{book.name}.pdf"),
                    str(OUT / f"{book.name}.pdftotext-layout.txt")], check=True)
    (OUT / f"{book.name}.pdfplumber.txt").write_text("\f".join(texts), encoding="utf-8")

    front = {}
    if rec:
        for key, title in (("preface", "Preface"), ("contents", "Contents"), ("notes", "Notes")):
            if rec["front"].get(key):
                front[key] = {"title": title, "first_pdf_page": rec["front"][key][0]}
    if book.producer == "libreoffice" and book.placement == "book-end":
        front["notes"] = {"title": "Notes (running head of the endnote pages)",
                          "first_pdf_page": min(found["body"].values())}
    truth = {
        "file": f"{book.name}.pdf",
        "producer": book.producer,
        "engine": {"pdflatex": "pdfTeX (LaTeX book class)", "xelatex": "XeTeX (LaTeX book class)",
                   "lualatex": "LuaTeX (LaTeX book class)",
                   "libreoffice": "LibreOffice Writer (soffice --convert-to pdf)",
                   "chromium": "Chromium (--headless --print-to-pdf)",
                   "groff": "groff -ms -Tpdf (gropdf)"}[book.producer],
        "notes_scheme": book.scheme,
        "notes_placement": book.placement,
        "notes_style": "baseline" if book.opts.get("baseline_notes") else "superscript",
        "marker_position": "before-final-punctuation" if book.opts.get("marker") == "before-punct"
        else "after-sentence",
        "about": book.about,
        "pdf_pages": page_count,
        "page_numbering": "pdf_page_* fields are 1-based indices of PDF pages; 'pages' gives each page's "
                          "printed number (null: none printed)",
        "front_matter": front,
        "notes_headings": found["notes_headings"],
        "chapters": [{"seq": ch["seq"], "title": ch["title"], "first_pdf_page": found["chapter_pages"][ch["seq"]],
                      "source_seq": ch["source_seq"],
                      "notes": sum(1 for n in notes if n.chapter_seq == ch["seq"])} for ch in chapters],
        "notes": [{"chapter_seq": n.chapter_seq, "number": n.number, "symbol": n.symbol,
                   "pdf_page_of_body": found["body"][n.seq], "pdf_page_of_body_end": found["body_end"][n.seq],
                   "pdf_page_of_marker": found["marker"][n.seq], "text": n.text, "marker_sentence": n.sentence,
                   "source_number": n.source_number} for n in notes],
    }
    truth["pages"] = pages
    (OUT / f"{book.name}.truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n",
                                                 encoding="utf-8")
    split = sum(1 for n in notes if found["body_end"][n.seq] != found["body"][n.seq])
    moved = sum(1 for n in notes if found["body"][n.seq] != found["marker"][n.seq])
    repeated = sum(1 for v in found["counts"].values() if v > 1)
    summary = {"name": book.name, "file": f"{OUT.name}/{book.name}.pdf", "truth": f"{OUT.name}/{book.name}.truth.json",
               "producer": book.producer, "notes_scheme": book.scheme, "notes_placement": book.placement,
               "notes_style": truth["notes_style"], "marker_position": truth["marker_position"],
               "chapters": len(chapters), "notes": len(notes), "pdf_pages": page_count,
               "bytes": (OUT / f"{book.name}.pdf").stat().st_size, "about": book.about}
    print(f"{book.name}: {page_count} pages, {len(notes)} notes, {split} split across pages, "
          f"{moved} with text off the marker's page, {repeated} whose opening recurs elsewhere (placed by "
          f"order), {summary['bytes']} bytes {info}", flush=True)
    if keep is None:
        shutil.rmtree(build, ignore_errors=True)
    return summary


# the second printing: every book again from other chapters of source.json, so its page breaks,
# notes per page and headings fall elsewhere (books-second/, books-second.json)
SECOND_PRINTING = {
    "latex-book-foot": (12, 25, 4), "latex-chapter-foot": (21, 2, 24), "latex-page-foot": (4, 2),
    "latex-symbol-foot": (25, 21), "latex-chapter-end": (24, 12), "latex-book-end": (2, 25, 24),
    "latex-baseline-notes": (12, 21), "lo-book-foot": (24, 4), "lo-chapter-foot": (2, 12), "lo-book-end": (21, 25),
    "html-chapter-end": (2, 24), "html-book-end": (25, 12, 21), "groff-book-foot": (2, 21, 4),
}


def main(argv=None) -> None:
    global OUT
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", nargs="*", help="book names (default: all)")
    ap.add_argument("--keep-build", type=Path, help="keep the build directories under this folder")
    ap.add_argument("--second", action="store_true",
                    help="the second printing: the same books from other chapters, in books-second/")
    args = ap.parse_args(argv)
    source = json.loads(SOURCE.read_text(encoding="utf-8"))
    books = [dataclasses.replace(b, chapters=SECOND_PRINTING[b.name]) for b in BOOKS] if args.second else BOOKS
    OUT = HERE / ("books-second" if args.second else "books")
    chosen = [b for b in books if not args.only or b.name in args.only]
    summaries = [make(b, source, args.keep_build) for b in chosen]
    manifest_path = HERE / ("books-second.json" if args.second else "books.json")
    old = {}
    if manifest_path.exists() and args.only:
        old = {b["name"]: b for b in json.loads(manifest_path.read_text())["books"]}
    for s in summaries:
        old[s["name"]] = s
    order = [b.name for b in BOOKS]
    manifest = {"about": "Test books typeset from source.json by make_books.py; each book's truth is in "
                         f"{OUT.name}/NAME.truth.json, its text dumps in {OUT.name}/NAME.{{pdftotext,pdftotext-layout,"
                         "pdfplumber}.txt.",
                "source": "source.json",
                "books": sorted(old.values(), key=lambda b: order.index(b["name"]))}
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
