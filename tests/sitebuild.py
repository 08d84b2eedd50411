"""Build the site (or a modified copy of the repository) exactly as `mkdocs build --strict` (or `properdocs`) does."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from iopkit import kommun  # noqa: E402

COPIED = ("mkdocs.yml", "kommun.yml", "kommun.exempel.yml", "docs", "hooks", "overrides",
          "CHANGELOG.md")  # CHANGELOG: the guidance version (route finder)
EXAMPLE_FILE = ROOT / "kommun.exempel.yml"  # upstream's example settings: the machinery tests' own fixture
EXAMPLE = kommun.load(EXAMPLE_FILE, ROOT / "docs")

# Upstream's kommun.yml never changes (forks own that file; new settings get a default in
# hooks/iopkit/kommun-defaults.yml and an entry in kommun.exempel.yml). So its hash tells upstream's
# repository from a fork, and the tests of upstream's own content run only upstream.
UPSTREAM_KOMMUN_SHA256 = "b63d36bdb53cc97c82f867f8f89212a8dde30621777bee9a5d382338a8d41440"


def _settings() -> dict:
    """This repository's settings (a fork's own, on a fork); the example if kommun.yml is broken,
    so that the build test, not the collection, reports the problem."""
    try:
        return kommun.load(ROOT / "kommun.yml", ROOT / "docs")
    except kommun.KommunError:
        return EXAMPLE


KOMMUN = _settings()


def local_files(root: Path = ROOT, settings: dict = KOMMUN) -> list[str]:
    """A fork's own files in its local folder (the README that upstream ships does not count)."""
    folder = root / "docs" / settings["local"]["folder"]
    return sorted(p.relative_to(root).as_posix() for p in folder.rglob("*") if p.is_file() and p.name != "README.md")


def upstream_reason(root: Path = ROOT) -> str | None:
    """None in upstream's repository; otherwise one line saying why this is a fork."""
    path = root / "kommun.yml"
    if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != UPSTREAM_KOMMUN_SHA256:
        return "kommun.yml is not upstream's example (this is a fork)"
    if local_files(root):
        return f"docs/{KOMMUN['local']['folder']}/ has the fork's own files"
    return None


def chapter_on(chapter: str, settings: dict = KOMMUN) -> bool:
    return chapter not in settings["chapters"]["exclude"]

# The site engine: "mkdocs" or "properdocs" (a maintained MkDocs 1.x fork), chosen by the Makefile.
ENGINE = os.environ.get("SITE_ENGINE", "mkdocs")


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


def copy_project(dest: Path, example: bool = True) -> Path:
    """A copy of the buildable part of the repository, for fork and error fixtures.

    With `example` (the default) the copy has upstream's example settings and no local files, whatever
    this repository's own kommun.yml and local folder hold: the tests then know what they build."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    if example:
        use_example_settings(dest)
    return dest


def use_example_settings(dest: Path) -> None:
    """Upstream's example kommun.yml and no local files in a copy of this repository."""
    shutil.copy2(EXAMPLE_FILE, dest / "kommun.yml")
    for folder in {KOMMUN["local"]["folder"], EXAMPLE["local"]["folder"]}:
        for path in sorted((dest / "docs" / folder).glob("*")):
            if path.name != "README.md":
                shutil.rmtree(path) if path.is_dir() else path.unlink()


def write_settings(project: Path, data: dict) -> None:
    """Write settings as kommun.yml (tests change values through the data, never through file text)."""
    import yaml

    (project / "kommun.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
