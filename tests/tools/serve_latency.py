"""Live-preview latency: how long `make serve` takes to show a one-line edit.

Starts the engine's `serve` (as `make serve` does, IOP_PREVIEW=1) on a copy of the project, waits for
the first build, then appends a unique line to a Swedish and an English page in turn and times each
edit from the file write to the moment the served page holds the new line (polled every 50 ms over
HTTP). Also reads the engine's own "Building documentation" to "Reloading browsers" span.

Usage: python tests/tools/serve_latency.py [--edits 6] [--sv-only] [--out DIR]
Writes DIR/serve-latency.md (default build/bench/, which git ignores) and prints it.
"""
from __future__ import annotations

import argparse
import os
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

PAGES = (("docs/fragor-och-svar.sv.md", "fragor-och-svar/"), ("docs/fragor-och-svar.en.md", "en/fragor-och-svar/"))  # (file, served path)
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


def wait_for(url: str, text: str, start: float) -> float:
    while time.monotonic() - start < TIMEOUT:
        if text in fetch(url):
            return time.monotonic() - start
        time.sleep(0.05)
    raise TimeoutError(f"{url} did not show {text!r} within {TIMEOUT:.0f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=6, help="edits to time (alternating sv and en)")
    parser.add_argument("--sv-only", action="store_true", help="as `make serve-sv` (Swedish pages only)")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bench")
    args = parser.parse_args()
    pages = PAGES[:1] if args.sv_only else PAGES
    port = free_port()
    env = {**os.environ, "IOP_PREVIEW": "1"}
    if args.sv_only:
        env["IOP_PREVIEW_SV_ONLY"] = "1"
    with tempfile.TemporaryDirectory(prefix="iop-serve-") as tmp:
        project = copy_project(Path(tmp) / "project")
        log: list[tuple[float, str]] = []
        proc = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", ENGINE, "serve", "-f", "mkdocs.yml", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        reader = threading.Thread(target=lambda: [log.append((time.monotonic(), line)) for line in proc.stdout],
                                  daemon=True)
        reader.start()
        try:
            start = time.monotonic()
            first = wait_for(f"http://127.0.0.1:{port}/", "<html", start)
            time.sleep(1.0)  # let the watcher settle
            rows = []
            for n in range(args.edits):
                path, served = pages[n % len(pages)]
                marker = f"latency-marker-{n}-{time.time_ns()}"
                file = project / path
                mark = len(log)
                start = time.monotonic()
                file.write_text(file.read_text(encoding="utf-8") + f"\n\n{marker}\n", encoding="utf-8")
                seen = wait_for(f"http://127.0.0.1:{port}/{served}", marker, start)
                time.sleep(0.5)
                lines = log[mark:]
                began = next((t for t, line in lines if "Building documentation" in line), None)
                ended = next((t for t, line in lines if "Reloading browsers" in line), None)
                rows.append((path, seen, ended - began if began and ended else float("nan")))
                time.sleep(1.0)
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    seen = [r[1] for r in rows]
    report = [
        f"# Live-preview latency ({ENGINE} serve, IOP_PREVIEW=1{', Swedish only' if args.sv_only else ''})",
        "",
        f"Machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end. "
        f"First build served after {first:.1f} s.",
        "",
        "| edit | file | write to page served (s) | engine rebuild (s) |",
        "|---:|---|---:|---:|",
        *(f"| {i + 1} | {p} | {s:.2f} | {b:.2f} |" for i, (p, s, b) in enumerate(rows)),
        "",
        f"Median {statistics.median(seen):.2f} s, range {min(seen):.2f}–{max(seen):.2f} s.",
    ]
    text = "\n".join(report) + "\n"
    args.out.mkdir(parents=True, exist_ok=True)
    name = "serve-latency-sv.md" if args.sv_only else "serve-latency.md"
    (args.out / name).write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
