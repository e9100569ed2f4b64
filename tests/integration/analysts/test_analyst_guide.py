"""The guide's worked examples run as the analyst and return the rows the guide promises."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import psycopg2.extensions

from .conftest import World, as_role, guide_examples

NAMED = ("putin-summits-2018", "planned-then-cancelled", "helsinki-first-report")


def _run_as_analyst(conn: psycopg2.extensions.connection) -> dict[str, list[dict[str, Any]]]:
    results = {}
    with as_role(conn, "summitwatch_analyst") as cur:
        for name, query in guide_examples().items():
            cur.execute(query)
            columns = [d.name for d in cur.description]
            results[name] = [dict(zip(columns, row, strict=True)) for row in cur.fetchall()]
    return results


def test_guide_has_the_three_worked_examples() -> None:
    examples = guide_examples()
    assert set(NAMED) <= set(examples)
    assert all("reporting." in query for query in examples.values())


def test_examples_on_the_test_data_set(db: psycopg2.extensions.connection, analyst_world: World) -> None:
    results = _run_as_analyst(db)

    putin = results["putin-summits-2018"]
    assert [(r["event_id"], r["event_date"], r["location"]) for r in putin] == [
        (analyst_world.events["helsinki"], "2018-07-16", "Helsinki")
    ]

    cancelled = results["planned-then-cancelled"]
    assert [
        (r["event_id"], r["location"], r["announced_by"], r["cancelled_by"], r["cancelled_at"])
        for r in cancelled
    ] == [
        (
            analyst_world.events["buenos-aires"],
            "Buenos Aires",
            "wire-a",
            "paper-b",
            datetime(2018, 11, 29, 17, 30, tzinfo=UTC),
        )
    ]

    [first] = results["helsinki-first-report"]
    assert (first["outlet"], first["published_at"], first["title"]) == (
        "wire-a",
        datetime(2018, 6, 28, 9, 0, tzinfo=UTC),
        "Trump and Putin agree on Helsinki summit",
    )

    assert results["who-met-most"][0]["places"] == ["Helsinki", "Osaka"]
    assert [r["status"] for r in results["status-steps"]] == ["planned", "held"]
    assert [r["source_name"] for r in results["sources-needing-attention"]] == ["wire-a", "paper-b"]


def test_examples_on_the_demo_data(demo_data: psycopg2.extensions.connection) -> None:
    results = _run_as_analyst(demo_data)

    putin = results["putin-summits-2018"]
    assert [(r["event_date"], r["location"], r["organizations"]) for r in putin] == [
        ("2018-07", "Johannesburg", ["BRICS"]),
        ("2018-07-16", "Helsinki", []),
    ]
    assert putin[1]["participants"] == ["Donald Trump", "Vladimir Putin"]
    assert (putin[1]["country"], putin[1]["articles"]) == ("FI", 3)

    assert results["planned-then-cancelled"] == []

    [first] = results["helsinki-first-report"]
    assert (first["outlet"], first["published_at"], first["title"], first["status"]) == (
        "demo-wire",
        datetime(2018, 6, 29, 9, 30, tzinfo=UTC),
        "Trump and Putin to hold first summit in Helsinki",
        "planned",
    )


def test_watch_and_correction_examples_as_the_reviewer(
    db: psycopg2.extensions.connection, analyst_world: World
) -> None:
    written = {}
    with db.cursor() as cur:
        cur.execute("SET ROLE summitwatch_reviewer")
        for name, statement in guide_examples(marker="reviewer-example").items():
            cur.execute(statement)
            written[name] = cur.fetchall()
        cur.execute("RESET ROLE")
    db.commit()
    assert set(written) == {"watch-called-off", "correct-status", "remove-participant"}
    assert written["correct-status"][0][1] == "summitwatch_reviewer"

    results = _run_as_analyst(db)
    corrected = {r["location"]: r for r in results["corrected-gatherings"]}
    assert set(corrected) == {"Buenos Aires", "Meseberg"}
    assert (corrected["Buenos Aires"]["status"], corrected["Buenos Aires"]["extracted_status"]) == (
        "postponed",
        "cancelled",
    )
    assert corrected["Meseberg"]["participants"] == ["Angela Merkel"]
    assert corrected["Meseberg"]["extracted_participants"] == ["Angela Merkel", "Emmanuel Macron"]
    assert results["orphaned-corrections"] == []
    assert results["notifications"] == []  # nothing sent until summit_report runs
