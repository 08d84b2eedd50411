"""The route finder (vägvisaren): check docs/_data/vagvisare.yml and place it on the pages that ask for it.

The process page holds `{{ route_questions() }}` (the numbered questions), the route finder page
`{{ route_finder() }}` (the interactive form and its assessment). Logic in iopkit.route; this runs once
per language build and keeps nothing between them.
"""
from __future__ import annotations

import posixpath
from pathlib import Path

from iopkit import route, route_html
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

DATA = "route_data"  # key in config.extra, made anew by every language build


def on_pre_build(config):
    """Check the data file at every build, even when no page uses it: a bad file stops the build."""
    try:
        config.extra[DATA] = route.load(Path(config.docs_dir) / route.DATA_FILE)
    except route.RouteError as err:
        raise PluginError(str(err)) from None


@event_priority(50)  # before page_render.py (0), which then renders the texts' {{ org.kind }} as Jinja
def on_page_markdown(markdown, page, config, files):
    if route_html.MARKER_QUESTIONS not in markdown and route_html.MARKER_FINDER not in markdown:
        return markdown
    lang = page.file.locale or config.theme["language"]
    docs_dir = Path(config.docs_dir)
    try:
        meta = route.page_meta(docs_dir, Path(config.config_file_path).resolve().parent, lang)
    except route.RouteError as err:
        raise PluginError(f"{page.file.src_uri}: {err}") from None
    page_dir = posixpath.dirname(page.file.src_uri)
    return route_html.expand(markdown, config.extra[DATA], lang, page_dir, meta)
