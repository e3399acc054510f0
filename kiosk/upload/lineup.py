"""The batches of a round, in the order they go, each with its document built ahead.

First the batches already due, then new ones for the pending contacts not yet in a batch,
made as the round goes on (kiosk/upload/batching.py: short transactions, durable before
they are handed over). Documents are built by one worker thread on a read-only connection
of its own: SQLite lets go of the GIL while it builds, so the next document is ready by the
time the current batch is answered. Every write stays on the uploader's own connection, so
the two never wait for each other's lock.
"""

import sqlite3
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from kiosk.upload.batching import NewBatch
from kiosk.upload.documents import Envelope, contacts_json, read_only
from kiosk.upload.queue import Batch

AHEAD = 2  # documents being built or ready beyond the one in flight


@dataclass(frozen=True)
class Ready:
    batch: Batch
    document: bytes | None  # None: every contact purged meanwhile
    members: list[str] | None  # the batch's contact ids, when known without asking


class Lineup:
    def __init__(
        self, db_path: Path, due: list[Batch], made: Iterator[NewBatch], envelope: Envelope
    ) -> None:
        self._due, self._made, self._envelope = deque(due), made, envelope
        self._waiting: deque[tuple[Batch, list[str] | None, Future[bytes | None]]] = deque()
        self._conn = read_only(db_path)
        self._worker = ThreadPoolExecutor(1, thread_name_prefix="upload-documents")

    def close(self) -> None:
        for *_, future in self._waiting:
            future.cancel()
        self._worker.shutdown(wait=True)
        self._conn.close()

    def next(self) -> Ready | None:
        """The next batch to send with its document, or None when there is none left."""
        if not self._waiting:
            self.fill()
        if not self._waiting:
            return None
        batch, members, future = self._waiting.popleft()
        return Ready(batch, future.result(), members)

    def fill(self) -> None:
        """Line up batches (making new ones if need be) and start building their documents."""
        while len(self._waiting) < AHEAD + 1 and (found := self._take()):
            batch, members = found
            future = self._worker.submit(self._build, batch.batch_id)
            self._waiting.append((batch, members, future))

    def make_the_rest(self) -> None:
        """Put every remaining pending contact into a batch, without sending it."""
        for _ in self._made:
            pass

    def _take(self) -> tuple[Batch, list[str] | None] | None:
        if self._due:
            return self._due.popleft(), None
        made = next(self._made, None)
        return None if made is None else (Batch(made[0], 0, 0.0), made[1])

    def _build(self, batch_id: str) -> bytes | None:  # on the worker thread
        contacts = contacts_json(self._conn, batch_id)
        return None if contacts == "[]" else self._envelope(batch_id, contacts)


def lined_up(conn: sqlite3.Connection, batch: Batch, envelope: Envelope) -> Ready:
    """One batch built here and now, on ``conn`` (for the rare batch made mid-round)."""
    contacts = contacts_json(conn, batch.batch_id)
    document = None if contacts == "[]" else envelope(batch.batch_id, contacts)
    return Ready(batch, document, None)
