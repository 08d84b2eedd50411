"""A fork: its own kommun.yml, logo, local page and local clause, a switched-off chapter, and a
merge of a later upstream release. Each test builds copies of the repository, so they are slow."""
from __future__ import annotations

import copy
import gzip
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from sitebuild import EXAMPLE, ROOT, Build, build, copy_project, use_example_settings, write_settings
from iopkit import local_clause
from iopkit.schema import CHAPTERS

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
  exclude: [exempel, ordlista]
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
    """Everything a fork changes, as the guide says: kommun.yml, and new files in docs/lokalt/ only.
    The local clause is made with the helper (`make lokal-klausul ID=parter`), then edited."""
    (project / "kommun.yml").write_text(FORK_KOMMUN_YML, encoding="utf-8")
    local = project / "docs" / "lokalt"
    local.mkdir(parents=True, exist_ok=True)
    (local / "logotyp.svg").write_text(LOGO, encoding="utf-8")
    for lang in ("sv", "en"):
        (local / f"stod.{lang}.md").write_text(LOCAL_PAGE[lang], encoding="utf-8")
    for clause in local_clause.make(project, "parter"):
        lang = clause.parent.name
        clause.write_text(clause.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{LOCAL_WORDING[lang]}\n",
                          encoding="utf-8")


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
    dead = ("/exempel/", "/en/exempel/", "/ordlista/", "/en/ordlista/")
    for file in html_files(site):
        url = "/" + file.relative_to(site).as_posix()
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        for a in soup.find_all("a", href=True):
            target = urlparse(urljoin(url, a["href"])).path
            assert not target.startswith(dead), f"{url} links to the excluded chapter: {a['href']}"
    assert "exempel/" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "ordlista/" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    # Pages are indexed for search as they are written (hooks/search_index.py): a page that is
    # not built is never in the index.


@pytest.mark.parametrize("lang, words", [
    ("sv", {"start": "Läs Vad är IOP? och Frågor och svar.", "gone": ["Exempel", "Ordlista", "ordlistan", "exemplen"]}),
    ("en", {"start": "Read What is IOP? and Questions and answers.", "gone": ["Examples", "Glossary", "glossary"]}),
])
def test_switched_off_chapters_leave_the_prose(fork, lang, words):
    """Sentences and table rows about a switched-off chapter go with it (chapter_on() in the pages)."""
    start = page(fork, lang, "")
    rows = [tr.find("td").get_text(strip=True) for tr in start.select("article table tbody tr")]
    assert len(rows) == 6 and not set(rows) & set(words["gone"]), rows
    assert words["start"] in re.sub(r"\s+([.,?])", r"\1", " ".join(start.select_one("article").get_text(" ").split()))
    for path in ("", "riktlinjer", "fragor-och-svar", "vad-ar-iop"):
        text = page(fork, lang, path).select_one("article").get_text(" ")
        assert [w for w in words["gone"] if f" {w}" in text and w[0].islower()] == [], path


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
    assert not [label for label in links if label.startswith(("Exempel", "Examples"))]  # nav shows page titles
    other = {"sv": "en", "en": "sv"}[lang]
    switch = soup.select_one(f'.md-select__link[hreflang="{other}"]')
    assert switch["href"].rstrip("/").endswith("lokalt/stod")


@pytest.mark.parametrize("on", [None, *CHAPTERS], ids=["all off", *(f"only {c}" for c in CHAPTERS)])
def test_deploy_survives_every_chapter_combination(project_copy, on):
    """All chapters off, and each chapter alone: the strict build (what the deploy workflow runs)
    passes, and it writes documents only for the chapters that are on."""
    data = copy.deepcopy(EXAMPLE)
    data["chapters"]["exclude"] = [c for c in CHAPTERS if c != on]
    write_settings(project_copy, data)
    result = build(project_copy, project_copy.parent / "site")
    assert result.returncode == 0, f"strict build failed with only {on} on:\n{result.output}"
    assert result.warnings == []
    for chapter in CHAPTERS:
        built = (result.site / chapter).exists() or (result.site / "en" / chapter).exists()
        assert built == (chapter == on), chapter
    assert (result.site / "riktlinjer" / "index.html").is_file()
    docs = sorted(p.name for p in (result.site / "dokument").glob("*.*")) if (result.site / "dokument").is_dir() else []
    assert bool(docs) == (on in ("avtal", "beslutsunderlag")), docs
    assert all(name.startswith("beslutsunderlag") or name.startswith(("tjansteutlatande", "bilaga-"))
               for name in docs) or on == "avtal", docs


@pytest.mark.parametrize("change, field", [
    pytest.param(lambda t: t.replace(f'primary: "{PRIMARY}"', 'primary: "#7fbfff"'), "colours.primary",
                 id="low contrast"),
    pytest.param(lambda t: t.replace("exclude: [exempel, ordlista]", "exclude: [nyheter]"), "chapters.exclude[0]",
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


# The merge test: a fork made as the guide says takes a later upstream release without conflicts,
# and its own tests pass. The fork runs the commands that docs/egen-version.*.md gives, on a git
# without any configuration (no pull.rebase, no editor).
GIT_ENV = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", "GIT_EDITOR": "false"}
GIT_ID = ["-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false",
          "-c", "init.defaultBranch=main"]
UPSTREAM_CLAUSE = {"sv": "Parterna ska meddela varandra om de byter firmatecknare.",
                   "en": "The parties shall tell each other when their signatories change."}
UPSTREAM_LAW = "Avsnittet har stämts av mot lagtexten i en senare version."
UPSTREAM_YAML = ("kommun.exempel.yml", "hooks/iopkit/kommun-defaults.yml", "mkdocs.yml",
                 "docs/_agreements/templates.yml", "docs/_agreements/variables.yml")


def git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run(["git", *GIT_ID, *args], cwd=repo, env=GIT_ENV, capture_output=True, text=True)
    assert result.returncode == 0, f"git {' '.join(args)} failed:\n{result.stdout}{result.stderr}"
    return result


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{text}\n", encoding="utf-8")


def copy_repository(dest: Path) -> Path:
    """Every file of this repository that git would commit (tracked or new, not ignored), with
    upstream's example settings and no local files: upstream's repository as a fork finds it."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.split("\0")
    for rel in filter(None, listed):
        if (ROOT / rel).is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, dest / rel)
    use_example_settings(dest)
    return dest


def upstream_release(upstream: Path) -> None:
    """A later upstream release: a legal edit of the clause the fork replaced, the legal appendix,
    every upstream-owned YAML file, the workflows and the change log."""
    for lang in ("sv", "en"):
        append(upstream / "docs" / "_agreements" / "clauses" / lang / "parter.md", UPSTREAM_CLAUSE[lang])
    append(upstream / "docs" / "lagstiftning.sv.md", UPSTREAM_LAW)
    yaml_files = [*UPSTREAM_YAML, *(p.relative_to(upstream).as_posix() for p in (upstream / ".github").rglob("*.yml"))]
    for rel in yaml_files:
        append(upstream / rel, "# Ändrad i version 1.0.1 (changed in release 1.0.1).")
    append(upstream / "CHANGELOG.md", "## [1.0.1] – 2027-03-01\n\n- **Juridisk ändring (legal change):** parter.")
    git(upstream, "commit", "-q", "-am", "Release 1.0.1")


@pytest.fixture(scope="module")
def repositories(tmp_path_factory) -> tuple[Path, Path]:
    """(upstream, fork): upstream's repository at release 1.0.0 and a fork made from it as the guide says."""
    base = tmp_path_factory.mktemp("repos")
    upstream = copy_repository(base / "upstream")
    git(upstream, "init", "-q")
    git(upstream, "add", "-A")
    git(upstream, "commit", "-q", "-m", "Release 1.0.0")
    fork = base / "fork"
    git(base, "clone", "-q", str(upstream), str(fork))
    add_fork_files(fork)
    git(fork, "add", "-A")
    git(fork, "commit", "-q", "-m", "Our own version")
    changed = git(fork, "show", "--name-only", "--format=", "HEAD").stdout.split()
    assert all(p == "kommun.yml" or p.startswith("docs/lokalt/") for p in changed), changed
    return upstream, fork


@pytest.mark.skipif(shutil.which("git") is None, reason="the fork tests need git")
def test_a_fork_passes_its_own_tests(repositories):
    """The fork's own test suite, untouched, without the browser tests and the slow fixture builds
    (the browser suite runs the same way; set IOP_FORK_BROWSER=1 to include it here)."""
    _, fork = repositories
    marks = "not slow" if os.environ.get("IOP_FORK_BROWSER") == "1" else "not slow and not browser"
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", marks],
                            cwd=fork, env=env, capture_output=True, text=True, check=False)
    print(result.stdout[-3000:])
    assert result.returncode == 0, f"the fork's own tests failed:\n{result.stdout[-6000:]}{result.stderr[-2000:]}"
    assert "checks upstream's own content; kommun.yml is not upstream's example" in result.stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="the merge test needs git")
def test_fork_merges_a_later_upstream_release_and_hears_of_its_stale_clause(repositories, tmp_path):
    upstream, fork = repositories
    upstream_release(upstream)

    git(fork, "remote", "add", "upstream", str(upstream))
    git(fork, "fetch", "-q", "upstream")
    merge = git(fork, "merge", "--no-edit", "upstream/main")
    assert "CONFLICT" not in merge.stdout
    assert git(fork, "status", "--porcelain").stdout == ""
    assert "[1.0.1]" in (fork / "CHANGELOG.md").read_text(encoding="utf-8")

    result = build(fork, tmp_path / "site")
    print(f"merged fork build: {result.seconds:.1f} s")
    assert result.returncode == 0, f"the merged fork's strict build failed:\n{result.output}"
    assert result.warnings == [], "a stale clause is a notice, never a warning that --strict turns into a failure"
    notices = [line for line in result.output.splitlines() if "predates upstream's current wording" in line]
    assert [n.split(" - ", 1)[0].strip() for n in notices] == ["INFO", "INFO"], result.output
    assert "Lokal klausul 'parter' (sv) bygger på en äldre version av originalets klausul" in result.output
    diff = re.search(r"git diff (\w+) HEAD:(docs/_agreements/clauses/sv/parter\.md)", result.output)
    assert diff, result.output
    shown = git(fork, "diff", diff.group(1), f"HEAD:{diff.group(2)}").stdout
    assert f"+{UPSTREAM_CLAUSE['sv']}" in shown, "the command in the notice shows upstream's change"

    for lang in ("sv", "en"):
        agreement = page(result, lang, "avtal/allman-iop")
        assert NAME[lang] in agreement.title.get_text()
        clause = agreement.select_one("#klausul-parter")
        assert LOCAL_WORDING[lang] in clause.get_text() and UPSTREAM_CLAUSE[lang] not in clause.get_text()
        assert clause.select_one(".clause-stale").get_text(" ", strip=True).endswith(
            {"sv": "Originalet har ändrats sedan dess.", "en": "which has changed since."}[lang])
        assert len(agreement.select(".clause-stale")) == 1
    assert UPSTREAM_LAW in page(result, "sv", "lagstiftning").get_text()


# Names are text: markup in any kommun.yml string runs no script on any page, in a real browser.
XSS = ('<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'
       '[klicka](javascript:window.__xss=3) <svg onload="window.__xss=4"></svg>{: onclick="window.__xss=5" }')


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Build:
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    data = copy.deepcopy(EXAMPLE)
    for section, keys in (("organisation", ("name", "short_name")),
                          ("guidelines", ("addressee", "adopted_by", "responsible_unit")),
                          ("accessibility", ("method", "response_time"))):
        for key in keys:
            data[section][key] = {lang: f"{lang.upper()} {XSS}" for lang in ("sv", "en")}
    data["guidelines"]["reference"] = f"KS 1 {XSS}"
    data["accessibility"]["known_issues"] = [{"sv": XSS, "en": XSS}]
    write_settings(project, data)
    result = build(project, project.parent / "site")
    assert result.returncode == 0, result.output
    return result


def test_a_hostile_name_runs_no_script_on_any_page(hostile_site, browser):
    from tools.localserver import serve

    site = hostile_site.site
    pages = sorted(p.relative_to(site).as_posix().removesuffix("index.html") for p in html_files(site))
    context = browser.new_context()
    tab, dialogs, found = context.new_page(), [], {}
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    with serve(site, EXAMPLE["site"]["url"]) as base:
        for path in pages:
            tab.goto(base + path, wait_until="load")
            tab.hover(".md-header__topic")
            tab.hover(".md-logo")
            state = tab.evaluate("""() => ({
                xss: window.__xss || null,
                links: [...document.querySelectorAll('a[href^="javascript:" i]')].length,
                injected: document.querySelectorAll('img[src="x"], [onclick], [onerror], [onload]').length,
                text: document.querySelector('article') ? document.querySelector('article').innerText : ''
            })""")
            if state["xss"] or state["links"] or state["injected"]:
                found[path] = state
            if path.rstrip("/").endswith("tillganglighet"):
                shown = "[klicka](javascript:window.__xss=3)" in state["text"]
    context.close()
    assert len(pages) > 30
    assert found == {} and dialogs == []
    assert shown, "the value is shown as written"


# Bad input from a web editor stops the build with a message, never a traceback.
BAD_PAGE = "---\ntitle: Fel\n---\n\n# Fel\n\nText `{{ org.nmae }}` i kod.\n\n{{ org.nmae }}\n"
BAD_CLAUSE_LINE = "{{ org_nme }}"


def _bad_page(project: Path) -> None:
    for lang in ("sv", "en"):
        (project / "docs" / "lokalt" / f"fel.{lang}.md").write_text(BAD_PAGE, encoding="utf-8")


def _bad_clause(project: Path) -> None:
    for clause in local_clause.make(project, "tvist"):
        append(clause, BAD_CLAUSE_LINE)


@pytest.mark.parametrize("change, expected", [
    pytest.param(_bad_page, "docs/lokalt/fel.sv.md: rad 9 (line 9): okänt namn (unknown name) org.nmae; finns "
                 "(names that exist): org.email, org.example, org.kind, org.kind_key, org.name, org.phone, "
                 "org.short_name, org.website", id="unknown name in a local page"),
    pytest.param(_bad_clause, "docs/lokalt/klausuler/sv/tvist.md: rad {line} (line {line}): okänt namn (unknown name) "
                 "org_nme; finns (names that exist, declared in docs/_agreements/variables.yml): agreement_reference, ",
                 id="unknown name in a local clause"),
    pytest.param(lambda p: (p / "kommun.yml").unlink(),
                 "kommun.yml: förväntat filen kommun.yml i projektets rot; hittade ingen fil. Tips: kopiera "
                 "kommun.exempel.yml till kommun.yml och fyll i era uppgifter", id="no kommun.yml"),
    pytest.param(lambda p: (p / "kommun.yml").write_bytes((p / "kommun.yml").read_text(encoding="utf-8")
                                                          .replace("–", "-").encode("latin-1")),
                 "förväntat en fil sparad som UTF-8; hittade byte 0xe5", id="kommun.yml in Latin-1"),
])
def test_bad_input_stops_the_build_with_a_message(project_copy, change, expected):
    change(project_copy)
    if "{line}" in expected:  # the line the editor sees in the file, front matter included
        lines = (project_copy / "docs/lokalt/klausuler/sv/tvist.md").read_text(encoding="utf-8").splitlines()
        expected = expected.format(line=lines.index(BAD_CLAUSE_LINE) + 1)
    result = build(project_copy, project_copy.parent / "site")
    assert result.returncode != 0
    assert expected in result.output, result.output
    assert "Traceback" not in result.output
