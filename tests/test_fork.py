"""A fork: its own kommun.yml, logo, local page and local clause, a switched-off chapter, and a
merge of a later upstream release. Each test builds copies of the repository, so they are slow."""
from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from sitebuild import ROOT, Build, build, copy_project

sys.path.insert(0, str(ROOT / "hooks"))

from iopkit.schema import CHAPTERS  # noqa: E402

pytestmark = pytest.mark.slow

NAME = {"sv": "Norrå & Söderå <kommun>", "en": "Norrå & Söderå <Municipality>"}
TAG = {"sv": "kommun", "en": "municipality"}  # the element an unescaped name would create
PRIMARY, ACCENT = "#2d4a22", "#6b1f5c"
REFERENCE = "KS 2027/0042"
DEFAULTS = ("exempelby", "KS 2026/0001")
LANG_PREFIX = {"sv": "", "en": "en/"}

FORK_KOMMUN_YML = f"""\
organisation:
  kind: kommun
  name:
    sv: "{NAME['sv']}"
    en: "{NAME['en']}"
  short_name:
    sv: Norrå & Söderå
    en: Norrå & Söderå
  website: https://www.norra-sodera.example
  example: false

site:
  url: https://iop.norra-sodera.example/
  repository: https://github.com/norra-sodera/iop-vagledning

contact:
  email: iop@norra-sodera.example
  phone: 0123-45 67 00

logo: lokalt/logotyp.svg

colours:
  primary: "{PRIMARY}"
  accent: "{ACCENT}"

guidelines:
  addressee:
    sv: Kommunstyrelsens arbetsutskott
    en: the Executive Committee
  adopted_by:
    sv: Kommunfullmäktige i Norrå och Söderå
    en: the Council of Norrå and Söderå
  reference: {REFERENCE}
  memo_date: 2027-01-15
  decision_date: 2027-02-20
  review_date: 2029-02-20
  responsible_unit:
    sv: Samhällsutvecklingsenheten
    en: the Community Development Unit

accessibility:
  compliance: full
  assessed: 2027-01-10
  updated: 2027-01-12
  method:
    sv: Granskad av en extern konsult i januari 2027.
    en: Reviewed by an external consultant in January 2027.
  known_issues: []
  disproportionate_burden: []
  outside_scope: []
  response_time:
    sv: Vi svarar inom tre arbetsdagar.
    en: We reply within three working days.

chapters:
  exclude: [exempel]

local:
  folder: lokalt
"""

LOGO = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48"><rect width="48" height="48" rx="8" '
        'fill="#ffffff"/><circle cx="24" cy="24" r="14" fill="#2d4a22"/><!-- norra-sodera-logo --></svg>\n')

LOCAL_PAGE = {
    "sv": "---\ntitle: Stöd för IOP hos oss\n---\n\n# Stöd för IOP hos oss\n\n"
          "{{ org.name }} hjälper föreningar som vill ingå ett partnerskap. Läs också\n"
          "[exemplen](../exempel.md) och [lagstiftningen](../lagstiftning.md).\n",
    "en": "---\ntitle: IOP support here\n---\n\n# IOP support here\n\n"
          "{{ org.name }} helps associations that want to enter a partnership. See also the\n"
          "[examples](../exempel.md) and the [legislation](../lagstiftning.md).\n",
}
LOCAL_WORDING = {"sv": "Lokal lydelse från Norrå och Söderå.", "en": "Local wording from Norrå and Söderå."}


def add_fork_files(project: Path) -> None:
    """Everything a fork changes: kommun.yml, and new files in docs/lokalt/ only."""
    (project / "kommun.yml").write_text(FORK_KOMMUN_YML, encoding="utf-8")
    local = project / "docs" / "lokalt"
    local.mkdir(parents=True, exist_ok=True)
    (local / "logotyp.svg").write_text(LOGO, encoding="utf-8")
    for lang in ("sv", "en"):
        (local / f"stod.{lang}.md").write_text(LOCAL_PAGE[lang], encoding="utf-8")
        upstream = (project / "docs" / "_agreements" / "clauses" / lang / "parter.md").read_text(encoding="utf-8")
        clause = local / "klausuler" / lang / "parter.md"
        clause.parent.mkdir(parents=True, exist_ok=True)
        clause.write_text(upstream.rstrip("\n") + f"\n\n{LOCAL_WORDING[lang]}\n", encoding="utf-8")


@pytest.fixture(scope="module")
def fork(tmp_path_factory) -> Build:
    project = copy_project(tmp_path_factory.mktemp("fork") / "project")
    add_fork_files(project)
    result = build(project, project.parent / "site")
    assert result.returncode == 0, f"the fork's strict build failed:\n{result.output}"
    return result


def page(fork: Build, lang: str, path: str) -> BeautifulSoup:
    file = fork.site / LANG_PREFIX[lang] / path / "index.html"
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def html_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.relative_to(site).parts[0] not in ("assets", "pagefind"))


def test_fork_builds_strictly_without_warnings(fork):
    assert fork.warnings == []
    print(f"fork build: {fork.seconds:.1f} s")


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("path", ["", "riktlinjer", "avtal/allman-iop", "beslutsunderlag", "tillganglighet"])
def test_name_is_text_never_markup(fork, lang, path):
    soup = page(fork, lang, path)
    raw = str(soup)
    assert soup.find(TAG[lang]) is None, "the name was inserted as HTML"
    assert "&amp;amp;" not in raw and "&amp;lt;" not in raw, "the name was escaped twice"
    assert NAME[lang] in soup.title.get_text()
    assert NAME[lang] in soup.select_one(".md-header__topic").get_text()
    assert NAME[lang] in soup.select_one(".md-copyright").get_text()
    assert NAME[lang] in soup.select_one("article").get_text(), "the page text does not name the fork"


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_colours_logo_and_reference_are_the_forks(fork, lang):
    soup = page(fork, lang, "beslutsunderlag")
    style = " ".join(s.get_text() for s in soup.find_all("style"))
    assert f"--md-primary-fg-color: {PRIMARY}" in style
    assert f"--md-accent-fg-color: {ACCENT}" in style
    logo = soup.select_one(".md-logo img")["src"]
    assert logo.endswith("lokalt/logotyp.svg")
    assert (fork.site / "lokalt" / "logotyp.svg").read_text(encoding="utf-8") == LOGO
    assert REFERENCE in soup.get_text()
    assert soup.select_one(".example-notice") is None


def _leaks(site: Path) -> dict[str, list[str]]:
    """Every built file (gzip files unpacked) that mentions a default value of kommun.yml."""
    found = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        text = data.decode("utf-8", "replace").lower()
        hits = [d for d in DEFAULTS if d.lower() in text or d.lower() in path.name.lower()]
        if hits:
            found[path.relative_to(site).as_posix()] = hits
    return found


def test_no_default_values_leak_anywhere(fork):
    assert _leaks(fork.site) == {}


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_local_clause_is_used_and_marked_local(fork, lang):
    soup = page(fork, lang, "avtal/allman-iop")
    clause = soup.select_one("#klausul-parter")
    assert LOCAL_WORDING[lang] in clause.get_text()
    assert clause.select_one(".clause-local").get_text() == {"sv": "Lokal klausul", "en": "Local clause"}[lang]
    meta = soup.select_one(".agreement-meta").get_text(" ", strip=True)
    assert {"sv": "har ersatt lokalt: Parter", "en": "has replaced locally: Parties"}[lang] in meta
    assert len(soup.select(".clause-local")) == 1


def test_excluded_chapter_is_gone_and_nothing_links_to_it(fork):
    site = fork.site
    assert not (site / "exempel").exists() and not (site / "en" / "exempel").exists()
    dead = ("/exempel/", "/en/exempel/")
    for file in html_files(site):
        url = "/" + file.relative_to(site).as_posix()
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        for a in soup.find_all("a", href=True):
            target = urlparse(urljoin(url, a["href"])).path
            assert not target.startswith(dead), f"{url} links to the excluded chapter: {a['href']}"
    assert "exempel/" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    # Pages are indexed for search as they are written (hooks/search_index.py): a page that is
    # not built is never in the index.


@pytest.mark.parametrize("lang, section, title", [("sv", "Lokalt", "Stöd för IOP hos oss"),
                                                  ("en", "Local", "IOP support here")])
def test_local_page_is_built_and_in_the_nav(fork, lang, section, title):
    soup = page(fork, lang, "lokalt/stod")
    assert soup.html["lang"] == lang
    assert soup.h1.get_text(strip=True).startswith(title)
    text = soup.select_one("article").get_text(" ", strip=True)
    assert NAME[lang] in text
    assert soup.select_one("article a[href*='exempel']") is None  # the link to the excluded chapter is text now
    nav = page(fork, lang, "").select_one("nav.md-nav--primary")
    labels = [el.get_text(" ", strip=True) for el in nav.select(".md-nav__item--section > .md-nav__link")]
    assert section in labels
    links = {a.get_text(" ", strip=True): a["href"] for a in nav.select("a.md-nav__link")}
    assert links.get(title, "").rstrip("/").endswith("lokalt/stod")
    assert "Exempel" not in links and "Examples" not in links
    other = {"sv": "en", "en": "sv"}[lang]
    switch = soup.select_one(f'.md-select__link[hreflang="{other}"]')
    assert switch["href"].rstrip("/").endswith("lokalt/stod")


def test_every_chapter_can_be_switched_off_at_once(project_copy):
    path = project_copy / "kommun.yml"
    every = ", ".join(CHAPTERS)
    path.write_text(path.read_text(encoding="utf-8").replace("exclude: []", f"exclude: [{every}]"), encoding="utf-8")
    result = build(project_copy, project_copy.parent / "site")
    assert result.returncode == 0, f"strict build failed with every chapter off:\n{result.output}"
    for chapter in CHAPTERS:
        assert not (result.site / chapter).exists() and not (result.site / "en" / chapter).exists()
    assert (result.site / "riktlinjer" / "index.html").is_file()


@pytest.mark.parametrize("change, field", [
    pytest.param(lambda t: t.replace(f'primary: "{PRIMARY}"', 'primary: "#7fbfff"'), "colours.primary",
                 id="low contrast"),
    pytest.param(lambda t: t.replace("exclude: [exempel]", "exclude: [nyheter]"), "chapters.exclude[0]",
                 id="unknown chapter"),
    pytest.param(lambda t: t.replace("logo: lokalt/logotyp.svg", "logo: lokalt/saknas.svg"), "logo",
                 id="missing logo"),
])
def test_invalid_kommun_yml_stops_the_build(project_copy, change, field):
    add_fork_files(project_copy)
    path = project_copy / "kommun.yml"
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    result = build(project_copy, project_copy.parent / "site")
    assert result.returncode != 0
    assert f"{field}: expected" in result.output


def test_local_page_in_one_language_stops_the_build(project_copy):
    add_fork_files(project_copy)
    (project_copy / "docs" / "lokalt" / "stod.en.md").unlink()
    result = build(project_copy, project_copy.parent / "site")
    assert result.returncode != 0
    assert "docs/lokalt/stod.sv.md: local page in one language only; expected docs/lokalt/stod.en.md" in result.output


# The merge test: a fork that only touched kommun.yml and docs/lokalt/ takes a later upstream
# release without conflicts.
GIT_ENV = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
GIT_ID = ["-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false",
          "-c", "init.defaultBranch=main", "-c", "pull.rebase=false"]
UPSTREAM_CLAUSE = {"sv": "Uppsägningen ska skickas till den andra partens kontaktperson.",
                   "en": "Notice shall be sent to the other party's contact person."}
UPSTREAM_LAW = "Avsnittet har stämts av mot lagtexten i en senare version."


def git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run(["git", *GIT_ID, *args], cwd=repo, env=GIT_ENV, capture_output=True, text=True)
    assert result.returncode == 0, f"git {' '.join(args)} failed:\n{result.stdout}{result.stderr}"
    return result


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{text}\n", encoding="utf-8")


@pytest.mark.skipif(shutil.which("git") is None, reason="the merge test needs git")
def test_fork_merges_a_later_upstream_release(tmp_path):
    upstream = copy_project(tmp_path / "upstream")
    changelog = upstream / "CHANGELOG.md"
    changelog.write_text("# Ändringslogg\n\n## [1.0.0] – 2026-11-25\n", encoding="utf-8")
    git(upstream, "init", "-q")
    git(upstream, "add", "-A")
    git(upstream, "commit", "-q", "-m", "Release 1.0.0")

    fork = tmp_path / "fork"
    git(tmp_path, "clone", "-q", str(upstream), str(fork))
    add_fork_files(fork)
    git(fork, "add", "-A")
    git(fork, "commit", "-q", "-m", "Our own version")
    changed = git(fork, "show", "--name-only", "--format=", "HEAD").stdout.split()
    assert all(p == "kommun.yml" or p.startswith("docs/lokalt/") for p in changed), changed

    for lang in ("sv", "en"):
        append(upstream / "docs" / "_agreements" / "clauses" / lang / "uppsagning.md", UPSTREAM_CLAUSE[lang])
    append(upstream / "docs" / "lagstiftning.sv.md", UPSTREAM_LAW)
    append(changelog, "## [1.0.1] – 2027-03-01\n\n- **Juridisk ändring (legal change):** uppsägning.")
    git(upstream, "commit", "-q", "-am", "Release 1.0.1")

    merge = git(fork, "pull", "--no-edit", "origin", "main")
    assert "CONFLICT" not in merge.stdout
    assert git(fork, "status", "--porcelain").stdout == ""
    assert "[1.0.1]" in (fork / "CHANGELOG.md").read_text(encoding="utf-8")

    result = build(fork, tmp_path / "site")
    print(f"merged fork build: {result.seconds:.1f} s")
    assert result.returncode == 0, f"the merged fork's strict build failed:\n{result.output}"
    for lang in ("sv", "en"):
        agreement = page(result, lang, "avtal/allman-iop")
        assert NAME[lang] in agreement.title.get_text()
        assert UPSTREAM_CLAUSE[lang] in agreement.select_one("#klausul-uppsagning").get_text()
        assert LOCAL_WORDING[lang] in agreement.select_one("#klausul-parter").get_text()
    assert UPSTREAM_LAW in page(result, "sv", "lagstiftning").get_text()
