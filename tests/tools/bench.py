"""Benchmark: full build with and without the project's hooks, on the site plus 300 generated pages
per language. Median of several alternating runs; writes tests/tools/bench-results.md.

Usage: python tests/tools/bench.py [--runs N] [--pages N]
"""
from __future__ import annotations

import argparse
import datetime as dt
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from sitebuild import ROOT, build, copy_project  # noqa: E402

sys.path.insert(0, str(ROOT / "hooks"))
from iopkit.kommun import load, localise  # noqa: E402
from iopkit.pages import escape_values  # noqa: E402

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


def strip_hooks(project: Path) -> None:
    """Same site and templates, no project hooks: the values the hooks would set are written in."""
    config_path = project / "mkdocs.yml"
    text = config_path.read_text(encoding="utf-8")
    start, end = text.index("\nhooks:\n"), text.index("\nvalidation:")
    text = text[:start] + "\nhooks: []\n" + text[end:]
    data = load(project / "kommun.yml", project / "docs")
    extra = {"kommun": escape_values(localise(data, "sv")), "kommun_data": data}
    text += "\n" + yaml.safe_dump({"extra": {**extra, "generator": False}}, allow_unicode=True)
    text = text.replace("extra:\n  generator: false", "", 1)
    config_path.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", type=int, default=300)
    args = parser.parse_args()
    work = Path(__import__("tempfile").mkdtemp(prefix="iop-bench-"))
    projects = {"with hooks": copy_project(work / "with"), "without hooks": copy_project(work / "without")}
    for project in projects.values():
        add_pages(project, args.pages)
    strip_hooks(projects["without hooks"])
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
    ratio = med["with hooks"] / med["without hooks"]
    search = pagefind_seconds(projects["with hooks"] / "site")
    write_results(args, times, med, ratio, search)
    print(f"median with hooks {med['with hooks']:.2f} s, without {med['without hooks']:.2f} s, ratio {ratio:.3f}")
    return 0


def pagefind_seconds(site: Path) -> float:
    """Pagefind alone, on the built site: the search index is part of the hooks' cost."""
    start = time.monotonic()
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--quiet"], check=True,
                   capture_output=True)
    return time.monotonic() - start


def write_results(args, times, med, ratio, search) -> None:
    without_search = (med["with hooks"] - search) / med["without hooks"]
    pages = len(list((ROOT / "docs").rglob("*.sv.md")))
    rows = "\n".join(f"| {name} | {med[name]:.2f} | {', '.join(f'{t:.2f}' for t in times[name])} |" for name in times)
    RESULTS.write_text(f"""# Build benchmark

Measured {dt.date.today().isoformat()} on {platform.machine()}, Python {platform.python_version()},
{__import__('os').cpu_count()} cores. Site: {pages} pages per language plus {args.pages} generated pages per
language (both languages built). {args.runs} alternating runs each; non-strict build (generated pages
are not in the nav). "Without hooks" removes every project hook and writes the values they would set
into `extra`; the build then skips page rendering, agreements, the 404 fix and the Pagefind index.

| variant | median (s) | runs (s) |
| --- | --- | --- |
{rows}

**Ratio with / without hooks: {ratio:.3f}** (target: at most 1.10).

Of the difference, {search:.2f} s is the Pagefind search index (one run, measured alone), which replaces
Material's search and is needed for Swedish stemming. Without it the ratio is **{without_search:.3f}**.

Rerun with `make bench`.
""", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
