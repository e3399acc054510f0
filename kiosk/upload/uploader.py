"""Send the queue: every batch at least once, each retry the same batch, nothing dropped.

A round keeps one connection open. While a batch is being answered, the next document is
built on a worker thread; once a batch is accepted, the next one goes on the wire before
the accepted one is settled, so the receiver works while we do our bookkeeping. Batches
are still settled one after the other, in order, and only once their answer is in.
"""

import logging
import random
import threading
import time
from collections import deque
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Protocol

from kiosk.contacts.store import ContactLog
from kiosk.upload.answers import (
    Accepted,
    Answer,
    Hold,
    Outcome,
    Refused,
    RetryLater,
    TooLarge,
    TransportError,
    backoff,
    classify,
)
from kiosk.upload.documents import SCHEMA, DocumentsAhead, batch_document
from kiosk.upload.problems import UploadProblem
from kiosk.upload.queue import Batch, UploadQueue

__all__ = ["SCHEMA", "RunReport", "Settings", "Transport", "Uploader"]

log = logging.getLogger(__name__)


class Transport(Protocol):
    def session(self) -> AbstractContextManager[None]: ...

    def post(self, batch_id: str, document: bytes) -> Callable[[], Answer]: ...


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


Flight = tuple[Batch, Callable[[], Outcome]]  # a batch on the wire, and its outcome to come


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
        if upcoming := self._due(force, tried=set()):
            documents = DocumentsAhead(self.queue.path, self._document)
            with self.transport.session(), documents:
                self._send_all(upcoming, documents, force, report)
        report.waiting = len(self.queue.batches())
        report.held = self.queue.held_count()
        return report

    def _due(self, force: bool, tried: set[str]) -> deque[Batch]:
        """The batches to send, oldest first, none tried twice in a run (split halves are new)."""
        due = self.queue.batches(due_by=None if force else self._clock())
        return deque(b for b in due if b.batch_id not in tried)

    def _send_all(
        self, upcoming: deque[Batch], documents: DocumentsAhead, force: bool, report: RunReport
    ) -> None:
        tried: set[str] = set()
        flight = self._launch(upcoming, documents, report)
        while flight is not None:
            batch, outcome = flight[0], flight[1]()
            tried.add(batch.batch_id)
            following = None
            if isinstance(outcome, Accepted):  # on the wire while this one is settled
                following = self._launch(upcoming, documents, report)
            if not self._record(batch, outcome, report):
                return  # the network or the receiver asked us to wait: stop for now
            if isinstance(outcome, TooLarge):
                upcoming = self._due(force, tried)  # the halves go in this run too
            flight = following or self._launch(upcoming, documents, report)

    def _launch(
        self, upcoming: deque[Batch], documents: DocumentsAhead, report: RunReport
    ) -> Flight | None:
        """Post the next batch that still has contacts, and start building the one after."""
        while upcoming:
            batch = upcoming.popleft()
            document = documents.get(batch.batch_id)
            if upcoming:
                documents.build_ahead(upcoming[0].batch_id)
            if document is None:  # every contact purged meanwhile
                self.queue.settle(batch.batch_id, [], {})
                continue
            report.requests += 1
            return batch, self._post(batch, document)
        return None

    def _post(self, batch: Batch, document: bytes) -> Callable[[], Outcome]:
        try:
            answer = self.transport.post(batch.batch_id, document)
        except TransportError as failure:
            retry = RetryLater(failure.problem, None)
            return lambda: retry

        def outcome() -> Outcome:
            try:
                return classify(answer())
            except TransportError as failure:
                return RetryLater(failure.problem, None)

        return outcome

    def _record(self, batch: Batch, outcome: Outcome, report: RunReport) -> bool:
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
        return batch_document(batch_id, contacts_json, self.settings.site, self.settings.desk)

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
