"""The route finder in Chromium: every path through the questions in both languages (generated from
the data file), the dated assessment, the link that restores it, keyboard-only use, the page without
script, printing, axe and the network log.

One tab is reused for the paths; between paths the page's own "Start again" button resets it."""
from __future__ import annotations

import datetime as dt
import io
import re
import sys
from urllib.parse import urlparse

import pytest
from pypdf import PdfReader

from sitebuild import ROOT
from test_a11y import run_axe
from tools.pdfprint import open_for_print, to_pdf

sys.path.insert(0, str(ROOT / "hooks"))
from iopkit import route  # noqa: E402

DATA = route.load(ROOT / "docs" / route.DATA_FILE)
PATHS = route.all_paths(DATA)
PATH_IDS = [f"{p.route}:{'-'.join(a for _, a in p.steps)}" for p in PATHS]
PREFIX = {"sv": "", "en": "en/"}
IOP = max((p for p in PATHS if p.route == "iop"), key=lambda p: len(p.steps))
HEADING = {"sv": "Bedömning av samverkansform", "en": "Assessment of the form of cooperation"}


def today() -> str:
    return dt.date.today().isoformat()


class Finder:
    """One tab on the route finder, with every request it makes logged."""

    def __init__(self, browser, server):
        self.server = server
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def url(self, lang: str) -> str:
        return self.server + PREFIX[lang] + "vagvisare/"

    def open(self, lang: str):
        """The finder in `lang`, with no answers."""
        page = self.page
        if page.url.split("#")[0] != self.url(lang):
            page.goto(self.url(lang), wait_until="domcontentloaded")
        elif page.is_visible("button[data-action=restart]"):
            page.click("button[data-action=restart]")
        assert page.locator("input[type=radio]:checked").count() == 0
        return page

    def answer(self, path) -> None:
        """Click each answer in the page, in one round trip (machine time is scarce; the keyboard test
        below drives the same controls key by key). Each click must reveal the next question."""
        missing = self.page.evaluate("""steps => {
            for (const [qid, aid] of steps) {
                const input = document.querySelector(`input[name="svar-${qid}"][value="${aid}"]`);
                if (!input || input.closest("[hidden]")) return qid;
                input.click();
            }
            return null;
        }""", [list(step) for step in path.steps])
        assert missing is None, f"question {missing} was not shown"


@pytest.fixture(scope="module")
def finder(browser, server):
    f = Finder(browser, server)
    yield f
    f.context.close()


def visible_routes(page) -> list[str]:
    return page.eval_on_selector_all(".route-outcome:not([hidden])", "els => els.map(e => e.dataset.route)")


def answer_label(page, qid: str, aid: str) -> str:
    return page.locator(f'input[name="svar-{qid}"][value="{aid}"]').locator("xpath=..").inner_text().strip()


def record(page) -> list[str]:
    return page.eval_on_selector_all("#bedomning [data-field=answers] > li", "els => els.map(e => e.innerText)")


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("path", PATHS, ids=PATH_IDS)
def test_every_path_reaches_its_route_and_the_link_restores_it(finder, lang, path):
    page = finder.open(lang)
    assert page.eval_on_selector_all("fieldset[data-question]:not([hidden])", "els => els.length") == 1
    finder.answer(path)
    assert page.get_attribute("[data-route-finder]", "data-result") == path.route
    assert visible_routes(page) == [path.route]
    assert page.get_attribute("#bedomning", "data-route") == path.route
    assert page.is_visible("#bedomning") and page.is_visible("button[data-action=print]")
    assert page.inner_text("#bedomning [data-field=date]") == today()
    labels = [answer_label(page, qid, aid) for qid, aid in path.steps]
    answers = record(page)
    assert len(answers) == len(path.steps)
    assert all(label in item for label, item in zip(labels, answers))
    reasons = page.eval_on_selector_all(f'.route-outcome[data-route="{path.route}"] [data-part=reasons] li',
                                        "els => els.length")
    assert reasons == len(path.steps)

    link = page.input_value("#route-link")
    assert urlparse(link).fragment.startswith("svar=") and "?" not in link  # answers only in the #fragment
    page.goto("about:blank")
    page.goto(link, wait_until="domcontentloaded")  # the scripts have run by then: they are not deferred
    assert visible_routes(page) == [path.route]
    assert page.get_attribute("#bedomning", "data-route") == path.route
    assert record(page) == answers
    assert finder.errors == []


def test_the_assessment_carries_notes_and_downloads_as_markdown(finder):
    page = finder.open("sv")
    page.fill("#route-case", "Läxhjälp i Norra <b>skolan</b>")
    finder.answer(IOP)
    page.fill("#anteckning-kop", "Ingen ersättning per prestation.")
    page.fill("#route-notes", "Jurist kontaktad.")
    page.evaluate("""() => { window.__blobs = []; const make = URL.createObjectURL;
                             URL.createObjectURL = (blob) => { window.__blobs.push(blob); return make(blob); }; }""")
    page.click("button[data-action=download]")
    text = page.evaluate("() => window.__blobs[0].text()")
    kind = page.evaluate("() => window.__blobs[0].type")
    assert kind.startswith("text/markdown")
    assert text.startswith("# Bedömning av samverkansform\n")
    assert f"- Datum: {today()}" in text
    assert "- Ärende: Läxhjälp i Norra <b>skolan</b>" in text  # the reader's text, kept as plain text
    assert "Anteckning: Ingen ersättning per prestation." in text and "Jurist kontaktad." in text
    assert "- Diarienummer: ____" in text and "- Handläggare: ____" in text
    for qid, aid in IOP.steps:
        assert answer_label(page, qid, aid) in text
    assert "## Rekommenderad väg\n\nIdéburet offentligt partnerskap (IOP)" in text
    assert re.search(r"Länk som visar samma svar: http://\S+#svar=", text)
    assert page.eval_on_selector_all("#bedomning b", "els => els.length") == 0  # never markup
    page.click("button[data-action=copy]")
    page.wait_for_function("() => document.querySelector('.route-status').textContent.includes('kopierad')")


def test_a_link_keeps_its_date_and_warns_about_another_version(finder):
    page = finder.page
    steps = ";".join(f"{q}:{a}" for q, a in IOP.steps)
    page.goto("about:blank")
    page.goto(finder.url("en") + f"#svar={steps}&datum=2026-01-15&version=0.9.0&anteckning-kop=Checked")
    assert visible_routes(page) == ["iop"]
    assert page.inner_text("#bedomning [data-field=date]") == "2026-01-15"
    notice = page.inner_text(".route-notice")
    assert "2026-01-15" in notice and "0.9.0" in notice
    assert page.input_value("#anteckning-kop") == "Checked"
    page.check(f'input[name="svar-{IOP.steps[-1][0]}"][value="nej"]')  # a changed answer is a new assessment
    assert page.is_hidden(".route-notice")
    assert f"datum={today()}" in page.input_value("#route-link")


def test_a_link_pasted_into_the_open_page_replaces_the_answers(finder):
    page = finder.open("sv")
    finder.answer(IOP)
    page.fill("#route-notes", "gammal")
    egen_regi = next(p for p in PATHS if p.route == "egen-regi")
    page.evaluate("h => { window.location.hash = h; }", "svar=" + ";".join(f"{q}:{a}" for q, a in egen_regi.steps))
    page.wait_for_function("() => document.querySelector('[data-route-finder]').dataset.result === 'egen-regi'")
    assert visible_routes(page) == ["egen-regi"] and page.input_value("#route-notes") == ""
    assert len(record(page)) == len(egen_regi.steps)


def test_a_route_opened_by_its_anchor_is_shown(finder):
    page = finder.page
    page.goto("about:blank")
    page.goto(finder.url("sv") + "#vag-lov")  # the process page links to the routes like this
    assert visible_routes(page) == ["lov"]
    assert page.is_hidden("#bedomning")
    finder.answer(next(p for p in PATHS if p.route == "lov"))
    page.click("button[data-action=restart]")
    page.evaluate("() => { window.location.hash = 'vag-lov'; }")
    page.wait_for_function("() => !document.querySelector('.route-outcome[data-route=lov]').hidden")
    assert page.is_hidden(".route-outcome[data-route=lov] [data-part=reasons]")  # no reasons without answers


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_keyboard_alone_goes_from_the_first_question_to_a_printed_assessment(finder, lang):
    page = finder.page
    page.goto("about:blank")
    page.goto(finder.url(lang))
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")

    def tab_to(selector: str) -> None:
        for _ in range(120):
            page.keyboard.press("Tab")
            if page.evaluate("s => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"Tab never reached {selector}")

    questions = {q["id"]: q for q in DATA["questions"]}
    for qid, aid in IOP.steps:
        tab_to(f'input[name="svar-{qid}"]')
        page.keyboard.press("Space")
        for _ in range([a["id"] for a in questions[qid]["answers"]].index(aid)):
            page.keyboard.press("ArrowDown")
        assert page.is_checked(f'input[name="svar-{qid}"][value="{aid}"]')
    assert visible_routes(page) == ["iop"]
    tab_to("#route-notes")
    page.keyboard.type("OK")
    tab_to("button[data-action=print]")
    page.keyboard.press("Enter")
    assert page.evaluate("() => window.__printed") == 1
    assert "OK" in page.inner_text("#bedomning")
    tab_to("button[data-action=restart]")
    page.keyboard.press("Space")
    assert page.evaluate("() => document.activeElement.name") == "svar-initiativ"
    assert page.is_hidden("#bedomning")


def test_without_script_the_page_reads_as_numbered_questions_with_links(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(server + "vagvisare/")
    assert page.locator("fieldset.route-question:visible").count() == len(DATA["questions"])
    assert page.locator("input[type=radio]:visible").count() == 0
    assert page.locator(".route-outcome:visible").count() == len(route.ROUTES)
    assert page.is_hidden("#bedomning") and page.is_hidden(".route-final")
    for qid, aid in IOP.steps:
        page.locator(f'input[name="svar-{qid}"][value="{aid}"]').locator("xpath=../..").locator(".route-goto a").click()
    assert page.url.endswith("#vag-iop")
    origin = urlparse(server).netloc
    assert [u for u in requests if urlparse(u).netloc not in ("", origin)] == []
    context.close()


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_printed_assessment_is_a_clean_dated_a4_document(browser, finder, lang):
    page = finder.open(lang)
    finder.answer(IOP)
    link = page.input_value("#route-link")
    context = browser.new_context()
    tab = context.new_page()
    open_for_print(tab, link)
    reader = PdfReader(io.BytesIO(to_pdf(tab)))
    context.close()
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert all((round(float(p.mediabox.width)), round(float(p.mediabox.height))) == (595, 842) for p in reader.pages)
    assert 1 <= len(reader.pages) <= 4
    squashed = re.sub(r"\s+", "", text)
    assert re.sub(r"\s+", "", HEADING[lang]) in squashed and today() in text
    assert re.sub(r"\s+", "", answer_label(page, *IOP.steps[-1])) in squashed
    for chrome in ({"sv": "Så använder du vägvisaren", "en": "How to use the route finder"}[lang], "Källor", "Sources"):
        assert re.sub(r"\s+", "", chrome) not in squashed, chrome


# The whole page (both languages, light and dark) is also checked before any answer by test_a11y.py.
AXE_CASES = [("sv", 1280, "light"), ("sv", 1280, "dark"), ("sv", 390, "light"), ("sv", 320, "light"),
             ("en", 1280, "light")]


@pytest.mark.parametrize("lang, width, scheme", AXE_CASES, ids=[f"{l}-{w}-{s}" for l, w, s in AXE_CASES])
def test_a_finished_assessment_has_no_axe_violations(finder, lang, width, scheme):
    page = finder.open(lang)
    page.set_viewport_size({"width": width, "height": 900})
    page.emulate_media(color_scheme=scheme)
    try:
        finder.answer(IOP)
        page.fill("#route-notes", "x")
        assert run_axe(page) == []
    finally:
        page.emulate_media(color_scheme="light")
        page.set_viewport_size({"width": 1280, "height": 900})


def test_nothing_was_requested_from_another_host(finder):
    """Runs last in this module: the log covers every test above that used the shared tab."""
    origin = urlparse(finder.server).netloc
    assert finder.requests
    assert [u for u in finder.requests if urlparse(u).scheme in ("http", "https") and urlparse(u).netloc != origin] == []
