"""The Pagefind feeder (hooks/iopkit/search_runner.py), without MkDocs."""
from __future__ import annotations

import sys

from sitebuild import ROOT

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
