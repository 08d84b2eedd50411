"""Search from the header box, in a real browser: Swedish stemming, no cross-language results."""
from __future__ import annotations

import pytest

STATUS = "[data-iop-search-status]"


def search(page, server, lang_path: str, query: str) -> list[str]:
    page.goto(server + lang_path)
    box = page.locator("[data-iop-search-input]")
    if not box.is_visible():  # narrow screens: open the search from the header button
        page.locator("label.md-header__button[for=__search]").click()
    box.fill(query)
    page.wait_for_function(
        "q => document.querySelector('[data-iop-search-input]').value === q && "
        "/\\d|Inga|No /.test(document.querySelector('[data-iop-search-status]').textContent)", arg=query)
    hrefs = page.locator("#iop-search-results a").evaluate_all("els => els.map(e => e.pathname)")
    return [h.removeprefix(page.evaluate("new URL(document.querySelector('[data-iop-search]').dataset.iopRoot, location).pathname")) for h in hrefs]


@pytest.mark.parametrize("query, expected", [
    ("upphandlingen", "lagstiftning/"),
    ("statsstödet", "lagstiftning/"),
    ("kommunerna", None),
    ("partnerskapets", None),
])
def test_swedish_inflected_forms_find_the_base_word(page, server, site, query, expected):
    results = search(page, server, "", query)
    assert results and (expected is None or expected in results), results
    assert not any(r.startswith("en/") for r in results), "English page in Swedish results"
    texts = [(site / r / "index.html").read_text(encoding="utf-8").lower() for r in results]
    assert any(query not in text for text in texts), "no result was found through the stem alone"


@pytest.mark.parametrize("query, expected", [
    ("procurement", "en/lagstiftning/"),
    ("municipalities", None),
    ("statutes", None),
])
def test_english_search_finds_english_pages_only(page, server, query, expected):
    results = search(page, server, "en/", query)
    assert results and (expected is None or expected in results), results
    assert all(r.startswith("en/") for r in results), results


def test_swedish_word_on_english_site_gives_no_swedish_pages(page, server):
    results = search(page, server, "en/", "upphandlingen")
    assert all(r.startswith("en/") for r in results)


def test_search_works_with_the_keyboard(page, server):
    page.goto(server)
    page.keyboard.press("/")
    page.keyboard.type("riktlinjer")
    page.wait_for_function("document.querySelectorAll('#iop-search-results a').length > 0")
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("[document.activeElement.className, document.activeElement.href]")
    assert "md-search-result__link" in focused[0]
    page.keyboard.press("ArrowDown")
    target = page.evaluate("document.activeElement.href")
    assert target != focused[1], "ArrowDown moves to the next result"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == target


def test_results_show_a_title_without_permalink_signs(page, server):
    search(page, server, "", "statsstöd")
    titles = page.locator(".iop-search-title").all_text_contents()
    assert titles and not any("¶" in t for t in titles)
