"""Content rules: a summary first, sources last, both languages, enough real guidance, no personal data."""
from __future__ import annotations

import re

import pytest

from conftest import html_pages, soup
from sitebuild import KOMMUN, ROOT

GUIDANCE = ["vad-ar-iop", "bakgrund", "bakgrund/motion-2015", "bakgrund/positionspapper", "lagstiftning",
            "riktlinjer", "process", "exempel", "fragor-och-svar", "ordlista", "om"]
SOURCES_ID = {"sv": "kallor", "en": "sources"}


def _article(path):
    return soup(path).select_one("article.md-content__inner")


def _content_pages(site):
    """Upstream's pages: the style rules below are upstream's; a fork's local pages are its own."""
    local = KOMMUN["local"]["folder"]
    return [p for p in html_pages(site) if p.name != "404.html"
            and local not in p.relative_to(site).parts[:2]]


def test_every_page_opens_with_a_summary(site):
    missing = []
    for path in _content_pages(site):
        h1 = _article(path).find("h1")
        first = h1.find_next_sibling()
        if not (first and first.name == "p" and "summary" in first.get("class", [])):
            missing.append(str(path.relative_to(site)))
    assert missing == []


def test_summaries_are_two_or_three_sentences_at_most(site):
    long = []
    for path in _content_pages(site):
        text = _article(path).select_one("p.summary").get_text(" ", strip=True)
        sentences = [s for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])", text) if s]
        if not 2 <= len(sentences) <= 3:
            long.append(f"{path.relative_to(site)}: {len(sentences)} sentences")
    assert long == []


def test_every_page_ends_with_its_sources(site):
    problems = []
    for path in _content_pages(site):
        lang = "en" if path.relative_to(site).parts[0] == "en" else "sv"
        article = _article(path)
        own_h2 = [h for h in article.find_all("h2") if h.find_parent(class_="attachment") is None]
        if not own_h2 or own_h2[-1].get("id") != SOURCES_ID[lang]:
            problems.append(f"{path.relative_to(site)}: last h2 is {own_h2[-1].get('id') if own_h2 else None}")
            continue
        listed = own_h2[-1].find_next_sibling(["ul", "ol", "p"])
        if listed is None:
            problems.append(f"{path.relative_to(site)}: empty sources section")
    assert problems == []


def _words(site, lang: str) -> int:
    total = 0
    for slug in GUIDANCE:
        path = site / ("en" if lang == "en" else "") / slug / "index.html"
        total += len(_article(path).get_text(" ", strip=True).split())
    return total


@pytest.mark.upstream_content
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_each_language_has_at_least_8000_words_of_guidance(site, lang):
    assert _words(site, lang) >= 8000


def test_legal_pages_show_when_they_were_reviewed(site):
    for lang_dir in ("", "en/"):
        page = soup(site / lang_dir / "lagstiftning" / "index.html")
        assert page.select_one(".review-date time[datetime]") is not None


@pytest.mark.chapter("bakgrund")
def test_historical_documents_are_marked(site):
    for lang_dir in ("", "en/"):
        for slug in ("motion-2015", "positionspapper"):
            article = _article(site / lang_dir / "bakgrund" / slug / "index.html")
            assert article.select_one(".admonition"), f"{lang_dir}{slug} lacks its historical-document notice"


def test_no_personal_contact_details_in_sources():
    """Only the functional mailbox from kommun.yml; no personal e-mail addresses or mobile numbers."""
    email = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
    mobile = re.compile(r"\b07\d[- ]?\d{3}[- ]?\d{2}[- ]?\d{2}\b")
    found = []
    for md in (ROOT / "docs").rglob("*.md"):
        if md.relative_to(ROOT / "docs").parts[0] == KOMMUN["local"]["folder"]:  # the fork's own pages
            continue
        text = md.read_text(encoding="utf-8")
        for hit in email.findall(text) + mobile.findall(text):
            found.append(f"{md.relative_to(ROOT)}: {hit}")
    assert found == []


def _prose(article) -> str:
    """The article's text outside code (code shows template syntax as written, on purpose)."""
    return "".join(t for t in article.find_all(string=True) if not t.find_parent(["code", "pre"]))


def test_no_unrendered_template_syntax_in_the_site(site):
    leftovers = [str(p.relative_to(site)) for p in html_pages(site)
                 if re.search(r"\{\{|\{%", _prose(_article(p)) if _article(p) else "")]
    assert leftovers == []
