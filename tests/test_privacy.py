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


BLOCK_NETWORK = '''
import socket
_connect = socket.socket.connect
def _local_only(self, address):
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, str) and not (host.startswith("127.") or host in ("::1", "localhost") or "/" in host):
        raise OSError(f"network call during the build: {address!r}")
    return _connect(self, address)
socket.socket.connect = _local_only
socket.getaddrinfo = lambda *a, **k: (_ for _ in ()).throw(OSError(f"DNS lookup during the build: {a[0]!r}"))
'''


def test_the_build_makes_no_network_calls(tmp_path):
    """Any connection to another host or DNS lookup from Python during the build fails it."""
    import os
    import subprocess
    import sys

    from sitebuild import ENGINE, ROOT

    (tmp_path / "sitecustomize.py").write_text(BLOCK_NETWORK, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", ENGINE, "build", "--strict", "-d", str(tmp_path / "site")],
                            cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "network call during the build" not in result.stderr
