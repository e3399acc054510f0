"""Where the upload stands, for supervisors and IT: nothing piles up unseen."""

import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from kiosk.contacts.store import ContactLog
from kiosk.upload.problems import PROBLEM_CODES, UploadProblem

__all__ = ["PROBLEM_CODES", "UploadFacts", "UploadProblem", "upload_facts", "upload_status"]


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
    """The status in English: each stored problem as its sentence."""
    stored = _stored_status(log)
    held = [(batch, count, _sentence(problem)) for batch, count, problem in stored.held]
    error = stored.last_error
    return replace(
        stored,
        held=held,
        last_error=(error[0], _sentence(error[1])) if error else None,
    )


def _sentence(stored: str) -> str:
    return UploadProblem.loads(stored).sentence()


def _stored_status(log: ContactLog) -> UploadStatus:
    """The status with problems as the upload tables keep them (see kiosk/upload/problems.py).

    Every query here reads a counter or an index, never the log itself: the touchscreen runs
    it on its GUI thread (see the upload_counts triggers in kiosk/contacts/migrations.py).
    """
    conn = log.conn
    counts: dict[str, int] = {}
    rejected: dict[str, int] = {}
    for counter, reason, n in conn.execute(
        "SELECT counter, reason, n FROM upload_counts WHERE n != 0 ORDER BY n DESC, reason"
    ):
        if counter == "rejected":
            rejected[reason] = n
        else:
            counts[counter] = n
    held = conn.execute(
        "SELECT b.batch_id, (SELECT count(*) FROM upload_batch_contacts AS c "
        "WHERE c.batch_id = b.batch_id), b.held_reason FROM upload_batches AS b "
        "WHERE b.held_reason IS NOT NULL ORDER BY b.created_at"
    ).fetchall()
    events = {
        name: (at, detail)
        for name, at, detail in conn.execute("SELECT name, at, detail FROM upload_events")
    }
    due = conn.execute(
        "SELECT min(next_attempt) FROM upload_batches WHERE held_reason IS NULL"
    ).fetchone()[0]
    return UploadStatus(
        pending=counts.get("pending", 0),
        sent=counts.get("sent", 0),
        rejected=rejected,
        held=[tuple(row) for row in held],
        last_success=events.get("last_success"),
        last_error=events.get("last_error"),
        next_attempt=_when(max(due, 0) if due is not None else None),
    )


_LATEST = datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)


def _when(epoch: float | None) -> str | None:
    """The stored epoch as UTC; a time past what a date can hold (a next try computed from an
    absurd backoff before the config had bounds) shows as the last second of year 9999."""
    if not epoch:
        return None
    if not epoch < _LATEST.timestamp():  # also inf and nan
        return _LATEST.strftime("%Y-%m-%dT%H:%M:%SZ")
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# -- the same, as facts: counts, UTC times and reason codes for a screen to put into words ------

_SUCCESS = re.compile(r"(\d+) accepted, (\d+) rejected")


@dataclass(frozen=True)
class HeldBatch:
    batch_id: str
    contacts: int
    problem: UploadProblem


@dataclass(frozen=True)
class LastSuccess:
    at: datetime  # UTC
    accepted: int | None  # contacts the receiver took in that batch (None: not recorded)
    rejected: int | None


@dataclass(frozen=True)
class LastError:
    at: datetime  # UTC
    problem: UploadProblem


@dataclass(frozen=True)
class UploadFacts:
    pending: int
    sent: int
    rejected: dict[str, int]  # the receiver's reason, in its own words -> contacts
    held: list[HeldBatch]
    last_success: LastSuccess | None
    last_error: LastError | None
    next_attempt: datetime | None  # UTC; None: now, or as soon as new contacts arrive


def upload_facts(log: ContactLog) -> UploadFacts:
    """The status as counts, UTC times and problem codes, for a screen to put into words."""
    status = _stored_status(log)
    return UploadFacts(
        pending=status.pending,
        sent=status.sent,
        rejected=dict(status.rejected),
        held=[HeldBatch(b, n, UploadProblem.loads(problem)) for b, n, problem in status.held],
        last_success=_success(status.last_success),
        last_error=_error(status.last_error),
        next_attempt=_parse_utc(status.next_attempt) if status.next_attempt else None,
    )


def _success(event: tuple[str, str] | None) -> LastSuccess | None:
    if event is None:
        return None
    counts = _SUCCESS.fullmatch(event[1])
    accepted, rejected = (int(counts[1]), int(counts[2])) if counts else (None, None)
    return LastSuccess(_parse_utc(event[0]), accepted, rejected)


def _error(event: tuple[str, str] | None) -> LastError | None:
    return (
        None if event is None else LastError(_parse_utc(event[0]), UploadProblem.loads(event[1]))
    )


def _parse_utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)
