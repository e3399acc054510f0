"""Send the queue: every batch at least once, each retry the same batch, nothing dropped."""

import json
import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from kiosk import __version__
from kiosk.contacts.contact import utc_now
from kiosk.contacts.store import ContactLog
from kiosk.upload.answers import (
    Accepted,
    Answer,
    Hold,
    Refused,
    RetryLater,
    TooLarge,
    TransportError,
    backoff,
    classify,
)
from kiosk.upload.problems import UploadProblem
from kiosk.upload.queue import Batch, UploadQueue

log = logging.getLogger(__name__)
SCHEMA = "assisted-digital-contacts/1"


class Transport(Protocol):
    def send(self, batch_id: str, document: bytes) -> Answer: ...


@dataclass(frozen=True)
class Settings:
    site: str
    desk: str
    batch_size: int = 500
    backoff_base: float = 30.0
    backoff_cap: float = 3600.0


@dataclass
class RunReport:
    accepted: int = 0
    rejected: int = 0
    requests: int = 0
    waiting: int = 0  # batches left to try again later
    held: int = 0  # batches held for a person to look at
    refused: str | None = None  # the credentials were refused
    problems: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0 all sent; 2 some left to retry later; 1 a person must act."""
        if self.refused or self.held:
            return 1
        return 2 if self.waiting else 0


class Uploader:
    def __init__(
        self,
        contact_log: ContactLog,
        transport: Transport,
        settings: Settings,
        *,
        rng: random.Random | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.queue = UploadQueue(contact_log)
        self.transport, self.settings = transport, settings
        self._rng, self._clock = rng or random.Random(), clock

    def run_once(self, *, force: bool = True) -> RunReport:
        """Send pending batches once. ``force``: also those still waiting out a backoff."""
        report = RunReport()
        self.queue.prepare(self.settings.batch_size)
        tried: set[str] = set()
        while batch := self._next(tried, force):
            tried.add(batch.batch_id)
            if not self._send(batch, report):
                break  # the network or the receiver asked us to wait: stop for now
        report.waiting = len(self.queue.batches())
        report.held = self.queue.held_count()
        return report

    def _next(self, tried: set[str], force: bool) -> Batch | None:
        """The oldest batch not yet tried in this run (halves of a split batch included)."""
        due = self.queue.batches(due_by=None if force else self._clock())
        return next((b for b in due if b.batch_id not in tried), None)

    def _send(self, batch: Batch, report: RunReport) -> bool:
        """Send one batch and record the outcome; False when this run should stop."""
        contacts = self.queue.contacts_json(batch.batch_id)
        if contacts == "[]":  # every contact purged meanwhile
            self.queue.settle(batch.batch_id, [], {})
            return True
        document = self._document(batch.batch_id, contacts)
        report.requests += 1
        try:
            outcome = classify(self.transport.send(batch.batch_id, document))
        except TransportError as failure:
            outcome = RetryLater(failure.problem, None)
        return self._record(batch, outcome, report)

    def _record(self, batch: Batch, outcome: object, report: RunReport) -> bool:
        match outcome:
            case Accepted(accepted, rejected):
                report.accepted += self.queue.settle(batch.batch_id, accepted, rejected)
                report.rejected += len(rejected)
                return True
            case RetryLater(problem, retry_after):
                wait = backoff(batch.attempts, *self._backoff(), self._rng)
                wait = max(wait, retry_after or 0.0)
                self.queue.retry_later(batch, self._clock() + wait, problem)
                report.problems.append(f"{problem.sentence()}; trying again in {wait:.0f} s")
                return False
            case Refused(status):
                refused = UploadProblem("credentials_refused", status)
                report.refused = refused.sentence()
                self.queue.note_error(refused)
                return False
            case TooLarge():
                if not self.queue.split(batch.batch_id):
                    self.queue.hold(batch.batch_id, UploadProblem("too_large"))
                return True
            case Hold(problem):
                self.queue.hold(batch.batch_id, problem)
                report.problems.append(f"batch {batch.batch_id} held: {problem.sentence()}")
                return True
        raise AssertionError(outcome)

    def _backoff(self) -> tuple[float, float]:
        return self.settings.backoff_base, self.settings.backoff_cap

    def _document(self, batch_id: str, contacts_json: str) -> bytes:
        source = {"site": self.settings.site, "desk": self.settings.desk}
        envelope = {
            "schema": SCHEMA,
            "batch_id": batch_id,
            "sent_at": utc_now(),
            "source": source | {"app_version": __version__},
        }
        head = json.dumps(envelope, ensure_ascii=False)[:-1]  # without the closing brace
        return f'{head}, "contacts": {contacts_json}}}'.encode()

    def run_forever(self, stop: threading.Event, poll_s: float = 30.0) -> None:
        """Keep the queue moving until ``stop`` is set, following the backoff."""
        while not stop.is_set():
            try:
                report = self.run_once(force=False)
            except Exception:
                log.exception("upload round failed; trying again later")
                report = RunReport(refused="unexpected failure")
            stop.wait(self._pause(report, poll_s))

    def _pause(self, report: RunReport, poll_s: float) -> float:
        if report.refused:
            return self.settings.backoff_cap
        due = self.queue.next_attempt()
        if due is None:
            return poll_s
        return min(poll_s, max(0.05, due - self._clock()))
