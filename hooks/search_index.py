"""Build a Pagefind search index per language (Swedish stemming, no mixing of languages).

Each language build indexes its own pages as they are written and writes its bundle to
<site>/pagefind/ (Swedish) or <site>/en/pagefind/ before the next language build starts. Only the
files that assets/javascripts/search.js loads are kept. A partial build (`mkdocs serve --dirty`)
adds the pages it did not render from their files of the earlier build, so the index stays whole.
"""
from __future__ import annotations

import logging
from pathlib import Path

from iopkit.build_language import build_language
from iopkit.search_runner import BackgroundIndex, SearchIndexError, search_document
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

KEY = "search_index"  # in config.extra; made anew by every language build
PAGES = "search_pages"  # url -> written file of every page of this language build
EXCLUDE = [".headerlink", ".clause-note", ".md-search", ".pdf-download"]


class _DirtyNoticeAsInfo(logging.Filter):
    """`serve --dirty` is asked for on purpose: its notice must not abort the strict build."""

    def filter(self, record):
        if record.levelno == logging.WARNING and str(record.msg).startswith("A 'dirty' build"):
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True


for _name in ("mkdocs.commands.build", "properdocs.commands.build"):  # MkDocs, or the ProperDocs fork
    _logger = logging.getLogger(_name)
    if not any(type(f).__name__ == _DirtyNoticeAsInfo.__name__ for f in _logger.filters):  # serve reloads hooks
        _logger.addFilter(_DirtyNoticeAsInfo())


def bundle_dir(config) -> Path:
    return Path(config.site_dir) / build_language(config)[1] / "pagefind"


def on_pre_build(config):
    if config.extra.get("search_preview_off"):  # `make serve` (hooks/reading.py): no index, fast reload
        return
    config.extra[KEY] = BackgroundIndex(str(bundle_dir(config)), EXCLUDE)


def site_path(url: str) -> str:
    """The page's path as Pagefind stores it: MkDocs calls the home page "" (page) or "./" (file)."""
    return "/" + ("" if url in ("", ".", "./") else url)


def on_env(env, config, files):  # the files as this language build finally has them
    config.extra[PAGES] = {site_path(f.url): Path(f.abs_dest_path) for f in files.documentation_pages()
                           if not f.inclusion.is_excluded()}
    return env


def on_post_page(output, page, config):
    if KEY in config.extra:  # not while previewing (hooks/reading.py)
        config.extra[KEY].add(search_document(output), site_path(page.url))
    return output


@event_priority(0)  # before i18n (-100) starts the next language build
def on_post_build(config):
    if KEY not in config.extra:  # previewing: no index was started
        return
    index = config.extra.pop(KEY)
    try:
        index.add_missing(config.extra.pop(PAGES, {}))
        index.finish()
    except SearchIndexError as err:
        raise PluginError(str(err)) from None
