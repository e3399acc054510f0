"""One HTTP(S) connection to the upload target, kept open across the batches of a round.

The route is worked out once, from the target and the proxy settings urllib reads
(``HTTPS_PROXY``, ``NO_PROXY``; on Windows also the system settings): straight there,
through a proxy's CONNECT tunnel for https, or by way of a plain-http proxy for http.
"""

import base64
import contextlib
import http.client
import select
import socket
import ssl
import threading
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from kiosk import __version__
from kiosk.upload.answers import Answer, TransportError
from kiosk.upload.problems import UploadProblem

# What a kept connection the server closed while we were not looking fails with.
_DROPPED = (ConnectionResetError, ConnectionAbortedError, BrokenPipeError)
_USER_AGENT = f"assisted-digital-kiosk/{__version__}"
# No true answer to a batch comes near this; a longer one is read no further.
MAX_ANSWER_BYTES = 1024 * 1024


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
        self._route, self._timeout = route, timeout
        self._connection = route.connect(timeout, context)
        self._deadline: Deadline | None = None

    def close(self) -> None:
        self._end_deadline()
        self._connection.close()

    def post(self, headers: dict[str, str], body: bytes) -> Callable[[], Answer]:
        """Send the request now; the returned function waits for the answer."""
        headers = headers | self._route.headers() | {"User-Agent": _USER_AGENT}
        kept = self._still_open()
        self._start_deadline()  # for sending; the answer has one of its own
        try:
            with self._failures():
                try:
                    self._request(headers, body)
                except _DROPPED:
                    if not kept:
                        raise
                    kept = False
                    self._connection.close()
                    self._request(headers, body)
                self._check_deadline()
        finally:
            self._end_deadline()
        return lambda: self._answer(headers, body, kept)

    def _answer(self, headers: dict[str, str], body: bytes, kept: bool) -> Answer:
        """Wait for the answer. Its deadline starts now, not at sending: the time we spend
        on our own bookkeeping meanwhile is not the receiver's."""
        self._start_deadline()
        try:
            with self._failures():
                response = self._response(headers, body, kept)
                answer = Answer(response.status, _lower(response.getheaders()), _read(response))
                self._check_deadline()  # what was read ended where the deadline cut it
                return answer
        finally:
            self._end_deadline()

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

    @contextlib.contextmanager
    def _failures(self) -> Iterator[None]:
        try:
            yield
        except (OSError, http.client.HTTPException) as exc:
            self._connection.close()
            if self._deadline is not None and self._deadline.passed:
                seconds = f"no whole answer within {self._timeout:g} s"
                raise TransportError(UploadProblem("timeout", detail=seconds)) from None
            raise TransportError(describe(exc)) from None

    def _start_deadline(self) -> None:
        self._end_deadline()
        self._deadline = Deadline(self._timeout, self._connection)

    def _check_deadline(self) -> None:
        if self._deadline is not None and self._deadline.passed:
            raise TimeoutError

    def _end_deadline(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None


class Deadline:
    """The whole time one request may take: sending, waiting, and every byte of the answer.

    The socket's own timeout only bounds each read, so an answer trickled a byte at a time
    would never time out; when the deadline passes, the connection is shut down under
    whatever read is waiting, and that read fails at once.
    """

    RECHECK_S = 0.05  # when it passes before the connection has a socket to shut down

    def __init__(self, seconds: float, connection: http.client.HTTPConnection) -> None:
        self.passed = False
        self._connection = connection
        self._cancelled = threading.Event()
        self._start(seconds)

    def cancel(self) -> None:
        self._cancelled.set()
        self._timer.cancel()

    def _start(self, seconds: float) -> None:
        self._timer = threading.Timer(seconds, self._pass)
        self._timer.daemon = True
        self._timer.start()

    def _pass(self) -> None:
        self.passed = True
        if self._cancelled.is_set():
            return
        sock = self._connection.sock
        if sock is None:  # still looking the name up, or connecting: try again shortly
            self._start(self.RECHECK_S)
            return
        with contextlib.suppress(OSError):  # below TLS, so no TLS state is touched
            socket.socket.shutdown(sock, socket.SHUT_RDWR)


class AnswerTooLarge(http.client.HTTPException):
    pass


def _read(response: http.client.HTTPResponse) -> bytes:
    """The answer's body, refused once it is longer than any true answer can be."""
    if response.length is not None and response.length <= MAX_ANSWER_BYTES:
        return response.read()  # a stated length: an answer cut short is an error
    body = response.read(MAX_ANSWER_BYTES + 1)
    if len(body) > MAX_ANSWER_BYTES:
        raise AnswerTooLarge(f"more than {MAX_ANSWER_BYTES // 1024} KiB")
    return body


def describe(reason: BaseException) -> UploadProblem:
    if isinstance(reason, AnswerTooLarge):
        return UploadProblem("answer_too_large", detail=str(reason))
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
