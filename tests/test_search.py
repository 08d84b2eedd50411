"""Search from the header box, in a real browser: ranking, stemming, no cross-language results,
results grouped by page with sections, and one focus model for the keyboard."""
from __future__ import annotations

import pytest

INPUT = "[data-iop-search-input]"
STATUS = "[data-iop-search-status]"
DONE = ("q => document.querySelector('[data-iop-search-input]').value === q"
        " && /\\d|Inga|No /.test(document.querySelector('[data-iop-search-status]').textContent)"
        " && !document.querySelector('#iop-search-results li[aria-busy]')")

# Written down before the ranking was tuned: what a reader typing this should get first.
SWEDISH_TOP = [
    ("upphandling", "lagstiftning/"),
    ("statsstöd", "lagstiftning/"),
    ("de minimis", "lagstiftning/"),
    ("riktlinjer", "riktlinjer/"),
    ("tjänsteutlåtande", "beslutsunderlag/"),
    ("positionspapper", "bakgrund/positionspapper/"),
    ("ändringslogg", "avtal/andringslogg/"),
    ("avsiktsförklaring", "avtal/avsiktsforklaring/"),
    ("hemlöshet", "avtal/akut-hemloshet/"),
    ("tillgänglighet", "tillganglighet/"),
]
ENGLISH_TOP = [
    ("procurement", "en/lagstiftning/"),
    ("state aid", "en/lagstiftning/"),
    ("glossary", "en/ordlista/"),
    ("letter of intent", "en/avtal/avsiktsforklaring/"),
    ("accessibility", "en/tillganglighet/"),
]


def _root(page) -> str:
    return page.evaluate("new URL(document.querySelector('[data-iop-search]').dataset.iopRoot, location).pathname")


@pytest.fixture(scope="module")
def tab(browser):
    """One tab for the read-only queries: the search is reused instead of reloading each time."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def search(page, server, lang_path: str, query: str) -> list[str]:
    """Pages found, in rank order, as paths under the site root."""
    if page.url != server + lang_path:
        page.goto(server + lang_path)
    box = page.locator(INPUT)
    if not box.is_visible():  # narrow screens: open the search from the header button
        page.locator("[data-iop-search-open]").click()
    box.fill("")  # clears the previous results, so DONE cannot see them
    page.wait_for_function("!document.querySelector('#iop-search-results li')")
    box.fill(query)
    page.wait_for_function(DONE, arg=query)
    hrefs = page.locator("#iop-search-results > li > a").evaluate_all("els => els.map(e => e.pathname)")
    root = _root(page)
    return [h.removeprefix(root) for h in hrefs]


@pytest.mark.upstream_content
@pytest.mark.parametrize("query, expected", SWEDISH_TOP + ENGLISH_TOP)
def test_expected_page_comes_first(tab, server, query, expected):
    results = search(tab, server, "en/" if expected.startswith("en/") else "", query)
    assert results and results[0] == expected, results[:5]


@pytest.mark.parametrize("query, expected", [
    ("upphandlingen", "lagstiftning/"),
    ("statsstödet", "lagstiftning/"),
    ("kommunerna", None),
    ("partnerskapets", None),
])
def test_swedish_inflected_forms_find_the_base_word(tab, server, site, query, expected):
    results = search(tab, server, "", query)
    assert results and (expected is None or expected in results), results
    assert not any(r.startswith("en/") for r in results), "English page in Swedish results"
    texts = [(site / r / "index.html").read_text(encoding="utf-8").lower() for r in results]
    assert any(query not in text for text in texts), "no result was found through the stem alone"


@pytest.mark.parametrize("query", ["procurement", "municipalities", "statutes"])
def test_english_search_finds_english_pages_only(tab, server, query):
    results = search(tab, server, "en/", query)
    assert results and all(r.startswith("en/") for r in results), results


def test_swedish_word_on_english_site_gives_no_swedish_pages(tab, server):
    results = search(tab, server, "en/", "upphandlingen")
    assert all(r.startswith("en/") for r in results)


def test_short_words_do_not_match_on_their_own(tab, server, site):
    """"de minimis" finds pages with the phrase, not every page with the word "de"."""
    results = search(tab, server, "", "de minimis")
    assert results
    for r in results:
        assert "de minimis" in (site / r / "index.html").read_text(encoding="utf-8").lower(), r


def test_results_are_grouped_by_page_with_matching_sections(page, server):
    results = search(page, server, "", "de minimis")
    assert len(results) == len(set(results)), "one entry per page"
    sections = page.locator("#iop-search-results .iop-search-section__link")
    assert sections.count() > 0
    first = sections.first
    assert "#" in first.get_attribute("href")
    title = first.locator(".iop-search-section__title").inner_text()
    anchor = first.get_attribute("href").split("#")[1]
    page.goto(first.evaluate("a => a.href"))
    assert title.strip() in page.locator(f"[id='{anchor}']").inner_text()


def test_excerpts_show_where_text_is_cut(tab, server):
    search(tab, server, "", "statsstöd")
    excerpts = tab.locator("#iop-search-results .iop-search-excerpt").all_inner_texts()
    assert excerpts and any(e.startswith("…") or e.endswith("…") for e in excerpts)


def test_titles_have_no_permalink_signs(tab, server):
    search(tab, server, "", "statsstöd")
    titles = tab.locator(".iop-search-title").all_text_contents()
    assert titles and not any("¶" in t for t in titles)


@pytest.mark.parametrize("lang_path, pattern", [("", r"^\d+ sidor hittades"), ("en/", r"^\d+ pages found")])
def test_count_is_announced_in_the_page_language(page, server, lang_path, pattern):
    import re

    search(page, server, lang_path, "avtal" if not lang_path else "agreement")
    status = page.locator(STATUS)
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    assert re.match(pattern, status.inner_text()), status.inner_text()
    assert "document" not in status.inner_text()


def test_results_appear_as_each_fragment_arrives(page, server):
    held = []
    page.goto(server)
    first_done = []

    def handler(route):
        if not first_done:  # the first fragment passes, the others wait
            first_done.append(route.request.url)
            route.continue_()
        else:
            held.append(route)

    page.route("**/pagefind/fragment/**", handler)
    page.fill(INPUT, "avtal")
    page.wait_for_function("document.querySelector('#iop-search-results li:not([aria-busy]) a')")
    assert page.locator("#iop-search-results li[aria-busy]").count() > 0, "later pages still loading"
    assert "sidor hittades" in page.locator(STATUS).inner_text()
    for route in held:
        route.continue_()
    page.wait_for_function("!document.querySelector('#iop-search-results li[aria-busy]')")


# ---- Keyboard: one focus model ----

def _open_state(page) -> bool:
    return page.evaluate("document.getElementById('__search').checked")


def _focused(page) -> str:
    return page.evaluate("document.activeElement.matches('[data-iop-search-input]') ? 'input' : "
                         "(document.activeElement.className || document.activeElement.tagName)")


def _type_in_search(page, server, query: str) -> None:
    """Open the start page, open search with the shortcut, type and wait for the results."""
    page.goto(server)
    page.keyboard.press("/")
    page.keyboard.type(query)
    page.wait_for_function(DONE, arg=query)


def test_slash_opens_arrows_move_enter_follows(page, server):
    page.goto(server)
    page.keyboard.press("/")
    assert _focused(page) == "input" and _open_state(page)
    page.keyboard.type("riktlinjer")
    page.wait_for_function(DONE, arg="riktlinjer")
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("[document.activeElement.className, document.activeElement.href]")
    assert "md-search-result__link" in focused[0]
    page.keyboard.press("ArrowDown")
    target = page.evaluate("document.activeElement.href")
    assert target != focused[1], "ArrowDown moves to the next result"
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.href") == focused[1]
    page.keyboard.press("ArrowUp")
    assert _focused(page) == "input", "ArrowUp from the first result returns to the field"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == target


def test_escape_from_a_result_closes_and_returns_to_the_field(page, server):
    _type_in_search(page, server, "avtal")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Escape")
    assert not _open_state(page)
    assert _focused(page) == "input"
    assert not page.locator(".md-search__output").is_visible()


def test_escape_from_the_field_keeps_focus_on_it(page, server):
    page.goto(server)
    page.keyboard.press("/")
    page.keyboard.type("avtal")
    page.keyboard.press("Escape")
    assert not _open_state(page)
    assert _focused(page) == "input"


def test_reopening_shows_a_fresh_search(page, server):
    _type_in_search(page, server, "avtal")
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")  # away
    page.keyboard.press("/")
    assert _open_state(page)
    assert page.input_value(INPUT) == ""
    assert page.locator("#iop-search-results li").count() == 0
    assert not any(ch.isdigit() for ch in page.locator(STATUS).inner_text())


def test_tab_out_of_the_search_closes_it(page, server):
    _type_in_search(page, server, "avtal")
    page.keyboard.press("Shift+Tab")
    assert not _open_state(page)
    assert not page.evaluate("document.querySelector('[data-iop-search]').contains(document.activeElement)")


def test_the_shortcut_is_shown(page, server):
    page.goto(server)
    hint = page.locator(".iop-search-hint")
    assert hint.is_visible() and "/" in hint.inner_text()
    assert page.get_attribute(INPUT, "aria-keyshortcuts") == "/"
    page.keyboard.press("/")
    assert not hint.is_visible(), "the hint gets out of the way once search is open"


def test_phone_search_button_is_reachable_by_keyboard(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    tab = context.new_page()
    try:
        tab.goto(server)
        button = tab.locator("[data-iop-search-open]")
        assert button.is_visible() and button.evaluate("b => b.tagName") == "BUTTON"
        button.focus()
        tab.keyboard.press("Enter")
        assert tab.evaluate("document.activeElement.matches('[data-iop-search-input]')")
        tab.keyboard.type("avtal")
        tab.wait_for_function(DONE, arg="avtal")
        tab.keyboard.press("Escape")
        assert tab.evaluate("document.activeElement.matches('[data-iop-search-open]')"), \
            "on phones the field is hidden once closed: focus goes back to the button"
    finally:
        context.close()
