"""Named entities of the claims: spaCy's spans corrected and completed by rules, then canonicalised.

spaCy's small English model finds most names but labels them unevenly ("Ho Chi Minh City" as a
person, "Orsha-Nanchang" as one place) and misses many repeats. The rules here:
  - countries from a gazetteer (countries.py): always GPE, one short name, ISO alpha-3;
  - places by their form: "Vitebsk region", "Shandong Province", "the city of Orsha";
  - organisations by their form: "... Plant", "Ministry of ...", a quoted name after "OJSC" or
    "the company"; abbreviations tied to the expansion the document gives ("... (BUCE)");
  - adjectives ("Belarusian", "Belarusian-Chinese") and events (exhibitions, forums) are not
    places or organisations;
  - one label per name across the document (the majority of its mentions), and every repeat
    of a name found once is found everywhere;
  - canonical names: legal forms and quotes stripped, abbreviations expanded, variants merged
    with rapidfuzz behind a strict cutoff.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from rapidfuzz import fuzz, process

from ..ids import stable_id
from ..records import Claim, EntityMention
from . import countries, places
from .ner import NerSpan

KEPT_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "LAW"}

# --- the rule tables (patterns/*), read once; every regex below is built from them -------------

_word = countries.pattern_words
LEGAL_FORMS = countries.alternation(_word("legal_forms.txt"))
COMPASS = r"(?:North|South|East|West|Northeast|Northwest|Southeast|Southwest)"
_HEAD_ROWS = countries.pattern_rows("org_heads.tsv")
ORG_HEADS = countries.alternation(row[0] for row in _HEAD_ROWS)
# generic heads that name the same kind of organisation ("Minsk Tractor Works" = "Minsk Tractor Plant")
HEAD_SYNONYMS = {row[0].lower(): row[1] for row in _HEAD_ROWS if len(row) > 1 and row[1] and row[1] != row[0].lower()}
EVENT_WORDS = countries.alternation(_word("event_words.txt"))
PLACE_HEADS = countries.alternation(w for row in countries.pattern_rows("place_heads.txt") if len(row) == 1
                                    for w in (row[0], row[0].title()))
DOCUMENT_WORDS = countries.alternation(_word("document_words.txt")) + r"\b"
TITLES = countries.alternation(_word("titles.txt"))
RE_TITLE_OPENING = re.compile(rf"^(?:(?:{TITLES})\.?\s+)+")
RE_TITLE_OF = re.compile(rf"^(?:{TITLES})\s+(?:of|for|to)\s+(?:the\s+)?")
# one-word titles that end a name read backwards ("Director of the Institute" is no institute's name)
TITLE_WORDS = frozenset(row[0].rstrip(".") for row in countries.pattern_rows("titles.txt")
                        if " " not in row[0] and "org" not in row[1:])
_NOUN_ROWS = countries.pattern_rows("org_nouns.txt")
ORG_NOUNS_BEFORE = countries.alternation(row[0] for row in _NOUN_ROWS if "before" in row[1])
ORG_NOUNS_AFTER = countries.alternation(row[0] for row in _NOUN_ROWS if "after" in row[1])
PLACE_ENDINGS = countries.alternation(_word("place_endings.txt"))
# compiled once: a pattern built from a table is a long string, costly to look up at every call
RE_HEAD_AT_END = re.compile(rf"\b{ORG_HEADS}(?:\s+{LEGAL_FORMS})?$")
RE_NESTED_ORG = re.compile(rf"\s+(?:of|in|at|under)\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+){{0,3}}{ORG_HEADS}\b")
RE_NUMBER_NEXT = re.compile(r"\s+No\.\s*\d+")
RE_LEGAL_NEXT = re.compile(rf"\s+{LEGAL_FORMS}(?![\w])")
RE_LEGAL_WORD = re.compile(rf"(?<![\w-]){LEGAL_FORMS}(?![\w])")
RE_LEGAL_OR_COMPASS = re.compile(rf"{LEGAL_FORMS}|{COMPASS}")
RE_EVENT = re.compile(rf"\b{EVENT_WORDS}\b")
RE_DOCUMENT = re.compile(DOCUMENT_WORDS)
RE_HEAD_END_OR_LEGAL = re.compile(rf"\b{ORG_HEADS}$|\b{LEGAL_FORMS}\b")
RE_HEAD_OR_LEGAL = re.compile(rf"\b{ORG_HEADS}\b|\b{LEGAL_FORMS}\b")
RE_PLACE_HEAD_END = re.compile(rf"\b{PLACE_HEADS}$")
RE_PLACE_ENDING = re.compile(rf"{PLACE_ENDINGS}$")
RE_INNER_LEGAL = re.compile(rf"\s{LEGAL_FORMS}\s+(?=\S)")
RE_LEGAL_ENDS = re.compile(rf"^(?:{LEGAL_FORMS}\s+)+|(?:,?\s+{LEGAL_FORMS})+$")
RE_TITLE = re.compile(TITLES)
RE_LEGAL_FORM = re.compile(LEGAL_FORMS)
_REGION_ROWS = countries.pattern_rows("world_regions.tsv")
WORLD_REGIONS = countries.alternation(name for name, kind in _REGION_ROWS if kind == "region")
REGION_MODIFIERS = countries.alternation(name for name, kind in _REGION_ROWS if kind == "modifier")
# capitalised words that open a sentence or a name without being part of it
FUNCTION_WORDS = frozenset(_word("function_words.txt"))
MERGE_CUTOFF = 92  # token_sort_ratio at or above which two organisation names are one entity


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    label: str
    source: str  # spacy / country / place / org / abbreviation / propagated
    iso3: str | None = None
    canonical: str | None = None


# --- abbreviations ----------------------------------------------------------------------------

RE_ABBR_DEF = re.compile(r"\(\s*(?P<abbr>[A-Z][A-Za-z]{0,2}[A-Z][A-Za-z]{0,6})\s*\)")


def _initials_match(abbr: str, words: Sequence[str]) -> bool:
    """Schwartz-Hearst in short: the abbreviation's letters appear in order in the words, the
    first letter starting the first word."""
    letters = [c.lower() for c in abbr if c.isalpha()]
    text = " ".join(words).lower()
    if not letters or not text or text[0] != letters[0]:
        return False
    i = len(text) - 1
    for ch in reversed(letters):
        while i >= 0 and text[i] != ch:
            i -= 1
        if i < 0:
            return False
        i -= 1
    return True


Abbreviations = dict[str, list[tuple[int, str]]]  # abbreviation -> (claim index, expansion), in order


def find_abbreviations(texts: Sequence[str]) -> Abbreviations:
    """'Belarusian Universal Commodity Exchange (BUCE)' -> {'BUCE': [(i, 'Belarusian Universal Commodity Exchange')]}.

    The shortest run of words before the parenthesis whose initials spell the abbreviation,
    widened to the whole capitalised name it sits in; or, for an abbreviation of another
    language ("Minsk Tractor Works (MTZ)"), an organisation name right before it that starts
    with the same letter. A book may define one abbreviation differently in two chapters:
    every definition is kept with the index of the text that gives it."""
    found: Abbreviations = defaultdict(list)
    for index, text in enumerate(texts):
        for m in RE_ABBR_DEF.finditer(text):
            abbr = m.group("abbr")
            expansion = _expansion_before(text, m.start(), abbr)
            if expansion and (not found.get(abbr) or found[abbr][-1][1] != expansion):
                found[abbr].append((index, expansion))
    return dict(found)


def _expansion_before(text: str, at: int, abbr: str) -> str | None:
    before = text[:at].rstrip()
    words = re.findall(r"[\w'’.&-]+", before[-200:])
    n_caps = sum(c.isupper() for c in abbr)
    for n in range(max(1, n_caps - 1), min(len(words), n_caps + 6) + 1):
        run = words[-n:]
        if run[0][:1].isupper() and run[0] not in FUNCTION_WORDS and _initials_match(abbr, run):
            start = _name_words_before(before, len(before) - len(" ".join(run)))
            name = before[start:] if start < len(before) - len(" ".join(run)) else " ".join(run)
            return _strip_legal_form(re.sub(r"\s+", " ", name))
    head = RE_HEAD_AT_END.search(before)
    if head:
        start = _name_words_before(before, head.start())
        name = before[start:]
        if start < head.start() and name[:1].upper() == abbr[:1]:
            return _strip_legal_form(re.sub(r"\s+", " ", name))
    return None


def expansion_at(definitions: Sequence[tuple[int, str]], index: int) -> str:
    """The definition in force at text `index`: the last one before it, else the first one."""
    before = [e for i, e in definitions if i <= index]
    return before[-1] if before else definitions[0][1]


@lru_cache(maxsize=8)
def _abbreviation_index(abbreviations: tuple[str, ...]) -> "NameIndex":
    return NameIndex(abbreviations)


# --- candidates by rule -----------------------------------------------------------------------

def country_candidates(text: str) -> list[Candidate]:
    out = []
    for m in countries.country_pattern().finditer(text):
        iso3 = countries.lookup(m.group(0))
        if iso3:
            out.append(Candidate(m.start(), m.end(), "GPE", "country", iso3, countries.short_name(iso3)))
    return out


RE_PLACE_HEAD = re.compile(rf"(?P<name>[A-Z][\w'’-]+)\s+{PLACE_HEADS}")
RE_LOCATIVE = re.compile(r"\b(?:in|to|from|near|city of|capital of|capital,)\s+$")
RE_PLACE = re.compile(rf"(?P<name>(?:[A-Z][\w'’-]+\s+){{0,2}}[A-Z][\w'’-]+)\s+{PLACE_HEADS}\b")
RE_CITY_OF = re.compile(r"\b(?:city|town|village|province|region|capital) of (?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})")


def place_candidates(text: str) -> list[Candidate]:
    out = []
    for m in RE_PLACE.finditer(text):
        words = m.group("name").split()
        while words and words[0] in FUNCTION_WORDS:
            words = words[1:]
        if not words or is_adjective(words[-1]) or re.fullmatch(COMPASS, words[-1]):
            continue  # "Belarusian region", "South Asian region" are descriptions, not names
        if RE_ORG_HEAD.search(" ".join(words)):
            continue  # "Fire Brigade City of Harare" is an organisation
        start = m.start("name") + m.group("name").index(words[0])
        if countries.lookup(" ".join(words)):
            continue  # "China region" is not a place of its own
        out.append(Candidate(start, m.end(), "GPE", "place"))
    for m in RE_CITY_OF.finditer(text):
        if not countries.lookup(m.group("name")):
            out.append(Candidate(m.start("name"), m.end("name"), "GPE", "place"))
    return out


RE_QUOTED_ORG = re.compile(
    rf"\b(?:{LEGAL_FORMS}|[Cc]ompany|[Ee]nterprise|[Hh]olding|[Cc]oncern|[Pp]lant|[Ff]actory|[Cc]orporation|"
    rf"[Gg]roup|[Bb]rand|[Ff]irm|[Mm]anufacturer)\s+[\"“«](?P<name>[^\"”»]{{2,80}})[\"”»]")
RE_ORG_HEAD = re.compile(rf"\b{ORG_HEADS}\b")
RE_WORD = re.compile(r"[\w'’.&-]+")
CONNECTORS = {"of", "and", "for", "on", "the", "in", "de", "&"}


def _name_words_before(text: str, at: int) -> int:
    """Where a capitalised name ending at `at` starts ("Belarusian Universal Commodity| Exchange")."""
    start = cursor = at
    words = list(RE_WORD.finditer(text[max(0, at - 160):at]))
    offset = max(0, at - 160)
    pending = None
    for w in reversed(words):
        token = w.group(0)
        if text[offset + w.end():cursor].strip():  # punctuation between words ends the name
            break
        cursor = offset + w.start()
        if token[:1].isupper() or re.fullmatch(r"No\.?|\d+", token):
            if (token in FUNCTION_WORDS or token in TITLE_WORDS or is_adjective(token) and pending
                    or RE_LEGAL_FORM.fullmatch(token)):
                break  # a legal form closes the name before it ("Belshina OJSC and ..."), a title too
            start = cursor
            pending = None
        elif token in CONNECTORS and pending is None:
            pending = token
        else:
            break
    return start


def _name_words_after(text: str, at: int) -> int:
    """Where 'of Health of the Republic of Belarus' after a head word ends."""
    end = at
    m = re.match(r"(?:\s+(?:of|for|on|and|in)(?:\s+the)?(?:\s+[A-Z][\w'’.&-]*)+)+(?:\s+No\.\s*\d+)?", text[at:])
    if m:
        end = at + m.end()
        # "Chamber of Commerce, Industry, Mines and Agriculture": a list of single words closed by "and"
        listed = re.match(r"(?:,\s+[A-Z][\w'’-]*){1,5},?\s+and\s+[A-Z][\w'’-]*", text[end:])
        if listed:
            end += listed.end()
        # "Center for ... Cooperation of the Ministry of ...": the body it belongs to is another name
        nested = RE_NESTED_ORG.search(text[at:end])
        if nested:
            end = at + nested.start()
        end = at + len(text[at:end].rstrip(",."))
    number = RE_NUMBER_NEXT.match(text, end)  # "Minsk Dairy Plant No. 1"
    if number:
        end = number.end()
    legal = RE_LEGAL_NEXT.match(text, end)
    return legal.end() if legal else end


NAME = r"[A-Z][\w'’&.-]*(?:[-\s][A-Z0-9][\w'’&.-]*){0,3}"
EVENT_NOUNS = countries.alternation(w.lower() for w in _word("event_words.txt") if " " not in w and w[1:].islower())
RE_EVENT_NAME = re.compile(rf"\b{EVENT_NOUNS}\s+(?P<name>[A-Z][A-Z0-9-]{{2,}}|[A-Z][\w-]+(?:\s+[A-Z0-9][\w-]*){{0,3}})")
# "Taomu (Suzhou) Information Technology": a company of a Chinese city, the city in brackets
RE_BRACKETED_PLACE_ORG = re.compile(r"(?<![\w-])(?P<name>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?\s+\([A-Z][a-z]+\)"
                                    r"(?:\s+[A-Z][\w&-]*)+)")
RE_ORG_NOUN = re.compile(rf"\b{ORG_NOUNS_BEFORE}\b")
RE_NOUN_NAME = re.compile(rf"\b{ORG_NOUNS_BEFORE}\s+(?P<name>{NAME})")
RE_NAME_NOUN = re.compile(rf"\b(?:the|The|a|an|this|its|their)\s+(?P<name>{NAME})\s+{ORG_NOUNS_AFTER}\b")  # not "They concern"
RE_LEGAL_NAME = re.compile(rf"(?<![\w-]){LEGAL_FORMS}\s+(?P<name>{NAME})")
RE_NAME_LEGAL = re.compile(rf"(?P<name>{NAME})\s+{LEGAL_FORMS}(?![\w])")


def org_candidates(text: str) -> list[Candidate]:
    out = []
    for m in RE_QUOTED_ORG.finditer(text):
        out.append(Candidate(m.start("name"), m.end("name"), "ORG", "org"))
    for m in RE_ORG_HEAD.finditer(text):
        if not m.group(0)[:1].isupper():
            continue
        start = _name_words_before(text, m.start())
        end = _name_words_after(text, m.end())
        if start == m.start() and end == m.end():
            continue  # a head word alone ("the Ministry") is not a name
        words = text[start:end].split()
        if len(words) < 2 or (text[start:m.start()].strip() and is_adjective(text[start:m.start()].strip())):
            continue  # "Belarusian University" is too generic to be sure of
        out.extend(Candidate(a, b, "ORG", "org") for a, b in split_conjoined(text, start, end))
    return out


def context_org_candidates(text: str) -> list[Candidate]:
    """Names a company noun or a legal form stands beside: 'the Chinese company Jifei', 'the
    Bellesbumprom concern', 'LLC Ingribel', 'SinoBelMedika LLC'. Places, countries and people
    words there are modifiers ('a Minsk company'), left out when the document is read."""
    out = []
    has_noun, has_legal = RE_ORG_NOUN.search(text), RE_LEGAL_WORD.search(text)  # prefilters
    for rx in (RE_NOUN_NAME, RE_LEGAL_NAME, RE_NAME_NOUN, RE_NAME_LEGAL):
        if not (has_legal if rx in (RE_LEGAL_NAME, RE_NAME_LEGAL) else has_noun):
            continue
        for m in rx.finditer(text):
            start, end = _name_bounds(text, m.start("name"), m.end("name"), trailing=rx in (RE_NOUN_NAME, RE_LEGAL_NAME))
            if end > start and not RE_DATE_WORD.search(text[start:end]):  # "in March 2023 concern the ..."
                legal = RE_LEGAL_NEXT.match(text, end) if rx is RE_NAME_LEGAL else None
                out.append(Candidate(start, legal.end() if legal else end, "ORG", "context"))
    if "(" in text:
        out.extend(Candidate(m.start("name"), m.end("name"), "ORG", "context")
                   for m in RE_BRACKETED_PLACE_ORG.finditer(text))
    for m in RE_EVENT_NAME.finditer(text):  # "the exhibition DJAZAGRO"
        start, end = _name_bounds(text, m.start("name"), m.end("name"), trailing=True)
        if end > start and not RE_DATE_WORD.search(text[start:end]):
            out.append(Candidate(start, end, "EVENT", "context"))
    return out


def _name_bounds(text: str, start: int, end: int, *, trailing: bool) -> tuple[int, int]:
    """The capitalised name inside a match: function words and people words before it left out
    ('Doctor Med LLC' keeps its 'Doctor'); after a noun ('company Jifei To ...') the name stops at a
    function word."""
    words = list(re.finditer(r"\S+", text[start:end]))
    kept = [w for w in words]
    while kept and (kept[0].group(0) in FUNCTION_WORDS or is_adjective(kept[0].group(0))
                    or RE_LEGAL_FORM.fullmatch(kept[0].group(0))):
        kept = kept[1:]
    if trailing:
        for i, w in enumerate(kept):
            if w.group(0) in FUNCTION_WORDS or RE_LEGAL_FORM.fullmatch(w.group(0)):
                kept = kept[:i]
                break
    if not kept:
        return start, start
    a, b = start + kept[0].start(), start + kept[-1].end()
    b = a + len(text[a:b].rstrip(".,;:"))
    return a, b


RE_CONJUNCTION = re.compile(r",?\s+and\s+|,\s+")
RE_DATE_WORD = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
                          r"December|\d{4})\b")
MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
RE_LEADING_DATE = re.compile(rf"(?:(?:[Ii]n|[Oo]n|[Bb]y|[Ss]ince)\s+)?(?:(?:early|mid|late)[\s-]+)?"
                             rf"(?:{MONTHS}(?:\s+\d{{4}})?|\d{{4}}),?\s+(?:the\s+)?(?=[A-Z])")
RE_TRAILING_DATE = re.compile(rf"\s+(?:in|on|since|from|by|until)\s+(?:the\s+)?{RE_DATE_WORD.pattern}.*$")


def _complete_name(part: str) -> bool:
    """An organisation's name on its own: a head word, a legal form, an abbreviation, or a country."""
    part = re.sub(r"^(?:the|The)\s+", "", part.strip())
    named = RE_ORG_HEAD.search(part) and RE_ORG_HEAD.sub("", part).strip(" ,.&-")  # not a head alone ("University")
    return bool(named or RE_LEGAL_WORD.search(part)
                or re.fullmatch(r"[A-Z][A-Z0-9&-]{1,9}", part) or countries.lookup(part))


def split_conjoined(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """'Slutsk Cheese Factory and OJSC Molochny Mir', 'the Ministry of Trade and Industry of Egypt
    and the Egyptian Commodity Exchange': one span per organisation. A list item opens a new name
    only when it and the name so far are both complete; 'Chamber of Commerce, Industry, Mines and
    Agriculture' and 'Lida Milk and Canned Food Plant' stay one. Countries, people words and dates
    coordinated with a name are left out of it (they are entities, or nothing, of their own)."""
    lead = RE_LEADING_DATE.match(text, start, end)
    if lead and lead.end() < end:  # "July 2023 the Ministry of Industry of Belarus"
        start = lead.end()
    span = text[start:end]
    cut = RE_TRAILING_DATE.search(span)
    if cut:  # "Council of Ministers in July"
        span = span[:cut.start()]
    segments, pos = [], 0
    for m in RE_CONJUNCTION.finditer(span):
        segments.append((pos, m.start()))
        pos = m.end()
    segments.append((pos, len(span)))
    while len(segments) > 1 and RE_DATE_WORD.search(span[slice(*segments[0])]) and not _complete_name(
            span[slice(*segments[0])]):
        segments = segments[1:]  # "January 2023 and Belarusian State Technological University"
    groups: list[list[int]] = [[segments[0][0], segments[0][1]]]
    for a, b in segments[1:]:
        opens = _complete_name(span[a:b]) and (span[a:b][:1].isupper() or span[a:b].startswith("the ")) or re.match(
            r"the [A-Z]", span[a:b])  # "... and the Turkish Patent and Trademark Agency"
        if opens and _complete_name(span[groups[-1][0]:groups[-1][1]]):
            groups.append([a, b])
        else:
            groups[-1][1] = b
    out = []
    for a, b in groups:
        part = span[a:b]
        lead = re.match(r"(?:the|The)\s+", part)
        if lead:
            a, part = a + lead.end(), part[lead.end():]
        tail = re.search(r"(?:,?\s+and\s+(?:the\s+)?|,\s+)(?P<rest>[^,]+)$", part)
        if tail and (is_adjective(tail.group("rest")) or countries.lookup(tail.group("rest"))):
            b, part = a + tail.start(), part[:tail.start()]  # "... University and the Vietnamese"
        if not part.strip() or countries.lookup(part) or is_adjective(part):
            continue
        if RE_DATE_WORD.search(part) and not RE_ORG_HEAD.search(part) and not RE_LEGAL_FORM.search(part):
            continue  # "January 2023"
        out.append((start + a, start + a + len(part.rstrip(" ,."))))
    return out


RE_WORD_BREAK = re.compile(r"[\s\-'’]")
RE_INDEX_WORD = re.compile(r"(?<![\w-])[\w'’.&]+")


class NameIndex:
    """Whole-word occurrences of many known names, found by their first word (a regex
    alternation of a thousand names is slow in Python's re)."""
    def __init__(self, names):
        self.by_first: dict[str, list[str]] = defaultdict(list)
        for name in sorted(set(names), key=len, reverse=True):
            self.by_first[self.first_word(name)].append(name)

    @staticmethod
    def first_word(text: str) -> str:
        return RE_WORD_BREAK.split(text, maxsplit=1)[0].rstrip(".,")

    def find(self, text: str) -> list[tuple[int, int, str]]:
        out, after = [], 0
        for w in RE_INDEX_WORD.finditer(text):
            if w.start() < after:
                continue
            token = w.group(0)
            first = self.first_word(token) if token[-1] in ".," or RE_WORD_BREAK.search(token) else token
            if first not in self.by_first:
                continue
            for name in self.by_first.get(first, ()):
                end = w.start() + len(name)
                if text.startswith(name, w.start()) and (end == len(text) or not (text[end].isalnum() or text[end] == "_")):
                    out.append((w.start(), end, name))
                    after = end
                    break
        return out


def abbreviation_candidates(text: str, index: int, abbreviations: Abbreviations) -> list[Candidate]:
    out = []
    for start, end, abbr in _abbreviation_index(tuple(abbreviations)).find(text):
        expansion = expansion_at(abbreviations[abbr], index)
        iso3 = countries.lookup(abbr) or countries.lookup(expansion)
        if iso3:
            out.append(Candidate(start, end, "GPE", "country", iso3, countries.short_name(iso3)))
        elif RE_EVENT.search(expansion):
            out.append(Candidate(start, end, "EVENT", "abbreviation", None, expansion))
        else:
            out.append(Candidate(start, end, "ORG", "abbreviation", None, expansion))
    return out


RE_WORLD_REGION = re.compile(rf"(?<![\w-])(?:{REGION_MODIFIERS}\s+)?{WORLD_REGIONS}(?![\w])")


def world_region_candidates(text: str) -> list[Candidate]:
    """Continents and world regions: named places, but not political units (LOC, not GPE)."""
    return [Candidate(m.start(), m.end(), "LOC", "place") for m in RE_WORLD_REGION.finditer(text)]


# --- cleaning spaCy's spans -------------------------------------------------------------------

RE_LEADING = re.compile(r"^(?:the|The|THE)\s+|^[\"“”«»'‘’(\[]+")
RE_TRAILING = re.compile(r"(?:['’]s|[\"“”«»'’)\].,;:\s\-–]+)$")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while True:
        span = text[start:end]
        lead = RE_LEADING.search(span)
        trail = RE_TRAILING.search(span)
        if lead and lead.end() < len(span):
            start += lead.end()
        elif trail and trail.start() > 0:
            end = start + trail.start()
        else:
            return start, end


def spacy_candidates(text: str, spans: Sequence[NerSpan]) -> list[Candidate]:
    out = []
    for span in spans:
        label = "GPE" if span.label == "LOC" and countries.lookup(span.text) else span.label
        if label not in KEPT_LABELS:
            continue
        start, end = _trim(text, span.start, span.end)
        if label != "PERSON":  # "Chinese institute" -> "Chinese"; "Brest university" -> "Brest"
            tail = re.search(r"(?:\s+(?:[a-z][\w'-]*|and|of|the))+$", text[start:end])
            if tail and tail.start() > 0:
                end = start + tail.start()
        start, end = _untitled(text, start, end)
        while start < end and text[start:end].split(maxsplit=1)[0] in FUNCTION_WORDS and " " in text[start:end]:
            start += len(text[start:end].split(maxsplit=1)[0]) + 1  # "Including the Algerian Association"
            start, end = _trim(text, start, end)
        surface = text[start:end]
        if not surface or not any(c.isupper() for c in surface) or RE_LEGAL_OR_COMPASS.fullmatch(surface):
            continue
        label = _relabel(surface, label)
        if label == "ORG":
            out.extend(Candidate(a, b, "ORG", "spacy") for a, b in split_conjoined(text, start, end))
        elif label:
            out.append(Candidate(start, end, label, "spacy"))
    return out


def _untitled(text: str, start: int, end: int) -> tuple[int, int]:
    """A span without the title that opens it: 'President Lukashenko' -> 'Lukashenko'; 'Minister
    of Foreign Affairs', 'the Ambassador of China' -> nothing (a role: the country is found by
    itself); 'Rector of the Belarusian State University' -> the university."""
    span = text[start:end]
    of = RE_TITLE_OF.match(span)
    if of:
        rest = span[of.end():]
        return (start + of.end(), end) if RE_ORG_HEAD.search(rest) else (start, start)
    opening = RE_TITLE_OPENING.match(span)
    if opening:
        return start + opening.end(), end
    if RE_TITLE.fullmatch(span):
        return start, start
    return start, end


def _relabel(surface: str, label: str) -> str | None:
    """Fix the labels the small model gets wrong by the form of the name."""
    if RE_EVENT.search(surface):
        return "EVENT"
    if RE_DOCUMENT.match(surface):
        return "LAW"
    if is_adjective(surface):
        return "NORP"
    if countries.lookup(surface):
        return "GPE"
    if label in ("PERSON", "GPE", "LOC", "FAC", "NORP") and (
            RE_HEAD_END_OR_LEGAL.search(surface) or re.fullmatch(r"[A-Z]{2,6}", surface)):
        return "ORG" if not RE_PLACE_HEAD_END.search(surface) else "GPE"
    if label == "NORP" and not re.search(r"(?:ian|ean|ese|ish|ic|i|an|ans|s|ists?)$", surface):
        return "GPE"  # "Orsha and Dubrovno flax processors": a place name in modifier position
    if label in ("PERSON", "ORG") and RE_PLACE_HEAD_END.search(surface):
        return "GPE"
    if label == "PERSON" and " " not in surface and "." not in surface:
        # a lone capitalised word is rarely a person in this kind of book: a town or a brand
        if surface.isupper() or re.search(r"\d", surface):
            return "ORG"
        if RE_PLACE_ENDING.search(surface):
            return "GPE"
    return label


@lru_cache(maxsize=65536)
def is_adjective(surface: str) -> bool:
    """'Belarusian', 'Belarusian-Chinese', 'Moldovan', 'Latin American': a people or language
    word, not a place."""
    if places.is_demonym(surface.strip()):
        return True
    parts = [p for p in re.split(r"[-–\s]+", surface) if p not in ("and", "or", "&")]
    return bool(parts) and all(_is_demonym(p) for p in parts)


@lru_cache(maxsize=65536)
def _is_demonym(word: str) -> bool:
    """In the demonym table (or a combining form: 'Sino'), else by its form: -ian, -ese, -ish, or
    a country's name with an ending ('Moldovan', 'Omani', 'Kenyan', 'Azerbayani')."""
    if places.is_demonym(word) or places.is_demonym(word + "-"):
        return True
    if word.lower().endswith(("ian", "ese", "ish")) and not countries.lookup(word):
        return True
    return places.demonym_by_form(word) is not None


# --- choosing among candidates ----------------------------------------------------------------

PRIORITY = {"abbreviation": 0, "country": 1, "org": 2, "place": 3, "context": 4, "spacy": 5, "propagated": 6}


def _overlaps(a: Candidate, b: Candidate) -> bool:
    return a.start < b.end and b.start < a.end


def choose(text: str, cands: Sequence[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates. Between rules the longer span wins; spaCy fills the gaps,
    and replaces rule hits only with an organisation name that contains them ("Ministry of
    Health of Belarus" over "Belarus")."""
    chosen: list[Candidate] = []
    for c in sorted((c for c in cands if c.source != "spacy"), key=lambda c: (-(c.end - c.start), PRIORITY[c.source])):
        if not any(_overlaps(o, c) for o in chosen):
            chosen.append(c)
    for c in sorted((c for c in cands if c.source == "spacy"), key=lambda c: -(c.end - c.start)):
        clash = [o for o in chosen if _overlaps(o, c)]
        if not clash:
            chosen.append(c)
        elif c.label == "ORG" and RE_HEAD_OR_LEGAL.search(text[c.start:c.end]) and all(
                o.start >= c.start and o.end <= c.end and o.source != "abbreviation" for o in clash):
            chosen = [o for o in chosen if o not in clash] + [c]
    return sorted(chosen, key=lambda c: c.start)


RE_ROUTE = re.compile(r"(?<![\w-])(?P<route>[A-Z][a-z]+(?:[-–][A-Z][a-z]+)+)(?=\s+(?:[\w-]+\s+){0,3}?"
                      r"(?:railway|railroad|road|highway|motorway|route|corridor|pipeline|train|flight|line|bridge)\b)")


def route_candidates(text: str) -> list[Candidate]:
    """'the Rasht-Astara railway', 'the Orsha-Nanchang container train': the places it joins."""
    return [Candidate(m.start("route"), m.end("route"), "GPE", "spacy") for m in RE_ROUTE.finditer(text)]


def _split_compound_places(text: str, cands: list[Candidate]) -> list[Candidate]:
    """'Orsha-Nanchang' (one spaCy span) is two places; 'North-South' is a direction, not a place."""
    out = []
    for c in cands:
        surface = text[c.start:c.end]
        if re.fullmatch(rf"{COMPASS}(?:[-–]{COMPASS})*", surface):
            continue
        compound = c.source == "spacy" and re.fullmatch(r"[A-Z][a-z]+(?:[-–][A-Z][a-z]+)+", surface)
        if compound and any(is_adjective(part) for part in re.split(r"[-–]", surface)):
            out.append(replace(c, label="NORP"))  # "Belarusian-Equatoguinean" cooperation
        elif compound and c.label in ("GPE", "LOC", "PERSON", "ORG"):
            pos = c.start
            for part in re.split(r"[-–]", surface):
                iso3 = countries.lookup(part)
                label = "LOC" if RE_WORLD_REGION.fullmatch(part) else "GPE"  # "the China-Europe route"
                out.append(Candidate(pos, pos + len(part), label, "country" if iso3 else "place", iso3,
                                     countries.short_name(iso3) if iso3 else None))
                pos += len(part) + 1
        else:
            out.append(c)
    return out


# --- the document -----------------------------------------------------------------------------

def canonical_org(surface: str) -> str:
    """'OJSC "Gomselmash"' -> 'Gomselmash'; 'Volkovysk OJSC Bellakt' -> 'Bellakt' (the company, not its town)."""
    inner = RE_INNER_LEGAL.search(surface.strip())
    name = _strip_legal_form(surface.strip()[inner.end():] if inner else surface)
    name = re.sub(r"[\"“”«»]", "", name)
    name = re.sub(r"\s*-\s*", "-", name) if re.search(r"\w-\s+\w", name) else name
    return re.sub(r"\s+", " ", name).strip(" ,.-")


def _strip_legal_form(name: str) -> str:
    name = RE_LEGAL_ENDS.sub("", name.strip())
    return re.sub(r"^[\"“«]|[\"”»]$", "", name).strip()


def _merge_key(name: str) -> str:
    words = re.sub(r"[^\w\s]", " ", name.lower()).split()
    return " ".join(HEAD_SYNONYMS.get(w, w) for w in words)


def merge_variants(names: Counter) -> dict[str, str]:
    """Each name -> the most frequent of its close variants (strict rapidfuzz cutoff)."""
    ordered = [n for n, _ in names.most_common()]
    representative: dict[str, str] = {}
    keys: list[tuple[str, str]] = []
    exact: dict[str, str] = {}
    for name in ordered:
        key = _merge_key(name)
        if key in exact:
            representative[name] = exact[key]
            continue
        # the first earlier name close enough (rapidfuzz's loop over them, in C)
        close = process.extract(key, [k for k, _ in keys], scorer=fuzz.token_sort_ratio, score_cutoff=MERGE_CUTOFF,
                                limit=None) if len(key) > 8 else []
        hits = sorted(i for k, _, i in close if len(k) > 8)
        if hits:
            representative[name] = keys[hits[0]][1]
        else:
            representative[name] = name
            keys.append((key, name))
            exact[key] = name
    return representative


def _coordinated_places(text: str, cands: list[Candidate]) -> list[Candidate]:
    """A one-word name listed between places is a place: 'Ankara - 9, Kocaeli - 5, Izmir - 4'."""
    out = list(cands)
    for i, c in enumerate(cands):
        if (c.source != "spacy" or c.label not in ("PERSON", "ORG", "NORP") or " " in text[c.start:c.end]
                or text[c.start:c.end].isupper()):
            continue  # an abbreviation beside places is an organisation ("Belarus and China - BELTA")
        neighbours = []
        if i > 0 and re.fullmatch(r"[\s,;\-–\d]*(?:and\s+|or\s+)?", text[cands[i - 1].end:c.start]):
            neighbours.append(cands[i - 1])
        if i + 1 < len(cands) and re.fullmatch(r"[\s,;\-–\d]*(?:and\s+|or\s+)?", text[c.end:cands[i + 1].start]):
            neighbours.append(cands[i + 1])
        if neighbours and all(n.label == "GPE" for n in neighbours):
            out[i] = replace(c, label="GPE")
    return out


def raw_candidates(text: str, index: int, spans: Sequence[NerSpan], abbreviations: Abbreviations) -> list[Candidate]:
    """Every candidate of one claim, by every rule and from spaCy, overlapping."""
    return (abbreviation_candidates(text, index, abbreviations) + country_candidates(text) + org_candidates(text)
            + context_org_candidates(text) + place_candidates(text) + world_region_candidates(text) + spacy_candidates(text, spans)
            + route_candidates(text))


def settle(text: str, cands: Sequence[Candidate], known_place: Callable[..., bool] | None = None) -> list[Candidate]:
    """The claim's entities: candidates checked against the gazetteer (`known_place(name,
    own_name=False)`, when the document's names have been looked up; `own_name`: a place's own
    name, not one of its alternate names), then one per stretch of text. An organisation spaCy
    found is taken for a place only by a place's own name ('Kashgar'; not 'Xinhua', the news
    agency, also another name of a Chinese town)."""
    kept = []
    for c in cands:
        surface = text[c.start:c.end]
        if c.source == "context" and (countries.lookup(surface) or is_adjective(surface)
                                      or known_place is not None and known_place(surface)):
            continue  # "a Minsk company", "the Chinese company": a modifier, not the company
        if (known_place is not None and c.source == "spacy" and c.label in ("PERSON", "ORG", "NORP")
                and not RE_ORG_HEAD.search(surface) and not surface.isupper() and not is_adjective(surface)
                and known_place(surface, own_name=c.label == "ORG")):
            c = replace(c, label="GPE")  # "Minas Gerais" (PERSON), "Kashgar" (ORG), "Bulgan" (NORP)
        if known_place is not None and c.source == "spacy" and ", " in surface:
            parts = [(m.start(), m.end()) for m in re.finditer(r"[^,]+", surface)]
            names = [surface[a:b].strip() for a, b in parts]
            if len(names) > 1 and all(known_place(n) for n in names):  # "Novopolotsk, Gorki" as one person
                for (a, b), n in zip(parts, names):
                    a += len(surface[a:b]) - len(surface[a:b].lstrip())
                    kept.append(Candidate(c.start + a, c.start + a + len(n), "GPE", "spacy"))
                continue
        if (known_place is not None and c.source == "spacy" and c.label in ("GPE", "LOC") and 0 < c.start
                and c.end < len(text) and text[c.start - 1] in "\"“«'" and text[c.end] in "\"”»'"
                and not known_place(surface)):
            continue  # cheeses "Parmesan", "Gorodean": a quoted name that is no known place is a product
        kept.append(c)
    return _coordinated_places(text, choose(text, _split_compound_places(text, kept)))


def claim_candidates(text: str, index: int, spans: Sequence[NerSpan], abbreviations: Abbreviations,
                     known_place: Callable[[str], bool] | None = None) -> list[Candidate]:
    return settle(text, raw_candidates(text, index, spans, abbreviations), known_place)


def entity_mentions(claims: Sequence[Claim], spans_per_claim: Sequence[Sequence[NerSpan]]) -> list[EntityMention]:
    """Every entity mention of the document's claims, labelled consistently and canonicalised."""
    abbreviations = find_abbreviations([c.text for c in claims])
    raw = [raw_candidates(c.text, i, spans, abbreviations) for i, (c, spans) in enumerate(zip(claims, spans_per_claim))]
    # one read of the gazetteer for every name the document may hold: the candidates, the
    # leading words of organisations
    surfaces = {re.sub(r"\s+", " ", claim.text[c.start:c.end]) for claim, cands in zip(claims, raw) for c in cands}
    surfaces |= {part.strip() for n in surfaces for part in re.split(r"[-–,]", n) if part.strip()}  # "Rasht-Astara"
    surfaces |= {re.sub(r"[\"“”«»]", "", n).strip() for n in surfaces}
    readings = places.lookup_places(sorted(surfaces | {w for n in surfaces for w in _leading_places(n)}))

    def known_place(name: str, own_name: bool = False) -> bool:
        found = readings.get(name, ())
        return bool(countries.lookup(name) or (any(r.primary for r in found) if own_name else found))

    per_claim = [settle(claim.text, cands, known_place) for claim, cands in zip(claims, raw)]

    # a capitalised word seen only at the start of sentences is not a name ("Suffice it to say"),
    # unless it is a place or a people word
    mid_sentence = {m.group(0) for c in claims for m in re.finditer(r"(?<=[\w,;] )[A-Z][\w'’-]+", c.text)}
    per_claim = [[c for c in cands if not (c.source == "spacy" and c.start == 0 and " " not in claim.text[c.start:c.end]
                                           and claim.text[c.start:c.end] not in mid_sentence
                                           and not claim.text[c.start:c.end].isupper()
                                           and not known_place(claim.text[c.start:c.end])
                                           and not is_adjective(claim.text[c.start:c.end]))]
                 for claim, cands in zip(claims, per_claim)]

    # one label per name: the majority over the document
    votes: dict[str, Counter] = defaultdict(Counter)
    for claim, cands in zip(claims, per_claim):
        for c in cands:
            surface = claim.text[c.start:c.end]
            votes[surface][c.label] += 1 if c.source == "spacy" else 3
            head = RE_PLACE_HEAD.fullmatch(surface)
            if c.source == "place" and head:  # "Vitebsk region" makes Vitebsk a place
                votes[head.group("name")]["GPE"] += 3
            if (c.source == "spacy" and RE_LOCATIVE.search(claim.text[:c.start]) and re.fullmatch(r"[A-Z][a-z]+", surface)
                    and not is_adjective(surface)):
                votes[surface]["GPE"] += 2  # "in Ulaanbaatar", "to Izmir"
    majority = {name: v.most_common(1)[0][0] for name, v in votes.items()}

    # names found once are found everywhere (only names that are never ordinary words)
    lowercase_words = set(re.findall(r"\b[a-z][\w'-]*\b", " ".join(c.text for c in claims)))
    repeatable = sorted((n for n, lab in majority.items() if lab in ("PERSON", "ORG", "GPE", "LOC")
                         and _repeatable(n, lowercase_words)), key=len, reverse=True)
    names = NameIndex(repeatable)
    for i, (claim, cands) in enumerate(zip(claims, per_claim)):
        relabelled = [replace(c, label=majority.get(claim.text[c.start:c.end], c.label))
                      if c.source in ("spacy", "propagated") else c for c in cands]
        extra = [Candidate(start, end, majority[name], "propagated") for start, end, name in names.find(claim.text)]
        extra = [e for e in extra if not any(_overlaps(e, c) for c in relabelled)]
        per_claim[i] = sorted(relabelled + extra, key=lambda c: c.start)

    # canonical names
    org_names: Counter = Counter()
    for claim, cands in zip(claims, per_claim):
        for c in cands:
            if c.label == "ORG" and c.canonical is None:
                org_names[canonical_org(claim.text[c.start:c.end])] += 1
    for definitions in abbreviations.values():
        for _, expansion in definitions:
            org_names[canonical_org(expansion)] += 1
    merged = merge_variants(org_names)

    named = [(claim, c, claim.text[c.start:c.end]) for claim, cands in zip(claims, per_claim) for c in cands]
    canonicals = [_canonical(surface, c, merged) for _, c, surface in named]
    keys = {(c.label, canonical) for (_, c, _), (canonical, _) in zip(named, canonicals)}
    readings = places.lookup_places(sorted(_place_lookups(keys)), scan=False)  # read above
    # a misspelt country ('Azerbayan') where no place of that name is known
    for i, ((_, c, _), (canonical, iso3)) in enumerate(zip(named, canonicals)):
        if c.label in ("GPE", "LOC") and not iso3 and not readings[canonical]:
            code = countries.lookup_misspelt(canonical)
            if code:
                canonicals[i] = (countries.short_name(code), code)
    # the countries each entity belongs to, from the document's view of ambiguous names
    prior = Counter(iso3 for _, iso3 in canonicals if iso3)
    for (_, c, _), (canonical, _) in zip(named, canonicals):  # and the people words of one country
        if c.label == "NORP" and len(places.demonym_readings(canonical) or ()) == 1:
            prior[places.demonym_readings(canonical)[0]] += 1
    entity_countries = belonging_countries({(c.label, canonical) for (_, c, _), (canonical, _) in zip(named, canonicals)},
                                           prior, readings)
    # a place the gazetteer lacks lies where the places listed with it lie ('the cities of Muko
    # and Kabale', 'Farinovo, Polotsk district'), when each time they lie in one country, the same
    beside: dict[tuple[str, str], set[str]] = defaultdict(set)
    by_claim: dict[str, list[tuple[Candidate, tuple[str, str]]]] = defaultdict(list)
    for (claim, c, _), (canonical, _) in zip(named, canonicals):
        by_claim[claim.claim_id].append((c, (c.label, canonical)))
    text_of = {claim.claim_id: claim.text for claim in claims}
    for claim_id, items in by_claim.items():
        items.sort(key=lambda item: item[0].start)
        for i, (c, key) in enumerate(items):
            if key[0] != "GPE" or entity_countries[key]:
                continue
            around = set()
            for j in (i - 1, i + 1):
                if 0 <= j < len(items) and items[j][1][0] in ("GPE", "LOC"):
                    a, b = sorted((items[j][0], c), key=lambda x: x.start)
                    if RE_LISTED.fullmatch(text_of[claim_id][a.end:b.start]):
                        around.update(entity_countries[items[j][1]])
            beside[key].add(around.pop() if len(around) == 1 else "")
    for key, found in beside.items():
        if len(found) == 1 and "" not in found:
            entity_countries[key] = tuple(found)
    out = []
    for (claim, c, surface), (canonical, iso3) in zip(named, canonicals):
        out.append(EntityMention(
            doc_id=claim.doc_id, mention_id=stable_id(claim.claim_id, "entity", str(c.start), surface),
            claim_id=claim.claim_id, page=claim.page_at(c.start), start_char=c.start, end_char=c.end,
            text=surface, label=c.label, canonical=canonical, iso3=iso3,
            entity_id=entity_id(claim.doc_id, c.label, canonical),
            country_iso3=(iso3,) if iso3 else entity_countries[(c.label, canonical)]))
    return out


RE_LISTED = re.compile(r"[\s,;\-–]*(?:(?:and|or)\s+)?")


def _place_lookups(entities) -> set[str]:
    """The names to look up in the gazetteer: places, and the leading words of organisations."""
    out = set()
    for label, name in entities:
        if label in ("GPE", "LOC"):
            out.add(name)
        elif label in ("ORG", "EVENT", "LAW", "FAC"):
            out.update(_leading_places(name))
    return out


def belonging_countries(entities, prior: Counter, readings=None) -> dict[tuple[str, str], tuple[str, ...]]:
    """(label, canonical) -> the countries the entity belongs to. A place: the country it lies
    in (GeoNames, ISO 3166-2; a shared name takes the reading of the country the document names
    most). A people word: its countries ('Belarusian-Chinese' -> BLR, CHN). An organisation, event,
    document or facility: the countries, people words and leading place of its name ('Minsk
    Tractor Works' -> BLR, 'Ministry of Health of Belarus' -> BLR). A person: none. `readings`:
    the gazetteer's for `_place_lookups(entities)`, when already looked up."""
    entities = list(entities)
    if readings is None:
        readings = places.lookup_places(sorted(_place_lookups(entities)))
    out = {}
    for label, name in entities:
        if label in ("GPE", "LOC"):
            found = places.place_countries(name, prior, readings.get(name, ()))
        elif label == "NORP":
            found = places.demonym_countries(name, prior)
        elif label in ("ORG", "EVENT", "LAW", "FAC"):
            found = _name_countries(name, prior, readings)
        else:
            found = ()
        out[(label, name)] = found
    return out


def _leading_places(name: str) -> list[str]:
    """The first word and the first two words of a name: where an organisation's town stands."""
    words = name.split()
    return [" ".join(words[:k]) for k in (1, 2) if len(words) > k and words[k - 1][:1].isupper()]


WELL_KNOWN_CITY = 100_000  # people: a town's name alone ties an organisation to its country ("Tashkent Tractor Plant")
RE_NAME_WORD = re.compile(r"[A-Z][\w'’]*(?:[-–][A-Z]?[\w'’]+)*")


def _name_countries(name: str, prior: Counter, readings) -> tuple[str, ...]:
    """'Belarusian-Chinese Intergovernmental Committee' -> BLR, CHN; 'Bank of China' -> CHN;
    'Minsk Tractor Works' -> BLR (a leading town: in a country the document names, or a city of
    one country only and of 100,000 people or more)."""
    found: list[tuple[int, str]] = []
    for m in countries.country_pattern().finditer(name):
        iso3 = countries.lookup(m.group(0))
        if iso3:
            found.append((m.start(), iso3))
    for m in RE_NAME_WORD.finditer(name):
        if not countries.lookup(m.group(0)):
            found.extend((m.start(), iso3) for iso3 in places.demonym_countries(m.group(0), prior)
                         if places.is_demonym(m.group(0)) or is_adjective(m.group(0)))
    for lead in reversed(_leading_places(name)):
        own = [r for r in readings.get(lead, ()) if r.primary]  # a town's own name, not an alternate one
        if own and not countries.lookup(lead):
            best = places.best_reading(own, prior)
            if prior.get(best.iso3, 0) or (len({r.iso3 for r in own}) == 1 and best.population >= WELL_KNOWN_CITY):
                found.append((0, best.iso3))
            break
    return tuple(dict.fromkeys(iso3 for _, iso3 in sorted(found)))


def _repeatable(name: str, lowercase_words: set[str]) -> bool:
    if len(name) < 3 or name in FUNCTION_WORDS or is_adjective(name) or re.fullmatch(COMPASS, name):
        return False
    words = name.split()
    if len(words) == 1:
        return name.lower() not in lowercase_words and not name.lower().endswith("s") or name.isupper()
    return True


def _canonical(surface: str, c: Candidate, merged: dict[str, str]) -> tuple[str, str | None]:
    iso3 = c.iso3 or (countries.lookup(surface) if c.label in ("GPE", "LOC") else None)
    if iso3:
        return countries.short_name(iso3), iso3
    if c.label == "ORG":
        name = c.canonical or canonical_org(surface)
        return merged.get(name, name), None
    if c.label == "PERSON":
        return re.sub(r"\s+", " ", re.sub(r"^(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+", "", surface)).strip(), None
    return re.sub(r"\s+", " ", re.sub(r"[\"“”«»]", "", c.canonical or surface)).strip(), None


def catalog_rows(mentions: Sequence[EntityMention]) -> list[dict]:
    """One row per canonical entity and document: label, iso3, countries, aliases, mention count."""
    groups: dict[tuple[str, str, str], list[EntityMention]] = defaultdict(list)
    for m in mentions:
        groups[(m.doc_id, m.label, m.canonical)].append(m)
    rows = []
    for (doc_id, label, canonical), ms in sorted(groups.items()):
        aliases = Counter(re.sub(r"\s+", " ", m.text) for m in ms)
        rows.append({"doc_id": doc_id, "entity_id": ms[0].entity_id, "label": label,
                     "canonical": canonical, "iso3": next((m.iso3 for m in ms if m.iso3), None),
                     "aliases": sorted(aliases), "n_mentions": len(ms),
                     "first_page": min(m.page for m in ms),
                     "country_iso3": list(ms[0].country_iso3)})
    return rows


def entity_id(doc_id: str, label: str, canonical: str) -> str:
    return stable_id(doc_id, "entity", label, canonical)
