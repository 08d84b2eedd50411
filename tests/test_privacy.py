"""No page asks another host for anything: no fonts, CDN, analytics or embeds."""
from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest

from conftest import html_pages, soup

ASSET_ATTRS = (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"),
               ("source", "src"), ("video", "src"), ("audio", "src"), ("object", "data"))


def test_no_external_assets_in_html(site):
    found = []
    for page in html_pages(site):
        for tag, attr in ASSET_ATTRS:
            for el in soup(page).find_all(tag):
                value = el.get(attr, "")
                if tag == "link" and set(el.get("rel", [])) & {"canonical", "alternate", "sitemap"}:
                    continue
                if re.match(r"(https?:)?//", value):
                    found.append(f"{page.relative_to(site)}: <{tag} {attr}={value}>")
    assert found == []


def test_no_external_urls_in_css(site):
    for css in (site / "assets").rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert not re.search(r"@import\s+url\(\s*['\"]?https?:", text), css
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, css


@pytest.mark.parametrize("path", ["", "en/", "lagstiftning/", "en/avtal/allman-iop/"])
def test_browser_makes_no_external_requests(page, server, path):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(server + path, wait_until="networkidle")
    page.fill("[data-iop-search-input]", "avtal")
    page.wait_for_timeout(600)
    origin = urlparse(server).netloc
    external = [u for u in requests if urlparse(u).scheme in ("http", "https") and urlparse(u).netloc != origin]
    assert requests and external == []
