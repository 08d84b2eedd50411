"""The strict build, both languages, page parity, lang attributes, 404 pages, site name."""
from __future__ import annotations


from conftest import html_pages, soup
from sitebuild import KOMMUN, ROOT



def test_strict_build_has_no_warnings(site_build):
    assert site_build.warnings == []


def _split(site):
    sv, en = set(), set()
    for path in html_pages(site):
        rel = path.relative_to(site).as_posix()
        (en if rel.startswith("en/") else sv).add(rel.removeprefix("en/"))
    return sv, en


def test_every_page_exists_in_both_languages(site):
    sv, en = _split(site)
    assert sv - en == set(), "pages only in Swedish"
    assert en - sv == set(), "pages only in English"
    assert len(sv) >= 5  # even a fork with every optional chapter off


def test_every_source_page_has_both_language_files():
    docs = ROOT / "docs"
    stems = lambda lang: {p.relative_to(docs).as_posix()[: -len(f".{lang}.md")]  # noqa: E731
                          for p in docs.rglob(f"*.{lang}.md") if not p.relative_to(docs).parts[0].startswith("_")}
    assert stems("sv") == stems("en")
    bare = [p for p in docs.rglob("*.md") if not p.name.endswith((".sv.md", ".en.md"))
            and not p.relative_to(docs).parts[0].startswith("_") and "klausuler" not in p.parts
            and p.name != "README.md"]  # docs/lokalt/README.md is not part of the site
    assert bare == [], "pages need a .sv.md or .en.md suffix"


def test_html_lang_matches_the_language_of_each_page(site):
    for path in html_pages(site):
        lang = soup(path).html["lang"]
        expected = "en" if path.relative_to(site).parts[0] == "en" else "sv"
        assert lang == expected, path


def test_each_language_has_its_own_404_page(site):
    sv_404, en_404 = soup(site / "404.html"), soup(site / "en" / "404.html")
    assert sv_404.html["lang"] == "sv" and "Sidan finns inte" in sv_404.h1.text
    assert en_404.html["lang"] == "en" and "Page not found" in en_404.h1.text


def test_language_switcher_points_to_the_same_page(site):
    page = soup(site / "lagstiftning" / "index.html")
    links = {a["hreflang"]: a["href"] for a in page.select("a[hreflang]")}
    assert links["en"].rstrip("/").endswith("en/lagstiftning")
    back = {a["hreflang"]: a["href"] for a in soup(site / "en" / "lagstiftning" / "index.html").select("a[hreflang]")}
    assert back["sv"].rstrip("/").endswith("lagstiftning") and "/en/" not in back["sv"]


def test_site_name_comes_from_kommun_yml(site):
    for lang, path in (("sv", site / "index.html"), ("en", site / "en" / "index.html")):
        title = soup(path).title.text
        assert KOMMUN["organisation"]["name"][lang] in title


def test_site_url_is_set_for_links_and_sitemap(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert KOMMUN["site"]["url"] in sitemap


def test_admonition_titles_are_translated(site):
    assert "Varning" in soup(site / "index.html").select_one(".admonition-title").text or \
        soup(site / "index.html").select_one(".admonition.warning")
    en_titles = [t.text for p in html_pages(site / "en") for t in soup(p).select(".admonition-title")]
    assert not any(t.strip() in {"Obs", "Varning", "Sammanfattning"} for t in en_titles)


def test_theme_labels_follow_the_language(site):
    assert soup(site / "index.html").select_one(".md-skip").text.strip() == "Gå till innehållet"
    assert soup(site / "en" / "index.html").select_one(".md-skip").text.strip() == "Skip to content"


def test_search_index_is_built_per_language(site):
    """One bundle per language, each holding only its own language's index."""
    for lang, bundle in (("sv", site / "pagefind"), ("en", site / "en" / "pagefind")):
        other = "en" if lang == "sv" else "sv"
        assert (bundle / "pagefind.js").is_file()
        assert list(bundle.glob(f"pagefind.{lang}_*.pf_meta")) and (bundle / f"wasm.{lang}.pagefind").is_file()
        assert not list(bundle.glob(f"pagefind.{other}_*.pf_meta"))


def test_only_page_content_is_indexed(site):
    for path in html_pages(site):
        page = soup(path)
        bodies = page.select("[data-pagefind-body]")
        if path.name == "404.html":
            assert bodies == []
            continue
        assert len(bodies) == 1, path
        assert bodies[0].find_parent(class_="md-sidebar") is None


def test_every_page_links_to_the_accessibility_statement_in_its_footer(site, site_url):
    from urllib.parse import urljoin

    for path in html_pages(site):
        rel = path.relative_to(site).as_posix()
        expected = site_url + ("en/" if rel.startswith("en/") else "") + "tillganglighet/"
        links = {urljoin(site_url + rel, a["href"]) for a in soup(path).select("footer .md-copyright a[href]")}
        assert expected in links, (rel, links)
