"""The route finder's data file, its checks and the HTML it becomes (without a browser).

The browser tests are in test_route_browser.py."""
from __future__ import annotations

import copy
import re
import sys
from urllib.parse import unquote, urldefrag

import pytest
import yaml

from conftest import soup
from sitebuild import ROOT, build

sys.path.insert(0, str(ROOT / "hooks"))
from iopkit import route, route_html  # noqa: E402

DATA_PATH = ROOT / "docs" / route.DATA_FILE
DATA = route.load(DATA_PATH)
PATHS = route.all_paths(DATA)
LANG_DIR = {"sv": "", "en": "en/"}


def _broken(change) -> list[str]:
    data = copy.deepcopy(DATA)
    change(data)
    return route.check(data)


def _question(data: dict, qid: str) -> dict:
    return next(q for q in data["questions"] if q["id"] == qid)


# --- the data file --------------------------------------------------------------------------------

def test_the_data_file_is_sound():
    assert route.check(yaml.safe_load(DATA_PATH.read_text(encoding="utf-8"))) == []


def test_every_path_ends_in_one_of_the_six_routes_and_each_route_is_reached():
    assert PATHS and all(p.route in route.ROUTES for p in PATHS)
    assert {p.route for p in PATHS} == set(route.ROUTES)


def test_every_question_is_on_some_path():
    on_a_path = {qid for p in PATHS for qid, _ in p.steps}
    assert on_a_path == {q["id"] for q in DATA["questions"]}


def test_paths_only_go_forward():
    nums = route.numbers(DATA)
    for p in PATHS:
        order = [nums[qid] for qid, _ in p.steps]
        assert order == sorted(set(order)), p


@pytest.mark.parametrize("change, expected", [
    pytest.param(lambda d: _question(d, "kop")["answers"][0].pop("next"), "neither (a dead end)", id="dead end"),
    pytest.param(lambda d: _question(d, "valfrihet")["answers"][1].update(next="initiativ"),
                 "answers lead only forward", id="cycle"),
    pytest.param(lambda d: _question(d, "kop")["answers"][0].update(next="saknas"), "no such question",
                 id="unknown question"),
    pytest.param(lambda d: _question(d, "reservera")["answers"][0].update(route="ramavtal"),
                 "route: expected one of", id="unknown route"),
    pytest.param(lambda d: _question(d, "kop")["answers"][0].update(route="iop"), "found both", id="next and route"),
    pytest.param(lambda d: _question(d, "marknad")["text"].pop("en"), "questions[3].text.en: expected a non-empty",
                 id="missing English"),
    pytest.param(lambda d: _question(d, "egen-regi")["answers"][0]["label"].update(en=True),
                 "label.en: expected a non-empty text, found True", id="yes as a boolean"),
    pytest.param(lambda d: d["routes"].pop("lov"), "routes.lov: missing", id="missing route"),
    pytest.param(lambda d: d["routes"]["lov"]["summary"].update(en="One.\n\nTwo."), "found a line break",
                 id="two paragraphs"),
    pytest.param(lambda d: d["routes"]["lov"]["checks"]["procurement"].update(sv="A | B", en="A | B"),
                 "cannot hold '|'", id="pipe in a table cell"),
    pytest.param(lambda d: _question(d, "initiativ")["answers"][1].update(next="valfrihet"),
                 "'egen-regi' cannot be reached", id="unreachable question"),
    pytest.param(lambda d: _question(d, "egen-regi")["answers"][0].update(route="iop"),
                 "routes.egen-regi: no answer leads to this route", id="unreachable route"),
    pytest.param(lambda d: d["routes"]["iop"]["checks"]["state_aid"].update(sv="Se [x][finns-inte]."),
                 "link [finns-inte] is not one of the link keys", id="unknown link"),
    pytest.param(lambda d: d["links"].update(oanvand={"sv": "om.md", "en": "om.md"}), "links.oanvand: never used",
                 id="unused link"),
    pytest.param(lambda d: d["routes"]["bidrag"]["checks"].pop("local_government"),
                 "checks.local_government: expected a text", id="missing check"),
    pytest.param(lambda d: d.update(start="kop"), "start: expected the first question's id", id="start"),
    pytest.param(lambda d: d["ui"].pop("assessment"), "ui.assessment: expected a text", id="missing ui word"),
    pytest.param(lambda d: _question(d, "kop")["answers"].append(copy.deepcopy(_question(d, "kop")["answers"][0])),
                 "'ja' is used twice", id="duplicate answer"),
])
def test_problems_are_reported_with_their_field(change, expected):
    problems = _broken(change)
    assert any(expected in p for p in problems), problems


def test_load_names_the_file_and_every_problem(tmp_path):
    data = copy.deepcopy(DATA)
    _question(data, "kop")["answers"][0].pop("next")
    data["routes"].pop("lov")
    path = tmp_path / "vagvisare.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(route.RouteError) as err:
        route.load(path)
    message = str(err.value)
    assert message.startswith("docs/_data/vagvisare.yml: 2 problem(s)")
    assert "questions[2].answers[0]" in message and "routes.lov" in message


def test_guidance_version_is_the_newest_release_in_the_changelog():
    text = "## [Ej utgivet] (Unreleased)\n\n## [1.2.0] – 2027-01-10\n\n## [1.0.0] – 2026-11-25\n"
    assert route.guidance_version(text) == "1.2.0"
    assert re.fullmatch(r"\d+\.\d+\.\d+", route.guidance_version((ROOT / "CHANGELOG.md").read_text("utf-8")))
    with pytest.raises(route.RouteError, match="no released version"):
        route.guidance_version("# Changelog\n")


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_legal_as_of_is_the_legal_position_date_in_the_figures_data(lang):
    data = yaml.safe_load((ROOT / "docs" / "_data" / "figures.yml").read_text(encoding="utf-8"))
    assert route.legal_as_of(ROOT / "docs", lang) == str(data["figures"]["legal_position_date"]["value"])


def test_texts_are_escaped_but_their_jinja_is_kept():
    assert route_html._plain("A & <b>{{ org.kind }}</b> {{ figure('x') }}") == \
        "A &amp; &lt;b&gt;{{ org.kind }}&lt;/b&gt; {{ figure('x') }}"
    assert route_html._attr('"{{ org.name }}"') == "&quot;{{ org.name }}&quot;"


def test_links_are_relative_to_the_page():
    assert route_html._relative("lagstiftning.md#lou", "") == "lagstiftning.md#lou"
    assert route_html._relative("avtal/allman-iop.md", "bakgrund") == "../avtal/allman-iop.md"


def test_a_broken_data_file_stops_the_build(project_copy):
    path = project_copy / "docs" / route.DATA_FILE
    path.write_text(path.read_text(encoding="utf-8").replace("next: marknad", "next: marknaden"), encoding="utf-8")
    result = build(project_copy, project_copy.parent / "site")
    assert result.returncode != 0
    assert "vagvisare.yml" in result.output and "'marknaden' (no such question)" in result.output


@pytest.mark.slow
def test_the_organisation_is_text_never_markup(project_copy):
    """A name with markup characters lands in the assessment as the same text, escaped once."""
    from bs4 import BeautifulSoup

    name = {"sv": 'Å & "Ö" <kommun>', "en": 'Å & "Ö" <municipality>'}
    path = project_copy / "kommun.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("sv: Exempelby kommun", "sv: '" + name["sv"].replace("'", "''") + "'")
    text = text.replace("en: Exempelby Municipality", "en: '" + name["en"] + "'")
    path.write_text(text, encoding="utf-8")
    result = build(project_copy, project_copy.parent / "site")
    assert result.returncode == 0, result.output
    for lang, tag in (("sv", "kommun"), ("en", "municipality")):
        page = BeautifulSoup((result.site / LANG_DIR[lang] / "vagvisare" / "index.html").read_text("utf-8"),
                             "html.parser")
        assert page.find(tag) is None
        assert page.select_one("#bedomning table.route-meta td").get_text() == name[lang]
        assert name[lang] in page.select_one("#bedomning .route-disclaimer").get_text()


# --- the built pages ------------------------------------------------------------------------------

def _finder(site, lang):
    return soup(site / LANG_DIR[lang] / "vagvisare" / "index.html")


def _process(site, lang):
    return soup(site / LANG_DIR[lang] / "process" / "index.html")


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_process_page_and_route_finder_ask_the_same_questions(site, lang):
    finder = [re.sub(r"^\S+ \d+\. ", "", f.legend.get_text(" ", strip=True))
              for f in _finder(site, lang).select("fieldset.route-question")]
    listed = [p.strong.get_text(" ", strip=True) for p in _process(site, lang).select("li > p[id^=fraga-]")]
    assert finder == listed and len(finder) == len(DATA["questions"])


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_both_languages_have_the_same_questions_answers_and_routes(site, lang):
    page = _finder(site, lang)
    assert [f["data-question"] for f in page.select("fieldset.route-question")] == [q["id"] for q in DATA["questions"]]
    for q in DATA["questions"]:
        values = [i["value"] for i in page.select(f'input[name="svar-{q["id"]}"]')]
        assert values == [a["id"] for a in q["answers"]]
    assert [s["data-route"] for s in page.select(".route-outcome")] == list(route.ROUTES)
    assert page.select("[data-route]") == page.select(".route-outcome")  # only the routes carry data-route


def _follow(page, path) -> str:
    """Follow the no-script links from question 1 along `path`; return the data-route reached."""
    current = page.select_one("#fraga-1")
    for qid, aid in path.steps:
        assert current.name == "fieldset" and current["data-question"] == qid
        li = current.select_one(f'input[value="{aid}"]').find_parent("li")
        href = li.select_one(".route-goto a")["href"]
        current = page.find(id=href[1:])
    return current.find_parent("section")["data-route"]


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("path", PATHS, ids=[f"{p.route}:{'-'.join(a for _, a in p.steps)}" for p in PATHS])
def test_without_script_every_path_is_a_chain_of_links_to_its_route(site, lang, path):
    assert _follow(_finder(site, lang), path) == path.route


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_process_page_links_every_answer_to_a_question_or_a_route(site, lang):
    page = _process(site, lang)
    for n, q in enumerate(DATA["questions"], 1):
        item = page.select_one(f"#fraga-{n}").find_parent("li")
        targets = [urldefrag(a["href"]) for a in item.select(":scope > ul > li > a")]
        expected = [("", f"fraga-{route.numbers(DATA)[a['next']]}") if "next" in a else ("../vagvisare/", f"vag-{a['route']}")
                    for a in q["answers"]]
        assert [(u, unquote(f)) for u, f in targets] == expected


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_assessment_skeleton_carries_organisation_version_and_legal_date(site, lang):
    sheet = _finder(site, lang).select_one("section.route-assessment#bedomning")
    cells = [td.get_text(" ", strip=True) for td in sheet.select("table.route-meta td")]
    assert cells[5] == route.guidance_version((ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))
    assert cells[6] == route.legal_as_of(ROOT / "docs", lang)
    assert len(sheet.select("table.route-meta .route-blank")) == 2  # reference number and case officer
    assert sheet.has_attr("hidden")


@pytest.mark.upstream_content
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_assessment_names_the_example_organisation(site, lang):
    sheet = _finder(site, lang).select_one("#bedomning")
    assert sheet.select_one("table.route-meta td").get_text(strip=True) == \
        {"sv": "Exempelby kommun", "en": "Exempelby Municipality"}[lang]


def test_the_script_never_writes_html_or_sends_anything():
    script = (ROOT / "docs" / "assets" / "javascripts" / "vagvisare.js").read_text(encoding="utf-8")
    for forbidden in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "fetch(",
                      "XMLHttpRequest", "sendBeacon", "localStorage", "sessionStorage", "document.cookie"):
        assert forbidden not in script, forbidden
