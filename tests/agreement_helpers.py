"""Shared set-up for the agreement tests: the real library and kommun.yml, loaded without MkDocs."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path


from sitebuild import EXAMPLE as KOMMUN, ROOT  # the tests' own example settings, also on a fork

sys.path.insert(0, str(ROOT / "hooks"))

from iopkit.agreements import render_agreement  # noqa: E402
from iopkit.library import load_library  # noqa: E402

AGREEMENTS = ROOT / "docs" / "_agreements"
SNAPSHOTS = ROOT / "tests" / "snapshots"


def library(agreements_dir: Path = AGREEMENTS, local: Path | None = None):
    return load_library(agreements_dir, local, ROOT)


def render(lib, template_id: str, lang: str, kommun: dict = KOMMUN) -> str:
    return render_agreement(lib, template_id, lang, kommun)


def copy_library(dest: Path) -> Path:
    shutil.copytree(AGREEMENTS, dest)
    return dest
