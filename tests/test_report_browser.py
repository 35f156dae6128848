"""report.html in a real browser: Debian's chromium driven by Selenium through Debian's
chromedriver (nothing downloads a browser or a driver). The report opens with no console error,
the reader view turns pages, jumps to a page and a chapter, shows the printed page number, a
note marker shows its note on hover and click, the highlights are there and can be hidden.
Screenshots are kept under each test's temporary folder; the open time is printed and kept as a
test property. Skips, saying why, where chromium or chromedriver is missing (.ci/run installs
both)."""
from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path

import pandas as pd
import pytest

from .report_outputs import book_output, small_outputs, three_documents

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver") or ("/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists() else None)
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage", "--window-size=1200,1500")
OPEN_LIMIT_MS = 15000  # a report that takes longer than this to load is broken, not slow

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[test]')")
if not (CHROMIUM and CHROMEDRIVER):
    pytest.skip("no chromium/chromedriver on this machine: `apt-get install chromium chromium-driver` "
                "(Debian's packages; .ci/run installs them)", allow_module_level=True)

from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait


@pytest.fixture(scope="module")
def browser():
    profile = tempfile.mkdtemp(prefix="report-chromium-")
    options = Options()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="session")
def small(tmp_path_factory):
    return small_outputs(tmp_path_factory)


def _open(browser, report: Path) -> float:
    """Load the report; the milliseconds until its load event ended (script run included)."""
    browser.get("about:blank")
    browser.get_log("browser")  # drop what came before
    browser.get(report.resolve().as_uri())
    WebDriverWait(browser, 30).until(lambda d: d.execute_script("return document.body.dataset.ready === '1'"))
    WebDriverWait(browser, 30).until(lambda d: d.execute_script(
        "var n = performance.getEntriesByType('navigation')[0]; return n && n.loadEventEnd > 0"))
    return browser.execute_script("return performance.getEntriesByType('navigation')[0].loadEventEnd")


def _console_errors(browser) -> list[str]:
    return [e["message"] for e in browser.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]


def _reader(browser, doc_id: str):
    return browser.find_element(By.CSS_SELECTOR, f"div.reader[data-doc='{doc_id}']")


def _shown_page(reader) -> int:
    return int(reader.find_element(By.CSS_SELECTOR, ".pnum").get_attribute("value"))


def _go(browser, reader, page: int) -> None:
    """To a page by its anchor (as the check lists link to it)."""
    key = reader.get_attribute("data-key")
    browser.execute_script("location.hash = '#'; location.hash = arguments[0]", f"#{key}-p{page}")
    WebDriverWait(browser, 10).until(lambda d: _shown_page(reader) == page)


def _check_document(browser, output: Path, doc_id: str, shots: Path) -> None:
    """Turn the pages of one document's reader and open a note: what a researcher does."""
    t = {n: pd.read_parquet(output / f"{n}.parquet") for n in ("pages", "claims", "claim_footnotes", "footnotes",
                                                                "entities", "chapters")}
    t = {n: df[df["doc_id"] == doc_id] for n, df in t.items()}
    reader = _reader(browser, doc_id)
    browser.execute_script("arguments[0].scrollIntoView()", reader)
    first = _shown_page(reader)
    assert first == int(reader.get_attribute("data-first"))
    text = reader.find_element(By.CSS_SELECTOR, ".rtext")
    n_pages = len(t["pages"])

    # next, previous, the arrow keys, a typed page number
    before = text.get_attribute("innerHTML")
    if first < n_pages:
        reader.find_element(By.CSS_SELECTOR, "button.next").click()
        assert _shown_page(reader) == first + 1
        assert text.get_attribute("innerHTML") != before
        reader.find_element(By.CSS_SELECTOR, "button.prev").click()
        assert _shown_page(reader) == first
        reader.find_element(By.CSS_SELECTOR, "button.next").send_keys(Keys.ARROW_RIGHT)
        assert _shown_page(reader) == first + 1
    box = reader.find_element(By.CSS_SELECTOR, ".pnum")
    box.clear()
    box.send_keys(str(n_pages), Keys.ENTER)
    WebDriverWait(browser, 5).until(lambda d: _shown_page(reader) == n_pages)
    assert not reader.find_element(By.CSS_SELECTOR, "button.next").is_enabled()

    # the printed page number of the page on show
    for page in t["pages"].sort_values("page").head(3).itertuples():
        _go(browser, reader, int(page.page))
        info = reader.find_element(By.CSS_SELECTOR, ".pinfo").text
        assert (f"printed page {int(page.printed_page)}" in info) if pd.notna(page.printed_page) \
            else "no printed page number" in info

    # a chapter from the menu
    if not t["chapters"].empty:
        chapter = t["chapters"].sort_values("seq").iloc[-1]
        Select(reader.find_element(By.CSS_SELECTOR, "select.chap")).select_by_value(str(int(chapter["start_page"])))
        WebDriverWait(browser, 5).until(lambda d: _shown_page(reader) == int(chapter["start_page"]))
        assert chapter["title"][:20] in reader.find_element(By.CSS_SELECTOR, ".rchap").get_attribute("textContent")

    # the mentions of a page are highlighted, and can be hidden
    ents = t["entities"].merge(t["claims"][["claim_id", "page"]], on="claim_id", suffixes=("", "_claim"))
    if not ents.empty:
        busiest = int(ents["page_claim"].value_counts().idxmax())
        _go(browser, reader, busiest)
        marks = reader.find_elements(By.CSS_SELECTOR, ".rtext mark.k-ent")
        expected = set(ents[ents["page_claim"] == busiest]["text"])
        shown = {m.get_attribute("textContent")[: -len(m.find_element(By.TAG_NAME, "b").get_attribute("textContent"))]
                 for m in marks}
        assert len(expected & shown) >= 0.9 * len(expected)
        reader.screenshot(str(shots / f"{doc_id}-mentions.png"))
        toggle = reader.find_element(By.CSS_SELECTOR, ".toggles input[data-k='ent']")
        toggle.click()
        assert browser.execute_script("return getComputedStyle(arguments[0]).backgroundColor", marks[0]) \
            in ("rgba(0, 0, 0, 0)", "transparent")
        toggle.click()

    # a note marker shows its note, at the end of the claim that carries it
    links = t["claim_footnotes"].merge(t["footnotes"][["footnote_id", "text", "number"]], on="footnote_id") \
        .merge(t["claims"][["claim_id", "page"]], on="claim_id", suffixes=("_link", ""))
    if links.empty:
        assert not reader.find_elements(By.CSS_SELECTOR, "sup.nm")
        return
    link = links.sort_values(["page", "number"]).iloc[len(links) // 2]
    _go(browser, reader, int(link["page"]))
    claim = reader.find_element(By.CSS_SELECTOR, f"span.c[data-id='{link['claim_id']}']")
    sups = claim.find_elements(By.CSS_SELECTOR, "sup.nm")
    [sup] = [s for s in sups if s.text == str(int(link["number"]))]
    assert link["text"][:60] in sup.get_attribute("title")
    sup.click()
    note = WebDriverWait(browser, 5).until(lambda d: reader.find_element(By.CSS_SELECTOR, "span.np"))
    assert note.is_displayed() and link["text"][:60] in note.text
    reader.screenshot(str(shots / f"{doc_id}-note.png"))
    sup.click()
    assert not reader.find_elements(By.CSS_SELECTOR, "span.np")


def _check_report(browser, output: Path, tmp_path: Path, record_property) -> None:
    report = output / "report.html"
    open_ms = _open(browser, report)
    size = report.stat().st_size
    record_property("report_bytes", size)
    record_property("open_ms", round(open_ms))
    print(f"{report}: {size / 1e6:.2f} MB, loaded in {open_ms:.0f} ms")
    (tmp_path / "timing.json").write_text(json.dumps({"bytes": size, "open_ms": open_ms}))
    assert open_ms < OPEN_LIMIT_MS
    assert _console_errors(browser) == []
    browser.save_screenshot(str(tmp_path / "report-top.png"))
    doc_ids = [r.get_attribute("data-doc") for r in browser.find_elements(By.CSS_SELECTOR, "div.reader")]
    assert sorted(doc_ids) == sorted(pd.read_parquet(output / "documents.parquet")["doc_id"])
    started = time.perf_counter()
    for doc_id in doc_ids:
        _check_document(browser, output, doc_id, tmp_path)
    record_property("interaction_s", round(time.perf_counter() - started, 2))
    assert _console_errors(browser) == []
    if not pd.read_parquet(output / "claim_footnotes.parquet").empty:
        assert any(tmp_path.glob("*-note.png"))


def test_report_of_a_pdf_in_the_browser(browser, small, tmp_path, record_property):
    _check_report(browser, small["pdf"], tmp_path, record_property)


def test_report_of_a_text_without_footnotes_in_the_browser(browser, small, tmp_path, record_property):
    _check_report(browser, small["plain"], tmp_path, record_property)


@pytest.mark.slow
def test_report_of_the_bundled_book_in_the_browser(browser, book_run, tmp_path, record_property):
    _check_report(browser, book_output(book_run), tmp_path, record_property)


@pytest.mark.slow
def test_report_of_three_documents_in_the_browser(browser, tmp_path_factory, book_run, tmp_path, record_property):
    output = three_documents(tmp_path_factory, book_run)
    _open(browser, output / "report.html")
    overview = browser.find_element(By.ID, "overview")
    assert "3 documents" in overview.text
    _check_report(browser, output, tmp_path, record_property)
    # a check list's page links to the page in the reader
    link = browser.find_element(By.CSS_SELECTOR, "section.document details.list a.goto")
    browser.execute_script("arguments[0].closest('details').open = true", link)
    key, page = link.get_attribute("href").rsplit("#", 1)[1].split("-p")
    link.click()
    reader = browser.find_element(By.ID, f"{key}-reader")
    WebDriverWait(browser, 5).until(lambda d: _shown_page(reader) == int(page))
