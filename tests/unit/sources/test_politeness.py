"""Host limits, backoff and Retry-After, on a fake clock (no wall time is measured)."""

from __future__ import annotations

from datetime import UTC, datetime

from summitwatch.sources.catalog import failure_backoff_s
from summitwatch.sources.politeness import HostLimiter, backoff_delay, origin, parse_retry_after


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def test_requests_to_one_host_are_spaced_and_other_hosts_are_not() -> None:
    clock = FakeClock()
    limiter = HostLimiter(concurrency=2, interval_s=1.0, clock=clock, sleep=clock.sleep)
    for _ in range(3):
        with limiter.slot("https://a.example:443"):
            pass
    with limiter.slot("https://b.example:443"):
        pass
    assert clock.sleeps == [1.0, 1.0]  # a's 2nd and 3rd request waited, b's first did not


def test_crawl_delay_and_retry_after_slow_a_host_down() -> None:
    clock = FakeClock()
    limiter = HostLimiter(concurrency=1, interval_s=1.0, clock=clock, sleep=clock.sleep)
    limiter.slow_down("h", 5.0)
    with limiter.slot("h"):
        pass
    with limiter.slot("h"):
        pass
    assert clock.sleeps == [5.0]
    limiter.pause("h", 30.0)
    with limiter.slot("h"):
        pass
    assert clock.sleeps[-1] == 30.0


def test_backoff_is_exponential_with_jitter_and_capped() -> None:
    for attempt, ceiling in ((1, 1.0), (2, 2.0), (3, 4.0), (10, 30.0)):
        delays = [backoff_delay(attempt, base_s=1.0, max_s=30.0) for _ in range(50)]
        assert all(0 <= d <= ceiling for d in delays)


def test_retry_after_seconds_and_http_date() -> None:
    now = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after("Mon, 02 Mar 2026 08:01:30 GMT", now=now) == 90.0
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None


def test_failing_source_rests_longer_each_time_up_to_a_day() -> None:
    assert failure_backoff_s(15, 1, retry_after_s=None, max_s=86400) == 900
    assert failure_backoff_s(15, 3, retry_after_s=None, max_s=86400) == 3600
    assert failure_backoff_s(15, 20, retry_after_s=None, max_s=86400) == 86400
    assert failure_backoff_s(15, 1, retry_after_s=7200, max_s=86400) == 7200


def test_origin_keys() -> None:
    assert origin("https://Example.org/a?b") == "https://example.org:443"
    assert origin("http://[::1]:8080/x") == "http://[::1]:8080"
