"""Serve a built site on 127.0.0.1 under the path of site_url, like the real host (used by the
tests)."""
from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import yaml

ROOT = Path(__file__).resolve().parents[2]


def site_url(root: Path = ROOT) -> str:
    return yaml.safe_load((root / "kommun.yml").read_text(encoding="utf-8"))["site"]["url"]


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under `prefix`, with per-language 404 pages."""

    prefix = "/"

    def log_message(self, *args):
        pass

    def send_head(self):
        path = urlparse(self.path).path
        if not path.startswith(self.prefix):
            self.send_error(404)
            return None
        self.path = "/" + path[len(self.prefix):]
        if not Path(self.translate_path(self.path)).exists():
            lang_dir = "en/" if self.path.startswith("/en/") else ""
            body = (Path(self.directory) / lang_dir / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return None
        return super().send_head()


@contextlib.contextmanager
def serve(site: Path, url: str) -> Iterator[str]:
    """Yield the base URL of `site` served on a free port, mounted at the path of `url`."""
    prefix = urlparse(url).path or "/"
    handler = type("Handler", (_Handler,), {"prefix": prefix})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}{prefix}"
    finally:
        httpd.shutdown()
        httpd.server_close()
