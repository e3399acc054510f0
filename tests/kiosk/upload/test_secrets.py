"""Secrets: a redirect is never followed (the token goes nowhere else), addresses are shown
without passwords or query values, and a receiver that echoes the token never gets it kept."""

import http.server
import json
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kiosk.cli.context import AppContext
from kiosk.contacts.store import ContactLog
from kiosk.doctor import check_upload
from kiosk.redact import shown_address
from kiosk.upload.status import upload_status
from kiosk.upload.transport import HttpTransport
from kiosk.upload.uploader import Settings, Uploader
from tests.kiosk.contacts.helpers import contact
from tests.upload_receiver import Receiver

SETTINGS = Settings("main-office", "desk-1", 10, backoff_base=0.01, backoff_cap=0.05)
TOKEN = "s3cr3t-token-0123456789abcdef"


class Answering:
    """An endpoint on 127.0.0.1 that gives every POST the same answer (status, headers, body)."""

    def __init__(self, status: int, headers: dict[str, str], body: bytes = b"") -> None:
        answer = (status, headers, body)

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                code, extra, text = answer
                self.send_response(code)
                for name, value in extra.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(text)))
                self.end_headers()
                self.wfile.write(text)

            def log_message(self, *_: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/contacts"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def elsewhere() -> Iterator[Receiver]:
    """Where a redirect points: a real receiver that would take the token and the contacts."""
    with Receiver() as running:
        yield running


@pytest.fixture
def log(data_dir: Path) -> ContactLog:
    made = ContactLog.in_data_dir(data_dir)
    made.record_many([contact() for _ in range(3)])
    return made


def everything_stored(log: ContactLog) -> str:
    return "\n".join(log.conn.iterdump())


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirect_is_held_and_nothing_goes_where_it_points(
    log: ContactLog, elsewhere: Receiver, status: int
) -> None:
    target = f"{elsewhere.url}?key=abcdef123"  # the other origin, a key in its query
    endpoint = Answering(status, {"Location": target})
    try:
        transport = HttpTransport(endpoint.url, TOKEN, 2)
        report = Uploader(log, transport, SETTINGS).run_once()
    finally:
        endpoint.stop()
    assert elsewhere.requests == 0  # neither the token nor a contact went there
    assert report.exit_code != 0
    status_now = upload_status(log)
    assert status_now.pending == 3  # nothing lost
    (held,) = status_now.held
    assert f"the endpoint redirects (HTTP {status}) to" in held[2]
    assert "nothing was sent there" in held[2]
    assert "abcdef123" not in everything_stored(log)
    assert f"{elsewhere.url}?key=[redacted]" in held[2]


def test_doctor_names_a_redirect_and_sends_nothing_there(
    elsewhere: Receiver, data_dir: Path, tmp_path: Path
) -> None:
    endpoint = Answering(302, {"Location": "http://kiosk:hunter2@127.0.0.1:1/x?sig=zz9"})
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN)
    try:
        overrides = {
            "data_dir": str(data_dir),
            "upload_target": f"{endpoint.url}?site=library&key=k3y",
            "upload_token_file": str(token_file),
        }
        check, _ = check_upload(AppContext(overrides=overrides).config)
    finally:
        endpoint.stop()
    assert check.status.value == "FAIL"
    assert "redirects (HTTP 302) to http://kiosk:[redacted]@127.0.0.1:1/x?sig=[redacted]" in (
        check.found
    )
    for secret in ("hunter2", "zz9", "k3y", "library", TOKEN):
        assert secret not in check.found + check.fix


@pytest.mark.parametrize(
    "echo",
    [
        f"bad request from token {TOKEN}".encode(),
        f'{{"error": "Authorization: Bearer {TOKEN} not valid here"}}'.encode(),
        f"<p>you sent {TOKEN[:12]}{TOKEN[12:]}</p>".encode(),
    ],
)
def test_a_receiver_echoing_the_token_never_gets_it_stored_or_shown(
    log: ContactLog, echo: bytes
) -> None:
    endpoint = Answering(422, {"Content-Type": "text/plain"}, echo)
    try:
        report = Uploader(log, HttpTransport(endpoint.url, TOKEN, 2), SETTINGS).run_once()
    finally:
        endpoint.stop()
    shown = "\n".join([*report.problems, *upload_status(log).lines()])
    assert "[redacted]" in shown
    assert TOKEN not in shown
    assert TOKEN not in everything_stored(log)


def test_words_that_look_like_keys_are_hidden_from_any_receiver_s_answer(
    log: ContactLog,
) -> None:
    echo = b"denied: api_key=Zm9vYmFyYmF6 password: hunter22 Bearer eyJhbGciOiJIUzI1NiJ9"
    endpoint = Answering(400, {}, echo)
    try:
        Uploader(log, HttpTransport(endpoint.url, None, 2), SETTINGS).run_once()
    finally:
        endpoint.stop()
    stored = everything_stored(log)
    for secret in ("Zm9vYmFyYmF6", "hunter22", "eyJhbGciOiJIUzI1NiJ9"):
        assert secret not in stored


@pytest.mark.parametrize(
    ("reason", "secret"),
    [
        ("bad api_key=Zm9vYmFyYmF6 for this site", "Zm9vYmFyYmF6"),
        ("sent Authorization: Bearer eyJhbGciOiJIUzI1NiJ9 expired", "eyJhbGciOiJIUzI1NiJ9"),
        ('refused {"password": "hunter22"}', "hunter22"),
        ("wrong key: sk_live_abcdef0123456789", "sk_live_abcdef0123456789"),
    ],
)
def test_words_that_look_like_keys_are_hidden_from_a_rejection_s_reason(
    log: ContactLog, reason: str, secret: str
) -> None:
    endpoint = Answering(200, {}, rejecting_all_with(log, reason))
    try:
        report = Uploader(log, HttpTransport(endpoint.url, None, 2), SETTINGS).run_once()
    finally:
        endpoint.stop()
    shown = "\n".join([*report.problems, *upload_status(log).lines()])
    assert sum(upload_status(log).rejected.values()) == 3
    assert "[redacted]" in shown
    assert secret not in shown
    assert secret not in everything_stored(log)


@pytest.mark.parametrize(
    ("address", "shown"),
    [
        ("https://kiosk:secret@hub.example.org/contacts", "https://kiosk:[redacted]@hub.example.org/contacts"),
        ("https://hub.example.org/contacts?key=abc&site=x", "https://hub.example.org/contacts?key=[redacted]&site=[redacted]"),
        ("https://user@hub.example.org:8443/c?flag", "https://user@hub.example.org:8443/c?flag"),
        ("https://[::1]:8450/contacts?t=1", "https://[::1]:8450/contacts?t=[redacted]"),
        ("https://hub.example.org/c#frag-with-token", "https://hub.example.org/c"),
        ("https://[::1/x", "(an address that cannot be read)"),
        ("https://h.example.org:99999/", "(an address that cannot be read)"),
    ],
)  # fmt: skip
def test_an_address_is_shown_without_its_secrets(address: str, shown: str) -> None:
    assert shown_address(address) == shown


def rejecting_all_with(log: ContactLog, reason: str) -> bytes:
    ids = [row[0] for row in log.conn.execute("SELECT id FROM contacts")]
    return json.dumps({"accepted": [], "rejected": [{"id": i, "reason": reason} for i in ids]})\
        .encode()  # fmt: skip


@pytest.mark.parametrize(
    "answer",
    [
        lambda log: (200, {}, rejecting_all_with(log, f"bad key {TOKEN}")),
        lambda log: (302, {"Location": f"https://elsewhere.example/{TOKEN}/in"}, b""),
        lambda log: (302, {"Location": f"https://{TOKEN}.example/in"}, b""),
        lambda log: (503, {"Retry-After": "1", "X-Echo": TOKEN}, f"busy {TOKEN}".encode()),
    ],
    ids=["a rejection's reason", "a redirect's path", "a redirect's host", "a busy answer"],
)
def test_the_token_is_never_kept_from_any_part_of_an_answer(
    log: ContactLog, answer: Callable[[ContactLog], tuple[int, dict[str, str], bytes]]
) -> None:
    endpoint = Answering(*answer(log))
    try:
        report = Uploader(log, HttpTransport(endpoint.url, TOKEN, 2), SETTINGS).run_once()
    finally:
        endpoint.stop()
    shown = "\n".join([*report.problems, *upload_status(log).lines()])
    assert TOKEN not in shown
    assert TOKEN not in everything_stored(log)


@pytest.mark.parametrize(
    "target",
    [
        "http://kiosk:s3cretpw@example.org/in?key=abc123",
        "ftp://kiosk:s3cretpw@example.org/in?key=abc123",
        "https://kiosk:s3cretpw@/in?key=abc123",
    ],
)
def test_a_refused_address_is_never_shown_with_its_secrets(
    capsys: pytest.CaptureFixture[str], log: ContactLog, data_dir: Path, target: str
) -> None:
    from tests.kiosk.cli.test_catalog_commands import run

    code, out, err = run(capsys, "--data-dir", str(data_dir), "upload", "--target", target)
    assert code == 1
    assert "s3cretpw" not in out + err
    assert "abc123" not in out + err
    log_file = next(Path(os.environ["KIOSK_LOG_DIR"]).glob("kiosk.log"))
    assert "s3cretpw" not in log_file.read_text()
    assert "abc123" not in log_file.read_text()


@pytest.mark.skipif(os.name == "nt", reason="POSIX pipes and devices")
@pytest.mark.parametrize("kind", ["a pipe", "a device", "a huge file", "a folder"])
def test_a_token_file_replaced_after_loading_is_refused_not_waited_on(
    tmp_path: Path, kind: str
) -> None:
    from kiosk.errors import ConfigError
    from kiosk.upload.transport import token_from

    token = tmp_path / "token"
    if kind == "a pipe":
        os.mkfifo(token)  # nobody ever writes: reading it would wait for ever
    elif kind == "a device":
        token.symlink_to("/dev/zero")
    elif kind == "a huge file":
        token.write_bytes(b"x" * 10_000_000)
    else:
        token.mkdir()
    with pytest.raises(ConfigError, match=f"upload token file {token}"):
        token_from(token, None)
