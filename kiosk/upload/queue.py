"""The upload queue in the contact log: batches, rejections and the last outcomes.

A batch is written down (its id and its contacts) before it is first sent, so every retry,
also after a crash or restart, sends the same batch id with the same contacts.
"""

import json
import sqlite3
import uuid
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass

from kiosk.contacts.contact import utc_now
from kiosk.contacts.store import ContactLog
from kiosk.upload.batching import new_batches, sync, without_fsync
from kiosk.upload.documents import SENT_COLUMNS, contacts_json, read_only
from kiosk.upload.problems import UploadProblem

__all__ = ["SENT_COLUMNS", "Batch", "UploadQueue"]

_MARK_BATCH = (
    "UPDATE contacts SET uploaded_at = ? "
    "WHERE id IN (SELECT contact_id FROM upload_batch_contacts WHERE batch_id = ?)"
)


@dataclass(frozen=True)
class Batch:
    batch_id: str
    attempts: int
    next_attempt: float  # epoch seconds; 0 = now


class UploadQueue:
    def __init__(self, log: ContactLog) -> None:
        self.conn: sqlite3.Connection = log.conn
        self.path = log.path

    def prepare(self, batch_size: int) -> int:
        """Put every pending contact not yet in a batch into new batches; returns how many.

        One short transaction per batch (see kiosk/upload/batching.py); all durable on return.
        """
        with closing(read_only(self.path)) as reader:
            return sum(1 for _ in new_batches(self.conn, reader, batch_size))

    def make_durable(self) -> None:
        """Make every commit so far durable (batches made by a run killed before it synced)."""
        sync(self.conn)

    def _assign(self, batch_id: str, ids: Iterable[str]) -> None:
        self.conn.executemany(
            "INSERT INTO upload_batch_contacts (contact_id, batch_id) VALUES (?, ?)",
            ((contact_id, batch_id) for contact_id in ids),
        )

    def batches(self, *, due_by: float | None = None) -> list[Batch]:
        """Batches not held, oldest first; only those due by ``due_by`` when given."""
        rows = self.conn.execute(
            "SELECT batch_id, attempts, next_attempt FROM upload_batches "
            "WHERE held_reason IS NULL AND next_attempt <= ? ORDER BY created_at, batch_id",
            [float("inf") if due_by is None else due_by],
        )
        return [Batch(*row) for row in rows]

    def held_count(self) -> int:
        found = self.conn.execute(
            "SELECT count(*) FROM upload_batches WHERE held_reason IS NOT NULL"
        ).fetchone()
        return int(found[0])

    def pending_count(self) -> int:
        """Contacts not yet accepted, rejected ones aside (kept by the log's own triggers)."""
        found = self.conn.execute(
            "SELECT n FROM upload_counts WHERE counter = 'pending'"
        ).fetchone()
        return 0 if found is None else int(found[0])

    def next_attempt(self) -> float | None:
        """When the earliest batch not held is due (epoch seconds), or None if there is none."""
        found = self.conn.execute(
            "SELECT min(next_attempt) FROM upload_batches WHERE held_reason IS NULL"
        ).fetchone()[0]
        return None if found is None else float(found)

    def contacts_json(self, batch_id: str) -> str:
        return contacts_json(self.conn, batch_id)

    def member_ids(self, batch_id: str) -> list[str]:
        rows = self.conn.execute(
            "SELECT contact_id FROM upload_batch_contacts WHERE batch_id = ? ORDER BY contact_id",
            [batch_id],
        )
        return [row[0] for row in rows]

    def settle(
        self,
        batch_id: str,
        accepted: Iterable[str],
        rejected: dict[str, str],
        members: list[str] | None = None,
    ) -> int:
        """Record the receiver's answer; contacts it did not mention go back to pending.

        ``members``: the batch's contact ids, when the caller has them at hand. Marking a
        contact uploaded need not survive a power cut (it would only be sent again, and
        receivers deduplicate), so this commit skips the fsync a record needs.
        """
        ids = list(accepted)
        members = self.member_ids(batch_id) if members is None else members
        whole = set(ids).issuperset(members) and rejected.keys().isdisjoint(members)
        now = utc_now()
        with without_fsync(self.conn), self.conn:
            if whole:  # the usual answer: every member accepted, so no matching row by row
                done = self.conn.execute(_MARK_BATCH, [now, batch_id]).rowcount
            else:
                done = self._settle_some(batch_id, now, ids, rejected)
            self._drop(batch_id)
            self._event("last_success", f"{done} accepted, {len(rejected)} rejected")
        return int(done)

    def _settle_some(
        self, batch_id: str, now: str, accepted: list[str], rejected: dict[str, str]
    ) -> int:
        done: int = self.conn.execute(
            _MARK_BATCH + " AND id IN (SELECT value FROM json_each(?))",
            [now, batch_id, json.dumps(accepted)],
        ).rowcount
        self.conn.execute(
            "INSERT OR REPLACE INTO upload_rejected SELECT key, substr(value, 1, 500), ? "
            "FROM json_each(?) WHERE key IN (SELECT contact_id FROM upload_batch_contacts "
            "WHERE batch_id = ?)",
            [now, json.dumps(rejected), batch_id],
        )
        return done

    def retry_later(self, batch: Batch, next_attempt: float, problem: UploadProblem) -> None:
        with self.conn:
            self.conn.execute(
                "UPDATE upload_batches SET attempts = attempts + 1, next_attempt = ?, "
                "last_error = ? WHERE batch_id = ?",
                [next_attempt, problem.dumps(), batch.batch_id],
            )
            self._event("last_error", problem.dumps())

    def hold(self, batch_id: str, problem: UploadProblem) -> None:
        with self.conn:
            self.conn.execute(
                "UPDATE upload_batches SET held_reason = ?, last_error = ? WHERE batch_id = ?",
                [problem.dumps(), problem.dumps(), batch_id],
            )
            self._event("last_error", problem.dumps())

    def split(self, batch_id: str) -> bool:
        """Replace a batch the receiver found too large by two halves; False if it is one."""
        ids = self.member_ids(batch_id)
        if len(ids) < 2:
            return False
        with self.conn:
            self._drop(batch_id)
            for half in (ids[: len(ids) // 2], ids[len(ids) // 2 :]):
                new_id = str(uuid.uuid4())
                self.conn.execute(
                    "INSERT INTO upload_batches (batch_id, created_at) VALUES (?, ?)",
                    [new_id, utc_now()],
                )
                self._assign(new_id, half)
        return True

    def note_error(self, problem: UploadProblem) -> None:
        with self.conn:
            self._event("last_error", problem.dumps())

    def note_event(self, name: str, detail: str) -> None:
        with self.conn:
            self._event(name, detail)

    def event_time(self, name: str) -> str | None:
        """When the event ``name`` last happened (UTC, as stored), or None if never."""
        row = self.conn.execute("SELECT at FROM upload_events WHERE name = ?", [name]).fetchone()
        return str(row[0]) if row else None

    def requeue(self) -> tuple[int, int]:
        """Rejected contacts back to pending, held batches released; returns both counts."""
        with self.conn:
            rejected = self.conn.execute("DELETE FROM upload_rejected").rowcount
            held = self.conn.execute(
                "UPDATE upload_batches SET held_reason = NULL, next_attempt = 0 "
                "WHERE held_reason IS NOT NULL"
            ).rowcount
        return rejected, held

    def _drop(self, batch_id: str) -> None:
        self.conn.execute("DELETE FROM upload_batch_contacts WHERE batch_id = ?", [batch_id])
        self.conn.execute("DELETE FROM upload_batches WHERE batch_id = ?", [batch_id])

    def _event(self, name: str, detail: str) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO upload_events VALUES (?, ?, ?)", [name, utc_now(), detail]
        )
