"""Secrets kept out of everything shown, stored or logged: addresses and the receiver's words.

An upload address may carry a password (``https://kiosk:secret@host/``) or a key in its query
(``?key=…``); a receiver may echo the token it was sent in an error. What staff and IT see is
the address without those, and the answer with the token (and anything shaped like a bearer
token or a key) replaced by ``[redacted]``.
"""

from urllib.parse import parse_qsl, urlsplit, urlunsplit

from kiosk.logs import REDACTED, redact


def shown_address(address: str) -> str:
    """``address`` as it may be shown: no password, no query values (names kept)."""
    try:
        parts = urlsplit(address)
        port = parts.port
    except ValueError:
        return "(an address that cannot be read)"
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    if port is not None:
        host = f"{host}:{port}"
    if parts.username:
        secret = f":{REDACTED}" if parts.password else ""
        host = f"{parts.username}{secret}@{host}"
    query = "&".join(
        f"{name}={REDACTED}" if value else name
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
    )
    return urlunsplit((parts.scheme, host, parts.path, query, ""))


def scrub(text: str, secrets: tuple[str, ...] = ()) -> str:
    """``text`` with each of ``secrets`` hidden, and anything shaped like a token, password
    or PIN (the log's own rules, ``kiosk.logs.redact``)."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED)
    return redact(text)
