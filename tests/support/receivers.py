"""Local receivers for watch notifications: an SMTP server (aiosmtpd) and a webhook endpoint.

Both bind 127.0.0.1 on a free port, keep what they received, and can be told to
fail: the webhook answers 503 while ``down`` is set.
"""

from __future__ import annotations

import html
import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from aiosmtpd.controller import Controller


def free_port() -> int:
    """A port nothing listens on right now (for a server, or for a receiver that is down)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Mailbox:
    messages: list[Message] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = message_from_bytes(envelope.original_content or envelope.content)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 OK"


def body_text(message: Message) -> str:
    """The decoded text of every part of a received e-mail, HTML entities resolved."""
    parts = message.walk() if message.is_multipart() else [message]
    return html.unescape(
        "".join(
            part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")  # type: ignore[union-attr]
            for part in parts
            if not part.is_multipart()
        )
    )


@contextmanager
def smtp_server() -> Iterator[tuple[Mailbox, int]]:
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield mailbox, port
    finally:
        controller.stop()


@dataclass
class Webhook:
    url: str
    posts: list[tuple[dict[str, str], dict[str, Any]]] = field(default_factory=list)
    down: bool = False
    refused: int = 0


@contextmanager
def webhook_receiver() -> Iterator[Webhook]:
    hook: Webhook

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if hook.down:
                hook.refused += 1
                self.send_response(503)
                self.end_headers()
                return
            hook.posts.append((dict(self.headers.items()), json.loads(body)))
            self.send_response(204)
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    hook = Webhook(url=f"http://127.0.0.1:{server.server_address[1]}/hooks/summits")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield hook
    finally:
        server.shutdown()
        server.server_close()
