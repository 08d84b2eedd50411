"""Reading experience in Chromium: the language switch, phones at 320 px, typography that keeps
the hierarchy, and HTML details (titles, alt texts, permalinks, tables)."""
from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest

from conftest import html_pages, soup
from tools.localserver import serve
from test_a11y import _all_paths

PHONE = {"width": 320, "height": 640}


# ---- Language switch ----

def test_switch_links_are_relative_with_names_and_languages(site):
    for page in html_pages(site):
        rel = page.relative_to(site).as_posix()
        links = soup(page).select("a.iop-lang__link")
        assert [a.get_text(strip=True) for a in links] == ["Svenska", "English"], rel
        lang = soup(page).html["lang"]
        for a in links:
            assert a["lang"] == a["hreflang"] and a["hreflang"] in ("sv", "en")
            assert (a.get("aria-current") == "true") == (a["hreflang"] == lang), rel
            if not rel.endswith("404.html"):
                assert not re.match(r"(https?:)?/", a["href"]), f"{rel}: absolute link {a['href']}"


def test_404_pages_switch_to_the_other_start_page(site, site_url):
    root = urlparse(site_url).path
    sv = {a["hreflang"]: a["href"] for a in soup(site / "404.html").select("a.iop-lang__link")}
    en = {a["hreflang"]: a["href"] for a in soup(site / "en" / "404.html").select("a.iop-lang__link")}
    assert sv == {"sv": root, "en": root + "en/"} and en == sv


@pytest.mark.parametrize("mount", ["/", "/some/other/base/"])
@pytest.mark.parametrize("start", ["", "en/", "lagstiftning/", "en/avtal/"])
def test_switch_works_under_any_base_path(browser, site, mount, start):
    context = browser.new_context()
    tab = context.new_page()
    try:
        with serve(site, "http://preview.invalid" + mount) as base:
            tab.goto(base + start)
            other = "en" if not start.startswith("en/") else "sv"
            with tab.expect_navigation():
                tab.click(f"a.iop-lang__link[hreflang={other}]")
            expected = ("en/" + start) if other == "en" else start.removeprefix("en/")
            assert tab.url == base + expected
            assert tab.evaluate("document.documentElement.lang") == other
    finally:
        context.close()


@pytest.mark.upstream_content
def test_switch_keeps_a_fragment_the_other_page_has(page, server):
    page.goto(server + "avtal/allman-iop/#klausul-finansiering")
    with page.expect_navigation():
        page.click("a.iop-lang__link[hreflang=en]")
    assert page.url == server + "en/avtal/allman-iop/#klausul-finansiering"


@pytest.mark.upstream_content
def test_switch_drops_a_fragment_the_other_page_lacks(page, server):
    page.goto(server + "lagstiftning/#ingen-sarskild-lag")
    with page.expect_navigation():
        page.click("a.iop-lang__link[hreflang=en]")
    assert page.url == server + "en/lagstiftning/"


@pytest.mark.parametrize("path", ["", "en/", "lagstiftning/", "en/ordlista/", "does-not-exist/", "en/does-not-exist/"])
def test_no_failed_requests_or_console_errors(page, server, path):
    failed, errors = [], []
    page.on("response", lambda r: r.status >= 400 and r.url != server + path and failed.append(f"{r.status} {r.url}"))
    page.on("console", lambda m: m.type == "error" and "404" not in m.text and errors.append(m.text))
    page.goto(server + path, wait_until="networkidle")
    page.fill("[data-iop-search-input]", "avtal")
    page.wait_for_function("document.querySelector('#iop-search-results li a')")
    assert failed == [] and errors == []


# ---- Phones ----

@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", _all_paths())
def test_no_sideways_scroll_at_320_px(phone, server, path):
    phone.goto(server + path)
    overflow = phone.evaluate("""() => {
        const width = document.documentElement.clientWidth;
        const wide = [...document.querySelectorAll('body *')].filter(el => {
            const r = el.getBoundingClientRect();
            return r.width > 0 && r.right > width + 1 && !el.closest('.iop-table-scroll, .md-sidebar, .md-search, pre, .highlight');
        }).slice(0, 3).map(el => el.tagName + '.' + el.className);
        return [document.documentElement.scrollWidth, width, wide];
    }""")
    assert overflow[0] <= overflow[1], f"page is {overflow[0]} px wide at {overflow[1]} px: {overflow[2]}"


@pytest.mark.upstream_content
@pytest.mark.parametrize("path", ["beslutsunderlag/", "en/beslutsunderlag/", "avtal/allman-iop/", "process/"])
def test_headings_never_break_inside_a_word(phone, server, path):
    phone.goto(server + path)
    broken = phone.evaluate("""() => {
        const out = [];
        for (const h of document.querySelectorAll('article h1, article h2, article h3')) {
            const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                if (node.parentElement.closest('.headerlink')) continue;
                const re = /[^\\s\\-–]+/g; let m;  // a break after a hyphen is a break between words
                while ((m = re.exec(node.data))) {
                    const range = document.createRange();
                    range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
                    const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                    if (tops.size > 1) out.push(m[0]);
                }
            }
        }
        return out;
    }""")
    assert broken == []


@pytest.mark.parametrize("path", ["", "en/", "en/ordlista/"])
def test_site_name_is_whole_on_phones(phone, server, site_url, path):
    phone.goto(server + path)
    name = phone.locator(".md-header__topic:first-child .md-ellipsis")
    assert name.is_visible()
    clipped = name.evaluate("el => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1")
    assert not clipped, name.inner_text()


@pytest.mark.upstream_content
def test_wide_tables_scroll_in_a_labelled_region_with_a_cue(phone, server):
    phone.goto(server + "process/")
    regions = phone.locator(".iop-table-scroll")
    assert regions.count() > 0
    active = phone.locator(".iop-table-scroll--active")
    assert active.count() > 0, "at 320 px at least one table is wider than the screen"
    first = active.first
    assert first.get_attribute("role") == "region" and first.get_attribute("aria-label")
    assert first.get_attribute("tabindex") == "0"
    cue = first.evaluate("el => getComputedStyle(el, '::before').content")
    assert "Scrolla" in cue
    first.focus()
    phone.keyboard.press("ArrowRight")
    phone.wait_for_function("el => el.scrollLeft > 0", arg=first.element_handle())


@pytest.mark.upstream_content
def test_tables_that_fit_are_no_tab_stop(page, server):
    """A scroll region is a tab stop only while it scrolls; at 1280 px most tables fit."""
    fitting = 0
    for path in ("", "process/", "avtal/"):
        page.goto(server + path)
        regions = page.evaluate("() => [...document.querySelectorAll('.iop-table-scroll')].map(r =>"
                                " [r.scrollWidth > r.clientWidth, r.getAttribute('tabindex')])")
        for scrolls, tabindex in regions:
            if not scrolls:
                fitting += 1
                assert tabindex is None, path
    assert fitting, "no table that fits was found to check"


# ---- Typography ----

def _styles(page, selector: str, props: list[str]) -> dict:
    return page.evaluate("([s, props]) => { const cs = getComputedStyle(document.querySelector(s));"
                         " return Object.fromEntries(props.map(p => [p, cs.getPropertyValue(p)])); }",
                         [selector, props])


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_h1_is_strong_and_as_dark_as_the_text(page, server, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(server + "lagstiftning/")
    h1 = _styles(page, "article h1", ["color", "font-weight"])
    body = _styles(page, "article p:not(.summary)", ["color"])
    assert int(h1["font-weight"]) >= 700 and h1["color"] == body["color"]


@pytest.mark.upstream_content
def test_caveats_tables_and_terms_are_not_smaller_than_text(page, server):
    page.goto(server + "process/")  # caveats and tables on one page
    text = float(_styles(page, "article [data-pagefind-body] > p:not(.summary)", ["font-size"])["font-size"].removesuffix("px"))
    for selector in ("article .admonition p", "article table td"):
        size = float(_styles(page, selector, ["font-size"])["font-size"].removesuffix("px"))
        assert size >= text, selector
    page.goto(server + "ordlista/")
    dt = _styles(page, "article dt", ["font-weight"])
    assert int(dt["font-weight"]) >= 700


AMOUNT_TABLES = [("lagstiftning/", "belopp-och-troskelvarden"), ("en/lagstiftning/", "amounts-and-thresholds")]


@pytest.mark.upstream_content
@pytest.mark.parametrize("path, heading", AMOUNT_TABLES)
def test_amounts_are_right_aligned(page, server, site, path, heading):
    """The legal appendix's table of amounts (figures.yml via figure_cells): the amount column, and
    only it, is marked by hooks/iopkit/reading.py and right-aligned in the browser."""
    selector = f"article h2#{heading} ~ .iop-table-scroll table"
    table = soup(site / path / "index.html").select_one(selector)
    assert table is not None, f"{path}: no table after #{heading}"
    head = table.select("thead th")
    rows = table.select("tbody tr")
    assert len(rows) >= 5 and all(r.select_one("th[scope=row]") for r in rows)
    assert [i for i, th in enumerate(head) if "iop-num" in th.get("class", [])] == [1]
    for row in rows:
        cells = row.find_all(["th", "td"], recursive=False)
        assert [i for i, c in enumerate(cells) if "iop-num" in c.get("class", [])] == [1], row.get_text(" ")
    page.goto(server + path)
    aligned = page.evaluate("""s => [...document.querySelectorAll(s + ' .iop-num')]
        .map(el => [el.tagName, el.textContent.trim(), getComputedStyle(el).textAlign])""", selector)
    assert len(aligned) == len(rows) + 1
    assert [a for a in aligned if a[2] != "right"] == []
    assert aligned[0][0] == "TH"


@pytest.mark.upstream_content
def test_rows_have_headers(site):
    tables = [t for p in html_pages(site) for t in soup(p).select("article .iop-table-scroll table")]
    assert tables and all(t.select("tbody th[scope=row]") for t in tables if t.select("thead th"))


def test_permalinks_are_no_tab_stops(site):
    for page in html_pages(site):
        for a in soup(page).select("a.headerlink"):
            assert a.get("tabindex") == "-1" and a.get("aria-hidden") == "true", page


def test_logo_alt_text_is_in_the_page_language(site):
    sv = soup(site / "index.html").select_one(".md-logo img")["alt"]
    en = soup(site / "en" / "index.html").select_one(".md-logo img")["alt"]
    assert "startsidan" in sv and "home page" in en


def test_titles_use_one_kind_of_dash(site):
    for page in html_pages(site):
        title = soup(page).title.get_text()
        assert " - " not in title, f"{page}: {title}"


# ---- Live preview (make serve) ----

@pytest.mark.slow
def test_preview_build_skips_the_search_index_and_says_so(tmp_path, monkeypatch):
    from sitebuild import ROOT, build

    monkeypatch.setenv("IOP_PREVIEW", "1")
    result = build(ROOT, tmp_path / "site")
    assert result.returncode == 0, result.output
    assert not (tmp_path / "site" / "pagefind").exists() and not (tmp_path / "site" / "en" / "pagefind").exists()
    for page, words in (("index.html", "avstängd i förhandsvisningen"), ("en/index.html", "off in the live preview")):
        box = soup(tmp_path / "site" / page).select_one("[data-iop-search]")
        assert box.has_attr("data-iop-search-off") and words in box.select_one("[data-iop-search-status]").text
