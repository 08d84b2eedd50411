"""Write each page without the theme's blank lines (logic in iopkit.compact): the output then grows
with the number of pages, not with pages times the size of the nav."""
from __future__ import annotations

from iopkit.compact import compact_html
from mkdocs.plugins import event_priority


@event_priority(50)  # before search_index.py (0) reads the page
def on_post_page(output, page, config):
    return compact_html(output)
