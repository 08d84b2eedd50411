"""Shared fixtures: one strict build per session, parsed pages, a local server and a browser."""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from bs4 import BeautifulSoup

from sitebuild import ROOT, Build, build

CHROMIUM = "/usr/bin/chromium"
IN_CI = os.environ.get("CI") == "true"


@pytest.fixture(scope="session")
def site_build(tmp_path_factory) -> Build:
    result = build(ROOT, tmp_path_factory.mktemp("build") / "site")
    assert result.returncode == 0, f"strict build failed:\n{result.output}"
    return result


@pytest.fixture(scope="session")
def site(site_build) -> Path:
    return site_build.site


def html_pages(site: Path) -> list[Path]:
    """Every content page (both languages), not assets or the search bundle."""
    skip = ("assets", "pagefind", "search")
    return sorted(p for p in site.rglob("*.html") if p.relative_to(site).parts[0] not in skip)


@functools.lru_cache(maxsize=None)
def _parse(path: str) -> BeautifulSoup:
    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html.parser")


def soup(path: Path) -> BeautifulSoup:
    return _parse(str(path))


@pytest.fixture(scope="session")
def site_url() -> str:
    return yaml.safe_load((ROOT / "kommun.yml").read_text(encoding="utf-8"))["site"]["url"]


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under the path of site_url, with per-language 404 pages, like a real host."""

    prefix = "/"

    def log_message(self, *args):
        pass

    def send_head(self):
        path = urlparse(self.path).path
        if not path.startswith(self.prefix):
            self.send_error(404)
            return None
        self.path = "/" + path[len(self.prefix):]
        if not Path(self.translate_path(self.path)).exists():
            lang_dir = "en/" if self.path.startswith("/en/") else ""
            body = (Path(self.directory) / lang_dir / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return None
        return super().send_head()


@pytest.fixture(scope="session")
def server(site, site_url) -> str:
    """Base URL of the built site on 127.0.0.1, mounted at site_url's path."""
    prefix = urlparse(site_url).path or "/"
    handler = type("Handler", (_Handler,), {"prefix": prefix})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}{prefix}"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if IN_CI:
            pytest.fail(f"Chromium is missing at {CHROMIUM}; .ci/run should install Debian's chromium")
        pytest.skip(f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


def pytest_collection_modifyitems(items):
    for item in items:
        if "browser" in item.fixturenames or "page" in item.fixturenames:
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def project_copy(tmp_path):
    """A throwaway copy of the repository to modify (fork fixtures, error cases)."""
    from sitebuild import copy_project

    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def chromium_path() -> str | None:
    return CHROMIUM if shutil.which(CHROMIUM) else None
