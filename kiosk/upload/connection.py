"""One HTTP(S) connection to the upload target, kept open across the batches of a round.

The route is worked out once, from the target and the proxy settings urllib reads
(``HTTPS_PROXY``, ``NO_PROXY``; on Windows also the system settings): straight there,
through a proxy's CONNECT tunnel for https, or by way of a plain-http proxy for http.
"""

import base64
import http.client
import select
import socket
import ssl
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from kiosk import __version__
from kiosk.upload.answers import Answer, TransportError
from kiosk.upload.problems import UploadProblem

# What a kept connection the server closed while we were not looking fails with.
_DROPPED = (ConnectionResetError, ConnectionAbortedError, BrokenPipeError)
_USER_AGENT = f"assisted-digital-kiosk/{__version__}"


@dataclass(frozen=True)
class Route:
    secure: bool
    host: str
    port: int
    selector: str  # what goes on the request line: the path, or the whole URL to a proxy
    proxy: tuple[str, int] | None = None
    proxy_auth: dict[str, str] | None = None  # Proxy-Authorization, when the proxy URL has it

    @classmethod
    def to(cls, url: str) -> "Route":
        parts = urlsplit(url)
        secure = parts.scheme == "https"
        host, port = parts.hostname or "", parts.port or (443 if secure else 80)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        proxy_url = urllib.request.getproxies().get(parts.scheme)
        if not proxy_url or urllib.request.proxy_bypass(parts.netloc):
            return cls(secure, host, port, path or "/")
        proxy, auth = _proxy(proxy_url)
        # Through a tunnel the server sees its own path; a plain proxy needs the whole URL.
        return cls(secure, host, port, (path or "/") if secure else url, proxy, auth)

    def connect(self, timeout: float, context: ssl.SSLContext) -> http.client.HTTPConnection:
        """A new connection (it opens on its first request)."""
        host, port = self.proxy or (self.host, self.port)
        if not self.secure:
            return http.client.HTTPConnection(host, port, timeout=timeout)
        connection = http.client.HTTPSConnection(host, port, timeout=timeout, context=context)
        if self.proxy:
            connection.set_tunnel(self.host, self.port, headers=self.proxy_auth)
        return connection

    def headers(self) -> dict[str, str]:
        """Headers for the request itself: a plain-http proxy reads its credentials there."""
        if self.proxy_auth and not self.secure:
            return dict(self.proxy_auth)
        return {}


def _proxy(url: str) -> tuple[tuple[str, int], dict[str, str] | None]:
    parts = urlsplit(url if "://" in url else f"http://{url}")
    address = (parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80))
    if parts.username is None or parts.password is None:
        return address, None
    pair = f"{unquote(parts.username)}:{unquote(parts.password)}".encode()
    return address, {"Proxy-Authorization": f"Basic {base64.b64encode(pair).decode()}"}


class KeptConnection:
    """POSTs on one connection; a connection the server has closed is opened again.

    A kept connection may have been closed by the server between two requests (an idle
    timeout, a limit on requests per connection). That is found before the request when it
    can be, and otherwise shows as the connection dropping before any answer: the request
    then goes once more on a new connection (the same batch id, so the receiver sees at
    most a repeat). Anything else, and any failure once an answer has begun, is a
    TransportError, and the connection is closed so a late answer is never taken for the
    next one.
    """

    def __init__(self, route: Route, timeout: float, context: ssl.SSLContext) -> None:
        self._route = route
        self._connection = route.connect(timeout, context)

    def close(self) -> None:
        self._connection.close()

    def post(self, headers: dict[str, str], body: bytes) -> Callable[[], Answer]:
        """Send the request now; the returned function waits for the answer."""
        headers = headers | self._route.headers() | {"User-Agent": _USER_AGENT}
        kept = self._still_open()
        with self._failures():
            try:
                self._request(headers, body)
            except _DROPPED:
                if not kept:
                    raise
                kept = False
                self._connection.close()
                self._request(headers, body)
        return lambda: self._answer(headers, body, kept)

    def _answer(self, headers: dict[str, str], body: bytes, kept: bool) -> Answer:
        with self._failures():
            response = self._response(headers, body, kept)
            return Answer(response.status, _lower(response.getheaders()), response.read())

    def _response(
        self, headers: dict[str, str], body: bytes, kept: bool
    ) -> http.client.HTTPResponse:
        try:
            return self._connection.getresponse()
        except _DROPPED:  # before the status line: nothing of an answer came
            if not kept:
                raise
        self._connection.close()
        self._request(headers, body)
        return self._connection.getresponse()

    def _request(self, headers: dict[str, str], body: bytes) -> None:
        self._connection.request("POST", self._route.selector, body, headers)

    def _still_open(self) -> bool:
        """True when a kept connection is there and the server has not closed it."""
        sock = self._connection.sock
        if sock is None:
            return False
        if select.select([sock], [], [], 0)[0]:  # readable while idle: closed, or garbage
            self._connection.close()
            return False
        return True

    @contextmanager
    def _failures(self) -> Iterator[None]:
        try:
            yield
        except (OSError, http.client.HTTPException) as exc:
            self._connection.close()
            raise TransportError(describe(exc)) from None


def describe(reason: BaseException) -> UploadProblem:
    if isinstance(reason, ssl.SSLCertVerificationError):
        return UploadProblem("certificate", detail=str(reason.verify_message))
    if isinstance(reason, TimeoutError | socket.timeout):
        return UploadProblem("timeout")
    if isinstance(reason, ConnectionRefusedError):
        return UploadProblem("connection_refused")
    if isinstance(reason, socket.gaierror):
        return UploadProblem("name_not_found")
    return UploadProblem("no_answer", detail=f"{type(reason).__name__}: {reason}")


def _lower(items: Iterable[tuple[str, str]]) -> dict[str, str]:
    return {k.lower(): v for k, v in items}
