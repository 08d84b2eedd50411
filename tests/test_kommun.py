"""Unit tests of hooks/iopkit/kommun.py: what kommun.yml accepts, what it refuses and how it says so.

They run against upstream's example settings (kommun.exempel.yml), so they hold on any fork."""
from __future__ import annotations

import copy

import pytest

from sitebuild import EXAMPLE, EXAMPLE_FILE, ROOT
from iopkit import kommun
from iopkit.pages import escape_values

DOCS = ROOT / "docs"
DEFAULT = EXAMPLE
KEYS = "accessibility, chapters, colours, contact, guidelines, local, logo, organisation, site"


def problems_after(change, lang: str = "en") -> list[str]:
    """Problems, as one language's lines, with a copy of the example settings after `change` edits it."""
    data = copy.deepcopy(DEFAULT)
    change(data)
    return [p.line(lang) for p in kommun.check(data, DOCS)]


def write(tmp_path, text: str | bytes):
    path = tmp_path / "kommun.yml"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def example_text() -> str:
    return EXAMPLE_FILE.read_text(encoding="utf-8")


def load_problems(tmp_path, text, lang: str = "en") -> list[str]:
    with pytest.raises(kommun.KommunError) as caught:
        kommun.load(write(tmp_path, text), DOCS)
    return [p.line(lang) for p in caught.value.problems]


def test_example_settings_are_valid():
    assert kommun.check(copy.deepcopy(DEFAULT), DOCS) == []
    assert DEFAULT["organisation"]["name"]["sv"]


@pytest.mark.parametrize("change, expected", [
    pytest.param(lambda d: d["organisation"].pop("name"),
                 "organisation.name: expected text in both languages (sv: …, en: …); found nothing (missing or empty)",
                 id="missing name"),
    pytest.param(lambda d: d["organisation"]["name"].update(sv="  "),
                 "organisation.name.sv: expected non-empty text; found '  '", id="blank name"),
    pytest.param(lambda d: d["organisation"].update(name="Solby"),
                 "organisation.name: expected text in both languages (sv: …, en: …); found 'Solby'. "
                 "Hint: write sv: and en: on their own lines under the field", id="name in one language"),
    pytest.param(lambda d: d.update(colour={"primary": "#1f5f8b"}),
                 f"colour: expected one of {KEYS}; found an unknown setting. Hint: did you mean colours?",
                 id="unknown top-level key"),
    pytest.param(lambda d: d["organisation"].update(nmae="X"),
                 "organisation.nmae: expected one of example, kind, name, short_name, website; found an unknown "
                 "setting. Hint: did you mean name?", id="unknown nested key"),
    pytest.param(lambda d: d["guidelines"].update(memo_date="2026-02-30"),
                 "guidelines.memo_date: expected a date written YYYY-MM-DD; found '2026-02-30', no such date. "
                 "Hint: check the month (01–12) and the day", id="impossible date"),
    pytest.param(lambda d: d["guidelines"].update(decision_date="soon"),
                 "guidelines.decision_date: expected a date written YYYY-MM-DD; found 'soon'. "
                 "Hint: write for example 2027-03-15", id="date soon"),
    pytest.param(lambda d: d.update(logo="lokalt/finns-inte.svg"),
                 "logo: expected an image file under docs/, written from docs/ (for example lokalt/logotyp.svg); "
                 "found 'lokalt/finns-inte.svg', but no such file. Hint: put the file in docs/lokalt/ and write "
                 "for example lokalt/logotyp.svg", id="missing logo file"),
    pytest.param(lambda d: d.update(logo="../kommun.yml"),
                 "logo: expected an image file under docs/, written from docs/ (for example lokalt/logotyp.svg); "
                 "found '../kommun.yml', outside docs/. Hint: put the file in docs/lokalt/ and write "
                 "for example lokalt/logotyp.svg", id="logo outside docs"),
    pytest.param(lambda d: d.update(logo="/srv/www/logo.svg"),
                 "logo: expected an image file under docs/, written from docs/ (for example lokalt/logotyp.svg); "
                 "found '/srv/www/logo.svg', outside docs/. Hint: put the file in docs/lokalt/ and write "
                 "for example lokalt/logotyp.svg", id="absolute logo"),
    pytest.param(lambda d: d["colours"].update(primary="blue"),
                 'colours.primary: expected a colour written "#rrggbb" in quotes (unquoted, YAML reads # as a '
                 "comment); found 'blue'", id="not a colour"),
    pytest.param(lambda d: d["colours"].update(accent="#7fbfff"),
                 "colours.accent: expected a contrast of at least 4.5:1 against white text; found 1.94:1 for "
                 "#7fbfff. Hint: choose a darker colour", id="low contrast"),
    pytest.param(lambda d: d["chapters"].update(exclude=["exempel", "nyheter"]),
                 "chapters.exclude[1]: expected one of bakgrund, exempel, beslutsunderlag, fragor-och-svar, "
                 "ordlista, avtal; found 'nyheter'", id="unknown chapter"),
    pytest.param(lambda d: d["site"].update(url="https://iop.solby.se"),
                 "site.url: expected the site's address, starting with https:// and ending with /; found "
                 "'https://iop.solby.se'. Hint: write https://iop.solby.se/ (with / at the end)", id="url without /"),
    pytest.param(lambda d: d["contact"].update(email="mailto:iop@solby.se"),
                 "contact.email: expected an e-mail address such as iop@kommun.se; found 'mailto:iop@solby.se'. "
                 "Hint: write the address alone, without mailto:", id="mailto"),
    pytest.param(lambda d: d["guidelines"].update(adopted=True, decision_date=None),
                 "guidelines.decision_date: expected the decision date when adopted is true; found nothing. Hint: "
                 "write the date the guidelines were adopted, or set adopted: false for a proposal",
                 id="adopted without decision date"),
    pytest.param(lambda d: d["guidelines"].update(review_date="2026-01-01"),
                 "guidelines.review_date: expected a date on or after guidelines.decision_date (2026-12-01); found "
                 "'2026-01-01'. Hint: check both dates; review_date cannot come before decision_date",
                 id="review before decision"),
    pytest.param(lambda d: d["guidelines"].update(decision_date="2026-11-01"),
                 "guidelines.decision_date: expected a date on or after guidelines.memo_date (2026-11-10); found "
                 "'2026-11-01'. Hint: check both dates; decision_date cannot come before memo_date",
                 id="decision before memo"),
    pytest.param(lambda d: d["accessibility"].update(updated="2026-01-01"),
                 "accessibility.updated: expected a date on or after accessibility.assessed (2026-11-25); found "
                 "'2026-01-01'. Hint: check both dates; updated cannot come before assessed",
                 id="statement updated before assessed"),
])
def test_invalid_value_is_refused_with_field_expected_found_and_hint(change, expected):
    assert problems_after(change) == [expected]


def test_messages_are_in_swedish_with_english_beside():
    data = copy.deepcopy(DEFAULT)
    data["site"]["url"] = "https://iop.solby.se"
    (problem,) = kommun.check(data, DOCS)
    assert str(problem) == (
        "site.url: förväntat webbplatsens adress, som börjar med https:// och slutar med /; hittade "
        "'https://iop.solby.se'. Tips: skriv https://iop.solby.se/ (med / på slutet)\n"
        "    (en) site.url: expected the site's address, starting with https:// and ending with /; found "
        "'https://iop.solby.se'. Hint: write https://iop.solby.se/ (with / at the end)")


@pytest.mark.parametrize("email", ["IOP@Solby.se", "iop.stod@solby.kommun.se"])
def test_upper_case_e_mail_is_accepted(email):
    assert problems_after(lambda d: d["contact"].update(email=email)) == []


def test_a_proposal_needs_no_decision_date():
    assert problems_after(lambda d: d["guidelines"].update(adopted=False, decision_date=None)) == []
    assert kommun.localise(DEFAULT, "sv")["guidelines"]["adopted"] is False


def test_every_problem_is_reported_at_once(tmp_path):
    text = example_text()
    text = text.replace("    en: Exempelby Municipality\n", "", 1)
    text = text.replace("decision_date: 2026-12-01", "decision_date: soon")
    text = text.replace('primary: "#1f5f8b"', 'primary: "blue"')
    text += "extra_setting: true\n"
    with pytest.raises(kommun.KommunError) as caught:
        kommun.load(write(tmp_path, text), DOCS)
    assert [p.field for p in caught.value.problems] == [
        "extra_setting", "organisation.name.en", "colours.primary", "guidelines.decision_date"]
    assert str(caught.value).startswith("kommun.yml: 4 fel (4 problems):\n  - extra_setting: förväntat en av")


def test_unparsable_yaml_names_the_line(tmp_path):
    (line,) = load_problems(tmp_path, "organisation:\n  name: [unclosed\n")
    assert line.startswith("kommun.yml, rad 3 (line 3): expected valid YAML; found ")  # then YAML's own words
    assert line.endswith("Hint: indent sub-keys by two spaces and quote text that contains a colon (:) or #")


def test_a_tab_gets_the_tab_hint(tmp_path):
    text = example_text().replace("  reference: KS", "\treference: KS")
    (line,) = load_problems(tmp_path, text)
    assert line.endswith("Hint: indent with spaces, never tabs")


def test_a_file_not_saved_as_utf8_is_named_with_its_line(tmp_path):
    text = "# Inställningar för Exempelby\n" + example_text().replace("–", "-")
    assert load_problems(tmp_path, text.encode("latin-1"), "sv") == [
        "kommun.yml, rad 1 (line 1): förväntat en fil sparad som UTF-8; hittade byte 0xe4, en annan "
        "teckenkodning (till exempel Latin-1/ANSI). Tips: spara filen som UTF-8 (i Anteckningar: Spara som → "
        "Kodning: UTF-8)"]


def test_a_missing_file_says_what_to_do(tmp_path):
    with pytest.raises(kommun.KommunError) as caught:
        kommun.load(tmp_path / "kommun.yml", DOCS)
    assert [p.line("en") for p in caught.value.problems] == [
        "kommun.yml: expected the file kommun.yml in the project's root folder; found no such file. "
        "Hint: copy kommun.exempel.yml to kommun.yml and fill in your details"]


def test_an_unquoted_phone_number_keeps_its_digits(tmp_path):
    """YAML would read 0701234567 as an octal number (14979959); the loader keeps numbers as written."""
    data = kommun.load(write(tmp_path, example_text().replace("phone: 0000-00 00 00", "phone: 0701234567")), DOCS)
    assert data["contact"]["phone"] == "0701234567"


def test_impossible_unquoted_date_in_the_file_names_the_field(tmp_path):
    text = example_text().replace("memo_date: 2026-11-10", "memo_date: 2026-13-01")
    assert load_problems(tmp_path, text)[0].startswith(
        "guidelines.memo_date: expected a date written YYYY-MM-DD; found '2026-13-01', no such date")


def test_defaults_fill_what_the_fork_leaves_out(tmp_path):
    """A setting that upstream adds later reaches a fork through kommun-defaults.yml, without an edit."""
    text = example_text()
    for block in ("chapters:\n  exclude: []", "local:\n  folder: lokalt"):
        start = text.index(block.split("\n")[0])
        end = text.index("\n", text.index(block.split("\n")[1].strip(), start))
        text = text[:start] + text[end + 1:]
    data = kommun.load(write(tmp_path, text), DOCS)
    assert data["chapters"]["exclude"] == [] and data["local"]["folder"] == "lokalt"


def test_merge_keeps_sections_and_replaces_values_and_lists():
    base = {"a": {"x": 1, "y": [1, 2]}, "b": 2}
    assert kommun.merge(base, {"a": {"y": [3]}, "c": 4}) == {"a": {"x": 1, "y": [3]}, "b": 2, "c": 4}
    assert base == {"a": {"x": 1, "y": [1, 2]}, "b": 2}


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


def test_low_contrast_is_reported_together_with_other_problems():
    def change(data):
        data["colours"]["accent"] = "#7fbfff"
        data["organisation"]["name"]["sv"] = ""
    found = problems_after(change)
    assert any(p.startswith("organisation.name.sv:") for p in found)
    assert any(p.startswith("colours.accent: expected a contrast") for p in found)


@pytest.mark.upstream_content
def test_upstream_kommun_yml_is_the_example():
    """Upstream's kommun.yml holds the same settings as the example the tests use."""
    assert kommun.load(ROOT / "kommun.yml", DOCS) == DEFAULT


def test_upstream_never_edits_kommun_yml():
    """kommun.yml belongs to forks: if upstream edited it, every fork's edited copy would conflict.
    While the file still describes the example organisation it must be byte for byte upstream's."""
    import hashlib

    from sitebuild import KOMMUN, UPSTREAM_KOMMUN_SHA256

    if KOMMUN["organisation"]["name"] != EXAMPLE["organisation"]["name"] or not KOMMUN["organisation"]["example"]:
        pytest.skip("kommun.yml is a fork's own (its own name, or example: false)")
    assert hashlib.sha256((ROOT / "kommun.yml").read_bytes()).hexdigest() == UPSTREAM_KOMMUN_SHA256, (
        "kommun.yml changed. Upstream never edits it: give a new setting its default in "
        "hooks/iopkit/kommun-defaults.yml and a commented entry in kommun.exempel.yml. "
        "(On a fork: write your own organisation.name and set organisation.example: false.)")
