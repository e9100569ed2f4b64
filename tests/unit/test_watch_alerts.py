"""Which changes a watch matches, what its message says, and how a watchlist file is read."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from summitwatch.sources.catalog import SourceConfigError
from summitwatch.watch.alerts import Change, build_message, matches
from summitwatch.watch.watchlists import Watch, read_watchlists_csv

POSTPONED = Change(
    event_id=7,
    gathering_id=5,
    status="postponed",
    previous_status="planned",
    kind="summit",
    participants=("Donald Trump", "Kim Jong Un"),
    organizations=(),
    location="Hanoi",
    country="VN",
    event_date="2019-02",
    reported_at=datetime(2019, 1, 20, 8, 30, tzinfo=UTC),
    recorded_at=datetime(2019, 1, 20, 9, 0, tzinfo=UTC),
    outlet="wire-a",
    title="Gipfel in Hanoi verschoben",
    evidence="Das Treffen in Hanoi wurde auf unbestimmte Zeit verschoben.",
    links=("http://wire-a.example/hanoi-verschoben",),
)


def _watch(**criteria: object) -> Watch:
    return Watch(name="w", channel="email", target="desk@summitwatch.test", **criteria)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        ({}, True),
        ({"actors": ("kim jong un",)}, True),
        ({"actors": ("Xi Jinping",)}, False),
        ({"places": ("VN",)}, True),
        ({"places": ("Hanoi", "Singapore")}, True),
        ({"places": ("Singapore",)}, False),
        ({"groups": ("G20",)}, False),
        ({"kinds": ("summit",), "statuses": ("postponed", "cancelled")}, True),
        ({"kinds": ("summit",), "statuses": ("held",)}, False),
        ({"event_id": 5}, True),
        ({"event_id": 7}, True),
        ({"event_id": 8}, False),
        ({"event_id": 5, "actors": ("Xi Jinping",)}, False),
    ],
)
def test_every_given_criterion_must_match(criteria: dict[str, object], expected: bool) -> None:
    assert matches(_watch(**criteria), POSTPONED) is expected


def test_the_message_says_old_and_new_status_when_evidence_and_links() -> None:
    new = Change(**{**POSTPONED.__dict__, "status": "planned", "previous_status": None, "links": ()})
    message = build_message(_watch(actors=("Kim Jong Un",)), [new, POSTPONED])
    assert message.subject == (
        "Summit Watch [w]: new gathering, planned: summit in Hanoi (VN), 2019-02: "
        "Donald Trump, Kim Jong Un (+1 more)"
    )
    assert "planned -> postponed" in message.body
    assert "known since 2019-01-20 08:30 UTC (first reported by wire-a" in message.body
    assert '"Das Treffen in Hanoi wurde auf unbestimmte Zeit verschoben."' in message.body
    assert "link: http://wire-a.example/hanoi-verschoben" in message.body
    [first, second] = message.payload["changes"]
    assert (first["old_status"], first["new_gathering"]) == (None, True)
    assert (second["old_status"], second["new_status"], second["event_id"]) == ("planned", "postponed", 5)


def test_the_seed_file_reads(tmp_path: Path) -> None:
    from summitwatch.paths import seeds_dir

    watches = read_watchlists_csv(seeds_dir() / "watchlists.csv")
    assert watches and all(not w.active for w in watches)  # examples only: a deployment fills in its own
    assert watches[0].actors == ("Donald Trump", "Vladimir Putin")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("x,,,,,,,sms,desk@summitwatch.test,false,true", "channel must be one of email, webhook"),
        ("x,,,,,held,,webhook,ftp://x.example/,false,true", "needs an http(s) URL"),
        ("x,,,,,maybe,,email,desk@summitwatch.test,false,true", "unknown statuses ['maybe']"),
        ("x,,,,,,seven,email,desk@summitwatch.test,false,true", "event_id must be a whole number"),
        ("x,,,,,,,email,desk@summitwatch.test,false,perhaps", "expected true/false"),
    ],
)
def test_bad_rows_are_refused_with_file_and_line(tmp_path: Path, row: str, message: str) -> None:
    path = tmp_path / "watchlists.csv"
    path.write_text(
        "name,actors,groups,places,kinds,statuses,event_id,channel,target,allow_private_network,active\n"
        + row
        + "\n",
        encoding="utf-8",
    )
    with pytest.raises(SourceConfigError, match=re.escape(message)) as caught:
        read_watchlists_csv(path)
    assert f"{path}:2" in str(caught.value)
