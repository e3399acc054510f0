"""Upload status as facts (counts, UTC times, reason codes) for the supervisor screen to word."""

import socket
import ssl
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.contacts.store import ContactLog
from kiosk.upload.answers import Answer, Hold, RetryLater, classify
from kiosk.upload.connection import describe as _describe
from kiosk.upload.problems import PROBLEM_CODES, UploadProblem
from kiosk.upload.queue import UploadQueue
from kiosk.upload.status import upload_facts, upload_status
from tests.kiosk.upload.test_http_upload import TOKEN, fill, uploader
from tests.upload_receiver import Receiver


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with Receiver(token=TOKEN, strict=True, hang_s=1.0) as running:
        yield running


@pytest.fixture
def log(data_dir: Path) -> ContactLog:
    return ContactLog.in_data_dir(data_dir)


def untrusted(why: str) -> ssl.SSLCertVerificationError:
    error = ssl.SSLCertVerificationError(1, why)
    error.verify_message = why  # what ssl sets when a handshake fails
    return error


def retry_problem(answer: Answer) -> UploadProblem:
    outcome = classify(answer)
    assert isinstance(outcome, RetryLater)
    return outcome.problem


def held_problem(answer: Answer) -> UploadProblem:
    outcome = classify(answer)
    assert isinstance(outcome, Hold)
    return outcome.problem


def test_a_fresh_log_has_nothing_sent_and_no_events(log: ContactLog) -> None:
    fill(log, 2)
    facts = upload_facts(log)
    assert (facts.pending, facts.sent, facts.rejected, facts.held) == (2, 0, {}, [])
    assert (facts.last_success, facts.last_error, facts.next_attempt) == (None, None, None)


def test_a_success_is_counted_with_its_time(log: ContactLog, receiver: Receiver) -> None:
    fill(log, 4)
    receiver.reject_if = lambda c: "unknown site" if c["staff"] == "S1" else None
    uploader(log, receiver).run_once()
    facts = upload_facts(log)
    assert (facts.pending, facts.sent, facts.rejected) == (0, 3, {"unknown site": 1})
    assert facts.last_success is not None
    assert (facts.last_success.accepted, facts.last_success.rejected) == (3, 1)
    assert facts.last_success.at.tzinfo == UTC
    assert abs((datetime.now(UTC) - facts.last_success.at).total_seconds()) < 60


def test_a_held_batch_carries_the_status_and_the_receivers_words(
    log: ContactLog, receiver: Receiver
) -> None:
    fill(log, 3)
    receiver.force("400")
    uploader(log, receiver).run_once()
    facts = upload_facts(log)
    [held] = facts.held
    assert held.contacts == 3
    assert held.batch_id == upload_status(log).held[0][0]
    assert (held.problem.code, held.problem.http_status) == ("http_status", 400)
    assert held.problem.detail == upload_status(log).held[0][2].split(": ", 1)[1]
    assert facts.last_error is not None
    assert facts.last_error.problem == held.problem


def test_refused_credentials_are_a_code_not_a_sentence(
    log: ContactLog, receiver: Receiver
) -> None:
    fill(log, 2)
    uploader(log, receiver, token="wrong").run_once()
    last_error = upload_facts(log).last_error
    assert last_error is not None
    assert last_error.problem == UploadProblem("credentials_refused", 401)


def test_a_batch_waiting_out_a_backoff_has_its_next_attempt(
    log: ContactLog, receiver: Receiver
) -> None:
    fill(log, 2)
    receiver.force("503_retry_after")
    uploader(log, receiver).run_once()
    facts = upload_facts(log)
    assert facts.next_attempt is not None
    assert facts.next_attempt > datetime.now(UTC)
    assert facts.next_attempt.strftime("%Y-%m-%dT%H:%M:%SZ") == upload_status(log).next_attempt
    assert facts.last_error is not None
    assert facts.last_error.problem == UploadProblem("http_status", 503)


@pytest.mark.parametrize(
    ("made", "expected"),
    [
        (retry_problem(Answer(503)), UploadProblem("http_status", 503)),
        (retry_problem(Answer(200, body=b"<html>")), UploadProblem("bad_answer", 200)),
        (
            held_problem(Answer(422, body=b"desk 'desk-9' is not known")),
            UploadProblem("http_status", 422, "desk 'desk-9' is not known"),
        ),
        (_describe(TimeoutError()), UploadProblem("timeout")),
        (_describe(ConnectionRefusedError()), UploadProblem("connection_refused")),
        (_describe(socket.gaierror()), UploadProblem("name_not_found")),
        (
            _describe(untrusted("self-signed certificate")),
            UploadProblem("certificate", detail="self-signed certificate"),
        ),
        (_describe(OSError("boom")), UploadProblem("no_answer", detail="OSError: boom")),
    ],
)
def test_each_producer_gives_its_code_and_it_is_kept_as_it_was(
    made: UploadProblem, expected: UploadProblem
) -> None:
    assert made == expected
    assert expected.code in PROBLEM_CODES
    assert UploadProblem.loads(made.dumps()) == made
    assert UploadProblem.loads(made.sentence()) == made  # the English reads back the same


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        ("HTTP 503", UploadProblem("http_status", 503)),
        ("HTTP 200 with an answer that is not the agreed one", UploadProblem("bad_answer", 200)),
        (
            "HTTP 422: desk 'desk-9' is not known",
            UploadProblem("http_status", 422, "desk 'desk-9' is not known"),
        ),
        (
            "the upload credentials were refused (HTTP 401); nothing is lost: check the token",
            UploadProblem("credentials_refused", 401),
        ),
        ("one contact is too large for the receiver", UploadProblem("too_large")),
        ("the endpoint did not answer in time", UploadProblem("timeout")),
        (
            "could not write to /mnt/share: full",
            UploadProblem("folder_unwritable", None, "/mnt/share: full"),
        ),
        ("the moon is in the way", UploadProblem("other", detail="the moon is in the way")),
        ('{"code": "no such code"}', UploadProblem("other", detail='{"code": "no such code"}')),
    ],
)
def test_sentences_an_earlier_kiosk_stored_are_read_as_codes(
    stored: str, expected: UploadProblem
) -> None:
    assert UploadProblem.loads(stored) == expected


def test_a_log_from_an_earlier_kiosk_shows_its_held_batch(log: ContactLog) -> None:
    fill(log, 2)
    queue = UploadQueue(log)
    queue.prepare(10)
    [batch] = queue.batches()
    log.db.execute(
        "UPDATE upload_batches SET held_reason = ? WHERE batch_id = ?",
        ["HTTP 400: schema unknown", batch.batch_id],
    )
    log.db.conn.commit()
    [held] = upload_facts(log).held
    assert held.problem == UploadProblem("http_status", 400, "schema unknown")
    assert upload_status(log).held == [(batch.batch_id, 2, "HTTP 400: schema unknown")]


# What the status may read from end to end: tables with a row per counter or per event, and
# the index of held batches (listing them is the point). Everything else grows with the log.
BOUNDED = {"upload_counts", "upload_events"}
HELD_INDEX = "upload_batches_held"


def test_the_status_reads_no_table_that_grows_with_the_log(log: ContactLog) -> None:
    """The touchscreen asks on its GUI thread every 10 s: no statement may scan the log."""
    fill(log, 5000)
    queue = UploadQueue(log)
    queue.prepare(500)
    first, second, third, *_ = queue.batches()
    members = queue.member_ids(first.batch_id)
    queue.settle(first.batch_id, members[100:], dict.fromkeys(members[:100], "unknown site"))
    queue.hold(second.batch_id, UploadProblem("http_status", 400))
    queue.retry_later(third, 2e9, UploadProblem("timeout"))
    statements: list[str] = []
    log.conn.set_trace_callback(statements.append)
    facts = upload_facts(log)
    log.conn.set_trace_callback(None)
    assert (facts.pending, facts.sent, facts.rejected) == (4500, 400, {"unknown site": 100})
    assert [held.contacts for held in facts.held] == [500]
    scans = [
        f"{sql}: {step}"
        for sql in statements
        for *_, step in log.conn.execute(f"EXPLAIN QUERY PLAN {sql}")
        if step.startswith("SCAN ") and step.split()[1] not in BOUNDED and HELD_INDEX not in step
    ]
    assert statements
    assert scans == []
