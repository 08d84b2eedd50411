"""Agreement templates: every one renders, matches its reviewed snapshot, and bad input fails loudly."""
from __future__ import annotations

import copy
import os
import re
import subprocess
import sys

import pytest
from markupsafe import escape

from agreement_helpers import AGREEMENTS, KOMMUN, ROOT, SNAPSHOTS, copy_library, library, render
from iopkit.pages import RenderError

LIB = library()
TEMPLATES = sorted(LIB.templates)
CASES = [(t, lang) for t in TEMPLATES for lang in ("sv", "en")]


def test_six_templates_exist():
    assert set(TEMPLATES) == {"allman-iop", "kvinno-och-barnjour", "nyanlanda", "akut-hemloshet",
                              "avsiktsforklaring", "arsuppfoljning"}


@pytest.mark.upstream_content
@pytest.mark.parametrize("template_id, lang", CASES)
def test_template_renders_and_matches_snapshot(template_id, lang):
    """The snapshot is what a reviewer reads: a legal change shows up as a diff in review.
    After an intended change, run `UPDATE_SNAPSHOTS=1 pytest tests/test_agreements.py`."""
    text = render(LIB, template_id, lang)
    assert "{{" not in text and "{%" not in text
    snapshot = SNAPSHOTS / f"{template_id}.{lang}.md"
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        snapshot.write_text(text, encoding="utf-8")
    assert snapshot.is_file(), f"no snapshot {snapshot.name}; run with UPDATE_SNAPSHOTS=1 and review it"
    assert text == snapshot.read_text(encoding="utf-8")


def _with_values(tmp_path, template_id: str, values: dict):
    """A copy of the library in which one template sets extra values."""
    import yaml
    lib_dir = copy_library(tmp_path / "_agreements")
    data = yaml.safe_load((lib_dir / "templates.yml").read_text(encoding="utf-8"))
    data[template_id].setdefault("values", {}).update(values)
    (lib_dir / "templates.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return library(lib_dir)


@pytest.mark.upstream_content
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_state_aid_routes_match_their_snapshot(tmp_path, lang):
    """The templates leave the state aid basis blank, so each chosen basis gets its own reviewed snapshot."""
    parts = []
    for route in LIB.variables["state_aid_route"]["choices"]:
        text = render(_with_values(tmp_path / route, "allman-iop", {"state_aid_route": route}), "allman-iop", lang)
        start = text.index('<div class="clause-text" markdown>', text.index('id="klausul-statsstod"'))
        body = text[start:text.index("</div>", start)].split("\n", 3)[3].strip()
        parts.append(f"## state_aid_route: {route}\n\n{body}\n")
    text = "\n".join(parts)
    snapshot = SNAPSHOTS / f"statsstod-grunder.{lang}.md"
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        snapshot.write_text(text, encoding="utf-8")
    assert snapshot.is_file(), f"no snapshot {snapshot.name}; run with UPDATE_SNAPSHOTS=1 and review it"
    assert text == snapshot.read_text(encoding="utf-8")


def test_no_stale_snapshots():
    expected = {f"{t}.{lang}.md" for t, lang in CASES} | {f"statsstod-grunder.{lang}.md" for lang in ("sv", "en")}
    assert {p.name for p in SNAPSHOTS.glob("*.md")} == expected


@pytest.mark.parametrize("template_id, lang", CASES)
def test_every_template_has_cover_terms_and_signature(template_id, lang):
    text = render(LIB, template_id, lang)
    spec = LIB.templates[template_id]
    assert text.count('class="clause"') == len(spec["cover"]) + len(spec["clauses"])
    assert 'class="signature-block"' in text
    assert f"{spec['version']}" in text


def test_a_clause_edit_reaches_every_template_that_uses_it(tmp_path):
    lib_dir = copy_library(tmp_path / "_agreements")
    counts = {}
    for t, spec in LIB.templates.items():
        for cid in spec["cover"] + spec["clauses"]:
            counts.setdefault(cid, set()).add(t)
    shared = max(counts, key=lambda c: len(counts[c]))
    assert len(counts[shared]) >= 3, "the library should share clauses between templates"
    clause = lib_dir / "clauses" / "sv" / f"{shared}.md"
    clause.write_text(clause.read_text(encoding="utf-8") + "\nÄNDRAD MENING FÖR TEST.\n", encoding="utf-8")
    edited = library(lib_dir)
    for t in TEMPLATES:
        assert ("ÄNDRAD MENING FÖR TEST." in render(edited, t, "sv")) == (t in counts[shared]), t


def test_blanks_are_visible_labelled_fields():
    text = render(LIB, "allman-iop", "sv")
    assert '<span class="blank">[' in text


def test_values_from_kommun_are_html_escaped():
    kommun = copy.deepcopy(KOMMUN)
    kommun["organisation"]["name"] = {"sv": "Å & Ö <kommun>", "en": "Å & Ö <Municipality>"}
    text = render(LIB, "allman-iop", "sv", kommun)
    assert "Å &amp; Ö &lt;kommun&gt;" in text and "<kommun>" not in text


def test_local_clause_replaces_upstream_and_is_declared(tmp_path):
    local = tmp_path / "klausuler"
    for lang, words in (("sv", "Lokal text om parterna."), ("en", "Local text on the parties.")):
        (local / lang).mkdir(parents=True)
        (local / lang / "parter.md").write_text(
            f"---\ntitle: Parter (lokal)\nnote: Lokal.\nref: Lokal rutin.\n---\n{words}\n", encoding="utf-8")
    lib = library(local=local)
    text = render(lib, "allman-iop", "sv")
    assert "Lokal text om parterna." in text
    assert 'class="clause-local"' in text and "Parter (lokal)" in text.split("</div>")[0] + text


# --- Bad input stops the build, naming the file and the problem --------------------------------

def _write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_unknown_clause_id_is_named(tmp_path):
    lib_dir = copy_library(tmp_path / "_agreements")
    text = (lib_dir / "templates.yml").read_text(encoding="utf-8")
    _write(lib_dir / "templates.yml", text.replace("- parter", "- finns-inte", 1).replace("[parter,", "[finns-inte,", 1))
    with pytest.raises(RenderError, match=r"templates\.yml.*unknown clause id 'finns-inte'"):
        library(lib_dir)


@pytest.mark.parametrize("path, text, expected", [
    ("clauses/sv/parter.md", "---\ntitle: T\nnote: N\nref: R\n---\n{{ no_such_value }}\n",
     r"clauses/sv/parter\.md.*no_such_value"),
    ("clauses/sv/bara-svenska.md", "---\ntitle: T\nnote: N\nref: R\n---\nText.\n",
     r"'bara-svenska' exists in sv but not in en.*clauses/en/bara-svenska\.md"),
], ids=["undefined variable", "clause in one language"])
def test_a_bad_clause_file_is_named(tmp_path, path, text, expected):
    lib_dir = copy_library(tmp_path / "_agreements")
    _write(lib_dir / path, text)
    with pytest.raises(RenderError, match=expected):
        library(lib_dir)


def test_variable_without_both_labels_is_named(tmp_path):
    lib_dir = copy_library(tmp_path / "_agreements")
    with open(lib_dir / "variables.yml", "a", encoding="utf-8") as fh:
        fh.write("\nhalv_etikett:\n  type: text\n  source: blank\n  label: {sv: Bara svenska}\n")
    with pytest.raises(RenderError, match=r"variables\.yml.*'halv_etikett'.*label missing in en"):
        library(lib_dir)


@pytest.mark.parametrize("text", ["no front matter at all\n", "---\ntitle: [unclosed\n---\nText\n",
                                  "---\ntitle: T\nnote: N\n---\nText without ref\n"])
def test_malformed_front_matter_is_named(tmp_path, text):
    lib_dir = copy_library(tmp_path / "_agreements")
    _write(lib_dir / "clauses" / "en" / "parter.md", text)
    with pytest.raises(RenderError, match=r"clauses/en/parter\.md: .*(front matter)"):
        library(lib_dir)


def test_unknown_template_is_named():
    with pytest.raises(RenderError, match="unknown agreement template 'finns-inte'"):
        render(LIB, "finns-inte", "sv")


@pytest.mark.slow
def test_a_bad_clause_stops_the_strict_build(project_copy):
    from sitebuild import build

    clause = project_copy / "docs" / "_agreements" / "clauses" / "en" / "parter.md"
    clause.write_text(clause.read_text(encoding="utf-8") + "\n{{ missing_value }}\n", encoding="utf-8")
    result = build(project_copy, project_copy / "site")
    assert result.returncode != 0
    assert "clauses/en/parter.md" in result.output and "missing_value" in result.output


def test_renderer_imports_nothing_from_mkdocs():
    code = ("import sys; sys.path.insert(0, 'hooks'); import iopkit.agreements, iopkit.library, "
            "iopkit.kommun, iopkit.site; print(any(m == 'mkdocs' or m.startswith('mkdocs.') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_template_headings_need_both_languages(tmp_path):
    lib_dir = copy_library(tmp_path / "_agreements")
    with open(lib_dir / "templates.yml", "a", encoding="utf-8") as fh:
        fh.write("\nextra-mall:\n  version: 1.0.0\n  title: {sv: T, en: T}\n  headings: {cover: {sv: Bara svenska}}\n"
                 "  cover: [parter]\n  clauses: [parter]\n  signature: underskrifter\n")
    with pytest.raises(RenderError, match=r"'extra-mall': headings\.cover .* both sv and en"):
        library(lib_dir)


# --- Legal review of 2026-12-02 (issue 9): what the templates must and must not say --------------

AGREEMENTS_WITH_STATE_AID = [t for t in TEMPLATES if "statsstod" in LIB.templates[t]["clauses"]]
ROUTES = LIB.variables["state_aid_route"]["choices"]


def _clause_text(text: str, clause_id: str) -> str:
    """The clause's own text (not its reader's note), from the rendered agreement."""
    start = text.index(f'id="klausul-{clause_id}"')
    return text[start:text.index('class="clause-note"', start)]


@pytest.mark.parametrize("template_id, lang", [(t, lang) for t in AGREEMENTS_WITH_STATE_AID for lang in ("sv", "en")])
def test_no_agreement_says_by_default_that_it_is_not_state_aid(template_id, lang):
    """The basis under the state aid rules is a choice nobody has made yet: a visible blank."""
    assert LIB.templates[template_id].get("values", {}).get("state_aid_route", "") == ""
    clause = _clause_text(render(LIB, template_id, lang), "statsstod")
    label = escape(LIB.variables["state_aid_basis"]["label"][lang])
    assert f'<span class="blank">[{label}]</span>' in clause
    for claim in ("inte är statligt stöd", "inte statligt stöd", "not state aid"):
        assert claim not in clause, claim


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_each_state_aid_route_renders_its_own_terms(tmp_path, route, lang):
    clause = _clause_text(render(_with_values(tmp_path, "allman-iop", {"state_aid_route": route}), "allman-iop", lang),
                          "statsstod")
    assert str(escape(LIB.variables["state_aid_basis"]["label"][lang])) not in clause
    assert "(2013:388)" in clause  # recovery is always under the Swedish act
    expected = {"icke-ekonomisk": "107", "mindre-betydelse": "2023/2831",
                "sgei-mindre-betydelse": "2023/2832", "sgei-beslutet": "2012/21/EU"}[route]
    assert expected in clause
    de_minimis = route in ("mindre-betydelse", "sgei-mindre-betydelse")
    assert (("ett enda företag" if lang == "sv" else "single undertaking") in clause) == de_minimis
    assert ("1 januari 2026" in clause or "1 January 2026" in clause) == de_minimis


def test_a_state_aid_route_outside_the_choices_is_named(tmp_path):
    lib_dir = copy_library(tmp_path / "_agreements")
    text = (lib_dir / "templates.yml").read_text(encoding="utf-8")
    (lib_dir / "templates.yml").write_text(
        text.replace("  values:\n    volunteer_work: true\n", "  values:\n    state_aid_route: de-minimis\n    volunteer_work: true\n", 1),
        encoding="utf-8")
    with pytest.raises(RenderError, match=r"templates\.yml: template 'allman-iop': value 'de-minimis' for 'state_aid_route'"):
        library(lib_dir)


# Amounts that expire live in docs/_data/figures.yml (issue 9); a clause names the regulation and article.
TYPED_FIGURE = re.compile(r"\d[\d  .,]*\s*(euro|EUR|kronor|SEK|miljoner|million)|(EUR|SEK)\s*\d", re.I)


@pytest.mark.parametrize("path", sorted((AGREEMENTS / "clauses").glob("*/*.md")), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_no_clause_types_a_legal_amount(path):
    text = path.read_text(encoding="utf-8")
    assert not TYPED_FIGURE.search(text), TYPED_FIGURE.search(text).group(0)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_shelter_template_requires_the_ivo_permit(lang):
    text = render(LIB, "kvinno-och-barnjour", lang)
    clause = _clause_text(text, "skyddat-boende")
    assert "IVO" in clause and ("1 april 2024" in clause or "1 April 2024" in clause)
    assert str(escape(LIB.variables["shelter_permit"]["label"][lang])) in clause
    assert "IVO" in _clause_text(text, "bilagor")


@pytest.mark.parametrize("template_id, lang", [(t, lang) for t in ("allman-iop", "kvinno-och-barnjour", "nyanlanda", "akut-hemloshet") for lang in ("sv", "en")])
def test_agreements_avoid_the_features_of_a_purchase(template_id, lang):
    """HFD 2020 ref. 15: the court noted disputes in the general courts and termination for breach;
    capacity, hours and staffing fixed by the public party point the same way."""
    text = render(LIB, template_id, lang)
    terms = "".join(_clause_text(text, cid) for cid in LIB.templates[template_id]["clauses"])
    for phrase in ("allmän domstol", "general court", "häva ", "hävning", "material breach"):
        assert phrase not in terms, phrase
    for name in ("shelter_beds", "night_shelter_hours", "day_centre_capacity", "day_centre_hours", "shelter_places"):
        assert str(escape(LIB.variables[name]["label"][lang])) not in terms, name


@pytest.mark.parametrize("adopted, expected", [(True, "har antagit riktlinjer"), (False, "har ännu inte antagit"),
                                               (None, "har ännu inte antagit")])
def test_the_agreement_says_whether_the_guidelines_are_adopted(adopted, expected):
    """guidelines.adopted is optional in kommun.yml; absent or false means a proposal, never 'adopted'."""
    kommun = copy.deepcopy(KOMMUN)
    kommun["guidelines"].pop("adopted", None)
    if adopted is not None:
        kommun["guidelines"]["adopted"] = adopted
    assert expected in _clause_text(render(LIB, "allman-iop", "sv", kommun), "vardegrund")


def test_a_repeated_key_in_variables_is_named(tmp_path):
    """YAML would keep the second of two equal keys silently; the library refuses."""
    lib_dir = copy_library(tmp_path / "_agreements")
    with open(lib_dir / "variables.yml", "a", encoding="utf-8") as fh:
        fh.write("\norg_name:\n  type: text\n  source: blank\n  label: {sv: Dubblett, en: Duplicate}\n")
    with pytest.raises(RenderError, match=r"variables\.yml: line \d+: key 'org_name' appears twice"):
        library(lib_dir)
