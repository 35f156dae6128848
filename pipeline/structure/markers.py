"""Note markers in the body text: where each note is cited, and the text without its markers.

Markers are bare numbers after a word or quote ("annually 224.\"", "Balkans, 799can"). For every
note the candidates are its number on the page of its body or the page before; the most
marker-like candidates in the notes' order win (aligned over a whole series of notes).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from ..records import NOTE_SYMBOLS, RE_DELIMITED_MARK, SYMBOL_CLASS, Footnote, symbol_order
from .paragraphs import JoinedParagraph

RE_NUMBER = re.compile(r"\d{1,4}")
RE_SPLIT_NUMBER = re.compile(r"(?<!\d)(\d{1,3}) (\d{1,2})(?!\d)")
RE_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)\b")
RE_DIGIT_AHEAD = re.compile(r"\s?\d")  # "4 . 8 %": a tokenised decimal, no stop
# the next sentence's opening, after a space or glued on as pdfplumber sets it ("$45,900.2There",
# "older than 12.7A survey")
RE_SENTENCE_GOES_ON = re.compile(r"\s+[A-Z“\"‘]|[A-Z](?:[a-z]|\s)")
RE_FOLLOWING_WORD = re.compile(r"\s*([^\W\d_]+)")
# words a converter ran together on both sides of a raised mark, as pdfplumber sets tight type
# ("Ofcourseyoucanhaveseveralparagraphs3inanendnote"): no name or code is glued so ("utf8encode")
RE_RUN_TOGETHER_BEFORE = re.compile(r"[a-z]{10,}$")
RE_RUN_TOGETHER_AFTER = re.compile(r"[a-z]{6,}")
RE_PRECEDING_WORD = re.compile(r"([^\W\d_]+)\W*$")  # any script's letters: "publicação11"
# a ruler's numeral of two letters or more after a name, a marker glued on ("Henry VIII3", "Æthelred
# II5"); not "A2", "MiG29", "BMW X5", "Core I7"
RE_REGNAL_NUMERAL = re.compile(r"[^\W\d_][^\W\d_]+ (?=[IVX]{2})X{0,3}(?:IX|IV|V?I{0,3})$")
# the start of a section's number: "6.5." of "6.5.4 Continuing", "6." of "6.4 Program Stops" opening
# a sentence (not "older than 12.7 A survey": a figure ending its sentence, then a marker)
RE_SECTION_NUMBER_END = re.compile(r"(?:(?:^|[.!?:]\s+)\d{1,2}|(?<![\d.])\d{1,2}\.\d{1,3})(?:\.\d{1,3})*\.$")
# "C." of "C.1", "C.1." of "C.1.2", "SectionC." as pdfplumber runs "Section C.1" together
RE_DOTTED_NUMBER_END = re.compile(r"\d\.\d{1,3}\.(?:\d{1,3}\.)*$")  # "2.4.3.": a section's number, then a mark
RE_LETTER_SECTION_END = re.compile(r"(?:^|[^\w.]|(?<=[a-z]))[A-Z](?:\.\d{1,3})*\.$")
RE_NUMBERS_BEFORE = re.compile(r"(?:(?<![\w.,])\d{1,4} ){0,2}$")  # up to two bare numbers just before ...
RE_NUMBERS_AFTER = re.compile(r"(?: \d{1,4}(?![\w.,])){0,2}")  # ... and just after
RE_CODE_BEFORE = re.compile(r"[{}=<>|\\_^~&+]\s+$")  # code's last sign, then the number set apart
RE_CODE_LINE = re.compile(r"[{}=\\%]")  # a line of code: a number alone below it is a listing's
RE_LEADER_BEFORE = re.compile(r"(?:\.\s?){4,}\s*$")  # a contents line's dot leader
# a sentence's stop and an ellipsis ("in the preamble. ...2"), no leader
RE_ELLIPSIS_BEFORE = re.compile(r"(?<![.\s])(?:[.!?]\s)?\.\.\.$")
# a raised mark run into the year before it, then the stop: "in 20233 ." ("in 20233." once joined)
RE_MARK_AFTER_YEAR = re.compile(r"(?<![\d.,])(?:1[89]|20)\d\d(\d{1,3}) ?(?=[.,;:!?)”\"»’](?!\d))")
AFTER_YEAR_SCORE = 1  # less sure than a mark set apart from its word
RE_NEXT_LABEL = re.compile(r"\s+(\d{1,3})\.")
RE_ITEM_LABEL = re.compile(r"(?<![\w.,])(\d{1,3})\.\s+(?=[A-Za-z“\"(\\])")  # "15. UPC code", "5. \Name{...}"
LABEL_REACH = 200  # how far a list's next or previous label may stand (one item's text)
RE_PREVIOUS_LABEL = re.compile(r"(?<!\d)(\d{1,3})\.\s+$")
# words after which a number is a quantity or a date, not a marker
NON_MARKER_PRECEDERS = frozenset("""
in of to from by for and or the a an about over than nearly almost some with at on all only
total no nos number since until till before after between among around approximately up per
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec year years top first last next
""".split())
# two-letter words a marker may be glued to ("in it103 ."); no unit ("km2") among them
SHORT_WORDS = frozenset("it is us so me he we be do go an as at by if in of on or to up".split())
NUMBER_SIGNS = frozenset({"no", "nos", "number", "nr"})
# words whose number, set apart, is a cross-reference: "see section 4.", "(see page 4)", "Fig. 2";
# not "figure(s)", which a book's marker set apart follows ("the 2021 figure 679.")
REFERENCE_WORDS = frozenset("""
section chapter page p pp fig table part appendix volume vol note line equation eq step item
example paragraph
""".split())
# "see" and a reference word before the number, set apart or run together ("seesection4.",
# "(seepage4)" as pdfplumber sets tight type): a cross-reference however it is spaced
RE_SEE_REFERENCE = re.compile(r"see\s*(?:" + "|".join(sorted(REFERENCE_WORDS, key=len, reverse=True)) + r")\.?\s*$", re.I)
SEE_REACH = 24  # how far before the number "see section" may start
MIN_SENTENCE_WORD = 4  # a stop after a word this long ends a sentence: "case.1 It", not "Vol.2 The"
# words after which a number is a quantity: "27 intergovernmental agreements" keeps 27
UNIT_WORDS = frozenset("""
thousand million billion trillion percent per times years year months month days day weeks
tons tonnes kilometers km hectares units pieces people countries companies enterprises hp
""".split())
MIN_MARKER_SCORE = 0
# a number set apart between lowercase words ("package ifthen 24 with") scores this: as often a
# quantity as a raised mark pdftotext set apart, so a marker only where a run of notes says so
SET_APART_SCORE = MIN_MARKER_SCORE - 1
RE_COMMAND_BEFORE_NUMBER = re.compile(r"\\[A-Za-z@]+\s+$")  # a TeX command, then the number set apart
COMMAND_REACH = 40
GREEK_FIRST, GREEK_LAST = "\u0370", "\u03ff"
RE_SENTENCE_STOP = re.compile(r"[.!?:][\"”»’)]*$")
ALONE_BONUS = 2  # a number on a line of its own inside a paragraph: a raised mark the converter set apart
RAISED_SCORE = 10
RAISED_DOMINANT_SHARE = 0.5  # with raised marks for this share of the notes, bare numbers are not markers
RE_MARK = RE_DELIMITED_MARK
# a mark glued to a word in capitals ("the GFDL1 which", "LATEX12,"): a code's number as often
# ("COVID19", "MiG29"), so a mark only where that pair stands once in the document and the word
# stands elsewhere without it
RE_CAPS_GLUED = re.compile(r"(?<![\w-])([A-Z]{2,})(\d{1,3})(?=[\s.,;:!?)”\"’»]|$)")
RE_CAPS_WORD = re.compile(r"(?<![\w-])[A-Z]{2,}(?![\w-])")
CAPS_GLUED_SCORE = MIN_MARKER_SCORE
# a note symbol set right after a word, a quote or a stop ('in 2015."‡ And'), as a text dump has it
RE_TEXT_SYMBOL = re.compile(rf"(?<=[^\s\d{''.join(re.escape(c) for c in NOTE_SYMBOLS)}])({SYMBOL_CLASS}{{1,3}})(?!{SYMBOL_CLASS}|\w)")


@dataclass(frozen=True)
class Marker:
    paragraph: int
    start: int
    end: int
    number: int
    method: str
    score: int



def find_markers(paragraphs: Sequence[JoinedParagraph], notes: Sequence[Footnote],
                 chapter_index: dict[str, int] | None = None,
                 contents: dict[int, list[tuple[int, int]]] | None = None) -> dict[str, Marker]:
    """The marker of each note (by footnote_id), where one is found in the body text.

    Raised marks the layout delimited are certain; bare numbers are read by their context, and
    only where the document has no raised marks to speak of. A footnote's marker stands on the
    page of its body or the page before; an endnote's in the chapter it belongs to (or anywhere,
    for notes numbered through the book). Within one series the markers follow the notes' order.
    `contents`: where paragraphs hold a table of contents' entries (spans by paragraph), whose
    bare numbers are pages."""
    raised: dict[int, list[Marker]] = defaultdict(list)
    bare: dict[int, list[Marker]] = defaultdict(list)
    symbolic: dict[str, list[Marker]] = defaultdict(list)  # '*', '†' as a dump writes them, by symbol
    glued_caps = Counter(m.group() for paragraph in paragraphs for m in RE_CAPS_GLUED.finditer(paragraph.text))
    caps_words = Counter(m.group() for paragraph in paragraphs for m in RE_CAPS_WORD.finditer(paragraph.text))
    for p, paragraph in enumerate(paragraphs):
        spans = []  # where no bare number is a marker: the raised marks, a contents' entries
        for m in RE_MARK.finditer(paragraph.text):
            label = m.group(1)
            number = int(label) if label.isdigit() else symbol_order(label)
            raised[number].append(Marker(p, m.start(), m.end(), number, "raised", RAISED_SCORE))
            spans.append((m.start(), m.end()))
        # a contents' numbers are its pages (raised marks there still count)
        spans += (contents or {}).get(p, [])
        inside = lambda m: any(a <= m.start() < b for a, b in spans)  # noqa: E731
        alone = _lines_alone(paragraph)
        for m in RE_NUMBER.finditer(paragraph.text):
            score = _marker_score(paragraph.text, m.start(), m.end())
            if score is not None and m.start() in alone:
                score += ALONE_BONUS  # set on a line of its own, as a converter sets a raised mark apart
            if score is not None and not inside(m):
                bare[int(m.group())].append(Marker(p, m.start(), m.end(), int(m.group()), "exact", score))
        for m in RE_TEXT_SYMBOL.finditer(paragraph.text):
            if not inside(m):
                symbolic[m.group(1)].append(Marker(p, m.start(), m.end(), symbol_order(m.group(1)), "exact", MIN_MARKER_SCORE))
        for m in RE_CAPS_GLUED.finditer(paragraph.text):
            if glued_caps[m.group()] == 1 and caps_words[m.group(1)] and not inside(m):
                value = int(m.group(2))
                bare[value].append(Marker(p, m.start(2), m.end(2), value, "exact", CAPS_GLUED_SCORE))
        for m in RE_MARK_AFTER_YEAR.finditer(paragraph.text):
            if not inside(m):
                value = int(m.group(1))
                bare[value].append(Marker(p, m.start(1), m.end(1), value, "after_year", AFTER_YEAR_SCORE))
        for m in RE_SPLIT_NUMBER.finditer(paragraph.text):
            value = int(m.group(1) + m.group(2))
            score = _marker_score(paragraph.text, m.start(), m.end())
            if score is not None and not inside(m):
                bare[value].append(Marker(p, m.start(), m.end(), value, "split_number", score - 2))
    n_raised = sum(len(v) for v in raised.values())
    if n_raised >= RAISED_DOMINANT_SHARE * len(notes) and n_raised:
        # bare numbers only for notes no raised mark carries anywhere: a font that raises some
        # figures as glyphs of their own and sets others plain ("¹⁴" as "1⁴", "13" plain)
        candidates = _merged(raised, {n: bare[n] for n in bare if n not in raised})
    else:
        candidates = _merged(raised, bare)
    chapter_index = chapter_index or {}
    # the series a marker's place is ordered in, the most constrained first: footnotes (their
    # page; a parallel column's notes apart, their marks interleaved with the first column's),
    # then the endnotes of each chapter, then the rest
    series_of: dict[object, list[int]] = {}
    for i in sorted(range(len(notes)), key=lambda i: (notes[i].placement != "foot", notes[i].scope != "chapter", i)):
        note = notes[i]
        chapter = chapter_index.get(note.chapter_id) if note.chapter_id is not None else None
        key = ("foot", note.series) if note.placement == "foot" else ("end", chapter if note.scope == "chapter" else None)
        series_of.setdefault(key, []).append(i)
    found: dict[str, Marker] = {}
    used: set[tuple[int, int]] = set()
    for members in series_of.values():
        pools = [_candidates(notes[i], candidates, symbolic, paragraphs, chapter_index, used) for i in members]
        chosen = dict(enumerate(_aligned(pools)))
        # a note the series' order leaves without a place, with one likely place (a raised mark of
        # its number, or a bare one as sure) that no other note may take, has its marker there:
        # parallel columns read across set "29" after "30"
        places = Counter((m.paragraph, m.start) for pool in pools for _, m in pool)
        taken = {(m.paragraph, m.start) for m in chosen.values() if m is not None}
        for n, pool in enumerate(pools):
            likely = [(likeness, m) for likeness, m in pool if likeness > 0]
            if chosen[n] is not None or len(likely) != 1:
                continue
            likeness, marker = likely[0]
            place = (marker.paragraph, marker.start)
            if (marker.method == "raised" or likeness >= SURE_LIKENESS) and places[place] == 1 and place not in taken:
                chosen[n] = marker
        for n, marker in chosen.items():
            if marker is not None:
                found[notes[members[n]].footnote_id] = marker
                used.add((marker.paragraph, marker.start))
    return found


def _lines_alone(paragraph: JoinedParagraph) -> set[int]:
    """Where a number stands alone on a line of the paragraph (its offset), inside a sentence
    that goes on below it in lowercase ("economic" / "22" / "cooperation ...") or among the pieces
    of a justified line ("in" / "23" / "Zimbabwe"."); not a contents' "1" above "Pakistan: ..."."""
    bounds = paragraph.line_starts + [len(paragraph.text)]
    lines = [paragraph.text[bounds[k]:bounds[k + 1]] for k in range(len(paragraph.line_starts))]
    def piece(line: str) -> bool:  # a justified line broken at its wide spaces: a word or two
        words = line.split()
        return 0 < len(words) <= 2 and any(c.isalpha() for c in line) and not RE_SENTENCE_STOP.search(line.rstrip())

    out = set()
    for k in range(1, len(lines) - 1):
        if not RE_NUMBER.fullmatch(lines[k].strip()) or RE_SENTENCE_STOP.search(lines[k - 1].rstrip()):
            continue
        if RE_CODE_LINE.search(lines[k - 1]):
            continue  # a listing's line number between its lines of code
        if lines[k + 1].strip()[:1].islower() or (k >= 2 and piece(lines[k - 1]) and piece(lines[k - 2])):
            out.add(bounds[k] + len(lines[k]) - len(lines[k].lstrip()))
    return out


def _candidates(note: Footnote, candidates: dict[int, list[Marker]], symbolic: dict[str, list[Marker]],
                paragraphs: Sequence[JoinedParagraph], chapter_index: dict[str, int],
                used: set[tuple[int, int]]) -> list[tuple[float, Marker]]:
    """The places that may hold one note's marker, each with how much it looks like it."""
    foot = note.placement == "foot"
    chapter = chapter_index.get(note.chapter_id) if note.chapter_id is not None else None
    # a footnote's marker stands on its page or the page before; rarely (a note the layout
    # could not fit after its marker) on the page after
    pages = {note.page, note.page - 1} | ({note.page + 1} if note.scope != "page" else set())
    pool = candidates.get(note.number, ())
    if note.symbol:  # a symbol's marker is the symbol: raised, or glued to the word in a dump
        pool = [c for c in pool if c.method == "raised"] + symbolic.get(note.symbol, [])
    out = []
    for c in pool:
        if c.score < SET_APART_SCORE or (c.paragraph, c.start) in used:
            continue
        on_page = paragraphs[c.paragraph].page_at(c.start)
        if foot and on_page not in pages:
            continue
        if not foot and note.scope == "chapter" and paragraphs[c.paragraph].chapter != chapter:
            continue
        if not foot and on_page > note.page:
            continue  # an endnote's marker comes before the note
        likeness = c.score + (foot and on_page == note.page) - 2 * (foot and on_page > note.page)
        out.append((likeness + SPLIT_NUMBER_DOUBT * (c.method != "split_number"), c))
    return out


SURE_LIKENESS = 3  # a bare number this marker-like, the only place for its note, needs no order
SPLIT_NUMBER_DOUBT = 0.5  # of two places alike, the one not read from a number split in two
LINKED_NOTE_WORTH = 1000.0  # one more note linked outweighs any difference in likeness


def _aligned(pools: Sequence[Sequence[tuple[float, Marker]]]) -> list[Marker | None]:
    """One marker (or none) per note of a series, the markers in the notes' order: the choice
    that links the most notes, then the most marker-like, then the earliest. A choice made note by
    note would let one likely number in the wrong place ("relations: 1) ...", "No.2of") take
    the note and leave every later note of its series without a place."""
    places = sorted({(m.paragraph, m.start) for pool in pools for _, m in pool})
    rank = {place: k for k, place in enumerate(places)}
    tree: list[tuple[float, int]] = [(0.0, -1)] * (len(places) + 1)  # prefix best over ranks (Fenwick)

    def best_before(r: int) -> tuple[float, int]:
        best = (0.0, -1)
        while r > 0:
            best = max(best, tree[r])
            r -= r & -r
        return best

    def offer(r: int, value: tuple[float, int]) -> None:
        r += 1
        while r <= len(places):
            tree[r] = max(tree[r], value)
            r += r & -r

    chains: list[tuple[int, Marker, int]] = []  # (note, marker, previous chain link)
    for n, pool in enumerate(pools):
        made = []
        for likeness, marker in pool:
            r = rank[(marker.paragraph, marker.start)]
            value, previous = best_before(r)
            made.append((r, (value + LINKED_NOTE_WORTH + likeness - r / (len(places) + 1), len(chains))))
            chains.append((n, marker, previous))
        for r, value in made:  # offered after the note's own places: one marker per note
            offer(r, value)
    out: list[Marker | None] = [None] * len(pools)
    link = best_before(len(places))[1]
    while link >= 0:
        n, marker, link = chains[link]
        out[n] = marker
    return out


def raised_marks(text: str, paragraph: int) -> list[Marker]:
    """Every raised mark of a paragraph's text (linked or not: all leave the clean text)."""
    return [Marker(paragraph, m.start(), m.end(), -1, "raised", RAISED_SCORE) for m in RE_MARK.finditer(text)]


def _merged(*tables: dict[int, list[Marker]]) -> dict[int, list[Marker]]:
    out: dict[int, list[Marker]] = defaultdict(list)
    for table in tables:
        for k, v in table.items():
            out[k].extend(v)
    return out


RE_PAIR_AFTER = re.compile(r",(\d{1,3})(?![\d.,])")
RE_PAIR_BEFORE = re.compile(r"(?<![\d,])(\d{1,3}),\Z")
PAIR_OPENERS = "”\"»’.)"  # what a raised pair of markers follows: the end of a quotation or sentence


def _in_marker_pair(text: str, start: int, end: int) -> bool:
    """The number is one of two consecutive note markers joined by a comma after a quotation or a
    full stop ('cooperation.”6,7'), as LaTeX sets two notes on one word."""
    number = int(text[start:end]) if text[start:end].isdigit() else None
    if number is None:
        return False
    def opens(k: int) -> bool:  # a closing quote or a full stop (not a decimal point) at k
        return k >= 0 and text[k] in PAIR_OPENERS and not (text[k] == "." and k and text[k - 1].isdigit())

    after = RE_PAIR_AFTER.match(text, end)
    if after and int(after.group(1)) == number + 1 and opens(start - 1):
        return True
    before = RE_PAIR_BEFORE.search(text, 0, start)
    return bool(before and int(before.group(1)) == number - 1 and opens(before.start() - 1)
                and not (end < len(text) and text[end].isdigit()))


def _marker_score(text: str, start: int, end: int, *, section_numbers: bool = False) -> int | None:
    """How much a number at text[start:end] looks like a footnote marker; None: it cannot be one.
    `section_numbers`: a section's number's last figure ("6.5.4 Continuing") counts as a figure
    ending its sentence and a marker, as `cites` reads a page whose markers a converter lost."""
    before = text[start - 1] if start else ""
    before2 = text[start - 2] if start > 1 else ""
    after = text[end] if end < len(text) else ""
    after2 = text[end + 1] if end + 1 < len(text) else ""
    if after == "\n" and (before.isalpha() or (RE_SENTENCE_GOES_ON.match(text, end)
                                                and (before != "." or RE_DOTTED_NUMBER_END.search(text, 0, start)))):
        # glued to a line's last word ("footnotes10"), the sentence going on below, or a line's
        # last mark before the next sentence ("Sections 2.4.3.12" over "Name Pattern(s)"; not a
        # decimal ending its line, "version 0.5" over "Default: ...")
        after = " "
    # empty strings are "in" every string: test presence first
    if _in_marker_pair(text, start, end):
        return 3  # two notes on one spot, "Zimbabwe”6,7": not the decimal 6,7
    if len(RE_NUMBERS_BEFORE.search(text, max(0, start - 12), start).group().split()) \
            + len(RE_NUMBERS_AFTER.match(text, end).group().split()) >= 2:
        return None  # "1 2 3 4 5": a column of line numbers run together
    if RE_LEADER_BEFORE.search(text, max(0, start - 24), start) and not RE_ELLIPSIS_BEFORE.search(text, max(0, start - 8), start):
        return None  # "Printing the Notes . . . . 12": a contents line's page number
    figure_stop = before == "." and before2.isdigit() and (not after or bool(RE_SENTENCE_GOES_ON.match(text, end))) \
        and not (before2 == "0" and not text[start - 3:start - 2].isdigit())  # "version 0.3": a decimal
    if figure_stop and not section_numbers and RE_SECTION_NUMBER_END.search(text, 0, start):
        return None  # "6.5.4 Continuing", "6.4 Program Stops": a section's number, not a figure and a marker
    if before and (before.isdigit() or before in "$€£¥/#№+" or (before in ".,:-–" and before2.isdigit()
                                                                and not figure_stop)):
        return None
    if after and (after == "%" or (after in ".,:-–/" and after2.isdigit())):
        return None
    if after.isalpha() and RE_ORDINAL_SUFFIX.match(text, end):
        return None
    if before.isspace() and RE_CODE_BEFORE.search(text, max(0, start - 8), start):
        return None  # "{paragraph}{1} 3": a listing's line number, set apart after its code
    if GREEK_FIRST <= after <= GREEK_LAST:
        return None  # "LaTeX 2ε", "5μm": a figure of a formula or a unit
    if after == ")" and (not before or before.isspace()) and text.rfind("(", 0, start) <= text.rfind(")", 0, start):
        return None  # a list's item number, "relations: 1) Agreement ..."
    if (before, after) in (("(", ")"), ("{", "}")):
        return None  # "(1) like the original Hollywood", "{paracol}{2}": an item's label, a command's argument
    if after == "." and _in_label_run(text, start, end):
        return None  # "transaction: 1. 2. 3.": a list's labels, set apart from their items
    if before == "." and after in " .[" and RE_LETTER_SECTION_END.search(text, max(0, start - 16), start):
        return None  # "C.1 Using DDD with GDB", "C.1.2", "Section C.1 [GDB]": an appendix's section number
    if not text[:start].strip() and after in ".)" and after2 == " ":
        return None  # "5. \SkipIndex...", "2) Agreement": an item's label opening its paragraph
    glued = False
    if before.isalpha():
        # part of a name or code ("A2", "T-72", "km2"), unless glued to a lowercase word as some
        # converters set a raised marker ("the column1 and", "residents1.")
        word = RE_PRECEDING_WORD.search(text[:start])
        spaced_stop = after == " " and bool(after2) and after2 in ",.;:" and not RE_DIGIT_AHEAD.match(text, end + 2)
        run_together = bool(RE_RUN_TOGETHER_BEFORE.search(text, max(0, start - 10), start)
                            and RE_RUN_TOGETHER_AFTER.match(text, end))
        if not (word and word.end() == start and (not after.isalnum() or run_together)
                and (_plain_word(word.group(1)) or _regnal_numeral(text, start)
                     or (spaced_stop and word.group(1).lower() not in UNIT_WORDS and not word.group(1).isupper()))):
            return None  # (pdftotext sets a space between a raised mark and its stop: "README.md2 ,")
        glued = True
    # a glued number is a little less sure; a figure ending its sentence, then a marker ("in 2001.1
    # Jesse"), less still
    score = -glued - 2 * figure_stop
    if not after or after in ".,;:!?)”\"»’":
        score += 3
    elif after.isalpha():
        score += 3  # glued to the next word: "799can", "to 791Uzbekistan"
    elif glued and after == "(":
        score += 2  # "piracy1(that works out": the parenthesis glued on too, as pdfplumber sets it
    elif after == " " and after2 and after2 in ".,;:!?)”»" and not RE_DIGIT_AHEAD.match(text, end + 2):
        score += 3  # a converter's space between a raised mark and its stop: "soil1 . In"
    elif after == " ":
        nxt = RE_FOLLOWING_WORD.match(text, end)
        word = nxt.group(1) if nxt else ""
        if word.lower() in UNIT_WORDS:
            return None
        if after2.isdigit():
            score -= 3
        elif before == "." and word[:1].isupper() and _ends_sentence(text, start - 1):
            score += 3  # after its sentence's stop, the next one going on: "in every case.1 It also"
        elif glued and word[:1].islower():
            score += 2  # "several paragraphs3 in an endnote": a glued number is no quantity
        elif word[:1].isupper() or after2 in "“\"«”»" or glued:
            score += 1  # "piracy1 (that works out", "a footnote85 as shown"
        elif before.isspace() and (RE_COMMAND_BEFORE_NUMBER.search(text, max(0, start - COMMAND_REACH), start)
                                   or text[end:end + 2].lstrip().startswith("\\")):
            return None  # "\\ifxetex 2 doing", "things 3 \\else": a listing's line number beside a command
        else:
            score -= 1  # SET_APART_SCORE: "package ifthen 24 with", a mark or a quantity
    previous_word = RE_PRECEDING_WORD.search(text[:start])
    gap = text[previous_word.end(1):start] if previous_word else ""
    if previous_word and previous_word.group(1).lower() in NUMBER_SIGNS and gap.strip() in ("", "."):
        return None  # "Plant No. 1"
    if previous_word and previous_word.group(1).lower() in REFERENCE_WORDS and gap[-1:].isspace() and gap.strip() in ("", "."):
        return None  # "see section 4.", "p. 12": a cross-reference (not "in this section.4 It", a mark)
    if RE_SEE_REFERENCE.search(text, max(0, start - SEE_REACH), start):
        return None  # "seesection4.": run together, still a cross-reference
    if previous_word and previous_word.group(1).lower() in NON_MARKER_PRECEDERS and gap.strip() in ("", ".") \
            and not (glued and after in ").,;"):
        score -= 3  # "in 2023", "year 3"; not "about a year3)." glued to its word before a stop
    elif before and (before in "”\"»’.)" or (before in ",;" and before2.isalpha())):
        score += 1  # glued to a stop or a quote ("Bill,2 and"), as no quantity is
    return score


def _ends_sentence(text: str, stop: int) -> bool:
    """The stop at text[stop] ends a sentence: it follows a word, no abbreviation ("Vol.", "Fig.")."""
    word = RE_PRECEDING_WORD.search(text, max(0, stop - 40), stop)
    return bool(word) and word.end(1) == stop and len(word.group(1)) >= MIN_SENTENCE_WORD


def _in_label_run(text: str, start: int, end: int) -> bool:
    """The number is one of a run of list labels, "N." next to "N+1." or "N-1." (set apart,
    "transaction: 1. 2. 3.", or each before its item, "15. UPC code; 16. catalog number;")."""
    if not text[start:end].isdigit():
        return False  # a split number ("34 2") is read as one
    number = int(text[start:end])
    after = RE_NEXT_LABEL.match(text, end + 1)
    before = RE_PREVIOUS_LABEL.search(text[max(0, start - 8):start])
    if (after and int(after.group(1)) == number + 1) or (before and int(before.group(1)) == number - 1):
        return True
    if not RE_ITEM_LABEL.match(text, start) or (start and not text[start - 1].isspace()):
        return False
    window = text[max(0, start - LABEL_REACH):start] + " " + text[end:end + LABEL_REACH]
    return any(int(m.group(1)) in (number - 1, number + 1) for m in RE_ITEM_LABEL.finditer(window))


def _plain_word(word: str) -> bool:
    """A word a marker may be glued to: lowercase ("residents1"), or a capitalised word that is
    no code ("Innovations1 ."; not "A2", "COVID19", "Su27"); of words a converter ran together
    ("onZimbabweansoil1."), the last."""
    last = word[max((i for i, c in enumerate(word) if c.isupper()), default=0):]
    return (len(last) >= 3 and last.islower()) or (len(last) >= 5 and last[0].isupper() and last[1:].islower()) \
        or last in SHORT_WORDS


def _regnal_numeral(text: str, start: int) -> bool:
    """The word before `start` is a ruler's numeral after a capitalised name ("Henry VIII")."""
    match = RE_REGNAL_NUMERAL.search(text, max(0, start - 40), start)
    return bool(match) and match.group()[0].isupper()


def cites(text: str, number: int | str, *, set_apart: bool = False, section_numbers: bool = True) -> bool:
    """Whether `text` holds `number` as a note marker (read by its context, as in find_markers),
    or, for a symbol ('‡'), the symbol as find_markers reads it in a dump. `set_apart`: a number
    between lowercase words counts too (SET_APART_SCORE); `section_numbers`: a section number's
    last figure counts (a page whose markers the converter lost)."""
    if isinstance(number, str):
        return any(m.group(1) == number for m in RE_TEXT_SYMBOL.finditer(text))
    return cited_after(text, number, set_apart=set_apart, section_numbers=section_numbers) is not None


def cited_after(text: str, number: int, start: int = 0, *, set_apart: bool = False,
                section_numbers: bool = True) -> int | None:
    """Where the first place in text[start:] that holds `number` as a marker ends (as `cites` reads it)."""
    floor = SET_APART_SCORE if set_apart else MIN_MARKER_SCORE
    for m in re.compile(rf"(?<!\d){number}(?!\d)").finditer(text, start):
        score = _marker_score(text, m.start(), m.end(), section_numbers=section_numbers)
        if score is None or score < floor:
            continue
        if score < MIN_MARKER_SCORE and not text[text.rfind("\n", 0, m.start()) + 1:m.start()].strip():
            continue  # set apart at a line's opening: a listing's line number, not a mark after its word
        return m.end()
    return None


def remove_markers(text: str, markers: Sequence[Marker]) -> tuple[str, list[tuple[int, Marker]]]:
    """Text without its markers, and each marker's offset in the new text."""
    out = []
    positions = []
    cursor = 0
    for marker in sorted(markers, key=lambda m: m.start):
        cut_from = marker.start
        after = text[marker.end] if marker.end < len(text) else ""
        if not after.isalpha():
            while cut_from > cursor and text[cut_from - 1] == " ":
                cut_from -= 1
        out.append(text[cursor:cut_from])
        cursor = marker.end
        if after == " " and cut_from < marker.start and (marker.end + 1 < len(text)) and text[marker.end + 1] in ",.;:!?”»":
            cursor += 1
        positions.append((sum(len(s) for s in out), marker))
    out.append(text[cursor:])
    return "".join(out), positions
