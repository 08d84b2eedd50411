"""Write the documents' files: PDF and DOCX per document, in parallel, reusing unchanged files.

A file is copied from the cache when its inputs (the document's HTML, the writers' code and the
library versions) are unchanged, so a rebuild only lays out the documents whose text changed.
No MkDocs imports.
"""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from importlib.metadata import version
from pathlib import Path

from . import docx_writer, pdf_writer
from .documents import Document

CODE = [Path(pdf_writer.__file__), Path(docx_writer.__file__), Path(__file__).with_name("documents.py"),
        Path(pdf_writer.__file__).parent / "document_view" / "document.css"]


def _fingerprint() -> str:
    text = "".join(p.read_text(encoding="utf-8") for p in CODE)
    text += "".join(version(name) for name in ("weasyprint", "python-docx", "pikepdf", "pydyf"))
    return hashlib.sha256(text.encode()).hexdigest()


def cache_key(doc: Document, primary: str, logo: bytes | None, fingerprint: str) -> str:
    parts = [doc, *doc.parts]
    text = "\x00".join(pdf_writer.html_document(d) for d in parts) + primary + fingerprint
    return hashlib.sha256(text.encode() + (logo or b"")).hexdigest()[:32]


def _task(group: list[Document], out: str, base: str, primary: str, logo: bytes | None,
          cache: str | None, fingerprint: str) -> list[str]:
    """Render one group (an agreement, or the packet parts and the whole packet) to PDF and DOCX."""
    out_dir, written, rendered = Path(out), [], {}
    cache_dir = Path(cache) if cache else None
    for doc in group:
        key = cache_key(doc, primary, logo, fingerprint)
        targets = {ext: out_dir / f"{doc.filename}.{ext}" for ext in ("pdf", "docx")}
        cached = {ext: cache_dir / f"{key}.{ext}" for ext in targets} if cache_dir else {}
        if cached and all(p.is_file() for p in cached.values()):
            for ext, target in targets.items():
                shutil.copyfile(cached[ext], target)
            continue
        if doc.parts:
            missing = [p for p in doc.parts if p.id not in rendered]
            for part in missing:
                rendered[part.id] = pdf_writer.render(part, base)
            pdf_writer.write(pdf_writer.combine([rendered[p.id] for p in doc.parts], doc.title), targets["pdf"])
        else:
            rendered[doc.id] = pdf_writer.render(doc, base)
            pdf_writer.write(rendered[doc.id], targets["pdf"])
        docx_writer.write(doc, targets["docx"], primary, logo)
        written.append(doc.filename)
        if cache_dir:
            cache_dir.mkdir(parents=True, exist_ok=True)
            for ext, target in targets.items():
                shutil.copyfile(target, cached[ext])
    return written


def groups(docs: list[Document]) -> list[list[Document]]:
    """The packet's parts go with the whole packet, which reuses their layout; agreements alone.
    Parts come first so the whole packet finds them laid out."""
    packet = sorted((d for d in docs if d.id in ("tjansteutlatande", "bilaga-1", "bilaga-2", "beslutsunderlag")),
                    key=lambda d: bool(d.parts))
    return ([packet] if packet else []) + [[d] for d in docs if d not in packet]


def write_all(docs: list[Document], out: Path, base: str, primary: str, logo: bytes | None,
              cache: Path | None, workers: int | None = None) -> list[str]:
    """Write every document; return the names of those laid out anew (the rest came from the cache)."""
    out.mkdir(parents=True, exist_ok=True)
    fingerprint = _fingerprint()
    work = groups(docs)
    workers = workers or min(len(work), os.cpu_count() or 1, 4)
    args = (str(out), base, primary, logo, str(cache) if cache else None, fingerprint)
    if workers <= 1:
        return [name for group in work for name in _task(group, *args)]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        futures = [pool.submit(_task, group, *args) for group in work]
        return [name for future in futures for name in future.result()]
