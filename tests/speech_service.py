"""Speech services for the read-aloud tests, each on a Unix socket of its own.

libspeechd (which Qt's speech engine uses) is pointed at one with ``SPEECHD_ADDRESS``:

- ``real_speech_dispatcher``: the real speech-dispatcher, started for the test;
- ``SilentService``: accepts connections and never answers (a wedged daemon: without a deadline
  the speech engine waits for ever);
- ``SlowService``: passes everything on to a real one, but only after a delay (a daemon that
  is still starting up).
"""

import contextlib
import selectors
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest


def address(path: Path) -> str:
    """The value of SPEECHD_ADDRESS for a service on ``path``."""
    return f"unix_socket:{path}"


def _listen(path: Path) -> socket.socket:
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(path))
    listener.listen(16)
    return listener


def _stop_listening(listener: socket.socket) -> None:
    """Wake the thread waiting in accept() before the socket goes (its number may be reused)."""
    with contextlib.suppress(OSError):
        listener.shutdown(socket.SHUT_RDWR)
    listener.close()


class SilentService:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.connections: list[socket.socket] = []
        self._listener = _listen(path)
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        with contextlib.suppress(OSError):  # closed at the end of the test
            while True:
                connection, _ = self._listener.accept()
                self.connections.append(connection)  # kept open, never answered

    def close(self) -> None:
        _stop_listening(self._listener)
        self._thread.join(5)
        for connection in self.connections:
            connection.close()


class SlowService:
    """Every byte each way is passed on, but nothing before ``delay_s`` after connecting."""

    def __init__(self, path: Path, upstream: Path, delay_s: float) -> None:
        self.path, self.upstream, self.delay_s = path, upstream, delay_s
        self._listener = _listen(path)
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        with contextlib.suppress(OSError):
            while True:
                client, _ = self._listener.accept()
                threading.Thread(target=self._relay, args=(client,), daemon=True).start()

    def _relay(self, client: socket.socket) -> None:
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.connect(str(self.upstream))
        if self._closed.wait(self.delay_s):
            return
        pairs = {client: server, server: client}
        with selectors.DefaultSelector() as selector, client, server:
            for end in pairs:
                selector.register(end, selectors.EVENT_READ)
            while not self._closed.is_set():
                for key, _ in selector.select(timeout=0.2):
                    data = key.fileobj.recv(65536)  # type: ignore[union-attr]
                    if not data:
                        return
                    pairs[key.fileobj].sendall(data)  # type: ignore[index]

    def close(self) -> None:
        self._closed.set()
        _stop_listening(self._listener)
        self._thread.join(5)


@contextlib.contextmanager
def real_speech_dispatcher(folder: Path) -> Iterator[Path]:
    """A real speech-dispatcher on its own socket in ``folder``; yields the socket's path."""
    program = shutil.which("speech-dispatcher")
    if program is None:
        pytest.skip("speech-dispatcher is not installed (make test installs it)")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "speechd.sock"
    command = [program, "--run-single", "--communication-method", "unix_socket",
               "--socket-path", str(path), "--timeout", "0", "--log-level", "1",
               "--pid-file", str(folder / "speechd.pid"), "--log-dir", str(folder)]  # fmt: skip
    with (folder / "speechd.out").open("wb") as output:
        daemon = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 20
        while not path.exists():
            assert daemon.poll() is None, (folder / "speechd.out").read_text()[-2000:]
            assert time.monotonic() < deadline, "speech-dispatcher did not start"
            time.sleep(0.05)
        yield path
    finally:
        daemon.terminate()
        try:
            daemon.wait(5)
        except subprocess.TimeoutExpired:
            daemon.kill()
            daemon.wait()
