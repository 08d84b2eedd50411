"""The live preview's rebuild plan (`make serve` runs `serve --dirty`: only pages whose source is newer
than their output are rendered again). What a dirty build would get wrong is decided here, from the
files alone, so the preview never shows stale content:

- anything that is not a page (clauses, data, term list, settings, templates, hooks, assets), a page
  added or removed, or a page title changed (the nav of every page shows titles): a full rebuild;
- a page that includes another page (`include_page`): rendered again when the included page changes.

No MkDocs imports. The stamp that records the inputs lives in the preview's own output folder.
"""
from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path
from typing import Callable

STAMP = ".iop-preview-inputs"
SHARED = ("mkdocs.yml", "kommun.yml", "overrides", "hooks")  # beside docs/; every page depends on these
TITLE = re.compile(r"^title:.*$", re.M)
INCLUDE = re.compile(r"""include_page\(\s*["']([^"']+)["']""")


def _files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def inputs_stamp(root: Path, docs_dir: Path, is_page: Callable[[str], bool]) -> str:
    """A digest of what every page depends on: the modification times of all files that are not
    pages, the set of page files, and each page's title line."""
    digest = hashlib.sha256()
    for path in [p for name in SHARED for p in _files(root / name)] + _files(docs_dir):
        rel = path.relative_to(root).as_posix()
        if path.is_relative_to(docs_dir) and is_page(path.relative_to(docs_dir).as_posix()):
            head = path.read_text(encoding="utf-8", errors="replace")[:2000]
            title = TITLE.search(head)
            digest.update(f"page {rel} {title.group(0) if title else ''}\n".encode())
        else:
            digest.update(f"file {rel} {path.stat().st_mtime_ns}\n".encode())
    return digest.hexdigest()


def start_over_if_changed(site_dir: Path, stamp: str) -> bool:
    """Empty the preview's output when the inputs differ from the last build's (True), so the dirty
    build renders every page; record the new stamp either way."""
    stamp_file = site_dir / STAMP
    changed = not stamp_file.is_file() or stamp_file.read_text(encoding="utf-8") != stamp
    if changed and site_dir.is_dir():
        for child in site_dir.iterdir():
            shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
    site_dir.mkdir(parents=True, exist_ok=True)
    stamp_file.write_text(stamp, encoding="utf-8")
    return changed


def included_slugs(markdown: str) -> list[str]:
    return INCLUDE.findall(markdown)


def outdated_includers(pages: list[tuple[Path, Path]], source_of: Callable[[str], Path | None]) -> list[Path]:
    """Outputs of pages that include a page changed since they were written: (source, output) pairs
    in, outputs to remove out. `source_of` maps an included slug to its source in this language."""
    stale = []
    for src, dest in pages:
        if not dest.is_file():
            continue
        written = dest.stat().st_mtime_ns
        text = src.read_text(encoding="utf-8", errors="replace")
        for slug in included_slugs(text):
            included = source_of(slug)
            if included is not None and included.is_file() and included.stat().st_mtime_ns > written:
                stale.append(dest)
                break
    return stale
