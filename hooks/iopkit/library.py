"""Load and check the clause library in docs/_agreements (and a fork's local clauses).

Every problem names the file and what was expected. No MkDocs imports.
"""
from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import jinja2.meta
import yaml

from .pages import RenderError, load_yaml, make_env

LANGS = ("sv", "en")
TYPES = {"text", "date", "integer", "money", "boolean"}
SOURCES = {"kommun", "blank", "default"}
SEMVER = re.compile(r"\d+\.\d+\.\d+")
FRONT = re.compile(r"\A---\s*\n(.*?)\n---\s*\n(.*)\Z", re.S)
FUNCTIONS = {"figure"}  # callables every clause may use besides its variables (see agreements.py)


@dataclass(frozen=True)
class Clause:
    id: str
    lang: str
    title: str
    note: str
    ref: str
    body: str
    path: Path
    local: bool = False
    template: jinja2.Template | None = field(default=None, compare=False, repr=False)
    body_line: int = 0        # lines before the body (front matter), so errors name the file's real line
    upstream: str = ""        # a local clause: git blob id of the upstream text it was based on ("" = unknown)
    upstream_now: str = ""    # a local clause: git blob id of upstream's current text
    upstream_path: Path | None = None

    @property
    def stale(self) -> bool:
        """A local clause made from upstream text that upstream has changed since."""
        return self.local and bool(self.upstream) and self.upstream != self.upstream_now


@dataclass
class Library:
    variables: dict
    templates: dict
    clauses: dict = field(default_factory=dict)  # (lang, id) -> Clause

    def clause(self, lang: str, clause_id: str) -> Clause:
        return self.clauses[(lang, clause_id)]

    def notices(self, root: Path) -> list[str]:
        """One notice per local clause whose upstream text changed, or whose basis is not recorded."""
        out = []
        for (lang, cid), c in sorted(self.clauses.items()):
            if not c.local or c.upstream == c.upstream_now:
                continue
            here, there = _rel(c.path, root), _rel(c.upstream_path, root)
            if not c.upstream:
                out.append(
                    f"Lokal klausul {here}: det står inte vilken version av originalets klausul den bygger på "
                    f"(the local clause does not record which upstream text it is based on). Jämför med "
                    f"(compare with) {there} och skriv sedan (then add) 'upstream: {c.upstream_now}' överst i filen "
                    "(to its front matter).")
            else:
                out.append(
                    f"Lokal klausul '{cid}' ({lang}) bygger på en äldre version av originalets klausul "
                    f"(local clause '{cid}' predates upstream's current wording).\n"
                    f"  Se vad originalet har ändrat (see what upstream changed): git diff {c.upstream[:12]} HEAD:{there}\n"
                    f"  Gå igenom {here} och skriv sedan (review it, then set) upstream: {c.upstream_now}")
        return out


def load_library(agreements_dir: Path, local_dir: Path | None = None, root: Path | None = None,
                 compile_langs: tuple[str, ...] = LANGS) -> Library:
    """Read variables.yml, templates.yml and every clause; raise RenderError on the first bad file.
    Every clause is checked; only those in `compile_langs` are compiled (a language build renders its own)."""
    root = root or agreements_dir.parent.parent
    variables = _load_variables(agreements_dir / "variables.yml", root)
    templates = _read_yaml(agreements_dir / "templates.yml", root)
    lib = Library(variables=variables, templates=templates)
    for lang in LANGS:
        for path in sorted((agreements_dir / "clauses" / lang).glob("*.md")):
            lib.clauses[(lang, path.stem)] = _load_clause(path, lang, root)
    _check_pairs(lib, agreements_dir / "clauses", root, what="clause")
    if local_dir is not None and local_dir.is_dir():
        _apply_local(lib, local_dir, root)
    _check_templates(lib, agreements_dir / "templates.yml", root)
    env = make_env()
    for key, clause in lib.clauses.items():
        lib.clauses[key] = _compile(clause, variables, env, root, key[0] in compile_langs)
    return lib


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


# libyaml when the wheel has it: a fifth of each live-preview rebuild went to composing in Python.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _check_duplicate_keys(text: str, where: str) -> None:
    """YAML keeps the last of two equal keys without a word; here a repeated key stops the build."""
    stack = [yaml.compose(text, Loader=_LOADER)]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            seen = set()
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen:
                        raise RenderError(f"{where}: line {key.start_mark.line + 1}: key '{key.value}' "
                                          "appears twice in the same mapping; expected each key once")
                    seen.add(key.value)
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def _read_yaml(path: Path, root: Path) -> dict:
    try:
        text = path.read_text(encoding="utf-8")
        data = load_yaml(text)
        _check_duplicate_keys(text, _rel(path, root))
    except FileNotFoundError:
        raise RenderError(f"{_rel(path, root)}: file not found") from None
    except yaml.YAMLError as err:
        raise RenderError(f"{_rel(path, root)}: not valid YAML: {err}") from None
    if not isinstance(data, dict):
        raise RenderError(f"{_rel(path, root)}: expected a mapping of ids, found {type(data).__name__}")
    return data


def _load_variables(path: Path, root: Path) -> dict:
    data = _read_yaml(path, root)
    where = _rel(path, root)
    for name, spec in data.items():
        if not isinstance(spec, dict):
            raise RenderError(f"{where}: variable '{name}': expected a mapping with type, source and label")
        if spec.get("type") not in TYPES:
            raise RenderError(f"{where}: variable '{name}': type must be one of {sorted(TYPES)}, found {spec.get('type')!r}")
        if spec.get("source") not in SOURCES:
            raise RenderError(f"{where}: variable '{name}': source must be one of {sorted(SOURCES)}, found {spec.get('source')!r}")
        label = spec.get("label")
        missing = [lang for lang in LANGS if not (isinstance(label, dict) and str(label.get(lang) or "").strip())]
        if missing:
            raise RenderError(f"{where}: variable '{name}': label missing in {', '.join(missing)}; expected label: {{sv: …, en: …}}")
        if spec["source"] == "kommun" and not spec.get("path"):
            raise RenderError(f"{where}: variable '{name}': source kommun needs a path into kommun.yml")
        if spec["source"] == "default" and "default" not in spec:
            raise RenderError(f"{where}: variable '{name}': source default needs a default value")
        if "choices" in spec:
            _check_choices(where, name, spec)
    return data


def _check_choices(where: str, name: str, spec: dict) -> None:
    """A choice is a text variable with a fixed list of values; "" means not chosen yet."""
    choices = spec["choices"]
    if spec["type"] != "text" or spec["source"] != "default":
        raise RenderError(f"{where}: variable '{name}': choices need type text and source default")
    if not isinstance(choices, list) or not choices or not all(isinstance(c, str) and c for c in choices):
        raise RenderError(f"{where}: variable '{name}': choices must be a non-empty list of words")
    if spec["default"] not in ["", *choices]:
        raise RenderError(f"{where}: variable '{name}': default {spec['default']!r} is not empty and not "
                          f"one of the choices {choices}")


def blob_id(path: Path) -> str:
    """The file's git blob id (what `git hash-object` prints), so `git diff <id> <file>` shows changes."""
    data = path.read_bytes()
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()  # noqa: S324 (git's id, not security)


def _load_clause(path: Path, lang: str, root: Path, local: bool = False) -> Clause:
    where = _rel(path, root)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise RenderError(f"{where}: not saved as UTF-8 (inte sparad som UTF-8); save it as UTF-8") from None
    match = FRONT.match(text)
    if not match:
        raise RenderError(f"{where}: malformed front matter; expected the file to start with '---', "
                          "title/note/ref, and '---'")
    try:
        meta = load_yaml(match.group(1))
    except yaml.YAMLError as err:
        raise RenderError(f"{where}: malformed front matter: {err}") from None
    if not isinstance(meta, dict):
        raise RenderError(f"{where}: malformed front matter; expected keys title, note and ref")
    for key in ("title", "note", "ref"):
        if not str(meta.get(key) or "").strip():
            raise RenderError(f"{where}: front matter field '{key}' is missing or empty")
    return Clause(path.stem, lang, str(meta["title"]), str(meta["note"]), str(meta["ref"]),
                  match.group(2), path, local, upstream=str(meta.get("upstream") or ""),
                  body_line=text[: match.start(2)].count("\n"))


def _check_pairs(lib: Library, base: Path, root: Path, what: str) -> None:
    ids = {lang: {cid for (cl, cid) in lib.clauses if cl == lang} for lang in LANGS}
    for lang, other in (("sv", "en"), ("en", "sv")):
        for cid in sorted(ids[lang] - ids[other]):
            raise RenderError(f"{what} '{cid}' exists in {lang} but not in {other}; "
                              f"expected {_rel(base / other / (cid + '.md'), root)}")


def _apply_local(lib: Library, local_dir: Path, root: Path) -> None:
    """A fork's clause replaces the upstream clause with the same id, in both languages."""
    local = {}
    for lang in LANGS:
        for path in sorted((local_dir / lang).glob("*.md")):
            if (lang, path.stem) not in lib.clauses:
                raise RenderError(f"{_rel(path, root)}: den lokala klausulen '{path.stem}' ersätter ingen klausul; "
                                  "förväntat id:t för en klausul i docs/_agreements/clauses\n    (en) "
                                  f"{_rel(path, root)}: local clause '{path.stem}' replaces no clause; "
                                  "expected the id of a clause in docs/_agreements/clauses")
            upstream = lib.clauses[(lang, path.stem)].path
            local[(lang, path.stem)] = dataclasses.replace(
                _load_clause(path, lang, root, local=True), upstream_now=blob_id(upstream), upstream_path=upstream)
    for lang, other in (("sv", "en"), ("en", "sv")):
        for (cl, cid) in local:
            if cl == lang and (other, cid) not in local:
                raise RenderError(f"den lokala klausulen '{cid}' finns på {lang} men inte på {other}; förväntat "
                                  f"{_rel(local_dir / other / (cid + '.md'), root)}\n    (en) "
                                  f"local clause '{cid}' exists in {lang} but not in {other}; "
                                  f"expected {_rel(local_dir / other / (cid + '.md'), root)}")
    lib.clauses.update(local)


def _check_templates(lib: Library, path: Path, root: Path) -> None:
    where = _rel(path, root)
    for tid, spec in lib.templates.items():
        if not isinstance(spec, dict):
            raise RenderError(f"{where}: template '{tid}': expected a mapping")
        if not SEMVER.fullmatch(str(spec.get("version", ""))):
            raise RenderError(f"{where}: template '{tid}': version must look like 1.0.0, found {spec.get('version')!r}")
        title = spec.get("title") or {}
        if not all(str(title.get(lang) or "").strip() for lang in LANGS):
            raise RenderError(f"{where}: template '{tid}': title needs both sv and en")
        for ids in (spec.get("cover"), spec.get("clauses")):
            if not isinstance(ids, list) or not ids:
                raise RenderError(f"{where}: template '{tid}': cover and clauses must be non-empty lists of clause ids")
        for cid in spec["cover"] + spec["clauses"] + [spec.get("signature")]:
            if ("sv", cid) not in lib.clauses:
                raise RenderError(f"{where}: template '{tid}': unknown clause id '{cid}'; "
                                  "expected a file docs/_agreements/clauses/sv/<id>.md")
        headings = spec.get("headings") or {}
        for part, text in headings.items():
            if part not in ("cover", "terms") or not all(str((text or {}).get(lang) or "").strip() for lang in LANGS):
                raise RenderError(f"{where}: template '{tid}': headings.{part} must be cover or terms, "
                                  "with text in both sv and en")
        for name, value in (spec.get("values") or {}).items():
            if name not in lib.variables:
                raise RenderError(f"{where}: template '{tid}': value for undeclared variable '{name}'")
            choices = lib.variables[name].get("choices")
            if choices is not None and value not in ["", *choices]:
                raise RenderError(f"{where}: template '{tid}': value {value!r} for '{name}' is not one of "
                                  f"{choices} (or empty, which leaves a visible blank)")


def _compile(clause: Clause, variables: dict, env: jinja2.Environment, root: Path, build: bool = True) -> Clause:
    """Check that every name a clause uses is declared, and (with `build`) compile it once for all templates."""
    where = _rel(clause.path, root)
    try:
        ast = env.parse(clause.body)
    except jinja2.TemplateSyntaxError as err:
        raise RenderError(f"{where}: line {err.lineno + clause.body_line}: {err.message}") from None
    unknown = sorted(jinja2.meta.find_undeclared_variables(ast) - set(variables) - FUNCTIONS)
    if unknown:
        known = ", ".join(sorted(variables))
        lines = [f"{where}: rad {n} (line {n}): okänt namn (unknown name) {name}; finns (names that exist, "
                 f"declared in docs/_agreements/variables.yml): {known}"
                 for name in unknown for n in [_line_of(clause.body, name) + clause.body_line]]
        raise RenderError("\n  ".join(lines))
    return dataclasses.replace(clause, template=env.from_string(ast)) if build else clause


def _line_of(body: str, name: str) -> int:
    """The line of the first template tag that uses `name` (1 if none is found)."""
    for tag in re.finditer(r"\{\{.*?\}\}|\{%.*?%\}", body, re.S):
        if re.search(rf"(?<![\w.]){re.escape(name)}\b", tag.group(0)):
            return body.count("\n", 0, tag.start()) + 1
    return 1
