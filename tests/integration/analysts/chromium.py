"""Open a page in Debian's headless Chromium and evaluate JavaScript in it (DevTools protocol).

The browser gets a fresh profile, no network helpers, and is ended by its own
process id afterwards. A missing ``chromium`` is a failure, not a skip.
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
import subprocess
import tempfile
import time
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


def evaluate_in_page(page: Path, expression: str) -> Any:
    """Load ``page`` (a file), wait until it is complete, and return the value of ``expression``."""
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("Debian's chromium is required to render the report (make system-deps)")
    with tempfile.TemporaryDirectory(prefix="summitwatch-chromium-") as profile:
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
                # The new tab holds about:blank until the navigation commits: wait for our page.
                loaded = f"location.href === {json.dumps(uri)} && document.readyState === 'complete'"
                deadline = time.monotonic() + 30
                while True:
                    done = session.call("Runtime.evaluate", session_id, expression=loaded, returnByValue=True)
                    if done["result"].get("value") is True or time.monotonic() > deadline:
                        break
                    time.sleep(0.1)
                assert done["result"].get("value") is True, f"{uri} did not finish loading"
                result = session.call(
                    "Runtime.evaluate",
                    session_id,
                    expression=expression,
                    returnByValue=True,
                    awaitPromise=True,
                )
                if "exceptionDetails" in result:
                    raise AssertionError(f"script failed in the page: {result['exceptionDetails']}")
                return result["result"].get("value")
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
