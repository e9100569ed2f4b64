"""The assets that chain the three DAGs.

An asset event says "there may be new work"; the work itself is found in
PostgreSQL, so a lost or duplicated event changes nothing.
"""

from airflow.sdk import Asset

RAW_ITEMS = Asset(name="raw_items", uri="summitwatch://raw/items")
SUMMIT_EVENTS = Asset(name="summit_events", uri="summitwatch://events/events")
