"""Review dates of legal pages (`reviewed:` in front matter): shown in the page text, checked for age.

No MkDocs imports. The line goes into the Markdown itself, so it shows on screen and in print."""
from __future__ import annotations

import calendar
import datetime as dt
import re

from .figures import _date, format_date

MAX_MONTHS = 12
LABEL = {"sv": "Senast granskad", "en": "Last reviewed"}
SUMMARY = re.compile(r"^\{\s*\.summary\s*\}[ \t]*$", re.M)


def add_months(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def parse_reviewed(value, page: str) -> dt.date:
    """The front-matter date (YAML may already have made it a date)."""
    if isinstance(value, dt.date):
        return value
    return _date(value, f"{page}: front matter", "reviewed")


def review_overdue(reviewed: dt.date, on: dt.date, months: int = MAX_MONTHS) -> bool:
    """True when the page was last reviewed more than `months` months before the build date."""
    return on > add_months(reviewed, months)


def reviewed_line(day: dt.date, lang: str) -> str:
    return (f'<p class="review-date">{LABEL[lang]}: '
            f'<time datetime="{day.isoformat()}">{format_date(day, lang)}</time></p>')


def insert_review_line(markdown: str, line: str) -> str:
    """Put the line right after the page's summary paragraph (or after the H1 if there is none)."""
    match = SUMMARY.search(markdown) or re.search(r"^# .*$", markdown, re.M)
    if match is None:
        return f"{line}\n\n{markdown}"
    return f"{markdown[:match.end()]}\n\n{line}\n{markdown[match.end():]}"


def overdue_message(page: str, reviewed: dt.date, on: dt.date) -> str:
    return (f"{page}: legal page last reviewed {reviewed}, more than {MAX_MONTHS} months before the build "
            f"date {on}: check its legal statements and update 'reviewed:' (build date: IOP_BUILD_DATE or today)")
