"""Per-day counts for every report breakdown, kept in the same transaction as the contacts.

``daily_counts`` (day, dimension, value, n) lets a report over a million contacts read a few
thousand rows instead of the log. Writers summarise the rows they insert or delete and apply
the change with :func:`apply_counts`.
"""

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable
from typing import Any

from kiosk.contacts.codes import COLUMNS

DIMENSIONS = ("service", "mode", "outcome", "staff", "language", "next_time_online", "source")
# What daily_counts counts, in this order: the day comes from recorded_at.
COUNTED_COLUMNS = (
    "recorded_at", "service_id", "mode", "outcome", "staff", "language", "next_time_online",
    "source", "barriers",
)  # fmt: skip
COUNTED = tuple(COLUMNS.index(c) for c in COUNTED_COLUMNS)  # their places in a contact row
COUNTED_LIST = ", ".join(COUNTED_COLUMNS)
_ONE_STATEMENT = 100  # rows of daily_counts; well under SQLite's 32,766 parameters


def summarise(rows: Iterable[tuple[Any, ...]], sign: int = 1) -> Counter[tuple[str, str, str]]:
    """(day, dimension, value) -> change in count, for rows in ``COUNTED_COLUMNS`` order."""
    counts: Counter[tuple[str, str, str]] = Counter()
    for recorded_at, *values, barriers in rows:
        day = recorded_at[:10]
        for dimension, value in zip(DIMENSIONS, values, strict=True):
            counts[day, dimension, value or ""] += sign
        for barrier in json.loads(barriers):
            counts[day, "barrier", barrier] += sign
    return counts


def apply_counts(conn: sqlite3.Connection, counts: Counter[tuple[str, str, str]]) -> None:
    upsert = "ON CONFLICT DO UPDATE SET n = n + excluded.n"
    if len(counts) <= _ONE_STATEMENT:  # one contact: a single statement is a third quicker
        values = ", ".join(["(?, ?, ?, ?)"] * len(counts))
        flat = [item for key, n in counts.items() for item in (*key, n)]
        conn.execute(f"INSERT INTO daily_counts VALUES {values} {upsert}", flat)
    else:
        rows = ((*key, n) for key, n in counts.items())
        conn.executemany(f"INSERT INTO daily_counts VALUES (?, ?, ?, ?) {upsert}", rows)
