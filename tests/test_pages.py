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


@pytest.mark.parametrize("text, expected", [
    ("{{ org.missing }}", "rad 1 (line 1): okänt namn (unknown name) org.missing; "
                          "finns (names that exist): org.kind, org.name"),
    ("{{ nothing | upper }}", "rad 1 (line 1): okänt namn (unknown name) nothing; finns (names that exist): items, org"),
    ("{% if nothing.at_all %}x{% endif %}", "rad 1 (line 1): okänt namn (unknown name) nothing; "
                                            "finns (names that exist): items, org"),
])
def test_an_unknown_name_stops_with_its_name_and_the_names_that_exist(text, expected):
    with pytest.raises(RenderError) as caught:
        render_text(text, CONTEXT)
    assert str(caught.value) == expected


def test_every_unknown_name_is_reported_at_once_with_its_real_line():
    """first_line: the page's front matter (here 4 lines) counts, as the editor sees the file."""
    with pytest.raises(RenderError) as caught:
        render_text("Text\n{{ org.nmae }}\n\n{{ org_nam }}\n", CONTEXT, first_line=5)
    assert str(caught.value).splitlines()[1:] == [
        "  rad 6 (line 6): okänt namn (unknown name) org.nmae; finns (names that exist): org.kind, org.name",
        "  rad 8 (line 8): okänt namn (unknown name) org_nam; finns (names that exist): items, org"]


def test_syntax_errors_name_the_line():
    with pytest.raises(RenderError, match=r"rad 2 \(line 2\)"):
        render_text("rad ett\n{{ org.name ", CONTEXT)
    with pytest.raises(RenderError, match=r"rad 7 \(line 7\)"):
        render_text("rad ett\n{% if %}", CONTEXT, first_line=6)


def test_template_syntax_in_code_is_left_as_written():
    text = "`{{ org.name }}` och {{ org.kind }}\n\n```jinja\n{{ org.name }}\n{% if x %}\n```\n{{ org.kind }}\n"
    assert render_text(text, CONTEXT) == (
        "`{{ org.name }}` och kommunen\n\n```jinja\n{{ org.name }}\n{% if x %}\n```\nkommunen\n")
    assert render_text("{% raw %}{{ org.name }}{% endraw %}", CONTEXT) == "{{ org.name }}"


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


def test_a_stray_backtick_does_not_hide_the_next_paragraph():
    assert render_text("Ett ` tecken.\n\n{{ org.kind }} och `x`\n", CONTEXT) == "Ett ` tecken.\n\nkommunen och `x`\n"
