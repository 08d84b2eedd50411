"""A fork's local pages and optional chapters, over paths and the nav config. No MkDocs imports.

Paths are docs-relative POSIX paths as MkDocs writes them (src_uri), e.g. 'avtal/index.sv.md'.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

LANGS = ("sv", "en")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
LANG_SUFFIX = re.compile(r"\.(sv|en)\.md$")
CLAUSES = "klausuler"  # local clause folder inside the local folder: read by the library, not built


def neutral(uri: str) -> str:
    """'exempel.sv.md' -> 'exempel.md', the language-neutral path used in nav and links."""
    return LANG_SUFFIX.sub(".md", uri)


def chapter_of(uri: str) -> str:
    """The chapter a page belongs to: its top folder, or its own name for a top-level page."""
    first = neutral(uri).split("/")[0]
    return first[:-3] if first.endswith(".md") else first


def in_chapters(uri: str, chapters) -> bool:
    return bool(chapters) and chapter_of(uri) in chapters


@dataclass
class Plan:
    drop: list[str] = field(default_factory=list)    # pages not to build
    local: list[str] = field(default_factory=list)   # nav entries for local pages
    problems: list[str] = field(default_factory=list)


def plan(pages: list[str], folder: str, exclude) -> Plan:
    """Which pages to drop, which local pages go in the nav, and what is wrong with the local folder."""
    result = Plan()
    prefix = folder.strip("/") + "/"
    langs_by_slug: dict[str, set] = {}
    for uri in sorted(pages):
        if in_chapters(uri, exclude):
            result.drop.append(uri)
        elif uri.startswith(prefix):
            rest = uri[len(prefix):]
            if rest == "README.md" or rest.startswith(CLAUSES + "/"):
                result.drop.append(uri)
            else:
                _local_page(uri, rest, prefix, langs_by_slug, result.problems)
    for slug, langs in sorted(langs_by_slug.items()):
        for lang in LANGS:
            if lang not in langs:
                have = f"docs/{prefix}{slug}.{sorted(langs)[0]}.md"
                result.problems.append(_both(
                    f"{have}: egen sida på bara ett språk; förväntat även docs/{prefix}{slug}.{lang}.md "
                    "(varje egen sida behöver både .sv.md och .en.md)",
                    f"{have}: local page in one language only; expected docs/{prefix}{slug}.{lang}.md as well "
                    "(every local page needs both .sv.md and .en.md)"))
    if not result.problems:
        slugs = sorted(langs_by_slug, key=lambda s: (s != "index", s))
        result.local = [f"{prefix}{slug}.md" for slug in slugs]
    return result


def _local_page(uri: str, rest: str, prefix: str, langs_by_slug: dict, problems: list) -> None:
    if "/" in rest:
        problems.append(_both(
            f"docs/{uri}: egna sidor ligger direkt i docs/{prefix}, inte i en undermapp; "
            f"förväntat docs/{prefix}{posixpath.basename(rest)}",
            f"docs/{uri}: local pages go directly in docs/{prefix}, not in a subfolder; "
            f"expected docs/{prefix}{posixpath.basename(rest)}"))
        return
    match = re.fullmatch(r"(.*)\.(sv|en)\.md", rest)
    if not match:
        stem = rest[:-3]
        problems.append(_both(
            f"docs/{uri}: egen sida utan språkkod; förväntat docs/{prefix}{stem}.sv.md och docs/{prefix}{stem}.en.md",
            f"docs/{uri}: local page without a language code; expected docs/{prefix}{stem}.sv.md "
            f"and docs/{prefix}{stem}.en.md"))
        return
    slug, lang = match.groups()
    if not SLUG.fullmatch(slug):
        problems.append(_both(
            f"docs/{uri}: förväntat ett namn av små bokstäver a-z, siffror och bindestreck; hittade '{slug}'",
            f"docs/{uri}: expected a name of lowercase letters a-z, digits and hyphens, found '{slug}'"))
        return
    langs_by_slug.setdefault(slug, set()).add(lang)


def _both(sv: str, en: str) -> str:
    """A problem in Swedish, with English beside it (as kommun.yml's problems are shown)."""
    return f"{sv}\n    (en) {en}"


def build_nav(nav: list | None, exclude, local: list[str], title: str, before: str | None = None) -> list | None:
    """A new nav without excluded chapters and with one section of local pages.

    Idempotent, because every language build starts from the same config.nav: an existing section
    called `title` is replaced, never duplicated. The section goes before the top-level entry
    titled `before` if there is one, else at the end.
    """
    if nav is None:  # MkDocs builds the nav from the files, which are already filtered
        return None
    items = [item for item in _prune(nav, exclude) if _title(item) != title]
    if local:
        titles = [_title(item) for item in items]
        at = titles.index(before) if before in titles else len(items)
        items.insert(at, {title: list(local)})
    return items


def _title(item) -> str | None:
    return next(iter(item)) if isinstance(item, dict) and len(item) == 1 else None


def _prune(items: list, exclude) -> list:
    out = []
    for item in items:
        if isinstance(item, str):
            if not in_chapters(item, exclude):
                out.append(item)
            continue
        (key, value), = item.items()
        if isinstance(value, list):
            children = _prune(value, exclude)
            if children:
                out.append({key: children})
        elif not (_is_page(value) and in_chapters(value, exclude)):
            out.append({key: value})
    return out


def _is_page(target: str) -> bool:
    return "://" not in target and target.endswith(".md")


# Markdown links into excluded chapters become their plain text, so strict link checks pass and
# nothing is left pointing at a page that is not built.
FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+)(?:.|\n)*?(?<!`)\1(?!`)")
TEXT = r"\[((?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*)\]"
INLINE_LINK = re.compile(TEXT + r"\(\s*<?([^\s()<>]+)>?(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
REF_DEF = re.compile(r"^ {0,3}\[([^\]^][^\]]*)\]:[ \t]*<?(\S+?)>?(?:[ \t]+.*)?$", re.M)
REF_USE = re.compile(TEXT + r"(?:\[([^\]]*)\])?(?![(:])")


def unlink_excluded(markdown: str, page_uri: str, exclude) -> str:
    """Replace Markdown links whose target is a page in an excluded chapter with the link text."""
    if not exclude:
        return markdown
    base = posixpath.dirname(page_uri)

    def excluded(target: str) -> bool:
        path = target.split("#")[0].split("?")[0]
        if not path or not _is_page(path) or path.startswith("/"):
            return False
        resolved = posixpath.normpath(posixpath.join(base, path))
        return not resolved.startswith("../") and in_chapters(resolved, exclude)

    dead = {_label(m.group(1)) for m in REF_DEF.finditer(_mask_code(markdown)) if excluded(m.group(2))}
    return _outside_code(markdown, lambda text: _unlink(text, excluded, dead))


def _label(text: str) -> str:
    return " ".join(text.split()).lower()


def _unlink(text: str, excluded, dead: set) -> str:
    def inline(m):
        return m.group(0) if _is_image(m) or not excluded(m.group(2)) else m.group(1)

    text = INLINE_LINK.sub(inline, text)
    if not dead:
        return text
    text = REF_DEF.sub(lambda m: "" if _label(m.group(1)) in dead else m.group(0), text)

    def ref(m):
        label = m.group(2) if m.group(2) else m.group(1)
        return m.group(0) if _is_image(m) or _label(label) not in dead else m.group(1)

    return REF_USE.sub(ref, text)


def _is_image(m) -> bool:
    return m.start() > 0 and m.string[m.start() - 1] == "!"


def _mask_code(markdown: str) -> str:
    return _outside_code(markdown, lambda text: text, code=lambda text: re.sub(r"[^\n]", " ", text))


def _outside_code(markdown: str, prose, code=lambda text: text) -> str:
    """Apply `prose` to the text outside fenced code blocks and code spans."""
    out, buf, fence = [], [], None
    for line in markdown.splitlines(keepends=True):
        match = FENCE.match(line)
        if fence is None and match:
            out.append(_spans(prose, code, "".join(buf)))
            buf, fence = [], match.group(1)
            out.append(code(line))
        elif fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            out.append(code(line))
        else:
            buf.append(line)
    out.append(_spans(prose, code, "".join(buf)))
    return "".join(out)


def _spans(prose, code, text: str) -> str:
    """Protect code spans by swapping them for placeholders while `prose` runs."""
    spans = []

    def hide(m):
        spans.append(m.group(0))
        return f"\x00{len(spans) - 1}\x00"

    done = prose(CODE_SPAN.sub(hide, text))
    return re.sub(r"\x00(\d+)\x00", lambda m: code(spans[int(m.group(1))]), done)
