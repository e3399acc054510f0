"""The network lies: trickled answers, endless bodies, answers that cannot be true, and file
addresses that name another computer. Nothing is marked sent that was not, and every
failure is recorded in words, never as an unexpected one."""

import json
import time
from pathlib import Path

import pytest

from kiosk.contacts.store import ContactLog
from kiosk.upload.status import upload_facts, upload_status
from kiosk.upload.transport import HttpTransport
from kiosk.upload.uploader import RunReport, Settings, Uploader
from tests.kiosk.cli.test_catalog_commands import run
from tests.kiosk.contacts.helpers import contact
from tests.kiosk.upload.lying import LyingEndpoint, trickled, whole_answer

SETTINGS = Settings("main-office", "desk-1", 10, backoff_base=0.01, backoff_cap=0.05)
TOKEN = "tok-0123456789abcdef0123"
TIMEOUT_S = 1.0


@pytest.fixture
def log(data_dir: Path) -> ContactLog:
    made = ContactLog.in_data_dir(data_dir)
    made.record_many([contact() for _ in range(3)])
    return made


def upload_to(log: ContactLog, endpoint: LyingEndpoint) -> tuple[RunReport, float]:
    began = time.monotonic()
    transport = HttpTransport(endpoint.url, TOKEN, TIMEOUT_S)
    report = Uploader(log, transport, SETTINGS).run_once()
    return report, time.monotonic() - began


def sent(log: ContactLog) -> int:
    return int(log.conn.execute("SELECT count(*) FROM contacts WHERE uploaded_at IS NOT NULL")
               .fetchone()[0])  # fmt: skip


YES = json.dumps({"accepted": [], "rejected": []}).encode()
SLOW_ANSWERS = {
    "body a byte at a time": (trickled(whole_answer(b" " * 40 + YES)), 0.1),
    "headers a byte at a time": (trickled(b"HTTP/1.1 200 OK\r\nX-Pad: " + b"a" * 40), 0.1),
    "a status line, then nothing": ([b"HTTP/1.1 200 OK\r\n"] + [b""] * 50, 0.1),
    "nothing at all": ([b""] * 50, 0.1),
    "headers that never end": ([b"HTTP/1.1 200 OK\r\n"] + [b"X-Pad: a\r\n"] * 60, 0.05),
    # http.client hands an answer that closes the connection its socket (so does whole_answer)
    "an HTTP/1.0 body a byte at a time": (
        trickled(b"HTTP/1.0 200 OK\r\nContent-Length: 70\r\n\r\n" + b" " * 40 + YES),
        0.1,
    ),
}


@pytest.mark.parametrize(("chunks", "pause_s"), SLOW_ANSWERS.values(), ids=SLOW_ANSWERS.keys())
def test_a_trickled_answer_stops_at_the_deadline(
    log: ContactLog, chunks: list[bytes], pause_s: float
) -> None:
    with LyingEndpoint(chunks, pause_s) as endpoint:
        report, took = upload_to(log, endpoint)
    assert took < TIMEOUT_S + 1.5, f"the upload took {took:.1f} s with a {TIMEOUT_S} s deadline"
    assert (report.accepted, report.left, report.exit_code) == (0, 3, 2)
    assert "did not answer in time (no whole answer within 1 s)" in report.problems[0]
    assert sent(log) == 0
    last_error = upload_facts(log).last_error
    assert last_error is not None
    assert last_error.problem.code == "timeout"


HUGE = 2 * 1024 * 1024
TOO_LARGE = {
    "a stated length": [whole_answer(b"x" * HUGE)],
    "no length, until closed": [b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n", b"x" * HUGE],
    "chunked": [
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
        *[b"10000\r\n" + b"x" * 0x10000 + b"\r\n"] * 40,
        b"0\r\n\r\n",
    ],
    "a true-looking yes, padded": [
        whole_answer(json.dumps({"accepted": [], "rejected": [], "pad": "x" * HUGE}).encode())
    ],
    "an error page": [whole_answer(b"<p>" * HUGE, "500 Internal Server Error")],
}


@pytest.mark.parametrize("chunks", TOO_LARGE.values(), ids=TOO_LARGE.keys())
def test_an_answer_too_large_is_read_no_further(log: ContactLog, chunks: list[bytes]) -> None:
    with LyingEndpoint(chunks) as endpoint:
        report, _ = upload_to(log, endpoint)
    assert (report.accepted, report.left, report.exit_code) == (0, 3, 2)
    assert "the endpoint's answer was too large (more than 1024 KiB)" in report.problems[0]
    assert sent(log) == 0
    stored = "\n".join(log.conn.iterdump())
    assert "xxxxxxxxxx" not in stored
    assert "<p><p>" not in stored


UNREADABLE = {
    "nested too deep": b"[" * 100_000 + b"]" * 100_000,
    "an object nested too deep": b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
    "not UTF-8": b'{"accepted": ["\xff\xfe"]}',
    "a list": b"[]",
    "rejected is words": b'{"accepted": [], "rejected": "all of them"}',
    "a rejection without an id": b'{"accepted": [], "rejected": [{"reason": "no"}]}',
    "ids that are numbers": b'{"accepted": [1, 2, 3]}',
    "a number with 5,000 digits": b'{"accepted": [], "n": ' + b"9" * 5000 + b"}",
}


@pytest.mark.parametrize("body", UNREADABLE.values(), ids=UNREADABLE.keys())
def test_an_unreadable_yes_is_a_bad_answer_in_words(log: ContactLog, body: bytes) -> None:
    with LyingEndpoint([whole_answer(body)]) as endpoint:
        report, _ = upload_to(log, endpoint)
    assert (report.left, report.exit_code) == (3, 2)
    words = "\n".join(upload_status(log).lines())
    assert "HTTP 200 with an answer that is not the agreed one" in words
    assert "unexpected" not in words
    assert sent(log) == 0


def ids(log: ContactLog) -> list[str]:
    return [row[0] for row in log.conn.execute("SELECT id FROM contacts ORDER BY id")]


def answer(accepted: list[str], rejected: list[str] = ()) -> bytes:  # type: ignore[assignment]
    body = {"accepted": accepted, "rejected": [{"id": i, "reason": "no"} for i in rejected]}
    return whole_answer(json.dumps(body).encode())


def test_a_yes_to_none_of_the_batch_leaves_it_all_for_later(
    capsys: pytest.CaptureFixture[str], log: ContactLog, data_dir: Path
) -> None:
    with LyingEndpoint([answer([])]) as endpoint:
        code, out, _ = run(capsys, "--data-dir", str(data_dir), "upload", "--target",
                           endpoint.url)  # fmt: skip
    assert (code, out.strip()) == (
        2,
        "accepted 0, rejected 0, 3 contact(s) left for later (0 batch(es) waiting to retry)",
    )
    assert sent(log) == 0


def test_a_yes_to_some_of_the_batch_says_how_many_are_left(
    capsys: pytest.CaptureFixture[str], log: ContactLog, data_dir: Path
) -> None:
    first, *_ = ids(log)
    with LyingEndpoint([answer([first])]) as endpoint:
        code, out, _ = run(capsys, "--data-dir", str(data_dir), "upload", "--target",
                           endpoint.url)  # fmt: skip
    assert code == 2
    assert out.startswith("accepted 1, rejected 0, 2 contact(s) left for later")
    assert sent(log) == 1


def test_rejections_are_for_a_person_to_see(
    capsys: pytest.CaptureFixture[str], log: ContactLog, data_dir: Path
) -> None:
    first, *rest = ids(log)
    with LyingEndpoint([answer(rest, [first])]) as endpoint:
        code, out, _ = run(capsys, "--data-dir", str(data_dir), "upload", "--target",
                           endpoint.url)  # fmt: skip
    assert (code, out.strip()) == (1, "accepted 2, rejected 1, nothing left to send")


IMPOSSIBLE = {
    "accepted and rejected": (lambda ids: answer(ids, ids[:1]), "both accepted and rejected"),
    "an id never sent": (
        lambda ids: answer([*ids, "f" * 8 + "-0000-4000-8000-" + "0" * 12]),
        "names 1 contact(s) that were not in the batch",
    ),
    "only ids never sent": (lambda ids: answer(["never-sent"]), "not in the batch"),
    "a stranger rejected": (lambda ids: answer(ids, ["someone-else"]), "not in the batch"),
}


@pytest.mark.parametrize(("make", "words"), IMPOSSIBLE.values(), ids=IMPOSSIBLE.keys())
def test_an_answer_that_cannot_be_true_holds_the_batch(
    log: ContactLog, make: object, words: str
) -> None:
    with LyingEndpoint([make(ids(log))]) as endpoint:  # type: ignore[operator]
        report, _ = upload_to(log, endpoint)
    assert (report.held, report.left, report.exit_code) == (1, 3, 1)
    assert sent(log) == 0
    held = upload_facts(log).held[0]
    assert held.problem.code == "contradictory_answer"
    assert words in held.problem.sentence()


@pytest.mark.parametrize(
    "target",
    [
        "file://otherhost/share",
        "file://fileserver.council.local/contacts",
        "file://user:pw@localhost/share",
        "file://127.0.0.1/share",
        "file:relative/folder",
    ],
)
def test_a_file_address_on_another_computer_is_refused(
    capsys: pytest.CaptureFixture[str], log: ContactLog, data_dir: Path, target: str,
    tmp_path: Path,
) -> None:  # fmt: skip
    share = tmp_path / "share"
    share.mkdir()  # the path alone exists here: writing to it would be a lie
    local = target.replace("/share", str(share))
    code, _, err = run(capsys, "--data-dir", str(data_dir), "upload", "--target", local)
    assert code == 1
    assert "names a folder on another computer" in err
    assert "mount the share and use file:/// and its folder here" in err
    assert "pw" not in err
    assert sent(log) == 0
    assert list(share.iterdir()) == []


@pytest.mark.parametrize("target", ["file://{}", "file://localhost{}"])
def test_a_local_file_address_is_written(
    capsys: pytest.CaptureFixture[str], log: ContactLog, data_dir: Path, target: str,
    tmp_path: Path,
) -> None:  # fmt: skip
    code, out, _ = run(
        capsys, "--data-dir", str(data_dir), "upload", "--target", target.format(tmp_path)
    )
    assert (code, out.strip()) == (0, "accepted 3, rejected 0, nothing left to send")
    assert sent(log) == 3
