"""Printing: the council packet and an agreement as Chromium prints them to PDF (what `make pdf` ships)."""
from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pytest
from pypdf import PdfReader

from sitebuild import KOMMUN, chapter_on
from tools.pdfprint import open_for_print, to_pdf

LANGS = {
    "sv": {"prefix": "", "page": "Sida {i} ({n})", "attachment": "Bilaga",
           "chrome": ["Gå till innehållet", "Skriv sökord", "Frågor och svar"]},
    "en": {"prefix": "en/", "page": "Page {i} of {n}", "attachment": "Attachment",
           "chrome": ["Skip to content", "Type to start searching", "Questions and answers"]},
}
DOCS = {"beslutsunderlag/": 5, "avtal/allman-iop/": 2}  # page path: minimum page count
DOCS = {path: n for path, n in DOCS.items() if chapter_on(path.split("/")[0])}  # a fork may switch them off
CASES = [(lang, path) for lang in LANGS for path in DOCS]


@dataclass
class Printed:
    pages: list[str]          # extracted text per page
    sizes: list[tuple[float, float]]
    attachments: list[str]    # attachment headings, as the browser shows them
    signatures: list[list[str]]  # lines of each signature block
    nav: list[str]            # navigation labels of the page
    article: str              # the page's own text, where a nav label may legitimately occur
    title: str                # the page title (the running header of pages other than the memo)
    catalog: dict             # the PDF's document catalog: tagging and language


@pytest.fixture(scope="module")
def printed(browser, server) -> dict[tuple[str, str], Printed]:
    """Each document printed once; the tests below read the PDF text and the printed DOM."""
    context = browser.new_context()
    tab, result = context.new_page(), {}
    for lang, path in CASES:
        open_for_print(tab, server + LANGS[lang]["prefix"] + path)
        reader = PdfReader(io.BytesIO(to_pdf(tab)))
        result[lang, path] = Printed(
            pages=[p.extract_text() for p in reader.pages],
            sizes=[(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages],
            attachments=tab.eval_on_selector_all(".attachment > h2:first-child", "els => els.map(e => e.innerText)"),
            signatures=tab.eval_on_selector_all(
                ".signature-block", "els => els.map(e => e.innerText.split(/[\\t\\n]+/).filter(s => s.trim()))"),
            nav=tab.eval_on_selector_all(".md-nav__link", "els => els.map(e => e.textContent.trim())"),
            article=tab.text_content("article"),
            title=tab.title().rsplit(" - ", 1)[0],
            catalog=dict(reader.trailer["/Root"]),
        )
    context.close()
    return result


def _squash(text: str) -> str:
    """Text without whitespace: PDF extraction breaks lines where the browser wrapped them."""
    return re.sub(r"\s+", "", text)


def _header_lines(doc: Printed, lang: str, path: str, i: int, n: int) -> set[str]:
    """The running header (organisation; the memo's reference number, or the page title elsewhere)
    and the page number, as pypdf extracts them."""
    right = doc.title
    if path == "beslutsunderlag/":
        right = ("Ref. " if lang == "en" else "Dnr ") + KOMMUN["guidelines"]["reference"]
    return {f"{KOMMUN['organisation']['name'][lang]} {right}", LANGS[lang]["page"].format(i=i, n=n)}


@pytest.mark.parametrize("lang,path", CASES)
def test_a4_with_enough_pages(printed, lang, path):
    doc = printed[lang, path]
    assert len(doc.pages) >= DOCS[path]
    assert all(abs(w - 595.3) < 2 and abs(h - 841.9) < 2 for w, h in doc.sizes), doc.sizes


@pytest.mark.parametrize("lang,path", CASES)
def test_running_header_and_page_numbers_on_every_page(printed, lang, path):
    """The header area holds the organisation, the reference and "Sida i (N)" and nothing else."""
    doc = printed[lang, path]
    for i, text in enumerate(doc.pages, 1):
        assert set(text.splitlines()[:2]) == _header_lines(doc, lang, path, i, len(doc.pages)), f"page {i}"


@pytest.mark.chapter("beslutsunderlag")
@pytest.mark.parametrize("lang", LANGS)
def test_each_attachment_starts_a_page(printed, lang):
    doc = printed[lang, "beslutsunderlag/"]
    word = LANGS[lang]["attachment"]
    assert [h.split(":")[0] for h in doc.attachments] == [f"{word} 1", f"{word} 2"]
    for heading in doc.attachments:
        tops = [i for i, text in enumerate(doc.pages, 1)
                if _squash("".join(text.splitlines()[2:4])).startswith(_squash(heading))]
        assert len(tops) == 1, f"{heading!r} does not start a page (pages starting with it: {tops})"


@pytest.mark.parametrize("lang,path", CASES)
def test_no_site_chrome(printed, lang, path):
    doc = printed[lang, path]
    text = "\n".join(doc.pages)
    assert [s for s in LANGS[lang]["chrome"] if s in text] == []
    assert doc.nav, "no navigation found to check against"
    assert sorted({label for label in doc.nav if label in text and label not in doc.article}) == []


@pytest.mark.parametrize("lang,path", CASES)
def test_signature_block_on_one_page(printed, lang, path):
    doc = printed[lang, path]
    assert doc.signatures, "no signature block"
    for lines in doc.signatures:
        pages = [i for i, text in enumerate(doc.pages, 1) if all(_squash(s) in _squash(text) for s in lines)]
        assert pages, f"signature block split across pages: {lines}"


@pytest.mark.chapter("beslutsunderlag")
@pytest.mark.parametrize("lang", LANGS)
def test_external_links_print_their_url(page, server, lang):
    """Every external link in the packet prints its address; one is added so the rule is always tested."""
    open_for_print(page, server + LANGS[lang]["prefix"] + "beslutsunderlag/")
    page.eval_on_selector("article", """a => a.insertAdjacentHTML('beforeend',
        '<p><a href="https://www.example.org/iop/print-test">example</a></p>')""")
    hrefs = page.eval_on_selector_all("article a[href^='http']", "els => els.map(e => e.getAttribute('href'))")
    text = _squash(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(to_pdf(page))).pages))
    assert [h for h in hrefs if _squash(f"({h})") not in text] == []


@pytest.mark.parametrize("lang,path", CASES)
def test_pdf_is_tagged_with_its_language(printed, lang, path):
    """Tagged PDF with a structure tree and a document language: what screen readers need (DOS-lagen)."""
    catalog = printed[lang, path].catalog
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == lang
