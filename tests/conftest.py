"""Shared fixtures: one strict build per session, parsed pages, a local server and a browser."""
from __future__ import annotations

import functools
import os
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitebuild import KOMMUN, ROOT, Build, build, chapter_on, upstream_reason
from tools.localserver import serve

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
    return KOMMUN["site"]["url"]


@pytest.fixture(scope="session")
def server(site, site_url) -> str:
    """Base URL of the built site on 127.0.0.1, mounted at site_url's path."""
    with serve(site, site_url) as base:
        yield base


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
    fork = upstream_reason()
    for item in items:
        if "browser" in item.fixturenames or "page" in item.fixturenames:
            item.add_marker(pytest.mark.browser)
        if fork and item.get_closest_marker("upstream_content"):
            item.add_marker(pytest.mark.skip(reason=f"checks upstream's own content; {fork}"))
        for mark in item.iter_markers("chapter"):
            off = [c for c in mark.args if not chapter_on(c)]
            if off:
                item.add_marker(pytest.mark.skip(reason=f"chapter {', '.join(off)} is switched off in kommun.yml"))


@pytest.fixture
def project_copy(tmp_path):
    """A throwaway copy of the repository to modify (fork fixtures, error cases)."""
    from sitebuild import copy_project

    return copy_project(tmp_path / "project")  # with upstream's example settings, also on a fork


@pytest.fixture(scope="session")
def chromium_path() -> str | None:
    return CHROMIUM if shutil.which(CHROMIUM) else None
