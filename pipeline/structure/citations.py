"""Note bodies read as citations.

A note may hold several citations ("See A; B.") and commentary around them. `parse_note` cuts it
into segments (semicolons; sentences, outside GOST), drops the signals that open a citation
("See also", "Cf.", "quoted in") and reads each segment with the parser of a citation style:

- `gost`: GOST R 7.0.5 / 7.0.100 (`Zaleski, B. Title / B. Zaleski // Container. - Place :
  Publisher, 2022. - Vol. 7. - No. 3. - P. 40. - URL : ...`, `[Electronic resource]`);
- `chicago`: notes-bibliography (`First Last, Title (Place: Publisher, 2001), 12.`,
  `First Last, "Article," Journal 4 (1890): 193.`, newspapers by date, short forms, `Ibid.`);
- `oscola`: law (`Name, Title (Publisher 2009) 5`, `Name, 'Article' (2005) 121 LQR 225`,
  `(n 7)`, `ibid`);
- `apa`, `harvard`: author-date (`Smith, J. A., & Jones, B. (2019). Title. Publisher.`,
  `Smith, J. and Jones, B. (2019) Title. Place: Publisher.`);
- `mla`: `Last, First. Title. Publisher, 2019.`, `Last, First. "Article." Journal, vol. 3,
  no. 2, 2019, pp. 10-20.`;
- `legal`: cases and legislation in any of them (`Bach v. Longman, 98 Eng. Rep. 1274 (1777)`,
  `Donoghue v Stevenson [1932] AC 562`, `Human Rights Act 1998, s 3`, `17 U.S.C. § 1001`).

`detect_style` names a document's style from the cues each note shows
(patterns/citation_styles.json); each segment is read by the document's style first and by the
others where that one finds nothing. What a parser cannot place goes to `Citation.unparsed`.
Words the parsers lean on (publisher and organisation words, name particles, signals,
abbreviations, publishing places) are data: patterns/citation_words.json.

`parse_citation` gives a note's own footnote fields (its first citation); `canonical_authors`
merges the spellings of one author across a book.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from rapidfuzz import fuzz

from ..records import Citation, Footnote

PATTERNS_DIR = Path(__file__).with_name("patterns")
WORDS: dict[str, list[str]] = json.loads((PATTERNS_DIR / "citation_words.json").read_text(encoding="utf-8"))
STYLE_CUES: dict[str, list[tuple[re.Pattern, int]]] = {
    style: [(re.compile(rx, re.M), weight) for rx, weight in cues]
    for style, cues in json.loads((PATTERNS_DIR / "citation_styles.json").read_text(encoding="utf-8")).items()
    if not style.startswith("_")
}
STYLES = tuple(STYLE_CUES)  # gost, chicago, oscola, apa, harvard, mla
KINDS = ("book", "article", "chapter", "web", "case", "legislation", "archive", "other")
FORMS = ("full", "short", "ibid", "cross-reference")
AUTHOR_FIRST = ("gost", "apa", "harvard", "mla")  # styles that open a reference with "Family, Given"
FOOTNOTE_KIND = {"web": "web", "book": "book", "chapter": "book", "article": "book"}  # footnotes.kind: web/book/other

# a note that reads as a citation at all (zones.py tells note lines from body lines by it)
# "P. 65", "С. 41": a page cited; not "C.7 Using DDD with Perl", "C.1.2 Using", an appendix's section
RE_CITATION_HINT = re.compile(
    r"\[Electronic resource\]|\bURL\s*:|\bhttps?\s*:|\bwww\s*\.|Publishing|\b[PCР]\.(?:\s+\d|\d(?!\d*(?:\.\d+)*\s+(?-i:[A-Z])))|"
    r"\s[-–]\s+(?:19|20)\d{2}\s*\.|\.\s*[-–]\s*URL",
    re.I,
)

MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
          "Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?")
YEAR = r"(?:1[5-9]\d{2}|20\d{2})"
PAGES = r"\d+[a-z]?(?:\s*[-–—]\s*\d+)?(?:\s*(?:,|and)\s*\d+[a-z]?(?:\s*[-–—]\s*\d+)?)*(?:\s*nn?\.\s*\d+)?"

RE_YEAR = re.compile(rf"(?<!\d)({YEAR})(?!\d)")
RE_URL_START = re.compile(r"(?:https?\s*:\s*/\s*/|www\s*\.)\s*\S", re.I)
RE_URL_STOP = re.compile(r"\s*(?:\(\s*(?:last\s+)?accessed\b|\[\s*accessed\b|[.,]?\s+accessed\b|[.,]?\s+retrieved\b|>|[,;]\s)", re.I)
RE_LINK_REF = re.compile(r",?\s*\(?(?:(?:available|archived|posted)\s+)?at\s+link\s+#\s?\d+\)?|,?\s*available\s+at\s+"
                         r"(?:\d{4}\s+WL\s+\d+|<?[^\s,;]+\.[a-z]{2,}\S*)", re.I)
RE_QUOTED = re.compile(r"[“\"‘']")
QUOTE_PAIRS = {"“": "”", '"': '"', "‘": "’", "'": "'"}
RE_IBID = re.compile(r"^(?:ibid|ibidem|id)\b\.?,?\s*(?:(?:at\s+)?(?:p{1,2}\.\s*)?(?P<pages>[^\s].*?))?\s*\.?$", re.I)
RE_OP_CIT = re.compile(r"^(?P<who>.+?),?\s+(?:op\.?\s*cit\.?|loc\.?\s*cit\.?)(?:,\s*(?:p{1,2}\.\s*)?(?P<pages>.+?))?\s*\.?$", re.I)
RE_CROSS_REF = re.compile(
    r"^(?P<who>.*?)\s*(?:\(n\s+(?P<n1>\d+)\)|,?\s*supra\s+(?:note|n\.?)\s+(?P<n2>\d+)|,?\s*\(?(?:see\s+)?(?:above,?\s+)?"
    r"(?:note|n\.)\s+(?P<n3>\d+)(?:\s+above)?\)?)(?:,?\s*(?:at\s+)?(?:p{1,2}\.\s*)?(?P<pages>[\d\[\]ivxlc].*?))?\s*\.?$",
    re.I)

ABBREVIATIONS = frozenset(WORDS["abbreviations"])
NON_NAME_WORDS = frozenset(WORDS["non_name_words"])
PARTICLES = frozenset(WORDS["name_particles"])
SUFFIXES = frozenset(WORDS["name_suffixes"])
ORG_WORDS = tuple(WORDS["organisation_words"])
PUBLISHER_WORDS = frozenset(WORDS["publisher_words"])
PLACES = frozenset(WORDS["publishing_places"])
SIGNALS = sorted(WORDS["signals"], key=len, reverse=True)
RE_SIGNAL = re.compile(r"^(?:(?:" + "|".join(re.escape(s) for s in SIGNALS) + r")\s+)+", re.I)
# a signal inside a sentence of commentary: "For a history, see Scott McCloud, Reinventing Comics"
RE_INNER_SIGNAL = re.compile(r"(?:^|[,:;.]\s+|\s)(?:see(?:\s+also|\s+generally|,?\s+e\.g\.,|,?\s+for\s+example,)?|cf\.|"
                             r"quoting|quoted\s+in|cited\s+in|citing|reprinted\s+in)\s+(?=[A-Z“\"‘'0-9])")
RE_ORG = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in ORG_WORDS) + r")(?!\w)")

# names
RE_INITIAL = re.compile(r"(?:[A-ZА-ЯЁ][a-zа-я]?\.\s?-?){1,3}")
RE_NAME_WORD = re.compile(r"(?:[A-ZА-ЯЁ][a-zà-ÿа-яё]*[’'])?[A-ZА-ЯЁ][a-zà-ÿа-яё’'\-]+(?:[A-Z][a-zà-ÿ]+)?(?:-[A-ZА-ЯЁ][a-zà-ÿа-яё’']+)?")
RE_INVERTED = re.compile(  # "Smith, J. A." / "Smith, John" / "van Dijk, T.A." / "Zalesky , B. L."
    r"(?P<family>(?:(?:de|van|von|der|den|la|le|du|da|di|del)\s)*[A-ZА-ЯЁ][\w’'\-]+(?:\s[A-ZА-ЯЁ][\w’'\-]+)?)\s?,\s*"
    r"(?P<given>(?:[A-ZА-ЯЁ][a-zа-я]?\.\s?-?\s?){1,3}|[A-ZА-ЯЁ][a-zà-ÿа-яё]+(?:[\s-][A-ZА-ЯЁ][a-zà-ÿа-яё]+)?(?:\s[A-Z]\.)?)"
    r"(?=[\s,.;&(]|$)")


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _dash(text: str) -> str:
    return re.sub(r"\s*[–—]\s*", "-", text)


def _clean(text: str | None) -> str | None:
    if text is None:
        return None
    text = collapse(text).strip(" ,;:.")
    for open_, close in (("“", "”"), ('"', '"'), ("‘", "’"), ("'", "'")):
        if len(text) > 1 and text[0] == open_ and text[-1] == close and close not in text[1:-1]:
            text = text[1:-1].strip(" ,;:.")  # a title in its quotes
        elif text.endswith(close) and text.count(close) > text.count(open_) and open_ != close:
            text = text[:-1].strip(" ,;:.")  # the closing quote of a quoted title cut off before it
    return text or None


def _pages(text: str | None) -> str | None:
    if not text:
        return None
    text = re.sub(r"^(?:at\s+)?(?:pp?\.|С\.|C\.|P\.)\s*", "", collapse(text).strip(" .,;:"))
    return _dash(text).strip(" .,") or None


# ---------------------------------------------------------------- names

def _initials(given: str) -> str:
    """Given names as initials without spaces ("Boris" -> "B.", "B. L." -> "B.L.")."""
    parts = re.findall(r"[A-ZА-ЯЁ][a-zа-я]?(?=\.)|[A-ZА-ЯЁ](?=[a-zà-ÿа-яё])", given)
    return "".join(f"{p[0]}." for p in parts)


def _tidy_given(given: str) -> str:
    given = collapse(given)
    if re.fullmatch(r"(?:[A-ZА-ЯЁ][a-zа-я]?\.\s?-?\s?)+", given):
        return given.replace(" ", "")
    return given


def person_name(words: str) -> str | None:
    """"David Pogue" -> "Pogue, David"; "Alexis de Tocqueville" -> "de Tocqueville, Alexis";
    None when `words` does not read as one person's name."""
    tokens = collapse(words).replace(". ", ". ").split(" ")
    tokens = [t for t in tokens if t]
    suffix = []
    while tokens and tokens[-1].rstrip(",") in SUFFIXES:
        suffix.insert(0, tokens.pop().rstrip(","))
    if len(tokens) < 2 or len(tokens) > 5:
        return None
    family_start = len(tokens) - 1
    if not RE_NAME_WORD.fullmatch(tokens[-1]) or tokens[-1] in NON_NAME_WORDS:
        return None
    while family_start > 1 and tokens[family_start - 1] in PARTICLES and tokens[family_start - 1] not in ("St.", "Saint"):
        family_start -= 1
    given = tokens[:family_start]
    for t in given:
        if t in NON_NAME_WORDS or not (RE_INITIAL.fullmatch(t) or RE_NAME_WORD.fullmatch(t) or t in PARTICLES):
            return None
    family = " ".join(tokens[family_start:] + suffix)
    return f"{family}, {_tidy_given(' '.join(given))}"


def _is_name_list(text: str) -> bool:
    return bool(text) and _name_list(text) is not None


def _name_list(text: str) -> list[str] | None:
    """"Samuel D. Warren and Louis D. Brandeis" -> ["Warren, Samuel D.", "Brandeis, Louis D."]."""
    text = collapse(text).strip(" ,")
    text = re.sub(r",?\s+et\s+al\.?$", "", text)
    if not text or re.search(r"\d|[“”\"():;]", text):
        return None
    parts = [p for p in re.split(r",\s*(?:and|&)\s+|\s+(?:and|&|with)\s+|,\s+", text) if p]
    out = []
    for part in parts:
        name = person_name(part)
        if name is None:
            return None
        out.append(name)
    return out


def _inverted_names(text: str) -> tuple[list[str], int]:
    """Author-first lists ("Smith, J. A., & Jones, B.", "Smith, John, and Jane Doe"): the names
    and where they end in `text`."""
    out, pos = [], 0
    while True:
        m = RE_INVERTED.match(text, pos)
        natural = None
        if out and not m:  # MLA: "Smith, John, and Jane Doe."
            natural = re.match(r"(?P<name>[A-Z][\w.’'\- ]+?)(?=[.,]\s|\.$|$)", text[pos:])
        if m and m.group("family") not in NON_NAME_WORDS:
            out.append(f"{collapse(m.group('family'))}, {_tidy_given(m.group('given'))}")
            pos = m.end()
        elif natural and person_name(natural.group("name")):
            out.append(person_name(natural.group("name")))
            pos += natural.end()
        else:
            break
        sep = re.match(r"\s*(?:,\s*(?:&|and)\s+|,\s+(?=[A-Z])|\s*&\s*|\s+and\s+)", text[pos:])
        if not sep:
            break
        # the separator leads to another name only when one follows
        nxt = pos + sep.end()
        if not (RE_INVERTED.match(text, nxt) or re.match(r"[A-Z][a-z]+\s(?:[A-Z]\.\s)?[A-Z][\w’'-]+[.,]", text[nxt:])):
            break
        pos = nxt
    return out, pos


ORG_LOWER = frozenset({"of", "and", "for", "the", "on", "in", "&", "de", "des", "du", "für", "und", "et"})
PROSE_WORDS = frozenset({"i", "me", "my", "we", "our", "you", "he", "she", "his", "her", "it", "its", "they", "their",
                         "this", "that", "these", "those", "there", "is", "am", "are", "was", "were", "be", "been",
                         "have", "has", "had", "do", "does", "did", "would", "could", "should", "will", "can", "may",
                         "not", "which", "who", "see", "also", "however", "although", "but", "because"})


def _org(text: str) -> bool:
    """An organisation's name: an organisation word, every other word capitalised."""
    words = collapse(text).split()
    return bool(RE_ORG.search(text)) and not re.search(r"\d{3}", text) and len(words) <= 12 and \
        all(w[:1].isupper() or w in ORG_LOWER or w[:1] in "(“\"" for w in words)


def _prose(text: str) -> bool:
    """Commentary rather than the opening of a citation ("I am grateful to ...")."""
    outside = re.sub(r"“[^”]*”|\"[^\"]*\"", " ", text)
    words = re.findall(r"[A-Za-z]+", outside)
    return sum(1 for w in words if w.lower() in PROSE_WORDS) >= 2


# ---------------------------------------------------------------- segments

def _split_top(text: str, seps: str = ";") -> list[str]:
    """Split at `seps` outside brackets and quotes."""
    out, depth, quote, start = [], 0, None, 0
    for i, ch in enumerate(text):
        if quote:
            if ch == quote:
                quote = None
            continue
        if ch == "“":
            quote = "”"
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch in seps and depth == 0:
            out.append(text[start:i])
            start = i + 1
    out.append(text[start:])
    return [s.strip() for s in out if s.strip()]


def _sentences(text: str) -> list[str]:
    """Sentences, not ending on an abbreviation or an initial ("Samuel D. Warren", "v.", "N.J.")."""
    out, start, depth, quote = [], 0, 0, False
    for i, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch == "“":
            quote = True
        elif ch == "”":
            quote = False
        if ch not in ".?!" or depth or i + 2 > len(text) or text[i + 1:i + 2] not in (" ", "”"):
            continue
        if quote and text[i + 1] != "”" or ch in "?!" and text[i + 1] == "”":
            continue  # inside a quotation; a quoted title asking a question ("... Web Log?” New York Times")
        j = i + 1 + (text[i + 1] == "”")
        if not re.match(r"\s+[“\"A-Z(]", text[j:]):
            continue
        word = re.search(r"(\S+)$", text[start:i + 1])
        token = word.group(1) if word else ""
        token = token.lstrip("(“\"")
        if ch == "." and (token in ABBREVIATIONS or re.fullmatch(r"(?:[A-Z]\.)+|[A-Z][a-z]{0,3}\.|(?:\w\.){2,}", token)):
            continue
        out.append(text[start:j].strip())
        start = j
    out.append(text[start:].strip())
    return [s for s in out if s]


def segments(text: str, *, style: str | None = None) -> list[str]:
    """The pieces of a note that may each be one citation."""
    text = collapse(text)
    pieces = _split_top(text)
    if style in AUTHOR_FIRST:  # one reference a piece: its own full stops separate its parts
        return pieces
    return [s for p in pieces for s in _sentences(p)]


def _strip_signal(seg: str) -> tuple[str, bool]:
    """The segment without the signal that opens it, and whether it had one."""
    m = RE_SIGNAL.match(seg)
    if m and m.end() < len(seg):
        return seg[m.end():].lstrip(" ,"), True
    inner = list(RE_INNER_SIGNAL.finditer(seg))
    if inner and inner[-1].end() < len(seg) and inner[-1].start() > 0:
        return seg[inner[-1].end():], True
    return seg, False


def _take_url(seg: str, *, to_end: bool = False) -> tuple[str, str | None]:
    """The URL of a segment (its line-break spaces removed) and the segment without it; a GOST
    URL runs `to_end` of the note, whatever the dump put inside it."""
    m = RE_URL_START.search(seg)
    if not m:
        return seg, None
    stop = None if to_end else RE_URL_STOP.search(seg, m.start())
    end = stop.start() if stop else len(seg)
    url = re.sub(r"\s+", "", seg[m.start():end]).rstrip(".,;)>]")
    head = seg[:m.start()].rstrip(" <(")
    head = re.sub(r"(?:\bURL|Available\s+(?:at|from)|Retrieved\s+(?:\w+\s\d{1,2},\s\d{4},\s)?from|at|online)\s*:?\s*$", "",
                  head, flags=re.I).rstrip(" .,:-–")
    return head, url


def _years(text: str) -> list[int]:
    return [int(y) for y in RE_YEAR.findall(text)]


# ---------------------------------------------------------------- style detection

def style_scores(text: str) -> dict[str, int]:
    """How strongly a note shows each style's cues."""
    return {s: sum(w for rx, w in cues if rx.search(text)) for s, cues in STYLE_CUES.items()}


def note_style(text: str) -> str | None:
    scores = style_scores(text)
    best = max(STYLES, key=lambda s: scores[s])
    return best if scores[best] >= 2 else None


def detect_style(texts: Iterable[str]) -> str | None:
    """A document's citation style: the one most of its notes show (None: no citation notes)."""
    votes = Counter(s for s in map(note_style, texts) if s)
    if not votes:
        return None
    return max(STYLES, key=lambda s: (votes[s], -STYLES.index(s)))


# ---------------------------------------------------------------- legal: cases and legislation

RE_CASE_US = re.compile(  # Bach v. Longman, 98 Eng. Rep. 1274 (1777); Sony Corp. v. Universal, 464 U.S. 417, 431 (1984)
    rf"^(?P<title>(?:In re |Ex parte )?.+?\sv\.?\s.+?|In re .+?),\s+(?P<vol>\d+)\s+(?P<rep>[A-Z][A-Za-z0-9.\s']*?)\s+"
    rf"(?P<pages>\d+(?:\s*,\s*\d+(?:[-–]\d+)?)*)\s*\((?P<court>[^()]*?)\s*(?P<year>{YEAR})\)(?P<rest>.*)$")
RE_CASE_US_REV = re.compile(  # the reporter before the volume: "United States v. Causby, U.S. 328 (1946): 256, 261"
    rf"^(?P<title>.+?\sv\.?\s.+?),\s+(?P<rep>[A-Z][A-Za-z.\s]*?)\s+(?P<vol>\d+)\s*\((?P<court>[^()]*?)\s*(?P<year>{YEAR})\)"
    rf"(?::\s*(?P<pages>{PAGES}))?(?P<rest>.*)$")
RE_CASE_UK = re.compile(  # Donoghue v Stevenson [1932] AC 562 (HL); R v Brown [1994] 1 AC 212, 234; [2005] UKHL 41 [12]
    rf"^(?P<title>.+?)\s*,?\s+[\[(](?P<year>{YEAR})[\])]\s+(?:(?P<vol>\d+)\s+)?(?P<rep>[A-Z][A-Za-z]*(?:\s(?:[A-Z][A-Za-z]*|\([A-Za-z]+\)))*)"
    rf"\s+(?P<pages>[A-Z]?-?\d+(?:/\d+)?(?:\s*,\s*\d+(?:[-–]\d+)?)*)(?P<rest>.*)$")
RE_CASE_NAME = re.compile(r"\sv\.?\s|^(?:Re|In re|Ex parte|R\s\()\s", re.I)
RE_ACT = re.compile(
    rf"^(?P<title>(?:The\s)?[A-Z][\w’'(),\s-]*?\b(?:Act|Code|Regulations?|Order|Directive|Constitution|Statute|Treaty|Convention|Law)"
    rf"(?:\s(?:of|No\.?)\s?(?P<year1>{YEAR}))?(?:\s(?P<year2>{YEAR}))?)(?P<rest>(?:[,\s(].*)?)$")
RE_USC = re.compile(rf"^(?P<vol>\d+)\s+(?P<code>U\.\s?S\.\s?C\.(?:\s?A\.)?|United States Code|C\.F\.R\.)\s*,?\s*(?P<pin>(?:§+|sections?|sec\.)\s*[\w.()\-–, ]+?)?\s*(?:\((?P<year>{YEAR})\))?\.?$")
RE_EU_ACT = re.compile(rf"^(?P<title>(?:Council\s|Commission\s)?(?:Regulation|Directive|Decision)\s\((?:EU|EC|EEC)\)\s(?:No\s)?(?P<year>{YEAR})/\d+.*?|(?:Council\s|Commission\s)?(?:Directive|Regulation|Decision)\s(?P<year2>{YEAR})/\d+/E[CU].*?)(?P<rest>(?:\s\[\d{{4}}\]\sOJ\s.*)?)$")
RE_PROVISION = re.compile(r"^,?\s*(?P<pin>(?:sections|section|schs|sch|sec\.?|ss|s|regs|reg|arts|art|paras|para|pt|§+)\b\s*\.?\s*[\w().\-–]+(?:\s*(?:,|and|-)\s*[\w().]+)*)", re.I)


def parse_legal(seg: str) -> Citation | None:
    """A case or a piece of legislation, in the Bluebook's or OSCOLA's form."""
    for rx in (RE_CASE_US, RE_CASE_US_REV, RE_CASE_UK):
        m = rx.match(seg)
        if m and RE_CASE_NAME.search(" " + m.group("title")):
            pages = m.group("pages")
            rest = m.group("rest") or ""
            if rx is RE_CASE_UK:
                pin = re.match(r"^\s*((?:\[\d+\](?:[-–]\[\d+\])?(?:,\s*)?)+)", rest)
                if pin:
                    pages = f"{pages} {pin.group(1)}"
            court = (m.groupdict().get("court") or "").strip(" ,")
            return Citation(kind="case", form="full", style="legal", text=seg, title=_clean(m.group("title")),
                            container=_clean(m.group("rep")), year=int(m.group("year")), volume=m.group("vol"),
                            cited_pages=_pages(pages), publisher=None,
                            unparsed=_clean(" ".join(x for x in (court, rest) if x)) or None)
    m = RE_USC.match(seg)
    if m:
        return Citation(kind="legislation", form="full", style="legal", text=seg, title=_clean(m.group("code")),
                        volume=m.group("vol"), year=int(m.group("year")) if m.group("year") else None,
                        cited_pages=_pages(m.group("pin")))
    m = RE_EU_ACT.match(seg)
    if m:
        year = m.group("year") or m.group("year2")
        oj = re.search(r"\[\d{4}\]\s(OJ\s\S+)\s?(\S+)?", m.group("rest") or "")
        return Citation(kind="legislation", form="full", style="legal", text=seg, title=_clean(m.group("title")),
                        year=int(year), container="OJ" if oj else None,
                        cited_pages=oj.group(1)[3:] if oj else None)
    m = RE_ACT.match(seg)
    if m and (m.group("year1") or m.group("year2")) and len(m.group("title")) < 160:
        rest = m.group("rest") or ""
        pin = RE_PROVISION.match(rest)
        return Citation(kind="legislation", form="full", style="legal", text=seg, title=_clean(m.group("title")),
                        year=int(m.group("year1") or m.group("year2")),
                        cited_pages=_pages(pin.group("pin")) if pin else None,
                        unparsed=_clean(rest[pin.end():] if pin else rest))
    return None


# ---------------------------------------------------------------- GOST

RE_GOST_AUTHOR = re.compile(r"^([A-ZА-ЯЁ][a-zа-яё]+(?:-[A-ZА-ЯЁ][a-zа-яё]+)?)\s?,\s+((?:[A-ZА-ЯЁ][a-zа-я]?\.\s?){1,2})(?=\s)")
RE_GOST_TITLE_END = re.compile(r"\s(?:/|//|\[Electronic resource\]|\[Электронный ресурс\])|\s[-–]\s+(?:URL|(?:19|20)\d{2})")
RE_GOST_AREA = re.compile(r"\.\s*[-–—]\s+")
RE_GOST_YEAR_DASHED = re.compile(r"[-–]\s+((?:19|20)\d{2})\s*[.,]")
RE_GOST_YEAR_PUBLISHER = re.compile(r",\s*((?:19|20)\d{2})\s*\.")
RE_GOST_PAGES = re.compile(r"(?<![\w])[PCРС]\s?\.\s*(\d+(?:\s*[-–]\s*\d+)?)")
RE_GOST_PUBLISHER = re.compile(
    r"[-–]\s+([A-Z][^/\[\]]*?(?:Publishing|Press|Verlag|Publishers|Izdatel\w*|House)[^,/]*?)\s*,\s*(?:19|20)\d{2}")
RE_GOST_PLACE_PUB = re.compile(r"(?:^|[.,:]\s*)(?P<place>[A-ZА-ЯЁ][\w-]+)\s*[.:]\s+(?P<pub>[^.:]{3,}?)\s*\.?\s*$")


def _gost_person(words: str) -> str | None:
    """"B.L. Zalessky" / "Boris Zalessky" / "A. R. Byasharova" -> "Zalessky, B.L."."""
    words = collapse(words).strip(" .,")
    m = re.fullmatch(r"((?:[A-ZА-ЯЁ][a-zа-я]?\.\s?){1,3})\s*([A-ZА-ЯЁ][\w’'\-]+)", words)
    if m:
        return f"{m.group(2)}, {m.group(1).replace(' ', '')}"
    m = re.fullmatch(r"([A-ZА-ЯЁ][a-zа-яё]+)(?:\s[A-ZА-ЯЁ][a-zа-яё]+\.?)?\s([A-ZА-ЯЁ][\w’'\-]+)", words)
    if m:
        return f"{m.group(2)}, {_initials(m.group(1))}"
    return None


def _same_person(a: str, b: str) -> bool:
    """Two names of one citation for one person: first initials agree, surnames nearly so."""
    (sa, ia), (sb, ib) = _split_author(a), _split_author(b)
    ia, ib = _initials(ia) or ia, _initials(ib) or ib
    return ia[:1] == ib[:1] and fuzz.ratio(sa.lower(), sb.lower()) >= AUTHOR_MERGE_CUTOFF


def parse_gost(seg: str) -> Citation | None:
    text = seg
    head, url = _take_url(text, to_end=True)
    authors: list[str] = []
    rest = head
    a = RE_GOST_AUTHOR.match(head)
    if a:
        authors.append(f"{a.group(1)}, {a.group(2).replace(' ', '').strip()}")
        rest = head[a.end():].strip()
    end = RE_GOST_TITLE_END.search(rest)
    title = _clean(rest[: end.start()] if end else rest)
    tail = rest[end.start():] if end else ""
    editors: list[str] = []
    container = None
    # statement of responsibility: "/ B.L. Zalessky, A. Smith ; ed. by ..."
    resp = re.match(r"\s/\s+(?P<resp>[^/]*?)(?=\s//|\.\s*[-–—]\s|$)", tail)
    if resp:
        for part in re.split(r"\s*[,;]\s*", resp.group("resp")):
            if re.match(r"(?:ed\.|eds\.|под\s+ред\.|edited)", part, re.I):
                name = _gost_person(re.sub(r"^(?:ed\.|eds\.|под\s+ред\.|edited)\s*(?:by\s*)?", "", part, flags=re.I))
                if name:
                    editors.append(name)
                continue
            name = _gost_person(part)
            if name and not any(_same_person(name, x) for x in authors):
                authors.append(name)
    cont = re.search(r"\s//\s*(?P<cont>.*?)(?=\.\s*[-–—]\s|$)", tail)
    volume = issue = place = publisher = None
    if cont:
        c = re.sub(r"\[(?:Electronic resource|Электронный ресурс)\]|^[\s/]+", "", cont.group("cont"))
        pp = RE_GOST_PLACE_PUB.search(c)
        if pp and pp.start() > 0 and ":" in c[pp.start():]:
            place, publisher = _clean(pp.group("place")), _clean(pp.group("pub"))
            c = c[:pp.start()]
        vol = re.search(r"[.,]\s*(?:Volume|Vol\.|Т\.)\s*(\d+)\s*[.:]?\s*$", c)
        if vol:
            volume, c = vol.group(1), c[:vol.start()]
        c = re.sub(rf",\s*(?:{MONTHS})\s\d{{1,2}}.*{YEAR}\s*:?\s*$", "", c)
        container = _clean(c)
    for area in RE_GOST_AREA.split(tail)[1:]:
        area = area.strip(" .")
        pm = re.fullmatch(rf"(?:(?P<place>[^:]+?)\s*:\s*)?(?P<pub>[^:,]+?)\s*,\s*(?P<year>{YEAR})", area)
        if pm and not re.match(r"(?:Vol|No|P|C|С|Т|URL)\b", area):
            place = place or _clean(pm.group("place"))
            publisher = publisher or _clean(pm.group("pub"))
        elif m := re.fullmatch(r"(?:Vol\.|Volume|Т\.)\s*(\S+)", area):
            volume = m.group(1)
        elif m := re.fullmatch(r"(?:No\.|№|Iss\.)\s*(.+)", area):
            issue = m.group(1)
    year = None
    for rx in (RE_GOST_YEAR_DASHED, RE_GOST_YEAR_PUBLISHER):
        y = rx.search(head)
        if y:
            year = int(y.group(1))
            break
    if year is None:
        ys = _years(head)
        year = ys[-1] if ys else None
    pages_ref = RE_GOST_PAGES.findall(head)
    cited = re.sub(r"\s*[-–]\s*", "-", pages_ref[-1]) if pages_ref else None
    if publisher is None:
        pub = RE_GOST_PUBLISHER.search(head)
        publisher = collapse(pub.group(1)) if pub else None
    electronic = bool(url) or bool(re.search(r"\[(?:Electronic resource|Электронный ресурс)\]", text))
    if container and (volume or issue) and not publisher:
        kind = "article"
    elif container:
        kind = "chapter" if not electronic or publisher else "article"
    elif electronic:
        kind = "web"
    elif publisher or cited:
        kind = "book"
    else:
        kind = "other"
    if kind == "other" and not authors and not year:
        return None
    return Citation(kind=kind, form="full", style="gost", text=seg, authors=tuple(authors), title=title,
                    container=container, year=year, publisher=publisher, place=place, url=url,
                    cited_pages=cited, volume=volume, issue=issue, editors=tuple(editors))


# ---------------------------------------------------------------- shared pieces of the other styles

def _publication(paren: str) -> dict:
    """"(Point Roberts, Washington: Hartley & Marks, 2008)" and its kin, without the brackets."""
    out: dict = {}
    p = paren.strip(" .")
    eds = re.match(r"^(?P<eds>.+?),\s*eds?\.,?\s*(?=.*\d{4})", p)  # "(Andrew Lipscomb and Albert Bergh, eds., 1903)"
    if eds and _name_list(eds.group("eds")):
        out["editors"] = _name_list(eds.group("eds"))
        p = p[eds.end():]
    if ";" in p:  # "(1964; Munich: Deutscher Taschenbuch Verlag, 1993)"
        p = p.rsplit(";", 1)[1].strip()
    ys = _years(p)
    if not ys:
        return out
    out["year"] = ys[-1]
    p = RE_DATE.sub(str(ys[-1]), p)
    if re.fullmatch(rf"(?:{MONTHS})?\s*\d{{4}}", p.strip(" ,")):
        return out
    body = re.sub(rf"[,\s]*(?:(?:{MONTHS})\s)?(?:\d{{1,2}},?\s)?{ys[-1]}\s*\S*$", "", p).strip(" ,")
    body = re.sub(r"\b\d+(?:st|nd|rd|th)\s+edn\b\.?,?\s*|\b(?:rev\.\s)?\d*\s?ed\.,?\s*", "", body).strip(" ,")
    body = body.strip(" ,:")
    if ":" in body:
        place, _, pub = body.partition(":")
        out["place"], out["publisher"] = _clean(place), _clean(pub)
    elif body and not re.fullmatch(r"[\d\s,.]+", body):
        if body in PLACES or body.split(",")[0] in PLACES and not any(w in PUBLISHER_WORDS for w in body.split()):
            out["place"] = _clean(body)
        else:
            out["publisher"] = _clean(body)
    return out


RE_PUB_PAREN = re.compile(rf"\((?P<in>[^()]*?{YEAR}[^()]*?)\)")


def _after_pages(text: str) -> tuple[str | None, str | None]:
    """Pinpoint pages at the start of `text` (", 18." / ": 90-95" / ", ch. 13"), and the rest."""
    m = re.match(rf"^\s*[,:]?\s*(?P<pages>(?:(?:at\s)?(?:pp?\.|ch\.|chap\.|sec\.|para\.)\s*)?(?:{PAGES}|[ivxlc]+(?:[-–][ivxlc]+)?))(?=[\s.,;()]|$)", text)
    if not m:
        return None, text.strip(" .,") or None
    return _pages(m.group("pages")), text[m.end():].strip(" .,") or None


def _split_author_title(pre: str) -> tuple[list[str], str, bool]:
    """"Robert Bringhurst, Elements of Typographic Style" -> (["Bringhurst, Robert"], title, True)."""
    pre = pre.strip(" ,")
    parts = _split_top(pre, ",")
    for k in range(min(len(parts) - 1, 6), 0, -1):  # the longest run of names before the title
        if k > 1 and not re.match(r"(?:and|&)\s", parts[k - 1]):
            continue  # "A, B, and C, Title": a run of several names ends on "and C"
        names = _name_list(", ".join(parts[:k]))
        if names:
            return names, ", ".join(parts[k:]), True
    surnames = re.fullmatch(r"[A-Z][\w’'\-]+(?:,?\s(?:and|&)\s[A-Z][\w’'\-]+)+", parts[0]) if len(parts) > 1 else None
    if surnames and not any(w in NON_NAME_WORDS for w in re.findall(r"[\w’'\-]+", parts[0]) if w not in ("and",)):
        return re.split(r",?\s(?:and|&)\s", parts[0]), ", ".join(parts[1:]), True
    if len(parts) > 1 and _org(parts[0]) and not re.search(r"\d", parts[0]):
        return [collapse(parts[0])], ", ".join(parts[1:]), True
    return [], pre, False


def _title_extras(title: str) -> tuple[str, dict]:
    """A book title without what follows it in a note: ", 2 vols.", ", trans. X", " 3.2 ed.", ", ed. X", volume."""
    out: dict = {}
    t = title.strip(" .")
    ed = re.search(r",\s*(?:ed\.|eds\.|edited by)\s+(?P<eds>[^,]+(?:,\s*and\s[^,]+)?)", t)
    if ed:
        out["editors"] = _name_list(ed.group("eds")) or []
        t = t[:ed.start()] + t[ed.end():]
    ed = re.search(r",\s*(?P<eds>[^,]+?(?:,\s*and\s[^,]+?)?),?\s+eds?\.?$", t)
    if ed and _name_list(ed.group("eds")):
        out["editors"] = _name_list(ed.group("eds"))
        t = t[:ed.start()]
    t = re.sub(r",\s*trans\.\s+[^,]+", "", t)
    t = re.sub(r",?\s*\d+\s+vols\.?|,?\s*\d+(?:st|nd|rd|th)\s+printing|,?\s*(?:rev\.\s)?[\d.]+\s?(?:ed\b\.?|edn\b)|"
               r",?\s*version\s[\d.]+|,?\s*bk\.\s*\d+", "", t)
    vol = re.search(r",?\s*(?:vol\.|volume)\s*(\d+)\s*$", t, re.I)
    if vol:
        out["volume"], t = vol.group(1), t[:vol.start()]
    return _clean(t) or title, out


RE_DATE = re.compile(rf"(?:\d{{1,2}}\s(?:{MONTHS})|(?:{MONTHS})(?:\s\d{{1,2}})?,?)\s{YEAR}|(?:{MONTHS})\s{YEAR}")


def _container_details(post: str) -> dict:
    """After an article's title: "Harvard Law Review 4 (1890): 193, 198-200", "New York Times,
    30 January 2000, A28", "Journal of Political Philosophy 10 (2) (2002): 129"."""
    out: dict = {}
    post = post.strip(" ,.")
    if not post:
        return out
    dated = re.match(rf"^\((?P<date>[^()]*?{YEAR})\),?\s*(?P<rest>.*)$", post)
    if dated:
        out["year"] = _years(dated.group("date"))[-1]
        out["container"] = _clean(dated.group("rest"))
        return out
    m = re.match(rf"^(?P<cont>.+?)\s+(?P<vol>\d+)(?:\s?:\s?(?P<iss1>\d+)|\s+(?:nos?\.)\s*(?P<iss2>[\d–-]+)|\s+\((?P<iss3>\d+)\))?"
                 rf"\s*\((?:[A-Z][a-z]+\.?\s)?(?P<year>{YEAR})\)\s*(?P<rest>.*)$", post)
    if m:
        out.update(container=_clean(m.group("cont")), volume=m.group("vol"), year=int(m.group("year")),
                   issue=m.group("iss1") or m.group("iss2") or m.group("iss3"))
        pages, rest = _after_pages(m.group("rest"))
        out["cited_pages"], out["unparsed"] = pages, rest
        return out
    m = re.match(rf"^(?P<cont>.+?)\s*,?\s*\((?:(?:{MONTHS})\s)?(?:\d{{1,2}},?\s)?(?P<year>{YEAR})\)\s*(?P<rest>.*)$", post)
    if m:
        out.update(container=_clean(m.group("cont")), year=int(m.group("year")))
        out["cited_pages"], out["unparsed"] = _after_pages(m.group("rest"))
        return out
    d = RE_DATE.search(post)
    if d:
        out["container"] = _clean(post[:d.start()])
        out["year"] = _years(d.group(0))[-1]
        pages = re.match(r"^\s*[,:]\s*(?:at\s+)?(?P<p>[A-Z]?\d+[A-Z]?(?:[-–]\d+)?(?:\s*,\s*\d+)*)(?=[\s.,;]|$)", post[d.end():])
        if pages:
            out["cited_pages"] = _pages(pages.group("p"))
            rest = post[d.end() + pages.end():]
        else:
            rest = post[d.end():]
        out["unparsed"] = _clean(rest)
        return out
    out["container"] = _clean(post)
    return out


def _quoted(seg: str) -> tuple[str, str, str] | None:
    """(before, inside, after) of the first quoted title."""
    for m in RE_QUOTED.finditer(seg):
        q = m.group(0)
        if q == "'" and m.start() > 0 and seg[m.start() - 1].isalpha():
            continue  # an apostrophe
        if m.start() > 0 and seg[m.start() - 1] not in " (":
            continue
        close = seg.find(QUOTE_PAIRS[q], m.end())
        while q in "'’" and close != -1 and close + 1 < len(seg) and seg[close + 1].isalpha():
            close = seg.find(QUOTE_PAIRS[q], close + 1)  # "Industry’s" inside a title in single quotes
        if close == -1:
            return None
        return seg[:m.start()], seg[m.end():close], seg[close + 1:]
    return None


def _kind_of(c: dict) -> str:
    if c.get("container") and c.get("_chapter"):
        return "chapter"
    if c.get("container") and (c.get("volume") or c.get("year") or c.get("issue")):
        return "article"
    if c.get("publisher") or c.get("place"):
        return "book"
    if c.get("url") or c.get("_link"):
        return "web"
    if c.get("editors") and c.get("year"):
        return "book"
    if c.get("container"):
        return "article"
    return "other"


def _citation(style: str, seg: str, fields: dict, form: str = "full") -> Citation:
    kind = fields.pop("kind", None) or _kind_of(fields)
    return Citation(
        kind=kind, form=form, style=style, text=seg,
        authors=tuple(fields.get("authors") or ()), title=_clean(fields.get("title")),
        container=_clean(fields.get("container")), year=fields.get("year"), publisher=_clean(fields.get("publisher")),
        place=_clean(fields.get("place")), url=fields.get("url"), cited_pages=fields.get("cited_pages"),
        volume=fields.get("volume"), issue=fields.get("issue"), editors=tuple(fields.get("editors") or ()),
        refers_to=fields.get("refers_to"), unparsed=_clean(fields.get("unparsed")),
    )


def _repeat(seg: str, style: str) -> Citation | None:
    """Ibid., op. cit., cross-references and short forms: they repeat a citation given before."""
    s = seg.strip()
    m = RE_IBID.match(s)
    if m:
        return Citation(kind="other", form="ibid", style=style, text=seg, cited_pages=_pages(m.group("pages")))
    m = RE_CROSS_REF.match(s)
    if m and len(m.group("who") or "") < 80 and "(" not in (m.group("who") or ""):
        who = (m.group("who") or "").strip(" ,")
        authors, title = _short_who(who)
        n = int(m.group("n1") or m.group("n2") or m.group("n3"))
        return Citation(kind="other", form="cross-reference", style=style, text=seg, authors=tuple(authors),
                        title=title, refers_to=n, cited_pages=_pages(m.group("pages")))
    m = RE_OP_CIT.match(s)
    if m:
        authors, title = _short_who(m.group("who"))
        return Citation(kind="other", form="short", style=style, text=seg, authors=tuple(authors), title=title,
                        cited_pages=_pages(m.group("pages")))
    return None


def _short_who(who: str) -> tuple[list[str], str | None]:
    """The author and short title of a repeat ("Lessig, Future" / "Smith" / "Kinder and Hilgemann")."""
    who = who.strip(" ,.")
    if not who:
        return [], None
    parts = _split_top(who, ",")
    surnames = re.split(r"\s+(?:and|&)\s+|,\s*", parts[0])
    if all(re.fullmatch(r"(?:(?:de|van|von)\s)?[A-Z][\w’'\-]+", s) and s not in NON_NAME_WORDS for s in surnames):
        return surnames, _clean(", ".join(parts[1:])) if len(parts) > 1 else None
    names = _name_list(parts[0])
    if names:
        return names, _clean(", ".join(parts[1:])) if len(parts) > 1 else None
    return [], _clean(who)


def _short_form(seg: str, style: str) -> Citation | None:
    """"Lessing, 226." / "Vaidhyanathan, Copyrights and Copywrongs, 40." / "Smith (2019, p. 4)"."""
    s = seg.strip(" .")
    m = re.match(rf"^(?P<who>[^()]+?)\s*\((?P<year>{YEAR}[a-z]?)(?:,\s*(?:pp?\.\s*)?(?P<pages>[^)]+))?\)$", s) or \
        re.match(rf"^\((?P<who>[^()]+?),?\s+(?P<year>{YEAR}[a-z]?)(?:,\s*(?:pp?\.\s*)?(?P<pages>[^)]+))?\)$", s)
    if m:  # author-date: "Smith (2019, p. 4)", "(Smith and Jones 2019, 12)"
        authors, _ = _short_who(m.group("who"))
        if authors:
            return Citation(kind="other", form="short", style=style, text=seg, authors=tuple(authors),
                            year=int(m.group("year")[:4]), cited_pages=_pages(m.group("pages")))
    m = re.match(rf"^(?P<who>.+?)(?:,\s*|\s+)(?P<pages>(?:(?:pp?\.|at)\s*)?{PAGES})(?P<rest>\s*\(.*\))?$", s)
    if m:
        authors, title = _short_who(m.group("who"))
        if authors or (title and len(title) < 120 and title[0].isupper()):
            return Citation(kind="other", form="short", style=style, text=seg, authors=tuple(authors), title=title,
                            cited_pages=_pages(m.group("pages")), unparsed=_clean(m.group("rest")))
    m = re.match(r"^\(?(?P<who>[A-Z][\w’'\-]+(?:\s(?:and|&)\s[A-Z][\w’'\-]+)?)\s(?P<pages>\d+(?:[-–]\d+)?)\)?$", s)
    if m:  # MLA: "(Smith 45)"
        return Citation(kind="other", form="short", style=style, text=seg, authors=tuple(_short_who(m.group("who"))[0]),
                        cited_pages=_pages(m.group("pages")))
    m = re.match(r"^(?P<who>[^,]{2,80}?),\s(?P<title>[^,]{2,120})$", s)
    if m:  # "Lessig, Future" / "Geiss, Geschichte Griffbereit"
        authors, _ = _short_who(m.group("who"))
        if authors and len(authors) <= 3 and not _years(s):
            return Citation(kind="other", form="short", style=style, text=seg, authors=tuple(authors),
                            title=_clean(m.group("title")))
    return None


# ---------------------------------------------------------------- Chicago and OSCOLA (names first)

def parse_chicago(seg: str, *, style: str = "chicago") -> Citation | None:
    seg, url = _take_url(seg)
    link = RE_LINK_REF.search(seg)
    unparsed = []
    if link:
        unparsed.append(link.group(0).strip(" ,"))
        seg = (seg[:link.start()] + seg[link.end():]).strip()
    seg = seg.strip().rstrip(".")
    fields: dict = {"url": url, "_link": bool(link)}
    q = _quoted(seg)
    surnames = q and re.fullmatch(r"[A-Z][\w’'\-]+(?:\s(?:and|&)\s[A-Z][\w’'\-]+)?", q[0].strip(" ,"))
    if q and (q[0].strip(" ,") == "" or _is_name_list(q[0].strip(" ,")) or _org(q[0]) or surnames):
        before, inside, after = q
        if surnames:
            fields["authors"] = re.split(r"\s(?:and|&)\s", q[0].strip(" ,"))
        else:
            fields["authors"] = _name_list(before.strip(" ,")) or ([collapse(before.strip(" ,"))] if before.strip(" ,") else [])
        fields["title"] = inside.strip(" ,.")
        after = after.strip()
        chapter = re.match(r"^,?\s*in\s+(?P<book>.+)$", after)
        if chapter:
            book = chapter.group("book")
            eds = re.match(r"^(?P<eds>.+?),\s*eds?\.,\s*(?P<rest>.+)$", book)
            if eds and _name_list(eds.group("eds")):
                fields["editors"] = _name_list(eds.group("eds"))
                book = eds.group("rest")
            pub = RE_PUB_PAREN.search(book)
            if pub:
                fields.update(_publication(pub.group("in")))
                fields["cited_pages"], rest = _after_pages(book[pub.end():])
                unparsed.append(rest or "")
                book = book[:pub.start()]
            book, extras = _title_extras(book)
            fields["container"] = book
            fields["editors"] = fields.get("editors") or extras.get("editors")
            fields["_chapter"] = True
        elif style == "oscola" and (m := re.match(rf"^\s*[\[(](?P<year>{YEAR})[\])]\s*(?P<vol>\d+)?\s*(?P<cont>[A-Z][A-Za-z ]*?)\s+(?P<pages>\d.*)$", after)):
            fields.update(year=int(m.group("year")), volume=m.group("vol"), container=m.group("cont"))
            fields["cited_pages"] = _pages(m.group("pages"))
        else:
            details = _container_details(after)
            unparsed.append(details.pop("unparsed", None) or "")
            fields.update({k: v for k, v in details.items() if v is not None})
        fields["unparsed"] = "; ".join(u for u in unparsed if u) or None
        return _citation(style, seg, fields)
    pub = RE_PUB_PAREN.search(seg)
    if style == "oscola" and not pub:
        pub = re.search(rf"\((?P<in>[^()]*?{YEAR})\)", seg)
    if pub:
        pre = re.sub(r"^In\s+(?=[A-Z])", "", seg[:pub.start()])
        if _prose(pre):
            return None
        authors, title, named = _split_author_title(pre)
        if not title:
            return None
        info = _publication(pub.group("in")) if ":" in pub.group("in") or style != "oscola" else _oscola_publication(pub.group("in"))
        title, extras = _title_extras(title)
        fields.update({k: v for k, v in extras.items() if v})
        fields.update(info)
        fields["authors"] = authors
        pages, rest = _after_pages(seg[pub.end():])
        trailing = re.search(r"\s(\d+(?:[-–]\d+)?)$", title)
        if trailing and not re.search(r"\b(?:vol|no)\.?\s*\d+$", title, re.I):  # "Free Software, Free Societies 57 (..."
            if pages:
                fields.setdefault("volume", trailing.group(1))
            else:
                pages = _pages(trailing.group(1))
            title = title[:trailing.start()]
        fields["title"] = title
        fields["cited_pages"] = pages
        unparsed.append(rest or "")
        fields["unparsed"] = "; ".join(u for u in unparsed if u) or None
        if not named and not (info.get("publisher") or info.get("place")) and not fields.get("editors"):
            if not _looks_like_title(title):
                return None
        return _citation(style, seg, fields)
    if (url or link) and not _prose(seg):
        authors, title, _ = _split_author_title(seg)
        d = RE_DATE.search(title)
        if d:
            fields["year"] = _years(d.group(0))[-1]
            title = title[:d.start()]
        parts = _split_top(title, ",")
        fields["title"] = parts[0] if parts else title
        if len(parts) > 1:
            fields["container"] = ", ".join(parts[1:])
        fields.update(authors=authors, kind="web")
        fields["unparsed"] = "; ".join(u for u in unparsed if u) or None
        return _citation(style, seg, fields)
    return None


def _oscola_publication(text: str) -> dict:
    """OSCOLA's "(OUP 2009)", "(2nd edn, Hart 2010)", "(Sweet & Maxwell 2014)"."""
    out: dict = {}
    parts = [p.strip() for p in text.split(",")]
    last = parts[-1]
    m = re.match(rf"^(?P<pub>.*?)\s*(?P<year>{YEAR})$", last)
    if not m:
        return out
    out["year"] = int(m.group("year"))
    if m.group("pub"):
        out["publisher"] = m.group("pub")
    eds = [p for p in parts[:-1] if re.search(r"\beds?\b", p)]
    if eds:
        out["editors"] = _name_list(re.sub(r"\s*\(?eds?\)?\.?$", "", eds[0])) or []
    return out


def _looks_like_title(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 30 and text[:1].isupper()


# ---------------------------------------------------------------- author-date (APA, Harvard) and MLA

def parse_author_date(seg: str, *, style: str = "apa") -> Citation | None:
    seg, url = _take_url(seg)
    seg = seg.strip()
    authors, end = _inverted_names(seg)
    rest = seg[end:].lstrip(" ,.")
    org = None
    if not authors:
        m = re.match(rf"^(?P<org>[^()]+?)\.?\s+\((?:{YEAR}|n\.d\.)", seg)
        if m and (_org(m.group("org")) or len(m.group("org").split()) <= 6):
            org = m.group("org").strip(" .")
            rest = seg[m.end("org"):].lstrip(" .")
    m = re.match(rf"^\((?P<year>{YEAR})[a-z]?(?:,\s*[^)]+)?\)\.?\s*(?P<rest>.*)$", rest) or \
        re.match(r"^\((?P<year>n\.d\.)\)\.?\s*(?P<rest>.*)$", rest)
    if not m or not (authors or org):
        return None
    fields: dict = {"authors": authors or [org], "url": url,
                    "year": int(m.group("year")) if m.group("year")[0].isdigit() else None}
    body = m.group("rest").strip()
    q = _quoted(body)
    if q and not q[0].strip():
        fields["title"] = q[1].strip(" ,.")
        after = q[2].strip(" ,.")
    else:
        t = re.match(r"^(?P<title>.+?[^A-Z])[.?!](?:\s+|$)(?P<after>.*)$", body)
        if not t:
            fields["title"] = body
            return _citation(style, seg, fields)
        fields["title"] = t.group("title").strip()
        after = t.group("after").strip(" .")
        if fields["title"].endswith("?"):
            fields["title"] = fields["title"]
    chapter = re.match(r"^In\s+(?P<eds>.+?)\s*\((?:Eds?|eds?)\.?\)\s*,?\s*(?P<book>.+)$", after)
    if chapter:
        fields["editors"] = _editor_names(chapter.group("eds"))
        book = chapter.group("book")
        pp = re.search(r"\(?(?:pp?\.)\s*(?P<pages>[\d–-]+)\)?", book)
        if pp:
            fields["cited_pages"] = _pages(pp.group("pages"))
            book = book[:pp.start()] + book[pp.end():]
        b = re.match(r"^(?P<title>.+?)[.,]\s+(?P<pub>.*)$", book.strip(" ."))
        fields["container"] = b.group("title") if b else book
        if b:
            fields.update(_place_publisher(b.group("pub")))
        fields["_chapter"] = True
        return _citation(style, seg, fields)
    art = re.match(r"^(?P<cont>[^,]+?),\s*(?:vol\.\s*)?(?P<vol>\d+)\s*(?:\((?P<iss>[^)]+)\)|,\s*no\.\s*(?P<iss2>\d+))?"
                   r"(?:,\s*(?:pp?\.\s*)?(?P<pages>[\de]+(?:[-–]\d+)?))?\.?$", after)
    if art:
        fields.update(container=art.group("cont"), volume=art.group("vol"), issue=art.group("iss") or art.group("iss2"),
                      cited_pages=_pages(art.group("pages")), kind="article")
        return _citation(style, seg, fields)
    if after:
        edn = re.match(r"^(?:\d+(?:st|nd|rd|th)\s+edn|\(?\d+(?:st|nd|rd|th)\s+ed\.\)?)\.?\s*", after)
        if edn:
            after = after[edn.end():]
        fields["title"] = re.sub(r"\s*\(\d+(?:st|nd|rd|th)\s+ed\.\)$", "", fields["title"])
        if url:
            fields["container"] = after or None
            fields["kind"] = "web"
        else:
            fields.update(_place_publisher(after))
            if not (fields.get("publisher") or fields.get("place")):
                fields["container"] = after
    elif url:
        fields["kind"] = "web"
    return _citation(style, seg, fields)


def _editor_names(text: str) -> list[str]:
    out = []
    for part in re.split(r",?\s+(?:&|and)\s+|,\s+(?=[A-Z]\.)", text):
        name = _gost_person(part) or person_name(part)
        if name:
            out.append(name)
    return out


def _place_publisher(text: str) -> dict:
    text = text.strip(" .")
    if ":" in text:
        place, _, pub = text.partition(":")
        return {"place": _clean(place), "publisher": _clean(pub)}
    return {"publisher": _clean(text)} if text else {}


def parse_mla(seg: str) -> Citation | None:
    seg, url = _take_url(seg)
    seg = re.sub(r"\.?\s*Accessed\s+\d{1,2}\s\w+\.?\s\d{4}\.?$", "", seg.strip()).strip()
    authors, end = _inverted_names(seg)
    if not authors:
        return None
    rest = seg[end:].lstrip(" ,")
    rest = re.sub(r"^et al\.?\s*", "", rest)
    if rest.startswith("."):
        rest = rest[1:].strip()
    elif seg[end - 1:end] == ".":  # "Said, Edward W. Orientalism.": the initial's stop ends the names
        rest = rest.strip()
    else:
        return None
    fields: dict = {"authors": authors, "url": url}
    q = _quoted(rest)
    if q and not q[0].strip():
        fields["title"] = q[1].strip(" ,.")
        after = q[2].strip(" ,.")
    else:
        t = re.match(r"^(?P<title>.+?[^A-Z])[.?!](?:\s+|$)(?P<after>.*)$", rest)
        if not t:
            return None
        fields["title"] = t.group("title")
        after = t.group("after").strip(" .")
    parts = [p.strip() for p in _split_top(after, ",")]
    container = []
    for p in parts:
        if m := re.fullmatch(r"vol\.\s*(\S+)", p):
            fields["volume"] = m.group(1)
        elif m := re.fullmatch(r"no\.\s*(\S+)", p):
            fields["issue"] = m.group(1)
        elif m := re.fullmatch(r"pp?\.\s*(.+)", p):
            fields["cited_pages"] = _pages(m.group(1))
        elif _years(p) and (RE_DATE.fullmatch(p) or re.fullmatch(rf"(?:\d{{1,2}}\s)?(?:(?:{MONTHS})\s)?{YEAR}", p)):
            fields["year"] = _years(p)[-1]
        elif re.fullmatch(r"edited by .+", p):
            fields["editors"] = _name_list(p[10:]) or []
        else:
            container.append(p)
    if container:
        if q and not q[0].strip():
            fields["container"] = container[0]
            if len(container) > 1:
                fields["publisher"] = ", ".join(container[1:])
        elif url and len(container) == 1:
            fields["container"] = container[0]
        else:
            fields["publisher"] = ", ".join(container)
    if q and fields.get("container") and not fields.get("volume") and url:
        fields["kind"] = "web"
    elif q and fields.get("container"):
        fields["kind"] = "article"
    elif fields.get("publisher"):
        fields["kind"] = "book"
    elif url:
        fields["kind"] = "web"
    return _citation("mla", seg, fields)


PARSERS = {
    "gost": parse_gost,
    "chicago": parse_chicago,
    "oscola": lambda s: parse_chicago(s, style="oscola"),
    "apa": lambda s: parse_author_date(s, style="apa"),
    "harvard": lambda s: parse_author_date(s, style="harvard"),
    "mla": parse_mla,
}
QUALITY_FIELDS = ("authors", "title", "container", "year", "publisher", "place", "url", "cited_pages")


def _quality(c: Citation) -> float:
    filled = sum(1 for f in QUALITY_FIELDS if getattr(c, f))
    return filled + (1 if c.kind != "other" else 0)


def parse_segment(seg: str, *, style: str | None = None) -> Citation | None:
    """One segment read as a citation: by `style` first, by the other parsers where it finds less."""
    bare, signalled = _strip_signal(seg.strip())
    bare = bare.strip()
    if not bare:
        return None
    style = style or note_style(bare) or "chicago"
    rep = _repeat(bare.rstrip("."), style)
    if rep:
        return rep
    if re.fullmatch(rf"\(?[A-Z][^()]{{0,60}}\(?{YEAR}[a-z]?(?:,\s*(?:pp?\.\s*)?[\d–-]+)?\)\.?", bare):
        short = _short_form(bare, style)  # "Rodrik (2008, p. 370)", "(Smith and Jones 2019, 12)"
        if short:
            return dataclasses_replace(short, text=seg)
    legal = parse_legal(bare.rstrip(". "))
    if legal:
        return dataclasses_replace(legal, text=seg)
    order = [style] + [s for s in sorted(STYLES, key=lambda s: -style_scores(bare)[s]) if s != style]
    best, best_q = None, 0.0
    for i, s in enumerate(order):
        c = PARSERS[s](bare)
        if c is None:
            continue
        q = _quality(c) + (1.5 if i == 0 else 0)
        if q > best_q:
            best, best_q = c, q
    if best is not None and (best.kind != "other" or best.authors or re.search(rf"\({YEAR}\)", bare)):
        return dataclasses_replace(best, text=seg)
    personal = _personal(bare)
    if personal:
        return dataclasses_replace(personal, text=seg)
    short = _short_form(bare, style)
    if short and (signalled or short.cited_pages or short.year or len(bare) < 80):
        return dataclasses_replace(short, text=seg)
    return None


RE_PERSONAL = re.compile(
    r"^(?P<what>(?:Telephone\s|E-mail\s|Email\s|Personal\s)?(?:interview|letter|e-mail|email|memorandum|memo|"
    r"conversation|correspondence|communication)\b(?:\s(?:from|with|by)\s(?P<who>[^,(]+?))?(?:\sto\s[^,(]+?)?)"
    r"\s*[,(]\s*(?P<date>[^)]*?{year})\)?(?P<rest>.*)$".format(year=YEAR), re.I)


def _personal(seg: str) -> Citation | None:
    """Letters, interviews, e-mails: "Letter from David Smith to Harry Surden, 10 July 2003, on file with author"."""
    m = RE_PERSONAL.match(seg.strip(" ."))
    if not m:
        return None
    who = m.group("who") and person_name(m.group("who").strip())
    letter = not re.match(r"(?:telephone\s)?interview|conversation", m.group("what"), re.I)
    return Citation(kind="archive" if letter else "other", form="full", style="chicago", text=seg,
                    authors=(who,) if who and letter else (), title=_clean(m.group("what")),
                    year=_years(m.group("date"))[-1], unparsed=_clean(m.group("rest")))


def dataclasses_replace(c: Citation, **changes) -> Citation:
    import dataclasses
    return dataclasses.replace(c, **changes)


def parse_note(text: str, *, style: str | None = None) -> tuple[Citation, ...]:
    """Every citation a note holds, in order (none for pure commentary)."""
    style = style or note_style(text)
    out = []
    for seg in segments(text, style=style):
        c = parse_segment(seg, style=style)
        if c is not None:
            out.append(c)
    return tuple(out)


def parse_citation(text: str) -> dict:
    """A note's own citation fields (footnotes table): its first full citation, else its first.
    Never raises."""
    style = note_style(text)
    try:
        cites = parse_note(text, style=style)
    except Exception:  # a parser fault leaves the note unparsed, never the run broken
        cites = ()
    if style == "gost" or (not cites and RE_URL_START.search(text)):
        c = parse_gost(collapse(text))
        cites = (c,) if c else cites
    first = next((c for c in cites if c.form == "full"), cites[0] if cites else None)
    if first is None:
        _, url = _take_url(collapse(text))
        ys = _years(text)
        return {"url": url, "year": ys[-1] if ys else None, "authors": (), "title": None,
                "publisher": None, "cited_pages": None, "kind": "web" if url else "other"}
    return {"url": first.url, "year": first.year, "authors": tuple(first.authors), "title": first.title,
            "publisher": first.publisher, "cited_pages": first.cited_pages,
            "kind": FOOTNOTE_KIND.get(first.kind, "other")}


# ---------------------------------------------------------------- authors across a book

AUTHOR_MERGE_CUTOFF = 80  # rapidfuzz ratio of two surnames spelled two ways ("Zalessky" / "Zaleski")


def canonical_names(names: Iterable[str]) -> dict[str, str]:
    """Each author as written -> one spelling per person across the book.

    Two names are one person when their initials agree (one may be the fuller: "B." and
    "B.L."; a given name counts by its initials) and their surnames differ only by
    transliteration (rapidfuzz ratio >= cutoff). The most frequent surname spelling and the
    fullest initials (or given names) stand for the person."""
    counts = Counter(names)
    people: list[list[str]] = []
    for name in sorted(counts, key=lambda a: (-counts[a], a)):
        surname, given = _split_author(name)
        initials = _initials(given) or given
        for person in people:
            s2, g2 = _split_author(person[0])
            i2 = _initials(g2) or g2
            if (initials.startswith(i2) or i2.startswith(initials)) and \
                    fuzz.ratio(surname.lower(), s2.lower()) >= AUTHOR_MERGE_CUTOFF:
                person.append(name)
                break
        else:
            people.append([name])
    out = {}
    for person in people:
        surname = _split_author(person[0])[0]
        given = max((_split_author(n)[1] for n in person), key=lambda g: (len(_initials(g) or g), len(g)))
        canonical = f"{surname}, {given}" if given else surname
        out.update({n: canonical for n in person})
    return out


def canonical_authors(notes: Sequence[Footnote]) -> dict[str, str]:
    """`canonical_names` over the authors of a book's notes."""
    return canonical_names(a for n in notes for a in n.authors)


def _split_author(name: str) -> tuple[str, str]:
    surname, _, given = name.partition(",")
    return surname.strip(), _tidy_given(given)
