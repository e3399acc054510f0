"""Telling the council's hub that this kiosk is alive when it has nothing to send.

A round that sent no batch still posts, at most every ``HEARTBEAT_S``, a batch with no
contacts and the kiosk's status (``contacts`` may be empty: docs/upload-api.yaml), so the
hub's Kiosks page can tell a quiet desk from a dead one. A shared folder gets none: nobody
reads a folder's files as a sign of life.
"""

import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any, Final, Protocol

from kiosk.upload.answers import (
    Accepted,
    Answer,
    Hold,
    Outcome,
    Refused,
    RetryLater,
    TooLarge,
    TransportError,
    classify,
)
from kiosk.upload.documents import batch_document
from kiosk.upload.problems import UploadProblem
from kiosk.upload.queue import UploadQueue

HEARTBEAT_S: Final = 300.0  # "at most every few minutes"
EVENT: Final = "last_heartbeat"


class Poster(Protocol):
    def session(self) -> AbstractContextManager[None]: ...

    def post(self, batch_id: str, document: bytes) -> Callable[[], Answer]: ...


def heartbeat_due(queue: UploadQueue, now: float) -> bool:
    """Whether the receiver has heard nothing from this kiosk for ``HEARTBEAT_S``."""
    heard = [queue.event_time(name) for name in ("last_success", EVENT)]
    latest = max((_seconds(at) for at in heard if at is not None), default=None)
    return latest is None or not 0 <= now - latest < HEARTBEAT_S  # a clock set back: due


def send_heartbeat(
    transport: Poster, queue: UploadQueue, site: str, desk: str, status: dict[str, Any]
) -> UploadProblem | None:
    """Post one heartbeat; the problem (also kept as the last error), or None when the
    receiver said yes to it."""
    batch_id = str(uuid.uuid4())
    document = batch_document(batch_id, "[]", site, desk, status)
    problem = _problem(_post(transport, batch_id, document))
    if problem is None:
        queue.note_event(EVENT, "")
    else:
        queue.note_error(problem)
    return problem


def _post(transport: Poster, batch_id: str, document: bytes) -> Outcome:
    try:
        with transport.session():
            return classify(transport.post(batch_id, document)())
    except TransportError as failure:
        return RetryLater(failure.problem, None)


def _problem(outcome: Outcome) -> UploadProblem | None:
    match outcome:
        case Accepted(accepted, rejected, status):
            if not accepted and not rejected:
                return None
            return UploadProblem("contradictory_answer", status, "names contacts none were sent")
        case RetryLater(problem, _) | Hold(problem):
            return problem
        case Refused(status):
            return UploadProblem("credentials_refused", status)
        case TooLarge():
            return UploadProblem("too_large")
    raise AssertionError(outcome)


def _seconds(stamp: str) -> float:
    return datetime.fromisoformat(stamp).timestamp()
