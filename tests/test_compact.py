"""hooks/iopkit/compact.py: the theme's blank lines go, nothing a reader sees changes."""
from __future__ import annotations

import sys

from sitebuild import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
from iopkit.compact import compact_html  # noqa: E402


def test_runs_of_whitespace_with_a_line_break_become_one():
    html = '<ul>\n    \n      \n    <li><a href="x">A</a>\n\n   </li>\n</ul>'
    assert compact_html(html) == '<ul>\n<li><a href="x">A</a>\n</li>\n</ul>'


def test_spaces_within_a_line_are_kept():
    assert compact_html("<p>Ett  två <b>tre</b> fyra</p>") == "<p>Ett  två <b>tre</b> fyra</p>"


def test_preformatted_text_scripts_and_styles_are_untouched():
    code = '<pre><code><span>def f():</span>\n    <span>return 1</span>\n\n</code></pre>'
    script = "<script>\n  var a = 1;\n\n  var b = 2;\n</script>"
    style = "<style>\n  :root {\n    --x: 1;\n  }\n</style>"
    area = "<TEXTAREA>\n  rad\n\n</TEXTAREA>"
    for block in (code, script, style, area):
        assert compact_html(f"<div>\n\n  {block}\n\n  </div>") == f"<div>\n{block}\n</div>"


def test_built_pages_have_no_blank_lines_outside_code(site):
    text = (site / "riktlinjer" / "index.html").read_text(encoding="utf-8")
    outside = compact_html(text)
    assert outside == text
    assert "\n\n" not in text.split("<pre", 1)[0]
