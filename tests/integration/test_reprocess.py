"""Which items ``mark_for_reprocessing`` sets back to pending, against real PostgreSQL."""

from __future__ import annotations

import psycopg2.extensions

from summitwatch.pipeline.reprocess import known_source, mark_for_reprocessing


def _items(cur: psycopg2.extensions.cursor) -> dict[str, tuple[str, str | None]]:
    cur.execute("SELECT item_key, process_state, process_error FROM raw.items ORDER BY item_id")
    return {key: (state, error) for key, state, error in cur.fetchall()}


def test_done_and_failed_items_go_back_to_pending_by_state_and_source(
    db: psycopg2.extensions.connection,
) -> None:
    with db.cursor() as cur:
        cur.execute(
            "INSERT INTO raw.sources (name, kind, location) VALUES ('a', 'push', 'x'), ('b', 'push', 'y')"
        )
        for source, key, state, error in [
            ("a", "a-done", "done", None),
            ("a", "a-failed", "failed", "empty: no text"),
            ("a", "a-pending", "pending", None),
            ("b", "b-done", "done", None),
            ("b", "b-failed", "failed", "refused: NUL"),
        ]:
            cur.execute(
                "INSERT INTO raw.items (source_name, item_key, content_sha256, content, content_type, "
                "process_state, process_error) VALUES (%s, %s, %s, 'x', 'text/plain', %s, %s)",
                (source, key, f"{len(key):064x}", state, error),
            )
        assert known_source(cur, "a") and not known_source(cur, "c")

        assert mark_for_reprocessing(cur, only_failed=True, source="a") == 1
        items = _items(cur)
        assert items["a-failed"] == ("pending", None)
        assert items["b-failed"] == ("failed", "refused: NUL") and items["a-done"] == ("done", None)

        assert mark_for_reprocessing(cur) == 3  # a-done, b-done, b-failed
        assert set(_items(cur).values()) == {("pending", None)}
        assert mark_for_reprocessing(cur) == 0
    db.rollback()
