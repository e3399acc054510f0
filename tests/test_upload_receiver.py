"""The reference receiver (tests/upload_receiver.py) does what docs/upload-api.md asks."""

import contextlib
import http.client
import json
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import pytest

from kiosk.contacts import codes
from tests import upload_receiver
from tests.kiosk.contacts.helpers import contact as kiosk_contact
from tests.upload_receiver import (
    FAULTS,
    FIELDS,
    SCHEMA,
    Receiver,
    contract_problem,
    read_folder,
)

ROOT = Path(__file__).parents[1]
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never a proxy
Reply = tuple[int, dict[str, str], bytes]


def contact(**changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "recorded_at": "2026-11-20T10:15:00Z",
        "site": "main-office",
        "desk": "desk-1",
        "staff": "AB",
        "service_id": "pay-council-tax",
        "lgsl": 57,
        "mode": "showed_how",
        "outcome": "completed",
        "barriers": ["skills"],
        "language": "en",
        "handout": 1,
        "next_time_online": "yes",
        "referral": None,
        "duration_s": 300,
        "catalog_version": "abc123def456",
        "source": "kiosk",
    }
    return values | changes


def batch(n: int = 3, **changes: Any) -> dict[str, Any]:
    document = {
        "schema": SCHEMA,
        "batch_id": str(uuid.uuid4()),
        "sent_at": "2026-11-20T10:20:00Z",
        "source": {"site": "main-office", "desk": "desk-1", "app_version": "0.1.0"},
        "contacts": [contact() for _ in range(n)],
    }
    return document | changes


def post(
    r: Receiver,
    document: dict[str, Any],
    *,
    token: str | None = None,
    timeout: float = 5,
    **headers: str,
) -> Reply:
    sent = {"Content-Type": "application/json", "Idempotency-Key": document["batch_id"]}
    if token is not None:
        sent["Authorization"] = f"Bearer {token}"
    sent.update({k.replace("_", "-"): v for k, v in headers.items()})
    request = urllib.request.Request(r.url, json.dumps(document).encode(), sent, method="POST")
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            return response.status, dict(response.headers.items()), response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, dict(error.headers.items()), error.read()


def ids(document: dict[str, Any]) -> list[str]:
    return [c["id"] for c in document["contacts"]]


@pytest.fixture
def r() -> Iterator[Receiver]:
    with Receiver(slow_s=0.2, hang_s=0.6) as receiver:
        yield receiver
    assert receiver.errors == []
    assert receiver.stored_twice == []


def test_a_batch_is_stored_and_answered(r: Receiver) -> None:
    document = batch(3)
    status, headers, body = post(r, document)
    assert status == 200
    assert headers["Content-Type"] == "application/json"
    assert json.loads(body) == {"accepted": ids(document), "rejected": []}
    assert r.contacts == {c["id"]: c for c in document["contacts"]}
    assert r.deliveries == dict.fromkeys(ids(document), 1)
    assert r.requests == 1
    assert r.headers_seen == [None]


def test_a_repeated_batch_gets_the_identical_answer_and_stores_nothing_twice(
    r: Receiver,
) -> None:
    document = batch(3)
    first = post(r, document)
    assert post(r, document)[2] == first[2]
    assert len(r.contacts) == 3
    assert r.deliveries == dict.fromkeys(ids(document), 2)
    assert r.batch_deliveries[document["batch_id"]] == 2
    assert r.answer_for(document["batch_id"]) == json.loads(first[2])


def test_a_contact_already_held_is_accepted_again_in_a_new_batch(r: Receiver) -> None:
    first = batch(2)
    post(r, first)
    second = batch(1, contacts=[first["contacts"][0], contact()])
    assert json.loads(post(r, second)[2])["accepted"] == ids(second)
    assert len(r.contacts) == 3


def test_a_batch_id_reused_for_other_contacts_is_noted_and_answered_as_before(
    r: Receiver,
) -> None:
    document = batch(2)
    first = post(r, document)
    document["contacts"].reverse()  # the same contacts in another order: the same batch
    assert post(r, document)[2] == first[2]
    assert r.batch_conflicts == []
    assert post(r, batch(2, batch_id=document["batch_id"]))[2] == first[2]
    assert r.batch_conflicts == [document["batch_id"]]
    assert len(r.contacts) == 2


def test_the_same_batch_sent_at_once_from_many_threads_is_stored_once(r: Receiver) -> None:
    document = batch(50)
    answers: list[bytes] = []
    threads = [
        threading.Thread(target=lambda: answers.append(post(r, document)[2])) for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(answers)) == 1
    assert len(answers) == 8
    assert len(r.contacts) == 50


def test_a_token_is_required_when_set() -> None:
    with Receiver(token="s3cret") as r:
        document = batch(1)
        status, headers, _ = post(r, document)
        assert status == 401
        assert headers["WWW-Authenticate"].startswith("Bearer")
        assert post(r, document, token="wrong")[0] == 401
        assert r.contacts == {}
        assert post(r, document, token="s3cret")[0] == 200
        assert r.headers_seen == [None, "Bearer wrong", "Bearer s3cret"]
        assert r.deliveries == dict.fromkeys(ids(document), 1)  # refused ones do not count


@pytest.mark.parametrize(
    ("change", "status"),
    [
        ({"Idempotency-Key": "not-the-batch-id"}, 400),
        ({"Content-Type": "text/plain"}, 415),
        ({"schema": "assisted-digital-contacts/2"}, 400),
        ({"contacts": {"not": "a list"}}, 400),
        ({"contacts": [{"no": "id"}]}, 400),
    ],
)
def test_a_malformed_request_is_refused(r: Receiver, change: dict[str, Any], status: int) -> None:
    document = batch(1)
    headers = {k: v for k, v in change.items() if k[0].isupper()}
    document |= {k: v for k, v in change.items() if not k[0].isupper()}
    assert post(r, document, **headers)[0] == status
    assert r.contacts == {}


def test_only_post_to_the_path(r: Receiver) -> None:
    with pytest.raises(urllib.error.HTTPError) as caught:
        _OPENER.open(r.url, timeout=5)
    with caught.value as error:
        assert error.code == 405
        assert error.headers["Allow"] == "POST"
    request = urllib.request.Request(r.url + "/x", b"{}", method="POST")
    with pytest.raises(urllib.error.HTTPError) as caught:
        _OPENER.open(request, timeout=5)
    with caught.value as error:
        assert error.code == 404


@pytest.mark.parametrize("fault", ["500", "403", "400", "503_retry_after"])
def test_error_faults_store_nothing(r: Receiver, fault: str) -> None:
    r.force(fault)
    document = batch(2)
    status, headers, _ = post(r, document)
    assert status == int(fault[:3])
    assert r.contacts == {}
    if fault == "503_retry_after":
        assert headers["Retry-After"] == "1"
    assert r.fault_log == [(fault, document["batch_id"])]
    assert post(r, document)[0] == 200  # the fault was for one request only


def test_429_carries_an_http_date_retry_after_about_a_second_ahead(r: Receiver) -> None:
    r.force("429_retry_after")
    status, headers, _ = post(r, batch(1))
    assert status == 429
    ahead = parsedate_to_datetime(headers["Retry-After"]) - datetime.now(UTC)
    assert 0 < ahead.total_seconds() <= 2.1
    assert r.contacts == {}


def test_bad_body_is_a_200_that_is_not_the_answer(r: Receiver) -> None:
    r.force("bad_body", "bad_body")
    for _ in range(2):
        status, _, body = post(r, batch(1))
        assert status == 200
        with pytest.raises((ValueError, KeyError, TypeError)):
            json.loads(body)["accepted"]
    assert r.contacts == {}


def test_slow_answers_late_but_normally(r: Receiver) -> None:
    r.force("slow")
    started = time.monotonic()
    document = batch(1)
    assert post(r, document)[0] == 200
    assert time.monotonic() - started >= 0.2
    assert set(r.contacts) == set(ids(document))


def test_timeout_after_store_stores_then_answers_too_late(r: Receiver) -> None:
    r.force("timeout_after_store")
    document = batch(2)
    with pytest.raises((TimeoutError, urllib.error.URLError)):
        post(r, document, timeout=0.2)
    assert set(r.contacts) == set(ids(document))  # stored although the client saw nothing
    status, _, body = post(r, document)  # the kiosk's retry, same batch id
    assert status == 200
    assert json.loads(body)["accepted"] == ids(document)
    assert r.deliveries == dict.fromkeys(ids(document), 2)


def test_reset_drops_the_connection_before_storing(r: Receiver) -> None:
    r.force("reset")
    with pytest.raises(ConnectionError):
        post(r, batch(2))
    assert r.contacts == {}


def test_the_413_fault_only_hits_a_batch_that_can_be_split(r: Receiver) -> None:
    r.force("413", "413")
    assert post(r, batch(2))[0] == 413
    assert post(r, batch(1))[0] == 200
    assert len(r.contacts) == 1


def test_max_batch_always_answers_413_above_it() -> None:
    with Receiver(max_batch=2) as r:
        assert post(r, batch(3))[0] == 413
        assert post(r, batch(3))[0] == 413
        assert post(r, batch(2))[0] == 200
        assert len(r.contacts) == 2


def test_reject_if_rejects_with_a_reason_and_keeps_nothing(r: Receiver) -> None:
    r.reject_if = lambda c: "unknown site" if c["site"] == "elsewhere" else None
    document = batch(1, contacts=[contact(), contact(site="elsewhere")])
    answer = json.loads(post(r, document)[2])
    good, bad = ids(document)
    assert answer == {"accepted": [good], "rejected": [{"id": bad, "reason": "unknown site"}]}
    assert set(r.contacts) == {good}
    r.reject_if = None
    assert json.loads(post(r, document)[2]) == answer  # a repeat is answered the same way


def test_strict_rejects_contacts_outside_the_contract(r: Receiver) -> None:
    r.strict = True
    good = contact(barriers=[], next_time_online=None, duration_s=None, handout=0)
    document = batch(
        1,
        contacts=[good, contact(mode="chatted"), contact(uploaded_at=None), contact(handout=True)],
    )
    answer = json.loads(post(r, document)[2])
    assert answer["accepted"] == [good["id"]]
    reasons = [x["reason"] for x in answer["rejected"]]
    assert reasons[0].startswith("mode:")
    assert reasons[1] == "fields not in the contract: uploaded_at"
    assert reasons[2].startswith("handout:")


def test_a_kiosk_contact_sent_as_the_contract_says_fits_the_contract() -> None:
    row = kiosk_contact(barriers=("skills", "trust"), handout=True, referral="device_loan").row()
    del row["uploaded_at"]
    row["barriers"] = json.loads(row["barriers"])
    assert contract_problem(row) is None


def test_the_receivers_codes_are_the_kiosks_codes() -> None:
    """A failure here is a change to the upload contract: docs/upload-api.* and councils too."""
    assert tuple(c for c in codes.COLUMNS if c != "uploaded_at") == FIELDS
    for name in ("MODES", "OUTCOMES", "BARRIERS", "NEXT_TIME_ONLINE", "REFERRALS", "SOURCES"):
        assert getattr(upload_receiver, name) == getattr(codes, name), name
    for name in ("CODE", "LANGUAGE", "TIMESTAMP"):
        assert getattr(upload_receiver, name).pattern == getattr(codes, name).pattern, name


def test_random_faults_follow_the_seed() -> None:
    statuses = []
    for _ in range(2):
        with Receiver(fault_rate=0.5, faults=["500"], seed=7) as r:
            statuses.append([post(r, batch(1))[0] for _ in range(10)])
    assert statuses[0] == statuses[1]
    assert set(statuses[0]) == {200, 500}


def test_unknown_faults_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown fault"):
        Receiver(faults=["teapot"])
    with Receiver() as r, pytest.raises(ValueError, match="unknown fault"):
        r.force("ok", "418")
    assert "ok" not in FAULTS


def test_stop_does_not_wait_for_a_hanging_answer() -> None:
    r = Receiver(hang_s=30)
    r.force("timeout_after_store")
    with pytest.raises((TimeoutError, urllib.error.URLError)):
        post(r, batch(1), timeout=0.2)
    started = time.monotonic()
    r.stop()
    r.stop()
    assert time.monotonic() - started < 2


def test_read_folder_dedups_reports_duplicates_and_ignores_temporary_files(
    tmp_path: Path,
) -> None:
    first, second = batch(2), batch(1)
    second["contacts"].append(first["contacts"][0])
    for document in (first, second):
        (tmp_path / f"{document['batch_id']}.json").write_text(json.dumps(document))
    (tmp_path / f".{uuid.uuid4()}.json.x1y2.partial").write_text('{"schema": "half')
    contacts, duplicates = read_folder(tmp_path)
    assert set(contacts) == set(ids(first)) | set(ids(second))
    again = first["contacts"][0]["id"]
    assert duplicates == {
        again: sorted([f"{first['batch_id']}.json", f"{second['batch_id']}.json"])
    }


def test_read_folder_refuses_a_half_written_batch_file(tmp_path: Path) -> None:
    document = batch(1)
    (tmp_path / f"{document['batch_id']}.json").write_text(json.dumps(document)[:40])
    with pytest.raises(ValueError, match="not a whole JSON document"):
        read_folder(tmp_path)


def kept_post(connection: http.client.HTTPConnection, document: dict[str, Any]) -> Reply:
    body = json.dumps(document).encode()
    headers = {"Content-Type": "application/json", "Idempotency-Key": document["batch_id"]}
    connection.request("POST", upload_receiver.PATH, body, headers)
    response = connection.getresponse()
    return response.status, dict(response.getheaders()), response.read()


def test_answers_keep_the_connection_open_for_the_next_batch(r: Receiver) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", r.port, timeout=5)
    with contextlib.closing(connection):
        for _ in range(3):
            status, headers, _ = kept_post(connection, batch(2))
            assert status == 200
            assert "Connection" not in headers
    assert (r.requests, r.connections, len(r.contacts)) == (3, 1, 6)


def test_keep_alive_requests_closes_the_connection_without_warning() -> None:
    with Receiver(keep_alive_requests=1) as r:
        connection = http.client.HTTPConnection("127.0.0.1", r.port, timeout=5)
        with contextlib.closing(connection):
            status, headers, _ = kept_post(connection, batch(1))
            assert status == 200
            assert "Connection" not in headers  # the answer said nothing of it
            with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
                kept_post(connection, batch(1))
        assert len(r.contacts) == 1


def test_drop_mid_answer_stores_then_cuts_the_answer_short(r: Receiver) -> None:
    r.force("drop_mid_answer")
    document = batch(3)
    connection = http.client.HTTPConnection("127.0.0.1", r.port, timeout=5)
    with contextlib.closing(connection), pytest.raises(http.client.IncompleteRead):
        kept_post(connection, document)
    assert set(r.contacts) == set(ids(document))  # stored, though the answer never arrived
    assert json.loads(post(r, document)[2])["accepted"] == ids(document)  # the retry


def test_303_points_back_at_itself_and_stores_nothing(r: Receiver) -> None:
    r.force("303_see_other")
    connection = http.client.HTTPConnection("127.0.0.1", r.port, timeout=5)
    with contextlib.closing(connection):
        status, headers, _ = kept_post(connection, batch(1))
    assert (status, headers["Location"]) == (303, r.url)
    assert r.contacts == {}


def test_it_serves_in_a_process_of_its_own_and_reports_what_it_saw() -> None:
    command = [sys.executable, "-m", "tests.upload_receiver", "--token", "s3cret"]
    with subprocess.Popen(
        command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    ) as process:
        assert process.stdin is not None
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        document = batch(2)
        request = urllib.request.Request(
            url, json.dumps(document).encode(), method="POST",
            headers={"Content-Type": "application/json", "Authorization": "Bearer s3cret",
                     "Idempotency-Key": document["batch_id"]},
        )  # fmt: skip
        with _OPENER.open(request, timeout=5) as answer:
            assert json.loads(answer.read())["accepted"] == ids(document)
        process.stdin.close()
        summary = json.loads(process.stdout.readline())
    assert summary == {
        "contacts": 2, "requests": 1, "connections": 1, "stored_twice": 0,
        "batch_conflicts": 0, "errors": 0,
    }  # fmt: skip
