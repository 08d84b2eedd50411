"""Write documents as tagged PDF/A-2 files with WeasyPrint. No MkDocs imports.

WeasyPrint marks the running header and footer as content but leaves them out of the structure
tree; `mark_artifacts` turns them into pagination artefacts, as PDF/UA (7.1) asks.
"""
from __future__ import annotations

import copy
from collections import defaultdict
from pathlib import Path

import pikepdf
from markupsafe import escape

from .documents import Document

CSS = (Path(__file__).parent / "document_view" / "document.css").read_text(encoding="utf-8")
VARIANT = "pdf/a-2a"  # PDF/A-2, level A: archival and tagged
GENERATOR = "IOP-vägledning (WeasyPrint)"


def css_string(text: str) -> str:
    """Plain text as a CSS string literal inside <style> (no markup, no way out of the string)."""
    return '"' + "".join(ch if ch.isalnum() or ch in " .,:;·–-()/&'" else f"\\{ord(ch):x} " for ch in text) + '"'


def running_css(doc: Document) -> str:
    """Header: organisation left, document type (and dnr, date) right; footer: version, page of pages."""
    page = ('"Sida " counter(page) " (" counter(pages) ")"' if doc.lang == "sv"
            else '"Page " counter(page) " of " counter(pages)')
    return (f"@page {{ @top-left {{ content: {css_string(doc.author)}; }} "
            f"@top-right {{ content: {css_string(doc.kind)}; }} "
            f"@bottom-left {{ content: {css_string(doc.footer)}; }} "
            f"@bottom-right {{ content: {page}; }} }}")


def html_document(doc: Document) -> str:
    """A whole HTML file for one document: language, title, author, running header and body."""
    return (
        f'<!DOCTYPE html><html lang="{doc.lang}"><head><meta charset="utf-8">'
        f"<title>{escape(doc.title)}</title>"
        f'<meta name="author" content="{escape(doc.author)}">'
        f'<meta name="generator" content="{GENERATOR}">'
        f"<style>{CSS}\n{running_css(doc)}</style></head><body>"
        f"{doc.body}</body></html>"
    )


def render(doc: Document, base_url: str):
    """Lay out one document (WeasyPrint Document); files are read from disk only, never fetched."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=("file", "data"), fail_on_errors=True)
    return HTML(string=html_document(doc), base_url=base_url, url_fetcher=fetcher).render()


def write(rendered, path: Path, title: str | None = None) -> None:
    if title:
        rendered.metadata.title = title
    rendered.write_pdf(path, pdf_variant=VARIANT, pdf_tags=True)
    mark_artifacts(path)


def combine(rendered_parts: list, title: str):
    """The parts as one document, each keeping its own page numbers and running header."""
    first = rendered_parts[0]
    whole = first.copy([page for part in rendered_parts for page in part.pages])
    whole.metadata = copy.copy(first.metadata)
    whole.metadata.title = title
    return whole


def _marked_content(obj, page, used: dict, seen: set) -> None:
    """Collect the MCIDs per page that the structure tree reaches."""
    if isinstance(obj, int):
        used[page].add(obj)
    elif isinstance(obj, pikepdf.Array):
        for item in obj:
            _marked_content(item, page, used, seen)
    elif isinstance(obj, pikepdf.Dictionary):
        if obj.is_indirect:
            if obj.objgen in seen:
                return
            seen.add(obj.objgen)
        if "/Pg" in obj:
            page = obj.Pg.objgen
        if "/MCID" in obj:
            used[page].add(int(obj.MCID))
        if "/K" in obj:
            _marked_content(obj.K, page, used, seen)


def mark_artifacts(path: Path) -> int:
    """Marked content that the structure tree does not reach (margin boxes) becomes /Artifact."""
    changed = 0
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        used: dict = defaultdict(set)
        _marked_content(pdf.Root.StructTreeRoot.get("/K"), None, used, set())
        bdc = pikepdf.Operator("BDC")
        for page in pdf.pages:
            ops, dirty = [], False
            for operands, op in pikepdf.parse_content_stream(page):
                if op == bdc and len(operands) == 2 and isinstance(operands[1], pikepdf.Dictionary) \
                        and "/MCID" in operands[1] and int(operands[1].MCID) not in used[page.objgen]:
                    operands = [pikepdf.Name.Artifact, pikepdf.Dictionary(Type=pikepdf.Name.Pagination)]
                    dirty = True
                    changed += 1
                ops.append((operands, op))
            if dirty:
                page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(ops))
        pdf.save(path)
    return changed
