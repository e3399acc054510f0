"""The uploader against the reference receiver on 127.0.0.1, fault by fault."""

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.contacts.contact import Contact
from kiosk.contacts.store import ContactLog
from kiosk.upload.queue import UploadQueue
from kiosk.upload.status import upload_status
from kiosk.upload.transport import HttpTransport
from kiosk.upload.uploader import Settings, Uploader
from tests.kiosk.contacts.helpers import contact
from tests.upload_receiver import Receiver

TOKEN = "t0k3n-never-shown"


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with Receiver(token=TOKEN, strict=True, hang_s=1.0) as running:
        yield running
    assert running.stored_twice == []
    assert running.batch_conflicts == []
    assert running.errors == []


@pytest.fixture
def log(data_dir: Path) -> ContactLog:
    return ContactLog.in_data_dir(data_dir)


def fill(log: ContactLog, count: int) -> list[Contact]:
    made = [contact(staff=f"S{n % 7}") for n in range(count)]
    log.record_many(made)
    return made


def uploader(log: ContactLog, receiver: Receiver, token: str = TOKEN, size: int = 10) -> Uploader:
    transport = HttpTransport(receiver.url, token, timeout=0.5)
    settings = Settings("main-office", "desk-1", size, backoff_base=0.01, backoff_cap=0.05)
    return Uploader(log, transport, settings)


def test_everything_pending_is_accepted_and_marked(log: ContactLog, receiver: Receiver) -> None:
    made = fill(log, 25)
    report = uploader(log, receiver).run_once()
    assert (report.accepted, report.requests, report.exit_code) == (25, 3, 0)
    assert set(receiver.contacts) == {c.id for c in made}
    assert all(log.get(c.id).uploaded_at for c in made)  # type: ignore[union-attr]
    assert set(receiver.headers_seen) == {f"Bearer {TOKEN}"}
    assert upload_status(log).pending == 0


def test_refused_credentials_stop_and_lose_nothing(log: ContactLog, receiver: Receiver) -> None:
    fill(log, 5)
    report = uploader(log, receiver, token="wrong").run_once()
    assert report.exit_code == 1
    assert report.refused is not None
    assert "credentials were refused (HTTP 401)" in report.refused
    assert "wrong" not in report.refused
    assert receiver.contacts == {}
    assert upload_status(log).pending == 5
    assert uploader(log, receiver).run_once().accepted == 5


def test_retry_after_is_honoured(log: ContactLog, receiver: Receiver) -> None:
    fill(log, 5)
    receiver.force("503_retry_after")
    sender = uploader(log, receiver)
    report = sender.run_once()
    assert (report.accepted, report.exit_code) == (0, 2)
    due = UploadQueue(log).next_attempt()
    assert due is not None
    assert due >= time.time() + 0.5  # Retry-After: 1, far beyond the 0.05 s backoff cap
    assert sender.run_once(force=False).requests == 0  # not due yet
    assert sender.run_once(force=True).accepted == 5  # a person asked for it now


def test_a_timeout_after_the_receiver_stored_sends_the_same_batch_again(
    log: ContactLog, receiver: Receiver
) -> None:
    made = fill(log, 5)
    receiver.force("timeout_after_store")
    sender = uploader(log, receiver)
    assert sender.run_once().exit_code == 2
    assert set(receiver.contacts) == {c.id for c in made}  # stored, but we never heard
    assert upload_status(log).pending == 5
    assert sender.run_once().accepted == 5
    assert list(receiver.batch_deliveries.values()) == [2]  # the same batch id, twice


def test_too_large_batches_are_split(log: ContactLog, receiver: Receiver) -> None:
    made = fill(log, 12)
    receiver.max_batch = 4
    report = uploader(log, receiver, size=12).run_once()
    assert report.accepted == 12
    assert set(receiver.contacts) == {c.id for c in made}


def test_other_client_errors_hold_the_batch_until_requeued(
    log: ContactLog, receiver: Receiver
) -> None:
    fill(log, 3)
    receiver.force("400")
    sender = uploader(log, receiver)
    report = sender.run_once()
    assert (report.held, report.exit_code) == (1, 1)
    status = upload_status(log)
    assert status.held[0][1:] == (3, status.held[0][2])
    assert status.held[0][2].startswith("HTTP 400")
    assert sender.run_once().requests == 0  # held: not sent on its own
    assert UploadQueue(log).requeue() == (0, 1)
    assert sender.run_once().accepted == 3


def test_rejected_contacts_are_kept_with_the_reason_until_requeued(
    log: ContactLog, receiver: Receiver
) -> None:
    made = fill(log, 4)
    refused_id = made[1].id
    receiver.reject_if = lambda c: "unknown site" if c["id"] == refused_id else None
    sender = uploader(log, receiver)
    report = sender.run_once()
    # Not "all sent" (0): a rejected contact waits for a person to requeue it.
    assert (report.accepted, report.rejected, report.exit_code) == (3, 1, 1)
    status = upload_status(log)
    assert status.rejected == {"unknown site": 1}
    assert log.get(refused_id).uploaded_at is None  # type: ignore[union-attr]
    assert sender.run_once().requests == 0  # not retried on its own
    receiver.reject_if = None
    assert UploadQueue(log).requeue() == (1, 0)
    assert sender.run_once().accepted == 1


def test_connection_resets_and_bad_answers_are_retried(
    log: ContactLog, receiver: Receiver
) -> None:
    made = fill(log, 10)
    receiver.force("reset", "bad_body", "500", "slow")
    sender = uploader(log, receiver, size=10)
    for _ in range(6):
        if sender.run_once().exit_code == 0:
            break
    assert set(receiver.contacts) == {c.id for c in made}
    assert upload_status(log).pending == 0


def test_a_round_sends_every_batch_on_one_connection(log: ContactLog, receiver: Receiver) -> None:
    fill(log, 45)
    report = uploader(log, receiver).run_once()
    assert (report.accepted, report.requests) == (45, 5)
    assert receiver.connections == 1


def test_a_server_closing_each_connection_unannounced_still_gets_everything_once(
    log: ContactLog, data_dir: Path
) -> None:
    made = fill(log, 45)
    with Receiver(strict=True, keep_alive_requests=1) as closing_receiver:
        report = uploader(log, closing_receiver).run_once()
        assert (report.accepted, report.exit_code) == (45, 0)
        assert set(closing_receiver.contacts) == {c.id for c in made}
        assert set(closing_receiver.deliveries.values()) == {1}
        assert closing_receiver.connections == 5  # a new one for each batch, found closed
        assert closing_receiver.errors == []


def test_a_kept_connection_dropped_before_the_answer_sends_the_batch_again_at_once(
    log: ContactLog, receiver: Receiver
) -> None:
    fill(log, 20)
    receiver.force("ok", "reset")  # the second batch, on the kept connection
    report = uploader(log, receiver).run_once()
    assert (report.accepted, report.exit_code) == (20, 0)
    assert sorted(receiver.batch_deliveries.values()) == [1, 2]  # the same batch id again
    assert receiver.connections == 2


def test_a_connection_dropped_mid_answer_leaves_the_batch_pending_for_the_same_id(
    log: ContactLog, receiver: Receiver
) -> None:
    made = fill(log, 5)
    receiver.force("drop_mid_answer")
    sender = uploader(log, receiver)
    report = sender.run_once()
    assert (report.accepted, report.exit_code) == (0, 2)
    assert "no answer" in report.problems[0]
    assert set(receiver.contacts) == {c.id for c in made}  # stored, but we never heard
    assert upload_status(log).pending == 5
    assert sender.run_once().accepted == 5
    assert list(receiver.batch_deliveries.values()) == [2]


def test_a_redirect_is_not_followed_and_the_batch_is_held(
    log: ContactLog, receiver: Receiver
) -> None:
    fill(log, 3)
    receiver.force("303_see_other")
    report = uploader(log, receiver).run_once()
    assert (report.held, report.exit_code) == (1, 1)
    assert receiver.requests == 1
    assert upload_status(log).held[0][2].startswith("the endpoint redirects (HTTP 303) to")


def test_a_round_stopped_by_a_failure_still_leaves_every_pending_contact_in_a_batch(
    log: ContactLog, receiver: Receiver
) -> None:
    fill(log, 200)  # batches are made as the round goes: more than the first few
    receiver.force("500")
    report = uploader(log, receiver).run_once()
    assert (report.requests, report.waiting, report.exit_code) == (1, 20, 2)
