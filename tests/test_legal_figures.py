"""Legal figures drive every figure: an expired figure stops the build, none is typed in the pages."""
from __future__ import annotations

import datetime as dt
import re
import sys

import pytest

from conftest import soup
from sitebuild import ROOT, build

sys.path.insert(0, str(ROOT / "hooks"))
from iopkit.figures import format_date, load_figures  # noqa: E402

DOCS = ROOT / "docs"
FIGURES = load_figures(DOCS / "_data" / "figures.yml")
USE = re.compile(r"figure(?:_cells)?\(\s*['\"](\w+)['\"]\s*\)")  # figure('key') and figure_cells('key')
# An amount with a currency, or a currency before an amount; Jinja expressions are removed first.
TYPED = re.compile(
    r"\d[\d\s\u00a0.,]*\s*(?:miljoner\s+|miljarder\s+|million\s+|billion\s+)?"
    r"(?:euro\b|EUR\b|kr\b|kronor\b|SEK\b|€)"
    r"|(?:EUR|SEK|€)\s*\d",
    re.I,
)


def _used_keys() -> set[str]:
    return {key for md in DOCS.rglob("*.md") for key in USE.findall(md.read_text(encoding="utf-8"))}


def _typed_figures(paths) -> list[str]:
    found = []
    for md in paths:
        text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", " ", md.read_text(encoding="utf-8"), flags=re.S)
        for number, line in enumerate(text.splitlines(), 1):
            for hit in TYPED.finditer(line):
                found.append(f"{md.relative_to(ROOT)}:{number}: {hit.group(0).strip()}")
    return found


def test_every_key_used_in_the_docs_exists():
    assert sorted(_used_keys() - set(FIGURES)) == []


def test_pages_type_no_legal_figure_outside_the_data_file():
    pages = [p for p in DOCS.rglob("*.md") if p.relative_to(DOCS).parts[0] not in ("_agreements", "_data")]
    assert _typed_figures(pages) == []


def test_clauses_type_no_legal_figure():
    assert _typed_figures((DOCS / "_agreements").rglob("*.md")) == []


def test_a_build_after_a_figures_valid_to_fails_naming_key_page_and_date(tmp_path, monkeypatch):
    dated = {k: f for k, f in FIGURES.items()
             if f.status == "current" and f.valid_to is not None and k in _used_keys()}
    assert dated, "no page uses a dated figure; this test needs one"
    first = min(f.valid_to for f in dated.values())
    day = first + dt.timedelta(days=1)
    monkeypatch.setenv("IOP_BUILD_DATE", day.isoformat())
    result = build(ROOT, tmp_path / "site")
    assert result.returncode != 0
    expired = [k for k, f in dated.items() if f.valid_to < day]
    assert any(f"figure '{k}'" in result.output for k in expired), result.output[-2000:]
    assert re.search(r"[\w/-]+\.(sv|en)\.md", result.output)
    assert day.isoformat() in result.output


def test_an_unknown_figure_fails_naming_page_and_key(project_copy):
    page = project_copy / "docs" / "om.sv.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nTaket är {{ figure('no_such_figure') }}.\n",
                    encoding="utf-8")
    result = build(project_copy, project_copy / "site")
    assert result.returncode != 0
    assert "no_such_figure" in result.output and "om.sv.md" in result.output


def test_a_page_reviewed_over_a_year_ago_warns(project_copy, monkeypatch):
    monkeypatch.setenv("IOP_BUILD_DATE", "2027-12-20")
    page = project_copy / "docs" / "om.sv.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("---\n", "---\nreviewed: 2026-11-01\n", 1), encoding="utf-8")
    result = build(project_copy, project_copy / "site", strict=False)
    assert any("om.sv.md" in w and "12 months" in w for w in result.warnings), result.output[-2000:]


@pytest.mark.upstream_content
def test_legal_appendix_memo_and_attachment_give_the_same_as_of_date(site):
    for lang, prefix in (("sv", ""), ("en", "en/")):
        date = format_date(FIGURES["legal_position_date"].value, lang)
        for slug in ("lagstiftning", "beslutsunderlag"):
            text = soup(site / prefix / slug / "index.html").get_text(" ")
            assert date in text, f"{prefix}{slug} lacks the as-of date {date}"


@pytest.mark.upstream_content
def test_legal_pages_show_their_review_date_on_screen_and_in_print(site):
    print_css = (DOCS / "assets" / "stylesheets" / "print.css").read_text(encoding="utf-8")
    assert "review-date" not in print_css, "print.css must not hide the review date"
    for prefix in ("", "en/"):
        for slug in ("lagstiftning", "riktlinjer", "fragor-och-svar", "vad-ar-iop"):
            page = soup(site / prefix / slug / "index.html")
            assert page.select_one("article p.review-date time[datetime]"), f"{prefix}{slug}"
