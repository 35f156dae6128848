"""The citation parsers on hand-checked notes (tests/fixtures/citations.json) and on the forms
each style prints."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.ids import normalise_for_id
from pipeline.structure import citations
from pipeline.structure.citations import detect_style, note_style, parse_citation, parse_note
from pipeline.structure.works import canonical_url

FIXTURE = Path(__file__).parent / "fixtures" / "citations.json"
FIELDS = ("kind", "form", "authors", "title", "container", "year", "publisher", "place", "url", "cited_pages")
MIN_FIELD_ACCURACY = 0.90


def _norm(field: str, value):
    if value in (None, "", [], ()):
        return None
    if field == "authors":
        return tuple(normalise_for_id(a) for a in value)
    if field == "url":
        return canonical_url(value)
    if field == "cited_pages":
        return normalise_for_id(str(value).replace("–", "-"))
    if field == "year":
        return int(value)
    return normalise_for_id(str(value)) if field not in ("kind", "form") else value


def field_accuracy(notes: list[dict]) -> tuple[dict[str, float], list[str]]:
    """Share of the fixture's citations whose field the parser gets right, per field (a citation
    the parser misses counts wrong in every field), and the misses."""
    right = {f: 0 for f in FIELDS}
    total, misses = 0, []
    for note in notes:
        got = parse_note(note["text"])
        for i, want in enumerate(note["citations"]):
            total += 1
            have = got[i] if i < len(got) else None
            for f in FIELDS:
                expected = _norm(f, want.get(f))
                actual = _norm(f, getattr(have, f)) if have is not None else "<missing>"
                if expected == actual:
                    right[f] += 1
                else:
                    misses.append(f"{note['source']} [{i}] {f}: {actual!r} != {expected!r}")
        if len(got) > len(note["citations"]):
            misses.append(f"{note['source']}: {len(got) - len(note['citations'])} citation(s) too many")
    return {f: right[f] / total for f in FIELDS}, misses


@pytest.fixture(scope="module")
def fixture_notes() -> list[dict]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))["notes"]


def test_fixture_is_big_enough(fixture_notes):
    assert len(fixture_notes) >= 60


def test_every_field_reaches_the_bar_on_the_hand_checked_notes(fixture_notes):
    accuracy, misses = field_accuracy(fixture_notes)
    low = {f: round(a, 3) for f, a in accuracy.items() if a < MIN_FIELD_ACCURACY}
    assert not low, f"{low}\n" + "\n".join(misses)


@pytest.mark.parametrize("text, style", [
    ("Zaleski, B. Vector of cooperation / Boris Zalesky . - LAP LAMBERT Academic Publishing, 2022. - P. 3.", "gost"),
    ("Mark Rose, Authors and Owners (Cambridge: Harvard University Press, 1993), 92.", "chicago"),
    ("Caparo Industries plc v Dickman [1990] 2 AC 605, 617; Endicott (n 3) 190.", "oscola"),
    ("Rodrik, D. (2008). The real exchange rate and economic growth. Brookings Papers, 2008(2), 365–412.", "apa"),
    ("Chang, H.-J. (2002) Kicking away the ladder. London: Anthem Press.", "harvard"),
    ("Spivak, Gayatri Chakravorty. “Can the Subaltern Speak?” Wedge, vol. 7, no. 8, 1985, pp. 120-30.", "mla"),
])
def test_note_style(text, style):
    assert note_style(text) == style


def test_document_style_is_what_most_notes_show():
    notes = ["Ibid.", "Mark Rose, Authors and Owners (Cambridge: Harvard University Press, 1993), 92.",
             "Reese V. Jenkins, Images and Enterprise (Baltimore: Johns Hopkins University Press, 1975), 112.",
             "Pushnyakova, A. Title / A. Pushnyakova // [Electronic resource]. - 2023. - URL : https://belta.by/x"]
    assert detect_style(notes) == "chicago"
    assert detect_style(["no citation here at all"]) is None


def test_a_note_citing_several_works_gives_several_citations():
    cites = parse_note("See Melville B. Nimmer, “The Right of Publicity,” Law and Contemporary Problems 19 (1954): 203; "
                       "White v. Samsung Electronics America, Inc., 971 F. 2d 1395 (9th Cir. 1992).")
    assert [c.kind for c in cites] == ["article", "case"]


def test_commentary_is_not_a_citation():
    assert parse_note("Until 1976, copyright law granted an author the possibility of two terms.") == ()
    assert parse_note("I am grateful to David Gerstein and his careful history, described at link #4.") == ()


def test_unparsed_names_what_the_parser_left():
    (c,) = parse_note("Bach v. Longman, 98 Eng. Rep. 1274 (1777) (Mansfield).")
    assert c.unparsed == "(Mansfield)"
    (c,) = parse_note("Marc Wanamaker, “The First Studios,” The Silents Majority, archived at link #12.")
    assert c.kind == "web" and c.unparsed == "archived at link #12"


def test_footnote_fields_keep_the_gost_reading():
    fields = parse_citation("Pushnyakova, A. Chinese industrialists intend to establish cooperation / A. Pushnyakova // "
                            "[Electronic resource]. - 2023. - URL : https://www.belta.by/regions/view/kitajskie- "
                            "naladit-567149-2023/")
    assert fields["authors"] == ("Pushnyakova, A.",) and fields["kind"] == "web" and fields["year"] == 2023
    assert fields["url"] == "https://www.belta.by/regions/view/kitajskie-naladit-567149-2023/"
    assert set(fields) == {"url", "year", "authors", "title", "publisher", "cited_pages", "kind"}


def test_heading_author_with_a_space_before_the_comma():  # regression: footnotes 298 and 579 of the bundled book
    fields = parse_citation("Zalesky , B. L. From trust And respect - to joint economic projects / B. L. Zalessky "
                            "// Materials of the XVIII conference, 2022: Sheffield. Science and education LTD . - P . 42.")
    assert fields["authors"] == ("Zalesky, B.L.",) and fields["cited_pages"] == "42" and fields["kind"] == "book"


@pytest.mark.parametrize("words, name", [
    ("David Pogue", "Pogue, David"), ("Alexis de Tocqueville", "de Tocqueville, Alexis"),
    ("St. George Tucker", "Tucker, St. George"), ("J. A. Aberdeen", "Aberdeen, J.A."),
    ("Albert B. Collver III", "Collver III, Albert B."), ("Scott McCloud", "McCloud, Scott"),
    ("The Future", None), ("Copyright Law Revision", None),
])
def test_person_name(words, name):
    assert citations.person_name(words) == name
