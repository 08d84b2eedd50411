"""The live preview (`make serve`: `serve --dirty` with hooks/preview.py): the rebuild plan as pure
functions, and a real server that must show every kind of edit, not only edits to the page itself."""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from sitebuild import ROOT, copy_project
from tools.serve_latency import OTHER_KINDS, PAGES, edit, fetch, preview_server, wait_for

sys.path.insert(0, str(ROOT / "hooks"))
from iopkit import preview  # noqa: E402


def is_page(rel: str) -> bool:
    return rel.endswith(".md") and not rel.startswith("_agreements/")


@pytest.fixture()
def tree(tmp_path) -> Path:
    (tmp_path / "docs" / "_agreements").mkdir(parents=True)
    (tmp_path / "hooks").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    (tmp_path / "hooks" / "h.py").write_text("")
    (tmp_path / "docs" / "a.sv.md").write_text("---\ntitle: A\n---\n# A\n\ntext\n")
    (tmp_path / "docs" / "b.sv.md").write_text('---\ntitle: B\n---\n{{ include_page("a", "Bilaga") }}\n')
    (tmp_path / "docs" / "_agreements" / "k.md").write_text("---\nid: k\n---\nclause\n")
    return tmp_path


def stamp(root: Path) -> str:
    return preview.inputs_stamp(root, root / "docs", is_page)


def touch_later(path: Path, text: str) -> None:
    before = path.stat().st_mtime_ns
    path.write_text(text)
    os.utime(path, ns=(before + 10**9, before + 10**9))  # file systems with coarse times


def test_a_page_body_edit_keeps_the_stamp(tree):
    first = stamp(tree)
    touch_later(tree / "docs" / "a.sv.md", "---\ntitle: A\n---\n# A\n\nother text\n")
    assert stamp(tree) == first


@pytest.mark.parametrize("change", ["clause", "title", "new page", "removed page", "hook", "settings"])
def test_shared_inputs_titles_and_the_page_set_change_the_stamp(tree, change):
    first = stamp(tree)
    if change == "clause":
        touch_later(tree / "docs" / "_agreements" / "k.md", "---\nid: k\n---\nnew clause\n")
    elif change == "title":
        touch_later(tree / "docs" / "a.sv.md", "---\ntitle: A2\n---\n# A2\n\ntext\n")
    elif change == "new page":
        (tree / "docs" / "c.sv.md").write_text("# C\n")
    elif change == "removed page":
        (tree / "docs" / "a.sv.md").unlink()
    elif change == "hook":
        touch_later(tree / "hooks" / "h.py", "# changed\n")
    else:
        (tree / "kommun.yml").write_text("organisation: {}\n")
    assert stamp(tree) != first


def test_a_changed_stamp_empties_the_output_and_a_same_one_keeps_it(tmp_path):
    site = tmp_path / "site"
    assert preview.start_over_if_changed(site, "one")  # no stamp yet: everything is built
    (site / "en").mkdir()
    (site / "en" / "index.html").write_text("x")
    (site / "index.html").write_text("x")
    assert not preview.start_over_if_changed(site, "one")
    assert (site / "en" / "index.html").exists()
    assert preview.start_over_if_changed(site, "two")
    assert sorted(p.name for p in site.iterdir()) == [preview.STAMP]


def test_a_page_that_includes_a_changed_page_is_built_again(tree, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    docs = tree / "docs"
    a_out, b_out = out / "a.html", out / "b.html"
    a_out.write_text("a")
    b_out.write_text("b")
    pages = [(docs / "a.sv.md", a_out), (docs / "b.sv.md", b_out)]
    source_of = lambda slug: docs / f"{slug}.sv.md"  # noqa: E731
    for path in (a_out, b_out):  # outputs newer than their sources: nothing to do
        os.utime(path, ns=(time.time_ns() + 10**9,) * 2)
    assert preview.outdated_includers(pages, source_of) == []
    touch_later(docs / "a.sv.md", (docs / "a.sv.md").read_text() + "more\n")
    os.utime(docs / "a.sv.md", ns=(time.time_ns() + 5 * 10**9,) * 2)
    assert preview.outdated_includers(pages, source_of) == [b_out]


def test_includes_are_found_as_the_pages_write_them():
    text = (ROOT / "docs" / "beslutsunderlag.sv.md").read_text(encoding="utf-8")
    assert preview.included_slugs(text), "the packet includes pages with include_page(...)"


@pytest.mark.slow
def test_the_preview_server_shows_every_kind_of_edit(tmp_path):
    """`make serve` as a user runs it: each edit must reach the page that shows it."""
    project = copy_project(tmp_path / "project")
    with preview_server(project, ["--dirty"]) as (base, _, log):
        for n, (kind, path, served, how) in enumerate(PAGES + OTHER_KINDS):
            marker = f"preview-test-{n}-{time.time_ns()}"
            file = project / path
            file.write_text(edit(file.read_text(encoding="utf-8"), how, marker), encoding="utf-8")
            try:
                wait_for(base + served, marker, time.monotonic())
            except TimeoutError:
                recent = "".join(line for _, line in log[-30:])
                pytest.fail(f"{kind} edit in {path} never showed on /{served}:\n{recent}")
            time.sleep(0.5)
        # The other language's pages stay served after edits that rebuilt only one language.
        assert "<html" in fetch(base + "en/ordlista/")
        # The preview makes no documents and says so in a plain paragraph (not the floated link box).
        packet = fetch(base + "beslutsunderlag/")
        assert '<p class="document-downloads-off">' in packet and "dokument/" not in packet
    output = [line for _, line in log]
    assert "Traceback" not in "".join(output), "".join(output[-40:])
