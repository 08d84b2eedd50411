"""axe-core (WCAG 2.1 A and AA) on every page, both languages, light and dark palette."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import axe_playwright_python
import pytest

from conftest import html_pages
from sitebuild import KOMMUN, ROOT, chapter_on

AXE_JS = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _all_paths() -> list[str]:
    """Page paths from the docs folder, known before the build (for test ids): a fork's local pages
    too, and not the chapters its kommun.yml switches off."""
    paths = []
    for md in sorted((ROOT / "docs").rglob("*.sv.md")):
        rel = md.relative_to(ROOT / "docs").as_posix()
        top = rel.split("/")[0].removesuffix(".sv.md")
        if rel.startswith("_") or not chapter_on(top) or rel.startswith(f"{KOMMUN['local']['folder']}/klausuler/"):
            continue
        slug = rel[: -len(".sv.md")]
        slug = "" if slug == "index" else slug.removesuffix("/index").removesuffix("index") + "/"
        paths += [slug, "en/" + slug]
    return paths + ["404.html", "en/404.html"]


def run_axe(page) -> list[str]:
    page.add_script_tag(content=AXE_JS)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
            for v in result["violations"]]


WIDTHS = [1280, 390, 320]


@pytest.fixture(scope="module")
def tabs(browser):
    """One browser context per width for the whole module (a new context per page is slow)."""
    contexts = {w: browser.new_context(viewport={"width": w, "height": 900}) for w in WIDTHS}
    for context in contexts.values():  # Material keeps the last palette; every load follows the system
        context.add_init_script("try { localStorage.clear(); } catch (e) {}")
    pages = {w: c.new_page() for w, c in contexts.items()}
    yield pages
    for context in contexts.values():
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", _all_paths())
def test_no_axe_violations(tabs, server, path, width):
    """Both colour schemes at each width. Also the network log of every page: no request to any
    other host."""
    page = tabs[width]
    requests = []
    listener = lambda r: requests.append(r.url)  # noqa: E731
    page.on("request", listener)
    try:
        found = {}
        for scheme, material in (("light", "default"), ("dark", "slate")):
            page.emulate_media(color_scheme=scheme)
            page.goto(server + path, wait_until="networkidle" if scheme == "light" else "load")
            page.wait_for_function("s => document.body.dataset.mdColorScheme === s", arg=material)
            found[scheme] = run_axe(page)
        assert found == {"light": [], "dark": []}
    finally:
        page.remove_listener("request", listener)
    origin = urlparse(server).netloc
    assert [u for u in requests if urlparse(u).scheme in ("http", "https") and urlparse(u).netloc != origin] == []


def test_every_built_page_is_checked(site):
    built = {p.relative_to(site).as_posix().removesuffix("index.html") for p in html_pages(site)}
    assert built == set(_all_paths())


@pytest.mark.parametrize("lang_path", ["", "en/"])
def test_open_search_with_results_has_no_violations(page, server, lang_path):
    page.goto(server + lang_path)
    page.fill("[data-iop-search-input]", "avtal" if not lang_path else "agreement")
    page.wait_for_function("document.querySelectorAll('#iop-search-results a').length > 0")
    assert run_axe(page) == []
