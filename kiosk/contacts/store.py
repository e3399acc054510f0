"""The contact log on disk: SQLite, durable once ``record`` returns.

WAL with ``synchronous=FULL`` makes a commit durable when it returns (WAL with NORMAL may
lose the last commits on power loss). A busy timeout lets the app, a scheduled upload and a
supervisor's export share the file.
"""

import itertools
import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils import Migrations

from kiosk.contacts.codes import COLUMNS
from kiosk.contacts.contact import Contact
from kiosk.errors import KioskError

BUSY_TIMEOUT_MS = 10_000
FILE_NAME = "contacts.db"

migrations = Migrations("assisted-digital-contacts")


@migrations()
def create_contacts(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE contacts (
            id TEXT PRIMARY KEY,
            recorded_at TEXT NOT NULL,
            site TEXT NOT NULL,
            desk TEXT NOT NULL,
            staff TEXT NOT NULL,
            service_id TEXT NOT NULL,
            lgsl INTEGER,
            mode TEXT NOT NULL,
            outcome TEXT NOT NULL,
            barriers TEXT NOT NULL DEFAULT '[]',
            language TEXT NOT NULL,
            handout INTEGER NOT NULL DEFAULT 0,
            next_time_online TEXT,
            referral TEXT,
            duration_s INTEGER,
            catalog_version TEXT NOT NULL,
            source TEXT NOT NULL,
            uploaded_at TEXT
        )
        """
    )
    db.execute("CREATE INDEX contacts_recorded_at ON contacts (recorded_at, id)")
    db.execute("CREATE INDEX contacts_pending ON contacts (uploaded_at) WHERE uploaded_at IS NULL")


@migrations()
def create_daily_counts(db: sqlite_utils.Database) -> None:
    """Per-day counts for every report breakdown, so a report never scans the log."""
    db.execute(
        """
        CREATE TABLE daily_counts (
            day TEXT NOT NULL,
            dimension TEXT NOT NULL,
            value TEXT NOT NULL,
            n INTEGER NOT NULL,
            PRIMARY KEY (day, dimension, value)
        ) WITHOUT ROWID
        """
    )
    rows = db.execute(f"SELECT {_COUNTED_LIST} FROM contacts")
    while batch := rows.fetchmany(50_000):
        _apply_counts(db.conn, summarise(batch))


@migrations()
def create_upload_queue(db: sqlite_utils.Database) -> None:
    """Batches written down before they are sent, so a retry sends exactly the same batch."""
    db.execute(
        """
        CREATE TABLE upload_batches (
            batch_id TEXT PRIMARY KEY,
            created_at TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt REAL NOT NULL DEFAULT 0,
            held_reason TEXT,
            last_error TEXT
        )
        """
    )
    # Keyed by batch first: settling a batch then deletes neighbouring rows, not rows strewn
    # over a random-UUID index (which made every settle rewrite hundreds of pages).
    db.execute(
        "CREATE TABLE upload_batch_contacts (batch_id TEXT NOT NULL "
        "REFERENCES upload_batches (batch_id), contact_id TEXT NOT NULL, "
        "PRIMARY KEY (batch_id, contact_id)) WITHOUT ROWID"
    )
    db.execute(
        "CREATE TABLE upload_rejected (contact_id TEXT PRIMARY KEY, reason TEXT NOT NULL, "
        "rejected_at TEXT NOT NULL)"
    )
    db.execute("CREATE TABLE upload_events (name TEXT PRIMARY KEY, at TEXT NOT NULL, detail TEXT)")


class StoreError(KioskError):
    """The contact log cannot be opened or written."""


class ContactLog:
    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = FULL")
            self.db = sqlite_utils.Database(connection)
            migrations.apply(self.db)
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open the contact log {path}: {exc}") from None

    @classmethod
    def in_data_dir(cls, data_dir: Path) -> "ContactLog":
        return cls(data_dir / FILE_NAME)

    def close(self) -> None:
        self.db.close()

    def record(self, contact: Contact) -> str:
        """Write one contact; returns its id once the commit is durable."""
        self.record_many([contact])
        return contact.id

    def record_many(self, contacts: list[Contact]) -> None:
        """Write all of ``contacts`` in one transaction, or none of them."""
        self.insert_rows(c.values() for c in contacts)

    def insert_rows(self, rows: Iterable[tuple[Any, ...]]) -> int:
        """Insert already-checked rows (``COLUMNS`` order) and their counts, all or none."""
        conn, count, pending = self.db.conn, 0, iter(rows)
        try:
            with conn:
                while batch := list(itertools.islice(pending, _BATCH)):
                    conn.executemany(_INSERT, batch)
                    _apply_counts(conn, summarise(tuple(r[i] for i in _COUNTED) for r in batch))
                    count += len(batch)
        except sqlite3.IntegrityError as exc:
            raise StoreError(f"not written: a contact with the same id exists ({exc})") from None
        except sqlite3.Error as exc:
            raise StoreError(f"not written to {self.path}: {exc}") from None
        return count

    def count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM contacts").fetchone()[0])

    def get(self, contact_id: str) -> Contact | None:
        row = self.db.execute(f"SELECT {_COLUMN_LIST} FROM contacts WHERE id = ?", [contact_id])
        found = row.fetchone()
        return Contact.from_row(dict(zip(COLUMNS, found, strict=True))) if found else None

    def rows_between(self, start: str, end: str) -> Iterator[tuple[Any, ...]]:
        """Raw rows recorded in [start, end), oldest first, streamed (constant memory)."""
        cursor = self.db.conn.execute(
            f"SELECT {_COLUMN_LIST} FROM contacts WHERE recorded_at >= ? AND recorded_at < ? "
            "ORDER BY recorded_at, id",
            [start, end],
        )
        while batch := cursor.fetchmany(5000):
            yield from batch

    def purge(self, before: str, *, uploads_enabled: bool) -> int:
        """Delete contacts recorded before ``before``; pending ones only if uploads are off."""
        condition = "recorded_at < ?" + (" AND uploaded_at IS NOT NULL" if uploads_enabled else "")
        conn = self.db.conn
        with conn:
            gone = conn.execute(
                f"SELECT {_COUNTED_LIST} FROM contacts WHERE {condition}", [before]
            )
            while batch := gone.fetchmany(_BATCH):
                _apply_counts(conn, summarise(batch, sign=-1))
            cursor = conn.execute(f"DELETE FROM contacts WHERE {condition}", [before])
            for table in ("upload_batch_contacts", "upload_rejected"):
                conn.execute(
                    f"DELETE FROM {table} WHERE contact_id NOT IN (SELECT id FROM contacts)"
                )
            conn.execute(
                "DELETE FROM upload_batches WHERE batch_id NOT IN "
                "(SELECT batch_id FROM upload_batch_contacts)"
            )
        return cursor.rowcount


_BATCH = 50_000
_ONE_STATEMENT = 100  # rows of daily_counts; well under SQLite's 32,766 parameters
_COLUMN_LIST = ", ".join(COLUMNS)
# What daily_counts counts, in this order: the day comes from recorded_at.
_COUNTED_COLUMNS = (
    "recorded_at", "service_id", "mode", "outcome", "staff", "language", "next_time_online",
    "barriers",
)  # fmt: skip
_COUNTED = tuple(COLUMNS.index(c) for c in _COUNTED_COLUMNS)
_COUNTED_LIST = ", ".join(_COUNTED_COLUMNS)
DIMENSIONS = ("service", "mode", "outcome", "staff", "language", "next_time_online")


def summarise(rows: Iterable[tuple[Any, ...]], sign: int = 1) -> Counter[tuple[str, str, str]]:
    """(day, dimension, value) -> change in count, for rows in ``_COUNTED_COLUMNS`` order."""
    counts: Counter[tuple[str, str, str]] = Counter()
    for recorded_at, *values, barriers in rows:
        day = recorded_at[:10]
        for dimension, value in zip(DIMENSIONS, values, strict=True):
            counts[day, dimension, value or ""] += sign
        for barrier in json.loads(barriers):
            counts[day, "barrier", barrier] += sign
    return counts


def _apply_counts(conn: sqlite3.Connection, counts: Counter[tuple[str, str, str]]) -> None:
    upsert = "ON CONFLICT DO UPDATE SET n = n + excluded.n"
    if len(counts) <= _ONE_STATEMENT:  # one contact: a single statement is a third quicker
        values = ", ".join(["(?, ?, ?, ?)"] * len(counts))
        flat = [item for key, n in counts.items() for item in (*key, n)]
        conn.execute(f"INSERT INTO daily_counts VALUES {values} {upsert}", flat)
    else:
        rows = ((*key, n) for key, n in counts.items())
        conn.executemany(f"INSERT INTO daily_counts VALUES (?, ?, ?, ?) {upsert}", rows)


_INSERT = f"INSERT INTO contacts ({_COLUMN_LIST}) VALUES ({', '.join('?' * len(COLUMNS))})"
