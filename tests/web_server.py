"""A web site of our own on loopback, for importing pages by their URL: the pages of
tests/web/pages, and the ways real servers answer (validators, redirects, errors, slowness).
No test reaches the internet."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PAGES = Path(__file__).parent / "web" / "pages"


@dataclass
class Site:
    """What the server serves: ``pages`` by path (bytes, content type), editable by a test, and
    the requests it got."""

    base: str = ""
    pages: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)
    without_etag: set[str] = field(default_factory=set)
    delays: dict[str, float] = field(default_factory=dict)  # seconds before answering a path
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    slow_seconds: float = 3.0

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def put(self, path: str, body: bytes | str, kind: str = "text/html; charset=utf-8") -> str:
        self.pages[path] = (body.encode() if isinstance(body, str) else body, kind)
        return self.url(path)


_LAST_MODIFIED = formatdate(1_733_000_000, usegmt=True)


def _etag(body: bytes) -> str:
    return f'"{hash(body) & 0xFFFFFFFF:08x}"'


class _Handler(BaseHTTPRequestHandler):
    site: Site

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the tests read ``site.requests``."""

    def do_GET(self) -> None:
        site = self.site
        site.requests.append((self.path, dict(self.headers.items())))
        time.sleep(site.delays.get(self.path, 0.0))
        if self.path in site.redirects:
            self.send_response(301)
            self.send_header("Location", site.redirects[self.path])
            self.end_headers()
            return
        if self.path.startswith("/slow"):
            time.sleep(site.slow_seconds)
        if self.path not in site.pages:
            self.send_error(404, "Not Found")
            return
        body, kind = site.pages[self.path]
        etag = None if self.path in site.without_etag else _etag(body)
        modified = _LAST_MODIFIED
        if (etag and self.headers.get("If-None-Match") == etag) or (
            not etag and self.headers.get("If-Modified-Since") == modified
        ):
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        if etag:
            self.send_header("ETag", etag)
        self.send_header("Last-Modified", modified)
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """Quiet when a client gave up first (too slow, too large for it); loud otherwise."""
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@contextmanager
def serving() -> Iterator[Site]:
    """A site on a free loopback port, with every page of tests/web/pages at /pages/NAME."""
    site = Site()
    for page in sorted(PAGES.glob("*.html")):
        site.put(f"/pages/{page.name}", page.read_bytes(), "text/html")
    handler = type("Handler", (_Handler,), {"site": site})
    server = _Server(("127.0.0.1", 0), handler)
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
