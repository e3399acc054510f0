"""The ``kiosk`` command on a pseudo-terminal of its own, as IT typing at the kiosk's console."""

import fcntl
import os
import select
import subprocess
import sys
import termios
import time
from collections.abc import Sequence

# Started as root, then run as another user: Python's own library is under /root here, so what
# the command needs is imported before the user changes.
AS_USER = """
import getpass, json, logging.handlers, os, pwd, sys, termios, tomllib
import click.termui, click._termui_impl
import kiosk.auth, kiosk.cli.context, kiosk.cli.main, kiosk.cli.supervisor, kiosk.config
import kiosk.contacts.codes, kiosk.logs
os.setgid(int(sys.argv[1]))
os.setuid(int(sys.argv[1]))
kiosk.cli.main.main(sys.argv[2:])
"""


def _own_the_terminal() -> None:
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)  # so that getpass finds it as /dev/tty


class Terminal:
    """``kiosk ARGS`` with a terminal for standard input, output and error."""

    def __init__(self, args: Sequence[str], *, uid: int | None = None) -> None:
        self.master, slave = os.openpty()
        command = [sys.executable, "-m", "kiosk", *args]
        if uid is not None:
            command = [sys.executable, "-c", AS_USER, str(uid), *args]
        self.process = subprocess.Popen(
            command,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            start_new_session=True,
            preexec_fn=_own_the_terminal,
        )
        os.close(slave)
        self.seen = ""

    def expect(self, text: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.seen:
            left = deadline - time.monotonic()
            if left <= 0 or not self._read(left):
                raise AssertionError(f"never saw {text!r}; the terminal shows {self.seen!r}")

    def type(self, line: str) -> None:
        os.write(self.master, line.encode() + b"\n")

    def finish(self, timeout: float = 60) -> tuple[int, str]:
        """The exit code and everything the terminal showed."""
        deadline = time.monotonic() + timeout
        while self._read(max(0.0, deadline - time.monotonic())):
            pass
        code = self.process.wait(timeout=max(1.0, deadline - time.monotonic()))
        os.close(self.master)
        return code, self.seen

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.master, 4096)
        except OSError:  # EIO: the command has closed the terminal
            return False
        self.seen += chunk.decode(errors="replace").replace("\r\n", "\n")
        return bool(chunk)
