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


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", _all_paths())
def test_no_axe_violations(page, server, path, scheme):
    """Also the network log of every page: no request to any other host."""
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.emulate_media(color_scheme=scheme)
    page.goto(server + path, wait_until="networkidle")
    assert run_axe(page) == []
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
