"""Unit tests of hooks/iopkit/kommun.py: what kommun.yml accepts, what it refuses and how it says so."""
from __future__ import annotations

import copy
import sys

import pytest

from sitebuild import ROOT

sys.path.insert(0, str(ROOT / "hooks"))

from iopkit import kommun  # noqa: E402
from iopkit.pages import escape_values  # noqa: E402

DOCS = ROOT / "docs"
DEFAULT = kommun.load(ROOT / "kommun.yml", DOCS)


def problems_after(change) -> list[str]:
    """Problems with a copy of the default kommun.yml after `change` edits it."""
    data = copy.deepcopy(DEFAULT)
    change(data)
    return kommun.check(data, DOCS)


def write(tmp_path, text: str):
    path = tmp_path / "kommun.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_default_kommun_yml_is_valid():
    assert kommun.check(copy.deepcopy(DEFAULT), DOCS) == []
    assert DEFAULT["organisation"]["name"]["sv"]


@pytest.mark.parametrize("change, expected", [
    pytest.param(lambda d: d["organisation"].pop("name"),
                 "organisation.name: missing; expected text in both languages (sv: …, en: …)", id="missing name"),
    pytest.param(lambda d: d["organisation"]["name"].update(sv="  "),
                 "organisation.name.sv: expected non-empty text, found '  '", id="blank name"),
    pytest.param(lambda d: d["organisation"].update(name=""),
                 "organisation.name: expected text in both languages (sv: …, en: …), found nothing (empty)",
                 id="empty name"),
    pytest.param(lambda d: d["organisation"]["name"].pop("en"),
                 "organisation.name.en: expected non-empty text, found nothing (empty)", id="missing English name"),
    pytest.param(lambda d: d.update(colour={"primary": "#1f5f8b"}),
                 "colour: unknown key; expected one of accessibility, chapters, colours, contact, guidelines, "
                 "local, logo, organisation, site", id="unknown top-level key"),
    pytest.param(lambda d: d["organisation"].update(nmae="X"),
                 "organisation.nmae: unknown key; expected one of example, kind, name, short_name, website",
                 id="unknown nested key"),
    pytest.param(lambda d: d["guidelines"].update(memo_date="2026-13-01"),
                 "guidelines.memo_date: expected a date written YYYY-MM-DD, found '2026-13-01'", id="month 13"),
    pytest.param(lambda d: d["guidelines"].update(decision_date="soon"),
                 "guidelines.decision_date: expected a date written YYYY-MM-DD, found 'soon'", id="date soon"),
    pytest.param(lambda d: d.update(logo="lokalt/finns-inte.svg"),
                 "logo: expected a file under docs/ (path relative to docs/), found 'lokalt/finns-inte.svg'",
                 id="missing logo file"),
    pytest.param(lambda d: d["colours"].update(primary="blue"),
                 'colours.primary: expected a colour written "#rrggbb" in quotes (unquoted, YAML reads # as a comment), found \'blue\'', id="not a colour"),
    pytest.param(lambda d: d["colours"].update(accent="#7fbfff"),
                 "colours.accent: expected contrast of at least 4.5:1 against white text, found 1.94:1 for "
                 "#7fbfff; choose a darker colour", id="low contrast"),
    pytest.param(lambda d: d["chapters"].update(exclude=["exempel", "nyheter"]),
                 "chapters.exclude[1]: expected one of bakgrund, exempel, beslutsunderlag, fragor-och-svar, "
                 "ordlista, avtal, found 'nyheter'", id="unknown chapter"),
])
def test_invalid_value_is_refused_with_path_expected_and_found(change, expected):
    assert problems_after(change) == [expected]


def test_every_problem_is_reported_at_once(tmp_path):
    text = (ROOT / "kommun.yml").read_text(encoding="utf-8")
    text = text.replace("    en: Exempelby Municipality\n", "", 1)
    text = text.replace("decision_date: 2026-12-01", "decision_date: soon")
    text = text.replace('primary: "#1f5f8b"', 'primary: "blue"')
    text += "extra_setting: true\n"
    with pytest.raises(kommun.KommunError) as caught:
        kommun.load(write(tmp_path, text), DOCS)
    assert caught.value.problems == [
        "extra_setting: unknown key; expected one of accessibility, chapters, colours, contact, guidelines, "
        "local, logo, organisation, site",
        "organisation.name.en: expected non-empty text, found nothing (empty)",
        'colours.primary: expected a colour written "#rrggbb" in quotes (unquoted, YAML reads # as a comment), found \'blue\'',
        "guidelines.decision_date: expected a date written YYYY-MM-DD, found 'soon'",
    ]
    assert str(caught.value).startswith("kommun.yml: 4 problem(s):\n  - extra_setting: unknown key")


def test_unparsable_yaml_is_refused(tmp_path):
    with pytest.raises(kommun.KommunError, match="not valid YAML"):
        kommun.load(write(tmp_path, "organisation: [unclosed\n"), DOCS)


def test_impossible_unquoted_date_in_the_file_names_the_field(tmp_path):
    text = (ROOT / "kommun.yml").read_text(encoding="utf-8").replace("memo_date: 2026-11-10", "memo_date: 2026-13-01")
    with pytest.raises(kommun.KommunError, match=r"guidelines\.memo_date: expected a date written YYYY-MM-DD"):
        kommun.load(write(tmp_path, text), DOCS)


def test_low_contrast_primary_colour_is_refused():
    assert problems_after(lambda d: d["colours"].update(primary="#7fbfff", accent="#1f5f8b")) == [
        "colours.primary: expected contrast of at least 4.5:1 against white text, found 1.94:1 for #7fbfff; "
        "choose a darker colour"]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_localise_gives_one_language(lang):
    values = kommun.localise(DEFAULT, lang)
    assert values["org"]["name"] == DEFAULT["organisation"]["name"][lang]
    assert values["org"]["kind"] == {"sv": "kommunen", "en": "the municipality"}[lang]
    assert values["guidelines"]["addressee"] == DEFAULT["guidelines"]["addressee"][lang]
    assert values["guidelines"]["reference"] == DEFAULT["guidelines"]["reference"]
    assert values["guidelines"]["decision_date"] == "2026-12-01"
    assert values["accessibility"]["known_issues"] == [i[lang] for i in DEFAULT["accessibility"]["known_issues"]]
    assert values["chapters_excluded"] == [] and values["local_folder"] == "lokalt"


def test_region_uses_region_words():
    data = copy.deepcopy(DEFAULT)
    data["organisation"]["kind"] = "region"
    assert kommun.localise(data, "sv")["org"]["kind"] == "regionen"
    assert kommun.localise(data, "en")["org"]["kind"] == "the region"


def test_names_with_markup_characters_are_escaped():
    data = copy.deepcopy(DEFAULT)
    data["organisation"]["name"] = {"sv": "Norrå & Söderå <kommun>", "en": "Norrå & Söderå <Municipality>"}
    assert kommun.check(data, DOCS) == []
    sv = escape_values(kommun.localise(data, "sv"))
    en = escape_values(kommun.localise(data, "en"))
    assert sv["org"]["name"] == "Norrå &amp; Söderå &lt;kommun&gt;"
    assert en["org"]["name"] == "Norrå &amp; Söderå &lt;Municipality&gt;"
    assert sv["org"]["example"] is True  # non-text values pass through unchanged


def test_escape_values_reaches_into_lists_and_quotes():
    escaped = escape_values({"a": ["<b>", {"c": 'say "hi" & \'bye\''}], "n": 3})
    assert escaped == {"a": ["&lt;b&gt;", {"c": "say &#34;hi&#34; &amp; &#39;bye&#39;"}], "n": 3}



def test_low_contrast_is_reported_together_with_other_problems():
    def change(data):
        data["colours"]["accent"] = "#7fbfff"
        data["organisation"]["name"]["sv"] = ""
    found = problems_after(change)
    assert any(p.startswith("organisation.name.sv:") for p in found)
    assert any(p.startswith("colours.accent: expected contrast") for p in found)
