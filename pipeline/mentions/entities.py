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
from collections.abc import Sequence
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
_HEAD_ROWS = countries.pattern_rows("org_heads.tsv")
ORG_HEADS = countries.alternation(row[0] for row in _HEAD_ROWS)
# generic heads that name the same kind of organisation ("Minsk Tractor Works" = "Minsk Tractor Plant")
HEAD_SYNONYMS = {row[0].lower(): row[1] for row in _HEAD_ROWS if len(row) > 1 and row[1] and row[1] != row[0].lower()}
EVENT_WORDS = countries.alternation(_word("event_words.txt"))
PLACE_HEADS = countries.alternation(w for head in _word("place_heads.txt") for w in (head, head.title()))
DOCUMENT_WORDS = countries.alternation(_word("document_words.txt")) + r"\b"
TITLES = countries.alternation(_word("titles.txt"))
_REGION_ROWS = countries.pattern_rows("world_regions.tsv")
WORLD_REGIONS = countries.alternation(name for name, kind in _REGION_ROWS if kind == "region")
REGION_MODIFIERS = countries.alternation(name for name, kind in _REGION_ROWS if kind == "modifier")
COMPASS = r"(?:North|South|East|West|Northeast|Northwest|Southeast|Southwest)"
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
    head = re.search(rf"\b{ORG_HEADS}(?:\s+{LEGAL_FORMS})?$", before)
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
            if token in FUNCTION_WORDS or is_adjective(token) and pending or re.fullmatch(LEGAL_FORMS, token):
                break  # a legal form closes the name before it ("Belshina OJSC and ...")
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
        nested = re.search(rf"\s+(?:of|in|at|under)\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+){{0,3}}{ORG_HEADS}\b", text[at:end])
        if nested:
            end = at + nested.start()
        end = at + len(text[at:end].rstrip(",."))
    legal = re.match(rf"\s+{LEGAL_FORMS}(?![\w])", text[end:])
    return end + legal.end() if legal else end


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
        out.append(Candidate(start, end, "ORG", "org"))
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
        elif re.search(rf"\b{EVENT_WORDS}\b", expansion):
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
        surface = text[start:end]
        if not surface or not any(c.isupper() for c in surface) or re.fullmatch(rf"{LEGAL_FORMS}|{COMPASS}", surface):
            continue
        label = _relabel(surface, label)
        if label:
            out.append(Candidate(start, end, label, "spacy"))
    return out


def _relabel(surface: str, label: str) -> str | None:
    """Fix the labels the small model gets wrong by the form of the name."""
    if re.search(rf"\b{EVENT_WORDS}\b", surface):
        return "EVENT"
    if re.match(DOCUMENT_WORDS, surface):
        return "LAW"
    if is_adjective(surface):
        return "NORP"
    if countries.lookup(surface):
        return "GPE"
    if label == "NORP" and not re.search(r"(?:ian|ean|ese|ish|ic|i|an|ans|s|ists?)$", surface):
        return "GPE"  # "Orsha and Dubrovno flax processors": a place name in modifier position
    if label in ("PERSON", "GPE", "LOC", "FAC", "NORP") and (
            re.search(rf"\b{ORG_HEADS}$|\b{LEGAL_FORMS}\b", surface) or re.fullmatch(r"[A-Z]{2,6}", surface)):
        return "ORG" if not re.search(rf"\b{PLACE_HEADS}$", surface) else "GPE"
    if label in ("PERSON", "ORG") and re.search(rf"\b{PLACE_HEADS}$", surface):
        return "GPE"
    if label == "PERSON" and " " not in surface and "." not in surface:
        # a lone capitalised word is rarely a person in this kind of book: a town or a brand
        if surface.isupper() or re.search(r"\d", surface):
            return "ORG"
        if re.search(r"(?:sk|grad|burg|abad|pur|stan|ovo|evo|ino|ets|ichi|ovka|evka|pol|polis|bad|shahr)$", surface):
            return "GPE"
    return label


def is_adjective(surface: str) -> bool:
    """'Belarusian', 'Belarusian-Chinese', 'Moldovan', 'Latin American': a people or language
    word, not a place."""
    if places.is_demonym(surface.strip()):
        return True
    parts = [p for p in re.split(r"[-–\s]+", surface) if p not in ("and", "or", "&")]
    return bool(parts) and all(_is_demonym(p) for p in parts)


def _is_demonym(word: str) -> bool:
    """In the demonym table (or a combining form: 'Sino'), else by its form: -ian, -ese, -ish, or
    a country's name with an ending ('Moldovan', 'Omani', 'Kenyan', 'Azerbayani')."""
    if places.is_demonym(word) or places.is_demonym(word + "-"):
        return True
    if word.lower().endswith(("ian", "ese", "ish")) and not countries.lookup(word):
        return True
    return places.demonym_by_form(word) is not None


# --- choosing among candidates ----------------------------------------------------------------

PRIORITY = {"abbreviation": 0, "country": 1, "org": 2, "place": 3, "spacy": 4, "propagated": 5}


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
        elif c.label == "ORG" and re.search(rf"\b{ORG_HEADS}\b|\b{LEGAL_FORMS}\b", text[c.start:c.end]) and all(
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
                out.append(Candidate(pos, pos + len(part), "GPE", "country" if iso3 else "place", iso3,
                                     countries.short_name(iso3) if iso3 else None))
                pos += len(part) + 1
        else:
            out.append(c)
    return out


# --- the document -----------------------------------------------------------------------------

def canonical_org(surface: str) -> str:
    """'OJSC "Gomselmash"' -> 'Gomselmash'; 'Volkovysk OJSC Bellakt' -> 'Bellakt' (the company, not its town)."""
    inner = re.search(rf"\s{LEGAL_FORMS}\s+(?=\S)", surface.strip())
    name = _strip_legal_form(surface.strip()[inner.end():] if inner else surface)
    name = re.sub(r"[\"“”«»]", "", name)
    name = re.sub(r"\s*-\s*", "-", name) if re.search(r"\w-\s+\w", name) else name
    return re.sub(r"\s+", " ", name).strip(" ,.-")


def _strip_legal_form(name: str) -> str:
    name = re.sub(rf"^(?:{LEGAL_FORMS}\s+)+|(?:,?\s+{LEGAL_FORMS})+$", "", name.strip())
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
        if c.source != "spacy" or c.label not in ("PERSON", "ORG", "NORP") or " " in text[c.start:c.end]:
            continue
        neighbours = []
        if i > 0 and re.fullmatch(r"[\s,;\-–\d]*(?:and\s+|or\s+)?", text[cands[i - 1].end:c.start]):
            neighbours.append(cands[i - 1])
        if i + 1 < len(cands) and re.fullmatch(r"[\s,;\-–\d]*(?:and\s+|or\s+)?", text[c.end:cands[i + 1].start]):
            neighbours.append(cands[i + 1])
        if neighbours and all(n.label == "GPE" for n in neighbours):
            out[i] = replace(c, label="GPE")
    return out


def claim_candidates(text: str, index: int, spans: Sequence[NerSpan], abbreviations: Abbreviations) -> list[Candidate]:
    cands = (abbreviation_candidates(text, index, abbreviations) + country_candidates(text) + org_candidates(text)
             + place_candidates(text) + world_region_candidates(text) + spacy_candidates(text, spans)
             + route_candidates(text))
    return _coordinated_places(text, choose(text, _split_compound_places(text, cands)))


def entity_mentions(claims: Sequence[Claim], spans_per_claim: Sequence[Sequence[NerSpan]]) -> list[EntityMention]:
    """Every entity mention of the document's claims, labelled consistently and canonicalised."""
    abbreviations = find_abbreviations([c.text for c in claims])
    per_claim = [claim_candidates(c.text, i, spans, abbreviations)
                 for i, (c, spans) in enumerate(zip(claims, spans_per_claim))]

    # a capitalised word seen only at the start of sentences is not a name ("Suffice it to say")
    mid_sentence = {m.group(0) for c in claims for m in re.finditer(r"(?<=[\w,;] )[A-Z][\w'’-]+", c.text)}
    per_claim = [[c for c in cands if not (c.source == "spacy" and c.start == 0 and " " not in claim.text[c.start:c.end]
                                           and claim.text[c.start:c.end] not in mid_sentence
                                           and not claim.text[c.start:c.end].isupper())]
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
            if c.source == "spacy" and RE_LOCATIVE.search(claim.text[:c.start]) and re.fullmatch(r"[A-Z][a-z]+", surface):
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
    readings = places.lookup_places(sorted(_place_lookups(keys)))  # one read of the cities file
    # a misspelt country ('Azerbayan') where no place of that name is known
    for i, ((_, c, _), (canonical, iso3)) in enumerate(zip(named, canonicals)):
        if c.label in ("GPE", "LOC") and not iso3 and not readings[canonical]:
            code = countries.lookup_misspelt(canonical)
            if code:
                canonicals[i] = (countries.short_name(code), code)
    # the countries each entity belongs to, from the document's view of ambiguous names
    prior = Counter(iso3 for _, iso3 in canonicals if iso3)
    entity_countries = belonging_countries({(c.label, canonical) for (_, c, _), (canonical, _) in zip(named, canonicals)},
                                           prior, readings)
    out = []
    for (claim, c, surface), (canonical, iso3) in zip(named, canonicals):
        out.append(EntityMention(
            doc_id=claim.doc_id, mention_id=stable_id(claim.claim_id, "entity", str(c.start), surface),
            claim_id=claim.claim_id, page=claim.page_at(c.start), start_char=c.start, end_char=c.end,
            text=surface, label=c.label, canonical=canonical, iso3=iso3,
            entity_id=entity_id(claim.doc_id, c.label, canonical),
            country_iso3=(iso3,) if iso3 else entity_countries[(c.label, canonical)]))
    return out


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


RE_NAME_WORD = re.compile(r"[A-Z][\w'’]*(?:[-–][A-Z]?[\w'’]+)*")


def _name_countries(name: str, prior: Counter, readings) -> tuple[str, ...]:
    """'Belarusian-Chinese Intergovernmental Committee' -> BLR, CHN; 'Bank of China' -> CHN;
    'Minsk Tractor Works' -> BLR (a leading place only in a country the document names)."""
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
        readings_here = readings.get(lead, ())
        if readings_here and not countries.lookup(lead):
            best = places.best_reading(readings_here, prior)
            if prior.get(best.iso3, 0):
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
