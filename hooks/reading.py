"""Reading aids on every page (hooks/iopkit/reading.py does the work): language of parts from the
term list docs/_language/terms.yml, accessible tables, quiet permalinks, valid toggle markup."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from jinja2 import FileSystemBytecodeCache

from iopkit.build_language import build_language
from iopkit.reading import TemplateChanged, TermsError, improve_content, load_terms, valid_toggles
from mkdocs.exceptions import PluginError

TERMS = Path("_language") / "terms.yml"  # under docs/; excluded from the site in mkdocs.yml
PREVIEW = "IOP_PREVIEW"  # set by `make serve`: a fast live preview without the search index, documents
# and language-of-parts markup


def on_config(config):
    """In the live preview, hooks/search_index.py skips Pagefind and the search box says so."""
    config.extra["search_preview_off"] = os.environ.get(PREVIEW) == "1"
    # `make serve-sv`: the Swedish pages alone, in half the time (each language is a whole build).
    if config.extra["search_preview_off"] and os.environ.get(PREVIEW + "_SV_ONLY") == "1":
        for language in config.plugins["i18n"].config.languages:
            if language.locale != "sv":
                language.build = False
    return config


def on_env(env, config, files):
    """In the live preview, compiled templates are kept between rebuilds (Jinja checks each
    template's source, so an edited template is compiled again): about a fifth of a rebuild."""
    if config.extra.get("search_preview_off"):
        cache = Path(tempfile.gettempdir()) / f"iop-preview-templates-{os.getuid()}"
        cache.mkdir(exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(str(cache))
    return env


def on_page_content(html, page, config, files):
    lang = page.file.locale or build_language(config)[0]
    try:
        terms = load_terms(Path(config.docs_dir) / TERMS)
    except TermsError as err:
        raise PluginError(str(err)) from None
    # The live preview leaves out the lang attributes on foreign phrases: they change nothing a writer
    # sees and cost a tenth of each rebuild. `make build` and the tests always add them.
    return improve_content(html, lang, terms, languages=not config.extra.get("search_preview_off"))


def _valid(output: str, where: str) -> str:
    try:
        return valid_toggles(output)
    except TemplateChanged as err:
        raise PluginError(f"{where}: {err}") from None


def on_post_page(output, page, config):
    return _valid(output, page.file.src_uri)


def on_post_template(output_content, template_name, config):
    return _valid(output_content, template_name) if template_name == "404.html" else output_content
