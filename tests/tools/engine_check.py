"""How far is the site from Zensical (Material's successor)? Installs the newest Zensical that pip can
install into a throwaway venv (build/engine-check/), builds copies of the site in three steps and
writes what fails to tests/tools/engine-check.md. It never fails: it is a report, not a test.

  1. the repository as it is;
  2. without the project's hooks: pages pre-rendered as the hooks would, kommun.yml values in `extra`
     (what a hook-less engine would need from us);
  3. as 2, without the theme overrides (overrides/).

Usage (from the project venv): python tests/tools/engine_check.py
"""
from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from sitebuild import ROOT, copy_project  # noqa: E402

WORK = ROOT / "build" / "engine-check"
REPORT = Path(__file__).with_name("engine-check.md")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
TEMPLATE_METHODS = re.compile(r"\.(startswith|endswith|split)\(")


def run(cmd: list[str], cwd: Path | None = None, timeout: int = 900) -> tuple[int, str]:
    try:
        result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return 124, f"timed out after {timeout} s"
    return result.returncode, ANSI.sub("", result.stdout + result.stderr)


def install() -> tuple[Path | None, str, str]:
    venv = WORK / "venv"
    shutil.rmtree(venv, ignore_errors=True)
    run([sys.executable, "-m", "venv", str(venv)])
    pip = [str(venv / "bin" / "python"), "-m", "pip"]
    code, out = run(pip + ["install", "--quiet", "--upgrade", "zensical"])
    _, newest = run(pip + ["index", "versions", "zensical"])
    newest = next((line for line in newest.splitlines() if line.startswith("zensical")), "unknown")
    if code != 0:
        return None, out[-1500:], newest
    _, version = run([str(venv / "bin" / "zensical"), "--version"])
    latest = newest.partition("(")[2].rstrip(")")
    if latest and latest not in version:  # say why the newest release did not install
        _, why = run(pip + ["install", "--dry-run", "--quiet", f"zensical=={latest}"])
        reason = [line for line in why.splitlines() if line.startswith("ERROR")][-1:]
        newest += f"; {latest} does not install here: {reason[0] if reason else 'unknown reason'}"
    return venv / "bin" / "zensical", version.strip(), newest


def errors(log: str) -> list[str]:
    """The distinct problems in a Zensical log, without tracebacks and source excerpts."""
    lines = [line.strip() for line in log.splitlines()]
    picked = [line for line in lines if re.match(r"(\w*Error|Warning|Error)\b", line)]
    counts: dict[str, int] = {}
    for line in picked:
        counts[line] = counts.get(line, 0) + 1
    return [f"{line} (×{n})" if n > 1 else line for line, n in counts.items()]


def inspect(site: Path) -> list[str]:
    if not site.is_dir():
        return ["no site written"]
    pages = [p for p in site.rglob("index.html") if "assets" not in p.parts]
    notes = [f"{len(pages)} pages written (MkDocs writes {expected_pages()} per language, two languages)"]
    notes.append("English site at /en/: " + ("yes" if (site / "en" / "index.html").exists() else
                                             "no (mkdocs-static-i18n is not run; .sv/.en pages become separate pages)"))
    notes.append("Pagefind bundles (hooks/search_index.py): " + ("yes" if (site / "pagefind" / "pagefind.js").exists() else "no"))
    if pages:
        home = (site / "index.html") if (site / "index.html").exists() else pages[0]
        text = home.read_text(encoding="utf-8", errors="replace")
        notes.append("Jinja left unrendered in pages: " + ("yes" if "{{" in text else "no"))
    return notes


def expected_pages() -> int:
    return len(list((ROOT / "docs").rglob("*.sv.md"))) - len(list((ROOT / "docs" / "_agreements").rglob("*.sv.md")))


def probe(zensical: Path, step: int) -> dict:
    from bench import strip_hooks  # needs the project's packages: run from the project venv

    project = copy_project(WORK / f"step{step}")
    if step >= 2:
        config = project / "mkdocs.yml"
        config.write_text(strip_hooks(project, config.read_text(encoding="utf-8")), encoding="utf-8")
    if step >= 3:
        config.write_text(config.read_text(encoding="utf-8").replace("\n  custom_dir: overrides", "\n"), encoding="utf-8")
    start = time.monotonic()
    code, log = run([str(zensical), "build", "--clean", "-f", "mkdocs.yml"], cwd=project)
    return {"code": code, "seconds": time.monotonic() - start, "errors": errors(log),
            "notes": inspect(project / "site"), "tail": log.strip().splitlines()[-3:]}


def template_methods() -> list[str]:
    """Python string methods in our templates that Zensical's template engine (MiniJinja) lacks."""
    found = []
    for path in sorted((ROOT / "overrides").rglob("*.html")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if TEMPLATE_METHODS.search(line):
                found.append(f"`{path.relative_to(ROOT)}:{number}`: {', '.join(sorted(set(TEMPLATE_METHODS.findall(line))))}")
    return found


def main() -> int:
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    zensical, version, newest = install()
    lines = ["# Engine check: Zensical", "",
             f"Made by `make engine-check` on {dt.date.today().isoformat()} (a report; it never fails the suite).",
             f"Installed: {version if zensical else 'nothing'}; the package index lists {newest}.", ""]
    if zensical is None:
        lines += ["Zensical did not install:", "", "```", version, "```"]
    else:
        steps = {1: "the repository as it is",
                 2: "without project hooks (pages pre-rendered, kommun.yml values in `extra`)",
                 3: "as 2, without the theme overrides (`overrides/`)"}
        for step, title in steps.items():
            result = probe(zensical, step)
            status = "builds" if result["code"] == 0 else f"fails (exit {result['code']})"
            lines += [f"## Step {step}: {title}", "", f"Result: **{status}** in {result['seconds']:.0f} s.", ""]
            lines += [f"- {e}" for e in result["errors"][:15]] or ["- no errors reported"]
            lines += [f"- {n}" for n in result["notes"]] + [""]
    methods = template_methods()
    lines += ["## Template constructs to replace for MiniJinja", ""]
    lines += [f"- {m}" for m in methods] or ["- none"]
    lines += ["", "## What this means", "",
              "Zensical does not run MkDocs hooks or plugins: page rendering from kommun.yml, agreements, "
              "local pages, the per-language 404 and the Pagefind index (all in `hooks/`) would need another "
              "home, and mkdocs-static-i18n's two-language build has no counterpart yet. Until Zensical runs "
              "this site, the project builds with MkDocs 1.6 or ProperDocs (`make test ENGINE=properdocs`); "
              "see README, *Engines and Material's end of life*.", ""]
    REPORT.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    try:
        main()
    except Exception as err:  # a report tool: say what broke, never fail the caller
        print(f"engine check could not finish: {err!r}", file=sys.stderr)
    sys.exit(0)
