"""The log file: where it goes, how it rotates, what happens when it cannot be written."""

import io
import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.logs import LOG_FILE_NAME, is_journal_stream, redact, setup_logging, stop_logging

log = logging.getLogger("kiosk.test")


@pytest.fixture(autouse=True)
def _fresh_logging() -> Iterator[None]:
    stop_logging()
    yield
    stop_logging()


def read_log(folder: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return (folder / LOG_FILE_NAME).read_text(encoding="utf-8")


def test_info_goes_to_the_file_and_only_warnings_to_the_screen(tmp_path: Path) -> None:
    screen = io.StringIO()
    setup = setup_logging(tmp_path / "logs", stream=screen, environ={})
    log.info("catalog loaded")
    log.warning("printer offline")
    assert setup.log_file == tmp_path / "logs" / LOG_FILE_NAME
    text = read_log(tmp_path / "logs")
    assert " INFO kiosk.test: catalog loaded" in text
    assert " WARNING kiosk.test: printer offline" in text
    assert screen.getvalue() == "WARNING: printer offline\n"


def test_debug_goes_to_the_file_only_with_debug(tmp_path: Path) -> None:
    setup_logging(tmp_path, stream=io.StringIO(), environ={})
    log.debug("hidden")
    setup_logging(tmp_path, debug=True, stream=io.StringIO(), environ={})
    log.debug("shown")
    text = read_log(tmp_path)
    assert "hidden" not in text
    assert "shown" in text


def test_setting_up_twice_does_not_write_every_line_twice(tmp_path: Path) -> None:
    screen = io.StringIO()
    first = setup_logging(tmp_path, stream=screen, environ={})
    again = setup_logging(tmp_path, stream=screen, environ={})
    log.info("once")
    assert first is again
    assert read_log(tmp_path).count("once") == 1


def test_the_file_rotates_and_keeps_five_old_ones(tmp_path: Path) -> None:
    setup_logging(tmp_path, stream=io.StringIO(), environ={}, max_bytes=2_000)
    for n in range(400):
        log.info("line %d of a long day at the front desk", n)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [LOG_FILE_NAME] + [f"{LOG_FILE_NAME}.{n}" for n in range(1, 6)]
    assert all(p.stat().st_size <= 2_000 for p in tmp_path.iterdir())
    assert "line 399 of" in read_log(tmp_path)


def test_a_log_folder_that_cannot_be_written_gives_one_warning_and_no_crash(
    tmp_path: Path,
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    screen = io.StringIO()
    setup = setup_logging(blocker / "logs", stream=screen, environ={})
    log.warning("still reported")
    assert setup.log_file is None
    lines = screen.getvalue().splitlines()
    assert lines[0].startswith(f"WARNING: cannot write the log file in {blocker / 'logs'} (")
    assert lines[0].endswith("; logging to the screen only")
    assert lines[1:] == ["WARNING: still reported"]


def test_under_systemd_info_lines_go_to_the_journal_with_their_priority(
    tmp_path: Path,
) -> None:
    with (tmp_path / "journal").open("w+", encoding="utf-8") as stderr:
        status = os.fstat(stderr.fileno())
        environ = {"JOURNAL_STREAM": f"{status.st_dev}:{status.st_ino}"}
        setup = setup_logging(tmp_path / "logs", stream=stderr, environ=environ)
        log.info("upload finished")
        log.error("printer gone")
        stderr.flush()
        stderr.seek(0)
        assert setup.journal
        assert stderr.read().splitlines() == [
            "<6>kiosk.test: upload finished",
            "<3>kiosk.test: printer gone",
        ]


def test_journal_stream_must_be_this_very_stderr(tmp_path: Path) -> None:
    with (tmp_path / "a").open("w") as one, (tmp_path / "b").open("w") as other:
        status = os.fstat(other.fileno())
        environ = {"JOURNAL_STREAM": f"{status.st_dev}:{status.st_ino}"}
        assert is_journal_stream(other, environ)
        assert not is_journal_stream(one, environ)
        assert not is_journal_stream(io.StringIO(), environ)
        assert not is_journal_stream(other, {})


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Authorization: Bearer 3vQx_9-kT.Zp", "3vQx_9-kT.Zp"),
        ("Authorization: Basic a2lvc2s6aHVudGVyMg==", "a2lvc2s6aHVudGVyMg=="),
        ("retrying https://host/contacts?access_token=Zq81kk&x=1", "Zq81kk"),
        ('{"token": "Zq81kk", "site": "library"}', "Zq81kk"),
        ("upload_token: Zq81kk", "Zq81kk"),
        ("password=hunter2;", "hunter2"),
        ("proxy https://kiosk:hunter2@proxy.council.gov.uk:3128", "hunter2"),
        ("wrong PIN 482913 entered", "482913"),
        ("pin=482913", "482913"),
        ("the PIN entered: 482913", "482913"),
    ],
)
def test_anything_shaped_like_a_secret_is_redacted(text: str, secret: str) -> None:
    assert secret not in redact(text)
    assert "[redacted]" in redact(text)
    assert redact(redact(text)) == redact(text)


@pytest.mark.parametrize(
    "text",
    [
        "upload_token_file = /etc/assisted-digital-kiosk/upload-token",
        "the bearer token was refused (HTTP 401)",
        "supervisor area locked for 5 minutes after 5 wrong PINs in a row",
        "basic skills: 12 contacts",
        "upload_token_env = KIOSK_UPLOAD_TOKEN",
    ],
)
def test_ordinary_lines_are_left_alone(text: str) -> None:
    assert redact(text) == text


def test_the_filter_covers_messages_arguments_and_tracebacks(tmp_path: Path) -> None:
    screen = io.StringIO()
    setup_logging(tmp_path, stream=screen, environ={})
    log.warning("sending with Authorization: Bearer %s", "tok_8fJ2kq9x")
    try:
        raise ValueError("bad answer to token=tok_8fJ2kq9x")
    except ValueError:
        log.exception("upload failed")
    text = read_log(tmp_path)
    assert "tok_8fJ2kq9x" not in text + screen.getvalue()
    assert "Bearer [redacted]" in text
    assert "ValueError: bad answer to token=[redacted]" in text


def test_the_screen_is_whatever_stderr_is_when_a_line_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    setup_logging(tmp_path, environ={})
    later = io.StringIO()
    monkeypatch.setattr("sys.stderr", later)
    log.warning("printer offline")
    assert later.getvalue() == "WARNING: printer offline\n"
