"""Fetching the hub's files for TUF's updater: one kept connection, a whole deadline per file.

tuf's own fetcher bounds each read, not a whole file, so a hub that trickles a byte a second
would hold a check for ever. Here each file has ``timeout_s`` from its request to its last
byte (the socket is shut under whatever read is waiting, as the upload's ``Deadline`` does), the
route honours the same proxy settings as the upload, and every file of one check goes on one
connection, so a check with nothing new costs one TCP (and TLS) set-up, not four.
"""

import contextlib
import http.client
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from tuf.api.exceptions import DownloadError, DownloadHTTPError
from tuf.ngclient.fetcher import FetcherInterface

from kiosk import __version__
from kiosk.upload.connection import Route

_CHUNK = 256 * 1024
_TIMESTAMP_MAX = 16 * 1024  # tuf's own limit for timestamp.json
_HEADERS = {
    "User-Agent": f"assisted-digital-kiosk/{__version__}",
    "Accept-Encoding": "identity",
    "Cache-Control": "no-cache",  # a proxy's old copy of timestamp.json would hide a new one
}


class HubUnreachableError(DownloadError):
    """The hub did not answer, or not in time; ``str()`` says why in words."""


class HubFetcher(FetcherInterface):
    def __init__(self, timeout_s: float, ca_bundle: Path | None = None) -> None:
        self.timeout_s = timeout_s
        self._ca_bundle = ca_bundle
        self._connections: dict[tuple[object, ...], http.client.HTTPConnection] = {}
        self.timestamp: bytes | None = None  # the last timestamp.json, for a frozen feed's date

    def close(self) -> None:
        for connection in self._connections.values():
            connection.close()
        self._connections.clear()

    def _fetch(self, url: str) -> Iterator[bytes]:
        route = Route.to(url)
        connection = self._connection(route)
        deadline = _Cutoff(self.timeout_s)
        try:
            if connection.sock is None:
                connection.connect()  # bounded by the socket's own timeout
            deadline.start(connection.sock)  # held here: an HTTP/1.0 answer takes it over
            connection.request("GET", route.selector, headers=_HEADERS | route.headers())
            response = connection.getresponse()
        except (OSError, http.client.HTTPException) as exc:
            deadline.cancel()
            self._drop(route)
            raise HubUnreachableError(self._words(exc, deadline, route)) from None
        if response.status != 200:
            deadline.cancel()
            self._drop(route)  # whatever body it had is not read
            raise DownloadHTTPError(f"HTTP {response.status} for {url}", response.status)
        return self._chunks(response, route, deadline, url.endswith("/timestamp.json"))

    def _chunks(
        self, response: http.client.HTTPResponse, route: Route, deadline: "_Cutoff", keep: bool
    ) -> Iterator[bytes]:
        kept = bytearray()
        try:
            while chunk := response.read1(_CHUNK):
                if keep and len(kept) < _TIMESTAMP_MAX:
                    kept += chunk
                yield chunk
            if deadline.passed:
                raise TimeoutError
            if keep:
                self.timestamp = bytes(kept)
        except (OSError, http.client.HTTPException) as exc:
            self._drop(route)
            raise HubUnreachableError(self._words(exc, deadline, route)) from None
        finally:
            deadline.cancel()
            if not response.isclosed():  # left part-read (too long, say): never reused
                self._drop(route)

    def _connection(self, route: Route) -> http.client.HTTPConnection:
        found = self._connections.get(_key(route))
        if found is None:
            context = _tls(self._ca_bundle) if route.secure else _PLAIN
            found = self._connections[_key(route)] = route.connect(self.timeout_s, context)
        return found

    def _drop(self, route: Route) -> None:
        connection = self._connections.pop(_key(route), None)
        if connection is not None:
            connection.close()

    def _words(self, exc: BaseException, deadline: "_Cutoff", route: Route) -> str:
        where = f"{route.host}:{route.port}"
        if deadline.passed or isinstance(exc, TimeoutError | socket.timeout):
            return f"{where} sent no whole answer within {self.timeout_s:g} s"
        if isinstance(exc, ConnectionRefusedError):
            return f"nothing answered at {where} (connection refused)"
        if isinstance(exc, socket.gaierror):
            return f"the name {route.host} could not be found (is the network up?)"
        if isinstance(exc, ssl.SSLCertVerificationError):
            return f"{where}'s certificate is not trusted ({exc.verify_message})"
        return f"{where}: {type(exc).__name__}: {exc}"


class _Cutoff:
    """The whole time one file may take: when it passes, the socket is shut down under the
    read that is waiting, which then ends at once (a socket timeout bounds only each read)."""

    def __init__(self, seconds: float) -> None:
        self.passed = False
        self._end = time.monotonic() + seconds
        self._timer: threading.Timer | None = None

    def start(self, sock: socket.socket) -> None:
        left = max(self._end - time.monotonic(), 0.0)
        self._timer = threading.Timer(left, self._cut, args=(sock,))
        self._timer.daemon = True
        self._timer.start()

    def cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()

    def _cut(self, sock: socket.socket) -> None:
        self.passed = True
        with contextlib.suppress(OSError):  # below TLS, so no TLS state is touched
            socket.socket.shutdown(sock, socket.SHUT_RDWR)


@cache
def _tls(ca_bundle: Path | None) -> ssl.SSLContext:
    """Made once a process: loading the system's certificates takes 25 ms or more."""
    return ssl.create_default_context(cafile=str(ca_bundle) if ca_bundle else None)


_PLAIN = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # never used: plain http:// has no TLS


def _key(route: Route) -> tuple[object, ...]:
    """Which connection a route goes on (a Route with proxy credentials cannot be hashed)."""
    return (route.secure, route.host, route.port, route.proxy)
