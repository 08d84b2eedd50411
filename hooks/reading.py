"""Reading aids on every page (hooks/iopkit/reading.py does the work): language of parts from the
term list docs/_language/terms.yml, accessible tables, quiet permalinks, valid toggle markup."""
from __future__ import annotations

from pathlib import Path

from iopkit.build_language import build_language
from iopkit.reading import TemplateChanged, TermsError, improve_content, load_terms, valid_toggles
from mkdocs.exceptions import PluginError

TERMS = Path("_language") / "terms.yml"  # under docs/; excluded from the site in mkdocs.yml


def on_page_content(html, page, config, files):
    lang = page.file.locale or build_language(config)[0]
    try:
        terms = load_terms(Path(config.docs_dir) / TERMS)
    except TermsError as err:
        raise PluginError(str(err)) from None
    return improve_content(html, lang, terms)


def _valid(output: str, where: str) -> str:
    try:
        return valid_toggles(output)
    except TemplateChanged as err:
        raise PluginError(f"{where}: {err}") from None


def on_post_page(output, page, config):
    return _valid(output, page.file.src_uri)


def on_post_template(output_content, template_name, config):
    return _valid(output_content, template_name) if template_name == "404.html" else output_content
