"""The upload queue in the contact log: batches, rejections and the last outcomes.

A batch is written down (its id and its contacts) before it is first sent, so every retry,
also after a crash or restart, sends the same batch id with the same contacts.
"""

import json
import sqlite3
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from kiosk.contacts.codes import COLUMNS
from kiosk.contacts.contact import utc_now
from kiosk.contacts.store import ContactLog
from kiosk.upload.problems import UploadProblem

SENT_COLUMNS = tuple(c for c in COLUMNS if c != "uploaded_at")


@dataclass(frozen=True)
class Batch:
    batch_id: str
    attempts: int
    next_attempt: float  # epoch seconds; 0 = now


class UploadQueue:
    def __init__(self, log: ContactLog) -> None:
        self.conn: sqlite3.Connection = log.db.conn

    def prepare(self, batch_size: int) -> int:
        """Put every pending contact not yet in a batch into new batches; returns how many."""
        ids = self._unbatched()
        chunks = [ids[start : start + batch_size] for start in range(0, len(ids), batch_size)]
        with self.conn:
            for chunk in chunks:
                batch_id = str(uuid.uuid4())
                self.conn.execute(
                    "INSERT INTO upload_batches (batch_id, created_at) VALUES (?, ?)",
                    [batch_id, utc_now()],
                )
                self._assign(batch_id, chunk)
        return len(chunks)

    def _unbatched(self) -> list[str]:
        rows = self.conn.execute(
            "SELECT id FROM contacts WHERE uploaded_at IS NULL "
            "AND id NOT IN (SELECT contact_id FROM upload_batch_contacts) "
            "AND id NOT IN (SELECT contact_id FROM upload_rejected) "
            "ORDER BY recorded_at, id"
        )
        return [row[0] for row in rows]

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

    def next_attempt(self) -> float | None:
        """When the earliest batch not held is due (epoch seconds), or None if there is none."""
        found = self.conn.execute(
            "SELECT min(next_attempt) FROM upload_batches WHERE held_reason IS NULL"
        ).fetchone()[0]
        return None if found is None else float(found)

    def contacts_json(self, batch_id: str) -> str:
        """The batch's contacts as the document's JSON array, built by SQLite in one go."""
        fields = ", ".join(
            f"'{name}', json(c.barriers)" if name == "barriers" else f"'{name}', c.{name}"
            for name in SENT_COLUMNS
        )
        found = self.conn.execute(
            f"SELECT json_group_array(json_object({fields})) FROM (SELECT c.* FROM contacts AS c "
            "JOIN upload_batch_contacts AS b ON b.contact_id = c.id WHERE b.batch_id = ? "
            "ORDER BY c.recorded_at, c.id) AS c",
            [batch_id],
        ).fetchone()
        return str(found[0])

    def member_ids(self, batch_id: str) -> list[str]:
        rows = self.conn.execute(
            "SELECT contact_id FROM upload_batch_contacts WHERE batch_id = ? ORDER BY contact_id",
            [batch_id],
        )
        return [row[0] for row in rows]

    def settle(self, batch_id: str, accepted: Iterable[str], rejected: dict[str, str]) -> int:
        """Record the receiver's answer; contacts it did not mention go back to pending.

        Marking a contact uploaded need not survive a power cut (it would only be sent
        again, and receivers deduplicate), so this commit skips the fsync a record needs.
        """
        now = utc_now()
        with _without_fsync(self.conn), self.conn:
            done = self.conn.execute(
                "UPDATE contacts SET uploaded_at = ? WHERE id IN (SELECT contact_id FROM "
                "upload_batch_contacts WHERE batch_id = ?) AND id IN (SELECT value FROM "
                "json_each(?))",
                [now, batch_id, json.dumps(list(accepted))],
            ).rowcount
            self.conn.execute(
                "INSERT OR REPLACE INTO upload_rejected SELECT key, substr(value, 1, 500), ? "
                "FROM json_each(?) WHERE key IN (SELECT contact_id FROM upload_batch_contacts "
                "WHERE batch_id = ?)",
                [now, json.dumps(rejected), batch_id],
            )
            self._drop(batch_id)
            self._event("last_success", f"{done} accepted, {len(rejected)} rejected")
        return int(done)

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


@contextmanager
def _without_fsync(conn: sqlite3.Connection) -> Iterator[None]:
    conn.execute("PRAGMA synchronous = NORMAL")
    try:
        yield
    finally:
        conn.execute("PRAGMA synchronous = FULL")
