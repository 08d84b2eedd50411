"""Feed each page to Pagefind while the site builds, so indexing runs in Pagefind's own process on
the second core instead of after the build. No MkDocs imports.

This speaks Pagefind's service protocol (base64 JSON messages ended by a comma, over stdin and
stdout) directly: the async client in the pagefind package waits 0.1 s between responses, which
would make a 600-page site take a minute.
"""
from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
import threading
import time
from pathlib import Path

from pagefind.service import get_executable

TIMEOUT = 300  # seconds; a stuck indexer must fail the build, not hang it


BODY = re.compile(r"<!--search-body-->(.*)<!--/search-body-->", re.S)
LANG = re.compile(r"<html[^>]*?\slang=\"([^\"]*)\"")


def search_document(html: str) -> str:
    """Only what Pagefind indexes: the language and the page's own content (marked in
    overrides/main.html), without the navigation that makes up most of each page."""
    body, lang = BODY.search(html), LANG.search(html)
    if body is None or lang is None:
        return html
    return f'<!DOCTYPE html><html lang="{lang.group(1)}"><body>{body.group(1)}</body></html>'


# What assets/javascripts/search.js loads: the API, its web worker, the entry file, each language's
# metadata and wasm, and the index, fragment and filter chunks. Pagefind's UI bundles are not used.
RUNTIME_FILES = ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json")
RUNTIME_DIRS = ("index", "fragment", "filter")


def prune_bundle(bundle: Path) -> list[str]:
    """Delete what the site never loads from a written bundle; return the names removed."""
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise SearchIndexError(f"pagefind wrote no readable {bundle}/pagefind-entry.json: {err}") from None
    keep = set(RUNTIME_FILES) | set(RUNTIME_DIRS)
    for lang in entry["languages"].values():
        keep |= {f"pagefind.{lang['hash']}.pf_meta", f"wasm.{lang['wasm'] or 'unknown'}.pagefind"}
    removed = []
    for path in sorted(bundle.iterdir()):
        if path.name not in keep:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
            removed.append(path.name)
    return removed


def wait_for_bundle(bundle: Path, timeout: float) -> None:
    """Until the entry file parses and no file of the bundle is empty."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
            if not any(p.is_file() and p.stat().st_size == 0 for p in bundle.rglob("*")):
                return
        except (OSError, ValueError):
            pass
        if time.monotonic() > deadline:
            raise SearchIndexError(f"pagefind did not finish writing {bundle} in {timeout:.0f} s")
        time.sleep(0.01)


def page_html(path: Path) -> str | None:
    """A page written by an earlier build, read again for the index of a partial (dirty) build."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


class SearchIndexError(Exception):
    """Pagefind could not index or write the pages."""


class BackgroundIndex:
    """One Pagefind index for one language build: add() pages as they are written, then finish()."""

    def __init__(self, output_path: str, exclude_selectors: list[str]):
        self._output_path = output_path
        self._process = subprocess.Popen(
            [str(get_executable()), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._responses: dict[int, dict] = {}
        self._arrived = threading.Condition()
        self._last_id = 0
        self._urls: dict[int, str] = {}
        self._added: set[str] = set()
        threading.Thread(target=self._read, daemon=True).start()
        reply = self._wait(self._send({"type": "NewIndex", "config": {"exclude_selectors": exclude_selectors}}))
        self._index_id = reply["index_id"]

    def _send(self, payload: dict) -> int:
        self._last_id += 1
        message = {"message_id": self._last_id, "payload": payload}
        try:
            self._process.stdin.write(base64.b64encode(json.dumps(message).encode()) + b",")
            self._process.stdin.flush()
        except OSError as err:
            raise SearchIndexError(f"pagefind stopped: {err}") from None
        return self._last_id

    def _read(self) -> None:
        buffer = b""
        for chunk in iter(lambda: self._process.stdout.read1(1 << 16), b""):
            buffer += chunk
            *messages, buffer = buffer.split(b",")
            with self._arrived:
                for raw in messages:
                    reply = json.loads(base64.b64decode(raw))
                    if reply is not None and reply.get("message_id") is not None:
                        self._responses[reply["message_id"]] = reply["payload"]
                self._arrived.notify_all()
        with self._arrived:  # the process ended: wake any waiter
            self._arrived.notify_all()

    def _wait(self, message_id: int) -> dict:
        with self._arrived:
            ready = self._arrived.wait_for(
                lambda: message_id in self._responses or self._process.poll() is not None, TIMEOUT)
            reply = self._responses.get(message_id)
        if not ready or reply is None:
            raise SearchIndexError("pagefind did not answer (it stopped or timed out)")
        if reply.get("type") == "Error":
            what = self._urls.get(message_id, "the index")
            raise SearchIndexError(f"pagefind could not process {what}: {reply.get('message')}")
        return reply

    def add(self, html: str, url: str) -> None:
        """Queue a page; Pagefind parses it while MkDocs renders the next one."""
        message_id = self._send({"type": "AddFile", "index_id": self._index_id, "url": url,
                                 "file_contents": html, "file_path": None})
        self._urls[message_id] = url
        self._added.add(url)

    def add_missing(self, pages: dict[str, Path]) -> int:
        """Add pages {url: written file} that this build did not render (`serve --dirty` renders
        only the edited ones) from their files on disk, so the index stays whole."""
        missing = [(url, path) for url, path in pages.items() if url not in self._added]
        for url, path in missing:
            html = page_html(path)
            if html is not None:
                self.add(search_document(html), url)
        return len(missing)

    def finish(self) -> int:
        """Write the bundle once every page is in, stop Pagefind; return the number of pages."""
        try:
            done = self._send({"type": "WriteFiles", "index_id": self._index_id,
                               "output_path": self._output_path})
            self._wait(done)
            for message_id in self._urls:  # replies come in order: all are here by now
                self._wait(message_id)
            # Pagefind replies before its last writes reach the disk (on a loaded machine an empty
            # pagefind-entry.json was seen, and stopping it then left the file empty): wait for them.
            wait_for_bundle(Path(self._output_path), TIMEOUT)
            if not self.close(wait=TIMEOUT):
                raise SearchIndexError(f"pagefind did not stop after writing {self._output_path}")
            prune_bundle(Path(self._output_path))
            return len(self._urls)
        finally:
            self.close()

    def close(self, wait: float = 10) -> bool:
        """Stop Pagefind (it exits once its input ends); True if it exited by itself."""
        if self._process.poll() is None:
            self._process.stdin.close()
            try:
                self._process.wait(wait)
            except subprocess.TimeoutExpired:
                self._process.kill()
                return False
        return True
