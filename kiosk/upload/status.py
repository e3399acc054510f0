"""Where the upload stands, for supervisors and IT: nothing piles up unseen."""

from dataclasses import dataclass
from datetime import UTC, datetime

from kiosk.contacts.store import ContactLog


@dataclass(frozen=True)
class UploadStatus:
    pending: int  # not yet accepted by the central system, rejected ones aside
    sent: int
    rejected: dict[str, int]  # reason -> contacts
    held: list[tuple[str, int, str]]  # batch id, contacts, reason
    last_success: tuple[str, str] | None  # when, what
    last_error: tuple[str, str] | None
    next_attempt: str | None  # UTC, when a batch waiting out a backoff is due

    def lines(self) -> list[str]:
        found = [f"pending: {self.pending}", f"sent: {self.sent}"]
        found.append(f"rejected: {sum(self.rejected.values())}")
        found += [f"  {count} x {reason}" for reason, count in self.rejected.items()]
        found.append(f"held batches: {len(self.held)}")
        found += [f"  {batch} ({count} contacts): {reason}" for batch, count, reason in self.held]
        found.append(_event("last success", self.last_success))
        found.append(_event("last error", self.last_error))
        found.append(f"next attempt: {self.next_attempt or 'now, or when new contacts arrive'}")
        return found


def _event(label: str, event: tuple[str, str] | None) -> str:
    return f"{label}: {event[0]} ({event[1]})" if event else f"{label}: never"


def upload_status(log: ContactLog) -> UploadStatus:
    conn = log.db.conn
    pending, sent = conn.execute(
        "SELECT total(uploaded_at IS NULL AND id NOT IN (SELECT contact_id FROM upload_rejected)),"
        " total(uploaded_at IS NOT NULL) FROM contacts"
    ).fetchone()
    rejected = dict(
        conn.execute(
            "SELECT reason, count(*) FROM upload_rejected GROUP BY reason ORDER BY 2 DESC"
        ).fetchall()
    )
    held = conn.execute(
        "SELECT b.batch_id, count(c.contact_id), b.held_reason FROM upload_batches b "
        "JOIN upload_batch_contacts c USING (batch_id) WHERE b.held_reason IS NOT NULL "
        "GROUP BY b.batch_id ORDER BY b.created_at"
    ).fetchall()
    events = {
        name: (at, detail)
        for name, at, detail in conn.execute("SELECT name, at, detail FROM upload_events")
    }
    due = conn.execute(
        "SELECT max(min(next_attempt), 0) FROM upload_batches WHERE held_reason IS NULL"
    ).fetchone()[0]
    return UploadStatus(
        pending=int(pending),
        sent=int(sent),
        rejected=rejected,
        held=[tuple(row) for row in held],
        last_success=events.get("last_success"),
        last_error=events.get("last_error"),
        next_attempt=_when(due),
    )


def _when(epoch: float | None) -> str | None:
    if not epoch:
        return None
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
