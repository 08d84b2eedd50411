"""Render each page's Markdown as Jinja: kommun.yml values, agreements and included pages.

This runs in on_page_markdown, so agreements and included pages are complete Markdown before
the Markdown conversion (pymdownx.snippets is not used: its text would arrive too late).
"""
from __future__ import annotations

from pathlib import Path

from iopkit.library import load_library
from iopkit.pages import RenderError, render_text
from iopkit.site import agreements_dir, local_clauses_dir, page_context
from mkdocs.exceptions import PluginError


def on_pre_build(config):
    """Check the whole clause library once per build, even clauses no page uses yet."""
    docs_dir = Path(config.docs_dir)
    try:
        load_library(agreements_dir(docs_dir), local_clauses_dir(docs_dir, config.extra["kommun_data"]),
                     Path(config.config_file_path).resolve().parent)
    except RenderError as err:
        raise PluginError(f"agreement library: {err}") from None


def on_page_markdown(markdown, page, config, files):
    lang = page.file.locale or config.theme["language"]
    context = page_context(config.extra["kommun_data"], lang, Path(config.docs_dir),
                           Path(config.config_file_path).resolve().parent)
    try:
        return render_text(markdown, context)
    except RenderError as err:
        raise PluginError(f"{page.file.src_uri}: {err}") from None
