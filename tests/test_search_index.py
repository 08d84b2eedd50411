"""The Pagefind feeder (hooks/iopkit/search_runner.py), without MkDocs."""
from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest
from sitebuild import ENGINE, ROOT

sys.path.insert(0, str(ROOT / "hooks"))
from iopkit.search_runner import BackgroundIndex, search_document  # noqa: E402

PAGE = ('<!doctype html><html lang="sv" class="no-js"><head><title>T</title></head><body>'
        '<nav>Meny Frågor och svar</nav><!--search-body--><div data-pagefind-body><h1>Upphandling</h1>'
        '<p>Kommunerna upphandlar tjänster.</p></div><!--/search-body--><footer>Sidfot</footer></body></html>')


def test_only_the_marked_content_and_the_language_are_sent():
    doc = search_document(PAGE)
    assert doc.startswith('<!DOCTYPE html><html lang="sv">')
    assert "Upphandling" in doc and "Meny" not in doc and "Sidfot" not in doc


def test_pages_without_markers_are_sent_whole():
    assert search_document("<html><body>x</body></html>") == "<html><body>x</body></html>"


def test_an_index_is_written_for_the_pages_added(tmp_path):
    index = BackgroundIndex(str(tmp_path / "pagefind"), [".headerlink"])
    index.add(search_document(PAGE), "/upphandling/")
    assert index.finish() == 1
    assert (tmp_path / "pagefind" / "pagefind.js").is_file()
    assert list((tmp_path / "pagefind").glob("pagefind.sv_*.pf_meta"))


def test_only_the_files_the_site_loads_are_kept(tmp_path):
    index = BackgroundIndex(str(tmp_path / "pagefind"), [])
    index.add(search_document(PAGE), "/upphandling/")
    index.finish()
    names = {p.name for p in (tmp_path / "pagefind").iterdir()}
    assert {"pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "wasm.sv.pagefind"} <= names
    assert not [n for n in names if "-ui" in n or n == "wasm.unknown.pagefind" or n.endswith((".css", "highlight.js"))]


def test_the_shipped_bundles_hold_only_runtime_files(site):
    for bundle, lang in ((site / "pagefind", "sv"), (site / "en" / "pagefind", "en")):
        names = sorted(p.name for p in bundle.iterdir())
        meta = [n for n in names if n.endswith(".pf_meta")]
        assert len(meta) == 1 and meta[0].startswith(f"pagefind.{lang}_")
        assert set(names) - set(meta) <= {"pagefind.js", "pagefind-worker.js", "pagefind-entry.json",
                                          f"wasm.{lang}.pagefind", "index", "fragment", "filter"}, names


@pytest.mark.slow
def test_a_dirty_rebuild_keeps_the_whole_index(project_copy, tmp_path):
    """`mkdocs serve --dirty` renders only edited pages; the index must still hold every page, and the
    strict build must not stop on MkDocs' notice about dirty builds."""
    site = tmp_path / "site"
    cmd = [sys.executable, "-m", ENGINE, "build", "--strict", "-f", str(project_copy / "mkdocs.yml"), "-d", str(site)]
    first = subprocess.run(cmd, cwd=project_copy, capture_output=True, text=True, check=False)
    assert first.returncode == 0, first.stderr[-2000:]
    counts = {lang: _page_count(site, lang) for lang in ("sv", "en")}
    time.sleep(0.01)
    for name in ("ordlista.sv.md", "om.en.md"):
        (project_copy / "docs" / name).touch()
    dirty = subprocess.run(cmd + ["--dirty"], cwd=project_copy, capture_output=True, text=True, check=False)
    assert dirty.returncode == 0, dirty.stderr[-2000:]
    assert {lang: _page_count(site, lang) for lang in ("sv", "en")} == counts
    assert counts["sv"] == len([p for p in site.rglob("index.html") if p.relative_to(site).parts[0] not in ("en", "assets")])


def _page_count(site, lang: str) -> int:
    bundle = site / ("pagefind" if lang == "sv" else "en/pagefind")
    return json.loads((bundle / "pagefind-entry.json").read_text())["languages"][lang]["page_count"]


@pytest.mark.parametrize("lang_path, query", [("", "upphandlingen"), ("en/", "procurement")])
def test_search_loads_no_missing_bundle_file(page, server, lang_path, query):
    """The pruned bundle still has everything pagefind.js asks for, in both languages."""
    failed = []
    page.on("response", lambda r: failed.append(r.url) if "/pagefind/" in r.url and r.status >= 400 else None)
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.goto(server + lang_path)
    page.locator("[data-iop-search-input]").fill(query)
    page.wait_for_function("document.querySelectorAll('#iop-search-results a').length > 0")
    assert not failed, failed
