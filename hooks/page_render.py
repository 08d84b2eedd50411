"""Render each page's Markdown as Jinja: kommun.yml values, legal figures, agreements, included pages.

This runs in on_page_markdown, so agreements and included pages are complete Markdown before
the Markdown conversion (pymdownx.snippets is not used: its text would arrive too late).
Legal figures come from docs/_data/figures.yml and are checked against the build date
(IOP_BUILD_DATE=YYYY-MM-DD, default today); legal pages get their `reviewed:` date in the text.
"""
from __future__ import annotations

import logging
from pathlib import Path

from iopkit.build_language import build_language
from iopkit.figures import FigureError, build_date
from iopkit.pages import RenderError, render_text
from iopkit.review import insert_review_line, overdue_message, parse_reviewed, review_overdue, reviewed_line
from iopkit.site import for_page, load_agreements, load_site_figures, page_context
from mkdocs.exceptions import PluginError

LOG = logging.getLogger("mkdocs.hooks.iopkit")
LIBRARY = "agreement_library"  # keys in config.extra; made anew by every language build
EXPRESSIONS = "compiled_expressions"
CONTEXTS = "page_contexts"
FIGURES = "legal_figures"
BUILD_DATE = "build_date"


def on_pre_build(config):
    """Check and compile the whole clause library and the figures once per build."""
    root = Path(config.config_file_path).resolve().parent
    try:
        config.extra[LIBRARY] = load_agreements(config.extra["kommun_data"], Path(config.docs_dir), root,
                                                build_language(config)[0])
    except RenderError as err:
        raise PluginError(f"agreement library: {err}") from None
    try:
        config.extra[FIGURES] = load_site_figures(Path(config.docs_dir), root)
        config.extra[BUILD_DATE] = build_date()
    except FigureError as err:
        raise PluginError(f"legal figures: {err}") from None
    if build_language(config)[1] == "":  # once, in the default language's build
        # INFO, not WARNING: a stale local clause is the fork's decision, so --strict must not fail on it.
        for notice in config.extra[LIBRARY].notices(Path(config.config_file_path).resolve().parent):
            LOG.info(notice)
    config.extra[EXPRESSIONS] = {}
    config.extra[CONTEXTS] = {}


def on_page_markdown(markdown, page, config, files):
    lang = page.file.locale or config.theme["language"]
    compiled, contexts = config.extra[EXPRESSIONS], config.extra[CONTEXTS]
    if lang not in contexts:  # the same for every page of this language in this build
        contexts[lang] = page_context(config.extra["kommun_data"], lang, Path(config.docs_dir),
                                      config.extra[LIBRARY], compiled)
    on, where = config.extra[BUILD_DATE], page.file.src_uri
    context = for_page(contexts[lang], config.extra[FIGURES], on, where)
    try:
        markdown = render_text(markdown, context, compiled=compiled, first_line=_first_line(page, markdown))
        if page.meta.get("reviewed"):
            reviewed = parse_reviewed(page.meta["reviewed"], where)
            if review_overdue(reviewed, on):
                LOG.warning(overdue_message(where, reviewed, on))
            markdown = insert_review_line(markdown, reviewed_line(reviewed, lang))
    except RenderError as err:
        raise PluginError(f"docs/{where}: {err} (build date {on})") from None
    return markdown


def _first_line(page, markdown: str) -> int:
    """The file's line number of the first line MkDocs passes on (after the front matter)."""
    if "{{" not in markdown and "{%" not in markdown:
        return 1
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8-sig")
    return source.count("\n", 0, max(source.find(markdown[:200]), 0)) + 1 if markdown else 1
