"""The route finder written as Markdown and HTML for the pages. No MkDocs imports.

The process page gets a numbered list with "go to question N" links; the route finder page gets the
same questions as radio groups, the six routes, and the skeleton of the written assessment that
docs/assets/javascripts/vagvisare.js fills in. Texts keep their Jinja ({{ org.kind }}): the page
renderer fills it in afterwards, HTML-escaped.
"""
from __future__ import annotations

import html
import posixpath

from .pages import EXPRESSION
from .route import CHECKS, ROUTES, numbers

MARKER_QUESTIONS = "{{ route_questions() }}"   # the process page's question list
MARKER_FINDER = "{{ route_finder() }}"         # the route finder page


def expand(markdown: str, data: dict, lang: str, page_dir: str, meta: dict | None = None) -> str:
    """Replace the markers in a page's Markdown. `page_dir` is the page's folder under docs/ ('' at the
    top), for relative links; `meta` holds version and legal_as_of for the route finder."""
    if MARKER_QUESTIONS in markdown:
        markdown = markdown.replace(MARKER_QUESTIONS, question_list(data, lang, page_dir))
    if MARKER_FINDER in markdown:
        markdown = markdown.replace(MARKER_FINDER, finder(data, lang, page_dir, meta or {}))
    return markdown


def question_list(data: dict, lang: str, page_dir: str) -> str:
    """The numbered questions for the process page, each answer ending in 'go to question N' or a route."""
    ui, nums = _ui(data, lang), numbers(data)
    finder_page = _relative("vagvisare.md", page_dir)
    out = []
    for n, q in enumerate(data["questions"], 1):
        out.append(f"{n}. **{_plain(q['text'][lang])}**\n")
        out.append(f"    {q['why'][lang]} {ui['basis']}: {_basis(q, lang)}.\n    {{: #fraga-{n} }}\n\n")
        for a in q["answers"]:
            if "next" in a:
                target = f"{ui['goto']} [{ui['question_ref']} {nums[a['next']]}](#fraga-{nums[a['next']]})"
            else:
                title = data["routes"][a["route"]]["title"][lang]
                target = f"{ui['goto_route']} [{_plain(title)}]({finder_page}#vag-{a['route']})"
            out.append(f"    - {_plain(a['label'][lang])}: {target}.\n")
        out.append("\n")
    return "".join(out) + _definitions(data, lang, page_dir)


def finder(data: dict, lang: str, page_dir: str, meta: dict) -> str:
    """The route finder: questions as radio groups, the six routes, the final step and the assessment."""
    ui = _ui(data, lang)
    parts = [_finder_open(data, ui, meta), f"## {ui['questions_heading']}\n\n"]
    parts += [_fieldset(data, q, n, ui, lang) for n, q in enumerate(data["questions"], 1)]
    parts.append(f'<div class="route-routes" markdown="1">\n\n## {ui["routes_heading"]}\n\n'
                 f"{ui['routes_intro']}\n{{.route-nojs}}\n\n")
    parts += [_outcome(rid, data["routes"][rid], ui, lang) for rid in ROUTES]
    parts.append("</div>\n\n</div>\n\n")
    parts += [_final(ui), _assessment(ui, meta), _definitions(data, lang, page_dir)]
    return "".join(parts)


def _finder_open(data: dict, ui: dict, meta: dict) -> str:
    messages = {key: ui[key] for key in ("next_question", "result_shown", "copied", "restored", "answer", "note",
                                         "link_label", "version_differs", "version_now", "file_name")}
    attrs = " ".join(f'data-msg-{k.replace("_", "-")}="{_attr(v)}"' for k, v in messages.items())
    return (f'<div class="iop-route" data-route-finder data-start="{data["start"]}" '
            f'data-version="{_attr(meta.get("version", ""))}" {attrs} markdown="1">\n\n'
            '<p class="route-status route-sr" role="status" aria-live="polite"></p>\n\n'
            '<p class="route-notice" hidden></p>\n\n'
            '<div class="route-case">\n'
            f'<label for="route-case">{_plain(ui["case_label"])}</label>\n'
            '<input type="text" id="route-case" autocomplete="off" aria-describedby="route-case-hint">\n'
            f'<p id="route-case-hint" class="route-hint">{_plain(ui["case_hint"])}</p>\n'
            '</div>\n\n')


def _fieldset(data: dict, q: dict, n: int, ui: dict, lang: str) -> str:
    nums, qid = numbers(data), q["id"]
    rows = []
    for a in q["answers"]:
        if "next" in a:
            goto = f'{_plain(ui["goto"])} <a href="#fraga-{nums[a["next"]]}">{_plain(ui["question_ref"])} {nums[a["next"]]}</a>'
            target = f'data-next="{a["next"]}"'
        else:
            title = data["routes"][a["route"]]["title"][lang]
            goto = f'{_plain(ui["goto_route"])} <a href="#vag-{a["route"]}">{_plain(title)}</a>'
            target = f'data-outcome="{a["route"]}"'
        rows.append(
            f'<li><label><input type="radio" name="svar-{qid}" value="{a["id"]}" {target} '
            f'data-reason="{_attr(a["reason"][lang])}"> {_plain(a["label"][lang])}</label>'
            f'<span class="route-goto"> – {goto}</span></li>\n')
    return (f'<fieldset class="route-question" id="fraga-{n}" data-question="{qid}" markdown="1">\n'
            f'<legend><span class="route-number">{_plain(ui["question"])} {n}.</span> {_plain(q["text"][lang])}</legend>\n\n'
            f'**{ui["why"]}:** {q["why"][lang]} {ui["basis"]}: {_basis(q, lang)}.\n{{.route-why}}\n\n'
            f'<ul class="route-answers">\n{"".join(rows)}</ul>\n\n'
            f'<div class="route-note">\n<label for="anteckning-{qid}">{_plain(ui["note_label"])} {n}</label>\n'
            f'<textarea id="anteckning-{qid}" rows="2"></textarea>\n</div>\n\n'
            '</fieldset>\n\n')


def _outcome(rid: str, route: dict, ui: dict, lang: str) -> str:
    """One route. Its parts carry data-part, so the script can copy them into the assessment."""
    lawyer = "".join(f"- {item[lang]}\n" for item in route["lawyer"])
    checks = "".join(f"| {ui[key]} | {route['checks'][key][lang]} |\n" for key in CHECKS)
    return (f'<section class="route-outcome" data-route="{rid}" markdown="1">\n\n'
            f"### {_plain(route['title'][lang])} {{#vag-{rid}}}\n\n"
            f"{route['summary'][lang]}\n{{.route-summary}}\n\n"
            + _part("reasons", ui, "<ul></ul>\n", hidden=True)
            + _part("lawyer", ui, lawyer)
            + _part("checks", ui, f"| {ui['check']} | {ui['what_applies']} |\n| --- | --- |\n{checks}")
            + _part("next_step", ui, f"{route['next_step'][lang]}\n")
            + "</section>\n\n")


def _part(name: str, ui: dict, body: str, hidden: bool = False) -> str:
    flag = " hidden" if hidden else ""
    return (f'<div class="route-part" data-part="{name}"{flag} markdown="1">\n\n'
            f'**{ui[name]}**\n{{.route-part-title}}\n\n{body}\n</div>\n\n')


def _final(ui: dict) -> str:
    """Notes, print, download, link and restart: only with the script, once a route is reached."""
    return ('<div class="route-final" hidden>\n'
            f'<label for="route-notes">{_plain(ui["notes_label"])}</label>\n'
            '<textarea id="route-notes" rows="3"></textarea>\n'
            f'<div class="route-actions" role="group" aria-label="{_attr(ui["actions"])}">\n'
            f'<button type="button" class="md-button md-button--primary" data-action="print">{_plain(ui["print"])}</button>\n'
            f'<button type="button" class="md-button" data-action="download">{_plain(ui["download"])}</button>\n'
            f'<button type="button" class="md-button" data-action="restart">{_plain(ui["restart"])}</button>\n'
            '</div>\n'
            '<div class="route-link">\n'
            f'<label for="route-link">{_plain(ui["link_label"])}</label>\n'
            '<input type="text" id="route-link" readonly aria-describedby="route-link-hint">\n'
            f'<button type="button" class="md-button" data-action="copy">{_plain(ui["copy"])}</button>\n'
            f'<p id="route-link-hint" class="route-hint">{_plain(ui["link_hint"])}</p>\n'
            '</div>\n'
            '</div>\n\n')


def _assessment(ui: dict, meta: dict) -> str:
    """The written assessment: filled in by the script, printed on its own, downloaded as Markdown.
    Raw HTML (no markdown attribute), so its headings stay out of the page's table of contents."""
    blank = f'<span class="route-blank"><span class="route-sr">{_plain(ui["blank"])}</span></span>'

    def row(key: str, value: str, field: str = "") -> str:
        attr = f' data-field="{field}"' if field else ""
        return f'<tr><th scope="row">{_plain(ui[key])}</th><td{attr}>{value}</td></tr>\n'

    return ('<section class="route-assessment" id="bedomning" aria-labelledby="bedomning-rubrik" hidden>\n'
            f'<h2 id="bedomning-rubrik">{_plain(ui["assessment"])}</h2>\n'
            '<table class="route-meta">\n<tbody>\n'
            + row("organisation", "{{ org.name }}")
            + row("case", "", "case")
            + row("reference", blank)
            + row("official", blank)
            + row("date", "", "date")
            + row("version", _plain(meta.get("version", "")))
            + row("legal_as_of", _plain(meta.get("legal_as_of", "")))
            + '</tbody>\n</table>\n'
            f'<p class="route-disclaimer">{_plain(ui["disclaimer"])}</p>\n'
            f'<h3>{_plain(ui["answers"])}</h3>\n<ol class="route-record" data-field="answers"></ol>\n'
            f'<h3>{_plain(ui["route"])}</h3>\n<p class="route-chosen" data-field="route"></p>\n'
            '<div class="route-details" data-field="details"></div>\n'
            f'<div data-field="notes" hidden>\n<h3>{_plain(ui["notes"])}</h3>\n<p class="route-notes-text"></p>\n</div>\n'
            '</section>\n\n')


def _basis(q: dict, lang: str) -> str:
    return f"[{q['basis']['label'][lang]}][{q['basis']['link']}]"


def _definitions(data: dict, lang: str, page_dir: str) -> str:
    """Reference definitions for [text][key] links, relative to the page, in this page's language."""
    return "".join(f"[{key}]: {_relative(target[lang], page_dir)}\n" for key, target in data["links"].items()) + "\n"


def _relative(target: str, page_dir: str) -> str:
    path, _, anchor = target.partition("#")
    rel = posixpath.relpath(path, page_dir or ".")
    return rel + (f"#{anchor}" if anchor else "")


def _ui(data: dict, lang: str) -> dict[str, str]:
    return {key: value[lang] for key, value in data["ui"].items()}


def _plain(text: str) -> str:
    """Text for HTML: escaped, except the Jinja expressions that the page renderer fills in (escaped) later."""
    out, last = [], 0
    for match in EXPRESSION.finditer(text):
        out.append(html.escape(text[last:match.start()], quote=False))
        out.append(match.group(0))
        last = match.end()
    out.append(html.escape(text[last:], quote=False))
    return "".join(out)


def _attr(text: str) -> str:
    """Text for a double-quoted attribute, Jinja expressions kept (their values arrive escaped)."""
    return _plain(text).replace('"', "&quot;")
