"""Live-preview latency: how long `make serve` takes to show an edit.

Starts the engine's `serve --dirty` (as `make serve` does, IOP_PREVIEW=1) on a copy of the project,
waits for the first build, then makes edits in turn: a line appended to a Swedish and an English
page (the common case), and, with --all-kinds, a line in a clause (shown on an agreement page), in
an included page (shown in the council packet) and a changed title (shown in another page's nav).
Each edit is timed from the file write to the moment the served page holds it (polled every 50 ms
over HTTP). Also reads the engine's "Building documentation" to "Reloading browsers" span and the
CPU time the server used.

Usage: python tests/tools/serve_latency.py [--edits 6] [--all-kinds] [--sv-only] [--serve-args ARGS] [--out DIR]
Writes DIR/serve-latency.md (default build/bench/, which git ignores) and prints it.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from sitebuild import ENGINE, ROOT, copy_project  # noqa: E402

# (kind, file edited, page that must show it, how): "append" adds a line with the marker at the end,
# "title" puts the marker into the page's title (front matter), which the nav of other pages shows.
PAGES = (("page", "docs/fragor-och-svar.sv.md", "fragor-och-svar/", "append"),
         ("page", "docs/fragor-och-svar.en.md", "en/fragor-och-svar/", "append"))
OTHER_KINDS = (("clause", "docs/_agreements/clauses/sv/tvist.md", "avtal/allman-iop/", "append"),
               ("included page", "docs/lagstiftning.sv.md", "beslutsunderlag/", "append"),
               ("title", "docs/avtal/allman-iop.sv.md", "avtal/nyanlanda/", "title"))
TIMEOUT = 60.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback only)
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of the serving process so far (Linux /proc): a noisy machine
    stretches wall time, much less CPU time."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_for(url: str, text: str, start: float) -> float:
    while time.monotonic() - start < TIMEOUT:
        if text in fetch(url):
            return time.monotonic() - start
        time.sleep(0.05)
    raise TimeoutError(f"{url} did not show {text!r} within {TIMEOUT:.0f} s")


@contextlib.contextmanager
def preview_server(project: Path, serve_args: list[str], env: dict | None = None):
    """`serve` on `project` as `make serve` runs it; yields (base URL, process, log of (time, line))
    once the first build is served, and stops the server on the way out."""
    port = free_port()
    env = {**os.environ, "IOP_PREVIEW": "1", **(env or {})}
    log: list[tuple[float, str]] = []
    proc = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", ENGINE, "serve", "-f", "mkdocs.yml", "--dev-addr", f"127.0.0.1:{port}", *serve_args],
        cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    threading.Thread(target=lambda: [log.append((time.monotonic(), line)) for line in proc.stdout],
                     daemon=True).start()
    try:
        base = f"http://127.0.0.1:{port}/"
        wait_for(base, "<html", time.monotonic())
        time.sleep(1.0)  # let the watcher settle
        yield base, proc, log
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def edit(text: str, how: str, marker: str) -> str:
    if how == "title":
        new, count = re.subn(r"^title: (.*)$", rf"title: \1 {marker}", text, count=1, flags=re.M)
        assert count == 1, "no title: line to edit"
        return new
    return text + f"\n\n{marker}\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=6, help="edits to time (alternating sv and en)")
    parser.add_argument("--sv-only", action="store_true", help="as `make serve-sv` (Swedish pages only)")
    parser.add_argument("--all-kinds", action="store_true", help="also edit a clause, an included page and a title")
    parser.add_argument("--serve-args", default="--dirty", help="arguments for serve (make serve: --dirty)")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bench")
    args = parser.parse_args()
    pages = PAGES[:1] if args.sv_only else PAGES
    kinds = OTHER_KINDS if args.all_kinds else ()
    env = {"IOP_PREVIEW_SV_ONLY": "1"} if args.sv_only else {}
    with tempfile.TemporaryDirectory(prefix="iop-serve-") as tmp:
        project = copy_project(Path(tmp) / "project")
        start = time.monotonic()
        with preview_server(project, args.serve_args.split(), env) as (base, proc, log):
            first = time.monotonic() - start - 1.0  # less the settling pause
            rows = []
            plan = [pages[n % len(pages)] for n in range(args.edits)] + list(kinds)
            for n, (kind, path, served, how) in enumerate(plan):
                marker = f"latency-marker-{n}-{time.time_ns()}"
                file = project / path
                mark = len(log)
                cpu = cpu_seconds(proc.pid)
                text = file.read_text(encoding="utf-8")
                start = time.monotonic()
                file.write_text(edit(text, how, marker), encoding="utf-8")
                seen = wait_for(base + served, marker, start)
                cpu = cpu_seconds(proc.pid) - cpu
                time.sleep(0.5)
                lines = log[mark:]
                began = next((t for t, line in lines if "Building documentation" in line), None)
                ended = next((t for t, line in lines if "Reloading browsers" in line), None)
                rows.append((f"{kind}: {path}", seen, ended - began if began and ended else float("nan"), cpu))
                time.sleep(1.0)
    seen = [r[1] for r in rows[:args.edits]]
    report = [
        f"# Live-preview latency ({ENGINE} serve {args.serve_args}, IOP_PREVIEW=1"
        f"{', Swedish only' if args.sv_only else ''})",
        "",
        f"Machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end. "
        f"First build served after {first:.1f} s.",
        "",
        "| edit | file | write to page served (s) | engine rebuild (s) | rebuild CPU (s) |",
        "|---:|---|---:|---:|---:|",
        *(f"| {i + 1} | {p} | {s:.2f} | {b:.2f} | {c:.2f} |" for i, (p, s, b, c) in enumerate(rows)),
        "",
        f"Page edits (the first {args.edits} rows), write to page served: median {statistics.median(seen):.2f} s, range {min(seen):.2f}–{max(seen):.2f} s. "
        f"CPU per rebuild: median {statistics.median(r[3] for r in rows[:args.edits]):.2f} s.",
    ]
    text = "\n".join(report) + "\n"
    args.out.mkdir(parents=True, exist_ok=True)
    name = "serve-latency-sv.md" if args.sv_only else "serve-latency.md"
    (args.out / name).write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
