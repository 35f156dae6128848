from pipeline.read.text import split_pages
from pipeline.structure.zones import infer_printed_pages, is_debris, zone_pages

from .conftest import fixture_document


def test_page_opens_at_line_with_one_leading_space():
    pages = split_pages(fixture_document("opening_pages_iran.txt"))
    assert [p.lines[0][:25] for p in pages[:4]] == [
        " The Republic of Belarus ", " Systematic work brings r", " Industry, Mines and Agri", " partners. In particular,"]


def test_printed_page_number_and_link_residue_end_a_page():
    pages = split_pages(fixture_document("printed_page_number_29.txt"))
    ended = [p for p in pages if p.printed_page is not None]
    assert [p.printed_page for p in ended] == [29]
    following = pages[pages.index(ended[0]) + 1]
    assert next(l for l in following.lines if l.strip()).startswith("billion in terms of goods turnover")
    assert not any("snopkov-sformirovana" in l and l.startswith("https") and l.endswith("model-")
                   for p in pages for l in p.lines[-3:] if p is ended[0])


def test_printed_pages_inferred_from_nearest_anchor():
    assert infer_printed_pages([None, None, 5, None, None, 9, None]) == [
        (3, True), (4, True), (5, False), (6, True), (7, True), (9, False), (10, True)]
    assert infer_printed_pages([None, None]) == [(None, True), (None, True)]


def test_debris_lines():
    for junk in ("a", "o>>", "O “", ".  -"):
        assert is_debris(junk), junk
    for keep in ("era", "era.", "54.", "html", "2/", "In 2024"):
        assert not is_debris(keep), keep


def test_body_and_footnote_zone_are_separated():
    pages = zone_pages(split_pages(fixture_document("opening_pages_iran.txt")))
    chapter_one = pages[1]
    assert chapter_one.body_lines[-1].startswith("Commerce and Industry and the Tehran Chamber")
    assert chapter_one.footnote_lines[0].startswith("1 Zaleski, B. Vector of cooperation")
    assert chapter_one.footnote_lines[-1].endswith("592926-2023/")
    assert not pages[0].footnote_lines  # the preface has no footnotes


def test_trailing_debris_removed_from_body():
    document = fixture_document("chapter_two_opening.txt")
    assert "Oman. oN" in document.text
    pages = zone_pages(split_pages(document), start_after=28)
    text = "\n".join(l for p in pages for l in p.body_lines)
    assert "throughout\nOman." in text and "oN" not in text
    assert "oN" in [r for p in pages for r in p.removed]


def test_stray_text_after_the_zone_is_dropped_not_glued_to_a_footnote():
    pages = zone_pages(split_pages(fixture_document("glued_footnote_number_451.txt")), start_after=447)
    removed = [r for p in pages for r in p.removed]
    assert "African countries in" in removed
    assert not any("African countries in" in l for p in pages for l in p.footnote_lines)
