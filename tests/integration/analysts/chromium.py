"""Open a page in Debian's headless Chromium and evaluate JavaScript in it (DevTools protocol).

The browser gets a fresh profile, no network helpers, and is ended by its own
process id afterwards. ``open_page`` keeps the page open for clicks and screenshots. A missing ``chromium`` is a failure, not a skip.
"""

from __future__ import annotations

import base64
import itertools
import json
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from websockets.sync.client import connect

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1280,1000",
    "--remote-debugging-port=0",
]
_LISTENING = re.compile(r"DevTools listening on (ws://\S+)")


class _Session:
    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.ids = itertools.count(1)

    def call(self, method: str, session_id: str | None = None, timeout: float = 30, **params: Any) -> Any:
        message_id = next(self.ids)
        message: dict[str, Any] = {"id": message_id, "method": method, "params": params}
        if session_id:
            message["sessionId"] = session_id
        self.ws.send(json.dumps(message))
        deadline = time.monotonic() + timeout
        while True:
            reply = json.loads(self.ws.recv(timeout=max(deadline - time.monotonic(), 0.1)))
            if reply.get("id") == message_id:
                if "error" in reply:
                    raise AssertionError(f"{method}: {reply['error']}")
                return reply["result"]


def _devtools_url(log: Path, process: subprocess.Popen[bytes], timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = _LISTENING.search(log.read_text(errors="replace"))
        if found:
            return found.group(1)
        if process.poll() is not None:
            break
        time.sleep(0.1)
    raise AssertionError(f"chromium did not start: {log.read_text(errors='replace')[-2000:]}")


class Page:
    """One loaded page: evaluate JavaScript, click like a user, take a screenshot."""

    def __init__(self, session: _Session, session_id: str) -> None:
        self._session, self._id = session, session_id

    def evaluate(self, expression: str) -> Any:
        result = self._session.call(
            "Runtime.evaluate", self._id, expression=expression, returnByValue=True, awaitPromise=True
        )
        if "exceptionDetails" in result:
            raise AssertionError(f"script failed in the page: {result['exceptionDetails']}")
        return result["result"].get("value")

    def click(self, selector: str) -> None:
        """A real mouse click (press and release) at the middle of the element ``selector`` names."""
        box = self.evaluate(
            f"(() => {{ const el = document.querySelector({json.dumps(selector)});"
            " el.scrollIntoView({block: 'center'}); const r = el.getBoundingClientRect();"
            " return [r.left + r.width / 2, r.top + r.height / 2]; })()"
        )
        for kind in ("mousePressed", "mouseReleased"):
            self._session.call(
                "Input.dispatchMouseEvent",
                self._id,
                type=kind,
                x=box[0],
                y=box[1],
                button="left",
                clickCount=1,
            )

    def screenshot(self, path: Path) -> Path:
        """The whole page as PNG, for people to look at (from the top, so sticky bars sit there)."""
        self.evaluate("window.scrollTo(0, 0)")
        data = self._session.call(
            "Page.captureScreenshot", self._id, format="png", captureBeyondViewport=True
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data["data"]))
        return path


@contextmanager
def open_page(page: Path) -> Iterator[Page]:
    """Load ``page`` (a file) in a fresh headless Chromium and wait until it is complete."""
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("Debian's chromium is required to render the report (make system-deps)")
    # The browser's helpers may still be writing to the profile while it is removed.
    with tempfile.TemporaryDirectory(prefix="summitwatch-chromium-", ignore_cleanup_errors=True) as profile:
        log = Path(profile) / "stderr.log"
        with log.open("wb") as stderr:
            process = subprocess.Popen(
                [chromium, *FLAGS, f"--user-data-dir={profile}/data", "about:blank"],
                stdout=subprocess.DEVNULL,
                stderr=stderr,
            )
        try:
            with connect(_devtools_url(log, process), max_size=None, open_timeout=30) as ws:
                session = _Session(ws)
                uri = page.resolve().as_uri()
                target = session.call("Target.createTarget", url=uri)["targetId"]
                session_id = session.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
                opened = Page(session, session_id)
                # The new tab holds about:blank until the navigation commits: wait for our page.
                loaded = f"location.href === {json.dumps(uri)} && document.readyState === 'complete'"
                deadline = time.monotonic() + 30
                while opened.evaluate(loaded) is not True:
                    if time.monotonic() > deadline:
                        raise AssertionError(f"{uri} did not finish loading")
                    time.sleep(0.1)
                yield opened
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def evaluate_in_page(page: Path, expression: str) -> Any:
    """Load ``page`` (a file), wait until it is complete, and return the value of ``expression``."""
    with open_page(page) as opened:
        return opened.evaluate(expression)
