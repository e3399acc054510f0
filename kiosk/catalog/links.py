"""Link safety: a printed QR code must only ever open the council's own service.

The rule is deliberately narrower than what browsers accept: plain ASCII, ``https``, a host
written exactly as in ``allowed_hosts``, no user-info and no port but 443. Anything a browser
might read differently from Python's parser (backslashes, control characters, whitespace,
percent-encoding in the host) is refused outright rather than interpreted.
"""

import ipaddress
import re

MAX_URL_LENGTH = 500
_FORBIDDEN = re.compile(r"[^\x21-\x7e]|\\")  # anything but printable ASCII, or a backslash


def link_problem(url: str, allowed_hosts: frozenset[str] | set[str]) -> str | None:
    """Why ``url`` may not be shown or printed, or None when it is safe."""
    if len(url) > MAX_URL_LENGTH:
        return f"is {len(url)} characters long; at most {MAX_URL_LENGTH} allowed"
    bad = _FORBIDDEN.search(url)
    if bad is not None:
        return f"contains {_name(bad[0])}; web addresses here must be plain ASCII with no spaces"
    if not url.startswith("https://"):
        return "must start with https:// (lower case); other schemes are never printed"
    netloc = re.split(r"[/?#]", url.removeprefix("https://"), maxsplit=1)[0]
    return _netloc_problem(netloc, allowed_hosts)


def _netloc_problem(netloc: str, allowed_hosts: frozenset[str] | set[str]) -> str | None:
    if "@" in netloc:
        return "must not contain user information (an @ before the host)"
    if "%" in netloc:
        return "must not contain percent-encoding in the host"
    if netloc.startswith("["):
        return "must use the council's host name, not an IP address"
    host, colon, port = netloc.partition(":")
    if colon and port != "443":
        return f"must not name a port other than 443 (found :{port})"
    if _is_ip_literal(host):
        return "must use the council's host name, not an IP address"
    if host in allowed_hosts:
        return None
    allowed = ", ".join(sorted(allowed_hosts))
    if any(label.startswith("xn--") for label in host.split(".")):
        return f"host '{host}' is an internationalised (punycode) name not in allowed_hosts"
    return f"host '{host}' is not in allowed_hosts ({allowed}); write it exactly as listed"


def _name(c: str) -> str:
    if c == "\\":
        return "a backslash"
    if c.isspace():
        return "a space or other white space"
    return f"the character U+{ord(c):04X}"


def _is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return host.replace(".", "").isdigit()  # 2130706433 or 127.1: browsers read these as IPs
    return True
