"""Build platform: locked installs, one Python, pinned actions, engine notices left visible."""
from __future__ import annotations

import re
import sys

from sitebuild import ROOT

sys.path.insert(0, str(ROOT / "tests" / "tools"))
from lockcheck import stale  # noqa: E402

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def test_the_lock_holds_every_pinned_requirement():
    assert stale() == [], "requirements.lock is out of date: run `make lock`"


def test_every_locked_package_has_hashes():
    entries = re.split(r"\n(?=[a-z0-9])", (ROOT / "requirements.lock").read_text(encoding="utf-8"))
    packages = [e for e in entries if re.match(r"[a-z0-9][a-z0-9._-]*==", e)]
    assert len(packages) > 30
    assert [e.split()[0] for e in packages if "--hash=sha256:" not in e] == []


def test_one_python_version_in_makefile_and_workflows():
    version = re.search(r"^PYTHON_VERSION := (\S+)", (ROOT / "Makefile").read_text(), re.M)[1]
    for workflow in WORKFLOWS:
        text = workflow.read_text(encoding="utf-8")
        if "setup-python" in text:
            assert f'PYTHON_VERSION: "{version}"' in text, workflow.name
            assert 'PYTHON="${{ steps.python.outputs.python-path }}"' in text, f"{workflow.name}: pass PYTHON to make"


def test_actions_are_pinned_by_commit():
    for workflow in WORKFLOWS:
        for ref in re.findall(r"uses:\s*(\S+)", workflow.read_text(encoding="utf-8")):
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", ref), f"{workflow.name}: {ref}"
    assert "package-ecosystem: github-actions" in (ROOT / ".github" / "dependabot.yml").read_text()


def test_both_engines_run_in_ci():
    assert "engine: [mkdocs, properdocs]" in (ROOT / ".github" / "workflows" / "test.yml").read_text()
    assert "ENGINE=properdocs" in (ROOT / ".ci" / "run").read_text()


def test_the_end_of_life_notice_is_not_hidden():
    files = [ROOT / "Makefile", ROOT / ".ci" / "run", *WORKFLOWS, *sorted((ROOT / "tests").rglob("*.py"))]
    hiding = [f.name for f in files if f != ROOT / "tests" / "test_platform.py"
              and "NO_MKDOCS_2_WARNING" in f.read_text(encoding="utf-8")]
    assert hiding == []
