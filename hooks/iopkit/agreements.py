"""Compose one agreement from the clause library, in one language, as Markdown. No MkDocs imports."""
from __future__ import annotations

from markupsafe import escape

from .library import Library
from .pages import RenderError, plain_text, render_template

WORDS = {
    "sv": {
        "cover": "Del 1. Avtalsuppgifter",
        "terms": "Del 2. Villkor",
        "signature": "Underskrifter",
        "version": "Mallversion",
        "template": "Mall",
        "why": "Varför klausulen finns",
        "basis": "Grund",
        "local": "Lokal klausul",
        "stale_title": "Äldre originaltext",
        "stale": "Den lokala texten bygger på en äldre version av originalets klausul. Originalet har ändrats sedan dess.",
        "local_list": "Klausuler som {org} har ersatt lokalt",
        "none_local": "Inga lokala ändringar.",
        "blanks": "Fält inom hakparentes fylls i innan dokumentet skrivs under.",
        "yes": "ja",
        "no": "nej",
    },
    "en": {
        "cover": "Part 1. Agreement details",
        "terms": "Part 2. Terms",
        "signature": "Signatures",
        "version": "Template version",
        "template": "Template",
        "why": "Why this clause is here",
        "basis": "Basis",
        "local": "Local clause",
        "stale_title": "Earlier upstream text",
        "stale": "This local text is based on an earlier version of the upstream clause, which has changed since.",
        "local_list": "Clauses that {org} has replaced locally",
        "none_local": "No local changes.",
        "blanks": "Fields in square brackets are filled in before the document is signed.",
        "yes": "yes",
        "no": "no",
    },
}


def blank(label: str) -> str:
    """A visible, labelled fill-in field."""
    return f'<span class="blank">[{escape(label)}]</span>'


_REQUIRED = object()


def lookup(data: dict, dotted: str, lang: str, default=_REQUIRED):
    """Follow organisation.name in kommun.yml; pick the language when the value is localised.

    An optional kommun.yml field (e.g. guidelines.adopted) falls back to the variable's default."""
    value = data
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            if default is not _REQUIRED:
                return default
            raise RenderError(f"kommun.yml has no value at '{dotted}' (needed by the clause library)")
        value = value[part]
    if isinstance(value, dict) and lang in value:
        value = value[lang]
    return value


def values_for(lib: Library, template_id: str, lang: str, kommun: dict) -> dict:
    """Every declared variable's value for this template and language, HTML-escaped."""
    overrides = lib.templates[template_id].get("values") or {}
    values = {}
    for name, spec in lib.variables.items():
        if spec["source"] == "blank":
            values[name] = blank(spec["label"][lang])
            continue
        if spec["source"] == "kommun":  # the fork's text: never markup
            value = lookup(kommun, spec["path"], lang, spec.get("default", _REQUIRED))
            values[name] = value if isinstance(value, bool) else plain_text(str(value))
            continue
        value = overrides.get(name, spec["default"])
        if isinstance(value, dict):  # a localised default
            value = value[lang]
        values[name] = value if isinstance(value, bool) else str(escape(str(value)))
    return values


def render_clause(lib: Library, clause_id: str, lang: str, values: dict, number: int) -> str:
    clause = lib.clause(lang, clause_id)
    try:
        body = render_template(clause.template, values).strip()
    except RenderError as err:
        raise RenderError(f"clause {clause.path.name} ({lang}): {err}") from None
    words = WORDS[lang]
    badge = f' <span class="clause-local">{words["local"]}</span>' if clause.local else ""
    stale = (f'<div class="admonition warning clause-stale" role="note"><p class="admonition-title">'
             f'{words["stale_title"]}</p><p>{words["stale"]}</p></div>\n\n' if clause.stale else "")
    return (
        f'<div class="clause" id="klausul-{clause_id}" markdown>\n'
        f'<div class="clause-text" markdown>\n\n'
        f"#### {number}. {escape(clause.title)}{badge}\n\n{stale}{body}\n\n</div>\n"
        f'<div class="clause-note" role="note" markdown>\n\n'
        f'**{words["why"]}:** {escape(clause.note)}\n\n'
        f'**{words["basis"]}:** {escape(clause.ref)}\n\n</div>\n</div>\n'
    )


def _check_template_id(lib: Library, template_id: str) -> None:
    if template_id not in lib.templates:
        raise RenderError(f"unknown agreement template '{template_id}'; expected one of "
                          f"{', '.join(sorted(lib.templates))} (docs/_agreements/templates.yml)")


def template_version(lib: Library, template_id: str) -> str:
    """The template's version from templates.yml, for pages that list it (typed text would go stale)."""
    _check_template_id(lib, template_id)
    return str(lib.templates[template_id]["version"])


def render_agreement(lib: Library, template_id: str, lang: str, kommun: dict, figure=None) -> str:
    """The whole agreement: a meta line, the cover part, the terms, the signature block.

    `figure` is the page's figure('key') function (docs/_data/figures.yml); clauses may call it."""
    _check_template_id(lib, template_id)
    spec, words = lib.templates[template_id], WORDS[lang]
    values = values_for(lib, template_id, lang, kommun)
    if figure is not None:
        values["figure"] = figure
    headings = spec.get("headings") or {}
    cover = headings.get("cover", {}).get(lang, words["cover"])
    terms = headings.get("terms", {}).get(lang, words["terms"])
    number, parts = 0, []
    for heading, ids in ((cover, spec["cover"]), (terms, spec["clauses"])):
        parts.append(f"### {heading}\n")
        for cid in ids:
            number += 1
            parts.append(render_clause(lib, cid, lang, values, number))
    signature = lib.clause(lang, spec["signature"])
    try:
        sign_body = render_template(signature.template, values).strip()
    except RenderError as err:
        raise RenderError(f"clause {signature.path.name} ({lang}): {err}") from None
    parts.append(f'<div class="signature-block" markdown>\n\n### {words["signature"]}\n\n{sign_body}\n\n</div>\n')
    title = escape(spec["title"][lang])
    return (
        f'<div class="agreement" markdown>\n\n## {title}\n\n'
        f"{_meta(lib, template_id, lang, kommun)}\n\n" + "\n".join(parts) + "\n</div>\n"
    )


def _meta(lib: Library, template_id: str, lang: str, kommun: dict) -> str:
    words, spec = WORDS[lang], lib.templates[template_id]
    ids = spec["cover"] + spec["clauses"] + [spec["signature"]]
    local = [lib.clause(lang, cid).title for cid in ids if lib.clause(lang, cid).local]
    org = plain_text(lookup(kommun, "organisation.name", lang))
    local_text = ", ".join(str(escape(t)) for t in local) if local else words["none_local"]
    return (
        f'<div class="agreement-meta" markdown>\n\n'
        f'{words["template"]}: `{template_id}` · {words["version"]}: {spec["version"]}\n\n'
        f'{words["local_list"].format(org=org)}: {local_text}\n\n'
        f'{words["blanks"]}\n\n</div>'
    )
