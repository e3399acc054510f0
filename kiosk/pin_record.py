"""The supervisor PIN record: the PIN's scrypt hash and the count of wrong PINs, in one file.

``supervisor-pin.json`` holds ``{"version": 1, "algorithm": "scrypt", "n": 131072, "r": 8,
"p": 1, "salt": <base64>, "key": <base64>, "failures": <wrong PINs in a row>, "locked_until":
<epoch seconds, 0 = not locked>}``. The count lives with the hash so that no other file can be
deleted or rewritten to reset it: deleting the record deletes the PIN, and the supervisor area
stays shut until IT sets a new one. A record from before the count moved here has no
``failures`` or ``locked_until`` and reads as no wrong PINs (``kiosk.auth`` adds the old
``supervisor-lock.json``'s count).

The record is read only when it is a small regular file (not a symbolic link, a pipe or a
device) that belongs to this user and is private to it (mode 0600): one that others can read
lets anyone try every PIN against the hash, one that others can write may hold a PIN IT never
set. Anything else is refused with a ``KioskError`` saying what to do; nothing is guessed.
"""

import base64
import binascii
import errno
import hashlib
import hmac
import json
import math
import os
import secrets
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.errors import KioskError
from kiosk.files import atomic_file

SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
KEY_BYTES = 32
MAX_N = 2**20  # a record asking for more than this is treated as damaged
_MAX_MEMORY = 2 * 128 * SCRYPT_R * 2**17  # bytes: twice OWASP's 128 MiB
_MAX_WORK = 2 * SCRYPT_R * 2**17  # N * r * p: twice OWASP's, about a second
_MAX_BYTES = 4096  # a real record is about 200 bytes
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)  # Windows has neither
_NO_WAIT = getattr(os, "O_NONBLOCK", 0)  # a pipe put in its place must not hang the check
SET_AGAIN = "set it again with kiosk supervisor set-pin --reset (as the kiosk's user)"


class PinNotSetError(KioskError):
    """No supervisor PIN has been set yet."""


@dataclass(frozen=True)
class PinHash:
    n: int
    r: int
    p: int
    salt: bytes
    key: bytes

    @classmethod
    def of(cls, pin: str, cost: int) -> "PinHash":
        salt = secrets.token_bytes(SALT_BYTES)
        return cls(cost, SCRYPT_R, SCRYPT_P, salt, _scrypt(pin, cost, SCRYPT_R, SCRYPT_P, salt))

    def matches(self, pin: str) -> bool:
        candidate = _scrypt(pin, self.n, self.r, self.p, self.salt)
        return hmac.compare_digest(candidate, self.key)

    def is_sound(self) -> bool:
        return (
            2 <= self.n <= MAX_N
            and not self.n & (self.n - 1)
            and 1 <= self.r <= 32
            and 1 <= self.p <= 16
            and 128 * self.r * self.n <= _MAX_MEMORY
            and self.n * self.r * self.p <= _MAX_WORK
            and len(self.salt) >= SALT_BYTES
            and len(self.key) == KEY_BYTES
        )


@dataclass(frozen=True)
class Attempts:
    """Wrong PINs in a row, and until when (epoch seconds) the supervisor area is locked."""

    failures: int = 0
    locked_until: float = 0.0


def _scrypt(pin: str, n: int, r: int, p: int, salt: bytes) -> bytes:
    maxmem = 2 * 128 * r * n + 128 * r * p + 2**20  # scrypt needs about 128 * r * N bytes
    return hashlib.scrypt(
        pin.encode("ascii", "replace"), salt=salt, n=n, r=r, p=p, dklen=KEY_BYTES, maxmem=maxmem
    )


# -- reading ---------------------------------------------------------------------------------


def read_record(path: Path) -> dict[str, Any]:
    """The record's JSON object; ``PinNotSetError`` when there is none, else ``KioskError``."""
    try:
        descriptor = os.open(path, os.O_RDONLY | _NO_FOLLOW | _NO_WAIT)
    except FileNotFoundError:
        raise PinNotSetError(
            "no supervisor PIN is set; set one with kiosk supervisor set-pin"
        ) from None
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EMLINK):
            raise KioskError(
                f"the supervisor PIN file {path} is a symbolic link, not the kiosk's own "
                f"file; {SET_AGAIN}"
            ) from None
        raise KioskError(
            f"the supervisor PIN file {path} cannot be read ({exc.strerror}); "
            f"check its permissions or {SET_AGAIN}"
        ) from None
    try:
        _refuse_a_stranger(path, os.fstat(descriptor))  # before reading: a pipe would hang
    except KioskError:
        os.close(descriptor)
        raise
    with open(descriptor, "rb") as handle:  # noqa: PTH123 (a file descriptor)
        data = handle.read(_MAX_BYTES + 1)
    try:
        if len(data) > _MAX_BYTES:
            raise ValueError
        raw = json.loads(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise damaged(path) from None
    if not isinstance(raw, dict):
        raise damaged(path)
    return raw


def damaged(path: Path) -> KioskError:
    return KioskError(f"the supervisor PIN file {path} is damaged; {SET_AGAIN}")


def _refuse_a_stranger(path: Path, info: os.stat_result) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise KioskError(f"the supervisor PIN file {path} is not a regular file; {SET_AGAIN}")
    if sys.platform == "win32":
        return  # modes and owners are best effort there; the folder's ACL protects it
    if info.st_uid != os.geteuid():
        raise KioskError(
            f"the supervisor PIN file {path} belongs to another user (uid {info.st_uid}), so "
            f"it may not hold the PIN IT set; {SET_AGAIN}"
        )
    mode = stat.S_IMODE(info.st_mode)
    if mode & 0o077:
        raise KioskError(
            f"the supervisor PIN file {path} is open to other users (mode {mode:04o}): they "
            f"could read the hash and try every PIN, or write their own; make it private "
            f"(chmod 600 {path}) or {SET_AGAIN}"
        )


def parse_hash(raw: dict[str, Any], path: Path) -> PinHash:
    try:
        stored = PinHash(
            n=_whole(raw, "n"),
            r=_whole(raw, "r"),
            p=_whole(raw, "p"),
            salt=base64.b64decode(raw["salt"], validate=True),
            key=base64.b64decode(raw["key"], validate=True),
        )
    except (KeyError, TypeError, ValueError, binascii.Error):
        raise damaged(path) from None
    if raw.get("version") != 1 or raw.get("algorithm") != "scrypt" or not stored.is_sound():
        raise damaged(path)
    return stored


def parse_attempts(raw: Any) -> Attempts | None:
    """The count in a record or an old lock file; None when it is damaged. A record written
    before the count moved into it has neither key, and reads as no wrong PINs."""
    if isinstance(raw, dict) and "failures" not in raw and "locked_until" not in raw:
        return Attempts()
    try:
        failures, until = _whole(raw, "failures"), raw["locked_until"]
        if isinstance(until, bool) or not isinstance(until, int | float):
            raise TypeError
        if failures < 0 or not math.isfinite(until):
            raise ValueError
        return Attempts(failures, float(until))
    except (KeyError, TypeError, ValueError, OverflowError):
        return None


def _whole(raw: Any, key: str) -> int:
    value = raw[key]
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(key)
    return value


# -- writing ---------------------------------------------------------------------------------


def write_record(path: Path, stored: PinHash, attempts: Attempts) -> None:
    """Write the whole record at once (``atomic_file``), readable only by this user."""
    record = {
        "version": 1,
        "algorithm": "scrypt",
        "n": stored.n,
        "r": stored.r,
        "p": stored.p,
        "salt": base64.b64encode(stored.salt).decode("ascii"),
        "key": base64.b64encode(stored.key).decode("ascii"),
        "failures": attempts.failures,
        "locked_until": attempts.locked_until,
    }
    with atomic_file(path, "w", encoding="utf-8") as handle:
        json.dump(record, handle)
        handle.write("\n")
    try:
        path.chmod(0o600)  # mkstemp already made it 0600; this says so (best effort on Windows)
    except OSError as exc:
        raise KioskError(f"cannot make {path} private: {exc.strerror}") from None
