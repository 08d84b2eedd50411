"""hooks/iopkit/navigation.py (local pages, optional chapters, links to them) and the built nav."""
from __future__ import annotations

import sys

import pytest

from conftest import html_pages, soup
from sitebuild import ROOT

sys.path.insert(0, str(ROOT / "hooks"))

from iopkit.navigation import build_nav, chapter_of, plan, unlink_excluded  # noqa: E402

NAV = [
    {"Start": "index.md"},
    {"Om IOP": [
        {"Vad är IOP?": "vad-ar-iop.md"},
        {"Bakgrund": ["bakgrund/index.md", {"Motionen 2015": "bakgrund/motion-2015.md"}]},
        {"Exempel": "exempel.md"},
    ]},
    {"Avtalsmallar": ["avtal/index.md", "avtal/allman-iop.md"]},
    {"Källkod": "https://example.org/repo"},
    {"Om webbplatsen": [{"Om webbplatsen": "om.md"}]},
]


def test_chapter_of():
    assert chapter_of("exempel.sv.md") == "exempel"
    assert chapter_of("avtal/index.en.md") == "avtal"
    assert chapter_of("bakgrund/motion-2015.md") == "bakgrund"
    assert chapter_of("exempelsida.md") == "exempelsida"


def test_plan_pairs_local_pages_and_drops_excluded_chapters():
    pages = ["index.sv.md", "exempel.sv.md", "exempel.en.md", "lokalt/kontakt.sv.md", "lokalt/kontakt.en.md",
             "lokalt/index.en.md", "lokalt/index.sv.md", "lokalt/README.md", "lokalt/klausuler/sv/parter.md"]
    result = plan(pages, "lokalt", ["exempel"])
    assert result.problems == []
    assert result.local == ["lokalt/index.md", "lokalt/kontakt.md"]  # the index page leads the section
    assert set(result.drop) == {"exempel.sv.md", "exempel.en.md", "lokalt/README.md",
                                "lokalt/klausuler/sv/parter.md"}


def test_plan_refuses_a_local_page_in_one_language():
    result = plan(["lokalt/kontakt.sv.md", "lokalt/stod.en.md", "lokalt/stod.sv.md"], "lokalt", [])
    assert result.local == []
    assert result.problems == [
        "docs/lokalt/kontakt.sv.md: egen sida på bara ett språk; förväntat även docs/lokalt/kontakt.en.md "
        "(varje egen sida behöver både .sv.md och .en.md)\n"
        "    (en) docs/lokalt/kontakt.sv.md: local page in one language only; expected docs/lokalt/kontakt.en.md "
        "as well (every local page needs both .sv.md and .en.md)"
    ]


def test_plan_refuses_bad_local_file_names():
    result = plan(["egna/Kontakt.sv.md", "egna/Kontakt.en.md", "egna/utan-sprak.md", "egna/del/a.sv.md"],
                  "egna", [])
    text = "\n".join(result.problems)
    assert "docs/egna/Kontakt.sv.md: expected a name of lowercase letters" in text
    assert "docs/egna/utan-sprak.md: local page without a language code; expected docs/egna/utan-sprak.sv.md" in text
    assert "docs/egna/del/a.sv.md: local pages go directly in docs/egna/" in text


def test_build_nav_removes_excluded_chapters_and_empty_sections():
    nav = build_nav(NAV, ["exempel", "bakgrund", "avtal"], [], "Lokalt", "Om webbplatsen")
    assert nav == [
        {"Start": "index.md"},
        {"Om IOP": [{"Vad är IOP?": "vad-ar-iop.md"}]},
        {"Källkod": "https://example.org/repo"},
        {"Om webbplatsen": [{"Om webbplatsen": "om.md"}]},
    ]


def test_build_nav_adds_local_section_once_and_keeps_input():
    original = repr(NAV)
    once = build_nav(NAV, [], ["lokalt/kontakt.md"], "Lokalt", "Om webbplatsen")
    assert once[-2] == {"Lokalt": ["lokalt/kontakt.md"]}
    assert build_nav(once, [], ["lokalt/kontakt.md"], "Lokalt", "Om webbplatsen") == once  # second language
    assert repr(NAV) == original
    assert build_nav(NAV, [], ["lokalt/a.md"], "Lokalt", "Saknas")[-1] == {"Lokalt": ["lokalt/a.md"]}
    assert build_nav(NAV, [], [], "Lokalt") == NAV
    assert build_nav(None, ["exempel"], ["lokalt/a.md"], "Lokalt") is None


def test_unlink_excluded_keeps_the_text():
    md = ("Se [Exempel](exempel.md#alingsas \"titel\") och [lagen](lagstiftning.md).\n"
          "En [länk över\ntvå rader](avtal/index.md) och ![bild](avtal/bild.md).\n")
    out = unlink_excluded(md, "fragor-och-svar.sv.md", ["exempel", "avtal"])
    assert out == ("Se Exempel och [lagen](lagstiftning.md).\n"
                   "En länk över\ntvå rader och ![bild](avtal/bild.md).\n")


def test_unlink_excluded_resolves_relative_paths():
    md = "[fallet](../exempel.md) [motionen](motion-2015.md) [utanför](../../exempel.md)"
    out = unlink_excluded(md, "bakgrund/index.sv.md", ["exempel"])
    assert out == "fallet [motionen](motion-2015.md) [utanför](../../exempel.md)"
    assert unlink_excluded("[x](motion-2015.md)", "bakgrund/index.sv.md", ["bakgrund"]) == "x"


def test_unlink_excluded_handles_reference_links():
    md = "Se [exemplen][ex], [Ex][] och [lagen][lag].\n\n[ex]: exempel.md\n[lag]: lagstiftning.md\n"
    out = unlink_excluded(md, "index.sv.md", ["exempel"])
    assert out == "Se exemplen, Ex och [lagen][lag].\n\n\n[lag]: lagstiftning.md\n"


def test_unlink_excluded_leaves_code_alone():
    md = "`[a](exempel.md)`\n\n```markdown\n[a](exempel.md)\n```\n\n[b](exempel.md)\n"
    out = unlink_excluded(md, "index.sv.md", ["exempel"])
    assert out == "`[a](exempel.md)`\n\n```markdown\n[a](exempel.md)\n```\n\nb\n"


def test_unlink_excluded_without_exclusions_is_identity():
    md = "[a](exempel.md) [b](https://example.org/exempel.md) [c](/exempel.md)"
    assert unlink_excluded(md, "index.sv.md", []) == md
    assert unlink_excluded(md, "index.sv.md", ["exempel"]) == "a [b](https://example.org/exempel.md) [c](/exempel.md)"


# ---- The built site: a nav label is the page's own title ----

def _h1(page_soup) -> str:
    h1 = page_soup.select_one("article h1")
    return h1.get_text(" ", strip=True).removesuffix("¶").strip()


def _target(site, page, href: str):
    """The built file a relative nav link points at, or None for anchors and other hosts."""
    path = href.split("#")[0]
    if not path or "://" in path or path.startswith(("/", "mailto:")):
        return None
    target = (page.parent / path).resolve()
    return target / "index.html" if target.is_dir() else target


@pytest.mark.upstream_content  # a fork's own pages choose their own titles
def test_nav_and_footer_links_show_the_target_pages_title(site):
    """What a reader clicks (sidebar, previous/next) is what the page calls itself: its H1, which
    also starts the browser tab's title."""
    checked, wrong = 0, []
    for page in html_pages(site):
        rel = page.relative_to(site).as_posix()
        if rel.endswith("404.html"):
            continue
        doc = soup(page)
        title = doc.title.get_text()
        own = _h1(doc)
        if not title.startswith(own + " – "):
            wrong.append(f"{rel}: <title> {title!r} does not start with the H1 {own!r}")
        links = [(a, a.get_text(" ", strip=True)) for a in doc.select("nav.md-nav--primary a.md-nav__link")
                 if not a.find_parent(class_="md-nav--secondary")]  # the page's own contents list
        links += [(a, a.select_one(".md-ellipsis").get_text(" ", strip=True)) for a in doc.select("a.md-footer__link")]
        for a, label in links:
            target = _target(site, page, a["href"])
            if target is None:
                continue
            assert target.is_file(), f"{rel}: nav link {a['href']} leads nowhere"
            checked += 1
            if label != _h1(soup(target)):
                wrong.append(f"{rel}: link {label!r} to {target.relative_to(site).as_posix()}, "
                             f"whose H1 is {_h1(soup(target))!r}")
    assert checked > 100
    assert wrong == [], "nav labels must be page titles (no label in mkdocs.yml's nav):\n" + "\n".join(wrong)
