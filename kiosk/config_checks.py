"""The checks a setting's value gets at load beyond its kind: codes, addresses and files.

Each returns what is wrong in words (without the file, which ``kiosk.config`` adds), or None.
Nothing here opens a network connection; a file is only looked at, never read past its size.
"""

import ipaddress
import math
import re
import stat
from pathlib import Path
from urllib.parse import urlsplit

from kiosk.contacts import code_rules, codes

TOKEN_FILE_MAX = 64 * 1024  # a token is a line of text; anything bigger is the wrong file
CA_BUNDLE_MAX = 10 * 1024 * 1024  # the whole Mozilla bundle is about 220 KB
_UNITS = {"_s": "seconds", "_days": "days", "_size": "contacts"}


def text_problem(key: str, value: str) -> str | None:
    """What is wrong with text ``value`` for ``key`` (each of a list's items alike), or None."""
    if key in ("site", "desk", "staff_codes"):
        shape = len(value) <= code_rules.SHOWN_MAX and code_rules.personal_shape(value)
        if shape:
            return code_rules.looks_personal(key, shape)
    if key == "staff_codes" and not codes.STAFF_CODE.fullmatch(value):
        return f"{key}: {value!r} is not allowed ({code_rules.STAFF_RULE}: initials or a number)"
    if key == "staff_code_pattern":
        return _pattern_problem(value)
    if key == "upload_target":
        return address_problem(value, key)
    return None


def _pattern_problem(pattern: str) -> str | None:
    if not pattern:
        return None  # only the codes in staff_codes
    try:
        re.compile(pattern)
    except re.error as exc:
        return f"staff_code_pattern: {pattern!r} is not a regular expression ({exc})"
    name = code_rules.name_like_match(pattern)
    if name:
        return (
            f"staff_code_pattern: {pattern!r} would take a name like {name!r} as a staff code; "
            f"a staff code is initials or a number, like the default {codes.STAFF_PATTERN!r}"
        )
    return None


def address_problem(url: str, key: str = "upload_target") -> str | None:
    """A malformed upload address: unreadable, no host, a bad port, a scheme we never use."""
    rule = "an https:// address, or file:/// and a folder"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - reading it is the check: a port out of range raises
    except ValueError as exc:
        return f"{key}: {_shown(url)} is not a web address ({exc}); use {rule}"
    if any(c.isspace() or not c.isprintable() for c in url):
        return f"{key}: {_shown(url)} has a space or an unprintable character in it; use {rule}"
    if parts.scheme in ("https", "http") and not parts.hostname:
        return f"{key}: {_shown(url)} names no computer after {parts.scheme}://; use {rule}"
    if parts.scheme not in ("https", "http", "file"):
        return f"{key}: {_shown(url)} is not allowed; use {rule}"
    if parts.scheme == "http" and not is_this_computer(parts.hostname or ""):
        return (
            f"{key}: {_shown(url)} is plain http:// to another computer, which would send "
            "the token and the contacts unencrypted: use https:// (plain http:// is only for "
            "this computer, for testing)"
        )
    if parts.scheme == "file" and parts.netloc not in ("", "localhost"):
        return (
            f"{key}: {_shown(url)} names a folder on another computer; mount the share and "
            "use file:/// and its folder here"
        )
    return None


def is_this_computer(host: str) -> bool:
    """``localhost`` or a loopback address: the only host plain http:// may go to."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _shown(url: str) -> str:
    """The address as it may be shown: no password, no query values."""
    from kiosk.logs import REDACTED, redact
    from kiosk.redact import shown_address

    try:
        urlsplit(url).port  # noqa: B018 - shown_address cannot show one it cannot read
    except ValueError:
        readable, query, _ = redact(url).partition("?")
        return repr(f"{readable}?{REDACTED}" if query else readable)
    return repr(shown_address(url))


def path_problem(key: str, path: Path, name: str | None = None) -> str | None:
    """A token file or CA bundle that is not what it says: not read, only looked at.

    ``name``: what the message calls it (an option such as --token-file), else ``key``.
    """
    if key == "upload_token_file":
        return _small_file(name or key, path, TOKEN_FILE_MAX)
    if key == "upload_ca_bundle":
        problem = _small_file(name or key, path, CA_BUNDLE_MAX)
        return problem or (_certificates(path) if path.is_file() else None)
    return None


def missing_ca_bundle(path: Path | None, target: str | None) -> str | None:
    """A CA bundle an https upload would use that is not there (see Config's checks)."""
    if path is None or not (target or "").startswith("https:") or path.exists():
        return None
    return f"upload_ca_bundle: {path} does not exist; put the council's CA file there or unset it"


def _small_file(key: str, path: Path, largest: int) -> str | None:
    """A missing file is left to what uses it (doctor and upload say so); a wrong one is not."""
    try:
        found = path.stat()  # stat, not open: a FIFO would wait for a writer
    except OSError:
        return None
    if not stat.S_ISREG(found.st_mode):
        kind = "a folder" if stat.S_ISDIR(found.st_mode) else "a device, pipe or socket"
        return f"{key}: {path} is {kind}, not a file"
    if found.st_size > largest:
        return f"{key}: {path} is {found.st_size:,} bytes; at most {largest:,} are allowed"
    return None


def _certificates(path: Path) -> str | None:
    import ssl  # only when a CA bundle is set

    try:
        ssl.create_default_context(cafile=str(path))
    except (ssl.SSLError, OSError, ValueError) as exc:
        return f"upload_ca_bundle: {path} holds no certificates the kiosk can use ({exc})"
    return None


def within(number: float, low: float, high: float) -> bool:
    """``number`` in [low, high]; never nan or an infinity."""
    return math.isfinite(number) and low <= number <= high


def range_text(key: str, low: float, high: float) -> str:
    """ "from 1 to 600 seconds": the allowed range, in the setting's unit."""
    unit = next((f" {u}" for end, u in _UNITS.items() if key.endswith(end)), "")
    return f"from {plain(low)} to {plain(high)}{unit}"


def plain(number: float) -> str:
    """3600, 0.5, 10000: as a person writes them, never 1e+04."""
    return str(int(number)) if float(number).is_integer() else repr(float(number))
