"""The process stage's set-based batch writes, and the item-by-item fallback, against real PostgreSQL."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import psycopg2
import psycopg2.extensions
import pytest

from summitwatch.pipeline import process
from summitwatch.pipeline.process import ProcessSummary, combined_counts, process_pending
from summitwatch.pipeline.write_turns import WriteTurn

# How long a worker is waited for before the test fails.
PATIENCE_SECONDS = 30

PUBLISHED = datetime(2019, 2, 28, 9, 0, tzinfo=UTC)
HELD = (
    "Emmanuel Macron and Angela Merkel met in Strasbourg on Wednesday and agreed on a joint paper "
    "on industrial policy.\nThe two leaders spoke for three hours, officials said."
)
CALL = (
    "Russian President Vladimir Putin and Turkish President Recep Tayyip Erdogan spoke by phone on "
    "Thursday about the situation in northern Syria."
)
# COPY's own escapes and quoting in one body: it must come back exactly as cleaned.
AWKWARD = (
    'The minister said: "It\'s a \\N-shaped deal", quoting C:\\summits\\2019 and \\.\n'
    "Second line with a tab\tinside and {braces}, NULL, commas; ends here."
)


def _source(cur: psycopg2.extensions.cursor) -> None:
    cur.execute("INSERT INTO raw.sources (name, kind, location) VALUES ('desk', 'push', 'test')")


def _land(
    cur: psycopg2.extensions.cursor,
    key: str,
    text: str,
    *,
    title: str | None = None,
    payload: dict[str, str] | None = None,
) -> int:
    cur.execute(
        """
        INSERT INTO raw.items (source_name, item_key, content_sha256, url, title, published_at, content,
                               content_type, payload)
        VALUES ('desk', %s, encode(sha256(convert_to(%s, 'UTF8')), 'hex'), %s, %s, %s, %s, 'text/plain', %s)
        RETURNING item_id
        """,
        (key, text, f"https://desk.example/{key}", title, PUBLISHED, text, json.dumps(payload or {})),
    )
    return int(cur.fetchone()[0])


def _states(cur: psycopg2.extensions.cursor) -> dict[str, tuple[str, str | None]]:
    cur.execute("SELECT item_key, process_state, process_error FROM raw.items ORDER BY item_id")
    return {key: (state, error) for key, state, error in cur.fetchall()}


def _snapshot(cur: psycopg2.extensions.cursor) -> list[list[tuple]]:
    tables = [
        "SELECT article_id, item_id, body, title, exact_duplicate_of, story_id, updated_at, xmin::text "
        "FROM core.articles ORDER BY article_id",
        "SELECT mention_id, article_id, event_id, status, evidence, xmin::text FROM events.mentions "
        "ORDER BY mention_id",
        "SELECT event_id, status, participants, event_date, updated_at, xmin::text FROM events.events "
        "ORDER BY event_id",
        "SELECT event_id, status, first_article_id FROM events.status_history ORDER BY event_id, status",
    ]
    snapshot = []
    for query in tables:
        cur.execute(query)
        snapshot.append(cur.fetchall())
    return snapshot


def test_one_batch_writes_articles_duplicates_mentions_and_events(db: psycopg2.extensions.connection) -> None:
    with db.cursor() as cur:
        _source(cur)
        _land(cur, "held", HELD)
        _land(cur, "held-copy", HELD + "\n")  # same cleaned body: an exact duplicate
        _land(cur, "call", CALL)
        _land(cur, "awkward", AWKWARD, title='Title with "quotes", \\ and \t tab')
    db.commit()

    summary = process_pending(db, batch_size=10)
    assert (summary.batches, summary.items, summary.articles, summary.failed) == (1, 4, 4, 0)
    assert summary.exact_duplicates == 1
    with db.cursor() as cur:
        assert set(_states(cur).values()) == {("done", None)}
        cur.execute("SELECT doc_id, article_id, exact_duplicate_of FROM core.articles ORDER BY article_id")
        articles = {doc: (article_id, original) for doc, article_id, original in cur.fetchall()}
        assert articles["desk:held-copy"][1] == articles["desk:held"][0]
        cur.execute("SELECT body, title FROM core.articles WHERE doc_id = 'desk:awkward'")
        body, title = cur.fetchone()
        assert "\\N-shaped" in body and "C:\\summits\\2019 and \\." in body and "\t" not in body
        assert title == 'Title with "quotes", \\ and \t tab'
        # The original and its copy report the same gathering: two mentions, one event.
        cur.execute(
            """
            SELECT e.status, e.location, count(*) FROM events.mentions m JOIN events.events e USING (event_id)
            WHERE e.participants @> ARRAY['Angela Merkel', 'Emmanuel Macron'] GROUP BY e.event_id
            """
        )
        assert cur.fetchall() == [("held", "Strasbourg", 2)]
        before = _snapshot(cur)
    db.commit()

    # Everything processed again: not one row is rewritten.
    with db.cursor() as cur:
        cur.execute("UPDATE raw.items SET process_state = 'pending', processed_at = NULL")
    db.commit()
    again = process_pending(db, batch_size=10)
    assert (again.items, again.articles, again.failed, again.exact_duplicates) == (4, 4, 0, 1)
    with db.cursor() as cur:
        assert _snapshot(cur) == before


def test_a_bad_item_fails_alone_when_the_batch_is_redone_item_by_item(
    db: psycopg2.extensions.connection,
) -> None:
    with db.cursor() as cur:
        _source(cur)
        _land(cur, "held", HELD)
        # Cleans fine in Python, but its document id is blank: the database's CHECK refuses the
        # article, which fails the set-based write of the whole batch.
        _land(cur, "blank-doc-id", CALL, payload={"file_name": "   .txt"})
        _land(cur, "call", CALL + "\nOfficials gave no details.")
        _land(cur, "empty", "too short")
    db.commit()

    summary = process_pending(db, batch_size=10)
    assert (summary.batches, summary.items, summary.articles, summary.failed) == (1, 4, 2, 2)
    with db.cursor() as cur:
        states = _states(cur)
        assert states["held"] == ("done", None) and states["call"] == ("done", None)
        assert states["empty"][0] == "failed" and states["empty"][1].startswith("empty: ")
        state, error = states["blank-doc-id"]
        assert state == "failed" and "articles_doc_id_not_blank" in error
        assert error.startswith("CheckViolation: ")
        cur.execute("SELECT doc_id FROM core.articles ORDER BY article_id")
        assert cur.fetchall() == [("desk:held",), ("desk:call",)]
        # The items that landed are complete: mentions, events, history and sameness.
        cur.execute("SELECT count(DISTINCT article_id), count(DISTINCT event_id) FROM events.mentions")
        assert cur.fetchone() == (2, 2)
        cur.execute("SELECT count(*) FROM core.article_signatures")
        assert cur.fetchone() == (2,)
        cur.execute("SELECT count(*) FROM events.status_history")
        assert cur.fetchone() == (2,)


def test_the_lighter_indexes_still_serve_the_loads_lookups(db: psycopg2.extensions.connection) -> None:
    """0044 dropped or narrowed indexes: each lookup of the load and sameness steps still uses one."""
    lookups = {
        "articles_content_hash_idx": "SELECT min(article_id) FROM core.articles WHERE content_hash = ANY(%s)",
        "articles_canonical_url_idx": "SELECT min(article_id) FROM core.articles WHERE canonical_url = %s",
        "articles_story_idx": "SELECT count(*) FROM core.articles WHERE story_id = ANY(%s)",
        "mentions_article_id_event_id_extractor_version_key": (
            "DELETE FROM events.mentions WHERE article_id = ANY(%s)"
        ),
    }
    arguments = {
        "articles_content_hash_idx": (["0" * 64],),
        "articles_canonical_url_idx": ("https://desk.example/a",),
        "articles_story_idx": ([1, 2],),
        "mentions_article_id_event_id_extractor_version_key": ([1, 2],),
    }
    with db.cursor() as cur:
        cur.execute("SET LOCAL enable_seqscan = off")
        for index, query in lookups.items():
            cur.execute("EXPLAIN " + query, arguments[index])
            plan = "\n".join(row[0] for row in cur.fetchall())
            assert index in plan, plan
    db.rollback()


def _outcome(cur: psycopg2.extensions.cursor) -> dict[str, object]:
    """What processing decided, independent of which worker wrote which article first."""
    cur.execute(
        """
        SELECT coalesce(o.doc_id, a.doc_id), array_agg(a.doc_id ORDER BY a.doc_id)
        FROM core.articles a
        LEFT JOIN core.articles o ON o.article_id = coalesce(a.exact_duplicate_of, a.near_duplicate_of)
        GROUP BY 1
        """
    )
    groups = sorted(sorted(docs) for _, docs in cur.fetchall() if len(docs) > 1)
    cur.execute(
        """
        SELECT e.kind, e.status, e.participants, e.location, count(m.*)
        FROM events.events e JOIN events.mentions m USING (event_id)
        GROUP BY e.event_id ORDER BY 1, 2, 3, 4
        """
    )
    events = cur.fetchall()
    cur.execute("SELECT count(exact_duplicate_of), count(near_duplicate_of), count(*) FROM core.articles")
    counts = cur.fetchone()
    cur.execute("SELECT count(*) FROM events.status_history")
    return {"groups": groups, "events": events, "counts": counts, "history": cur.fetchone()}


def test_two_workers_decide_what_one_worker_decides(
    db: psycopg2.extensions.connection, database_url: str
) -> None:
    """news_process maps two workers: batches interleave, sameness and events stay as one worker has them."""
    with db.cursor() as cur:
        _source(cur)
        for copy in range(3):
            _land(cur, f"held-{copy}", HELD + "\n" * copy)  # exact duplicates of each other
            _land(cur, f"call-{copy}", CALL + "\nOfficials gave no details." * copy)
        _land(cur, "awkward", AWKWARD)
    db.commit()
    alone = process_pending(db, batch_size=1)
    assert (alone.items, alone.failed) == (7, 0)
    with db.cursor() as cur:
        expected = _outcome(cur)
        assert expected["counts"][0] == 2 and expected["groups"]
        cur.execute(
            "TRUNCATE core.article_bands, core.article_signatures, core.stories, events.status_history, "
            "events.mentions, events.events, core.articles RESTART IDENTITY CASCADE"
        )
        cur.execute("UPDATE raw.items SET process_state = 'pending', processed_at = NULL")
    db.commit()

    def worker() -> ProcessSummary:
        conn = psycopg2.connect(database_url)
        try:
            return process_pending(conn, batch_size=1)
        finally:
            conn.close()

    with ThreadPoolExecutor(2) as pool:
        summaries = [done.result() for done in [pool.submit(worker) for _ in range(2)]]
    assert sum(s.items for s in summaries) == 7 and sum(s.failed for s in summaries) == 0
    with db.cursor() as cur:
        assert _outcome(cur) == expected
        cur.execute("SELECT count(*) FROM raw.items WHERE process_state <> 'done'")
        assert cur.fetchone() == (0,)
    db.commit()


def test_worker_counts_add_up() -> None:
    assert combined_counts([{"items": 3, "mentions": 2}, {"items": 4, "mentions": 0}]) == {
        "items": 7,
        "mentions": 2,
    }
    assert combined_counts([]) == {}


def test_a_batch_decides_only_after_every_earlier_batch_committed(
    db: psycopg2.extensions.connection,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    wait_until_blocked: Callable[..., None],
) -> None:
    """Two workers copy their articles side by side; the one with the later ids decides second.

    Worker A takes the original, worker B its copy. A is held after its article COPY until
    B has copied too and reached its own turn; B must then wait for A's commit, see A's
    article and mark its copy as the duplicate. (A later batch deciding first would see
    nothing, and A, comparing only with lower ids, would not see B: the pair would be lost.)
    """
    with db.cursor() as cur:
        _source(cur)
        _land(cur, "original", HELD)
        _land(cur, "copy", HELD + "\n")  # the same cleaned body
    db.commit()

    a_copied, a_may_decide = threading.Event(), threading.Event()
    real_wait = process.wait_for_turn

    def held_wait_for_turn(cur: psycopg2.extensions.cursor, turn: WriteTurn) -> None:
        # Only A is held, after its COPY and before its turn; the real wait follows.
        if threading.current_thread().name == "worker-a":
            a_copied.set()
            assert a_may_decide.wait(PATIENCE_SECONDS), "worker A was never let through"
        real_wait(cur, turn)

    monkeypatch.setattr(process, "wait_for_turn", held_wait_for_turn)

    def worker(conn: psycopg2.extensions.connection) -> None:
        try:
            process.process_pending(conn, batch_size=1, max_batches=1)
        finally:
            conn.close()

    a = threading.Thread(target=worker, args=(psycopg2.connect(database_url),), name="worker-a")
    a.start()
    assert a_copied.wait(PATIENCE_SECONDS), "worker A never copied its article"
    b_conn = psycopg2.connect(database_url)
    b_pid = b_conn.get_backend_pid()
    b = threading.Thread(target=worker, args=(b_conn,), name="worker-b")
    b.start()
    # B has copied its article and waits for A's turn (were turns broken, it would finish).
    wait_until_blocked(b_pid, unless=lambda: not b.is_alive())
    a_may_decide.set()
    a.join(PATIENCE_SECONDS)
    b.join(PATIENCE_SECONDS)
    assert not a.is_alive() and not b.is_alive()
    with db.cursor() as cur:
        cur.execute("SELECT doc_id, article_id, exact_duplicate_of FROM core.articles ORDER BY article_id")
        (original, original_id, none), (copy, _, copy_of) = cur.fetchall()
        assert (original, none, copy, copy_of) == ("desk:original", None, "desk:copy", original_id)
        cur.execute("SELECT count(*) FROM raw.items WHERE process_state = 'done'")
        assert cur.fetchone() == (2,)
    db.commit()


def test_a_batch_whose_transaction_began_first_may_update_an_event_created_after(
    db: psycopg2.extensions.connection, database_url: str
) -> None:
    """Two workers: turns follow readiness, not transaction start, so now() can precede created_at."""
    with db.cursor() as cur:
        _source(cur)
        _land(cur, "held-1", HELD)
    db.commit()
    early, late = psycopg2.connect(database_url), psycopg2.connect(database_url)
    try:
        with early.cursor() as cur:
            cur.execute("SELECT now()")  # this worker's transaction begins first ...
        assert process_pending(late).articles == 1  # ... the other creates the event and commits
        with db.cursor() as cur:
            held_again = _land(cur, "held-2", HELD.replace("three hours", "four hours"))
            # A later report moves the event's last_reported_at: the event row is updated.
            cur.execute(
                "UPDATE raw.items SET published_at = published_at + interval '1 day' WHERE item_id = %s",
                (held_again,),
            )
        db.commit()
        summary = process_pending(early)  # the first batch continues the early transaction
    finally:
        early.close()
        late.close()
    assert (summary.articles, summary.failed) == (1, 0)
    with db.cursor() as cur:
        cur.execute("SELECT count(*), count(DISTINCT event_id) FROM events.mentions")
        assert cur.fetchone() == (2, 1)
        cur.execute("SELECT count(*) FROM events.events WHERE updated_at >= created_at")
        assert cur.fetchone()[0] == 1


def test_the_headline_is_read_as_the_first_sentence(db: psycopg2.extensions.connection) -> None:
    """A feed teaser that does not state the event still yields it: the headline does."""
    headline = "Emmanuel Macron and Angela Merkel met in Strasbourg on Wednesday"
    with db.cursor() as cur:
        _source(cur)
        _land(cur, "teaser", "The talks lasted three hours, officials said.", title=headline)
    db.commit()
    process_pending(db)
    with db.cursor() as cur:
        cur.execute(
            "SELECT m.evidence, m.status, m.participants, a.title, a.body "
            "FROM events.mentions m JOIN core.articles a USING (article_id)"
        )
        assert cur.fetchall() == [
            (
                headline,
                "held",
                ["Emmanuel Macron", "Angela Merkel"],
                headline,
                "The talks lasted three hours, officials said.",
            )
        ]
