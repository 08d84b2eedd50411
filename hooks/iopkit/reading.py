"""Reading aids added to each page's HTML content after Markdown: language of parts (WCAG 3.1.2),
tables as labelled scroll regions with row headers and right-aligned amounts, and permalink signs
kept out of the tab order. No MkDocs imports.

The HTML is parsed (Python's own HTML parser; BeautifulSoup for each table), never matched with
regular expressions; only text nodes change, and never inside code, attributes or an element that
already has a lang attribute.
"""
from __future__ import annotations

import html as html_lib
import re
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import yaml
from bs4 import BeautifulSoup, Tag

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


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
EMPHASIS = {"em", "cite", "q"}


class _LanguageMarker(HTMLParser):
    """Streams the HTML through unchanged except for two things: phrases from the term list in
    text get <span lang>, and italic titles and terms that read as the other language (and the
    glossary's translation in each <dt>) get lang on the element itself. Markup is copied as it was
    written; nothing inside code, an element with lang, or an attribute is touched."""

    def __init__(self, own: str, terms: dict[str, re.Pattern | None]):
        super().__init__(convert_charrefs=False)
        self.own, self.foreign = own, OTHER[own]
        self.pattern, self.own_names = terms.get(self.foreign), terms.get(own)
        self.out: list[str] = []
        self.skip: list[str] = []  # open elements whose text is left alone
        self.dt = 0
        self.em: dict | None = None  # an emphasis element being read before it is written

    # -- output --
    def _text(self, data: str, skipped: bool) -> str:
        if skipped or self.pattern is None:
            return data
        return self.pattern.sub(lambda m: f'<span lang="{self.foreign}">{m.group(0)}</span>', data)

    def _emit(self, raw: str) -> None:
        (self.em["chunks"] if self.em else self.out).append(raw)

    def _flush_em(self) -> None:
        em, self.em = self.em, None
        text = "".join(em["text"])
        if em["in_dt"]:
            own_name = self.own_names is not None and self.own_names.fullmatch(text.strip())
            tag_it = not looks_like(text, self.own) and not own_name
        else:
            tag_it = looks_like(text, self.foreign)
        start = em["start"]
        if tag_it:
            start = start[:-1].rstrip("/").rstrip() + f' lang="{self.foreign}">'
        self.out.append(start)
        for chunk in em["chunks"]:
            self.out.append(chunk if isinstance(chunk, str) else self._text(chunk[0], tag_it or chunk[1]))
        self.out.append(f"</{em['tag']}>")

    # -- parser events --
    def handle_starttag(self, tag, attrs):
        raw = self.get_starttag_text()
        has_lang = any(name == "lang" for name, _ in attrs)
        if self.em is not None:
            if tag == self.em["tag"]:
                self.em["depth"] += 1
        elif tag in EMPHASIS and not self.skip and not has_lang:
            self.em = {"tag": tag, "start": raw, "chunks": [], "text": [], "depth": 1, "in_dt": self.dt > 0,
                       "skip": 0}
            return
        if tag not in VOID:
            if self.skip or tag in SKIP or has_lang:
                self.skip.append(tag)
            if tag == "dt":
                self.dt += 1
        self._emit(raw)

    def handle_startendtag(self, tag, attrs):
        self._emit(self.get_starttag_text())

    def handle_endtag(self, tag):
        if self.em is not None and tag == self.em["tag"]:
            self.em["depth"] -= 1
            if self.em["depth"] == 0:
                self._flush_em()
                return
        if self.skip and self.skip[-1] == tag:
            self.skip.pop()
        if tag == "dt":
            self.dt = max(0, self.dt - 1)
        self._emit(f"</{tag}>")

    def handle_data(self, data):
        if self.em is not None:
            self.em["chunks"].append((data, bool(self.skip)))
            self.em["text"].append(data)
        else:
            self.out.append(self._text(data, bool(self.skip)))

    def handle_entityref(self, name):
        self._emit(f"&{name};")
        if self.em is not None:
            self.em["text"].append(html_lib.unescape(f"&{name};"))

    def handle_charref(self, name):
        self._emit(f"&#{name};")
        if self.em is not None:
            self.em["text"].append(html_lib.unescape(f"&#{name};"))

    def handle_comment(self, data):
        self._emit(f"<!--{data}-->")

    def handle_decl(self, decl):
        self._emit(f"<!{decl}>")

    def handle_pi(self, data):
        self._emit(f"<?{data}>")

    def unknown_decl(self, data):
        self._emit(f"<![{data}]>")

    def result(self) -> str:
        self.close()
        if self.em is not None:  # an unclosed emphasis: written as it came
            em, self.em = self.em, None
            self.out.append(em["start"])
            self.out.extend(c if isinstance(c, str) else c[0] for c in em["chunks"])
        return "".join(self.out)


def mark_language(html: str, own: str, terms: dict[str, re.Pattern | None]) -> str:
    marker = _LanguageMarker(own, terms)
    marker.feed(html)
    return marker.result()


def _is_amount(text: str) -> bool:
    text = text.strip()
    version = re.search(r"\d\.\d+\.\d", text)  # 1.0.0 is a version, not an amount
    return bool(text) and any(c.isdigit() for c in text) and not version and bool(AMOUNT.match(text))


TABLE_LABEL = {"sv": "Tabell", "en": "Table"}


def _table_label(table: Tag, lang: str, number: int) -> str:
    caption = table.find("caption")
    if caption and caption.get_text(strip=True):
        return caption.get_text(" ", strip=True)
    thead = table.find("thead")
    heads = [th.get_text(" ", strip=True) for th in (thead.find_all("th") if thead else [])][:3]
    label = f"{TABLE_LABEL[lang]} {number}"
    return f"{label}: {', '.join(h for h in heads if h)}" if any(heads) else label


def _improve_table(soup: BeautifulSoup, table: Tag, lang: str, number: int) -> None:
    # find_all, not CSS selectors: this runs on every table of every build, the live preview included.
    thead = table.find("thead")
    head_rows = thead.find_all("tr") if thead else []
    for tr in head_rows:
        for th in tr.find_all("th", recursive=False):
            th.attrs.setdefault("scope", "col")
    body = table.find("tbody")
    rows = body.find_all("tr", recursive=False) if body else [tr for tr in table.find_all("tr") if tr not in head_rows]
    widths = {len(tr.find_all(["td", "th"], recursive=False)) for tr in rows}
    # The first cell of each row names the row (a row header) when the table has a header row
    # and at least two columns.
    if thead and widths and min(widths) >= 2:
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
            if head_rows:
                head_cells = head_rows[-1].find_all(["th", "td"], recursive=False)
                if len(head_cells) > col:
                    head_cells[col]["class"] = head_cells[col].get("class", []) + ["iop-num"]
    # A labelled region that scrolls on narrow screens (search.js makes it a tab stop only while
    # it actually scrolls); Material's own wrapper stays inside and no longer scrolls itself.
    if table.parent is not None and "iop-table-scroll" in (table.parent.get("class") or []):
        return
    wrapper = soup.new_tag("div", attrs={"class": "iop-table-scroll", "role": "region", "tabindex": "0",
                                         "aria-label": _table_label(table, lang, number)})
    table.wrap(wrapper)


TABLE = re.compile(r"<table\b.*?</table>", re.S)  # Markdown tables never nest


def _tables(html: str, lang: str) -> str:
    """Each table is parsed on its own (parsing whole pages made the live preview slow)."""
    count = 0

    def improve(match: re.Match) -> str:
        nonlocal count
        before = html[:match.start()]
        opened = before.rfind('<div class="signature-block">')
        if opened >= 0 and "</div>" not in before[opened:]:  # signature lines are no data table
            return match.group(0)
        soup = BeautifulSoup(match.group(0), "html.parser")
        table = soup.find("table")
        if table is None or table.get("class"):
            return match.group(0)
        count += 1
        _improve_table(soup, table, lang, count)
        return str(soup)

    return TABLE.sub(improve, html)


def improve_content(html: str, lang: str, terms: dict[str, re.Pattern | None], languages: bool = True) -> str:
    """The page's content HTML with accessible tables and (with `languages`) language of parts."""
    if "<table" in html:
        html = _tables(html, lang)
    return quiet_permalinks(mark_language(html, lang, terms) if languages else html)


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
