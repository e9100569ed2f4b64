"""A server on 127.0.0.1 that answers one byte at a time: the slow-loris publisher.

Paths:
- ``/drip-body``: headers at once, then one byte of body every ``interval_s`` forever;
- ``/drip-headers``: the status line and headers themselves one byte every ``interval_s``;
- ``/fast``: a complete small response at once.

Every byte arrives well within a per-read timeout, so only a deadline for the
whole response ends such a request.
"""

from __future__ import annotations

import socket
import socketserver
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

FAST_BODY = b"<html><body><p>schnell</p></body></html>"


class _Handler(socketserver.BaseRequestHandler):
    server: _DripServer

    def handle(self) -> None:
        request = b""
        while b"\r\n\r\n" not in request:
            chunk = self.request.recv(4096)
            if not chunk:
                return
            request += chunk
        path = request.split(b" ", 2)[1].decode("ascii", "replace")
        self.server.hits.append(path)
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000000\r\n\r\n"
        try:
            if path == "/fast":
                self.request.sendall(
                    b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: "
                    + str(len(FAST_BODY)).encode()
                    + b"\r\n\r\n"
                    + FAST_BODY
                )
            elif path == "/drip-headers":
                self._drip(head + b"x" * 1_000_000)
            else:
                self.request.sendall(head)
                self._drip(b"x" * 1_000_000)
        except OSError:
            return  # the client gave up, as it should

    def _drip(self, data: bytes) -> None:
        for position in range(len(data)):
            if self.server.stopping.is_set():
                return
            self.request.sendall(data[position : position + 1])
            time.sleep(self.server.interval_s)


class _DripServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, interval_s: float) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.interval_s = interval_s
        self.hits: list[str] = []
        self.stopping = threading.Event()

    def url(self, path: str) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}{path}"


@contextmanager
def drip_server(interval_s: float = 0.2) -> Iterator[_DripServer]:
    server = _DripServer(interval_s)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()
        socket.setdefaulttimeout(None)
