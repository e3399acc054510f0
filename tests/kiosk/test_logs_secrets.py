"""The log file never holds a PIN or an upload token, from the real code paths that see them."""

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.auth import LOCK_AFTER, SupervisorPin
from kiosk.cli.main import main
from kiosk.contacts.store import ContactLog
from kiosk.logs import LOG_FILE_NAME, stop_logging
from tests.kiosk.contacts.helpers import contact
from tests.upload_receiver import Receiver

PIN = "482913"
WRONG_PIN = "175036"
TOKEN = "tok_Zx81-kQp4vLw9TnBf2aY"


@pytest.fixture
def logs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("KIOSK_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setenv("KIOSK_SYSTEM_CONFIG", str(tmp_path / "none.toml"))
    stop_logging()
    yield tmp_path / "logs"
    stop_logging()


def kiosk(*args: str) -> int:
    try:
        main(list(args))
    except SystemExit as done:
        return int(done.code or 0)
    return 0


def log_text(folder: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return (folder / LOG_FILE_NAME).read_text(encoding="utf-8")


def test_wrong_pins_and_a_refused_token_leave_neither_in_the_log(
    logs: Path, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ContactLog.in_data_dir(data_dir).record_many([contact(), contact()])
    token_file = tmp_path / "upload-token"
    token_file.write_text(TOKEN + "\n")
    with Receiver(token="the-council-changed-it") as receiver:
        code = kiosk(
            "--debug", "--data-dir", str(data_dir),
            "upload", "--target", receiver.url, "--token-file", str(token_file),
        )  # fmt: skip
        assert receiver.headers_seen == [f"Bearer {TOKEN}"]  # the token really was sent
    supervisor = SupervisorPin(data_dir, cost=2)
    supervisor.set(PIN)
    for _ in range(LOCK_AFTER):
        assert not supervisor.check(WRONG_PIN)
    text = log_text(logs)
    assert code == 1
    assert "kiosk.cli.main: finished with exit code 1" in text  # the upload run was logged
    assert f"locked for 5 min after {LOCK_AFTER} wrong PINs in a row" in text  # and the lock
    for secret in (TOKEN, PIN, WRONG_PIN):
        assert secret not in text
        assert secret not in "".join(capsys.readouterr())


def test_a_failing_command_is_one_line_on_screen_and_logged_in_the_file(
    logs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty-token"
    empty.write_text("")
    code = kiosk("upload", "--target", "https://central.example", "--token-file", str(empty))
    err = capsys.readouterr().err
    assert code == 1
    assert err == f"error: the upload token file {empty} is empty\n"
    assert f"ERROR kiosk.cli.main: error: the upload token file {empty} is empty" in log_text(logs)
