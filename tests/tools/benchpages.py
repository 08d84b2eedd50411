"""Realistic generated pages for the benchmark: Swedish and English prose of about 800 words, headings,
a table, links to other pages and Jinja values from kommun.yml, grouped in sections of the nav."""
from __future__ import annotations

import random
import re
from pathlib import Path

SECTION_SIZE = 25  # a site grows by more sections, not by ever longer ones
FOLDER = "genererat"

SUBJECTS = {
    "sv": ["Kommunen", "Föreningen", "Nämnden", "Förvaltningen", "Den idéburna organisationen",
           "Styrelsen", "Parterna", "Samordnaren", "Kommunstyrelsen", "Verksamheten"],
    "en": ["The municipality", "The association", "The committee", "The administration",
           "The non-profit organisation", "The board", "The parties", "The coordinator",
           "The executive committee", "The service"],
}
VERBS = {
    "sv": ["beskriver", "följer upp", "prövar", "bedömer", "dokumenterar", "planerar", "granskar",
           "redovisar", "förankrar", "utvecklar"],
    "en": ["describes", "follows up", "tests", "assesses", "documents", "plans", "reviews",
           "reports", "anchors", "develops"],
}
OBJECTS = {
    "sv": ["partnerskapets mål", "budgeten för nästa år", "insatserna för unga", "stödet till kvinnojourer",
           "samverkan med civilsamhället", "riskerna med statsstöd", "årets uppföljning", "behovet i området",
           "avtalets villkor", "rollfördelningen mellan parterna", "tillgängligheten i lokalerna",
           "rutinerna för dataskydd", "resultaten från enkäten", "den ekonomiska redovisningen"],
    "en": ["the partnership's goals", "next year's budget", "the work with young people", "the support for shelters",
           "cooperation with civil society", "the state-aid risks", "this year's follow-up", "the needs in the area",
           "the terms of the agreement", "the division of roles", "the accessibility of the premises",
           "the data-protection routines", "the survey results", "the financial report"],
}
TAILS = {
    "sv": ["innan beslutet fattas", "tillsammans med {{ org.name }}", "enligt riktlinjerna",
           "varje kvartal", "i dialog med medborgarna", "utan att upphandla", "med stöd av {{ guidelines.responsible_unit }}",
           "och lämnar underlaget till {{ guidelines.adopted_by }}", "i god tid", "på ett öppet sätt"],
    "en": ["before the decision is taken", "together with {{ org.name }}", "under the guidelines",
           "every quarter", "in dialogue with residents", "without a procurement", "with help from {{ guidelines.responsible_unit }}",
           "and hands the material to {{ guidelines.adopted_by }}", "in good time", "openly"],
}
WORDS = {
    "sv": {"title": "Exempelsida", "section": "Avsnitt", "background": "Bakgrund", "work": "Så går arbetet till",
           "follow": "Uppföljning", "more": "Läs mer", "table": ["Steg", "Ansvar", "Tid"],
           "links": ["Riktlinjer", "Process och vägval", "Nästa sida", "Föregående sida"]},
    "en": {"title": "Example page", "section": "Section", "background": "Background", "work": "How the work is done",
           "follow": "Follow-up", "more": "Read more", "table": ["Step", "Responsible", "Time"],
           "links": ["Guidelines", "Process and routes", "Next page", "Previous page"]},
}


def sentence(rng: random.Random, lang: str) -> str:
    return (f"{rng.choice(SUBJECTS[lang])} {rng.choice(VERBS[lang])} {rng.choice(OBJECTS[lang])} "
            f"{rng.choice(TAILS[lang])}.")


def paragraph(rng: random.Random, lang: str, sentences: int = 8) -> str:
    return " ".join(sentence(rng, lang) for _ in range(sentences))


def page_name(i: int) -> tuple[str, str]:
    """(section folder, file stem) of generated page i."""
    return f"s{i // SECTION_SIZE:03}", f"sida-{i:04}"


def page_text(i: int, count: int, lang: str) -> str:
    rng = random.Random(i * 2 + (lang == "en"))
    w = WORDS[lang]
    section, _ = page_name(i)
    nxt, prev = page_name((i + 1) % count), page_name((i - 1) % count)

    def link(target: tuple[str, str]) -> str:
        return f"{target[1]}.md" if target[0] == section else f"../{target[0]}/{target[1]}.md"

    rows = "\n".join(f"| {n} | {rng.choice(SUBJECTS[lang])} | {rng.randint(1, 12)} v |" for n in range(1, 6))
    parts = [
        f"# {w['title']} {i}",
        f"{{{{ org.name }}}} ({{{{ org.kind }}}}). {paragraph(rng, lang, 5)}",
        f"## {w['background']}", paragraph(rng, lang), paragraph(rng, lang),
        f"## {w['work']}", paragraph(rng, lang),
        f"| {' | '.join(w['table'])} |\n| --- | --- | --- |\n{rows}",
        paragraph(rng, lang),
        f"### {w['section']} {i}.1", paragraph(rng, lang), paragraph(rng, lang),
        f"## {w['follow']}", paragraph(rng, lang), paragraph(rng, lang),
        f"### {w['section']} {i}.2", paragraph(rng, lang), paragraph(rng, lang),
        f"## {w['more']}",
        f"- [{w['links'][0]}](../../riktlinjer.md)\n- [{w['links'][1]}](../../process.md)\n"
        f"- [{w['links'][2]}]({link(nxt)})\n- [{w['links'][3]}]({link(prev)})",
        f"{{{{ guidelines.reference }}}}",
    ]
    return "\n\n".join(parts) + "\n"


def add_pages(project: Path, count: int) -> None:
    """Write count pages per language under docs/genererat/ and add them to the nav, section by section."""
    folder = project / "docs" / FOLDER
    sections: dict[str, list[str]] = {}
    for i in range(count):
        section, stem = page_name(i)
        (folder / section).mkdir(parents=True, exist_ok=True)
        for lang in ("sv", "en"):
            (folder / section / f"{stem}.{lang}.md").write_text(page_text(i, count, lang), encoding="utf-8")
        sections.setdefault(section, []).append(f"{FOLDER}/{section}/{stem}.md")
    nav = "".join(f"      - Del {s[1:]}:\n" + "".join(f"          - {p}\n" for p in pages)
                  for s, pages in sections.items())
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    marker = "\nnav:\n"
    assert marker in text and not re.search(r"^\w", text.split(marker)[1], re.M), "nav must end mkdocs.yml"
    text = text.rstrip("\n") + "\n  - Genererat:\n" + nav
    config.write_text(text, encoding="utf-8")
