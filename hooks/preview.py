"""`make serve` runs `serve --dirty`, which renders only pages whose source changed: a one-line edit
shows in about a second instead of after two whole language builds. iopkit.preview decides when that
is not enough (shared inputs, titles, included pages); this hook only applies its plan. Plain builds
and `serve` without --dirty are not touched."""
from __future__ import annotations

import logging
from pathlib import Path

from iopkit import preview
from iopkit.build_language import build_language
from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.preview")
_RUN = {"dirty": False}  # set once per process by on_startup; the same for both language builds


def on_startup(command, dirty):
    _RUN["dirty"] = command == "serve" and dirty


@event_priority(-200)  # after i18n (-100) has kept this language's pages and set their outputs
def on_files(files, config):
    if not _RUN["dirty"]:
        return files
    lang, prefix = build_language(config)
    docs_dir = Path(config.docs_dir)
    if prefix == "":  # the default language's build comes first and owns the whole output folder
        root = Path(config.config_file_path).resolve().parent
        excluded = config.exclude_docs.match_file  # clause files are Markdown too, but no pages
        stamp = preview.inputs_stamp(root, docs_dir, lambda rel: rel.endswith(".md") and not excluded(rel))
        if preview.start_over_if_changed(Path(config.site_dir), stamp):
            log.info("preview: shared files, the set of pages or a title changed: every page is rebuilt")
    pages = [(Path(f.abs_src_path), Path(f.abs_dest_path)) for f in files.documentation_pages()]
    for dest in preview.outdated_includers(pages, lambda slug: docs_dir / f"{slug}.{lang}.md"):
        dest.unlink()
    return files
