"""Pages name a template's version through template_version('id'), read from templates.yml."""
from __future__ import annotations

import re

import pytest

from agreement_helpers import KOMMUN, ROOT, library
from iopkit.agreements import template_version
from iopkit.pages import RenderError, render_text
from iopkit.site import page_context

LIB = library()
AVTAL = ROOT / "docs" / "avtal"


def test_the_version_is_the_one_in_templates_yml():
    for template_id, spec in LIB.templates.items():
        assert template_version(LIB, template_id) == str(spec["version"])


def test_an_unknown_template_is_named_with_the_known_ones():
    with pytest.raises(RenderError, match=r"unknown agreement template 'ingen-mall'.*allman-iop.*templates\.yml"):
        template_version(LIB, "ingen-mall")


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_page_can_call_template_version(lang):
    context = page_context(KOMMUN, lang, ROOT / "docs", LIB)
    version = LIB.templates["allman-iop"]["version"]
    assert render_text("Version {{ template_version('allman-iop') }}.", context) == f"Version {version}."
    with pytest.raises(RenderError, match="ingen-mall"):
        render_text("{{ template_version('ingen-mall') }}", context)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_template_list_takes_every_version_from_the_data(lang):
    """The table on docs/avtal/index lists each template once, its version never typed by hand."""
    text = (AVTAL / f"index.{lang}.md").read_text(encoding="utf-8")
    assert not re.search(r"\|\s*\d+\.\d+\.\d+\s*\|", text), "a version typed into the table goes stale"
    for template_id in LIB.templates:
        assert f"{{{{ template_version('{template_id}') }}}}" in text
