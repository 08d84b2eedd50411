"""Documents to sign and file: every agreement and the council packet as PDF/A-2 and DOCX.

Each language build keeps the content HTML of the agreement pages and the packet page, adds the
download links to those pages, and at the end writes site/dokument/<id>-<lang>.<ext> from them
(logic in iopkit.documents, iopkit.pdf_writer, iopkit.docx_writer). `mkdocs serve` skips the
documents for speed (as does IOP_DOCUMENTS=0); its pages then say so instead of linking to nothing.
"""
from __future__ import annotations

import logging
import os
import re
import time
from pathlib import Path

from iopkit import documents as docs
from iopkit import document_files, docx_writer
from iopkit.build_language import build_language
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url
from markupsafe import escape

KEY = "documents"       # config.extra: content HTML kept by this language build
FOLDER = "dokument"
log = logging.getLogger("mkdocs.hooks.documents")
_RUN = {"command": "build"}  # set once per process by on_startup; the same for both language builds

WORDS = {
    "sv": {"heading": "Dokument att skriva under och diarieföra",
           "pdf": "PDF/A (arkiv)", "docx": "Word (redigerbar)",
           "skipped": "Dokumenten (PDF och Word) skapas av make build och finns inte i förhandsvisningen."},
    "en": {"heading": "Documents to sign and file",
           "pdf": "PDF/A (archival)", "docx": "Word (editable)",
           "skipped": "The documents (PDF and Word) are made by make build; the preview does not make them."},
}


def on_startup(command, dirty):
    _RUN["command"] = command


def enabled() -> bool:
    return _RUN["command"] != "serve" and os.environ.get("IOP_DOCUMENTS", "1") != "0"


def on_pre_build(config):
    config.extra[KEY] = {}


def _ids_for(path: str, config) -> list[str]:
    data = config.extra["kommun_data"]
    exclude = data["chapters"]["exclude"]
    templates = list(config.extra["agreement_library"].templates)
    available = docs.document_ids(templates, exclude)
    if path == "beslutsunderlag/":
        return [i for i in (docs.PACKET, *docs.PACKET_PARTS) if i in available]
    parts = path.strip("/").split("/")
    if len(parts) == 2 and parts[0] == "avtal" and parts[1] in available:
        return [parts[1]]
    return []


@event_priority(-100)  # late: keep the page content as the other hooks left it
def on_page_content(html, page, config, files):
    lang, prefix = build_language(config)
    path = page.url[len(prefix):] if page.url.startswith(prefix) else page.url
    ids = _ids_for(path, config)
    if not ids:
        return html
    config.extra[KEY][path] = (page.url, html)
    return _with_links(html, _links(ids, lang, page.url))


def _with_links(html: str, links: str) -> str:
    """The links go under the page title and its summary (the summary stays the first paragraph)."""
    found = re.search(r"</h1>\s*(<p class=\"summary[^\"]*\">.*?</p>)?", html, re.S)
    return html[:found.end()] + "\n" + links + html[found.end():] if found else links + html


def _links(ids: list[str], lang: str, page_url: str) -> str:
    words, names = WORDS[lang], docs.WORDS[lang]["parts"]
    if not enabled():
        # A plain paragraph, not the floated download box: the long notice squeezed the text beside it.
        return f'<p class="document-downloads-off">{words["skipped"]}</p>\n'
    items = []
    for doc_id in ids:
        links = " · ".join(
            f'<a href="{get_relative_url(f"{FOLDER}/{doc_id}-{lang}.{ext}", page_url)}">{words[ext]}</a>'
            for ext in docs.FORMATS)
        label = f"{escape(names[doc_id])}: " if len(ids) > 1 else ""
        items.append(f"<li>{label}{links}</li>")
    return (f'<div class="pdf-download document-downloads"><p><strong>{words["heading"]}</strong></p>'
            f'<ul>{"".join(items)}</ul></div>\n')


@event_priority(0)  # before i18n (-100) starts the next language build
def on_post_build(config):
    kept = config.extra.pop(KEY, {})
    if not enabled() or not kept:
        return
    start = time.monotonic()
    lang, prefix = build_language(config)
    data = config.extra["kommun_data"]
    site_url = data["site"]["url"]
    out = Path(config.site_dir) / FOLDER
    out.mkdir(parents=True, exist_ok=True)
    logo_path = Path(config.docs_dir) / data["logo"]
    logo_uri = logo_path.resolve().as_uri()
    base = Path(config.docs_dir).resolve().as_uri() + "/"
    lib = config.extra["agreement_library"]
    made: list = []
    try:
        for path, (page_url, html) in kept.items():
            public = site_url + page_url
            if path == "beslutsunderlag/":
                made += docs.packet(html, lang, data, public, logo_uri,
                                    (f"{site_url}{prefix}lagstiftning/", f"{site_url}{prefix}riktlinjer/"))
            else:
                tid = path.strip("/").split("/")[1]
                made.append(docs.agreement(html, tid, lib.templates[tid]["version"], lang, data, public, logo_uri))
        cache = Path(config.config_file_path).resolve().parent / ".cache" / "documents"
        fresh = document_files.write_all(made, out, base, data["colours"]["primary"],
                                         docx_writer.logo_png(logo_path), cache)
    except (ValueError, OSError) as err:
        raise PluginError(f"documents ({lang}): {err}") from None
    log.info(f"documents: {len(made) * 2} files for '{lang}' in {time.monotonic() - start:.1f} s "
             f"({len(fresh)} of {len(made)} documents laid out anew, the rest unchanged)")
