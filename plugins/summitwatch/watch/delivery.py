"""Notifications out, each change once: claim, then deliver with retries, all recorded in PostgreSQL.

``plan_notifications`` (one transaction, serialised by an advisory lock)
finds each active watch's matching changes recorded since it began and not
claimed before, and writes one ``reporting.watch_notifications`` row per watch
with the message, plus one ``reporting.watch_deliveries`` row per change (its
primary key, watch + event + status, is the "sent once" guarantee: a retried
or duplicated run finds the changes claimed and plans nothing).

``deliver_due`` then sends every pending notification of an active watch, and
every failed one whose rest is over, through the ``send`` callable it is given (the Airflow
notifiers in ``dags/summitwatch_airflow/notifiers.py``; this module never
imports Airflow). Each is sent under a row lock held until its state is
committed, so two runs never send one at the same time. A failing receiver is
tried ``attempts`` times with exponential backoff; then the failure is recorded
and a later run tries again, up to ``max_rounds`` runs, after which the
notification is ``abandoned``. A failure never raises out of ``deliver_due``.

What cannot be ruled out is a crash after the receiver accepted a message and
before its state was committed: the next run sends it again. Receivers can drop
such a repeat by its ``notification_id`` (the webhook's ``Idempotency-Key``
header, the e-mail's ``Message-ID``).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from typing import Any

import psycopg2.extensions
import psycopg2.extras

from summitwatch.db.connection import transaction
from summitwatch.sources.politeness import backoff_delay
from summitwatch.sources.settings import settings_from_env
from summitwatch.watch.alerts import Change, build_message, find_changes, matches
from summitwatch.watch.watchlists import active_watches

log = logging.getLogger(__name__)

# Arbitrary constant shared by all planners: two runs must not claim the same changes at once.
_PLAN_LOCK_ID = 7_401_873_116


@dataclass(frozen=True)
class NotifySettings:
    """Delivery limits; each can be set as ``SUMMITWATCH_NOTIFY_<NAME>`` (e.g. ``..._ATTEMPTS=5``)."""

    attempts: int = 3  # per notification and run
    backoff_base_s: float = 2.0  # full-jitter exponential backoff between attempts
    backoff_max_s: float = 30.0
    max_rounds: int = 5  # runs that try a failing notification before it is abandoned
    round_backoff_s: float = 300.0  # rest before the next run tries it, doubled per round
    # Per deployment: webhooks may post to loopback/private addresses (a watch can also say so itself).
    webhook_allow_private_network: bool = False
    email_from: str = ""  # sender address; empty: the SMTP connection's from_email

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> NotifySettings:
        return settings_from_env(cls, "SUMMITWATCH_NOTIFY_", environ)


@dataclass(frozen=True)
class Notification:
    notification_id: int
    watch_name: str
    channel: str
    target: str
    subject: str
    body: str
    payload: dict[str, Any]
    allow_private_network: bool

    @property
    def idempotency_key(self) -> str:
        return f"summitwatch-notification-{self.notification_id}"

    def webhook_document(self) -> dict[str, Any]:
        return {"notification_id": self.notification_id, **self.payload}

    def email_html(self) -> str:
        """The e-mail body: the plain text, escaped, its lines kept."""
        return f'<pre style="font-family: sans-serif; white-space: pre-wrap">{escape(self.body)}</pre>'

    def email_message_id(self, domain: str) -> str:
        return f"<{self.idempotency_key}@{domain}>"


@dataclass
class PlanResult:
    notifications: int = 0
    changes: int = 0


@dataclass
class DeliveryResult:
    sent: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    abandoned: list[int] = field(default_factory=list)

    def as_dict(self) -> dict[str, int]:
        return {"sent": len(self.sent), "failed": len(self.failed), "abandoned": len(self.abandoned)}


def plan_notifications(conn: psycopg2.extensions.connection, run_id: str) -> PlanResult:
    """Claim every watch's new matching changes and write one notification per watch (one transaction)."""
    result = PlanResult()
    with transaction(conn) as cur:
        cur.execute("SELECT pg_advisory_xact_lock(%s)", (_PLAN_LOCK_ID,))
        watches = [w for w in active_watches(cur) if w.notify_from is not None]
        if not watches:
            return result
        changes = find_changes(cur, min(w.notify_from for w in watches if w.notify_from))
        claimed = _claimed(cur, [w.watch_id for w in watches if w.watch_id is not None], changes)
        for watch in watches:
            assert watch.watch_id is not None and watch.notify_from is not None
            mine = [
                c
                for c in changes
                if c.recorded_at >= watch.notify_from
                and (watch.watch_id, *c.key) not in claimed
                and matches(watch, c)
            ]
            if not mine:
                continue
            message = build_message(watch, mine)
            cur.execute(
                """
                INSERT INTO reporting.watch_notifications (watch_id, run_id, channel, target, subject, body,
                                                           payload, changes)
                VALUES (%s, %s, %s, %s, %s, %s, %s, %s) RETURNING notification_id
                """,
                (
                    watch.watch_id,
                    run_id,
                    watch.channel,
                    watch.target,
                    message.subject,
                    message.body,
                    psycopg2.extras.Json(message.payload),
                    len(mine),
                ),
            )
            notification_id = cur.fetchone()[0]  # type: ignore[index]
            psycopg2.extras.execute_values(
                cur,
                "INSERT INTO reporting.watch_deliveries (watch_id, event_id, status, notification_id) "
                "VALUES %s ON CONFLICT DO NOTHING",
                [(watch.watch_id, c.event_id, c.status, notification_id) for c in mine],
            )
            result.notifications += 1
            result.changes += len(mine)
    return result


def _claimed(
    cur: psycopg2.extensions.cursor, watch_ids: list[int], changes: list[Change]
) -> set[tuple[int, int, str]]:
    if not changes:
        return set()
    cur.execute(
        """
        SELECT watch_id, event_id, status FROM reporting.watch_deliveries
        WHERE watch_id = ANY(%s) AND event_id = ANY(%s)
        """,
        (watch_ids, sorted({c.event_id for c in changes})),
    )
    return {(int(w), int(e), str(s)) for w, e, s in cur.fetchall()}


def _next_due(cur: psycopg2.extensions.cursor, skip: list[int]) -> Notification | None:
    cur.execute(
        """
        SELECT n.notification_id, w.name, n.channel, n.target, n.subject, n.body, n.payload,
               w.allow_private_network
        FROM reporting.watch_notifications n JOIN reporting.watchlists w USING (watch_id)
        WHERE n.state IN ('pending', 'failed') AND n.next_attempt_at <= now() AND w.active
          AND n.notification_id <> ALL(%s)
        ORDER BY n.notification_id
        LIMIT 1
        FOR UPDATE OF n SKIP LOCKED
        """,
        (skip,),
    )
    row = cur.fetchone()
    return Notification(*row) if row else None


def deliver_due(
    conn: psycopg2.extensions.connection,
    send: Callable[[Notification], None],
    settings: NotifySettings | None = None,
    *,
    sleep: Callable[[float], None] = time.sleep,
) -> DeliveryResult:
    """Send what is due through ``send``; record each outcome. Never raises for a receiver's failure."""
    settings = settings or NotifySettings.from_env()
    result = DeliveryResult()
    done: list[int] = []
    while True:
        with transaction(conn) as cur:
            notification = _next_due(cur, done)
            if notification is None:
                return result
            done.append(notification.notification_id)
            error, attempts = _send_with_retries(notification, send, settings, sleep)
            if error is None:
                cur.execute(
                    """
                    UPDATE reporting.watch_notifications
                    SET state = 'sent', sent_at = now(), attempts = attempts + %s, rounds = rounds + 1,
                        last_error = NULL
                    WHERE notification_id = %s
                    """,
                    (attempts, notification.notification_id),
                )
                result.sent.append(notification.notification_id)
                continue
            cur.execute(
                """
                UPDATE reporting.watch_notifications
                SET rounds = rounds + 1, attempts = attempts + %(attempts)s, last_error = %(error)s,
                    state = CASE WHEN rounds + 1 >= %(max_rounds)s THEN 'abandoned' ELSE 'failed' END,
                    next_attempt_at = now() + make_interval(secs => %(rest)s * 2 ^ rounds)
                WHERE notification_id = %(id)s
                RETURNING state
                """,
                {
                    "attempts": attempts,
                    "error": error,
                    "max_rounds": settings.max_rounds,
                    "rest": settings.round_backoff_s,
                    "id": notification.notification_id,
                },
            )
            state = cur.fetchone()[0]  # type: ignore[index]
            (result.abandoned if state == "abandoned" else result.failed).append(notification.notification_id)
            log.warning(
                "notification %s to %s (%s) %s: %s",
                notification.notification_id,
                notification.target,
                notification.watch_name,
                state,
                error,
            )


def _send_with_retries(
    notification: Notification,
    send: Callable[[Notification], None],
    settings: NotifySettings,
    sleep: Callable[[float], None],
) -> tuple[str | None, int]:
    """(None, attempts) once ``send`` succeeded, else (the last error, attempts)."""
    error = "not attempted"
    for attempt in range(1, max(1, settings.attempts) + 1):
        try:
            send(notification)
        # Whatever a receiver does (refused connection, SMTP reply, HTTP status, bad address)
        # is this notification's failure: recorded below, and the report goes on.
        except Exception as exc:  # noqa: BLE001
            error = f"{type(exc).__name__}: {exc}"
            if attempt < settings.attempts:
                sleep(backoff_delay(attempt, base_s=settings.backoff_base_s, max_s=settings.backoff_max_s))
            continue
        return None, attempt
    return error, max(1, settings.attempts)


def notify_watchers(
    conn: psycopg2.extensions.connection,
    run_id: str,
    send: Callable[[Notification], None],
    settings: NotifySettings | None = None,
) -> dict[str, int]:
    """Plan, then deliver: what a summit_report run does. Returns counts for XCom."""
    planned = plan_notifications(conn, run_id)
    delivered = deliver_due(conn, send, settings)
    return {"notifications_planned": planned.notifications, "changes": planned.changes, **delivered.as_dict()}
