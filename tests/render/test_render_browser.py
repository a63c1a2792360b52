"""The rendered seed site in a real browser (headless Chromium, from file://): the
quotes highlighted, a quote followed to its entity and back, the search, and the
screenshots the documentation shows (written to docs/_static/screenshots/)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait
from sitepages import evidence_in

import communique as cq
from communique._render._view import entity_file

SOURCE = "source:sco-2020-03-04-aies-roundtable"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "_static" / "screenshots"


def _open(browser: Any, page: Path, width: int = 1280, height: int = 900) -> None:
    """Open the page in a viewport of the given size (the window is a little larger)."""
    browser.set_window_size(width, height)
    chrome = browser.execute_script("return window.outerHeight - window.innerHeight")
    browser.set_window_size(width, height + int(chrome))
    browser.get(page.as_uri())
    WebDriverWait(browser, 10).until(
        lambda b: b.execute_script("return document.readyState") == "complete"
    )


def _shoot(browser: Any, name: str, out: Path) -> None:
    """Save a screenshot under the test's output and into the docs."""
    path = out / f"{name}.png"
    assert browser.save_screenshot(str(path))
    assert path.read_bytes().startswith(b"\x89PNG")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, SCREENSHOTS / path.name)


def test_the_source_page_highlights_every_quote_of_the_record(
    browser: Any, site: Path, seed: cq.Record
) -> None:
    _open(browser, site / "e" / entity_file(SOURCE))
    numbers = browser.execute_script(
        "const seen = new Set();"
        "document.querySelectorAll('mark.ev').forEach(m =>"
        "  m.dataset.ev.split(' ').forEach(n => seen.add(n)));"
        "return seen.size;"
    )
    assert numbers == len(evidence_in(seed, SOURCE))
    visible = browser.execute_script(
        "return [...document.querySelectorAll('mark.ev')].filter(m => {"
        "  const s = getComputedStyle(m); return s.backgroundColor !== 'rgba(0, 0, 0, 0)'; }).length"
    )
    assert visible == len(browser.find_elements(By.CSS_SELECTOR, "mark.ev"))


def test_a_quote_leads_to_its_entity_and_back(browser: Any, site: Path, tmp_path: Path) -> None:
    _open(browser, site / "e" / entity_file(SOURCE))
    marks = browser.find_elements(By.CSS_SELECTOR, "mark.ev")
    # For the docs: a place where three quotes overlap, pinned open.
    crowded = next(m for m in marks if len(m.get_attribute("data-ev").split()) >= 3)
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", crowded)
    crowded.click()
    popup = browser.find_element(By.ID, "popup")
    assert len(popup.find_elements(By.CSS_SELECTOR, "a.popup-link")) >= 3
    _shoot(browser, "source", tmp_path)

    mark = next(m for m in marks if " " not in m.get_attribute("data-ev"))
    number = mark.get_attribute("data-ev")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", mark)

    browser.find_element(By.TAG_NAME, "h1").click()  # unpins
    ActionChains(browser).move_to_element(mark).perform()
    WebDriverWait(browser, 5).until(lambda _: popup.is_displayed())
    link = popup.find_element(By.CSS_SELECTOR, "a.popup-link")
    assert link.get_attribute("href").endswith(f"#ev-{number}")
    assert popup.find_element(By.TAG_NAME, "code").text  # the field it supports

    mark.click()  # pinned: the popup stays while the pointer moves to its link
    link = popup.find_element(By.CSS_SELECTOR, "a.popup-link")
    entity_page = link.get_attribute("href").split("#")[0]
    link.click()
    WebDriverWait(browser, 5).until(ec.url_contains(f"#ev-{number}"))
    assert browser.current_url.startswith(entity_page)
    target = browser.find_element(By.CSS_SELECTOR, ":target")
    assert target.get_attribute("id") == f"ev-{number}"

    target.find_element(By.CSS_SELECTOR, "a.to-source").click()
    WebDriverWait(browser, 5).until(ec.url_contains(f"#q-{number}"))
    assert browser.current_url.split("#")[0] == (site / "e" / entity_file(SOURCE)).as_uri()
    arrived = browser.find_elements(By.CSS_SELECTOR, "mark.ev.target")
    assert arrived
    assert all(number in m.get_attribute("data-ev").split() for m in arrived)


def test_the_search_finds_names_and_ids(browser: Any, site: Path) -> None:
    _open(browser, site / "index.html")
    box = browser.find_element(By.ID, "search")
    box.send_keys("norov")
    WebDriverWait(browser, 5).until(lambda b: b.find_elements(By.CSS_SELECTOR, "#results li a"))
    results = browser.find_elements(By.CSS_SELECTOR, "#results li a")
    assert results[0].text == "Vladimir Norov"
    assert results[0].get_attribute("href").endswith("/e/person~vladimir-norov.html")
    assert all(
        "norov" in r.text.lower() or "norov" in r.find_element(By.XPATH, "..").text.lower()
        for r in results
    )
    box.clear()
    box.send_keys("org:sco")
    WebDriverWait(browser, 5).until(
        lambda b: "org:sco-secretariat" in b.find_element(By.ID, "results").text
    )
    browser.find_element(By.CSS_SELECTOR, "#results li a").click()
    WebDriverWait(browser, 5).until(ec.url_contains("/e/org~sco.html"))
    assert browser.find_element(By.TAG_NAME, "h1").text.endswith(
        "Shanghai Cooperation Organisation"
    )


@pytest.mark.parametrize("name", ["index", "entity"])
def test_pages_render_and_are_shot_for_the_docs(
    browser: Any, site: Path, tmp_path: Path, name: str
) -> None:
    page = {
        "index": site / "index.html",
        "entity": site / "e" / entity_file("event:2020-03-04-sco-aies-roundtable"),
    }[name]
    _open(browser, page)
    if name == "index":
        # The whole index in one picture: counts, timeline and graph.
        height = browser.execute_script("return document.documentElement.scrollHeight")
        _open(browser, page, height=min(int(height), 2400))
        assert browser.find_elements(By.CSS_SELECTOR, "#timeline svg rect.bar")
        assert browser.find_elements(By.CSS_SELECTOR, "#graph svg line.edge")
    errors = [entry for entry in browser.get_log("browser") if entry.get("level") == "SEVERE"]
    assert errors == []
    _shoot(browser, name, tmp_path)
