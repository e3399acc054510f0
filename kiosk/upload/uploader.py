"""Send the queue: every batch at least once, each retry the same batch, nothing dropped.

A round keeps one connection open. While a batch is being answered, the next batches are
made and their documents built by a worker thread (kiosk/upload/lineup.py); once a batch is
accepted, the next one goes on the wire before the accepted one is settled, so the receiver
works while we do our bookkeeping. Batches are still settled one after the other, in the
order sent, and only once their answer is in.
"""

import logging
import random
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, closing
from dataclasses import dataclass, field
from typing import Any, Protocol

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
    contradiction,
)
from kiosk.upload.documents import SCHEMA, batch_document, kiosk_status
from kiosk.upload.heartbeat import heartbeat_due, send_heartbeat
from kiosk.upload.lineup import Lineup, Ready, built
from kiosk.upload.problems import UploadProblem
from kiosk.upload.queue import Batch, UploadQueue

__all__ = ["SCHEMA", "RunReport", "Settings", "Transport", "Uploader"]

log = logging.getLogger(__name__)


class Transport(Protocol):
    takes_heartbeats: bool  # whether a batch with no contacts tells anyone anything

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
    left: int = 0  # contacts still to send once the round is over (held ones included)
    refused: str | None = None  # the credentials were refused
    heartbeat: bool = False  # nothing to send, and the receiver was told this kiosk is alive
    problems: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0 all sent; 2 some left to send later; 1 a person must act."""
        if self.refused or self.held or self.rejected:
            return 1
        return 2 if self.left or self.waiting else 0


Flight = tuple[Ready, Callable[[], Outcome]]  # a batch on the wire, and its outcome to come


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
        self._status: dict[str, Any] | None = None  # the kiosk's state, sent with each batch

    def run_once(self, *, force: bool = True) -> RunReport:
        """Send pending batches once. ``force``: also those still waiting out a backoff."""
        report = RunReport()
        self._status = kiosk_status(self.queue.conn)
        due = self._due(force, tried=set())
        if due:  # some may have been made by a run killed before it synced them
            self.queue.make_durable()
        with closing(self._lineup(due)) as lineup:
            with self.transport.session():
                self._send_all(lineup, force, report)
            lineup.make_the_rest()  # nothing pending is left outside a batch, as before
        if not report.requests and self.transport.takes_heartbeats:
            self._heartbeat(report)
        report.waiting = len(self.queue.batches())
        report.held = self.queue.held_count()
        report.left = self.queue.pending_count()
        return report

    def _heartbeat(self, report: RunReport) -> None:
        if self._status is None or not heartbeat_due(self.queue, self._clock()):
            return
        site, desk = self.settings.site, self.settings.desk
        problem = send_heartbeat(self.transport, self.queue, site, desk, self._status)
        if problem is None:
            report.heartbeat = True
        elif problem.code == "credentials_refused":
            report.refused = problem.sentence()
        else:
            report.problems.append(
                f"could not tell the receiver this kiosk is alive: {problem.sentence()}"
            )

    def _lineup(self, due: list[Batch]) -> Lineup:
        queue, size = self.queue, self.settings.batch_size
        return Lineup(queue.conn, queue.path, due, size, self._document)

    def _due(self, force: bool, tried: set[str]) -> list[Batch]:
        """The batches to send, oldest first, none tried twice in a run (split halves are new)."""
        due = self.queue.batches(due_by=None if force else self._clock())
        return [b for b in due if b.batch_id not in tried]

    def _send_all(self, lineup: Lineup, force: bool, report: RunReport) -> None:
        tried: set[str] = set()
        flight = self._launch(lineup, force, tried, report)
        while flight is not None:
            ready, outcome = flight[0], flight[1]()
            following = None
            if isinstance(outcome, Accepted):  # on the wire while this one is settled
                following = self._launch(lineup, force, tried, report)
            if not self._record(ready, outcome, report):
                return  # the network or the receiver asked us to wait: stop for now
            lineup.fill()  # make and build the next ones while the receiver works
            flight = following or self._launch(lineup, force, tried, report)

    def _launch(
        self, lineup: Lineup, force: bool, tried: set[str], report: RunReport
    ) -> Flight | None:
        """Post the next batch that still has contacts."""
        while ready := lineup.next() or self._leftover(force, tried):
            tried.add(ready.batch.batch_id)
            if ready.document is None:  # every contact purged meanwhile
                self.queue.settle(ready.batch.batch_id, [], {})
                continue
            report.requests += 1
            return ready, self._post(ready.batch, ready.document)
        return None

    def _leftover(self, force: bool, tried: set[str]) -> Ready | None:
        """Once the lineup is done: the halves of a split batch, built here and now."""
        batch = next(iter(self._due(force, tried)), None)
        if batch is None:
            return None
        return Ready(batch, built(self.queue.conn, batch.batch_id, self._document), None)

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

    def _record(self, ready: Ready, outcome: Outcome, report: RunReport) -> bool:
        batch = ready.batch
        match outcome:
            case Accepted(accepted, rejected, status):
                members = ready.members or self.queue.member_ids(batch.batch_id)
                impossible = contradiction(outcome, members)
                if impossible:
                    problem = UploadProblem("contradictory_answer", status, impossible)
                    return self._record(ready, Hold(problem), report)
                settled = self.queue.settle(batch.batch_id, accepted, rejected, members)
                report.accepted += settled
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
        site, desk = self.settings.site, self.settings.desk
        return batch_document(batch_id, contacts_json, site, desk, self._status)

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
