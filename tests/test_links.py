"""Every internal link and anchor in the built site resolves."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

from conftest import html_pages, soup


def _target(site: Path, page: Path, href: str, prefix: str) -> Path:
    path = unquote(urlparse(href).path)
    if path.startswith("/"):  # absolute links (the 404 pages) are under the path of site_url
        assert path.startswith(prefix), f"{href} is outside {prefix}"
        target = site / path[len(prefix):]
    else:
        target = (page.parent / path) if path else page
    target = target.resolve()
    return target / "index.html" if target.is_dir() or not target.suffix else target


def test_internal_links_and_anchors_resolve(site, site_url):
    prefix, broken = urlparse(site_url).path, []
    for page in html_pages(site):
        for a in soup(page).select("a[href]"):
            href = a["href"]
            if href.startswith(("http:", "https:", "mailto:", "tel:", "javascript:")):
                continue
            url, fragment = urldefrag(href)
            target = _target(site, page, url, prefix)
            if not target.is_file():
                broken.append(f"{page.relative_to(site)} -> {href}")
                continue
            if fragment and not soup(target).find(id=unquote(fragment)):
                broken.append(f"{page.relative_to(site)} -> {href} (no anchor)")
    assert broken == []
