"""Issue 13, defect 3: the whole-response deadline holds against a server that drips bytes, in the
header phase as in the body, and a dripping request gives its host slot back at the deadline."""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

import pytest

from summitwatch.sources.http import FetchError, HttpClient
from summitwatch.sources.settings import FetchSettings

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "support"))

from drip_server import FAST_BODY, drip_server

# One byte every 0.1 s passes a 0.5 s read timeout forever; only the 1 s deadline can end it.
DEADLINE = FetchSettings(
    timeout_s=0.5,
    deadline_s=1.0,
    max_attempts=1,
    per_host_concurrency=1,
    per_host_interval_s=0.0,
    backoff_base_s=0.01,
)
# Generous: the drip would go on for ~28 hours. The point is "ends near the deadline", not speed.
ENDS_BY = 3 * DEADLINE.deadline_s


@pytest.mark.parametrize("path", ["/drip-body", "/drip-headers"])
def test_a_dripping_response_ends_at_the_deadline(path: str) -> None:
    with drip_server(interval_s=0.1) as server, HttpClient(DEADLINE) as client:
        started = time.monotonic()
        with pytest.raises(FetchError, match=r"not complete within 1s"):
            client.get(server.url(path), allow_private_network=True)
        assert time.monotonic() - started < ENDS_BY


def test_a_dripping_request_frees_its_host_slot_at_the_deadline() -> None:
    """With one slot per host, the fast page waits for the dripping one only until its deadline."""
    with drip_server(interval_s=0.1) as server, HttpClient(DEADLINE) as client:
        outcome: list[object] = []

        def drip() -> None:
            try:
                client.get(server.url("/drip-body"), allow_private_network=True)
            except FetchError as exc:
                outcome.append(exc)

        dripping = threading.Thread(target=drip)
        started = time.monotonic()
        dripping.start()
        while "/drip-body" not in server.hits:  # the drip holds the slot before the fast page asks
            time.sleep(0.01)
        response = client.get(server.url("/fast"), allow_private_network=True)
        waited = time.monotonic() - started
        dripping.join()
    assert response.status == 200 and response.body == FAST_BODY
    assert waited < ENDS_BY
    assert len(outcome) == 1 and "not complete within" in str(outcome[0])
