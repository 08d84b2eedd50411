"""Write a document body (the HTML of the document view) as an editable Word file with python-docx.

Real heading and list styles, the organisation's name and logo in the header, page numbers in the
footer, blanks as content controls a clerk fills in, tables with repeating header rows, rows that
never split. No MkDocs imports.
"""
from __future__ import annotations

import io
import re
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag
from docx import Document as new_docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from .documents import Document

FONT = "Arial"  # Liberation Sans, embedded in the PDFs, has Arial's metrics
HEADINGS = {"h1": "Heading 1", "h2": "Heading 2", "h3": "Heading 3", "h4": "Heading 4"}
PAGE_WORDS = {"sv": ("Sida ", " (", ")"), "en": ("Page ", " of ", "")}


def logo_png(path: Path | None) -> bytes | None:
    """Word needs a bitmap: SVG logos are drawn to PNG (CairoSVG, local file only)."""
    if path is None or not path.is_file():
        return None
    if path.suffix.lower() == ".svg":
        import cairosvg

        return cairosvg.svg2png(url=str(path), output_height=160)
    return path.read_bytes()


def write(doc: Document, path: Path, primary: str, logo: bytes | None) -> None:
    docx = new_docx()
    _styles(docx, primary)
    docx.core_properties.title = doc.title
    docx.core_properties.author = doc.author
    docx.core_properties.language = doc.lang
    docx.core_properties.comments = ""
    for i, part in enumerate(doc.parts or [doc]):  # the whole packet: one section per part
        section = docx.sections[0] if i == 0 else docx.add_section(WD_SECTION.NEW_PAGE)
        _page(section, part, logo)
        _blocks(docx, BeautifulSoup(part.body, "html.parser"), docx)
    docx.save(str(path))


def _styles(docx, primary: str) -> None:
    colour = RGBColor.from_string(primary.lstrip("#").upper())
    styles = docx.styles
    normal = styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(10.5)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(5)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "sv-SE")
    normal.element.rPr.append(lang)
    for name, size in (("Heading 1", 17), ("Heading 2", 13), ("Heading 3", 11), ("Heading 4", 10.5), ("Title", 17)):
        style = styles[name]
        style.font.name, style.font.size, style.font.bold = FONT, Pt(size), True
        style.font.color.rgb = colour
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            style.element.rPr.rFonts.attrib.pop(qn(attr), None)
        style.element.rPr.rFonts.set(qn("w:ascii"), FONT)
        style.element.rPr.rFonts.set(qn("w:hAnsi"), FONT)
        style.paragraph_format.keep_with_next = True
        style.paragraph_format.space_before = Pt(12 if size > 11 else 8)
        style.paragraph_format.space_after = Pt(4)
    styles["Heading 4"].font.italic = True


def _page(section, doc: Document, logo: bytes | None) -> None:
    """A4, the PDF's margins, own header and footer, page numbers restarting at 1."""
    section.header.is_linked_to_previous = section.footer.is_linked_to_previous = False
    numbering = OxmlElement("w:pgNumType")
    numbering.set(qn("w:start"), "1")
    section._sectPr.append(numbering)
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(24), Mm(22)
    section.left_margin, section.right_margin = Mm(27), Mm(18)
    width = section.page_width - section.left_margin - section.right_margin
    head = section.header.paragraphs[0]
    head.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    if logo:
        head.add_run().add_picture(io.BytesIO(logo), height=Mm(9))
        head.add_run("  ")
    org = head.add_run(doc.author)
    org.bold, org.font.size = True, Pt(9)
    head.add_run("\t" + doc.kind).font.size = Pt(8.5)
    foot = section.footer.paragraphs[0]
    foot.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    before, middle, after = PAGE_WORDS[doc.lang]
    foot.add_run((doc.footer or "") + "\t" + before).font.size = Pt(8.5)
    _field(foot, "PAGE")
    foot.add_run(middle).font.size = Pt(8.5)
    _field(foot, "SECTIONPAGES")
    if after:
        foot.add_run(after).font.size = Pt(8.5)


def _field(paragraph, code: str) -> None:
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), code)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    fld.append(run)
    paragraph._p.append(fld)


def _blocks(docx, node: Tag, container) -> None:
    """Block-level HTML into paragraphs and tables of `container` (the document or a table cell)."""
    for child in node.children:
        if isinstance(child, NavigableString):
            if child.strip():
                _inline(container.add_paragraph(), child, {})
            continue
        name, classes = child.name, child.get("class", [])
        if name in HEADINGS:
            _inline(container.add_paragraph(style=HEADINGS[name]), child, {})
        elif name == "p":
            para = container.add_paragraph()
            if "org" in classes or "doctype" in classes:
                _inline(para, child, {"bold": True})
            elif "status" in classes:
                _inline(para, child, {"italic": True})
            else:
                _inline(para, child, {})
            if "lead-in" in classes:
                para.paragraph_format.keep_with_next = True
        elif name in ("ul", "ol"):
            _list(container, child, 1)
        elif name == "dl":
            for item in child.find_all(["dt", "dd"], recursive=False):
                para = container.add_paragraph()
                if item.name == "dt":
                    _inline(para, item, {"bold": True})
                    para.paragraph_format.keep_with_next = True
                else:
                    para.paragraph_format.left_indent = Mm(6)
                    _inline(para, item, {})
        elif name == "table":
            plain = "signature-block" in (child.parent.get("class") or []) or \
                {"facts", "cover-facts"} & set(classes)
            _table(docx, container, child, bool(plain), "signature-block" in (child.parent.get("class") or []))
        elif name == "img":
            continue  # the logo is in the page header
        elif name in ("div", "section", "header", "article", "blockquote", "figure"):
            _blocks(docx, child, container)
        elif name == "hr":
            continue
        else:
            _inline(container.add_paragraph(), child, {})


def _list(container, node: Tag, level: int) -> None:
    ordered = node.name == "ol"
    style = "List Bullet" if level == 1 else "List Bullet 2"
    start = int(node.get("start", 1))
    for n, item in enumerate(node.find_all("li", recursive=False), start):
        nested = item.find_all(["ul", "ol"], recursive=False)
        for sub in nested:
            sub.extract()
        if ordered:
            para = container.add_paragraph(style="List" if level == 1 else "List 2")
            para.paragraph_format.left_indent = Mm(7 * level)
            para.paragraph_format.first_line_indent = Mm(-7)
            para.add_run(f"{n}.\t")
        else:
            para = container.add_paragraph(style=style)
        blocks = item.find_all(["p"], recursive=False)
        if blocks:
            for i, block in enumerate(blocks):
                if i:
                    para = container.add_paragraph(style="List Continue" if level == 1 else "List Continue 2")
                _inline(para, block, {})
        else:
            _inline(para, item, {})
        for sub in nested:
            _list(container, sub, level + 1)


def _table(docx, container, node: Tag, plain: bool, signature: bool) -> None:
    rows = node.find_all("tr")
    if not rows:
        return
    cols = max(len(r.find_all(["th", "td"], recursive=False)) for r in rows)
    table = container.add_table(rows=len(rows), cols=cols)
    table.style = docx.styles["Normal Table" if plain else "Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    for r, row in enumerate(rows):
        tr = table.rows[r]._tr
        props = tr.get_or_add_trPr()
        props.append(OxmlElement("w:cantSplit"))
        if row.parent.name == "thead":
            props.append(OxmlElement("w:tblHeader"))
        for c, cell in enumerate(row.find_all(["th", "td"], recursive=False)):
            target = table.cell(r, c)
            para = target.paragraphs[0]
            _inline(para, cell, {"bold": cell.name == "th"})
            if signature and r > 0:
                para.paragraph_format.space_before = Pt(22 if "Underskrift" in cell.get_text() or
                                                       "Signature" in cell.get_text() else 10)
                _bottom_border(target)
    if signature:
        table.autofit = True


def _bottom_border(cell) -> None:
    props = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    props.append(borders)


def _inline(para, node, fmt: dict) -> None:
    """Runs for the text inside `node`, keeping bold, italics, links, blanks and whole identifiers."""
    if isinstance(node, NavigableString):
        _run(para, str(node), fmt)
        return
    for child in node.children:
        if isinstance(child, NavigableString):
            _run(para, re.sub(r"\s+", " ", str(child)), fmt)
            continue
        name, classes = child.name, child.get("class", [])
        if name in ("strong", "b", "th"):
            _inline(para, child, {**fmt, "bold": True})
        elif name in ("em", "i", "cite"):
            _inline(para, child, {**fmt, "italic": True})
        elif name == "code":
            _inline(para, child, {**fmt, "mono": True})
        elif name == "br":
            para.add_run().add_break()
        elif name == "span" and "blank" in classes:
            _blank(para, child.get_text())
        elif name == "span" and "nobr" in classes:
            _inline(para, child, {**fmt, "nobr": True})
        elif name == "a" and child.get("href", "").startswith(("http", "mailto")):
            _hyperlink(para, child, fmt)
        elif name in ("sup", "sub"):
            _inline(para, child, {**fmt, name: True})
        elif name in ("ul", "ol", "table", "p", "div"):
            _inline(para, child, fmt)  # block inside a cell or list item: keep its text in this paragraph
        elif name == "img":
            continue
        else:
            _inline(para, child, fmt)


def _run(para, text: str, fmt: dict):
    if not text:
        return None
    if fmt.get("nobr"):
        text = text.replace(" ", "\u00a0")
    run = para.add_run()
    pieces = text.split("-") if fmt.get("nobr") else [text]
    for i, piece in enumerate(pieces):
        if i:
            run._r.append(OxmlElement("w:noBreakHyphen"))
        if piece:
            t = OxmlElement("w:t")
            t.set(qn("xml:space"), "preserve")
            t.text = piece
            run._r.append(t)
    if fmt.get("bold"):
        run.bold = True
    if fmt.get("italic"):
        run.italic = True
    if fmt.get("mono"):
        run.font.name = "Courier New"
    if fmt.get("sup"):
        run.font.superscript = True
    return run


def _blank(para, label: str) -> None:
    """A fill-in field as a plain-text content control showing its label, shaded so it is seen."""
    sdt = OxmlElement("w:sdt")
    props = OxmlElement("w:sdtPr")
    alias = OxmlElement("w:alias")
    alias.set(qn("w:val"), label.strip("[]"))
    tag = OxmlElement("w:tag")
    tag.set(qn("w:val"), "blank")
    props.append(alias)
    props.append(tag)
    props.append(OxmlElement("w:showingPlcHdr"))
    props.append(OxmlElement("w:text"))
    content = OxmlElement("w:sdtContent")
    run = para.add_run(label)
    shade = OxmlElement("w:shd")
    for key, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", "E6E6E6")):
        shade.set(qn(key), value)
    run._r.get_or_add_rPr().append(shade)
    content.append(run._r)  # moves the run out of the paragraph into the control
    sdt.append(props)
    sdt.append(content)
    para._p.append(sdt)


def _hyperlink(para, link: Tag, fmt: dict) -> None:
    rel = para.part.relate_to(link["href"], RT.HYPERLINK, is_external=True)
    hyper = OxmlElement("w:hyperlink")
    hyper.set(qn("r:id"), rel)
    start = len(para._p)
    _inline(para, link, fmt)
    for r in list(para._p)[start:]:
        if r.tag == qn("w:r"):
            rpr = r.get_or_add_rPr()
            underline = OxmlElement("w:u")
            underline.set(qn("w:val"), "single")
            rpr.append(underline)
        hyper.append(r)
    para._p.append(hyper)
