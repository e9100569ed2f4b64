"""Watch -> change -> one notification, through the real summit_report DAG (dag.test()).

E-mail goes to a local aiosmtpd server through the SMTP provider, webhooks to a
local HTTP receiver; both on 127.0.0.1. A retried or duplicated run sends
nothing twice; a receiver that is down is retried, recorded, and never fails
the report.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import psycopg2.extensions
import pytest

from summitwatch.airflow_env import run_airflow
from summitwatch.watch.delivery import NotifySettings, deliver_due, notify_watchers
from summitwatch.watch.watchlists import Watch, upsert_watches
from summitwatch.watch.webhook import post_webhook

from ...support.receivers import body_text, free_port, smtp_server, webhook_receiver
from ..conftest import count, task_states
from .conftest import build_world


def _watch(db: psycopg2.extensions.connection, *watches: Watch) -> None:
    with db.cursor() as cur:
        upsert_watches(cur, list(watches))
    db.commit()


def _notifications(db: psycopg2.extensions.connection) -> dict[str, tuple[str, int, int, str | None]]:
    """watch name -> (state, attempts, rounds, last_error) of its single notification."""
    with db.cursor() as cur:
        cur.execute(
            "SELECT w.name, n.state, n.attempts, n.rounds, n.last_error FROM reporting.watch_notifications n "
            "JOIN reporting.watchlists w USING (watch_id) ORDER BY n.notification_id"
        )
        rows = cur.fetchall()
    db.commit()
    return {name: (state, attempts, rounds, error) for name, state, attempts, rounds, error in rows}


@pytest.fixture
def fast_retries(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SUMMITWATCH_REPORTS_DIR", str(tmp_path))
    monkeypatch.setenv("SUMMITWATCH_NOTIFY_BACKOFF_BASE_S", "0.01")
    monkeypatch.setenv("SUMMITWATCH_NOTIFY_ROUND_BACKOFF_S", "0")


def _smtp_connection(monkeypatch: pytest.MonkeyPatch, port: int) -> None:
    monkeypatch.setenv(
        "AIRFLOW_CONN_SUMMITWATCH_SMTP",
        json.dumps(
            {
                "conn_type": "smtp",
                "host": "127.0.0.1",
                "port": port,
                "extra": {
                    "disable_tls": True,
                    "disable_ssl": True,
                    "retry_limit": 0,
                    "timeout": 5,
                    "from_email": "alerts@summitwatch.test",
                },
            }
        ),
    )


def test_each_change_is_sent_once_by_mail_and_webhook(
    db: psycopg2.extensions.connection,
    dagbag: Any,
    airflow_db: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    fast_retries: None,
) -> None:
    dag = dagbag.dags["summit_report"]
    with smtp_server() as (mailbox, smtp_port), webhook_receiver() as hook:
        _smtp_connection(monkeypatch, smtp_port)
        _watch(
            db,
            Watch(name="trump", channel="email", target="desk@summitwatch.test", actors=("Donald Trump",)),
            Watch(
                name="helsinki",
                channel="webhook",
                target=hook.url,
                places=("Helsinki",),
                allow_private_network=True,
            ),
            # Loopback without the allowance is refused before anything is sent.
            Watch(name="unguarded", channel="webhook", target=hook.url, kinds=("summit",)),
            Watch(
                name="macron", channel="email", target="paris@summitwatch.test", actors=("Emmanuel Macron",)
            ),
        )
        world = build_world(db)  # the changes: recorded after the watches began
        hook.down = True

        first = dag.test()
        assert task_states(airflow_db, "summit_report", first.run_id)["notify_watchers"] == "success"

        # One mail per watch, every Trump change in it: old -> new, when known, evidence, links.
        assert sorted(m["X-Envelope-To"] for m in mailbox.messages) == [
            "desk@summitwatch.test",
            "paris@summitwatch.test",
        ]
        [trump] = [m for m in mailbox.messages if m["X-Envelope-To"] == "desk@summitwatch.test"]
        text = body_text(trump)
        assert "6 changes" in text
        assert "planned -> held" in text and "planned -> cancelled" in text
        assert "new gathering, invited" in text
        # Held was first reported by the German month-dated article (no URL), then by wire-a.
        assert '"Trump und Putin waren am 16. Juli in Helsinki zusammengekommen."' in text
        assert "known since 2018-07-01 00:00 UTC (first reported by dropbox" in text
        assert "link: http://wire-a.example/2018/helsinki-held" in text
        assert trump["Subject"].startswith("Summit Watch [trump]: ")
        assert trump["From"] == "alerts@summitwatch.test"
        assert trump["Message-ID"].startswith("<summitwatch-notification-")

        # The webhook was down: tried three times, recorded, and the report ran on.
        states = _notifications(db)
        assert states["helsinki"][:3] == ("failed", 3, 1) and "HTTP 503" in (states["helsinki"][3] or "")
        assert hook.refused == 3 and hook.posts == []
        assert states["unguarded"][0] == "failed" and "non-public address" in (states["unguarded"][3] or "")
        assert states["trump"][:3] == ("sent", 1, 1)
        # Retiring a watch stops its undelivered notifications too.
        with db.cursor() as cur:
            cur.execute("UPDATE reporting.watchlists SET active = false WHERE name = 'unguarded'")
        db.commit()

        # A duplicated run: the webhook is back and gets its one POST; no mail goes twice.
        hook.down = False
        second = dag.test()
        assert task_states(airflow_db, "summit_report", second.run_id)["notify_watchers"] == "success"
        assert len(mailbox.messages) == 2
        [(headers, document)] = hook.posts
        assert headers["Idempotency-Key"] == f"summitwatch-notification-{document['notification_id']}"
        assert document["watch"] == "helsinki"
        assert [(c["old_status"], c["new_status"]) for c in document["changes"]] == [
            (None, "planned"),
            ("planned", "held"),
        ]
        assert (
            document["changes"][0]["evidence"] == "Trump and Putin will hold a summit in Helsinki on July 16."
        )
        assert document["changes"][0]["links"] == [
            "http://wire-a.example/2018/helsinki-announced",
            "http://paper-b.example/helsinki",
        ]
        assert document["changes"][0]["event_id"] == world.events["helsinki"]
        assert _notifications(db)["helsinki"][:3] == ("sent", 4, 2)

        # The first run's task run again by Airflow (as a retry runs it): nothing new, nothing twice.
        retried = run_airflow(
            ["tasks", "test", "summit_report", "notify_watchers", first.run_id], dict(os.environ)
        )
        assert "'notifications_planned': 0" in retried.stdout + retried.stderr
        assert len(mailbox.messages) == 2 and len(hook.posts) == 1

        # A new change later: the next run sends that one change only.
        with db.cursor() as cur:
            cur.execute(
                "INSERT INTO events.mentions (article_id, event_id, extractor_version, kind, status, "
                "participants, location, country, event_date, evidence, confidence) "
                "VALUES (%s, %s, 'test-2', 'meeting', 'postponed', %s, 'Osaka', 'JP', '2019-06-28', "
                "'The talks in Osaka were put off.', 0.7)",
                (world.articles["osaka-held"], world.events["osaka"], ["Donald Trump", "Vladimir Putin"]),
            )
            cur.execute(
                "INSERT INTO events.status_history (event_id, status, first_reported_at, first_article_id) "
                "VALUES (%s, 'postponed', '2019-06-29', %s)",
                (world.events["osaka"], world.articles["osaka-held"]),
            )
        db.commit()
        dag.test()
        assert len(mailbox.messages) == 3
        latest = body_text(mailbox.messages[-1])
        assert "1 change." in latest and "held -> postponed" in latest
        assert "The talks in Osaka were put off." in latest
        assert len(hook.posts) == 1
    assert count(db, "SELECT count(*) FROM reporting.watch_deliveries") == count(
        db, "SELECT sum(changes) FROM reporting.watch_notifications"
    )


def test_a_mail_server_that_is_down_is_recorded_and_the_report_still_succeeds(
    db: psycopg2.extensions.connection,
    dagbag: Any,
    airflow_db: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    fast_retries: None,
) -> None:
    _smtp_connection(monkeypatch, free_port())  # nothing listens there
    monkeypatch.setenv("SUMMITWATCH_NOTIFY_MAX_ROUNDS", "2")
    _watch(db, Watch(name="osaka", channel="email", target="desk@summitwatch.test", places=("JP",)))
    build_world(db)
    dag = dagbag.dags["summit_report"]

    run = dag.test()
    assert task_states(airflow_db, "summit_report", run.run_id)["notify_watchers"] == "success"
    state, attempts, rounds, error = _notifications(db)["osaka"]
    assert (state, attempts, rounds) == ("failed", 3, 1)
    assert "Connection refused" in (error or "") or "ConnectionRefusedError" in (error or "")

    dag.test()
    assert _notifications(db)["osaka"][:3] == ("abandoned", 6, 2)
    # Abandoned means abandoned: no later run tries again.
    assert deliver_due(db, lambda n: pytest.fail("abandoned notification sent")).as_dict() == {
        "sent": 0,
        "failed": 0,
        "abandoned": 0,
    }


def test_a_deployment_may_allow_private_webhooks_for_every_watch(
    db: psycopg2.extensions.connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    with webhook_receiver() as hook:
        _watch(db, Watch(name="local", channel="webhook", target=hook.url, actors=("Angela Merkel",)))
        build_world(db)
        refused = NotifySettings(backoff_base_s=0.01, round_backoff_s=0)
        result = notify_watchers(db, "cli-1", lambda n: post_webhook(n, refused), refused)
        assert (result["failed"], hook.posts) == (1, [])

        monkeypatch.setenv("SUMMITWATCH_NOTIFY_WEBHOOK_ALLOW_PRIVATE_NETWORK", "true")
        allowed = NotifySettings.from_env()
        assert deliver_due(db, lambda n: post_webhook(n, allowed), allowed).as_dict()["sent"] == 1
        [(_headers, document)] = hook.posts
        assert [c["new_status"] for c in document["changes"]] == ["held"]
        assert document["changes"][0]["location"] == "Meseberg"
