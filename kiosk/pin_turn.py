"""One supervisor PIN check at a time across processes, on a lock no one can delete away.

On Linux and macOS it is ``flock`` on the data folder itself, so deleting or replacing a file in
the folder cannot release it (the count once kept in ``supervisor-lock.json`` could be deleted
between guesses), and the kernel lets go when the holder dies, even by SIGKILL. On Windows it
is a byte lock on ``supervisor-pin.lock``, a file Windows does not delete while it is open. A
holder that never lets go (a stopped process) makes the others give up after ``wait_s`` with
``PinBusyError``: no PIN is ever checked or counted without the lock.
"""

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kiosk.errors import KioskError

WINDOWS_LOCK_FILE = "supervisor-pin.lock"
_POLL_S = 0.02


class PinBusyError(KioskError):
    """Another process held the PIN lock for longer than we would wait."""


@contextmanager
def pin_turn(folder: Path, wait_s: float) -> Iterator[None]:
    """Hold the data folder's PIN lock for the ``with`` block, waiting at most ``wait_s``."""
    try:
        descriptor = _open(folder)
    except OSError as exc:
        raise KioskError(
            f"cannot lock the data folder {folder} for the supervisor PIN: {exc.strerror}"
        ) from None
    try:
        _take(descriptor, folder, wait_s)
        try:
            yield
        finally:
            _let_go(descriptor)
    finally:
        os.close(descriptor)


def _take(descriptor: int, folder: Path, wait_s: float) -> None:
    deadline = time.monotonic() + wait_s
    while not _try_lock(descriptor):
        if time.monotonic() >= deadline:
            raise PinBusyError(
                f"another supervisor PIN check has held {folder} for over {wait_s:g} s; "
                "try again in a moment (if it goes on, restart the kiosk)"
            )
        time.sleep(_POLL_S)


if sys.platform == "win32":
    import msvcrt

    def _open(folder: Path) -> int:
        return os.open(folder / WINDOWS_LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)

    def _try_lock(descriptor: int) -> bool:
        os.lseek(descriptor, 0, os.SEEK_SET)
        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _let_go(descriptor: int) -> None:
        os.lseek(descriptor, 0, os.SEEK_SET)
        msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _open(folder: Path) -> int:
        return os.open(folder, os.O_RDONLY | os.O_DIRECTORY)

    def _try_lock(descriptor: int) -> bool:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _let_go(descriptor: int) -> None:
        fcntl.flock(descriptor, fcntl.LOCK_UN)
