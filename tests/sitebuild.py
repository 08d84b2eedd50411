"""Build the site (or a modified copy of the repository) exactly as `mkdocs build --strict` (or `properdocs`) does."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("mkdocs.yml", "kommun.yml", "docs", "hooks", "overrides")
# The site engine: "mkdocs" or "properdocs" (a maintained MkDocs 1.x fork), chosen by the Makefile.
ENGINE = os.environ.get("SITE_ENGINE", "mkdocs")
KOMMUN = yaml.safe_load((ROOT / "kommun.yml").read_text(encoding="utf-8"))  # the default file, as the tests expect it


@dataclass
class Build:
    returncode: int
    output: str
    site: Path
    seconds: float

    @property
    def warnings(self) -> list[str]:
        """MkDocs' own log lines ("WARNING -  ..."), not the end-of-life notices Material and
        ProperDocs print (kept visible on purpose, see README)."""
        return [line for line in self.output.splitlines() if line.startswith(("WARNING -", "ERROR -"))]


def build(project: Path, site: Path, strict: bool = True) -> Build:
    """Run the engine in a subprocess so each build starts clean (hooks keep no state, but prove it)."""
    cmd = [sys.executable, "-m", ENGINE, "build", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    cmd.append("--strict" if strict else "--no-strict")
    start = time.monotonic()
    result = subprocess.run(cmd, cwd=project, capture_output=True, text=True, check=False)
    return Build(result.returncode, result.stdout + result.stderr, site, time.monotonic() - start)


def copy_project(dest: Path) -> Path:
    """A copy of the buildable part of the repository, for fork and error fixtures."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    return dest
