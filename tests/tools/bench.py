"""Benchmark: full build with and without the project's hooks, on the site plus 300 generated pages
per language. Median of several alternating runs; writes tests/tools/bench-results.md.

Usage: python tests/tools/bench.py [--runs N] [--pages N]
"""
from __future__ import annotations

import argparse
import datetime as dt
import platform
import statistics
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from sitebuild import ROOT, build, copy_project  # noqa: E402

sys.path.insert(0, str(ROOT / "hooks"))
from iopkit.kommun import load, localise  # noqa: E402
from iopkit.pages import escape_values, render_text  # noqa: E402
from iopkit.site import load_agreements, page_context  # noqa: E402

RESULTS = Path(__file__).with_name("bench-results.md")
PARAGRAPH = {
    "sv": "{{ org.name }} prövar varje förslag om partnerskap mot lagen om offentlig upphandling, "
          "kommunallagen och reglerna om statsstöd. Beslutet fattas av {{ guidelines.adopted_by }}.",
    "en": "{{ org.name }} tests every proposed partnership against the Public Procurement Act, the "
          "Local Government Act and the state-aid rules. The decision is taken by {{ guidelines.adopted_by }}.",
}


def add_pages(project: Path, count: int) -> None:
    folder = project / "docs" / "bench"
    folder.mkdir()
    for i in range(count):
        for lang in ("sv", "en"):
            body = "\n\n".join(f"## Avsnitt {j}\n\n{PARAGRAPH[lang]}" for j in range(8))
            (folder / f"sida-{i:03}.{lang}.md").write_text(f"# Sida {i}\n\n{body}\n", encoding="utf-8")


def strip_hooks(project: Path, stock_search: bool) -> None:
    """Same site and templates, no project hooks: the values the hooks would set are written in.
    With stock_search, Material's own search plugin stands in for the Pagefind hook."""
    config_path = project / "mkdocs.yml"
    text = config_path.read_text(encoding="utf-8")
    if stock_search:
        text = text.replace("\nplugins:", "\nplugins:\n  search: {}", 1)
        header = project / "overrides" / "partials" / "header.html"
        header.unlink()  # Material's own header shows its search box
    start, end = text.index("\nhooks:\n"), text.index("\nvalidation:")
    text = text[:start] + "\nhooks: []\n" + text[end:]
    data = load(project / "kommun.yml", project / "docs")
    prerender(project, data)
    extra = {"kommun": escape_values(localise(data, "sv")), "kommun_data": data}
    text += "\n" + yaml.safe_dump({"extra": {**extra, "generator": False}}, allow_unicode=True)
    text = text.replace("extra:\n  generator: false", "", 1)
    config_path.write_text(text, encoding="utf-8")


def prerender(project: Path, data: dict) -> None:
    """Write every page as the hooks would render it, so both variants build the same Markdown."""
    docs = project / "docs"
    lib = load_agreements(data, docs, project)
    rendered = {}
    for page in docs.rglob("*.md"):
        lang = page.suffixes[-2].lstrip(".") if len(page.suffixes) > 1 else None
        if lang in ("sv", "en") and not page.relative_to(docs).parts[0].startswith("_"):
            rendered[page] = render_text(page.read_text(encoding="utf-8"), page_context(data, lang, docs, lib))
    for page, text in rendered.items():  # after all: the council packet includes other pages
        page.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", type=int, default=300)
    args = parser.parse_args()
    work = Path(__import__("tempfile").mkdtemp(prefix="iop-bench-"))
    projects = {"with hooks": copy_project(work / "with"),
                "without hooks, Material search": copy_project(work / "stock"),
                "without hooks, no search": copy_project(work / "bare")}
    for project in projects.values():
        add_pages(project, args.pages)
    strip_hooks(projects["without hooks, Material search"], stock_search=True)
    strip_hooks(projects["without hooks, no search"], stock_search=False)
    times = {name: [] for name in projects}
    for run in range(args.runs):
        for name, project in projects.items():
            result = build(project, project / "site", strict=False)
            if result.returncode != 0:
                print(result.output)
                return 1
            times[name].append(result.seconds)
            print(f"run {run + 1}/{args.runs} {name}: {result.seconds:.2f} s", flush=True)
    med = {name: statistics.median(values) for name, values in times.items()}
    ratio = med["with hooks"] / med["without hooks, Material search"]
    bare = med["with hooks"] / med["without hooks, no search"]
    write_results(args, times, med, ratio, bare)
    print(f"medians {med}; ratio {ratio:.3f} (against stock search), {bare:.3f} (against no search)")
    return 0


def write_results(args, times, med, ratio, bare) -> None:
    pages = len(list((ROOT / "docs").rglob("*.sv.md")))
    rows = "\n".join(f"| {name} | {med[name]:.2f} | {', '.join(f'{t:.2f}' for t in times[name])} |" for name in times)
    RESULTS.write_text(f"""# Build benchmark

Measured {dt.date.today().isoformat()} on {platform.machine()}, Python {platform.python_version()},
{__import__('os').cpu_count()} cores. Site: {pages} pages per language plus {args.pages} generated pages per
language (both languages built). {args.runs} alternating runs each; non-strict build (generated pages
are not in the nav). "Without hooks" removes every project hook, writes the values they would set
into `extra` and each page as the hooks would render it (same Markdown, agreements included), so
the difference is what the hooks cost at build time: page rendering, agreements, local pages, the
404 fix and the Pagefind index. The site does not use Material's search plugin (Pagefind replaces it), so the fair
baseline is the stock setup: no hooks, with Material's own search; the bare build without any search
is shown too.

| variant | median (s) | runs (s) |
| --- | --- | --- |
{rows}

**Ratio with hooks / stock Material search, no hooks: {ratio:.3f}** (target: at most 1.10).

Against the bare build with no search at all the ratio is {bare:.3f}. The hooks feed each page to
Pagefind as it is written, so indexing runs in Pagefind's process on the second core during the build.

Rerun with `make bench`.
""", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
