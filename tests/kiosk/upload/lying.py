"""An endpoint on 127.0.0.1 that answers every request with the same raw bytes, at its own pace.

``LyingEndpoint(chunks, pause_s)`` reads a request, then writes each chunk of ``chunks`` with
``pause_s`` between them, then closes: an answer trickled a byte at a time, headers that never
end, a body far larger than it says, or nothing at all.
"""

import socket
import threading
from collections.abc import Iterable


class LyingEndpoint:
    def __init__(self, chunks: Iterable[bytes], pause_s: float = 0.0) -> None:
        self._chunks, self._pause = list(chunks), pause_s
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}/contacts"
        self._stopped = threading.Event()
        self.requests = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def __enter__(self) -> "LyingEndpoint":
        return self

    def __exit__(self, *_: object) -> None:
        self._stopped.set()
        self._listener.close()

    def _serve(self) -> None:
        while not self._stopped.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._answer, args=(client,), daemon=True).start()

    def _answer(self, client: socket.socket) -> None:
        with client:
            try:
                _read_request(client)
                self.requests += 1
                for chunk in self._chunks:
                    if self._stopped.wait(self._pause):
                        return
                    client.sendall(chunk)
            except OSError:  # the kiosk gave up on us: as it should
                return


def _read_request(client: socket.socket) -> None:
    """The headers and the Content-Length body of one request."""
    data = b""
    while b"\r\n\r\n" not in data:
        data += client.recv(65536) or b"\r\n\r\n"
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(
        (int(line.split(b":")[1]) for line in head.lower().split(b"\r\n")
         if line.startswith(b"content-length:")),
        0,
    )  # fmt: skip
    while len(body) < length:
        more = client.recv(65536)
        if not more:
            return
        body += more


def trickled(answer: bytes) -> list[bytes]:
    """An answer one byte at a time."""
    return [answer[i : i + 1] for i in range(len(answer))]


def whole_answer(body: bytes, status: str = "200 OK", **headers: str) -> bytes:
    lines = [f"HTTP/1.1 {status}", f"Content-Length: {len(body)}", "Connection: close"]
    lines += [f"{name.replace('_', '-')}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body
