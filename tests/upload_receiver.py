"""A reference receiver for the contacts upload API (docs/upload-api.md), for tests and benches.

Standard library only. ``Receiver`` is an HTTP server on 127.0.0.1 (a free port) in a
background thread that does what the contract asks of a council's receiver: it deduplicates by
contact id, answers a repeated batch id exactly as before, and never stores a contact twice.
Faults can be injected at any time, at random (``fault_rate``, ``faults``, a seeded
``random.Random``) or deterministically (``force_next``)::

    with Receiver(token="t0k3n") as r:
        r.force_next = ["503_retry_after", "timeout_after_store"]
        ...  # point the uploader at r.url
        assert r.stored_twice == [] and set(r.contacts) == sent_ids

Order of checks for a POST: path (404), Content-Length (411, 413 over ``max_body_bytes``),
token (401), Content-Type (415), the batch document and ``Idempotency-Key`` (400); then
``deliveries`` counts the contacts, ``max_batch`` answers 413, a fault may be injected, and
the batch is processed. Faults only hit well-formed, authorised requests, so a forced fault is
never used up by a request that was refused anyway.

Answers are HTTP/1.1 with a Content-Length, so a client may keep its connection open for the
next batch; ``connections`` counts the connections made, and ``keep_alive_requests`` makes
the receiver close each connection without warning after that many answers (as a server's
idle timeout or request limit would).

``read_folder`` is the matching reader for a ``file:///`` target (batch files in a folder).
``python -m tests.upload_receiver`` serves in a process of its own (see ``main``).
"""

import argparse
import contextlib
import email.utils
import http.server
import json
import math
import random
import re
import socket
import ssl
import struct
import sys
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

SCHEMA = "assisted-digital-contacts/1"
PATH = "/assisted-digital/contacts"

FAULTS = (
    "500",  # 500, nothing stored
    "503_retry_after",  # 503 with Retry-After: 1, nothing stored
    "429_retry_after",  # 429 with Retry-After as an HTTP date 1-2 s ahead, nothing stored
    "slow",  # wait slow_s, then answer normally
    "timeout_after_store",  # store and remember the answer, then wait hang_s before answering
    "reset",  # read the request, then drop the connection (TCP reset), nothing stored
    "drop_mid_answer",  # store and remember the answer, then drop the connection halfway into it
    "bad_body",  # 200 whose body is not the agreed answer, nothing stored
    "413",  # 413 for a batch of two or more contacts (one that can still be split)
    "403",  # 403, nothing stored
    "400",  # 400, nothing stored
    "303_see_other",  # 303 pointing at the same URL, nothing stored (a kiosk does not follow)
)
# What a correct uploader gets over by itself (retrying or splitting): the default mix.
RECOVERABLE_FAULTS = tuple(f for f in FAULTS if f not in ("403", "400", "303_see_other"))
NO_FAULT = "ok"  # in force_next: serve this request normally

# The contract's codes, written out here on purpose (not imported from kiosk/): a change on
# the kiosk side must show up as a receiver rejecting contacts, as it would at a council.
MODES = (
    "showed_how",
    "did_together",
    "did_for_them",
    "handout_only",
    "signposted",
    "not_recorded",
)
OUTCOMES = ("completed", "started", "will_do_later", "could_not_complete", "not_recorded")
BARRIERS = ("access", "skills", "confidence", "trust", "accessibility", "language")
NEXT_TIME_ONLINE = ("yes", "with_help", "no", "unsure")
REFERRALS = ("digital_skills", "device_loan", "data_bank", "library_pcs", "other_service")
SOURCES = ("kiosk", "idle_reset", "manual", "import", "demo")
FIELDS = (
    "id",
    "recorded_at",
    "site",
    "desk",
    "staff",
    "service_id",
    "lgsl",
    "mode",
    "outcome",
    "barriers",
    "language",
    "handout",
    "next_time_online",
    "referral",
    "duration_s",
    "catalog_version",
    "source",
)
UUID = re.compile(
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\Z"
)
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z\Z")
CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}\Z")
LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*\Z")

_BAD_BODIES = (
    (b"<html><body><h1>Welcome to the council network</h1></body></html>", "text/html"),
    (b'{"status": "ok"}', "application/json"),  # JSON, but not the agreed answer
)
_JOIN_S = 5.0  # the most stop() waits for any one thing


def contract_problem(contact: Any) -> str | None:
    """Why ``contact`` breaks the contract's contact schema, or None. Used by ``strict``."""
    if not isinstance(contact, dict):
        return "a contact must be a JSON object"
    if contact.keys() != _FIELD_SET:
        missing = sorted(_FIELD_SET - contact.keys())
        extra = sorted(contact.keys() - _FIELD_SET)
        return "; ".join(
            [f"missing fields: {', '.join(missing)}"] * bool(missing)
            + [f"fields not in the contract: {', '.join(extra)}"] * bool(extra)
        )
    for name, ok in _CHECKS:
        if not ok(contact[name]):
            return f"{name}: {contact[name]!r} is not allowed"
    if contact["service_id"] == "general" and contact["lgsl"] is not None:
        return "lgsl: a general contact has no LGSL code"
    return None


def _int(value: Any) -> bool:
    return type(value) is int


def _matches(pattern: re.Pattern[str]) -> Callable[[Any], bool]:
    return lambda v: isinstance(v, str) and pattern.match(v) is not None


def _barriers(value: Any) -> bool:
    return (
        isinstance(value, list)
        and all(b in BARRIERS for b in value)
        and len(set(value)) == len(value)
    )


_FIELD_SET = frozenset(FIELDS)
_CHECKS: tuple[tuple[str, Callable[[Any], bool]], ...] = (
    ("id", _matches(UUID)),
    ("recorded_at", _matches(TIMESTAMP)),
    ("site", _matches(CODE)),
    ("desk", _matches(CODE)),
    ("staff", _matches(CODE)),
    ("service_id", _matches(CODE)),
    ("lgsl", lambda v: v is None or _int(v)),
    ("mode", lambda v: v in MODES),
    ("outcome", lambda v: v in OUTCOMES),
    ("barriers", _barriers),
    ("language", _matches(LANGUAGE)),
    ("handout", lambda v: _int(v) and v in (0, 1)),
    ("next_time_online", lambda v: v is None or v in NEXT_TIME_ONLINE),
    ("referral", lambda v: v is None or v in REFERRALS),
    ("duration_s", lambda v: v is None or (_int(v) and 0 <= v <= 86_400)),
    ("catalog_version", _matches(CODE)),
    ("source", lambda v: v in SOURCES),
)


class Receiver:
    """The receiving side of the upload API, on ``http://127.0.0.1:<free port>/...``.

    Started on construction; ``stop()`` (or leaving the ``with`` block) shuts it down. Every
    attribute below may be changed at any time, also while requests are being served.

    Options: ``token`` (answer 401 unless ``Authorization: Bearer <token>``), ``reject_if``
    (a contact -> a reason to reject it, or None), ``strict`` (reject contacts that break the
    contract's schema, see ``contract_problem``), ``fault_rate`` and ``faults`` (that share of
    requests gets one of those faults, drawn from ``random.Random(seed)``; ``faults`` defaults
    to ``RECOVERABLE_FAULTS``), ``force_next`` (the next requests' faults, in order, before
    any random one; ``"ok"`` serves one request normally), ``slow_s`` and ``hang_s`` (how long
    "slow" and "timeout_after_store" wait), ``max_batch`` (always 413 above that many
    contacts), ``keep_alive_requests`` (close each connection, without saying so in the
    answer, once it has served that many requests; None: keep it open), ``path``.

    What it saw: ``contacts`` (id -> contact, stored once), ``deliveries`` (id -> how many
    times it arrived in a well-formed, authorised request, stored or not), ``batch_deliveries``
    (batch id -> the same), ``stored_twice`` (ids stored a second time: must stay empty),
    ``batch_conflicts`` (batch ids repeated with other contacts: answered as the first time,
    the new contacts neither stored nor mentioned; must stay empty with a correct kiosk),
    ``requests`` (HTTP requests of any kind), ``connections`` (TCP connections accepted),
    ``headers_seen`` (each request's Authorization
    header, or None), ``fault_log`` ((fault, batch id) for every fault injected, 413s for
    ``max_batch`` included), ``errors`` (tracebacks of the receiver's own failures: must stay
    empty).
    """

    def __init__(
        self,
        *,
        token: str | None = None,
        reject_if: Callable[[dict[str, Any]], str | None] | None = None,
        strict: bool = False,
        fault_rate: float = 0.0,
        faults: Iterable[str] = RECOVERABLE_FAULTS,
        force_next: Iterable[str] = (),
        seed: int = 0,
        slow_s: float = 0.2,
        hang_s: float = 2.0,
        max_batch: int | None = None,
        keep_alive_requests: int | None = None,
        max_body_bytes: int = 64 * 1024 * 1024,
        path: str = PATH,
        tls: "ssl.SSLContext | None" = None,
    ) -> None:
        self.token = token
        self.reject_if = reject_if
        self.strict = strict
        self.fault_rate = fault_rate
        self.faults = _checked(faults)
        self.force_next = _checked(force_next, NO_FAULT)
        self.slow_s = slow_s
        self.hang_s = hang_s
        self.max_batch = max_batch
        self.keep_alive_requests = keep_alive_requests
        self.max_body_bytes = max_body_bytes
        self.path = path

        self.contacts: dict[str, dict[str, Any]] = {}
        self.deliveries: Counter[str] = Counter()
        self.batch_deliveries: Counter[str] = Counter()
        self.stored_twice: list[str] = []
        self.batch_conflicts: list[str] = []
        self.requests = 0
        self.connections = 0
        self.headers_seen: list[str | None] = []
        self.fault_log: list[tuple[str, str]] = []
        self.errors: list[str] = []

        self._lock = threading.Lock()
        self._random = random.Random(seed)
        self._answers: dict[str, tuple[frozenset[str], bytes]] = {}  # batch id -> ids, answer
        self._bad_bodies = 0
        self._connections: set[socket.socket] = set()
        self._stopping = threading.Event()
        self._stopped = False
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.receiver = self
        if tls is not None:  # HTTPS, for the certificate tests
            self._server.socket = tls.wrap_socket(self._server.socket, server_side=True)
        self._scheme = "https" if tls is not None else "http"
        self.port: int = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"upload-receiver-{self.port}",
            daemon=True,
        )
        self._thread.start()

    @property
    def url(self) -> str:
        return f"{self._scheme}://127.0.0.1:{self.port}{self.path}"

    def __enter__(self) -> "Receiver":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"Receiver({self.url!r}, {len(self.contacts)} contacts)"

    def force(self, *kinds: str) -> None:
        """Queue faults for the next requests, in order (``"ok"``: no fault for that one)."""
        checked = _checked(kinds, NO_FAULT)
        with self._lock:
            self.force_next.extend(checked)

    def set_faults(self, rate: float, kinds: Iterable[str] = RECOVERABLE_FAULTS) -> None:
        """From now on, fault that share of requests with one of ``kinds`` (0: none)."""
        checked = _checked(kinds)
        with self._lock:
            self.fault_rate, self.faults = rate, checked

    def answer_for(self, batch_id: str) -> dict[str, Any] | None:
        """The answer given (and to be given again) for a batch, or None if none was stored."""
        with self._lock:
            found = self._answers.get(batch_id)
        return None if found is None else json.loads(found[1])

    def summary(self) -> dict[str, int]:
        """What it saw, as counts (what ``main`` prints when it stops)."""
        with self._lock:
            return {
                "contacts": len(self.contacts),
                "requests": self.requests,
                "connections": self.connections,
                "stored_twice": len(self.stored_twice),
                "batch_conflicts": len(self.batch_conflicts),
                "errors": len(self.errors),
            }

    def stop(self) -> None:
        """Stop serving, drop open connections, close the port. Bounded; safe to call twice."""
        if self._stopped:
            return
        self._stopped = True
        self._stopping.set()  # "slow" and "timeout_after_store" stop waiting
        stopper = threading.Thread(target=self._server.shutdown, daemon=True)
        stopper.start()
        stopper.join(_JOIN_S)
        self._thread.join(_JOIN_S)
        with self._lock:
            connections = list(self._connections)
        for connection in connections:  # idle keep-alive connections: wake their threads
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        self._server.server_close()

    # Called from the server's threads.

    def _next_fault(self, batch_id: str, size: int) -> str | None:
        with self._lock:
            if self.force_next:
                kind: str | None = self.force_next.pop(0)
            elif self.fault_rate > 0 and self.faults and self._random.random() < self.fault_rate:
                kind = self._random.choice(self.faults)
            else:
                kind = None
            if kind == NO_FAULT or (kind == "413" and size < 2):
                return None
            if kind is not None:
                self.fault_log.append((kind, batch_id))
            return kind

    def _process(self, batch_id: str, contacts: list[dict[str, Any]], ids: list[str]) -> bytes:
        """Store the new contacts and build the answer; a repeated batch id gets the same one."""
        with self._lock:
            earlier = self._answers.get(batch_id)
            if earlier is not None:
                if earlier[0] != frozenset(ids):
                    self.batch_conflicts.append(batch_id)
                return earlier[1]
            stored = self.contacts
            accepted: list[str] = []
            rejected: list[dict[str, str]] = []
            check = self._check
            for contact_id, contact in zip(ids, contacts, strict=True):
                if contact_id in stored:  # already here: accepted again, not stored again
                    accepted.append(contact_id)
                    continue
                reason = check(contact) if check else None
                if reason is None:
                    size = len(stored)
                    stored[contact_id] = contact
                    if len(stored) == size:  # never, unless the check above is lost
                        self.stored_twice.append(contact_id)
                    accepted.append(contact_id)
                else:
                    rejected.append({"id": contact_id, "reason": reason})
            answer = json.dumps({"accepted": accepted, "rejected": rejected}).encode()
            self._answers[batch_id] = (frozenset(ids), answer)
            return answer

    @property
    def _check(self) -> Callable[[dict[str, Any]], str | None] | None:
        reject_if, strict = self.reject_if, self.strict
        if not strict:
            return reject_if
        if reject_if is None:
            return contract_problem
        return lambda c: contract_problem(c) or reject_if(c)


def read_folder(path: Path | str) -> tuple[dict[str, dict[str, Any]], dict[str, list[str]]]:
    """Read the batch files of a ``file:///`` target as a receiver would.

    Returns ``(contacts, duplicates)``: contacts by id (the first copy read, files in name
    order) and, for each id that came more than once, the names of the files it came in.
    Only ``*.json`` files count; temporary files (``.<name>.partial``, any name starting with
    a dot) are ignored. A batch file that is not a whole, valid batch document raises
    ValueError naming it: a half-written file must never be visible under its final name.
    """
    contacts: dict[str, dict[str, Any]] = {}
    seen_in: dict[str, list[str]] = {}
    files = sorted(
        p for p in Path(path).iterdir() if p.suffix == ".json" and not p.name.startswith(".")
    )
    for file in files:
        try:
            document = json.loads(file.read_bytes())
        except ValueError as exc:
            raise ValueError(f"{file.name}: not a whole JSON document ({exc})") from None
        problem = _batch_problem(document)
        if problem is None and document["batch_id"] != file.stem:
            problem = f"batch_id {document['batch_id']!r} is not the file's name"
        if problem is not None:
            raise ValueError(f"{file.name}: {problem}")
        for contact in document["contacts"]:
            contacts.setdefault(contact["id"], contact)
            seen_in.setdefault(contact["id"], []).append(file.name)
    duplicates = {i: names for i, names in seen_in.items() if len(names) > 1}
    return contacts, duplicates


def _batch_problem(document: Any) -> str | None:
    if not isinstance(document, dict):
        return "the body must be a JSON object"
    if document.get("schema") != SCHEMA:
        return f"schema must be {SCHEMA!r}"
    if not isinstance(document.get("batch_id"), str) or not document["batch_id"]:
        return "batch_id must be a non-empty string"
    contacts = document.get("contacts")
    if not isinstance(contacts, list):
        return "contacts must be a list"
    if not all(isinstance(c, dict) and isinstance(c.get("id"), str) for c in contacts):
        return "every contact must be an object with a string id"
    return None


def _checked(kinds: Iterable[str], *also: str) -> list[str]:
    kinds = list(kinds)
    unknown = [k for k in kinds if k not in FAULTS and k not in also]
    if unknown:
        raise ValueError(f"unknown fault {unknown[0]!r} (one of: {', '.join(FAULTS + also)})")
    return kinds


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128
    receiver: Receiver

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return  # the client gave up or went away (e.g. after its own timeout)
        self.receiver.errors.append(traceback.format_exc())


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, for clients that reuse connections
    disable_nagle_algorithm = True  # headers and body go out at once, no 40 ms stalls
    timeout = 30  # an idle keep-alive connection is closed after this
    server: _Server

    def setup(self) -> None:
        super().setup()
        self.answered = 0  # on this connection
        receiver = self.server.receiver
        with receiver._lock:
            receiver._connections.add(self.connection)
            receiver.connections += 1

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            receiver = self.server.receiver
            with receiver._lock:
                receiver._connections.discard(self.connection)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet: tests and benches read the counters instead

    def _count(self) -> Receiver:
        receiver = self.server.receiver
        with receiver._lock:
            receiver.requests += 1
            receiver.headers_seen.append(self.headers.get("Authorization"))
        return receiver

    def _not_allowed(self) -> None:
        self._count()
        self.close_connection = True  # a body, if any, was not read
        self._send(405, _error("only POST is allowed"), [("Allow", "POST")])

    do_GET = do_PUT = do_PATCH = do_DELETE = _not_allowed  # noqa: N815

    def do_POST(self) -> None:
        r = self._count()
        if urlsplit(self.path).path != r.path:
            self.close_connection = True
            return self._send(404, _error(f"nothing here; contacts go to {r.path}"))
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            self.close_connection = True
            return self._send(411, _error("Content-Length is required"))
        if int(length) > r.max_body_bytes:
            self.close_connection = True
            return self._send(413, _error(f"the body is over {r.max_body_bytes} bytes"))
        body = self.rfile.read(int(length))
        if len(body) < int(length):
            self.close_connection = True
            return None  # the client went away mid-body
        if r.token is not None and self.headers.get("Authorization") != f"Bearer {r.token}":
            return self._send(
                401,
                _error("a valid bearer token is required"),
                [("WWW-Authenticate", 'Bearer realm="assisted-digital-contacts"')],
            )
        if self.headers.get_content_type() != "application/json":
            return self._send(415, _error("Content-Type must be application/json"))
        try:
            document = json.loads(body)
        except ValueError:
            return self._send(400, _error("the body is not JSON"))
        problem = _batch_problem(document)
        if problem is not None:
            return self._send(400, _error(problem))
        batch_id, contacts = document["batch_id"], document["contacts"]
        if self.headers.get("Idempotency-Key") != batch_id:
            return self._send(400, _error("the Idempotency-Key header must equal batch_id"))
        ids = [c["id"] for c in contacts]
        with r._lock:
            r.deliveries.update(ids)
            r.batch_deliveries[batch_id] += 1
        if r.max_batch is not None and len(contacts) > r.max_batch:
            with r._lock:
                r.fault_log.append(("413", batch_id))
            return self._send(413, _error(f"at most {r.max_batch} contacts in a batch"))
        return self._serve(r, r._next_fault(batch_id, len(contacts)), batch_id, contacts, ids)

    def _serve(
        self,
        r: Receiver,
        fault: str | None,
        batch_id: str,
        contacts: list[dict[str, Any]],
        ids: list[str],
    ) -> None:
        if fault == "reset":
            # Linger 0: closing sends a TCP reset instead of a polite end of stream.
            self.connection.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
            )
            self.close_connection = True
            self.connection.close()
            return None
        if fault == "drop_mid_answer":
            return self._send_half(r._process(batch_id, contacts, ids))
        if fault in ("500", "400", "403"):
            return self._send(int(fault), _error(f"injected fault: {fault}"))
        if fault == "503_retry_after":
            return self._send(503, _error("injected fault: 503"), [("Retry-After", "1")])
        if fault == "429_retry_after":
            when = email.utils.formatdate(math.ceil(time.time()) + 1, usegmt=True)
            return self._send(429, _error("injected fault: 429"), [("Retry-After", when)])
        if fault == "413":
            return self._send(413, _error("injected fault: 413"))
        if fault == "303_see_other":
            return self._send(303, _error("injected fault: 303"), [("Location", r.url)])
        if fault == "bad_body":
            with r._lock:
                body, content_type = _BAD_BODIES[r._bad_bodies % len(_BAD_BODIES)]
                r._bad_bodies += 1
            return self._send(200, body, content_type=content_type)
        if fault == "slow":
            r._stopping.wait(r.slow_s)
        answer = r._process(batch_id, contacts, ids)
        if fault == "timeout_after_store":
            r._stopping.wait(r.hang_s)
        return self._send(200, answer)

    def _send(
        self,
        status: int,
        body: bytes,
        headers: Iterable[tuple[str, str]] = (),
        content_type: str = "application/json",
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)
        self.answered += 1
        limit = self.server.receiver.keep_alive_requests
        if limit is not None and self.answered >= limit:
            self.close_connection = True  # after the answer, which said nothing of it

    def _send_half(self, answer: bytes) -> None:
        """The status line, the headers, half the body; then the connection is closed."""
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer[: len(answer) // 2])
        self.close_connection = True


def _error(message: str) -> bytes:
    return json.dumps({"error": message}).encode()


def main(argv: list[str] | None = None) -> None:
    """Serve in this process until standard input closes, then print what it saw.

    The first line printed is the URL to send to; the last, once stdin reaches its end, is
    ``summary()`` as JSON. Benches use it to keep the receiver's work out of
    the process they measure.
    """
    parser = argparse.ArgumentParser(prog="python -m tests.upload_receiver")
    parser.add_argument("--token", help="answer 401 unless this bearer token is sent")
    parser.add_argument("--strict", action="store_true", help="reject contacts off contract")
    options = parser.parse_args(argv)
    with Receiver(token=options.token, strict=options.strict) as receiver:
        print(receiver.url, flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            sys.stdin.read()
    print(json.dumps(receiver.summary()), flush=True)


if __name__ == "__main__":
    main()
