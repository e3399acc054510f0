"""The batches of a round, in the order they go, each with its document ready ahead of time.

First the batches already due, then new ones for the pending contacts not yet in a batch,
made as the round goes on. A worker thread with read-only connections of its own does the
reading: it builds the due batches' documents, and reads the pending contacts, each with
its JSON, a few batches ahead (``Unbatched``). The uploader's own connection does every
write: it makes the new batches from what was read (short transactions, synced to disk
every ``DURABLE_EVERY``), and a document is handed over only once its batch is on disk. SQLite
lets go of the GIL while it works, so the reading goes on while the receiver answers and
the uploader settles; and with one writer the two threads never wait for each other's lock.
"""

import sqlite3
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from kiosk.upload.batching import DURABLE_EVERY, Unbatched, create_batch, sync
from kiosk.upload.documents import CONTACT_JSON, Envelope, contacts_json, read_only
from kiosk.upload.queue import Batch

AHEAD = 2  # documents ready beyond the one in flight
Chunk = list[tuple[str, str]]  # (contact id, contact JSON) for one new batch


@dataclass(frozen=True)
class Ready:
    batch: Batch
    document: bytes | None  # None: every contact purged meanwhile
    members: list[str] | None  # the batch's contact ids, when known without asking


class Lineup:
    def __init__(
        self,
        conn: sqlite3.Connection,
        db_path: Path,
        due: list[Batch],
        batch_size: int,
        envelope: Envelope,
    ) -> None:
        self._conn, self._size, self._envelope = conn, batch_size, envelope
        self._due = deque(due)
        self._waiting: deque[tuple[Batch, list[str] | None, Future[bytes | None]]] = deque()
        self._reader, self._pending = read_only(db_path), read_only(db_path)
        self._unbatched: Unbatched | None = None
        self._chunks: deque[Future[Chunk]] = deque()
        self._read_all = False
        self._worker = ThreadPoolExecutor(1, thread_name_prefix="upload-reader")
        self._read_ahead()

    def close(self) -> None:
        for chunk in self._chunks:
            chunk.cancel()
        for *_, document in self._waiting:
            document.cancel()
        self._worker.shutdown(wait=True)
        self._reader.close()
        self._pending.close()

    def next(self) -> Ready | None:
        """The next batch to send with its document, or None when there is none left."""
        if not self._waiting:
            self.fill()
        if not self._waiting:
            return None
        batch, members, future = self._waiting.popleft()
        return Ready(batch, future.result(), members)

    def fill(self) -> None:
        """Line up the next batches, making new ones if need be."""
        while len(self._waiting) <= AHEAD:
            if self._due:
                batch = self._due.popleft()
                self._waiting.append((batch, None, self._worker.submit(self._build, batch)))
            elif not self._make_group(keep=True):
                return

    def make_the_rest(self) -> None:
        """Put every remaining pending contact into a batch, without sending it."""
        while self._make_group(keep=False):
            pass

    def _make_group(self, *, keep: bool) -> bool:
        """Make up to DURABLE_EVERY batches from what was read, and sync them to disk."""
        chunks: list[Chunk] = []
        while len(chunks) < DURABLE_EVERY and (chunk := self._next_chunk()):
            chunks.append(chunk)
        made = [(create_batch(self._conn, [i for i, _ in chunk]), chunk) for chunk in chunks]
        if made:
            sync(self._conn)
        for batch_id, chunk in made if keep else ():
            contacts = "[" + ",".join(json for _, json in chunk) + "]"
            document = _done(self._envelope(batch_id, contacts))
            self._waiting.append((Batch(batch_id, 0, 0.0), [i for i, _ in chunk], document))
        return bool(made)

    def _next_chunk(self) -> Chunk:
        if not self._chunks:
            return []
        chunk = self._chunks.popleft().result()
        if chunk:
            self._read_ahead()
        else:
            self._read_all = True
        return chunk

    def _read_ahead(self) -> None:
        while not self._read_all and len(self._chunks) < DURABLE_EVERY:
            self._chunks.append(self._worker.submit(self._read))

    # On the worker thread.

    def _read(self) -> Chunk:
        if self._unbatched is None:  # here, before any batch is made from what it reads
            self._unbatched = Unbatched(self._pending, f"c.id, {CONTACT_JSON}", self._size)
        return [(contact_id, json) for contact_id, json in self._unbatched.next()]

    def _build(self, batch: Batch) -> bytes | None:
        return built(self._reader, batch.batch_id, self._envelope)


def built(conn: sqlite3.Connection, batch_id: str, envelope: Envelope) -> bytes | None:
    """A batch's document from the log, or None when its contacts were all purged meanwhile."""
    contacts = contacts_json(conn, batch_id)
    return None if contacts == "[]" else envelope(batch_id, contacts)


def _done(document: bytes) -> "Future[bytes | None]":
    future: Future[bytes | None] = Future()
    future.set_result(document)
    return future
