"""Language of parts (WCAG 3.1.2): Swedish on English pages and English on Swedish pages carry lang.

The mechanism is the term list docs/_language/terms.yml plus rules for italic titles and the
glossary (hooks/iopkit/reading.py); these tests find what it misses on the built pages.
"""
from __future__ import annotations

import re
import sys

import pytest
from bs4 import NavigableString

from conftest import html_pages, soup
from sitebuild import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
from iopkit.reading import improve_content, load_terms  # noqa: E402

SWEDISH_LETTERS = re.compile(r"[\wé-]*[åäöÅÄÖ][\wåäöÅÄÖé-]*")
# Swedish words that have no å/ä/ö but never occur in English prose.
SWEDISH_WORDS = re.compile(r"\b(och|lagen|kommuner|kommunerna|avtal|upphandling|riktlinjer|"
                           r"Kammarkollegiet|Konkurrensverket|Upphandlingsmyndigheten)\b")
# English words that do not occur in Swedish prose, so one untagged on a Swedish page means an
# English phrase or title without lang="en". Words that are also Swedish are left out: in ("lämna
# in"), be ("be om"), an ("ta sig an"), by ("en by", CC BY), a ("25 a §"), it (IT), as, not. That
# keeps false alarms away, and English titles and phrases nearly always hold one of the rest. Latin
# and French legal terms (de minimis, force majeure) and names of no clear language (GitHub, Word)
# hold none and are not tagged (see docs/_language/terms.yml).
ENGLISH_WORDS = re.compile(
    r"(?<![\w@/.-])(the|of|and|with|this|that|these|those|what|which|who|why|how|when|where|your|you|"
    r"our|we|they|are|is|was|were|has|have|been|its|their|for|to|on|or|at|from|will|would|should|can|"
    r"partnership|public|guidance|agreement|procurement|municipality|council|template|guidelines)"
    r"(?![\w@-]|\.\w)", re.IGNORECASE)  # whole words, not parts of addresses (creativecommons.org/licenses/by)
TERMS = load_terms(ROOT / "docs" / "_language" / "terms.yml")


def english_words(text: str) -> list[str]:
    """The English-only words in a piece of Swedish text; acronyms in capitals (WHO) are not words."""
    return [m.group(0) for m in ENGLISH_WORDS.finditer(text) if not (m.group(0).isupper() and len(m.group(0)) > 1)]


def _untagged_text(page, own: str):
    """Text nodes of the page's content outside code and outside any element in another language."""
    article = soup(page).select_one("article")
    for node in article.find_all(string=True):
        if type(node) is not NavigableString:  # comments (<!--search-body-->) are not text
            continue
        if node.find_parent(["code", "pre", "script", "style", "kbd", "samp", "var"]):
            continue
        tagged = node.find_parent(lambda t: t.has_attr("lang") and t.name != "html")
        if tagged is None or tagged["lang"] == own:
            yield node


@pytest.mark.upstream_content  # a fork's own pages and names are its own to tag
def test_no_untagged_swedish_on_english_pages(site):
    found = []
    for page in html_pages(site):
        if soup(page).html["lang"] != "en":
            continue
        for node in _untagged_text(page, "en"):
            for word in SWEDISH_LETTERS.findall(node) + SWEDISH_WORDS.findall(node):
                found.append(f"{page.relative_to(site)}: {word!r} in {str(node).strip()[:80]!r}")
    assert found == [], "add these to docs/_language/terms.yml:\n" + "\n".join(found)


@pytest.mark.upstream_content  # a fork's own pages and names are its own to tag
def test_no_untagged_english_on_swedish_pages(site):
    found = []
    for page in html_pages(site):
        if soup(page).html["lang"] != "sv":
            continue
        for node in _untagged_text(page, "sv"):
            for word in english_words(node):
                found.append(f"{page.relative_to(site)}: {word!r} in {' '.join(node.split())[:80]!r}")
    assert found == [], ("English on Swedish pages without lang=\"en\": add the phrase to the en: list in "
                         "docs/_language/terms.yml (or write it in Swedish):\n" + "\n".join(found))


def test_the_english_detector_finds_english_and_leaves_swedish_alone():
    assert english_words("Klicka på Use this template och sedan The MIT License.") == ["this", "template", "The"]
    assert english_words("an idea-based public partnership") == ["public", "partnership"]
    swedish = ("Ta er an uppgiften, be om ett intyg, lämna in det i en by vid kusten, de minimis-stöd, "
               "force majeure, CC BY 4.0, creativecommons.org/licenses/by/4.0/, iop@exempelby.example, WHO.")
    assert english_words(swedish) == []


@pytest.mark.upstream_content
def test_glossary_translations_carry_their_language(site):
    for lang, path, other in (("sv", "ordlista", "en"), ("en", "en/ordlista", "sv")):
        terms = soup(site / path / "index.html").select("article dt em")
        assert len(terms) > 15
        untagged = [t.get_text() for t in terms if not t.get("lang")]
        # The few names that are Swedish in both glossaries stay in the page's language.
        assert all(t.get("lang") == other for t in terms if t.get("lang")), path
        assert len(untagged) <= 2, (path, untagged)


def test_every_english_page_tags_some_swedish(site):
    """The hook ran on the English build (it would tag nothing if the language were wrong)."""
    tagged = [p for p in html_pages(site) if soup(p).html["lang"] == "en" and soup(p).select("article [lang=sv]")]
    assert len(tagged) >= 10


@pytest.mark.upstream_content
def test_swedish_pages_tag_their_english(site):
    """The hook ran on the Swedish build with the en: list (it would tag nothing if the list were lost)."""
    tagged = {p.relative_to(site).as_posix() for p in html_pages(site)
              if soup(p).html["lang"] == "sv" and soup(p).select("article [lang=en]")}
    assert {"om/index.html", "egen-version/index.html", "ordlista/index.html"} <= tagged


def test_swedish_pages_get_no_swedish_tags(site):
    for page in html_pages(site):
        if soup(page).html["lang"] == "sv":
            assert soup(page).select("article [lang=sv]") == [], page


def test_terms_are_wrapped_in_text_only():
    html = ('<p>The court in <a href="https://alingsas.example/Alingsås" title="Alingsås">Alingsås</a> '
            'and <code>Alingsås</code>, <span lang="sv">Ekerö</span>, see konkurrensverket.se and '
            'Konkurrensverket.</p>')
    out = improve_content(html, "en", TERMS)
    assert 'title="Alingsås"' in out and 'href="https://alingsas.example/Alingsås"' in out
    assert '<a href="https://alingsas.example/Alingsås" title="Alingsås"><span lang="sv">Alingsås</span></a>' in out
    assert "<code>Alingsås</code>" in out
    assert '<span lang="sv">Ekerö</span>' in out and "<span lang=\"sv\"><span" not in out
    assert "konkurrensverket.se" in out and '<span lang="sv">Konkurrensverket</span>.' in out


def test_italic_titles_get_the_language_they_read_as():
    out = improve_content("<p>See <em>Palett för ett stärkt civilsamhälle</em> and <em>the model</em>.</p>",
                          "en", TERMS)
    assert '<em lang="sv">Palett för ett stärkt civilsamhälle</em>' in out and "<em>the model</em>" in out
    out = improve_content("<p>Se <em>services of general economic interest</em> och <em>Ekerö</em>.</p>", "sv", TERMS)
    assert '<em lang="en">services of general economic interest</em>' in out and "<em>Ekerö</em>" in out
