"""Per-language site settings derived from kommun.yml. No MkDocs imports."""
from __future__ import annotations

from pathlib import Path

from markupsafe import Markup, escape

from .agreements import lookup, render_agreement, template_version
from .figures import cells_function, figure_function, load_figures
from .kommun import localise
from .library import LANGS, Library, load_library
from .pages import RenderError, demote_headings, escape_values, page_source, plain_text, render_text, retitle
from .schema import CHAPTERS

SITE_TITLE = {"sv": "IOP-vägledning", "en": "IOP guidance"}
PALETTE_NAMES = {
    "sv": ("Byt till mörkt läge", "Byt till ljust läge"),
    "en": ("Switch to dark mode", "Switch to light mode"),
}


def site_name(org_name: str, lang: str) -> Markup:
    """Markup, so Material's templates neither inject nor double-escape the organisation's name."""
    return Markup(escape(f"{SITE_TITLE[lang]} – {org_name}"))


def translate_palette(palette: list, lang: str) -> None:
    for entry, name in zip(palette, PALETTE_NAMES[lang]):
        entry["toggle"]["name"] = name


def agreements_dir(docs_dir: Path) -> Path:
    return docs_dir / "_agreements"


def local_clauses_dir(docs_dir: Path, data: dict) -> Path:
    return docs_dir / data["local"]["folder"] / "klausuler"


def load_agreements(data: dict, docs_dir: Path, root: Path, lang: str | None = None) -> Library:
    """The clause library; with `lang`, only that language's clauses are compiled (all are checked)."""
    langs = (lang,) if lang else LANGS
    return load_library(agreements_dir(docs_dir), local_clauses_dir(docs_dir, data), root, langs)


def figures_file(docs_dir: Path) -> Path:
    return docs_dir / "_data" / "figures.yml"


def load_site_figures(docs_dir: Path, root: Path) -> dict:
    return load_figures(figures_file(docs_dir), root)


def page_context(data: dict, lang: str, docs_dir: Path, lib: Library, compiled: dict | None = None) -> dict:
    """What every page of one language sees: org, guidelines, accessibility, lang, template_version()
    (built once per build)."""
    context = escape_values(localise(data, lang))
    context["lang"] = lang
    context["template_version"] = lambda template_id: template_version(lib, template_id)
    context["_page_setup"] = (data, lang, docs_dir, lib, compiled)
    return context


def for_page(base: dict, figures: dict, on, page: str) -> dict:
    """The base context plus the functions bound to one page: figure(), figure_cells(), agreement(),
    include_page().

    figure() names this page in its errors; included pages and agreements use the same figure()."""
    data, lang, docs_dir, lib, compiled = base["_page_setup"]
    context = dict(base)
    figure = figure_function(figures, lang, on, page)

    def agreement(template_id: str) -> str:
        return render_agreement(lib, template_id, lang, data, figure=figure)

    def include_page(slug: str, title: str) -> str:
        source = retitle(page_source(docs_dir, slug, lang), title)
        return demote_headings(render_text(source, context, compiled=compiled))

    def chapter_on(chapter: str) -> bool:
        """For prose that names an optional chapter: {% if chapter_on('ordlista') %}…{% endif %}."""
        if chapter not in CHAPTERS:
            raise RenderError(f"chapter_on('{chapter}'): okänt kapitel (unknown chapter); "
                              f"finns (chapters that exist): {', '.join(CHAPTERS)}")
        return chapter not in data["chapters"]["exclude"]

    context["figure"] = figure
    context["figure_cells"] = cells_function(figures, lang, on, page)
    context["agreement"] = agreement
    context["include_page"] = include_page
    context["chapter_on"] = chapter_on
    # The clause library's names (org_name, guidelines_reference, …) work in pages too, so text
    # moves between a page and a local clause unchanged.
    for name, spec in lib.variables.items():
        if spec.get("source") == "kommun" and name not in context:
            value = lookup(data, spec["path"], lang)
            context[name] = plain_text(str(value)) if not isinstance(value, bool) else value
    return context

