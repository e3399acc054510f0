"""What keeps the pages safe: security headers, CSRF tokens and a per-client sign-in delay.

The headers go on every answer the hub gives (the receiver's too): the pages need no script,
no frame and nothing from another site, so the policy allows only the hub's own style sheet
and images. A form carries the session's CSRF token; a POST without the right one is refused
before anything else is looked at.
"""

import asyncio
import secrets
from collections.abc import Mapping, MutableMapping
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSRF_KEY = "csrf"
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}
STATIC_PREFIX = "/static/"
FAILED_SIGN_IN_DELAY_S = 0.4  # per client: a guesser gets a couple of tries a second at most
CLIENTS_KEPT = 10_000  # the delay's memory of clients is bounded


class SecurityHeaders:
    """ASGI middleware: the headers above on every answer, and ``no-store`` on all but the
    style sheet (the figures and a new kiosk's token must not stay in a shared browser)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cacheable = str(scope.get("path", "")).startswith(STATIC_PREFIX)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = _with_headers(message.get("headers", []), cacheable)
            await send(message)

        await self.app(scope, receive, send_with_headers)


Headers = list[tuple[bytes, bytes]]


def _with_headers(headers: Headers, cacheable: bool) -> Headers:
    ours = dict(HEADERS)
    ours["cache-control"] = "max-age=3600" if cacheable else "no-store"
    kept = [(k, v) for k, v in headers if k.decode("latin-1").lower() not in ours]
    return kept + [(k.encode(), v.encode()) for k, v in ours.items()]


def csrf_token(session: MutableMapping[str, Any]) -> str:
    """This session's CSRF token, made when it is first needed."""
    token = session.get(CSRF_KEY)
    if not isinstance(token, str) or not token:
        token = secrets.token_urlsafe(32)
        session[CSRF_KEY] = token
    return token


def csrf_ok(session: Mapping[str, Any], submitted: object) -> bool:
    """Whether ``submitted`` is this session's token (compared in constant time)."""
    expected = session.get(CSRF_KEY)
    if not isinstance(expected, str) or not expected or not isinstance(submitted, str):
        return False
    return secrets.compare_digest(expected.encode(), submitted.encode())


class SignInThrottle:
    """One sign-in at a time per client, and a pause after each failure before the next.

    With the five-failure lock of people.py this keeps a guesser slow across many names."""

    def __init__(self, delay_s: float = FAILED_SIGN_IN_DELAY_S) -> None:
        self.delay_s = delay_s
        self._locks: dict[str, asyncio.Lock] = {}

    def lock_for(self, client: str) -> asyncio.Lock:
        if len(self._locks) >= CLIENTS_KEPT:
            self._forget_idle()
        return self._locks.setdefault(client, asyncio.Lock())

    async def after_failure(self) -> None:
        await asyncio.sleep(self.delay_s)

    def _forget_idle(self) -> None:
        for client, lock in list(self._locks.items()):
            if not lock.locked():
                del self._locks[client]
