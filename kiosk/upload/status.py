"""Where the upload stands, for supervisors and IT: nothing piles up unseen."""

import re
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


# -- the same, as facts: counts, UTC times and reason codes for a screen to put into words ------

# What a held batch or the last error came to, as a code; ``UploadProblem.detail`` keeps the
# words that came with it (the receiver's explanation, the network's error), never a sentence.
PROBLEM_CODES = (
    "http_status",  # the receiver answered with an HTTP error status (and perhaps words)
    "bad_answer",  # the receiver said yes, but not in the agreed form
    "credentials_refused",  # the upload token was refused (401 or 403)
    "too_large",  # one contact is larger than the receiver takes
    "certificate",  # the endpoint's TLS certificate was not trusted
    "timeout",  # the endpoint did not answer in time
    "connection_refused",  # nothing listening at the endpoint
    "name_not_found",  # the endpoint's name did not resolve (no network?)
    "no_answer",  # any other network failure
    "other",  # words the core does not recognise: shown as they are
)
# The sentences kiosk/upload/{answers,transport,uploader}.py record, read back into codes.
_PROBLEM_PATTERNS = (
    ("bad_answer", re.compile(r"HTTP (\d{3}) with an answer that is not the agreed one")),
    ("http_status", re.compile(r"HTTP (\d{3})(?:: (.*))?", re.DOTALL)),
    ("credentials_refused", re.compile(r"the upload credentials were refused \(HTTP (\d{3})\).*")),
    ("too_large", re.compile(r"one contact is too large for the receiver")),
    ("certificate", re.compile(r"the endpoint's certificate was not trusted \((.*)\)", re.DOTALL)),
    ("timeout", re.compile(r"the endpoint did not answer in time")),
    ("connection_refused", re.compile(r"the endpoint refused the connection")),
    ("name_not_found", re.compile(r"the endpoint's name could not be found.*")),
    ("no_answer", re.compile(r"no answer from the endpoint \((.*)\)", re.DOTALL)),
)
_SUCCESS = re.compile(r"(\d+) accepted, (\d+) rejected")


@dataclass(frozen=True)
class UploadProblem:
    code: str  # one of PROBLEM_CODES
    http_status: int | None = None
    detail: str = ""  # the receiver's or the network's own words, if any


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
    return facts_of(upload_status(log))


def facts_of(status: UploadStatus) -> UploadFacts:
    """``status`` as counts, times and reason codes (``lines`` is the same in English)."""
    return UploadFacts(
        pending=status.pending,
        sent=status.sent,
        rejected=dict(status.rejected),
        held=[HeldBatch(b, n, problem_of(reason)) for b, n, reason in status.held],
        last_success=_success(status.last_success),
        last_error=_error(status.last_error),
        next_attempt=_parse_utc(status.next_attempt) if status.next_attempt else None,
    )


def problem_of(words: str) -> UploadProblem:
    """The code for a reason the upload recorded, with the status and words it carried."""
    for code, pattern in _PROBLEM_PATTERNS:
        found = pattern.fullmatch(words.strip())
        if found:
            return _problem(code, found.groups())
    return UploadProblem("other", detail=words)


def _problem(code: str, groups: tuple[str | None, ...]) -> UploadProblem:
    words = [group for group in groups if group is not None]
    if code in {"bad_answer", "http_status", "credentials_refused"}:
        status, *rest = words
        return UploadProblem(code, int(status), rest[0] if rest else "")
    return UploadProblem(code, detail=words[0] if words else "")


def _success(event: tuple[str, str] | None) -> LastSuccess | None:
    if event is None:
        return None
    counts = _SUCCESS.fullmatch(event[1])
    accepted, rejected = (int(counts[1]), int(counts[2])) if counts else (None, None)
    return LastSuccess(_parse_utc(event[0]), accepted, rejected)


def _error(event: tuple[str, str] | None) -> LastError | None:
    return None if event is None else LastError(_parse_utc(event[0]), problem_of(event[1]))


def _parse_utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)
