"""The guide's worked examples run as the analyst and return the rows the guide promises."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import psycopg2.extensions

from .conftest import World, as_role, guide_examples

NAMED = ("putin-summits-2018", "planned-then-cancelled", "helsinki-first-report")
# The questions analysts could not answer before (issue 15, item 6).
QUESTIONS = (
    "us-russian-meetings",
    "foreign-minister-meetings",
    "foreign-ministers-2019",
    "who-met-whom-2018",
    "new-since-yesterday",
    "status-changes-since-yesterday",
    "who-reported-held-first",
    "outlets-per-event",
)


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
    assert set(NAMED) | set(QUESTIONS) <= set(examples)
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
        "Demo Wire",
        datetime(2018, 6, 29, 9, 30, tzinfo=UTC),
        "Trump and Putin to hold first summit in Helsinki",
        "planned",
    )

    us_russian = results["us-russian-meetings"]
    assert {tuple(r["participants"]) for r in us_russian} == {
        ("Donald Trump", "Vladimir Putin"),
        ("Jim Mattis", "Sergei Shoigu"),
        ("Mike Pompeo", "Sergey Lavrov"),
    }
    assert len(us_russian) == 5
    assert [r["ministers"] for r in results["foreign-minister-meetings"]] == [
        ["Mike Pompeo (US)", "Sergey Lavrov (RU)"]
    ]
    assert [(r["location"], r["outlet"]) for r in results["who-reported-held-first"]] == [
        ("Helsinki", "Demo Wire")
    ]
    assert results["who-reported-held-first"][0]["link"].startswith("http://127.0.0.1:8765/articles/")


def test_the_analysts_questions_on_the_wider_test_data_set(
    db: psycopg2.extensions.connection, wider_world: World
) -> None:
    results = _run_as_analyst(db)
    events = wider_world.events

    # Meseberg (German and French) is not one of them.
    assert [r["event_id"] for r in results["us-russian-meetings"]] == [
        events[key] for key in ("moscow", "helsinki", "buenos-aires", "phone-call", "sochi", "osaka")
    ]
    assert [(r["event_id"], r["ministers"]) for r in results["foreign-minister-meetings"]] == [
        (events["sochi"], ["Mike Pompeo (US)", "Sergey Lavrov (RU)"])
    ]
    assert [(r["name"], r["end_date"]) for r in results["foreign-ministers-2019"]] == [
        ("Sergey Lavrov", None),
        ("Mike Pompeo", date(2021, 1, 20)),
    ]
    # Osaka and Sochi were 2019, the phone call is no meeting, Buenos Aires was cancelled.
    assert [
        (r["actor_a"], r["actor_b"], r["times_met"], r["places"]) for r in results["who-met-whom-2018"]
    ] == [
        ("Angela Merkel", "Emmanuel Macron", 1, ["Meseberg"]),
        ("Donald Trump", "Vladimir Putin", 1, ["Helsinki"]),
    ]
    # Everything else was loaded three days ago.
    assert [r["event_id"] for r in results["new-since-yesterday"]] == [events["phone-call"]]
    assert [
        (r["event_id"], r["previous_status"], r["status"], r["outlet"])
        for r in results["status-changes-since-yesterday"]
    ] == [(events["sochi"], "planned", "held", "wire-a")]
    # The month-dated document (July 2018) does not pass the report of 16 July.
    [held] = results["who-reported-held-first"]
    assert (held["outlet"], held["first_reported_at"], held["published_precision"]) == (
        "wire-a",
        datetime(2018, 7, 16, 18, 0, tzinfo=UTC),
        "second",
    )
    assert held["link"] == "http://wire-a.example/2018/helsinki-held"
    # Two feeds of one publisher are one outlet.
    outlets = {
        r["event_id"]: (r["sources"], r["outlets"], r["outlet_names"]) for r in results["outlets-per-event"]
    }
    assert outlets[events["sochi"]] == (2, 1, ["wire-a"])
    assert outlets[events["helsinki"]] == (3, 3, ["dropbox", "paper-b", "wire-a"])


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
