import random
from datetime import UTC, datetime

import pytest

from kiosk.upload.answers import (
    Accepted,
    Hold,
    Refused,
    RetryLater,
    TooLarge,
    backoff,
    classify,
    retry_after,
)
from kiosk.upload.problems import UploadProblem
from kiosk.upload.transport import Answer

GOOD = b'{"accepted": ["a", "b"], "rejected": [{"id": "c", "reason": "unknown service"}]}'


def test_a_2xx_with_the_agreed_body_accepts_and_rejects() -> None:
    assert classify(Answer(200, body=GOOD)) == Accepted(["a", "b"], {"c": "unknown service"})


@pytest.mark.parametrize("body", [b"", b"OK", b"[]", b'{"accepted": "a"}', b'{"ok": true}'])
def test_a_2xx_with_any_other_body_is_tried_again(body: bytes) -> None:
    assert isinstance(classify(Answer(200, body=body)), RetryLater)


@pytest.mark.parametrize("status", [408, 425, 429, 500, 502, 503, 504])
def test_temporary_failures_are_tried_again(status: int) -> None:
    outcome = classify(Answer(status, {"retry-after": "120"}))
    assert outcome == RetryLater(UploadProblem("http_status", status), 120.0)


def test_credentials_refused_too_large_and_other_client_errors() -> None:
    assert classify(Answer(401)) == Refused(401)
    assert classify(Answer(403)) == Refused(403)
    assert classify(Answer(413)) == TooLarge()
    held = Hold(UploadProblem("http_status", 400, "schema unknown"))
    assert classify(Answer(400, body=b"schema unknown")) == held


def test_retry_after_in_seconds_or_as_an_http_date() -> None:
    now = datetime(2026, 11, 27, 10, 0, 0, tzinfo=UTC)
    assert retry_after("30", now) == 30
    assert retry_after("Fri, 27 Nov 2026 10:01:30 GMT", now) == 90
    assert retry_after("Fri, 27 Nov 2026 09:00:00 GMT", now) == 0
    assert retry_after("soon", now) is None
    assert retry_after(None, now) is None


def test_backoff_is_full_jitter_below_a_doubling_cap() -> None:
    rng = random.Random(1)
    waits = [backoff(attempt, 30, 3600, rng) for attempt in range(12) for _ in range(50)]
    assert all(0 <= w <= 3600 for w in waits)
    first = [backoff(0, 30, 3600, rng) for _ in range(200)]
    assert max(first) <= 30
    assert min(first) < 5  # full jitter: sometimes almost at once
    assert max(backoff(20, 30, 3600, rng) for _ in range(200)) > 3000
