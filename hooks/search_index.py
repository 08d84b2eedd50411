"""Build a Pagefind search index per language (Swedish stemming, no mixing of languages).

Each language build indexes its own pages as they are written and writes its bundle to
<site>/pagefind/ (Swedish) or <site>/en/pagefind/ before the next language build starts.
"""
from __future__ import annotations

from pathlib import Path

from iopkit.build_language import build_language
from iopkit.search_runner import BackgroundIndex, SearchIndexError, search_document
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

KEY = "search_index"  # in config.extra; made anew by every language build
EXCLUDE = [".headerlink", ".clause-note", ".md-search", ".pdf-download"]


def bundle_dir(config) -> Path:
    return Path(config.site_dir) / build_language(config)[1] / "pagefind"


def on_pre_build(config):
    if config.extra.get("search_preview_off"):  # `make serve` (hooks/reading.py): no index, fast reload
        return
    config.extra[KEY] = BackgroundIndex(str(bundle_dir(config)), EXCLUDE)


def on_post_page(output, page, config):
    if KEY in config.extra:
        config.extra[KEY].add(search_document(output), "/" + page.url)
    return output


@event_priority(0)  # before i18n (-100) starts the next language build
def on_post_build(config):
    if KEY not in config.extra:
        return
    try:
        config.extra.pop(KEY).finish()
    except SearchIndexError as err:
        raise PluginError(str(err)) from None
