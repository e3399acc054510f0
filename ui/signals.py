"""Stop cleanly on SIGTERM and SIGINT (``systemctl stop``, Ctrl+C in a terminal).

Python runs a signal handler only when the interpreter gets control, and while Qt's event loop
waits in C++ it never does. The C-level handler writes the signal number to a socket that Qt
watches, which wakes the loop and lets the Python handler run.
"""

import contextlib
import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


class SignalWatcher(QObject):
    """Calls ``on_stop`` in the GUI thread when the process is asked to stop."""

    def __init__(self, on_stop: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_stop = on_stop
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno())
        self._previous = {number: signal.signal(number, self._handle) for number in STOP_SIGNALS}
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)

    def _drain(self) -> None:
        with contextlib.suppress(BlockingIOError):  # woken twice for one read: nothing left
            self._reader.recv(64)

    def _handle(self, _number: int, _frame: object) -> None:
        self._on_stop()

    def uninstall(self) -> None:
        """Give the signals back to whoever had them before."""
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        signal.set_wakeup_fd(self._previous_fd)
        self._notifier.setEnabled(False)
        self._reader.close()
        self._writer.close()
