"""The route finder (vägvisaren): its data file, the checks on it and the paths through it. No MkDocs imports.

One data file (docs/_data/vagvisare.yml) holds the questions, the answers and the six routes in both
languages. route_html.py writes it onto the process page and the route finder page.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .pages import load_yaml

DATA_FILE = "_data/vagvisare.yml"   # under docs/
LANGS = ("sv", "en")
ROUTES = ("bidrag", "iop", "reserverad-upphandling", "upphandling", "lov", "egen-regi")
CHECKS = ("procurement", "state_aid", "local_government")
UI = (
    "case_label", "case_hint", "questions_heading", "question", "question_ref", "why", "basis", "goto",
    "goto_route", "note_label", "routes_heading", "routes_intro", "reasons", "lawyer", "checks", "check",
    "what_applies", "procurement", "state_aid", "local_government", "next_step", "assessment",
    "organisation", "case", "reference", "official", "date", "version", "legal_as_of", "blank", "answers",
    "answer", "note", "route", "notes_label", "notes", "disclaimer", "actions", "print", "download",
    "link_label", "link_hint", "copy", "copied", "restart", "next_question", "result_shown", "restored",
    "version_differs", "version_now", "file_name",
)
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
REFERENCE = re.compile(r"\]\[([^\]]+)\]")      # [text][key] in Markdown texts
RELEASE = re.compile(r"^## \[(\d+\.\d+\.\d+)\]", re.M)


class RouteError(Exception):
    """Every problem found in the data file, one per line."""

    def __init__(self, name: str, problems: list[str]):
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{name}: {len(problems)} problem(s):\n{lines}")


@dataclass(frozen=True)
class RoutePath:
    """One way through the questions: (question id, answer id) pairs and the route it ends in."""

    steps: tuple[tuple[str, str], ...]
    route: str


# --- loading and checking -------------------------------------------------------------------------

def load(path: Path) -> dict:
    """Read and check the data file; raise RouteError listing every problem."""
    name = f"docs/{DATA_FILE}"
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RouteError(name, [f"file not found: {path}"]) from None
    except yaml.YAMLError as err:
        raise RouteError(name, [f"not valid YAML: {err}"]) from None
    problems = check(data)
    if problems:
        raise RouteError(name, problems)
    return data


def check(data) -> list[str]:
    """Problems as 'field: what was expected, what was found'; empty when the data is sound."""
    if not isinstance(data, dict):
        return [f"(top level): expected a mapping with start, links, questions, routes and ui, found {_show(data)}"]
    problems = _unknown(data, ("start", "links", "questions", "routes", "ui"), "")
    links = data.get("links")
    if not isinstance(links, dict) or not links:
        problems.append(f"links: expected a mapping of link keys to {{sv, en}} targets, found {_show(links)}")
        links = {}
    for key, target in links.items():
        problems += _text(target, f"links.{key}")
    used: set[str] = set()
    questions = data.get("questions")
    if not isinstance(questions, list) or not questions:
        problems.append(f"questions: expected a list of questions, found {_show(questions)}")
        questions = []
    order = _question_order(questions, problems)
    for n, question in enumerate(questions, 1):
        if isinstance(question, dict):
            problems += _check_question(question, f"questions[{n - 1}]", n, order, links, used)
    start = data.get("start")
    first = questions[0].get("id") if questions and isinstance(questions[0], dict) else None
    if start != first:
        problems.append(f"start: expected the first question's id ({first!r}), found {_show(start)}")
    problems += _check_routes(data.get("routes"), links, used)
    problems += _check_ui(data.get("ui"))
    for key in sorted(set(links) - used):
        problems.append(f"links.{key}: never used; remove it or link to it with [text][{key}]")
    if not problems:
        problems += _check_reach(data)
    return problems


def _bad_slug(value, where: str, example: str) -> str | None:
    """The problem with an id that is not an ASCII slug (shared by questions and answers), or None."""
    if isinstance(value, str) and SLUG.fullmatch(value):
        return None
    return f"{where}.id: expected an ASCII slug such as '{example}', found {_show(value)}"


def _question_order(questions: list, problems: list) -> dict[str, int]:
    order: dict[str, int] = {}
    for n, question in enumerate(questions, 1):
        where = f"questions[{n - 1}]"
        if not isinstance(question, dict):
            problems.append(f"{where}: expected a question (id, text, why, basis, answers), found {_show(question)}")
            continue
        qid = question.get("id")
        if bad := _bad_slug(qid, where, "egen-regi"):
            problems.append(bad)
        elif qid in order:
            problems.append(f"{where}.id: '{qid}' is already question {order[qid]}; ids must be unique")
        else:
            order[qid] = n
    return order


def _check_question(q: dict, where: str, n: int, order: dict, links: dict, used: set) -> list[str]:
    problems = _unknown(q, ("id", "text", "why", "basis", "answers"), where + ".")
    problems += _text(q.get("text"), f"{where}.text") + _markdown(q.get("why"), f"{where}.why", links, used)
    basis = q.get("basis")
    if not isinstance(basis, dict):
        problems.append(f"{where}.basis: expected link (a key of links) and label {{sv, en}}, found {_show(basis)}")
    else:
        problems += _unknown(basis, ("link", "label"), where + ".basis.")
        if basis.get("link") not in links:
            problems.append(f"{where}.basis.link: expected one of the link keys ({', '.join(sorted(links))}), "
                            f"found {_show(basis.get('link'))}")
        else:
            used.add(basis["link"])
        problems += _text(basis.get("label"), f"{where}.basis.label")
    answers = q.get("answers")
    if not isinstance(answers, list) or len(answers) < 2:
        return problems + [f"{where}.answers: expected a list of at least two answers, found {_show(answers)}"]
    seen: set[str] = set()
    for i, answer in enumerate(answers):
        problems += _check_answer(answer, f"{where}.answers[{i}]", n, order, seen)
    return problems


def _check_answer(a, where: str, n: int, order: dict, seen: set) -> list[str]:
    if not isinstance(a, dict):
        return [f"{where}: expected an answer (id, label, reason, next or route), found {_show(a)}"]
    problems = _unknown(a, ("id", "label", "reason", "next", "route"), where + ".")
    aid = a.get("id")
    if bad := _bad_slug(aid, where, "ja"):
        problems.append(bad)
    elif aid in seen:
        problems.append(f"{where}.id: '{aid}' is used twice in this question")
    else:
        seen.add(aid)
    problems += _text(a.get("label"), f"{where}.label") + _text(a.get("reason"), f"{where}.reason")
    has_next, has_route = "next" in a, "route" in a
    if has_next == has_route:
        problems.append(f"{where}: expected exactly one of next (a later question's id) or route "
                        f"({', '.join(ROUTES)}); found {'both' if has_next else 'neither (a dead end)'}")
    elif has_next:
        target = a["next"]
        if target not in order:
            problems.append(f"{where}.next: expected a question id, found {_show(target)} (no such question)")
        elif order[target] <= n:
            problems.append(f"{where}.next: '{target}' is question {order[target]}, not after question {n}; "
                            "answers lead only forward, so the questions can never go round in a cycle")
    elif a["route"] not in ROUTES:
        problems.append(f"{where}.route: expected one of {', '.join(ROUTES)}, found {_show(a['route'])}")
    return problems


def _check_routes(routes, links: dict, used: set) -> list[str]:
    if not isinstance(routes, dict):
        return [f"routes: expected a mapping with the six routes ({', '.join(ROUTES)}), found {_show(routes)}"]
    problems = [f"routes.{r}: missing; every route needs a title, summary, lawyer, checks and next_step"
                for r in ROUTES if r not in routes]
    problems += [f"routes.{r}: unknown route; expected one of {', '.join(ROUTES)}" for r in routes if r not in ROUTES]
    for rid in ROUTES:
        route = routes.get(rid)
        where = f"routes.{rid}"
        if rid not in routes:
            continue
        if not isinstance(route, dict):
            problems.append(f"{where}: expected title, summary, lawyer, checks and next_step, found {_show(route)}")
            continue
        problems += _unknown(route, ("title", "summary", "lawyer", "checks", "next_step"), where + ".")
        problems += _text(route.get("title"), f"{where}.title")
        problems += _markdown(route.get("summary"), f"{where}.summary", links, used)
        problems += _markdown(route.get("next_step"), f"{where}.next_step", links, used)
        lawyer = route.get("lawyer")
        if not isinstance(lawyer, list) or not lawyer:
            problems.append(f"{where}.lawyer: expected a list of what a lawyer still needs to assess, found {_show(lawyer)}")
        else:
            for i, item in enumerate(lawyer):
                problems += _markdown(item, f"{where}.lawyer[{i}]", links, used)
        checks = route.get("checks")
        if not isinstance(checks, dict):
            problems.append(f"{where}.checks: expected {', '.join(CHECKS)}, found {_show(checks)}")
            continue
        problems += _unknown(checks, CHECKS, where + ".checks.")
        for key in CHECKS:
            problems += _markdown(checks.get(key), f"{where}.checks.{key}", links, used)
            if isinstance(checks.get(key), dict) and any("|" in str(t) for t in checks[key].values()):
                problems.append(f"{where}.checks.{key}: a table cell cannot hold '|'; rephrase without it")
    return problems


def _check_ui(ui) -> list[str]:
    if not isinstance(ui, dict):
        return [f"ui: expected a mapping of the page's words ({', '.join(UI[:3])}, …), found {_show(ui)}"]
    problems = _unknown(ui, UI, "ui.")
    for key in UI:
        problems += _text(ui.get(key), f"ui.{key}")
    return problems


def _check_reach(data: dict) -> list[str]:
    """Run only on otherwise sound data: every question reachable, every route reached by some path."""
    problems = []
    found = all_paths(data)
    visited = {qid for path in found for qid, _ in path.steps}
    for q in data["questions"]:
        if q["id"] not in visited:
            problems.append(f"questions: '{q['id']}' cannot be reached from the first question; "
                            "no answer leads to it")
    reached = {path.route for path in found}
    for rid in ROUTES:
        if rid not in reached:
            problems.append(f"routes.{rid}: no answer leads to this route; expected every route to be reachable")
    return problems


def _text(value, where: str) -> list[str]:
    """A text in both languages: {sv: …, en: …}, both non-empty strings."""
    if not isinstance(value, dict):
        return [f"{where}: expected a text in both languages ({{sv: …, en: …}}), found {_show(value)}"]
    problems = [f"{where}.{k}: unknown language; expected only sv and en" for k in value if k not in LANGS]
    for lang in LANGS:
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{where}.{lang}: expected a non-empty text, found {_show(text)}")
        elif "\n" in text.strip():  # texts go into lists, table cells and attributes
            problems.append(f"{where}.{lang}: expected one paragraph on one line, found a line break")
    return problems


def _markdown(value, where: str, links: dict, used: set) -> list[str]:
    problems = _text(value, where)
    if problems:
        return problems
    keys = {lang: REFERENCE.findall(value[lang]) for lang in LANGS}
    for lang in LANGS:
        for key in keys[lang]:
            if key not in links:
                problems.append(f"{where}.{lang}: link [{key}] is not one of the link keys")
            used.add(key)
    if sorted(keys["sv"]) != sorted(keys["en"]):
        problems.append(f"{where}: the languages link to different places (sv: {keys['sv']}, en: {keys['en']})")
    return problems


def _unknown(section: dict, known, prefix: str) -> list[str]:
    return [f"{prefix}{k}: unknown key; expected one of {', '.join(known)}" for k in section if k not in known]


def _show(value) -> str:
    if value is None:
        return "nothing"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# --- paths through the questions -----------------------------------------------------------------

def all_paths(data: dict) -> list[RoutePath]:
    """Every way from the first question to a route (the data must be checked first)."""
    questions = {q["id"]: q for q in data["questions"]}
    found: list[RoutePath] = []

    def walk(qid: str, steps: tuple) -> None:
        for answer in questions[qid]["answers"]:
            step = steps + ((qid, answer["id"]),)
            if "route" in answer:
                found.append(RoutePath(step, answer["route"]))
            else:
                walk(answer["next"], step)

    walk(data["start"], ())
    return found


def numbers(data: dict) -> dict[str, int]:
    return {q["id"]: n for n, q in enumerate(data["questions"], 1)}


# --- the values the assessment carries -------------------------------------------------------------

def guidance_version(changelog: str) -> str:
    """The newest released version in CHANGELOG.md ('## [1.0.0] – date'), the guidance's version."""
    match = RELEASE.search(changelog)
    if not match:
        raise RouteError("CHANGELOG.md", ["no released version found; expected a heading '## [x.y.z] – date'"])
    return match.group(1)


def legal_as_of(docs_dir: Path, lang: str) -> str:
    """The legal appendix's "as of" date, from the legal figures data (the memo, Bilaga 1 and the
    appendix print the same key), as YYYY-MM-DD. `lang` is kept for the caller's symmetry."""
    from .figures import load_figures  # local: figures imports pages too; keep route light to import

    fig = load_figures(docs_dir / "_data" / "figures.yml", docs_dir.parent).get("legal_position_date")
    if fig is None:
        raise RouteError("docs/_data/figures.yml", ["legal_position_date: missing; expected a date YYYY-MM-DD"])
    return fig.value.isoformat()


def page_meta(docs_dir: Path, root: Path, lang: str) -> dict:
    """What the assessment records about the guidance itself."""
    return {"version": guidance_version((root / "CHANGELOG.md").read_text(encoding="utf-8")),
            "legal_as_of": legal_as_of(docs_dir, lang)}

