"""Load and check kommun.yml, and give each language build its values. No MkDocs imports."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from .colour import contrast, parse_hex
from .pages import load_yaml
from .schema import CHAPTERS, SCHEMA

LANGS = ("sv", "en")
WHITE = (255, 255, 255)


class KommunError(Exception):
    """Every problem found in kommun.yml, one per line."""

    def __init__(self, path: Path, problems: list[str]):
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{path.name}: {len(problems)} problem(s):\n{lines}")


def load(path: Path, docs_dir: Path) -> dict:
    """Read, check and return kommun.yml; raise KommunError listing every problem."""
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KommunError(path, [f"file not found: {path}"]) from None
    except yaml.YAMLError as err:
        raise KommunError(path, [f"not valid YAML: {err}"]) from None
    problems = check(data, docs_dir)
    if problems:
        raise KommunError(path, problems)
    return data


def check(data, docs_dir: Path) -> list[str]:
    """Return a list of problems: field path, what was expected, what was found."""
    if not isinstance(data, dict):
        return [f"(top level): expected a mapping of settings, found {_show(data)}"]
    problems = _check_section(data, SCHEMA, "", docs_dir)
    if isinstance(data.get("colours"), dict):
        problems += _check_contrast(data["colours"])
    return problems


def _check_section(data: dict, schema: dict, prefix: str, docs_dir: Path) -> list[str]:
    problems = []
    known = {k.rstrip("?") for k in schema}
    for key in data:
        if key not in known:
            problems.append(f"{prefix}{key}: unknown key; expected one of {', '.join(sorted(known))}")
    for raw_key, kind in schema.items():
        key, optional = raw_key.rstrip("?"), raw_key.endswith("?")
        where = f"{prefix}{key}"
        if key not in data or data[key] is None:
            if not optional:
                problems.append(f"{where}: missing; expected {_expected(kind)}")
            continue
        value = data[key]
        if isinstance(kind, dict):
            if isinstance(value, dict):
                problems += _check_section(value, kind, where + ".", docs_dir)
            else:
                problems.append(f"{where}: expected a section with keys, found {_show(value)}")
        else:
            problems += _check_value(value, kind, where, docs_dir)
    return problems


def _check_value(value, kind: str, where: str, docs_dir: Path) -> list[str]:
    if kind.startswith("list:"):
        if not isinstance(value, list):
            return [f"{where}: expected a list, found {_show(value)}"]
        item_kind = kind[5:]
        problems = []
        for i, item in enumerate(value):
            problems += _check_value(item, item_kind, f"{where}[{i}]", docs_dir)
        return problems
    if kind == "localised":
        if not isinstance(value, dict):
            return [f"{where}: expected text in both languages (sv: …, en: …), found {_show(value)}"]
        problems = [f"{where}.{k}: unknown language; expected sv and en" for k in value if k not in LANGS]
        for lang in LANGS:
            problems += _check_value(value.get(lang), "text", f"{where}.{lang}", docs_dir)
        return problems
    ok = _VALIDATORS[kind.split(":")[0]](value, kind, docs_dir)
    return [] if ok else [f"{where}: expected {_expected(kind)}, found {_show(value)}"]


def _is_text(value, *_):
    return isinstance(value, str) and value.strip() != ""


def _is_date(value, *_):
    if isinstance(value, dt.date):
        return True
    return isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) is not None and _parses(value)


def _parses(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
        return True
    except ValueError:
        return False


_VALIDATORS = {
    "text": _is_text,
    "url": lambda v, *_: _is_text(v) and re.fullmatch(r"https?://[^\s/]+(/\S*)?", v) is not None,
    "email": lambda v, *_: _is_text(v) and re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", v) is not None,
    "phone": lambda v, *_: _is_text(v) and re.fullmatch(r"\+?[0-9][0-9 \-]{5,19}", v) is not None,
    "date": _is_date,
    "colour": lambda v, *_: isinstance(v, str) and parse_hex(v) is not None,
    "bool": lambda v, *_: isinstance(v, bool),
    "enum": lambda v, kind, _: v in kind[5:].split("|"),
    "chapter": lambda v, *_: v in CHAPTERS,
    "file": lambda v, _, docs_dir: _is_text(v) and (docs_dir / v).is_file(),
}


def _expected(kind) -> str:
    if isinstance(kind, dict):
        return "a section with keys " + ", ".join(k.rstrip("?") for k in kind)
    if kind.startswith("enum:"):
        return "one of " + ", ".join(kind[5:].split("|"))
    if kind.startswith("list:"):
        return "a list"
    return {
        "text": "non-empty text",
        "localised": "text in both languages (sv: …, en: …)",
        "url": "a web address starting with https:// or http://",
        "email": "an e-mail address such as iop@kommun.se",
        "phone": "a phone number of digits, spaces and hyphens",
        "date": "a date written YYYY-MM-DD",
        "colour": 'a colour written "#rrggbb" in quotes (unquoted, YAML reads # as a comment)',
        "bool": "true or false",
        "chapter": "one of " + ", ".join(CHAPTERS),
        "file": "a file under docs/ (path relative to docs/)",
    }[kind]


def _show(value) -> str:
    if value is None or value == "":
        return "nothing (empty)"
    return repr(value) if not isinstance(value, (dict, list)) else type(value).__name__


def _check_contrast(colours: dict) -> list[str]:
    """White header text on the brand colour, and brand-coloured links on white, need 4.5:1."""
    problems = []
    for key in ("primary", "accent"):
        rgb = parse_hex(colours.get(key))
        if rgb is None:  # reported by the schema check
            continue
        ratio = contrast(rgb, WHITE)
        if ratio < 4.5:
            problems.append(
                f"colours.{key}: expected contrast of at least 4.5:1 against white text, "
                f"found {ratio:.2f}:1 for {colours[key]}; choose a darker colour"
            )
    return problems


KIND_WORDS = {
    "kommun": {"sv": "kommunen", "en": "the municipality"},
    "region": {"sv": "regionen", "en": "the region"},
}


def localise(data: dict, lang: str) -> dict:
    """The values pages and templates use, as plain strings in one language."""
    org, guide = data["organisation"], data["guidelines"]
    acc = data["accessibility"]
    return {
        "org": {
            "name": org["name"][lang],
            "short_name": org["short_name"][lang],
            "kind": KIND_WORDS[org["kind"]][lang],
            "kind_key": org["kind"],
            "website": org["website"],
            "email": data["contact"]["email"],
            "phone": data["contact"]["phone"],
            "example": bool(org.get("example", False)),
        },
        "guidelines": {
            "addressee": guide["addressee"][lang],
            "adopted_by": guide["adopted_by"][lang],
            "reference": guide["reference"],
            "memo_date": str(guide["memo_date"]),
            "decision_date": str(guide["decision_date"]),
            "review_date": str(guide["review_date"]),
            "responsible_unit": guide["responsible_unit"][lang],
        },
        "accessibility": {
            "compliance": acc["compliance"],
            "assessed": str(acc["assessed"]),
            "updated": str(acc["updated"]),
            "method": acc["method"][lang],
            "known_issues": [i[lang] for i in acc["known_issues"]],
            "disproportionate_burden": [i[lang] for i in acc["disproportionate_burden"]],
            "outside_scope": [i[lang] for i in acc["outside_scope"]],
            "response_time": acc["response_time"][lang],
        },
        "site": {"url": data["site"]["url"], "repository": data["site"].get("repository", "")},
        "colours": dict(data["colours"]),
        "chapters_excluded": list(data["chapters"]["exclude"]),
        "local_folder": data["local"]["folder"],
    }
