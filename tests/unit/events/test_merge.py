"""Cross-document matching and status history."""

from __future__ import annotations

from datetime import date

import pytest

from summitwatch.events.merge import MentionSummary, gathering_key, latest_status, same_gathering


def mention(**kw) -> MentionSummary:
    base = dict(
        kind="summit",
        status="planned",
        participants=frozenset({"Donald Trump", "Vladimir Putin"}),
        organizations=frozenset(),
        location="Helsinki",
        country="FI",
        date="2018-07-16",
        published=date(2018, 7, 10),
    )
    base.update(kw)
    return MentionSummary(**base)  # type: ignore[arg-type]


def test_same_people_place_and_close_dates() -> None:
    assert same_gathering(mention(), mention(status="held", published=date(2018, 7, 17)))


def test_month_precision_is_compatible_with_a_day() -> None:
    assert same_gathering(mention(date="2018-07"), mention())


def test_dates_too_far_apart() -> None:
    assert not same_gathering(mention(), mention(date="2018-11-11", published=date(2018, 11, 12)))


def test_different_place() -> None:
    assert not same_gathering(mention(), mention(location="Moscow", country="RU"))


def test_group_summit_ignores_participants() -> None:
    a = mention(
        organizations=frozenset({"G7"}),
        participants=frozenset({"Olaf Scholz"}),
        location="Elmau",
        country="DE",
        date="2022-06",
    )
    b = mention(
        organizations=frozenset({"G7"}),
        participants=frozenset(),
        location=None,
        country="DE",
        date="2022-06-26",
    )
    assert same_gathering(a, b)
    assert gathering_key(a) == gathering_key(b) == ("group", "G7")
    assert not same_gathering(a, mention(organizations=frozenset({"G20"}), location="Elmau", country="DE"))


def test_undated_mentions_fall_back_on_the_report_month() -> None:
    a = mention(date=None, location=None, country=None, published=date(2018, 7, 1))
    b = mention(date=None, location=None, country=None, published=date(2021, 6, 1))
    assert not same_gathering(a, b)
    assert same_gathering(a, mention(date=None, location=None, country=None, published=date(2018, 7, 20)))


def test_postponed_gathering_may_move() -> None:
    a = mention(
        organizations=frozenset({"ASEAN"}),
        participants=frozenset(),
        location=None,
        country="VN",
        date="2020-04",
    )
    b = mention(
        organizations=frozenset({"ASEAN"}),
        participants=frozenset(),
        location=None,
        country="VN",
        date="2020-06",
        status="postponed",
    )
    assert same_gathering(a, b)


@pytest.mark.parametrize(
    ("history", "expected"),
    [
        (["proposed", "planned", "held"], "held"),
        (["planned", "postponed", "planned"], "planned"),
        (["planned", "held", "proposed"], "held"),
        (["invited", "proposed"], "invited"),
        (["planned", "cancelled"], "cancelled"),
        (["cancelled", "proposed"], "cancelled"),
        ([], None),
    ],
)
def test_latest_status(history: list[str], expected: str | None) -> None:
    assert latest_status(history) == expected


def test_latest_status_rejects_unknown() -> None:
    with pytest.raises(ValueError, match="unknown status"):
        latest_status(["rumoured"])
