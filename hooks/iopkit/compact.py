"""Collapse the whitespace the theme's templates leave between tags. Material's nav templates loop over
every page of a section even when `navigation.prune` drops it, leaving a blank line each: at a thousand
pages that is most of every page's bytes. No MkDocs imports."""
from __future__ import annotations

import re

# Whitespace is kept as written inside these (code, form values, scripts, styles).
VERBATIM = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
RUN_WITH_NEWLINE = re.compile(r"[ \t\r\f\v]*\n\s*")


def compact_html(html: str) -> str:
    """Every run of whitespace that holds a line break becomes one line break. Outside preformatted
    elements the browser renders any such run as one space, so the page looks the same."""
    parts = VERBATIM.split(html)
    # split() with two groups yields: text, whole match, tag name, text, ...
    out = []
    for index, part in enumerate(parts):
        kind = index % 3
        if kind == 0:
            out.append(RUN_WITH_NEWLINE.sub("\n", part))
        elif kind == 1:
            out.append(part)
    return "".join(out)
