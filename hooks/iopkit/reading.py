"""Reading aids added to each page's HTML content after Markdown: language of parts (WCAG 3.1.2),
tables as labelled scroll regions with row headers and right-aligned amounts, and permalink signs
kept out of the tab order. No MkDocs imports.

The HTML is parsed (BeautifulSoup with Python's own parser), never matched with regular
expressions; only text nodes change, and never inside code, attributes or an element that already
has a lang attribute.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml
from bs4 import BeautifulSoup, NavigableString, Tag

LANGS = ("sv", "en")
OTHER = {"sv": "en", "en": "sv"}
SKIP = {"code", "pre", "kbd", "samp", "script", "style", "var", "svg", "math", "textarea"}
# Words that show a phrase is written in the other language, for emphasised titles and terms.
STOPWORDS = {
    "sv": {"och", "för", "om", "av", "som", "med", "till", "vid", "inom", "på", "den", "det",
           "ett", "är", "lagen", "lag", "vissa", "från", "under"},
    "en": {"the", "of", "and", "for", "to", "in", "is", "with", "on", "by", "an", "a", "or", "what",
           "why", "how", "who", "it", "its", "formerly", "former"},
}
SWEDISH_LETTERS = re.compile(r"[åäöÅÄÖ]")
WORD = re.compile(r"[\wåäöÅÄÖé'-]+")
AMOUNT = re.compile(r"^[−–-]?\s*(?:[\d\s\u00a0\u202f.,]+)\s*(?:%|kr|SEK|EUR|€|kronor|procent|per cent|percent|mnkr|tkr)?$"
                    r"|^(?:SEK|EUR|€)\s*[\d\s\u00a0\u202f.,]+$")


class TermsError(Exception):
    """The term list is missing or malformed."""


@lru_cache(maxsize=4)
def _compiled_terms(path: str, mtime: float) -> dict[str, re.Pattern | None]:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as err:
        raise TermsError(f"{path}: cannot read the term list: {err}") from None
    if not isinstance(data, dict) or set(data) - set(LANGS):
        raise TermsError(f"{path}: expected the keys 'sv' and 'en' (lists of phrases), got {sorted(data)}")
    patterns: dict[str, re.Pattern | None] = {}
    for lang in LANGS:
        terms = data.get(lang) or []
        if not isinstance(terms, list) or not all(isinstance(t, str) and t.strip() for t in terms):
            raise TermsError(f"{path}: '{lang}' must be a list of non-empty phrases")
        ordered = sorted({t.strip() for t in terms}, key=len, reverse=True)  # longest phrase wins
        patterns[lang] = re.compile(
            # Whole words, and not part of a web or e-mail address (konkurrensverket.se).
            r"(?<![\wåäöÅÄÖ/.@-])(?:" + "|".join(re.escape(t) for t in ordered) + r")(?![\wåäöÅÄÖ]|\.\w)",
            re.IGNORECASE) if ordered else None
    return patterns


def load_terms(path: Path) -> dict[str, re.Pattern | None]:
    """Compiled patterns per language: 'sv' phrases are tagged on English pages and vice versa."""
    if not path.exists():
        raise TermsError(f"{path}: the term list is missing")
    return _compiled_terms(str(path), path.stat().st_mtime)


def _skipped(node) -> bool:
    for parent in node.parents:
        if parent.name in SKIP or (isinstance(parent, Tag) and parent.has_attr("lang")):
            return True
        if parent.name in ("[document]", None):
            break
    return False


def looks_like(text: str, lang: str) -> bool:
    """True when an emphasised phrase reads as `lang` and not as the other language."""
    words = {w.lower() for w in WORD.findall(text)}
    if not words:
        return False
    if words & STOPWORDS[OTHER[lang]]:
        return False
    if lang == "sv":
        return bool(SWEDISH_LETTERS.search(text) or words & STOPWORDS["sv"])
    return bool(words & STOPWORDS["en"]) and not SWEDISH_LETTERS.search(text)


def _tag_emphasis(soup: BeautifulSoup, own: str, terms: dict[str, re.Pattern | None]) -> None:
    """Titles and terms in italics (<em>, <cite>, <q>) that read as the other language, and the
    glossary's translation after the dash in each <dt>, get lang on the element itself.
    A Swedish name listed under 'sv' (Kammarkollegiet) is never taken for English."""
    foreign = OTHER[own]
    for el in soup.find_all(["em", "cite", "q"]):
        if _skipped(el) or el.has_attr("lang"):
            continue
        text = el.get_text()
        if el.find_parent("dt") is not None:
            own_name = terms.get(own) is not None and terms[own].fullmatch(text.strip())
            if not looks_like(text, own) and not own_name:
                el["lang"] = foreign
        elif looks_like(text, foreign):
            el["lang"] = foreign


def _tag_terms(soup: BeautifulSoup, foreign: str, pattern: re.Pattern | None) -> None:
    if pattern is None:
        return
    for node in list(soup.find_all(string=True)):
        if type(node) is not NavigableString or _skipped(node):  # comments, CDATA: leave alone
            continue
        text = str(node)
        parts, last = [], 0
        for match in pattern.finditer(text):
            parts.append(text[last:match.start()])
            span = soup.new_tag("span", attrs={"lang": foreign})
            span.string = match.group(0)
            parts.append(span)
            last = match.end()
        if not parts:
            continue
        parts.append(text[last:])
        node.replace_with(*[p for p in parts if not (isinstance(p, str) and p == "")])


def _is_amount(text: str) -> bool:
    text = text.strip()
    version = re.search(r"\d\.\d+\.\d", text)  # 1.0.0 is a version, not an amount
    return bool(text) and any(c.isdigit() for c in text) and not version and bool(AMOUNT.match(text))


TABLE_LABEL = {"sv": "Tabell", "en": "Table"}


def _table_label(table: Tag, lang: str, number: int) -> str:
    caption = table.find("caption")
    if caption and caption.get_text(strip=True):
        return caption.get_text(" ", strip=True)
    heads = [th.get_text(" ", strip=True) for th in table.select("thead th")][:3]
    label = f"{TABLE_LABEL[lang]} {number}"
    return f"{label}: {', '.join(h for h in heads if h)}" if any(heads) else label


def _improve_table(soup: BeautifulSoup, table: Tag, lang: str, number: int) -> None:
    for th in table.select("thead th"):
        th.attrs.setdefault("scope", "col")
    rows = table.select("tbody tr") or [tr for tr in table.find_all("tr") if not tr.find_parent("thead")]
    widths = {len(tr.find_all(["td", "th"], recursive=False)) for tr in rows}
    # The first cell of each row names the row (a row header) when the table has a header row
    # and at least two columns.
    if table.find("thead") and widths and min(widths) >= 2:
        for tr in rows:
            first = tr.find(["td", "th"], recursive=False)
            if first is not None and first.name == "td":
                first.name = "th"
                first["scope"] = "row"
    # Columns whose every body cell is an amount are right-aligned, header included.
    columns = max(widths) if widths else 0
    for col in range(columns):
        cells = [tr.find_all(["td", "th"], recursive=False) for tr in rows]
        column = [c[col] for c in cells if len(c) > col]
        if column and all(_is_amount(c.get_text()) for c in column) and not all(c.name == "th" for c in column):
            for cell in column:
                cell["class"] = cell.get("class", []) + ["iop-num"]
            heads = table.select("thead tr")
            if heads:
                head_cells = heads[-1].find_all(["th", "td"], recursive=False)
                if len(head_cells) > col:
                    head_cells[col]["class"] = head_cells[col].get("class", []) + ["iop-num"]
    # A labelled region that scrolls on narrow screens (search.js makes it a tab stop only while
    # it actually scrolls); Material's own wrapper stays inside and no longer scrolls itself.
    if table.parent is not None and "iop-table-scroll" in (table.parent.get("class") or []):
        return
    wrapper = soup.new_tag("div", attrs={"class": "iop-table-scroll", "role": "region", "tabindex": "0",
                                         "aria-label": _table_label(table, lang, number)})
    table.wrap(wrapper)


def improve_content(html: str, lang: str, terms: dict[str, re.Pattern | None]) -> str:
    """The page's content HTML with language of parts and accessible tables."""
    foreign = OTHER[lang]
    has_table = "<table" in html
    if not has_table and "<em" not in html and "<dt" not in html and "<cite" not in html \
            and (terms.get(foreign) is None or not terms[foreign].search(html)):
        return quiet_permalinks(html)
    soup = BeautifulSoup(html, "html.parser")
    _tag_emphasis(soup, lang, terms)
    _tag_terms(soup, foreign, terms.get(foreign))
    for number, table in enumerate(soup.find_all("table"), start=1):
        if not table.get("class") and not table.find_parent(class_="signature-block"):
            _improve_table(soup, table, lang, number)
    return quiet_permalinks(str(soup))


# Python-Markdown's toc extension writes exactly this for every heading (permalink_title is "").
PERMALINK = '<a class="headerlink" href="'
QUIET_PERMALINK = '<a class="headerlink" tabindex="-1" aria-hidden="true" href="'


def quiet_permalinks(html: str) -> str:
    """The ¶ sign after each heading stays for mouse users but is no tab stop and is not read out:
    814 unnamed tab stops made keyboard reading slow."""
    return html.replace(PERMALINK, QUIET_PERMALINK)


# Material 9.8.2's base.html puts autocomplete on its two toggle checkboxes, which HTML does not
# allow (W3C validator). Removed from exactly these two tags; a Material upgrade that changes them
# must fail the build so that this is looked at again.
CHECKBOXES = ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
              '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">')


class TemplateChanged(Exception):
    """Material's page template no longer has the markup this module fixes."""


def valid_toggles(page_html: str) -> str:
    for tag in CHECKBOXES:
        if tag not in page_html:
            raise TemplateChanged(f"Material's toggle checkbox changed; update hooks/iopkit/reading.py: {tag}")
        page_html = page_html.replace(tag, tag.replace(' autocomplete="off"', ""), 1)
    return page_html
