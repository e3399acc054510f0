"""Logging for the command line and the touchscreen: one rotating file, and the journal.

``setup_logging`` is called once per process (the CLI's root command; ``kiosk run`` calls it
again, which changes nothing). It sends records to:

- ``kiosk.log`` in the log folder (the ``log_dir`` setting), 1 MB a file, the last five kept
  as ``kiosk.log.1`` … ``kiosk.log.5``; when the folder cannot be written, one warning says so
  and the kiosk carries on without a file;
- standard error: warnings and errors as ``WARNING: …`` lines, or, under systemd (when
  ``JOURNAL_STREAM`` names standard error), every record from INFO up as a plain line with a
  ``<priority>`` prefix, which the journal stores with that priority. No extra package needed.

Every handler has ``RedactSecrets``: a second line of defence that blanks anything shaped like
a bearer token, a password or a PIN (``redact``). The first line is that nothing logs them.
"""

import contextlib
import io
import logging
import logging.handlers
import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO, cast

from kiosk.files import PRIVATE_FILE, make_private, private_folder
from kiosk.ownership import foreign_owner

LOG_FILE_NAME = "kiosk.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
FILE_ONLY = {"file_only": True}  # ``extra=`` for records the person at the screen must not see
REDACTED = "[redacted]"
_OUR_LOGGERS = ("kiosk", "ui")
_FILE_FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"
_SECRET_NAME = r"\w*(?:token|secret|password|passwd|passphrase|key)"
_REDACTIONS = (
    # Bearer abc (but "bearer token" in a sentence stays readable)
    (re.compile(r"(?i)\b(bearer)(\s+)(?!tokens?\b)[^\s\"',;]+"), rf"\1\2{REDACTED}"),
    # Authorization: Basic abc, Authorization=abc
    (
        re.compile(
            r"(?i)\b(authorization)([\"']?\s*[:=]\s*[\"']?)(?!bearer\b)(\w+\s+)?[^\s\"',;]+"
        ),
        rf"\1\2\3{REDACTED}",
    ),
    # token=abc, "password": "abc", upload_token: abc (not upload_token_file=/a/path)
    (
        re.compile(
            rf"(?i)\b({_SECRET_NAME})([\"']?\s*[:=]\s*[\"']?)(?!{re.escape(REDACTED)})"
            r"[^\s\"',;&]+"
        ),
        rf"\1\2{REDACTED}",
    ),
    # https://user:password@host
    (re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://[^/\s:@]*:)[^@\s/]+@"), rf"\1{REDACTED}@"),
    # PIN 123456, pin=123456, PIN entered: 123456
    (re.compile(r"(?i)\b(pins?)\b(\D{1,12}?)\d{4,}"), rf"\1\2{REDACTED}"),
)
_JOURNAL_PRIORITY = {  # sd-daemon(3): <3> error, <4> warning, <6> info, <7> debug
    logging.CRITICAL: 2,
    logging.ERROR: 3,
    logging.WARNING: 4,
    logging.INFO: 6,
    logging.DEBUG: 7,
}

log = logging.getLogger(__name__)


def redact(text: str) -> str:
    """``text`` with anything shaped like a token, password or PIN replaced by [redacted]."""
    for pattern, replacement in _REDACTIONS:
        text = pattern.sub(replacement, text)
    return text


class RedactSecrets(logging.Filter):
    """Blank secrets in a record's message, traceback and stack before any handler writes it."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: the handler reports it as such
            return True
        record.msg, record.args = redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class _NotFileOnly(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not getattr(record, "file_only", False)


class JournalFormatter(logging.Formatter):
    """``<priority>logger: message``: journald reads the prefix as the line's priority."""

    def __init__(self) -> None:
        super().__init__("%(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        priority = _JOURNAL_PRIORITY.get(record.levelno, 6)
        return f"<{priority}>{super().format(record)}"


@dataclass(frozen=True)
class LogSetup:
    log_file: Path | None  # None: the log folder could not be written
    journal: bool  # standard error goes to the systemd journal
    debug: bool


class _Stderr(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is at the time (it may be replaced after setup)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, _: TextIO) -> None:
        pass


_current: tuple[tuple[Path, bool, int | None], LogSetup] | None = None


def setup_logging(
    log_dir: Path,
    *,
    debug: bool = False,
    environ: Mapping[str, str] | None = None,
    stream: TextIO | None = None,
    max_bytes: int = MAX_BYTES,
) -> LogSetup:
    """Send this process's log records to the file, and to the journal or the screen.

    ``stream``: the screen; by default standard error, whatever ``sys.stderr`` is when a
    record is written.
    """
    global _current
    key = (log_dir, debug, None if stream is None else id(stream))
    if _current is not None and _current[0] == key:
        return _current[1]
    stop_logging()
    screen = sys.stderr if stream is None else stream
    journal = is_journal_stream(screen, os.environ if environ is None else environ)
    file_handler, problem = _file_handler(log_dir, max_bytes)
    handlers = [_screen_handler(stream, journal, debug)]
    if file_handler is not None:
        handlers.append(file_handler)
    _install(handlers, debug)
    if problem is not None:
        log.warning("%s", problem)
    log_file = Path(file_handler.baseFilename) if file_handler is not None else None
    setup = LogSetup(log_file, journal, debug)
    _current = (key, setup)
    return setup


def current_log_file() -> Path | None:
    """The file this process logs to; None before ``setup_logging`` or when it could not."""
    return None if _current is None else _current[1].log_file


def stop_logging() -> None:
    """Remove and close the handlers ``setup_logging`` added (tests; a new setup)."""
    global _current
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "kiosk_handler", False)]:
        root.removeHandler(handler)
        handler.close()
    _current = None


def is_journal_stream(stream: TextIO, environ: Mapping[str, str]) -> bool:
    """True when systemd connected ``stream`` to the journal (``JOURNAL_STREAM=dev:inode``)."""
    expected = environ.get("JOURNAL_STREAM", "")
    try:
        status = os.fstat(stream.fileno())
    except (OSError, ValueError, AttributeError):  # no real file behind it (a test capture)
        return False
    return expected == f"{status.st_dev}:{status.st_ino}"


def _file_handler(
    log_dir: Path, max_bytes: int
) -> tuple[logging.handlers.RotatingFileHandler | None, str | None]:
    if foreign_owner(log_dir) is not None:
        return None, None  # root's own runs stay on the screen; the kiosk's user owns the file
    try:
        private_folder(log_dir)
        handler = PrivateLogFile(
            log_dir / LOG_FILE_NAME, maxBytes=max_bytes, backupCount=BACKUP_COUNT, encoding="utf-8"
        )
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return (
            None,
            f"cannot write the log file in {log_dir} ({reason}); logging to the screen only",
        )
    handler.setFormatter(logging.Formatter(_FILE_FORMAT))
    return handler, None


class PrivateLogFile(logging.handlers.RotatingFileHandler):
    """The rotating log file, owner-only, and quiet when it cannot be written.

    Python's own handler prints a "Logging error" traceback for every record it cannot
    write (a full disk): this one says once, in a line, that the log is not being kept,
    and carries on without it until a record can be written again.
    """

    failing = False  # the last record could not be written
    _failed_now = False

    def _open(self) -> io.TextIOWrapper:
        def owner_only(path: str, flags: int) -> int:
            return os.open(path, flags, PRIVATE_FILE)

        opened = open(  # noqa: SIM115 (logging's own handler keeps it open)
            self.baseFilename, self.mode, encoding=self.encoding, errors=self.errors,
            opener=owner_only,
        )  # fmt: skip
        make_private(Path(self.baseFilename))
        return cast(io.TextIOWrapper, opened)

    def emit(self, record: logging.LogRecord) -> None:
        self._failed_now = False
        super().emit(record)
        self.failing = self._failed_now  # written again: a later failure earns a line again

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 (logging's name)
        self._failed_now = True
        if self.failing:
            return
        words = getattr(sys.exc_info()[1], "strerror", None) or "it cannot be written"
        with contextlib.suppress(Exception):
            sys.stderr.write(
                f"warning: cannot write the log file {self.baseFilename} ({words}); "
                "carrying on without it\n"
            )


def _screen_handler(stream: TextIO | None, journal: bool, debug: bool) -> logging.Handler:
    handler = _Stderr() if stream is None else logging.StreamHandler(stream)
    if journal:
        handler.setFormatter(JournalFormatter())
        handler.setLevel(logging.DEBUG if debug else logging.INFO)
    else:
        handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        handler.setLevel(logging.DEBUG if debug else logging.WARNING)
    handler.addFilter(_NotFileOnly())
    return handler


def _install(handlers: list[logging.Handler], debug: bool) -> None:
    root = logging.getLogger()
    secrets = RedactSecrets()
    for handler in handlers:
        handler.addFilter(secrets)
        handler.kiosk_handler = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(logging.DEBUG if debug else logging.WARNING)
    for name in _OUR_LOGGERS:
        logging.getLogger(name).setLevel(logging.DEBUG if debug else logging.INFO)
