"""The document view: agreements and council-packet parts as documents to sign and file.

Input is the HTML MkDocs made from the same clause library and pages (a page's content, before the
theme). Output is one clean HTML body per document, without anything meant for the web reader, and
the words for its running header. The PDF and DOCX writers read that body. No MkDocs imports.
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlparse

from bs4 import BeautifulSoup, NavigableString, Tag
from markupsafe import escape

PACKET_PARTS = ("tjansteutlatande", "bilaga-1", "bilaga-2")
PACKET = "beslutsunderlag"
FORMATS = ("pdf", "docx")

WORDS = {
    "sv": {
        "memo": "Tjänsteutlåtande", "attachment": "Bilaga", "packet": "Beslutsunderlag",
        "agreement": "Överenskommelse", "dnr": "Dnr", "date": "Datum", "to": "Till", "from": "Från",
        "matter": "Ärende", "officer": "Handläggare", "contact": "Kontakt", "template": "Mall",
        "version": "version", "ref_blank": "Diarienummer", "page": "Sida {page} ({pages})",
        "memo_title": "Riktlinjer för idéburet offentligt partnerskap",
        "proposal_title": "Förslag till riktlinjer för idéburet offentligt partnerskap",
        "proposal": "Förslag. Riktlinjerna gäller först när {adopted_by} har antagit dem.",
        "adopted": "Antagna av {adopted_by} den {date}.",
        "attached_to": "Bilaga {n} till tjänsteutlåtande {dnr}, {date}.",
        "review": "Ska ses över senast {date}.",
        "matter_text": "Riktlinjer för idéburet offentligt partnerskap (IOP)",
        "blank_ref": "[Diarienummer]",
        "parts": {"tjansteutlatande": "Tjänsteutlåtande", "bilaga-1": "Bilaga 1", "bilaga-2": "Bilaga 2",
                  PACKET: "Beslutsunderlag, hela"},
    },
    "en": {
        "memo": "Decision memo", "attachment": "Attachment", "packet": "Council packet",
        "agreement": "Agreement", "dnr": "Ref.", "date": "Date", "to": "To", "from": "From",
        "matter": "Matter", "officer": "Case officer", "contact": "Contact", "template": "Template",
        "version": "version", "ref_blank": "Reference number", "page": "Page {page} of {pages}",
        "memo_title": "Guidelines for idea-based public partnership",
        "proposal_title": "Proposed guidelines for idea-based public partnership",
        "proposal": "Proposal. The guidelines apply only once {adopted_by} has adopted them.",
        "adopted": "Adopted by {adopted_by} on {date}.",
        "attached_to": "Attachment {n} to decision memo {dnr}, {date}.",
        "review": "To be reviewed by {date}.",
        "matter_text": "Guidelines for idea-based public partnership (IOP)",
        "blank_ref": "[Reference number]",
        "parts": {"tjansteutlatande": "Decision memo", "bilaga-1": "Attachment 1", "bilaga-2": "Attachment 2",
                  PACKET: "Council packet, complete"},
    },
}

# Web wording inside the attachments that a document must not carry: (pattern, replacement) per
# language, applied to the text after links to the other attachment became "X (bilaga N)".
PHRASES = {
    "sv": [(r"\bSidan\s+beskriver\b", "Bilagan beskriver"), (r"\bDen\s+här\s+sidan\b", "Den här bilagan"),
           (r"på\s+sidan\s+om\s+(\S+)\s+\((bilaga\s+\d)\)", r"i \2 (\1)")],
    "en": [(r"\bThis\s+page\s+describes\b", "This attachment describes"), (r"\bThis\s+page\b", "This attachment"),
           (r"on\s+the\s+(\S+)\s+\((attachment\s+\d)\)\s+page", r"in \2 (\1)")],
}
WEB_ONLY = (".headerlink", ".admonition", "details", ".screen-only", ".web-only", ".page-reviewed",
            ".clause-note", ".agreement-meta", ".clause-local", ".pdf-download", ".memo-head",
            "script", "style")
WEB_SECTIONS = {"andringslogg", "change-log"}  # a page's own history, not part of a filed attachment
# Identifiers that must not break across lines: case numbers (C-113/13, 7530-17), SFS and bill
# numbers (2016:1145, 2012/13:84), EU acts ((EU) 2016/679, 2012/21/EU), dnr (KS 2026/0001), dates.
IDENTIFIER = re.compile(
    r"(?:\((?:EU|EG|EEG)\)\s)?(?:\b(?:[A-ZÅÄÖ]{1,4}\s?|[CT]-)?\d+(?:[-/:–.]\d+)+(?:/[A-Z]{2,3})?\b)"
    r"|\b\d+\s(?:kap|art)\.\s\d+(?:\s[a-z])?\s§§?|\b\d+(?:\s[a-z])?\s§§?")


@dataclass
class Document:
    """One file to write (in PDF and DOCX): its id, words for the header and the clean body."""
    id: str
    lang: str
    title: str
    kind: str                 # the running header's right side (document type, dnr, date)
    body: str                 # HTML of the document's content (no <html>, no styles)
    author: str
    footer: str = ""          # the running footer's left side, e.g. a template version
    parts: list[Document] = field(default_factory=list)  # the whole packet: its parts, own page numbers

    @property
    def filename(self) -> str:
        return f"{self.id}-{self.lang}"


def document_ids(templates: list[str], exclude: list[str]) -> list[str]:
    """Every document a build writes; a switched-off chapter writes none."""
    ids = [] if "avtal" in exclude else list(templates)
    if "beslutsunderlag" not in exclude:
        ids += [PACKET, *PACKET_PARTS]
    return ids


def _soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def clean(node: Tag, page_url: str, site_url: str, siblings: dict[str, str] | None = None,
          lang: str = "sv") -> None:
    """Strip web-only parts in place, make links public, keep identifiers whole, mark lead-ins."""
    for selector in WEB_ONLY:
        for el in node.select(selector):
            el.decompose()
    for heading in node.select("h2, h3"):
        if heading.get("id") in WEB_SECTIONS:
            for el in [heading, *_section_after(heading)]:
                el.extract()
    for wrap in node.select(".md-typeset__scrollwrap, .md-typeset__table"):
        wrap.unwrap()
    for el in node.select("[data-pagefind-ignore], [data-pagefind-body]"):
        del el["data-pagefind-ignore"], el["data-pagefind-body"]
    for el in node.select(".summary"):
        el["class"] = [c for c in el["class"] if c != "summary"] or ["lead"]
    _links(node, page_url, site_url, siblings or {}, lang)
    _nobreak(node)
    for p in node.select("p"):
        following = p.find_next_sibling()
        if following is None:
            continue
        text = p.get_text().rstrip()
        # A colon leads in to whatever follows: a list, a table, or a paragraph holding a blank to fill
        # in ("Partnerskapet har följande syfte:" + "[Partnerskapets syfte]"); a list may also follow a
        # sentence that has no full stop. Either way the two stay on one page.
        if text.endswith(":") or (following.name in ("ul", "ol") and not text.endswith(".")):
            p["class"] = [*p.get("class", []), "lead-in"]


def _section_after(heading: Tag) -> list[Tag]:
    level, out = int(heading.name[1]), []
    for sib in heading.find_next_siblings():
        if re.fullmatch(r"h[1-6]", sib.name or "") and int(sib.name[1]) <= level:
            break
        out.append(sib)
    return out


def _links(node: Tag, page_url: str, site_url: str, siblings: dict[str, str], lang: str) -> None:
    ids = {el.get("id") for el in node.select("[id]")}
    public = urlparse(site_url)
    for a in node.select("a[href]"):
        href = a["href"]
        if href.startswith("#"):
            if href[1:] in ids:
                continue
            href = page_url + href
        url = urljoin(page_url, href)
        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https", "mailto"):
            a.unwrap()
            continue
        if parsed.netloc == public.netloc and parsed.path in siblings:  # the other attachment
            a.insert_after(f" ({siblings[parsed.path]})")
            a.unwrap()
            continue
        a["href"] = url
        if parsed.scheme != "mailto" and a.get_text(strip=True) != url:
            a.insert_after(_url_span(url))
    node.smooth()  # unwrapped links leave adjacent strings; the phrases may span them
    for text in node.find_all(string=True):
        new = str(text)
        for pattern, repl in PHRASES[lang]:
            new = re.sub(pattern, repl, new)
        if new != str(text):
            text.replace_with(new)


def _url_span(url: str) -> Tag:
    span = _soup("").new_tag("span", attrs={"class": "url"})
    span.string = f" ({url})"
    return span


def _nobreak(node: Tag) -> None:
    for text in list(node.find_all(string=True)):
        if text.parent is None or text.parent.name in ("style", "script") or "nobr" in text.parent.get("class", []):
            continue
        pieces, last, s = [], 0, str(text)
        for m in IDENTIFIER.finditer(s):
            pieces += [s[last:m.start()], m.group(0)]
            last = m.end()
        if not pieces:
            continue
        pieces.append(s[last:])
        new = []
        for i, piece in enumerate(pieces):
            if i % 2:
                span = _soup("").new_tag("span", attrs={"class": "nobr"})
                span.string = piece
                new.append(span)
            elif piece:
                new.append(NavigableString(piece))
        text.replace_with(*new)


def promote_headings(node: Tag, levels: int = 1) -> None:
    for h in node.find_all(re.compile(r"^h[2-6]$")):
        h.name = f"h{int(h.name[1]) - levels}"


def agreement(content_html: str, template_id: str, version: str, lang: str, kommun: dict,
              page_url: str, logo: str) -> Document:
    """The agreement of a template page: a cover, the parties, the clauses, the signatures."""
    words, org = WORDS[lang], kommun["organisation"]["name"][lang]
    soup = _soup(content_html)
    found = soup.select_one(".agreement")
    if found is None:
        raise ValueError(f"template page {page_url}: no agreement found (expected {{{{ agreement('{template_id}') }}}})")
    body = copy.copy(found)
    clean(body, page_url, kommun["site"]["url"], lang=lang)
    promote_headings(body)
    h1 = body.find("h1")
    title = h1.get_text(" ", strip=True)
    h1.extract()
    cover = _soup(
        f'<header class="cover">{_logo(logo, org)}<p class="org">{escape(org)}</p>'
        f'<h1>{escape(title)}</h1>'
        f'<table class="cover-facts"><tr><th scope="row">{words["ref_blank"]}</th>'
        f'<td><span class="blank">{words["blank_ref"]}</span></td></tr>'
        f'<tr><th scope="row">{words["template"]}</th><td><span class="nobr">{escape(template_id)}</span>, '
        f'{words["version"]} <span class="nobr">{escape(version)}</span></td></tr></table></header>')
    body.insert(0, cover)
    body.name, body.attrs = "div", {"class": "document agreement"}
    kind = f'{words["dnr"]} ____________'  # room to write the case number on every page
    return Document(template_id, lang, title, kind, str(body), org,
                    footer=f'{words["template"]} {template_id} {version}')


def packet(content_html: str, lang: str, kommun: dict, page_url: str, logo: str,
           part_urls: tuple[str, str]) -> list[Document]:
    """The council packet page split into memo, bilaga 1 and bilaga 2, and the whole packet."""
    words, data, org = WORDS[lang], kommun["guidelines"], kommun["organisation"]["name"][lang]
    soup = _soup(content_html)
    sections = soup.select("section.attachment")
    if len(sections) != 2:
        raise ValueError(f"{page_url}: expected two attachments (section.attachment), found {len(sections)}")
    for section in sections:
        section.extract()
    dnr, date = data["reference"], str(data["memo_date"])
    site_url = kommun["site"]["url"]
    siblings = {urlparse(u).path: f'{words["attachment"].lower()} {n}' for n, u in enumerate(part_urls, 1)}
    memo = _soup(f'<div class="document memo">{soup}</div>').div
    clean(memo, page_url, site_url, siblings, lang)
    h1 = memo.find("h1")
    h1.string = words["memo_title"]  # the memo's own heading; the web page's H1 names the whole packet
    h1.insert_before(_soup(_letterhead(kommun, lang, logo)))
    head = f'{words["memo"]} · {words["dnr"]} {dnr} · {date}'
    docs = [Document("tjansteutlatande", lang, f'{words["memo"]}: {h1.get_text()}', head, str(memo), org)]
    adopted = bool(data.get("adopted"))
    for n, section in enumerate(sections, 1):
        body = _soup(f'<div class="document attachment">{section.decode_contents()}</div>').div
        clean(body, page_url, site_url, siblings, lang)
        promote_headings(body)
        h1 = body.find("h1")
        if n == 2 and not adopted:
            h1.string = f'{words["attachment"]} {n}: {words["proposal_title"]}'
        status = [words["attached_to"].format(n=n, dnr=dnr, date=date)]
        if n == 2:
            by = data["adopted_by"][lang]
            status.append(words["adopted"].format(adopted_by=by, date=data.get("decision_date"))
                          if adopted else words["proposal"].format(adopted_by=by))
            status.append(words["review"].format(date=data["review_date"]))
        h1.insert_after(_soup(f'<p class="status">{escape(" ".join(status))}</p>'))
        h1.insert_before(_soup(f'<p class="org">{escape(org)}</p>'))
        _nobreak(body)
        docs.append(Document(f"bilaga-{n}", lang, h1.get_text(), f'{words["attachment"]} {n} · {words["dnr"]} {dnr} · {date}',
                             str(body), org))
    whole = Document(PACKET, lang, f'{words["packet"]}: {docs[0].title.split(": ", 1)[-1]}', head, "", org,
                     parts=list(docs))
    return [whole, *docs]


def _cap(text: str) -> str:
    """First letter upper case where a value starts a line ("the Chief Executive's Office")."""
    return text[:1].upper() + text[1:]


def _logo(logo: str, org: str) -> str:
    return f'<img class="logo" src="{escape(logo)}" alt="{escape(org)}">' if logo else ""


def _letterhead(kommun: dict, lang: str, logo: str) -> str:
    """The memo's letterhead: logo, organisation and unit; document type; the facts of the matter."""
    words, g = WORDS[lang], kommun["guidelines"]
    org = kommun["organisation"]["name"][lang]
    officer = g.get("case_officer") or {}
    who = ", ".join(str(escape(v)) for v in (officer.get("name"), (officer.get("title") or {}).get(lang)) if v)
    contact = [officer.get("email") or kommun["contact"]["email"], officer.get("phone") or kommun["contact"]["phone"]]
    rows = [(words["date"], g["memo_date"]), (words["dnr"], g["reference"]), (words["to"], _cap(g["addressee"][lang])),
            (words["from"], f'{_cap(g["responsible_unit"][lang])}, {org}')]
    if who:
        rows.append((words["officer"], who))
    rows.append((words["contact"], " · ".join(str(c) for c in contact if c)))
    rows.append((words["matter"], words["matter_text"]))
    cells = "".join(f'<tr><th scope="row">{escape(k)}</th><td>{v if k == words["officer"] else escape(str(v))}</td></tr>'
                    for k, v in rows)
    return (f'<header class="letterhead">{_logo(logo, org)}<p class="org">{escape(org)}</p>'
            f'<p class="unit">{escape(_cap(g["responsible_unit"][lang]))}</p>'
            f'<p class="doctype">{words["memo"]}</p>'
            f'<table class="facts">{cells}</table></header>')
