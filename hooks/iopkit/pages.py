"""Render a page's Markdown as a Jinja2 template with values from kommun.yml. No MkDocs imports."""
from __future__ import annotations

import re
from pathlib import Path

import jinja2
import yaml
from markupsafe import escape

FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.S)
FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})")
EXPRESSION = re.compile(r"\{\{(.*?)\}\}", re.S)
DOTTED = re.compile(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*)*")


class _TextDatesLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when the wheel has it
    """Dates stay text, so a bad date such as 2026-13-01 is reported by field, not as a crash."""

    yaml_implicit_resolvers = {
        key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


def load_yaml(text: str):
    return yaml.load(text, Loader=_TextDatesLoader)  # noqa: S506 (a safe loader)


class RenderError(Exception):
    """A page or clause could not be rendered; the message says what and where."""


def make_env() -> jinja2.Environment:
    """Strict: an unknown name stops the build instead of rendering as empty text.

    Comments use {## ##} so that Markdown attribute lists such as {#id} stay plain text.
    """
    return jinja2.Environment(
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        comment_start_string="{##",
        comment_end_string="##}",
    )


# Characters that Markdown (with this site's extensions) reads as syntax inside a line: as numeric
# character references they print as themselves and are never links, emphasis, attributes or tables.
_MARKDOWN = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_[]{}|"})
_LINE_START = re.compile(r"^([#=+-]|\d+\.)")
# Checked web and e-mail addresses (see kommun.py) go into link targets: HTML-escaped only.
_ADDRESS = re.compile(r"https?://[A-Za-z0-9.-]+(:\d+)?(/[A-Za-z0-9._~%$&+,;=:@/?#-]*)?"
                      r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}|#[0-9A-Fa-f]{6}")  # and colours


def plain_text(value: str) -> str:
    """A value from kommun.yml as text that HTML and Markdown both print as written."""
    text = str(escape(" ".join(str(value).splitlines())))
    if _ADDRESS.fullmatch(str(value)):
        return text
    text = text.translate(_MARKDOWN)
    return _LINE_START.sub(lambda m: f"&#{ord(m.group(1)[0])};" + m.group(1)[1:], text)


def escape_values(value):
    """Make every string in a nested structure plain text (plain_text), so names are never markup."""
    if isinstance(value, str):
        return plain_text(value)
    if isinstance(value, dict):
        return {k: escape_values(v) for k, v in value.items()}
    if isinstance(value, list):
        return [escape_values(v) for v in value]
    return value


def render_text(source: str, context: dict, env: jinja2.Environment | None = None,
                compiled: dict | None = None, first_line: int = 1) -> str:
    """Render Markdown with Jinja; raise RenderError naming the line and the problem.

    Code (fenced blocks and `code spans`) is left as written, so {{ … }} can be shown in code.
    `first_line` is the file's line number of the first line of `source` (after front matter).
    `compiled` caches compiled expressions; pass one dict per build to share it between pages."""
    if "{{" not in source and "{%" not in source:  # most text has no template syntax: skip compiling
        return source
    masked, code = _hide_code(source)
    if "{{" not in masked and "{%" not in masked:
        return source
    env = env or make_env()
    offset = first_line - 1
    simple = masked.count("{{") == masked.count("}}") and "{{-" not in masked and "-}}" not in masked
    if "{%" not in masked and simple:  # otherwise Jinja itself reports any syntax error
        out = _render_expressions(masked, context, env, {} if compiled is None else compiled, offset)
    else:
        try:
            ast = env.parse(masked)
        except jinja2.TemplateSyntaxError as err:
            raise RenderError(f"rad {err.lineno + offset} (line {err.lineno + offset}): "
                              f"template syntax error: {err.message}") from None
        _check_names(ast, context, offset)
        out = render_template(env.from_string(ast), context)
    return _show_code(out, code)


_FENCED = re.compile(r"^([ \t]*)(`{3,}|~{3,}).*?^\1\2[`~]*[ \t]*$", re.M | re.S)
_SPAN = re.compile(r"(`+)(?!`)(?:[^\n]|\n(?![ \t]*\n))+?(?<!`)\1(?!`)")  # a code span ends at its paragraph


def _hide_code(source: str) -> tuple[str, list[str]]:
    """Swap code for placeholders that keep its line breaks (so line numbers stay right)."""
    if "`" not in source and "~~~" not in source:
        return source, []
    code: list[str] = []

    def hide(m: re.Match) -> str:
        code.append(m.group(0))
        return f"\x00{len(code) - 1}" + "\n" * m.group(0).count("\n") + "\x00"

    return _SPAN.sub(hide, _FENCED.sub(hide, source)), code


def _show_code(text: str, code: list[str]) -> str:
    if not code:
        return text
    return re.sub(r"\x00(\d+)\n*\x00", lambda m: code[int(m.group(1))], text)


def _unknown_names(ast, context: dict, offset: int) -> list[str]:
    """Every name in a template that the context lacks: line, name, and the names that exist."""
    from jinja2 import nodes

    stored = {n.name for n in ast.find_all(nodes.Name) if n.ctx in ("store", "param")}
    problems = []
    for node in ast.find_all(nodes.Name):
        if node.ctx == "load" and node.name not in context and node.name not in stored:
            problems.append((node.lineno, node.name, sorted(context)))
    for node in ast.find_all(nodes.Getattr):
        parts, root = [node.attr], node.node
        while isinstance(root, nodes.Getattr):
            parts.insert(0, root.attr)
            root = root.node
        if not isinstance(root, nodes.Name) or root.name not in context:
            continue
        value, path = context[root.name], root.name
        for part in parts:
            if not isinstance(value, dict):
                break
            if part not in value:
                problems.append((node.lineno, f"{path}.{part}", sorted(value)))
                break
            value, path = value[part], f"{path}.{part}"
    seen, lines = set(), []
    for lineno, name, known in sorted(problems):
        if (lineno, name) not in seen:
            seen.add((lineno, name))
            where = name.rsplit(".", 1)[0] + "." if "." in name else ""
            lines.append(f"rad {lineno + offset} (line {lineno + offset}): okänt namn (unknown name) {name}; "
                         f"finns (names that exist): {', '.join(where + k for k in known)}")
    return lines


def _check_names(ast, context: dict, offset: int) -> None:
    problems = _unknown_names(ast, context, offset)
    if problems:
        raise RenderError("; ".join(problems) if len(problems) == 1 else "\n  " + "\n  ".join(problems))


def _render_expressions(source: str, context: dict, env: jinja2.Environment, compiled: dict,
                        offset: int = 0) -> str:
    """Pages with only {{ … }}: evaluate each expression instead of compiling the whole page (faster)."""
    problems = []

    def value(match: re.Match) -> str:
        expression = match.group(1).strip()
        found = _lookup(context, expression) if DOTTED.fullmatch(expression) else None
        if found is not None:  # a plain name such as org.name: no need to compile anything
            return str(found)
        line = source.count("\n", 0, match.start()) + 1
        try:
            if expression not in compiled:
                compiled[expression] = env.compile_expression(expression, undefined_to_none=False)
            return str(compiled[expression](**context))
        except jinja2.TemplateSyntaxError as err:
            raise RenderError(f"rad {line + offset} (line {line + offset}): template syntax error: "
                              f"{err.message}") from None
        except jinja2.UndefinedError as err:
            unknown = _unknown_names(env.parse("{{ " + expression + " }}"), context, line + offset - 1)
            problems.extend(unknown or [f"rad {line + offset} (line {line + offset}): {err.message}"])
            return ""

    out = EXPRESSION.sub(value, source)
    if problems:
        raise RenderError(problems[0] if len(problems) == 1 else "\n  " + "\n  ".join(problems))
    return out


def _lookup(context: dict, dotted: str):
    """Follow a dotted name through nested dicts; None when any part is missing (Jinja then reports it)."""
    value = context
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value if isinstance(value, (str, int, float)) and not isinstance(value, bool) else None


def render_template(template: jinja2.Template, context: dict) -> str:
    try:
        return template.render(**context)
    except jinja2.UndefinedError as err:
        raise RenderError(f"undefined value: {err.message}") from None


def strip_front_matter(text: str) -> str:
    return FRONT_MATTER.sub("", text, count=1)


def demote_headings(markdown: str, levels: int = 1) -> str:
    """Push ATX headings down a level (outside code fences), for pages included in another page."""
    out, fence = [], None
    for line in markdown.splitlines(keepends=True):
        match = FENCE.match(line)
        if match:
            marker = match.group(2)[0]
            fence = None if fence == marker else (fence or marker)
        elif fence is None and re.match(r"#{1,5} ", line):
            line = "#" * levels + line
        out.append(line)
    return "".join(out)


def page_source(docs_dir: Path, slug: str, lang: str) -> str:
    """The Markdown of docs/<slug>.<lang>.md without its front matter."""
    path = docs_dir / f"{slug}.{lang}.md"
    if not path.is_file():
        raise RenderError(f"included page not found: {path.name} (expected docs/{slug}.{lang}.md)")
    return strip_front_matter(path.read_text(encoding="utf-8"))


def retitle(markdown: str, title: str) -> str:
    """Replace the first H1 of an included page with a new title (e.g. 'Bilaga 1: …')."""
    new, count = re.subn(r"^# .*$", f"# {title}", markdown, count=1, flags=re.M)
    if count == 0:
        raise RenderError(f"included page has no H1 heading to retitle as '{title}'")
    return new
