"""Putting pending contacts into batches, in short transactions, durable before they are sent.

The touchscreen saves contacts on its GUI thread and waits for the write lock meanwhile, so
a backlog of any size is batched one short transaction per batch. The ids are read from a
snapshot on a second connection, which these commits do not disturb. Commits skip the fsync
except every ``durable_every``-th and the last: that one makes all before it durable too
(they are in the one write-ahead log), and only then are those batches handed on.
"""

import json
import sqlite3
import uuid
from collections.abc import Iterator

from kiosk.contacts.contact import utc_now


def unbatched(columns: str) -> str:
    """The pending contacts not yet in a batch (nor rejected), in the order they were written."""
    return (
        f"SELECT {columns} FROM contacts AS c WHERE c.uploaded_at IS NULL "
        "AND c.id NOT IN (SELECT contact_id FROM upload_batch_contacts) "
        "AND c.id NOT IN (SELECT contact_id FROM upload_rejected) ORDER BY c.rowid"
    )


DURABLE_EVERY = 8  # batches made per fsync while a backlog is being batched
NewBatch = tuple[str, list[str]]  # batch id, contact ids


def new_batches(
    conn: sqlite3.Connection,
    snapshot: sqlite3.Connection,
    batch_size: int,
    durable_every: int | None = None,
) -> Iterator[NewBatch]:
    """Make batches of the contacts not yet in one; each is yielded once it is durable.

    ``conn`` writes, ``snapshot`` (another connection to the same log) reads. With
    ``durable_every`` None only the last commit waits for the disk.
    """
    rows = snapshot.execute(unbatched("c.id"))
    made: list[NewBatch] = []
    chunk = rows.fetchmany(batch_size)
    while chunk:
        following = rows.fetchmany(batch_size)
        durable = not following or len(made) + 1 == durable_every
        ids = [row[0] for row in chunk]
        made.append((create_batch(conn, ids, durable=durable), ids))
        if durable:
            yield from made
            made = []
        chunk = following


def create_batch(conn: sqlite3.Connection, ids: list[str], *, durable: bool = True) -> str:
    """A new batch of ``ids``, in one transaction; returns its id."""
    batch_id = str(uuid.uuid4())
    conn.execute(f"PRAGMA synchronous = {'FULL' if durable else 'NORMAL'}")
    try:
        with conn:
            conn.execute(
                "INSERT INTO upload_batches (batch_id, created_at) VALUES (?, ?)",
                [batch_id, utc_now()],
            )
            conn.execute(
                "INSERT INTO upload_batch_contacts (batch_id, contact_id) "
                "SELECT ?, value FROM json_each(?)",
                [batch_id, json.dumps(ids)],
            )
    finally:
        conn.execute("PRAGMA synchronous = FULL")
    return batch_id
