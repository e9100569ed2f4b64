"""A static web site on 127.0.0.1, served from a folder in a background thread.

The demo serves the team-written feed and pages of ``seeds/demo/site`` with
it; the port is fixed (8765) because ``seeds/demo/sources.csv`` names it and
the raw layer identifies items by link. ``SimpleHTTPRequestHandler`` answers
``If-Modified-Since`` with 304, so a second poll is a conditional request.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DEMO_HOST, DEMO_PORT = "127.0.0.1", 8765


class SiteUnavailable(RuntimeError):
    """The local site cannot be served (its port is taken)."""


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return


@contextmanager
def serve_directory(directory: Path, host: str = DEMO_HOST, port: int = DEMO_PORT) -> Iterator[str]:
    """Serve a directory over HTTP in a background thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    try:
        server = ThreadingHTTPServer((host, port), handler)
    except OSError as exc:
        raise SiteUnavailable(
            f"cannot serve the demo site on {host}:{port}: {exc.strerror} "
            "(is another demo or test run using the port? stop it and retry)"
        ) from exc
    thread = threading.Thread(target=server.serve_forever, name="demo-http", daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}/"  # port 0 = any free port
    finally:
        server.shutdown()
        server.server_close()
