"""Legal figures kept as dated data (docs/_data/figures.yml). No MkDocs imports.

A page or clause prints a figure with {{ figure('key') }}; a table row takes it apart with
{{ figure_cells('key').amount }}, .currency and .period. The value is formatted for the page's
language, and its validity is checked against the build date:

- a figure whose period covers the build date prints as a plain value;
- a figure marked `status: current` whose `valid_to` has passed stops the build (FigureError),
  naming the key, the page and the build date: someone must check the new value;
- a figure marked `historical` (a past value shown on purpose) prints with its period;
- a figure marked `last_verified` (today's value could not be verified) prints with its period
  and where to find today's value.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .pages import RenderError, load_yaml

BUILD_DATE_ENV = "IOP_BUILD_DATE"
LANGS = ("sv", "en")
UNITS = {"EUR", "SEK", "percent", "date"}
STATUSES = {"current", "historical", "last_verified"}
QUALIFIERS = {"over", "about", "almost"}
REQUIRED = ("value", "unit", "valid_from", "valid_to", "source", "checked")
NBSP = "\u00a0"
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

MONTHS = {
    "sv": ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
           "oktober", "november", "december"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
}
WORDS = {
    "sv": {"EUR": "euro", "SEK": "kronor", "percent": "procent", "million": "miljoner",
           "over": "drygt", "about": "omkring", "almost": "nästan",
           "period": "värdet för {period}", "from": "gäller från {date}",
           "today": "dagens värde: {where}",
           "since": "från {date}", "see_source": "se källan för dagens värde"},  # figure_cells()
    "en": {"EUR": "EUR", "SEK": "SEK", "percent": "per cent", "million": "million",
           "over": "just over", "about": "about", "almost": "almost",
           "period": "the value for {period}", "from": "applies from {date}",
           "today": "today's value: {where}",
           "since": "from {date}", "see_source": "see the source for today's value"},
}


class FigureError(RenderError):
    """A figure is unknown, expired or malformed; the message names the key."""


@dataclass(frozen=True)
class Figure:
    key: str
    value: object            # int, float or date
    unit: str
    valid_from: dt.date
    valid_to: dt.date | None  # None: open-ended
    status: str
    qualifier: str | None
    check_at: dict | None     # {sv, en}: where to find today's value (last_verified)
    source: str
    checked: dt.date


def build_date(environ: dict | None = None) -> dt.date:
    """The date the build checks validity against: IOP_BUILD_DATE (YYYY-MM-DD) or today (UTC)."""
    text = (environ if environ is not None else os.environ).get(BUILD_DATE_ENV, "").strip()
    if not text:
        return dt.datetime.now(dt.timezone.utc).date()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise FigureError(f"{BUILD_DATE_ENV}={text!r}: expected a date written YYYY-MM-DD") from None


def _date(value, where: str, field: str) -> dt.date:
    text = str(value)
    if not DATE.fullmatch(text):
        raise FigureError(f"{where}: {field} must be a date written YYYY-MM-DD, found {value!r}")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise FigureError(f"{where}: {field} is not a real date: {value!r}") from None


def parse_figures(data, path: str = "docs/_data/figures.yml") -> dict[str, Figure]:
    """Check every entry; raise FigureError naming the file, the key and the field."""
    if not isinstance(data, dict) or not isinstance(data.get("figures"), dict):
        raise FigureError(f"{path}: expected a mapping with a 'figures:' mapping of keys")
    figures = {}
    for key, spec in data["figures"].items():
        where = f"{path}: figure '{key}'"
        if not re.fullmatch(r"[a-z][a-z0-9_]*", str(key)):
            raise FigureError(f"{where}: keys are lower-case ASCII words joined by _")
        if not isinstance(spec, dict):
            raise FigureError(f"{where}: expected a mapping with {', '.join(REQUIRED)}")
        missing = [field for field in REQUIRED if field not in spec or spec[field] in (None, "")]
        if missing:
            raise FigureError(f"{where}: missing {', '.join(missing)}")
        unit = spec["unit"]
        if unit not in UNITS:
            raise FigureError(f"{where}: unit must be one of {sorted(UNITS)}, found {unit!r}")
        if unit == "date":
            value = _date(spec["value"], where, "value")
        elif isinstance(spec["value"], (int, float)) and not isinstance(spec["value"], bool):
            value = spec["value"]
        else:
            raise FigureError(f"{where}: value must be a number (no spaces or units), found {spec['value']!r}")
        valid_from = _date(spec["valid_from"], where, "valid_from")
        valid_to = None if spec["valid_to"] == "open" else _date(spec["valid_to"], where, "valid_to")
        if valid_to is not None and valid_to < valid_from:
            raise FigureError(f"{where}: valid_to {valid_to} is before valid_from {valid_from}")
        status = spec.get("status", "current")
        if status not in STATUSES:
            raise FigureError(f"{where}: status must be one of {sorted(STATUSES)}, found {status!r}")
        if status != "current" and valid_to is None:
            raise FigureError(f"{where}: a {status} figure needs the date its period ended (valid_to)")
        check_at = spec.get("check_at")
        if status == "last_verified" and not (isinstance(check_at, dict)
                                               and all(str(check_at.get(lang) or "").strip() for lang in LANGS)):
            raise FigureError(f"{where}: a last_verified figure needs check_at: {{sv: …, en: …}} "
                              "(where readers find today's value)")
        qualifier = spec.get("qualifier")
        if qualifier is not None and qualifier not in QUALIFIERS:
            raise FigureError(f"{where}: qualifier must be one of {sorted(QUALIFIERS)}, found {qualifier!r}")
        figures[key] = Figure(str(key), value, unit, valid_from, valid_to, status, qualifier,
                              check_at, str(spec["source"]), _date(spec["checked"], where, "checked"))
    return figures


def load_figures(path: Path, root: Path | None = None) -> dict[str, Figure]:
    where = str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FigureError(f"{where}: file not found") from None
    except yaml.YAMLError as err:
        raise FigureError(f"{where}: not valid YAML: {err}") from None
    return parse_figures(data, where)


# Formatting -----------------------------------------------------------------------------------

def format_number(value, lang: str) -> str:
    """8 109 450 (sv, non-breaking spaces) or 8,109,450 (en); decimals with , (sv) or . (en)."""
    whole = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    if lang == "sv":
        return whole.replace(",", NBSP).replace(".", ",")
    return whole


def format_date(day: dt.date, lang: str) -> str:
    return f"{day.day} {MONTHS[lang][day.month - 1]} {day.year}"


def format_value(fig: Figure, lang: str) -> str:
    words = WORDS[lang]
    if fig.unit == "date":
        return format_date(fig.value, lang)
    value = fig.value
    millions = value >= 1_000_000 and (value / 1_000_000 * 10).is_integer()
    number = format_number(value / 1_000_000, lang) + f"{NBSP}{words['million']}" if millions \
        else format_number(value, lang)
    if fig.unit == "percent":
        text = f"{number}{NBSP}{words['percent']}"
    elif lang == "sv":
        text = f"{number}{NBSP}{words[fig.unit]}"
    else:
        text = f"{words[fig.unit]}{NBSP}{number}"
    if fig.qualifier:
        text = f"{words[fig.qualifier]} {text}"
    return text


def format_period(fig: Figure, lang: str) -> str:
    """'2024–2025' for whole calendar years, otherwise the exact dates."""
    start, end = fig.valid_from, fig.valid_to
    if end is None:
        return WORDS[lang]["from"].format(date=format_date(start, lang))
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    return f"{format_date(start, lang)}–{format_date(end, lang)}"


def expired(fig: Figure, on: dt.date) -> bool:
    return fig.valid_to is not None and on > fig.valid_to


def _showable(figures: dict[str, Figure], key: str, on: dt.date, where: str) -> Figure:
    """The figure, unless it is unknown or a current figure that has expired on the build date."""
    if key not in figures:
        raise FigureError(f"unknown figure '{key}'{where}; expected a key in docs/_data/figures.yml")
    fig = figures[key]
    if expired(fig, on) and fig.status == "current":
        raise FigureError(
            f"figure '{key}'{where} expired on {fig.valid_to} (valid_to) and the build date is "
            f"{on} ({BUILD_DATE_ENV} or today): check the value in force, update "
            "docs/_data/figures.yml, or mark the figure last_verified with check_at")
    return fig


def render_figure(figures: dict[str, Figure], key: str, lang: str, on: dt.date, page: str = "") -> str:
    """The figure as text for a page in `lang` built on `on`; FigureError when it may not be shown."""
    where = f" (page {page})" if page else ""
    fig = _showable(figures, key, on, where)
    text = format_value(fig, lang)
    if expired(fig, on):
        note = WORDS[lang]["period"].format(period=format_period(fig, lang))
        if fig.status == "last_verified":
            note += "; " + WORDS[lang]["today"].format(where=fig.check_at[lang])
        return f"{text} ({note})"
    if on < fig.valid_from:
        return f"{text} ({WORDS[lang]['from'].format(date=format_date(fig.valid_from, lang))})"
    return text


@dataclass(frozen=True)
class Cells:
    """An amount split over a table row, so that the numbers line up on the right: the number in
    full ("8 109 450"), its currency and the period it applies to."""
    amount: str
    currency: str
    period: str


def figure_cells(figures: dict[str, Figure], key: str, lang: str, on: dt.date, page: str = "") -> Cells:
    """The table-row form of figure(key), under the same rules: an expired current figure stops the
    build, and a last verified value past its period says to look up today's."""
    where = f" (page {page})" if page else ""
    fig = _showable(figures, key, on, where)
    if fig.unit not in ("EUR", "SEK") or fig.qualifier:
        raise FigureError(f"figure '{key}'{where}: a table row shows an exact amount in EUR or SEK; "
                          f"this figure is {fig.qualifier + ' ' if fig.qualifier else ''}{fig.unit}, use figure()")
    words = WORDS[lang]
    period = (words["since"].format(date=format_date(fig.valid_from, lang)) if fig.valid_to is None
              else format_period(fig, lang))
    if expired(fig, on) and fig.status == "last_verified":
        period += "; " + words["see_source"]  # the row's source cell says where (kept short: tables fit)
    return Cells(format_number(fig.value, lang), words[fig.unit], period)


def figure_function(figures: dict[str, Figure], lang: str, on: dt.date, page: str = ""):
    """The Jinja callable figure('key') for one page (or clause) in one language."""

    def figure(key: str) -> str:
        return render_figure(figures, key, lang, on, page)

    return figure


def cells_function(figures: dict[str, Figure], lang: str, on: dt.date, page: str = ""):
    """The Jinja callable figure_cells('key') for one page: .amount, .currency and .period."""

    def cells(key: str) -> Cells:
        return figure_cells(figures, key, lang, on, page)

    return cells
