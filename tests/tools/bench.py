"""Benchmark: strict builds of the site plus generated pages (tests/tools/benchpages.py) in the nav, at
several sizes, as shipped and in variants. Measures the CPU time of the whole process tree (the
engine and Pagefind, from wait4's rusage), the largest resident set of any process in that tree, wall
time and output size. Variants are built in turn within each run (after one warm-up round), so
each variant's ratio to the shipped build is taken pair by pair from the same run.

Usage: python tests/tools/bench.py [--sizes 300 1000] [--runs 3] [--variants shipped,...] [--out DIR]
Writes DIR/results.md and DIR/results.json (default build/bench/, which git ignores).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchpages import add_pages  # noqa: E402
from sitebuild import ENGINE, ROOT, copy_project  # noqa: E402

sys.path.insert(0, str(ROOT / "hooks"))
from iopkit.kommun import load, localise  # noqa: E402
from iopkit.pages import escape_values  # noqa: E402

VARIANTS = {
    "shipped": "as shipped: project hooks, Pagefind, navigation.prune, compacted HTML",
    "full-nav": "as shipped but without navigation.prune (every page carries the whole nav)",
    "uncompacted": "as shipped but without hooks/compact_html.py (the theme's blank lines kept)",
    "stock-search": "no project hooks, same pre-rendered Markdown, Material's own search plugin",
    "no-pagefind": "as shipped without the Pagefind hook (no search index at all)",
}


def make_variant(project: Path, variant: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if variant == "full-nav":
        text, found = re.subn(r"\n +- navigation\.prune\b[^\n]*", "", text)
        assert found == 1, "mkdocs.yml: navigation.prune not found"
    elif variant == "uncompacted":
        text = text.replace("  - hooks/compact_html.py\n", "")
    elif variant == "no-pagefind":
        text = text.replace("  - hooks/search_index.py\n", "")
    elif variant == "stock-search":
        text = strip_hooks(project, text)
    config.write_text(text, encoding="utf-8")


def strip_hooks(project: Path, text: str) -> str:
    """Same site and templates without project hooks: the values they would set are written into
    `extra`, every page is written as the hooks would render it, Material's search plugin runs."""
    text = text.replace("\nplugins:", "\nplugins:\n  search: {}", 1)
    text = text.replace("reconfigure_search: false", "reconfigure_search: true")
    (project / "overrides" / "partials" / "header.html").unlink()  # Material's own search box
    start, end = text.index("\nhooks:\n"), text.index("\nvalidation:")
    text = text[:start] + "\nhooks: []\n" + text[end:]
    data = load(project / "kommun.yml", project / "docs")
    prerender(project, data)
    extra = {"kommun": escape_values(localise(data, "sv")), "kommun_data": data, "generator": False}
    text = text.replace("extra:\n  generator: false", "", 1)
    return text + "\n" + yaml.safe_dump({"extra": extra}, allow_unicode=True)


# A bench-only hook, added last to a throwaway copy: it saves each page's Markdown as the project's
# hooks leave it (values, figures, agreements, included pages, route questions), so the stock-search
# variant builds exactly the same text without any project hook.
DUMP_HOOK = """from pathlib import Path
from mkdocs.plugins import event_priority


@event_priority(-1000)
def on_page_markdown(markdown, page, config, files):
    path = Path(config.docs_dir).parent / "prerendered" / page.file.src_uri
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(markdown, encoding="utf-8")
    return markdown
"""
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


def prerender(project: Path, data: dict) -> None:
    """Each page's source replaced by its front matter plus the Markdown the hooks rendered."""
    (project / "hooks" / "bench_dump.py").write_text(DUMP_HOOK, encoding="utf-8")
    config = project / "mkdocs.yml"
    shipped = config.read_text(encoding="utf-8")
    config.write_text(shipped.replace("\nhooks:\n", "\nhooks:\n  - hooks/bench_dump.py\n", 1), encoding="utf-8")
    env = {**os.environ, "IOP_DOCUMENTS": "0", "IOP_PREVIEW": "1"}  # no documents or search index needed
    cmd = [sys.executable, "-m", ENGINE, "build", "-f", str(config), "-d", str(project / "prerender-site")]
    result = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"pre-rendering failed in {project}:\n{(result.stdout + result.stderr)[-3000:]}")
    config.write_text(shipped, encoding="utf-8")
    docs, dumped = project / "docs", project / "prerendered"
    for path in dumped.rglob("*.md"):
        source = docs / path.relative_to(dumped)
        front = FRONT_MATTER.match(source.read_text(encoding="utf-8"))
        source.write_text((front.group(0) if front else "") + path.read_text(encoding="utf-8"), encoding="utf-8")
    shutil.rmtree(dumped)
    shutil.rmtree(project / "prerender-site")
    (project / "hooks" / "bench_dump.py").unlink()


def measure(project: Path) -> dict:
    """One strict build; CPU and memory of the whole process tree from wait4 (children included)."""
    site = project / "site"
    cmd = [sys.executable, "-m", ENGINE, "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    log = project / "build.log"
    start = time.monotonic()
    with log.open("w") as out:
        # No documents (site/dokument/): 40 files whatever the size, a fixed cost that would hide
        # how the site itself grows; CONTRIBUTING gives their time.
        env = {**os.environ, "IOP_DOCUMENTS": "0"}
        proc = subprocess.Popen(cmd, cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"build failed in {project}:\n{log.read_text()[-3000:]}")
    files = [p for p in site.rglob("*") if p.is_file()]
    articles = sorted(p.stat().st_size for p in site.glob("genererat/*/*/index.html"))
    return {"cpu": usage.ru_utime + usage.ru_stime, "wall": wall, "rss_mib": usage.ru_maxrss / 1024,
            "output_mb": sum(p.stat().st_size for p in files) / 1e6, "files": len(files),
            "article_kb": statistics.median(articles) / 1024 if articles else 0.0}


def summary(values: list[float], digits: int = 2) -> str:
    return f"{statistics.median(values):.{digits}f} ({min(values):.{digits}f}–{max(values):.{digits}f})"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 1000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--variants", default="shipped,stock-search,no-pagefind,full-nav,uncompacted")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bench")
    args = parser.parse_args()
    variants = args.variants.split(",")
    assert "shipped" in variants and all(v in VARIANTS for v in variants), f"variants: {', '.join(VARIANTS)}"
    work = Path(tempfile.mkdtemp(prefix="iop-bench-"))
    try:
        projects = {}
        for size in args.sizes:
            for variant in variants:
                project = copy_project(work / f"{variant}-{size}")
                add_pages(project, size)
                make_variant(project, variant)
                projects[variant, size] = project
        results: dict[str, list[dict]] = {f"{v}@{s}": [] for v, s in projects}
        meta = {"engine": ENGINE, "python": platform.python_version(), "cores": os.cpu_count(),
                "sizes": args.sizes, "load": [os.getloadavg()[0]]}
        # Warm-up, not counted: one build fills the disk cache and compiles the venv's bytecode.
        result = measure(projects[variants[0], min(args.sizes)])
        print(f"warm-up {variants[0]}@{min(args.sizes)}: cpu {result['cpu']:.1f} s, wall {result['wall']:.1f} s", flush=True)
        order = sorted(projects, key=lambda key: (variants.index(key[0]), key[1]))
        for run in range(1, args.runs + 1):
            shift = (run - 1) * len(args.sizes) % len(order)
            for variant, size in order[shift:] + order[:shift]:  # rotate so no variant always goes first
                result = measure(projects[variant, size])
                print(f"run {run}/{args.runs} {variant}@{size}: cpu {result['cpu']:.1f} s, wall {result['wall']:.1f} s, "
                      f"rss {result['rss_mib']:.0f} MiB, {result['output_mb']:.0f} MB", flush=True)
                results[f"{variant}@{size}"].append(result)
                # after every build, so a run cut short still leaves its results
                write(args.out, {**meta, "runs": run, "load": meta["load"] + [os.getloadavg()[0]]}, results, variants)
            meta["load"].append(os.getloadavg()[0])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print((args.out / "results.md").read_text(encoding="utf-8"))
    return 0


def write(out: Path, meta: dict, results: dict, variants: list[str]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    meta = {**meta, "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="minutes")}
    (out / "results.json").write_text(json.dumps({"meta": meta, "results": results}, indent=1))
    (out / "results.md").write_text(render(meta, results, variants, meta["sizes"]), encoding="utf-8")


def render(meta: dict, results: dict, variants: list[str], sizes: list[int]) -> str:
    lines = [
        "# Build benchmark", "",
        f"{meta['date']}, {meta['engine']}, Python {meta['python']}, {meta['cores']} cores; 1-minute load "
        f"average {', '.join(f'{x:.1f}' for x in meta['load'])} (before, and after each run). "
        f"{meta['runs']} runs after a warm-up; medians with min–max. CPU = user + system time of the "
        "whole process tree; RSS = the largest single process (engine or Pagefind).", "",
        "| variant | pages/lang | CPU s | wall s | peak RSS MiB | output MB | article KB |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for size in sizes:
        for v in variants:
            r = results[f"{v}@{size}"]
            if not r:
                continue
            col = lambda k, d=1: summary([x[k] for x in r], d)  # noqa: E731
            lines.append(f"| {v} | {size} | {col('cpu')} | {col('wall')} | {col('rss_mib', 0)} | "
                         f"{col('output_mb', 0)} | {col('article_kb', 0)} |")
    lines += ["", "Paired ratios (same run), CPU time, median (min–max):", "",
              "| ratio | " + " | ".join(f"{s} pages" for s in sizes) + " |", "| --- |" + " --- |" * len(sizes)]
    for v in variants:
        if v == "shipped":
            continue
        cells = [summary(pairs, 3) if (pairs := [a["cpu"] / b["cpu"] for a, b in
                                                zip(results[f"shipped@{s}"], results[f"{v}@{s}"])]) else "–"
                 for s in sizes]
        lines.append(f"| shipped / {v} | " + " | ".join(cells) + " |")
    if len(sizes) > 1:
        lo, hi = min(sizes), max(sizes)
        lines += ["", f"Growth from {lo} to {hi} pages per language (same run), CPU time:", ""]
        for v in variants:
            growth = [b["cpu"] / a["cpu"] for a, b in zip(results[f"{v}@{lo}"], results[f"{v}@{hi}"])]
            if growth:
                lines.append(f"- {v}: ×{summary(growth, 2)}")
    lines += ["", "Variants:", ""] + [f"- **{v}**: {VARIANTS[v]}" for v in variants]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
