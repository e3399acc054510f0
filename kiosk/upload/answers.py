"""What the receiver's answer means for a batch, and when to try again."""

import json
import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from kiosk.redact import scrub, shown_address
from kiosk.upload.problems import UploadProblem


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str] = field(default_factory=dict)  # names in lower case
    body: bytes = b""


class TransportError(Exception):
    """No answer at all (network, TLS, timeout): always worth trying again later."""

    def __init__(self, problem: UploadProblem) -> None:
        super().__init__(problem.sentence())
        self.problem = problem


RETRY_STATUSES = frozenset({408, 425, 429}) | frozenset(range(500, 600))


@dataclass(frozen=True)
class Accepted:
    accepted: list[str]
    rejected: dict[str, str]
    status: int = 200


@dataclass(frozen=True)
class RetryLater:
    problem: UploadProblem
    retry_after: float | None  # seconds, when the receiver said


@dataclass(frozen=True)
class Refused:
    status: int


@dataclass(frozen=True)
class TooLarge:
    pass


@dataclass(frozen=True)
class Hold:
    problem: UploadProblem


Outcome = Accepted | RetryLater | Refused | TooLarge | Hold


def classify(answer: Answer) -> Outcome:
    status = answer.status
    if 200 <= status < 300:
        body = parse_body(answer.body)
        if body is None:
            return RetryLater(UploadProblem("bad_answer", status), None)
        return Accepted(body.accepted, body.rejected, status)
    if status in RETRY_STATUSES:
        wait = retry_after(answer.headers.get("retry-after"))
        return RetryLater(UploadProblem("http_status", status), wait)
    if 300 <= status < 400:  # never followed: the token must not go anywhere else
        return Hold(UploadProblem("redirected", status, redirect_target(answer)))
    if status in (401, 403):
        return Refused(status)
    if status == 413:
        return TooLarge()
    return Hold(UploadProblem("http_status", status, _snippet(answer.body)))


def redirect_target(answer: Answer) -> str:
    """Where a 3xx answer points, as it may be shown (no password, no query values)."""
    return shown_address(answer.headers.get("location", "")) or "an address not given"


def parse_body(body: bytes) -> Accepted | None:
    """``{"accepted": [ids], "rejected": [{"id", "reason"}]}``, or None if it is not that."""
    try:
        data = json.loads(body)
        accepted, rejections = data["accepted"], data.get("rejected", [])
        rejected = {str(r["id"]): scrub(str(r["reason"])) for r in rejections}  # kept, shown
    except (ValueError, LookupError, TypeError, AttributeError, RecursionError):
        return None  # RecursionError: JSON nested deeper than Python's parser goes
    if not isinstance(accepted, list) or not all(isinstance(i, str) for i in accepted):
        return None
    return Accepted(accepted, rejected)


def contradiction(answer: Accepted, sent: Iterable[str]) -> str | None:
    """What makes an answer impossible for the batch sent, or None when it adds up."""
    members = set(sent)
    both = answer.rejected.keys() & set(answer.accepted)
    if both:
        return f"says {len(both)} contact(s) were both accepted and rejected"
    strangers = (set(answer.accepted) | answer.rejected.keys()) - members
    if strangers:
        return f"names {len(strangers)} contact(s) that were not in the batch"
    return None


def retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: a number, or an HTTP date."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def backoff(attempts: int, base: float, cap: float, rng: random.Random) -> float:
    """Exponential backoff with full jitter: anywhere from 0 to min(cap, base x 2^attempts)."""
    return rng.uniform(0, min(cap, base * 2 ** min(attempts, 30)))


def _snippet(body: bytes) -> str:
    text = scrub(body.decode("utf-8", errors="replace").strip().replace("\n", " "))
    return text[:200] or "no explanation given"
