"""Page furniture: running heads, running feet and page-number lines, found by repetition.

Works on the text lines of pages, whatever made them (a text dump's pages, or a PDF's rows), so
both reading paths can share it. Furniture sits at the edges of a page, and is recognised there:
  - a running head or foot is a line whose shape (lowercased, numbers masked) recurs at a page
    edge on pages close together (every page, or every other page: `Debugging with DDD`,
    `Chapter 2: Getting In and Out of DDD`, a printer's slug line, `4TH PASS PAGES`);
  - margin line numbers are the series 1, 2, 3 ... on most pages (a proof's `1` ... `33`), on
    lines of their own or glued to the text lines by the converter (`strip_line_numbers`);
  - a page number is a number alone on an edge line (`27`, `- 27 -`, `xiv`), or at the start or
    end of a running head (`12 FREE CULTURE`, `"PIRACY" 27`), that runs in step with the page
    order: a page two pages on prints a number two higher. A number out of step is kept as text.
Edges are peeled from the outside in, round after round, so furniture stacked several lines
deep (slug, margin numbers, pass mark, running foot) comes off line by line.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

MAX_ROUNDS = 48  # peeling rounds: enough for a proof's 33 margin line numbers plus a slug and a foot
EDGE_DEPTH = 2  # lines looked at from each edge in a round
LATER_COLUMN_DEPTH = 8  # non-blank lines from the foot where a page number set above a later column's lines stands
MIN_REPEATS = 3  # a running head recurs on at least this many pages ...
MAX_RUN_GAP = 2  # ... each within this many pages of the last (every page or every other page)
BESIDE_NUMBER_MIN_REPEATS = 2  # a head next to a page number: found twice in the book is enough
MARGIN_NUMBER_MIN_SHARE = 0.5  # margin line numbers: bare numbers 1, 2, 3 ... on this share of pages,
MARGIN_SERIES_MIN = 5  # ... at least this long a series
LINE_NUMBER_RUN_MIN = 8  # margin numbers glued to the text: this many lines in a row counting up
MAX_UNNUMBERED_IN_RUN = 2  # ... where this many text lines in a row without a number do not end the run
SUPPORT_WINDOW = 3  # a page number is confirmed by another within this many pages, in step
SUPPORT_SPAN = 10  # the best-confirmed number of a page: most numbers in step within this many pages
HEADING_MIN_LETTER_SHARE = 0.5  # a heading is mostly letters
HEADING_LOOK_LINES = 3  # a page's heading stands in its first lines
MAX_LABEL_CHARS = 16  # a heading's label: "I. ", "Chapter 12: "
MAX_HEAD_CHARS = 90  # a running head with a page number is a short line
MAX_BARE_LABEL_WORDS = 2  # "Chapter 4": a label with no title
ARABIC_MAX = 9999
MAX_PAGE_NOTE_NUMBER = 99  # notes numbered by page stay below this
IN_STEP_SHARE = 0.5  # a foot's opening number steps with the pages from at least this share of its pages to the next

RE_SPACES = re.compile(r"\s+")
RE_DIGITS = re.compile(r"\d+")
RE_ROMAN = re.compile(r"(?=[ivxlcdm])m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})")
_NUMBER = r"(\d{1,4}|[ivxlcdm]{1,8}|[IVXLCDM]{1,8})"
# a number alone: "27", "- 27 -", "— xiv —", "Page 27", "[27]", "27 / 330"
_OF_TOTAL = r"(?:\s*(?:/|of)\s*\d{1,4})?"  # "1 / 57", "Page 3 of 57": the page, then the count
RE_BARE_NUMBER = re.compile(r"^(?:page\s+|p\.\s*)?[-–—\[(]?\s*" + _NUMBER + _OF_TOTAL + r"\s*[-–—\])]?$", re.I)
RE_LEADING_NUMBER = re.compile(r"^" + _NUMBER + r"\s+(\S.*)$")
RE_TRAILING_NUMBER = re.compile(r"^(.*?\S)\s+" + _NUMBER + _OF_TOTAL + r"$", re.I)
RE_LETTER = re.compile(r"[^\W\d_]")
RE_OPENING_NUMBER = re.compile(r"^(\d{1,4})[.)]?\s")  # "16. mailto:...", "12 Ibid."
# a margin line number glued to a line of text by a converter: "1 the lucky", "comic 1", "arrest- 32S"
# (a proof's marks beside the number: "32S", "17Co", "In16")
RE_LEADING_LINE_NUMBER = re.compile(r"^(\s*)([A-Za-z]{0,2}(\d{1,2})[A-Za-z]{0,2})\s+(?=\S)")
RE_TRAILING_LINE_NUMBER = re.compile(r"(?<=\S)\s+([A-Za-z]{0,2}(\d{1,2})[A-Za-z]{0,2})\s*$")
RE_LINE_NUMBER_ALONE = re.compile(r"^\s*([A-Za-z]{0,2}(\d{1,2})[A-Za-z]{0,2})\s*$")
RE_MARKED_LINE_NUMBER = re.compile(r"[A-Za-z]{0,2}(\d{1,3})[A-Za-z]{0,2}")
RE_WORD = re.compile(r"[^\W\d_]{3,}")
RE_SENTENCE_END = re.compile(r"[.,;:!?][\"”’)]*$")
# where a foot ("22 FREE CULTURE") may start inside a line: a number glued to a word's end, or after a space
RE_GLUED_FOOT = re.compile(r"(?:[^\W\d_]|\s)((\d{1,4})\s+\S)")


@dataclass(frozen=True)
class PageFurniture:
    """What the edges of one page hold: indices of furniture lines and the printed number."""
    lines: frozenset[int]  # indices into the page's lines
    printed_page: int | None  # an arabic page number
    printed_label: str | None  # a page number that is not arabic, as printed ("xiv")


@dataclass(frozen=True)
class _Candidate:
    line: int
    value: int
    label: str
    roman: bool
    bare: bool  # the number alone on its line
    repeated: bool  # the rest of the line is a running head
    outermost: bool  # the first line of its edge when it was seen


def strip_line_numbers(pages: Sequence[Sequence[str]]) -> list[tuple[list[str], list[str]]]:
    """Margin line numbers (a printer's proof) glued to the text lines by the converter, taken
    off: (lines, the numbers removed) per page. They are there when most pages have a run of
    LINE_NUMBER_RUN_MIN lines in a row whose first or last token counts up 1, 2, 3 ..."""
    found = [[_line_number_run(page, RE_LEADING_LINE_NUMBER, 3), _line_number_run(page, RE_TRAILING_LINE_NUMBER, 2)]
             for page in pages]
    with_runs = sum(1 for lead, trail in found if lead or trail)
    if with_runs < max(MIN_REPEATS, MARGIN_NUMBER_MIN_SHARE * len(pages)):
        return [(list(page), []) for page in pages]
    out = []
    for page, (lead, trail) in zip(pages, found):
        lines, removed = list(page), []
        for i in sorted(lead | trail):
            alone = RE_LINE_NUMBER_ALONE.match(lines[i])
            if alone:
                removed.append(alone.group(1))
                lines[i] = ""
            elif i in lead:
                m = RE_LEADING_LINE_NUMBER.match(lines[i])
                removed.append(m.group(2))
                lines[i] = m.group(1) + lines[i][m.end():]
            else:
                m = RE_TRAILING_LINE_NUMBER.search(lines[i])
                removed.append(m.group(1))
                lines[i] = lines[i][:m.start()]
        out.append((lines, removed))
    return out


def _line_number_run(lines: Sequence[str], pattern: re.Pattern, value_group: int) -> set[int]:
    """Indices of the lines in runs of at least LINE_NUMBER_RUN_MIN lines whose number (leading or
    trailing, by `pattern`, or alone on its line) is one more than the last's. A converter sets
    some numbers on lines of their own and some text lines without theirs (a note's hanging
    lines): up to MAX_UNNUMBERED_IN_RUN such text lines in a row do not end a run."""
    out: set[int] = set()
    run: list[int] = []
    last = None
    unnumbered = 0
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        m = pattern.search(line) or RE_LINE_NUMBER_ALONE.match(line)
        if m is None:
            unnumbered += 1
            if unnumbered > MAX_UNNUMBERED_IN_RUN:
                if len(run) >= LINE_NUMBER_RUN_MIN:
                    out.update(run)
                run, last = [], None
            continue
        value = int(m.group(value_group) if m.re is pattern else m.group(2))
        if last is not None and value == last + 1 and run:
            run.append(i)
        else:
            if len(run) >= LINE_NUMBER_RUN_MIN:
                out.update(run)
            run = [i]
        last, unnumbered = value, 0
    if len(run) >= LINE_NUMBER_RUN_MIN:
        out.update(run)
    return out


def unglue_running_feet(pages: Sequence[Sequence[str]], furniture: Sequence[PageFurniture]
                        ) -> list[tuple[list[str], str | None, int | None]]:
    """A running foot that the converter glued to a page's last line of text ("... Steamboat
    Willie is a di22 FREE CULTURE"): (lines, the foot taken off, its page number) per page. A foot is a
    worded line with a number taken off MIN_REPEATS pages and more, here with the page's own
    number; the glued word lost its hyphen, which goes back so the word is joined with its rest
    on the next page."""
    counts: dict[str, int] = defaultdict(int)
    for page, found in zip(pages, furniture):
        for i in found.lines:
            if RE_WORD.search(page[i]) and RE_DIGITS.search(page[i]):
                counts[shape(page[i])] += 1
    feet = {key for key, n in counts.items() if n >= MIN_REPEATS}
    out = []
    for p, (page, found) in enumerate(zip(pages, furniture)):
        lines, foot, number = list(page), None, None
        last = next((i for i in range(len(lines) - 1, -1, -1) if lines[i].strip() and i not in found.lines), None)
        # the page's own number, in step with a neighbour's ("22" between 21 and 23)
        expected = {furniture[q].printed_page + (p - q) for q in (p - 1, p, p + 1)
                    if 0 <= q < len(furniture) and furniture[q].printed_page is not None}
        if feet and last is not None:
            for m in RE_GLUED_FOOT.finditer(lines[last]):
                if int(m.group(2)) in expected and shape(lines[last][m.start(1):]) in feet:
                    foot, number = fold(lines[last][m.start(1):]), int(m.group(2))
                    text = lines[last][:m.start(1)].rstrip()
                    lines[last] = text + "-" if m.group(0)[:1].isalpha() else text
                    break
        out.append((lines, foot, number))
    return out


def fold(line: str) -> str:
    """A line with its runs of white space as one space, trimmed."""
    return RE_SPACES.sub(" ", line).strip()


def shape(line: str) -> str:
    """A line as it repeats from page to page: lowercased, numbers (and a roman page number at
    either end) masked."""
    text = RE_DIGITS.sub("#", fold(line).lower())
    words = text.split(" ")
    for k in (0, -1):
        if words and _roman_value(words[k]) is not None:
            words[k] = "#"
    return " ".join(words)


def _roman_value(token: str) -> int | None:
    if not token or not (token.islower() or token.isupper()):
        return None
    lower = token.lower()
    if not RE_ROMAN.fullmatch(lower):
        return None
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    total = 0
    for k, ch in enumerate(lower):
        v = values[ch]
        total += -v if k + 1 < len(lower) and values[lower[k + 1]] > v else v
    return total


def _number(token: str) -> tuple[int, bool] | None:
    """(value, roman) of a page-number token."""
    if token.isdigit():
        value = int(token)
        return (value, False) if 0 < value <= ARABIC_MAX else None
    value = _roman_value(token)
    return (value, True) if value is not None else None


def _is_bare_number(text: str) -> bool:
    m = RE_BARE_NUMBER.match(text)
    return bool(m) and _number(m.group(1)) is not None


def find_furniture(pages: Sequence[Sequence[str]]) -> list[PageFurniture]:
    """The furniture of every page (lines in page order, blank lines included)."""
    folded = [[fold(line) for line in page] for page in pages]
    shapes = [[shape(line) for line in page] for page in folded]
    margin_numbers = _margin_numbers(folded)
    occurrences: dict[str, int] = defaultdict(int)
    for page in shapes:
        for line_shape in page:
            occurrences[line_shape] += 1
    peeled: list[set[int]] = [set() for _ in pages]
    candidates: list[dict[int, list[_Candidate]]] = [defaultdict(list) for _ in pages]
    edge_pages: dict[tuple[int, str], set[int]] = defaultdict(set)  # pages where a shape has stood at an edge
    opening: dict[tuple[int, str], dict[int, re.Match | None]] = defaultdict(dict)  # its opening number on each
    for _ in range(MAX_ROUNDS):
        edges = [_edges(folded[p], peeled[p]) for p in range(len(pages))]
        for p, page_edges in enumerate(edges):
            for k, side in enumerate(page_edges):
                for i in side:
                    if RE_LETTER.search(folded[p][i]) and not _is_bare_number(folded[p][i]):
                        edge_pages[(k, shapes[p][i])].add(p)
                        opening[(k, shapes[p][i])][p] = RE_OPENING_NUMBER.match(folded[p][i])
        running = {key: _in_runs(sorted(ps)) for key, ps in edge_pages.items()
                   if not _recurring_note(opening[key], foot=key[0] == 1)}
        for p, page_edges in enumerate(edges):
            for k, side in enumerate(page_edges):
                for depth, i in enumerate(side):
                    for c in _candidates(folded[p][i], running.get((k, shapes[p][i]), frozenset()), i, p,
                                         margin_numbers, outermost=depth == 0):
                        if c not in candidates[p][i]:
                            candidates[p][i].append(c)
        numbers = _page_numbers(candidates, [len(page) for page in pages])
        grew = False
        for p, page_edges in enumerate(edges):
            for k, side in enumerate(page_edges):
                for i in side:  # outermost first: peel only from the edge inwards
                    text = folded[p][i]
                    run = running.get((k, shapes[p][i]), frozenset())
                    furniture = (
                        _is_margin_number(text, margin_numbers)
                        or (p in run and not _first_of_run_heading(p, i, k, text, run, side, numbers, folded))
                        or (p in numbers and numbers[p].line == i)
                        or _beside_number(p, i, side, numbers, edge_pages, shapes, folded))
                    if not furniture:
                        break
                    peeled[p].add(i)
                    grew = True
        if not grew:
            break
    numbers = _page_numbers(candidates, [len(page) for page in pages])
    out = []
    for p in range(len(pages)):
        number = numbers.get(p)
        lines = set(peeled[p])
        # a page number found but not peeled (not at the edge after all) stays text
        printed = number if number is not None and number.line in lines else None
        out.append(PageFurniture(
            lines=frozenset(lines),
            printed_page=printed.value if printed and not printed.roman else None,
            printed_label=printed.label if printed and printed.roman else None))
    return _page_numbers_above_a_later_column(folded, out)


def _page_numbers_above_a_later_column(folded: Sequence[Sequence[str]], found: list[PageFurniture]) -> list[PageFurniture]:
    """A page whose number the edges did not show: its number alone, in step with both neighbours'
    (22 between 21 and 23), set apart by blank lines among the last lines. Plain pdftotext reads a
    page's foot before a right column's last block (its notes), so the number stands above them."""
    out = list(found)
    for p, page in enumerate(folded):
        if found[p].printed_page is not None or found[p].printed_label is not None or not 0 < p < len(folded) - 1:
            continue
        before, after = found[p - 1].printed_page, found[p + 1].printed_page
        if before is None or after is None or after - before != 2:
            continue
        alive = [i for i, line in enumerate(page) if line and i not in found[p].lines]
        for i in alive[::-1][:LATER_COLUMN_DEPTH]:
            bare = RE_BARE_NUMBER.match(page[i])
            apart = (i == 0 or not page[i - 1]) and (i + 1 == len(page) or not page[i + 1])
            if bare and apart and bare.group(1) == str(before + 1):
                out[p] = PageFurniture(lines=found[p].lines | {i}, printed_page=before + 1, printed_label=None)
                break
    return out


def _recurring_note(openings: dict[int, re.Match | None], *, foot: bool) -> bool:
    """A line repeated at the foot that opens with a number counting up out of step with the pages
    ("16. mailto:spalax@gresille.org", then 17 on the next page; "12 Ibid." on page 5, "15 Ibid." on
    6), or with the same number and ending as a sentence ends ("1 Ibid." of notes numbered by page),
    is a note that recurs, not a running foot: a foot's number is the page's own (in step with the
    page order) or a label ("2 Getting Started"), and a head stands at the top."""
    if not foot or not openings or any(m is None for m in openings.values()):
        return False
    numbers = {p: int(m.group(1)) for p, m in openings.items()}
    pages = sorted(numbers)
    pairs = list(zip(pages, pages[1:]))
    if len(set(numbers.values())) == 1:  # not a year ("2019 Acme University Press. All rights reserved.")
        return numbers[pages[0]] <= MAX_PAGE_NOTE_NUMBER and all(RE_SENTENCE_END.search(m.string) for m in openings.values())
    if sum(numbers[b] - numbers[a] == b - a for a, b in pairs) >= IN_STEP_SHARE * len(pairs):
        return False  # the page's own number, from page to page (a page or two misread aside)
    return all(numbers[a] < numbers[b] for a, b in pairs)


def _edges(lines: Sequence[str], peeled: set[int]) -> list[list[int]]:
    """Top and bottom edge: the outermost EDGE_DEPTH non-blank lines not yet peeled, outermost
    first (on a page of few lines the two edges share lines)."""
    alive = [i for i, line in enumerate(lines) if line and i not in peeled]
    return [alive[:EDGE_DEPTH], alive[::-1][:EDGE_DEPTH]]


def _margin_numbers(folded: Sequence[Sequence[str]]) -> frozenset[str]:
    """A proof's margin line numbers: the series 1, 2, 3 ... each present as a bare line on most
    pages (code listings number their lines too, but on few pages)."""
    count: dict[str, int] = defaultdict(int)
    for page in folded:
        for text in set(page):
            m = RE_MARKED_LINE_NUMBER.fullmatch(text)  # '17Co', 'S32': a crop or register mark glued on
            if m:
                count[m.group(1)] += 1
    floor = max(MIN_REPEATS, MARGIN_NUMBER_MIN_SHARE * len(folded))
    series = []
    while count.get(str(len(series) + 1), 0) >= floor:
        series.append(str(len(series) + 1))
    return frozenset(series) if len(series) >= MARGIN_SERIES_MIN else frozenset()


def _is_margin_number(text: str, margin_numbers: frozenset[str]) -> bool:
    """One of a proof's margin line numbers, bare or with a crop or register mark glued to it
    (`17Co`, `S32`, `33R`)."""
    if text in margin_numbers:
        return True
    m = RE_MARKED_LINE_NUMBER.fullmatch(text) if margin_numbers else None
    return m is not None and m.group(1) in margin_numbers


def _in_runs(pages: Sequence[int]) -> frozenset[int]:
    """The pages that belong to a run of at least MIN_REPEATS occurrences, each within
    MAX_RUN_GAP pages of the one before."""
    out: set[int] = set()
    run: list[int] = []
    for p in list(pages) + [None]:
        if p is not None and run and p - run[-1] <= MAX_RUN_GAP:
            run.append(p)
            continue
        if len(run) >= MIN_REPEATS:
            out.update(run)
        run = [p] if p is not None else []
    return frozenset(out)


def _candidates(text: str, run: frozenset[int], i: int, page: int,
                margin_numbers: frozenset[str], *, outermost: bool) -> list[_Candidate]:
    if _is_margin_number(text, margin_numbers):
        return []
    bare = RE_BARE_NUMBER.match(text)
    if bare:
        number = _number(bare.group(1))
        if number is None:
            return []
        return [_Candidate(i, number[0], bare.group(1), number[1], True, False, outermost)]
    if len(text) > MAX_HEAD_CHARS or not RE_LETTER.search(text):
        return []
    repeated = page in run
    if not (repeated or outermost):
        return []  # a number at the end of a lone line, inside the edge: a contents or index entry
    out = []
    for m, group in ((RE_LEADING_NUMBER.match(text), 1), (RE_TRAILING_NUMBER.match(text), 2)):
        if not m:
            continue
        number = _number(m.group(group))
        if number is None or (number[1] and not repeated):
            continue  # "Part II", "I think": a roman number only in a running head
        out.append(_Candidate(i, number[0], m.group(group), number[1], False, repeated, outermost))
    return out


def _page_numbers(candidates: Sequence[dict[int, list[_Candidate]]], sizes: Sequence[int]) -> dict[int, _Candidate]:
    """The page number of each page: a candidate in step with a strong one (a bare number or a
    running head's) within SUPPORT_WINDOW pages (same kind, number minus page the same), or a
    bare number between its confirmed neighbours. Bare numbers are preferred, then numbers in a
    running head, then a number at the end of a lone edge line; of two alike on one page (a
    chapter's number "3" opening page 3, its page number at the foot), the one at the edge where
    the numbers in step stand. `sizes`: each page's number of lines."""
    flat = [(p, c) for p, by_line in enumerate(candidates) for cs in by_line.values() for c in cs]
    strong: dict[tuple[bool, int], list[int]] = defaultdict(list)
    at_foot: dict[tuple[bool, int], Counter[bool]] = defaultdict(Counter)
    foot = lambda p, c: 2 * c.line >= sizes[p]  # noqa: E731
    for p, c in flat:
        if c.bare or c.repeated:
            strong[(c.roman, c.value - p)].append(p)
            at_foot[(c.roman, c.value - p)][foot(p, c)] += 1
    chosen: dict[int, _Candidate] = {}
    best: dict[int, tuple] = {}
    for p, c in flat:
        in_step = strong[(c.roman, c.value - p)]
        if not any(q != p and abs(q - p) <= SUPPORT_WINDOW for q in in_step):
            continue
        support = sum(1 for q in set(in_step) if q != p and abs(q - p) <= SUPPORT_SPAN)
        rank = (support, c.bare, c.repeated, at_foot[(c.roman, c.value - p)][foot(p, c)], -c.line)
        if p not in best or rank > best[p]:
            best[p], chosen[p] = rank, c
    # a bare number out of step with its neighbours' offsets but between their numbers
    for p, c in flat:
        if p in chosen or not c.bare:
            continue
        before = [q for q in chosen if q < p and chosen[q].roman == c.roman]
        after = [q for q in chosen if q > p and chosen[q].roman == c.roman]
        if before and after and chosen[max(before)].value <= c.value <= chosen[min(after)].value \
                and p - max(before) <= SUPPORT_WINDOW and min(after) - p <= SUPPORT_WINDOW:
            chosen[p] = c
    return chosen


def _first_of_run_heading(p: int, i: int, side_index: int, text: str, run: frozenset[int], side: list[int],
                          numbers: dict[int, _Candidate], folded: Sequence[Sequence[str]]) -> bool:
    """The first page of a running head's run, at the top, worded, with no page number beside it:
    the section's own heading (`4 Options`), which the running heads after it repeat. A line
    mostly of figures and signs is not a heading: a printer's slug (`14773_01_1-174_r9jm.qxd
    2/10/04 3:51 PM Page 1`) opening a new file's pages. Nor is a line whose heading, labelled,
    opened the page before (`I. The key to cooperation` above `The key to cooperation`), nor one
    above a sentence going on from the page before (`ers, specific goods` below `BELARUS AND ITS
    PARTNERS`): no heading stands in the middle of a sentence; nor one printed again further down
    the page, where the section it names begins."""
    if side_index != 0 or not RE_WORD.search(text) or any(q < p and p - q <= MAX_RUN_GAP for q in run):
        return False
    if len(RE_LETTER.findall(text)) < HEADING_MIN_LETTER_SHARE * len(text.replace(" ", "")):
        return False
    if _labelled_just_before(p, text, folded):
        return False
    below = next((line for line in folded[p][i + 1:] if line), "").lstrip("(\"“‘'[")
    if below[:1].islower():  # "ers, specific goods", "(dry mixes)".5 As ...'
        return False
    if any(line.lower() == text.lower() for line in folded[p][i + 1:]):
        return False  # the heading itself stands further down the page: "4 Options" atop, and in mid-page
    number = numbers.get(p)
    return number is None or number.line not in side


def _labelled_just_before(p: int, text: str, folded: Sequence[Sequence[str]]) -> bool:
    """The same words, after a label (`I.`, `Chapter 3:`), atop a page just before (wrapped over
    its first lines or not)."""
    words = text.lower()
    for q in range(max(0, p - MAX_RUN_GAP), p):
        top = " ".join([line for line in folded[q] if line][:HEADING_LOOK_LINES]).lower()  # a title wraps
        at = top.find(words)
        if 0 < at <= MAX_LABEL_CHARS and not top[at - 1].isalnum():
            return True
    return False


def _beside_number(p: int, i: int, side: list[int], numbers: dict[int, _Candidate],
                   edge_pages: dict[tuple[int, str], set[int]], shapes: Sequence[Sequence[str]],
                   folded: Sequence[Sequence[str]]) -> bool:
    """A head next to a page number at the same edge (`Chapter 9: Short` above `123`), too rare
    to make a run: a short line, not ending a sentence, standing at a page's edge elsewhere in
    the book too (not only in its contents: a chapter's own heading is listed there)."""
    number = numbers.get(p)
    if number is None or number.line not in side or abs(side.index(number.line) - side.index(i)) != 1:
        return False
    text = folded[p][i]
    if len(text) > MAX_HEAD_CHARS or RE_LETTER.search(text) is None or RE_SENTENCE_END.search(text):
        return False
    # elsewhere as printed here (numbers masked), case and all: a chapter's heading (`CHAPTER ONE:
    # Creators`) is not its subheading in the notes (`CHAPTER ONE: CREATORS`), a running head is
    # printed alike; a bare label ("Chapter 4") recurs as it is, number and all: "Chapter 5" on
    # another page is the next chapter's own heading, not a running head
    bare_label = len(text.split()) <= MAX_BARE_LABEL_WORDS
    def compared(line: str) -> str:
        return line if bare_label else RE_DIGITS.sub("#", line)
    wanted = compared(text)
    elsewhere = set().union(*(edge_pages.get((k, shapes[p][i]), set()) for k in (0, 1))) - {p}
    return sum(1 for q in elsewhere if any(compared(line) == wanted for line in folded[q])) \
        >= BESIDE_NUMBER_MIN_REPEATS - 1
