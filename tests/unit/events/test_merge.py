"""Cross-document matching and status history."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime

import pytest

from summitwatch.events.merge import (
    Gatherings,
    GroupMember,
    MentionSummary,
    Report,
    canonical_fields,
    gathering_key,
    latest_status,
    one_report_each,
    same_gathering,
    split_group,
)


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


def test_a_call_is_never_a_visit() -> None:
    assert not same_gathering(mention(kind="call"), mention(kind="visit"))
    assert same_gathering(mention(kind="meeting"), mention(kind="visit"))


def test_more_people_bridge_only_with_an_agreeing_place_or_date() -> None:
    three = mention(participants=frozenset({"Donald Trump", "Vladimir Putin", "Volodymyr Zelenskyy"}))
    assert same_gathering(three, mention())  # same place stated
    undated = dict(location=None, country=None, date=None)
    assert not same_gathering(mention(**{**undated, "participants": three.participants}), mention(**undated))


def test_two_days_stated_to_the_day_are_one_gathering_only_days_apart() -> None:
    assert same_gathering(mention(date="2018-07-16"), mention(date="2018-07-17"))
    assert not same_gathering(mention(date="2018-07-02"), mention(date="2018-07-16"))


def test_groups_are_the_same_in_any_order() -> None:
    pairs = [(0, 1), (2, 3), (1, 2)]
    results = []
    for order in (pairs, pairs[::-1]):
        sets: Gatherings[int] = Gatherings()
        for a, b in order:
            sets.join(a, b)
        sets.find(4)
        results.append(sorted(sorted(g) for g in sets.groups()))
    assert results[0] == results[1] == [[0, 1, 2, 3], [4]]


def test_canonical_fields_come_from_the_mentions() -> None:
    at = [
        datetime(2027, 1, 20, tzinfo=UTC),
        datetime(2027, 2, 20, tzinfo=UTC),
        datetime(2027, 5, 15, tzinfo=UTC),
    ]
    reports = [
        Report(mention(status="planned", date="2027-02-27"), at[0], 1, 0.7),
        Report(mention(status="postponed", date="2027-05", location=None), at[1], 2, 0.6),
        Report(
            mention(status="held", date="2027-05-15", participants=frozenset({"Donald Trump"})), at[2], 3, 0.8
        ),
    ]
    for order in (reports, reports[::-1]):
        fields = canonical_fields(order)
        assert (fields.status, fields.date, fields.location, fields.confidence) == (
            "held",
            "2027-05-15",
            "Helsinki",
            0.8,
        )
        assert fields.participants == ("Donald Trump", "Vladimir Putin")
        assert (fields.first_reported_at, fields.last_reported_at) == (at[0], at[2])


def member(article: int, **kw) -> GroupMember:
    m = mention(**kw)
    return GroupMember(m, article, (f"article {article}", m.location or "", m.date or "", m.status))


# Meloni and Sánchez meet in Berlin, then a week later in Paris; a report of their next
# meeting names no place and matches both.
BERLIN = member(1, location="Berlin", country="DE", date="2027-03-09", status="held")
SOON = member(2, location=None, country=None, date=None, status="proposed", published=date(2027, 3, 12))
PARIS = member(3, location="Paris", country="FR", date="2027-03-16")


def _as_sets(members: list[GroupMember], parts: list[list[int]]) -> set[frozenset[object]]:
    return {frozenset(members[i].content for i in part) for part in parts}


def test_a_report_without_a_place_does_not_bridge_two_cities() -> None:
    assert same_gathering(BERLIN.mention, SOON.mention) and same_gathering(SOON.mention, PARIS.mention)
    members = [BERLIN, SOON, PARIS]
    parts = _as_sets(members, split_group(members))
    assert len(parts) == 2
    assert not any(BERLIN.content in part and PARIS.content in part for part in parts)


def test_the_split_is_the_same_in_any_order() -> None:
    members = [
        BERLIN,
        SOON,
        PARIS,
        member(4, location="Paris", country="FR", date="2027-03", status="planned"),
        member(5, location=None, country="DE", date="2027-03-09", status="held"),
        member(6, location=None, country=None, date="2027-03", status="planned"),
    ]
    expected = _as_sets(members, split_group(members))
    for order in itertools.permutations(range(len(members))):
        shuffled = [members[i] for i in order]
        assert _as_sets(shuffled, split_group(shuffled)) == expected


def test_a_group_without_a_conflict_stays_one_event() -> None:
    members = [BERLIN, member(2, location=None, country=None, date="2027-03-09", status="planned")]
    assert split_group(members) == [[0, 1]]


def test_two_gatherings_of_one_article_stay_two_events() -> None:
    """The extractor told them apart; a third report matching both does not join them."""
    undated = member(1, location=None, country=None, date=None, status="planned", published=date(2027, 3, 1))
    other = member(2, location=None, country=None, date="2027-03", status="planned")
    members = [BERLIN, undated, other]
    assert same_gathering(BERLIN.mention, other.mention) and same_gathering(undated.mention, other.mention)
    parts = _as_sets(members, split_group(members))
    assert not any(BERLIN.content in part and undated.content in part for part in parts)


def test_one_article_telling_one_gathering_twice_is_one_report() -> None:
    headline = mention(status="planned", date="2018-07")  # "Trump and Putin meet in Helsinki"
    report = mention(status="held")  # "... met in Helsinki on 16 July"
    elsewhere = mention(status="invited", location="Moscow", country="RU", date=None)
    assert one_report_each([headline, report, elsewhere], [0.9, 0.8, 0.7]) == [1, 2]
    # Without a place stated by both, they are two gatherings of the same people.
    unplaced = [mention(location=None, country=None, status="invited"), mention(location=None, country=None)]
    assert one_report_each(unplaced, [0.5, 0.5]) == [0, 1]


def test_several_groups_split_in_one_call_as_one_by_one() -> None:
    """``decide_events`` splits every group it reads in one call: groups do not interact."""
    later = [
        member(7, location="Berlin", country="DE", date="2027-11-02", status="held"),
        member(8, location=None, country=None, date="2027-11", status="planned"),
        member(9, participants=frozenset({"Olaf Scholz", "Emmanuel Macron"}), date="2027-03-09"),
    ]
    first = [BERLIN, SOON, PARIS]
    together = _as_sets(first + later, split_group(first + later))
    assert together == _as_sets(first, split_group(first)) | _as_sets(later, split_group(later))
    assert len(together) == 4
