"""Documents to sign and file: the files the strict build writes under site/dokument/, read back
with pypdf, pikepdf and python-docx (PDF/A-2 and tags, page layout rules, Word styles and fields)."""
from __future__ import annotations

import functools
import re
import sys
from pathlib import Path

import pikepdf
import pytest
import yaml
from docx import Document as open_docx
from docx.oxml.ns import qn
from pypdf import PdfReader

from conftest import soup
from sitebuild import KOMMUN, ROOT, build, copy_project

sys.path.insert(0, str(ROOT / "hooks"))

from iopkit.documents import PACKET, PACKET_PARTS, WEB_ONLY, document_ids  # noqa: E402
from iopkit.pdf_writer import _marked_content  # noqa: E402

LANGS = ("sv", "en")
TEMPLATES = list(yaml.safe_load((ROOT / "docs" / "_agreements" / "templates.yml").read_text(encoding="utf-8")))
IDS = TEMPLATES + [PACKET, *PACKET_PARTS]
PARTS = ("tjansteutlatande", "bilaga-1", "bilaga-2")
CASES = [(doc_id, lang) for doc_id in IDS for lang in LANGS]
MM = 72 / 25.4
TOP, BOTTOM = 842 - 24 * MM, 22 * MM          # the body area between the running header and footer
PAGE_LABEL = {"sv": r"Sida (\d+) \((\d+)\)", "en": r"Page (\d+) of (\d+)"}
WEB_GUIDANCE = {
    "sv": ["Så använder du mallen", "Ingen juridisk rådgivning", "Varför klausulen finns", "Grund:",
           "Lokal klausul", "Skriv ut sidan", "den här sidan", "Den här sidan", "Ladda ner", "En modell att anpassa",
           "Om riktlinjerna", "Mallversion", "Fält inom hakparentes", "Senast granskad", "Ändringslogg"],
    "en": ["How to use the template", "Not legal advice", "Why this clause is here", "Basis:",
           "Local clause", "Print the page", "this page", "This page", "Download", "A model to adapt",
           "About the guidelines", "Template version", "Fields in square brackets", "Last reviewed", "Change log"],
}
SPLIT_IDENTIFIER = re.compile(r"(?:\b[CT]-|\d[-/:–])\s*\n\s*\d|\b(?:KS|Dnr|SFS|Ref\.)\s*\n\s*\d")


def _file(site: Path, doc_id: str, lang: str, ext: str) -> Path:
    return site / "dokument" / f"{doc_id}-{lang}.{ext}"


@functools.lru_cache(maxsize=None)
def _pages(path: str) -> list[dict]:
    """Per page: its text, body lines as (y, text) from top to bottom, and the page size."""
    reader = PdfReader(path)
    pages = []
    for page in reader.pages:
        spans: list[tuple[float, float, str]] = []

        def visit(text, cm, tm, font, size, spans=spans):
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                spans.append((round(y, 1), x, text))

        text = page.extract_text(visitor_text=visit)
        lines: dict[float, list] = {}
        for y, x, t in spans:
            lines.setdefault(y, []).append((x, t))
        ordered = [(y, "".join(t for _, t in sorted(parts)).strip()) for y, parts in sorted(lines.items(), reverse=True)]
        pages.append({"text": text, "lines": ordered, "xs": [x for y, x, _ in spans if BOTTOM < y < TOP],
                      "size": (float(page.mediabox.width), float(page.mediabox.height))})
    return pages


def _body(page: dict) -> list[tuple[float, str]]:
    return [(y, t) for y, t in page["lines"] if BOTTOM < y < TOP and t]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_every_document_is_written(site):
    missing = [f"{d}-{lang}.{ext}" for d, lang in CASES for ext in ("pdf", "docx")
               if not _file(site, d, lang, ext).is_file()]
    assert missing == []


@pytest.mark.parametrize("doc_id,lang", CASES)
def test_pdf_is_archival_tagged_and_described(site, doc_id, lang):
    """PDF/A-2 (pdfaid part 2), tagged with a structure tree, language, title, author, bookmarks."""
    with pikepdf.open(_file(site, doc_id, lang, "pdf")) as pdf:
        meta = pdf.open_metadata()
        assert meta.get("pdfaid:part") == "2"
        root = pdf.Root
        assert bool(root.MarkInfo.Marked) and "/StructTreeRoot" in root
        assert str(root.Lang) == lang
        assert str(pdf.docinfo["/Author"]) == KOMMUN["organisation"]["name"][lang]
        title = str(pdf.docinfo["/Title"])
        assert title and "IOP-vägledning" not in title and "Chrome" not in str(pdf.docinfo.get("/Creator", ""))
        assert "/Outlines" in root and len(pdf.open_outline().root) >= 1


@pytest.mark.parametrize("doc_id,lang", CASES)
def test_running_header_and_footer_are_artifacts(site, doc_id, lang):
    """Every piece of marked content is either in the structure tree or an artefact (PDF/UA 7.1),
    and every page has its running header and page number as artefacts."""
    with pikepdf.open(_file(site, doc_id, lang, "pdf")) as pdf:
        used: dict = {}
        from collections import defaultdict
        used = defaultdict(set)
        _marked_content(pdf.Root.StructTreeRoot.get("/K"), None, used, set())
        for number, page in enumerate(pdf.pages, 1):
            artifacts, stray = 0, []
            for operands, op in pikepdf.parse_content_stream(page):
                if str(op) == "BDC":
                    if operands[0] == pikepdf.Name.Artifact:
                        artifacts += 1
                    elif "/MCID" in operands[1] and int(operands[1].MCID) not in used[page.objgen]:
                        stray.append(int(operands[1].MCID))
            assert stray == [], f"page {number}: marked content outside the structure tree: {stray}"
            assert artifacts >= 3, f"page {number}: header and footer are not artefacts"


@pytest.mark.parametrize("doc_id,lang", CASES)
def test_links_are_public_addresses(site, doc_id, lang):
    with pikepdf.open(_file(site, doc_id, lang, "pdf")) as pdf:
        uris = [str(a.A.URI) for page in pdf.pages for a in page.get("/Annots", [])
                if "/A" in a and "/URI" in a.A]
    docx = open_docx(_file(site, doc_id, lang, "docx"))
    uris += [rel.target_ref for rel in docx.part.rels.values() if rel.is_external]
    bad = [u for u in uris if not (u.startswith(KOMMUN["site"]["url"]) or u.startswith(("https://", "mailto:")))
           or re.search(r"127\.0\.0\.1|localhost|file:", u)]
    assert bad == []


@pytest.mark.parametrize("doc_id,lang", CASES)
def test_a4_with_room_for_hole_punching(site, doc_id, lang):
    pages = _pages(str(_file(site, doc_id, lang, "pdf")))
    assert all(abs(w - 595.3) < 1 and abs(h - 841.9) < 1 for w, h in (p["size"] for p in pages))
    assert min(x for p in pages for x in p["xs"]) >= 25 * MM - 1  # inner margin of at least 25 mm


@pytest.mark.parametrize("doc_id,lang", CASES)
def test_running_header_and_page_numbers(site, doc_id, lang):
    """Organisation on every page; page numbers counted per part (the whole packet restarts per part)."""
    pages = _pages(str(_file(site, doc_id, lang, "pdf")))
    org = KOMMUN["organisation"]["name"][lang]
    labels = []
    for number, page in enumerate(pages, 1):
        header = " ".join(t for y, t in page["lines"] if y >= TOP)
        footer = " ".join(t for y, t in page["lines"] if y <= BOTTOM)
        assert org in header, f"page {number}: no organisation in the header ({header!r})"
        found = re.search(PAGE_LABEL[lang], footer)
        assert found, f"page {number}: no page number in the footer ({footer!r})"
        labels.append((int(found[1]), int(found[2])))
    starts = [i for i, (n, _) in enumerate(labels) if n == 1]
    assert len(starts) == (3 if doc_id == PACKET else 1)
    for first, end in zip(starts, [*starts[1:], len(labels)]):
        assert [n for n, _ in labels[first:end]] == list(range(1, end - first + 1))
        assert {total for _, total in labels[first:end]} == {end - first}


def _part_ends(pages: list[dict], lang: str) -> set[int]:
    """Indexes of the last page of each part (where the page number equals the page count)."""
    ends = set()
    for i, page in enumerate(pages):
        found = re.search(PAGE_LABEL[lang], " ".join(t for y, t in page["lines"] if y <= BOTTOM))
        if found and found[1] == found[2]:
            ends.add(i)
    return ends


@functools.lru_cache(maxsize=None)
def _heading_texts(site: str, doc_id: str, lang: str) -> tuple[str, ...]:
    """The headings of a document, from the web page it is made from, without what only the web shows
    inside a heading (the ¶ anchor, a local clause's "Lokal klausul" badge)."""
    prefix = "" if lang == "sv" else "en/"
    path = f"avtal/{doc_id}" if doc_id in TEMPLATES else "beslutsunderlag"
    page = soup(Path(site) / prefix / path / "index.html")
    scope = page.select_one(".agreement") if doc_id in TEMPLATES else page.select_one("article")
    texts = []
    for h in scope.select("h1, h2, h3, h4, h5"):
        for el in h.select(", ".join(WEB_ONLY)):
            el.decompose()
        texts.append(re.sub(r"\s+", " ", h.get_text()).strip())
    return tuple(texts)


def _headings(site: str, doc_id: str, lang: str) -> set[str]:
    return {_squash(h) for h in _heading_texts(site, doc_id, lang)}


@pytest.mark.parametrize("doc_id,lang", CASES)
def test_no_heading_or_lead_in_last_on_a_page_and_no_near_empty_page(site, doc_id, lang):
    pages = _pages(str(_file(site, doc_id, lang, "pdf")))
    headings = _headings(str(site), doc_id, lang)
    ends = _part_ends(pages, lang)
    for i, page in enumerate(pages):
        body = _body(page)
        if i in ends:
            continue
        last = body[-1][1]
        assert _squash(last) not in headings, f"page {i + 1} ends with a heading: {last!r}"
        assert not last.endswith(":"), f"page {i + 1} ends with a lead-in line: {last!r}"
        filled = (TOP - min(y for y, _ in body)) / (TOP - BOTTOM)
        assert filled > 1 / 6, f"page {i + 1} is only {filled:.0%} full"


@pytest.mark.parametrize("doc_id,lang", CASES)
def test_bookmarks_are_the_headings(site, doc_id, lang):
    """Every bookmark is a heading of the document, word for word (no words glued where it wrapped)."""
    with pikepdf.open(_file(site, doc_id, lang, "pdf")) as pdf, pdf.open_outline() as outline:
        titles, stack = [], list(outline.root)
        while stack:
            item = stack.pop()
            titles.append(item.title)
            stack.extend(item.children)
    headings = {part for h in _heading_texts(str(site), doc_id, lang) for part in (h, h.split(": ", 1)[-1])}
    extra = {"sv": ("Bilaga 2: Förslag",), "en": ("Attachment 2: Proposed",)}[lang]  # a proposal's own title
    assert titles
    unknown = [t for t in titles if t not in headings and not t.startswith(extra)]
    assert unknown == []


@pytest.mark.parametrize("doc_id,lang", CASES)
def test_identifiers_and_titles_do_not_break(site, doc_id, lang):
    pages = _pages(str(_file(site, doc_id, lang, "pdf")))
    text = "\n".join(t for p in pages for _, t in _body(p))
    assert SPLIT_IDENTIFIER.findall(text) == []
    with pikepdf.open(_file(site, doc_id, lang, "pdf")) as pdf:
        title = str(pdf.docinfo["/Title"]).split(": ", 1)[-1]
    first = _squash(" ".join(t for p in pages if True for _, t in _body(p)[:6]))
    assert _squash(title) in _squash("".join(t for _, t in _body(pages[0]))) or _squash(title) in first


@pytest.mark.parametrize("doc_id,lang", [(t, lang) for t in TEMPLATES for lang in LANGS])
def test_signature_block_on_one_page_with_text_above(site, doc_id, lang):
    pages = _pages(str(_file(site, doc_id, lang, "pdf")))
    word = "Underskrifter" if lang == "sv" else "Signatures"
    found = [p for p in pages if any(t == word for _, t in _body(p))]
    assert len(found) == 1, f"no single page with the heading {word!r}"
    body = [t for _, t in _body(found[0])]
    at = body.index(word)
    assert at > 0, "the signature block starts the page without any text above it"
    org = KOMMUN["organisation"]["name"][lang]
    rest = _squash(" ".join(body[at:]))
    assert _squash(("För " if lang == "sv" else "For ") + org) in rest
    assert rest.count(_squash("[Ort och datum]" if lang == "sv" else "[Place and date]")) == 2


@pytest.mark.parametrize("doc_id,lang", CASES)
def test_no_web_guidance_or_template_code(site, doc_id, lang):
    pdf_text = " ".join(p["text"] for p in _pages(str(_file(site, doc_id, lang, "pdf"))))
    docx_text = _docx_text(_file(site, doc_id, lang, "docx"))
    for text in (pdf_text, docx_text):
        assert [s for s in WEB_GUIDANCE[lang] if s in text] == []
        assert "{{" not in text and "{%" not in text and "¶" not in text
        assert not re.search(r"127\.0\.0\.1|localhost", text)
    if doc_id in TEMPLATES:
        assert ("Källor" if lang == "sv" else "Sources") not in pdf_text


def _docx_text(path: Path) -> str:
    """All text of the body, header and footer, including content controls (python-docx skips them)."""
    docx = open_docx(path)
    parts = [docx.element.body] + [s.header._element for s in docx.sections]
    return " ".join("".join(t.text or "" for t in part.iter(qn("w:t"))) for part in parts)


@pytest.mark.upstream_content
@pytest.mark.parametrize("lang", LANGS)
def test_packet_parts_refer_to_each_other_as_attachments(site, lang):
    word = "bilaga" if lang == "sv" else "attachment"
    guidelines = " ".join(p["text"] for p in _pages(str(_file(site, "bilaga-2", lang, "pdf"))))
    law = " ".join(p["text"] for p in _pages(str(_file(site, "bilaga-1", lang, "pdf"))))
    assert f"{word} 1" in guidelines.replace("\n", " ")
    assert not re.search(r"på\s+sidan\s+om\s+lagstiftning|the\s+legislation\s+\S+\s+\d\)\s+page", guidelines)
    assert f"{word} 2" in law.replace("\n", " ")
    proposal = "Förslag" if lang == "sv" else "Proposal"
    assert proposal in guidelines and ("Antagna av" if lang == "sv" else "Adopted by") not in guidelines
    assert (KOMMUN["site"]["url"] + ("" if lang == "sv" else "en/") + "lagstiftning/") not in guidelines


@pytest.mark.parametrize("lang", LANGS)
def test_memo_has_letterhead_officer_and_reference_in_header(site, lang):
    pages = _pages(str(_file(site, "tjansteutlatande", lang, "pdf")))
    g = KOMMUN["guidelines"]
    first = pages[0]["text"]
    assert ("TJÄNSTEUTLÅTANDE" if lang == "sv" else "DECISION MEMO") in first
    officer = g.get("case_officer") or {}  # optional: a fork may leave it out
    assert (officer.get("email") or KOMMUN["contact"]["email"]) in first
    if officer:
        assert officer["title"][lang] in first
    else:
        assert ("Handläggare" if lang == "sv" else "Case officer") not in first
    for page in pages:
        header = " ".join(t for y, t in page["lines"] if y >= TOP)
        assert g["reference"] in header and str(g["memo_date"]) in header


@pytest.mark.parametrize("doc_id,lang", CASES)
def test_docx_styles_header_blanks_and_signatures(site, doc_id, lang):
    docx = open_docx(_file(site, doc_id, lang, "docx"))
    org = KOMMUN["organisation"]["name"][lang]
    styles = {p.style.name for p in docx.paragraphs}
    assert {"Heading 1", "Heading 2"} <= styles
    header = docx.sections[0].header
    assert org in " ".join(p.text for p in header.paragraphs)
    assert header._element.findall(".//" + qn("w:drawing")), "no logo in the header"
    assert docx.core_properties.author == org and docx.core_properties.title
    assert docx.sections[0].page_width.mm == pytest.approx(210, abs=0.5)
    blanks = docx.element.body.findall(".//" + qn("w:sdt"))
    if doc_id in TEMPLATES:
        assert blanks, "no fill-in fields"
        assert all(re.fullmatch(r"\[.+\]", "".join(t.text for t in b.iter(qn("w:t")))) for b in blanks)
        signature = [t for t in docx.tables if org in t.rows[0].cells[0].text]
        assert signature and len(signature[-1].columns) == 2


def test_pages_link_to_their_documents(site):
    for lang, prefix in (("sv", ""), ("en", "en/")):
        for path, ids in [("beslutsunderlag", [PACKET, *PARTS])] + [(f"avtal/{t}", [t]) for t in TEMPLATES]:
            page = site / prefix / path / "index.html"
            hrefs = [a["href"] for a in soup(page).select(".document-downloads a")]
            expected = {f"{d}-{lang}.{ext}" for d in ids for ext in ("pdf", "docx")}
            assert {h.rsplit("/", 1)[-1] for h in hrefs} == expected
            assert all((page.parent / h).resolve().is_file() for h in hrefs)


def test_serve_says_documents_are_not_made(monkeypatch):
    import documents as hook

    monkeypatch.setitem(hook._RUN, "command", "serve")
    html = hook._links(["allman-iop"], "sv", "avtal/allman-iop/")
    assert "make build" in html and "href" not in html


def test_switched_off_chapters_make_no_documents():
    assert document_ids(["a", "b"], []) == ["a", "b", PACKET, *PACKET_PARTS]
    assert document_ids(["a", "b"], ["avtal"]) == [PACKET, *PACKET_PARTS]
    assert document_ids(["a", "b"], ["beslutsunderlag"]) == ["a", "b"]
    assert document_ids(["a"], ["avtal", "beslutsunderlag"]) == []


NAME = {"sv": "Norrå & Söderå <kommun>", "en": "Norrå & Söderå <Municipality>"}


@pytest.fixture(scope="module")
def fork_without_agreements(tmp_path_factory):
    """A fork with the agreements switched off, adopted guidelines and a name that looks like markup."""
    project = copy_project(tmp_path_factory.mktemp("docfork") / "project")
    path = project / "kommun.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("exclude: []", "exclude: [avtal]").replace("adopted: false", "adopted: true")
    text = text.replace("sv: Exempelby kommun ", f'sv: "{NAME["sv"]}" ').replace(
        "en: Exempelby Municipality", f'en: "{NAME["en"]}"')
    path.write_text(text, encoding="utf-8")
    result = build(project, project.parent / "site")
    assert result.returncode == 0, result.output
    return result


@pytest.mark.slow
def test_fork_switched_off_chapter_has_no_documents_and_names_stay_text(fork_without_agreements):
    site = fork_without_agreements.site
    names = sorted(p.name for p in (site / "dokument").iterdir())
    assert names == sorted(f"{d}-{lang}.{ext}" for d in (PACKET, *PARTS) for lang in LANGS for ext in ("pdf", "docx"))
    for lang in LANGS:
        guidelines = " ".join(p["text"] for p in _pages(str(_file(site, "bilaga-2", lang, "pdf"))))
        assert ("Antagna av" if lang == "sv" else "Adopted by") in guidelines
        with pikepdf.open(_file(site, "tjansteutlatande", lang, "pdf")) as pdf:
            assert str(pdf.docinfo["/Author"]) == NAME[lang]
        memo = " ".join(p["text"] for p in _pages(str(_file(site, "tjansteutlatande", lang, "pdf"))))
        assert NAME[lang] in memo
        assert NAME[lang] in _docx_text(_file(site, "tjansteutlatande", lang, "docx"))


@pytest.mark.parametrize("doc_id,lang", CASES)
def test_table_rows_never_split(site, doc_id, lang):
    """Each table row of the document's source is whole on one page (rows avoid page breaks)."""
    prefix = "" if lang == "sv" else "en/"
    path = f"avtal/{doc_id}" if doc_id in TEMPLATES else "beslutsunderlag"
    page = soup(site / prefix / path / "index.html")
    scope = page.select_one(".agreement") if doc_id in TEMPLATES else page.select_one("article")
    if doc_id in PARTS:
        sections = scope.select("section.attachment")
        scope = sections[int(doc_id[-1]) - 1] if doc_id != "tjansteutlatande" else None
    if scope is None:
        return
    # Cells side by side interleave their lines in the extracted text, so compare words, not strings.
    # A word wrapped at its hyphen ("idea-" / "based") is one word; a soft hyphen is a break hint, no letter.
    words = [set(p["text"].replace("-\n", "-").split()) for p in _pages(str(_file(site, doc_id, lang, "pdf")))]
    for row in scope.select("table:not(.memo-head) tr"):
        cells = set(" ".join(c.get_text(" ") for c in row.select("th, td")).replace("\xad", "").split())
        if cells:
            assert any(cells <= page for page in words), f"row split across pages: {sorted(cells)}"


def test_document_view_drops_web_parts_and_keeps_identifiers_whole():
    from bs4 import BeautifulSoup

    from iopkit.documents import clean

    html = ('<div><h1 id="t">Titel<a class="headerlink" href="#t">¶</a></h1>'
            '<div class="admonition warning"><p>Ingen juridisk rådgivning</p></div>'
            '<p>Reglerna förklaras på\nsidan om\n<a href="../lagstiftning/">lagstiftning</a>. Se '
            '<a href="../ordlista/">ordlistan</a>, mål C-113/13, lag (2016:1145), KS 2026/0001 och 2026-11-10.</p>'
            '<h2 id="andringslogg">Ändringslogg</h2><p>Webbens historik</p></div>')
    node = BeautifulSoup(html, "html.parser").div
    clean(node, "https://x.example/beslutsunderlag/", "https://x.example/", {"/lagstiftning/": "bilaga 1"}, "sv")
    text = node.get_text()
    assert "Ingen juridisk" not in text and "¶" not in text and "historik" not in text
    assert "förklaras i bilaga 1 (lagstiftning)" in text
    assert [a["href"] for a in node.select("a")] == ["https://x.example/ordlista/"]
    assert "(https://x.example/ordlista/)" in text
    assert {"C-113/13", "(2016:1145)", "KS 2026/0001", "2026-11-10"} <= {s.get_text() for s in node.select(".nobr")} | {
        f"({s.get_text()})" for s in node.select(".nobr")}


def test_letterhead_and_running_header_keep_names_as_text():
    from iopkit.documents import _letterhead
    from iopkit.pdf_writer import css_string

    data = yaml.safe_load((ROOT / "kommun.yml").read_text(encoding="utf-8"))
    data["organisation"]["name"]["sv"] = 'A & B <script>x</script>'
    html = _letterhead(data, "sv", "")
    assert "<script>" not in html and "A &amp; B &lt;script&gt;" in html
    literal = css_string('A "B" <c> ;}')
    assert literal.startswith('"') and literal.endswith('"') and '"' not in literal[1:-1] and "<" not in literal
