"""Processing items again: after an extractor or cleaner upgrade, or once a failure's cause is fixed.

Raw items are kept as fetched, so any item can go through the process stage
again. ``mark_for_reprocessing`` puts processed items back to ``pending``; the
next ``news_process`` run (or ``summitwatch run`` / ``summitwatch reprocess``)
processes them again (README, "Data flow of one batch"). That is safe by construction:
articles keep their ids, rows that come out the same are not rewritten,
mentions an older extractor wrote are replaced by the current extractor's, and
events no mention reports any more are removed.

Which items an upgrade touches cannot be told from the stored rows (an article
without events carries no extractor version), so the choice is by state and
source, not by version.
"""

from __future__ import annotations

import psycopg2.extensions


def mark_for_reprocessing(
    cur: psycopg2.extensions.cursor, *, only_failed: bool = False, source: str | None = None
) -> int:
    """Set processed items (``done`` and ``failed``, or only ``failed``) back to ``pending``; return how many.

    ``source`` limits it to one source's items. Their earlier error goes with
    them; it comes back if the item fails again.
    """
    states = ["failed"] if only_failed else ["done", "failed"]
    cur.execute(
        """
        UPDATE raw.items SET process_state = 'pending', process_error = NULL
        WHERE process_state = ANY(%(states)s)
          AND (%(source)s::text IS NULL OR source_name = %(source)s::text)
        """,
        {"states": states, "source": source},
    )
    return int(cur.rowcount)


def known_source(cur: psycopg2.extensions.cursor, name: str) -> bool:
    cur.execute("SELECT 1 FROM raw.sources WHERE name = %s", (name,))
    return cur.fetchone() is not None
