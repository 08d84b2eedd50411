"""Load and check kommun.yml, and give each language build its values. No MkDocs imports.

The fork's kommun.yml is read over upstream's defaults (kommun-defaults.yml next to this file), so
a setting added upstream later reaches every fork without an edit to the fork's own file. Every
problem is reported at once, in Swedish with English beside it: field, expected, found, hint.
"""
from __future__ import annotations

import datetime as dt
import difflib
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .colour import contrast, parse_hex
from .pages import _TextDatesLoader
from .schema import CHAPTERS, SCHEMA

LANGS = ("sv", "en")
WHITE = (255, 255, 255)
DEFAULTS = Path(__file__).with_name("kommun-defaults.yml")
IMAGE_TYPES = (".svg", ".png", ".jpg", ".jpeg", ".webp")


@dataclass
class Problem:
    """One problem in kommun.yml, in both languages."""

    field: str
    expected: dict          # {"sv": …, "en": …}
    found: dict | None = None  # {"sv": …, "en": …}
    hint: dict = field(default_factory=dict)

    def line(self, lang: str) -> str:
        words = {"sv": ("förväntat", "hittade", "Tips"), "en": ("expected", "found", "Hint")}[lang]
        text = f"{self.field}: {words[0]} {self.expected[lang]}"
        if self.found is not None:
            text += f"; {words[1]} {self.found[lang]}"
        if self.hint.get(lang):
            text += f". {words[2]}: {self.hint[lang]}"
        return text

    def __str__(self) -> str:
        return f"{self.line('sv')}\n    (en) {self.line('en')}"


class KommunError(Exception):
    """Every problem found in kommun.yml."""

    def __init__(self, path: Path, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        n = len(problems)
        super().__init__(f"{path.name}: {n} fel ({n} problem{'' if n == 1 else 's'}):\n{lines}")


def _p(where, sv, en, found=None, hint_sv="", hint_en="") -> Problem:
    """found: one text for both languages, or a (sv, en) pair."""
    if found is not None:
        found = dict(zip(LANGS, found)) if isinstance(found, tuple) else {"sv": found, "en": found}
    return Problem(where, {"sv": sv, "en": en}, found, {"sv": hint_sv, "en": hint_en} if hint_sv else {})


class _KommunLoader(_TextDatesLoader):
    """Numbers stay as written: an unquoted phone number such as 0701234567 is not read as octal 14979959."""

    yaml_implicit_resolvers = {
        key: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")]
        for key, resolvers in _TextDatesLoader.yaml_implicit_resolvers.items()
    }


def read_yaml(path: Path):
    """Parse a settings file; raise KommunError (never a traceback) for a missing, non-UTF-8 or bad file."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise KommunError(path, [_p(
            path.name, "filen kommun.yml i projektets rot", "the file kommun.yml in the project's root folder",
            ("ingen fil", "no such file"),
            "kopiera kommun.exempel.yml till kommun.yml och fyll i era uppgifter",
            "copy kommun.exempel.yml to kommun.yml and fill in your details")]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise KommunError(path, [_p(
            f"{path.name}, rad {line} (line {line})", "en fil sparad som UTF-8", "a file saved as UTF-8",
            (f"byte 0x{raw[err.start]:02x}, en annan teckenkodning (till exempel Latin-1/ANSI)",
             f"byte 0x{raw[err.start]:02x}, another encoding (such as Latin-1/ANSI)"),
            "spara filen som UTF-8 (i Anteckningar: Spara som → Kodning: UTF-8)",
            "save the file as UTF-8 (in Notepad: Save as → Encoding: UTF-8)")]) from None
    try:
        return yaml.load(text.lstrip("\ufeff"), Loader=_KommunLoader)  # noqa: S506 (a safe loader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"{path.name}, rad {mark.line + 1} (line {mark.line + 1})" if mark else path.name
        problem = str(getattr(err, "problem", "") or err).strip()
        tab = "\t" in text
        raise KommunError(path, [_p(
            where, "giltig YAML", "valid YAML", repr(problem),
            ("dra in med mellanslag, aldrig tabb" if tab else
             "dra in underrubriker med två mellanslag och sätt citattecken runt text med kolon (:) eller #"),
            ("indent with spaces, never tabs" if tab else
             "indent sub-keys by two spaces and quote text that contains a colon (:) or #"))]) from None


def merge(base, over):
    """`over` on top of `base`: sections merge key by key; any other value in `over` replaces."""
    if isinstance(base, dict) and isinstance(over, dict):
        out = dict(base)
        for key, value in over.items():
            out[key] = merge(base[key], value) if key in base and value is not None else value
        return out
    return over


def load(path: Path, docs_dir: Path, defaults: Path = DEFAULTS) -> dict:
    """Read the fork's kommun.yml over upstream's defaults, check it, and return it."""
    data = read_yaml(path)
    if data is None:
        data = {}
    if isinstance(data, dict):
        data = merge(read_yaml(defaults) or {}, data)
    problems = check(data, docs_dir)
    if problems:
        raise KommunError(path, problems)
    return data


def check(data, docs_dir: Path) -> list[Problem]:
    """Every problem: field path, what was expected, what was found, and a hint."""
    if not isinstance(data, dict):
        return [_p("(kommun.yml)", "inställningar med namn och värde", "a mapping of settings", _show(data))]
    problems = _check_section(data, SCHEMA, "", docs_dir)
    if isinstance(data.get("colours"), dict):
        problems += _check_contrast(data["colours"])
    if isinstance(data.get("guidelines"), dict):
        problems += _check_guidelines(data["guidelines"])
    if isinstance(data.get("accessibility"), dict):
        problems += _check_order(data["accessibility"], "accessibility", ("assessed", "updated"))
    return problems


def _check_section(data: dict, schema: dict, prefix: str, docs_dir: Path) -> list[Problem]:
    problems = []
    known = sorted(k.rstrip("?") for k in schema)
    for key in data:
        if key not in known:
            close = difflib.get_close_matches(str(key), known, n=1)
            problems.append(_p(
                f"{prefix}{key}", "en av " + ", ".join(known), "one of " + ", ".join(known), ("en okänd inställning", "an unknown setting"),
                f"menade du {close[0]}?" if close else "kontrollera stavningen och indraget",
                f"did you mean {close[0]}?" if close else "check the spelling and the indentation"))
    for raw_key, kind in schema.items():
        key, optional = raw_key.rstrip("?"), raw_key.endswith("?")
        where = f"{prefix}{key}"
        if key not in data or data[key] is None:
            if not optional:
                sv, en = _expected(kind)
                problems.append(_p(where, sv, en, ("ingenting (fältet saknas eller är tomt)", "nothing (missing or empty)")))
            continue
        value = data[key]
        if isinstance(kind, dict):
            if isinstance(value, dict):
                problems += _check_section(value, kind, where + ".", docs_dir)
            else:
                problems.append(_p(where, "en rubrik med indragna fält under", "a section with indented keys",
                                   _show(value), "skriv fälten på egna rader, indragna två mellanslag",
                                   "write the keys on their own lines, indented two spaces"))
        else:
            problems += _check_value(value, kind, where, docs_dir)
    return problems


def _check_value(value, kind: str, where: str, docs_dir: Path) -> list[Problem]:
    if kind.startswith("list:"):
        if not isinstance(value, list):
            return [_p(where, "en lista, till exempel [a, b] eller [] för ingen", "a list such as [a, b], or [] for none",
                       _show(value))]
        problems = []
        for i, item in enumerate(value):
            problems += _check_value(item, kind[5:], f"{where}[{i}]", docs_dir)
        return problems
    if kind == "localised":
        if not isinstance(value, dict):
            return [_p(where, "text på båda språken (sv: …, en: …)", "text in both languages (sv: …, en: …)",
                       _show(value), "skriv sv: och en: på egna rader under fältet",
                       "write sv: and en: on their own lines under the field")]
        problems = [_p(f"{where}.{k}", "sv och en", "sv and en", ("ett okänt språk", "an unknown language"))
                    for k in value if k not in LANGS]
        for lang in LANGS:
            problems += _check_value(value.get(lang), "text", f"{where}.{lang}", docs_dir)
        return problems
    problem = _VALIDATORS[kind.split(":")[0]](value, kind, docs_dir)
    if problem is True:
        return []
    sv, en = _expected(kind)
    found, hint = (problem if isinstance(problem, tuple) else (_show(value), None))
    return [_p(where, sv, en, found, *(hint or ("", "")))]


def _is_text(value, *_):
    return isinstance(value, str) and value.strip() != ""


def _date(value, *_):
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return (_show(value), ("skriv till exempel 2027-03-15", "write for example 2027-03-15"))
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return ((f"{value!r}, ett datum som inte finns", f"{value!r}, no such date"),
                ("kontrollera månad (01–12) och dag", "check the month (01–12) and the day"))
    return True


def _url(value, *_):
    return _is_text(value) and re.fullmatch(r"https?://[A-Za-z0-9.-]+(:\d+)?(/[A-Za-z0-9._~%$&+,;=:@/?#-]*)?", value) is not None


def _site_url(value, *_):
    if not _url(value):
        return False
    if not value.endswith("/"):
        return (repr(value), (f"skriv {value}/ (med / på slutet)", f"write {value}/ (with / at the end)"))
    return True


def _email(value, *_):
    if isinstance(value, str) and value.lower().startswith("mailto:"):
        return (repr(value), ("skriv bara adressen, utan mailto:", "write the address alone, without mailto:"))
    return _is_text(value) and re.fullmatch(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", value) is not None


def _phone(value, *_):
    return _is_text(value) and re.fullmatch(r"\+?[0-9][0-9 \-]{5,19}", value) is not None


def _file(value, _, docs_dir: Path):
    if not _is_text(value):
        return False
    hint = ("lägg filen i docs/lokalt/ och skriv till exempel lokalt/logotyp.svg",
            "put the file in docs/lokalt/ and write for example lokalt/logotyp.svg")
    norm = posixpath.normpath(value.replace("\\", "/"))
    if value.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", value) or norm.startswith("..") or "://" in value:
        return ((f"{value!r}, utanför docs/", f"{value!r}, outside docs/"), hint)
    if not norm.lower().endswith(IMAGE_TYPES):
        return ((f"{value!r}, inte en bild", f"{value!r}, not an image"), hint)
    if not (docs_dir / norm).is_file():
        return ((f"{value!r}, men filen finns inte", f"{value!r}, but no such file"), hint)
    return True


_VALIDATORS = {
    "text": _is_text,
    "url": _url,
    "siteurl": _site_url,
    "email": _email,
    "phone": _phone,
    "date": _date,
    "colour": lambda v, *_: isinstance(v, str) and parse_hex(v) is not None,
    "bool": lambda v, *_: isinstance(v, bool),
    "enum": lambda v, kind, _: v in kind[5:].split("|"),
    "chapter": lambda v, *_: v in CHAPTERS,
    "file": _file,
}


def _expected(kind) -> tuple[str, str]:
    if isinstance(kind, dict):
        keys = ", ".join(k.rstrip("?") for k in kind)
        return f"en rubrik med fälten {keys}", f"a section with keys {keys}"
    if kind.startswith("enum:"):
        return "ett av " + ", ".join(kind[5:].split("|")), "one of " + ", ".join(kind[5:].split("|"))
    if kind.startswith("list:"):
        return "en lista", "a list"
    return {
        "text": ("text (inte tom)", "non-empty text"),
        "localised": ("text på båda språken (sv: …, en: …)", "text in both languages (sv: …, en: …)"),
        "url": ("en webbadress som börjar med https://", "a web address starting with https://"),
        "siteurl": ("webbplatsens adress, som börjar med https:// och slutar med /",
                    "the site's address, starting with https:// and ending with /"),
        "email": ("en e-postadress som iop@kommun.se", "an e-mail address such as iop@kommun.se"),
        "phone": ("ett telefonnummer av siffror, mellanslag och bindestreck",
                  "a phone number of digits, spaces and hyphens"),
        "date": ("ett datum skrivet ÅÅÅÅ-MM-DD", "a date written YYYY-MM-DD"),
        "colour": ('en färg skriven "#rrggbb" inom citattecken (utan dem läser YAML # som en kommentar)',
                   'a colour written "#rrggbb" in quotes (unquoted, YAML reads # as a comment)'),
        "bool": ("true eller false", "true or false"),
        "chapter": ("ett av " + ", ".join(CHAPTERS), "one of " + ", ".join(CHAPTERS)),
        "file": ("en bildfil under docs/, skriven från docs/ (till exempel lokalt/logotyp.svg)",
                 "an image file under docs/, written from docs/ (for example lokalt/logotyp.svg)"),
    }[kind]


def _show(value) -> str | tuple[str, str]:
    if value is None or value == "":
        return ("ingenting (tomt)", "nothing (empty)")
    if isinstance(value, dict):
        return ("en rubrik med fält", "a section with keys")
    if isinstance(value, list):
        return ("en lista", "a list")
    return repr(value)


def _check_contrast(colours: dict) -> list[Problem]:
    """White header text on the brand colour, and brand-coloured links on white, need 4.5:1."""
    problems = []
    for key in ("primary", "accent"):
        rgb = parse_hex(colours.get(key))
        if rgb is None:  # reported by the schema check
            continue
        ratio = contrast(rgb, WHITE)
        if ratio < 4.5:
            problems.append(_p(
                f"colours.{key}", "en kontrast på minst 4,5:1 mot vit text",
                "a contrast of at least 4.5:1 against white text",
                (f"{ratio:.2f}:1 för {colours[key]}".replace(".", ",", 1), f"{ratio:.2f}:1 for {colours[key]}"),
                "välj en mörkare färg", "choose a darker colour"))
    return problems


def _as_date(value):
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _check_order(section: dict, prefix: str, keys: tuple[str, ...]) -> list[Problem]:
    """Dates that must come in this order (equal is fine). Unparsable dates are reported elsewhere."""
    problems = []
    dated = [(k, _as_date(section.get(k))) for k in keys if _as_date(section.get(k))]
    for (a, da), (b, db) in zip(dated, dated[1:]):
        if da > db:
            problems.append(_p(
                f"{prefix}.{b}", f"ett datum samma dag som eller efter {prefix}.{a} ({da})",
                f"a date on or after {prefix}.{a} ({da})", repr(section[b]),
                f"kontrollera båda datumen; {b} kan inte komma före {a}",
                f"check both dates; {b} cannot come before {a}"))
    return problems


def _check_guidelines(guide: dict) -> list[Problem]:
    problems = []
    if guide.get("adopted") is True and guide.get("decision_date") in (None, ""):
        problems.append(_p(
            "guidelines.decision_date", "beslutsdatumet när adopted är true", "the decision date when adopted is true",
            ("ingenting", "nothing"), "skriv datumet då riktlinjerna antogs, eller sätt adopted: false för ett förslag",
            "write the date the guidelines were adopted, or set adopted: false for a proposal"))
    return problems + _check_order(guide, "guidelines", ("memo_date", "decision_date", "review_date"))


KIND_WORDS = {
    "kommun": {"sv": "kommunen", "en": "the municipality"},
    "region": {"sv": "regionen", "en": "the region"},
}


def localise(data: dict, lang: str) -> dict:
    """The values pages and templates use, as plain strings in one language."""
    org, guide = data["organisation"], data["guidelines"]
    acc = data["accessibility"]
    officer = guide.get("case_officer") or {}
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
            "adopted": bool(guide.get("adopted", False)),
            "decision_date": str(guide.get("decision_date") or ""),
            "review_date": str(guide["review_date"]),
            "responsible_unit": guide["responsible_unit"][lang],
            "case_officer": {
                "name": officer.get("name", ""),
                "title": (officer.get("title") or {}).get(lang, ""),
                "email": officer.get("email", ""),
                "phone": officer.get("phone", ""),
            },
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
