"""A tiny HTTP server on 127.0.0.1 in a thread, for tests of fetching and webhooks (never the network)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Site:
    """What the server answers: path → (status, content type, body); a list of statuses to answer
    first for a path (to test retries); every request seen, and the bodies POSTed."""

    pages: dict[str, tuple[int, str, bytes]] = field(default_factory=dict)
    first_statuses: dict[str, list[int]] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    posted: list[bytes] = field(default_factory=list)
    base: str = ""


@contextmanager
def serve(site: Site) -> Iterator[Site]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.requests.append(self.path)
            pending = site.first_statuses.get(self.path)
            if pending:
                self._answer(pending.pop(0), "text/plain", b"try again")
                return
            status, kind, body = site.pages.get(self.path, (404, "text/plain", b"not found"))
            self._answer(status, kind, body)

        def do_POST(self) -> None:
            site.requests.append(self.path)
            site.posted.append(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
            self._answer(200, "application/json", b"{}")

        def _answer(self, status: int, kind: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
