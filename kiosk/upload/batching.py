"""Putting pending contacts into batches, in short transactions, durable before they are sent.

The touchscreen saves contacts on its GUI thread and waits for the write lock meanwhile, so
a backlog of any size is batched one short transaction per batch. The ids are read on a
second connection, in short reads of their own (``Unbatched``). The commits do not wait for
the disk; after every ``DURABLE_EVERY`` batches (and the last) ``sync`` makes them durable,
and only then are those batches handed on to be sent.
"""

import json
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from kiosk.contacts.contact import utc_now


class Unbatched:
    """The pending contacts not yet in a batch (nor rejected), a batch at a time, in the
    order they were written.

    Every read is a short query of its own, after the last contact read: a read kept open
    over a whole backlog would keep SQLite from checkpointing its log meanwhile, and the one
    checkpoint after it would take hundreds of milliseconds. The batches there were at the
    start are left out by a copy of their ids; any made since hold only contacts read here.
    """

    def __init__(self, reader: sqlite3.Connection, columns: str, batch_size: int) -> None:
        with reader:
            reader.execute(
                "CREATE TEMP TABLE IF NOT EXISTS batched (contact_id TEXT PRIMARY KEY) "
                "WITHOUT ROWID"
            )
            reader.execute("DELETE FROM temp.batched")
            reader.execute(
                "INSERT OR IGNORE INTO temp.batched SELECT contact_id FROM upload_batch_contacts"
            )
        self._reader, self._size, self._after = reader, batch_size, 0
        self._query = (
            f"SELECT c.rowid, {columns} FROM contacts AS c WHERE c.uploaded_at IS NULL "
            "AND c.rowid > ? AND c.id NOT IN (SELECT contact_id FROM temp.batched) "
            "AND c.id NOT IN (SELECT contact_id FROM upload_rejected) ORDER BY c.rowid LIMIT ?"
        )

    def next(self) -> list[tuple[Any, ...]]:
        """The next batch's worth of rows (``columns``), or none when all have been read."""
        rows = self._reader.execute(self._query, [self._after, self._size]).fetchall()
        if rows:
            self._after = rows[-1][0]
        return [row[1:] for row in rows]


DURABLE_EVERY = 8  # batches made per fsync while a backlog is being batched
NewBatch = tuple[str, list[str]]  # batch id, contact ids


def new_batches(
    conn: sqlite3.Connection,
    reader: sqlite3.Connection,
    batch_size: int,
    durable_every: int = DURABLE_EVERY,
) -> Iterator[NewBatch]:
    """Make batches of the contacts not yet in one; each is yielded once it is durable.

    ``conn`` writes, ``reader`` (another connection to the same log) reads.
    """
    unbatched = Unbatched(reader, "c.id", batch_size)
    while True:
        made: list[NewBatch] = []
        while len(made) < durable_every and (rows := unbatched.next()):
            ids = [row[0] for row in rows]
            made.append((create_batch(conn, ids), ids))
        if not made:
            return
        sync(conn)
        yield from made


def create_batch(conn: sqlite3.Connection, ids: list[str]) -> str:
    """A new batch of ``ids``, in one transaction that does not wait for the disk (see
    ``sync``); returns its id."""
    batch_id = str(uuid.uuid4())
    with without_fsync(conn), conn:
        conn.execute(
            "INSERT INTO upload_batches (batch_id, created_at) VALUES (?, ?)",
            [batch_id, utc_now()],
        )
        conn.execute(
            "INSERT INTO upload_batch_contacts (batch_id, contact_id) "
            "SELECT ?, value FROM json_each(?)",
            [batch_id, json.dumps(ids)],
        )
    return batch_id


def sync(conn: sqlite3.Connection) -> None:
    """Make every commit so far durable, if it can be without holding the write lock while
    the disk catches up: a passive checkpoint that copies the whole log into the database
    has synced both. When it cannot (another connection still reads older pages), a commit
    that waits for the disk does it, and all before it with it (they are in the one log)."""
    busy, frames, copied = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    if busy or frames != copied:
        with conn:  # synchronous = FULL
            conn.execute(
                "INSERT OR REPLACE INTO upload_events VALUES ('synced', ?, '')", [utc_now()]
            )


@contextmanager
def without_fsync(conn: sqlite3.Connection) -> Iterator[None]:
    """Commits meanwhile do not wait for the disk (the log stays consistent, see ``sync``)."""
    conn.execute("PRAGMA synchronous = NORMAL")
    try:
        yield
    finally:
        conn.execute("PRAGMA synchronous = FULL")
