"""The page renderer (hooks/iopkit/pages.py), without MkDocs."""
from __future__ import annotations

import sys

import pytest

from sitebuild import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
from iopkit.pages import RenderError, demote_headings, escape_values, render_text, retitle  # noqa: E402

CONTEXT = escape_values({"org": {"name": "Å & Ö <kommun>", "kind": "kommunen"}, "items": ["a", "b"]})


def test_text_without_template_syntax_is_returned_as_is():
    text = "## Källor {#kallor}\n\nInget att ersätta.\n"
    assert render_text(text, CONTEXT) is text


def test_plain_names_are_filled_in_and_escaped():
    assert render_text("{{ org.name }} och {{org.kind}}", CONTEXT) == "Å &amp; Ö &lt;kommun&gt; och kommunen"


def test_expressions_and_blocks_use_jinja():
    assert render_text("{{ org.kind | upper }}", CONTEXT) == "KOMMUNEN"
    assert render_text("{% for i in items %}{{ i }}{% endfor %}", CONTEXT) == "ab"


@pytest.mark.parametrize("text", ["{{ org.missing }}", "{{ nothing }}", "{% if nothing.at_all %}x{% endif %}"])
def test_an_unknown_name_stops_with_its_name(text):
    with pytest.raises(RenderError, match="undefined value"):
        render_text(text, CONTEXT)


def test_syntax_errors_name_the_line():
    with pytest.raises(RenderError, match="line 2"):
        render_text("rad ett\n{{ org.name ", CONTEXT)


def test_compiled_expressions_are_shared_through_the_cache():
    cache: dict = {}
    render_text("{{ org.kind | upper }}", CONTEXT, compiled=cache)
    assert "org.kind | upper" in cache


def test_included_pages_move_down_a_level_outside_code_only():
    text = "# Titel\n\n## Del\n\n```sh\n# en kommentar\n```\n"
    assert demote_headings(text) == "## Titel\n\n### Del\n\n```sh\n# en kommentar\n```\n"


def test_retitle_needs_an_h1():
    assert retitle("# Gammal\n\nText\n", "Bilaga 1: Ny").startswith("# Bilaga 1: Ny\n")
    with pytest.raises(RenderError, match="no H1"):
        retitle("## Bara H2\n", "Bilaga 1")
