"""The supervisor PIN: stored only as a scrypt hash, with a lockout that survives a restart.

Files, both in the data folder, both JSON written whole or not at all (``atomic_file``) and
readable only by the kiosk's user (mode 0600; on Windows the mode is best effort):

``supervisor-pin.json``
    ``{"version": 1, "algorithm": "scrypt", "n": 131072, "r": 8, "p": 1, "salt": <base64>,
    "key": <base64>}``. The parameters follow the OWASP Password Storage Cheat Sheet
    (N=2**17, r=8, p=1, a fresh 16-byte random salt, a 32-byte key). The PIN itself is never
    stored, logged or put in a message. ``check`` uses the parameters recorded in the file, so
    a PIN set with other parameters still verifies; tests lower the cost with ``cost=``.
``supervisor-lock.json``
    ``{"failures": <wrong PINs in a row>, "locked_until": <epoch seconds, 0 = not locked>}``.
    ``LOCK_AFTER`` (5) wrong PINs in a row lock the supervisor area for ``LOCK_SECONDS`` (300):
    ``check`` then raises ``LockedOut`` (with ``seconds_left``) without hashing anything, and
    each lock is logged as a warning. Locking starts a new count, so at most 5 guesses are
    possible in any 5 minutes (Cyber Essentials allows at most 10). A right PIN resets the count;
    setting a new PIN clears both the count and any lock. If the clock is set back, a lock never
    lasts more than ``LOCK_SECONDS`` from now. A damaged lock file fails closed: it is replaced
    by a fresh lock (logged), so the area opens again after ``LOCK_SECONDS``.

A PIN is 6 or more ASCII digits. A damaged or unreadable PIN file is a ``KioskError`` telling
the reader to set the PIN again with ``kiosk supervisor set-pin``.
"""

import base64
import binascii
import hashlib
import hmac
import json
import logging
import math
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.errors import KioskError
from kiosk.files import atomic_file

PIN_FILE = "supervisor-pin.json"
LOCK_FILE = "supervisor-lock.json"
SCRYPT_N = 2**17
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
KEY_BYTES = 32
MIN_DIGITS = 6
LOCK_AFTER = 5
LOCK_SECONDS = 300
_MAX_N = 2**20  # a file asking for more memory than this is treated as damaged
_PIN = re.compile(r"[0-9]{%d,}" % MIN_DIGITS)  # noqa: UP031 (a regex's braces)
_SET_AGAIN = "set it again with kiosk supervisor set-pin"

logger = logging.getLogger(__name__)


class LockedOut(KioskError):  # noqa: N818 (reads as a state)
    """Too many wrong PINs in a row: the supervisor area is locked for ``seconds_left``."""

    def __init__(self, seconds_left: int) -> None:
        self.seconds_left = seconds_left
        super().__init__(
            f"the supervisor area is locked after {LOCK_AFTER} wrong PINs in a row; "
            f"try again in {describe_seconds(seconds_left)}"
        )


class PinNotSetError(KioskError):
    """No supervisor PIN has been set yet."""


def describe_seconds(seconds: int) -> str:
    """``250`` -> ``"4 min 10 s"``, ``45`` -> ``"45 s"``."""
    minutes, rest = divmod(max(0, seconds), 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


@dataclass(frozen=True)
class _Hash:
    n: int
    r: int
    p: int
    salt: bytes
    key: bytes


def _scrypt(pin: str, n: int, r: int, p: int, salt: bytes) -> bytes:
    # scrypt needs about 128 * r * N bytes (128 MiB for the OWASP parameters); allow twice that
    maxmem = 2 * 128 * r * n + 128 * r * p + 2**20
    return hashlib.scrypt(
        pin.encode("ascii", "replace"), salt=salt, n=n, r=r, p=p, dklen=KEY_BYTES, maxmem=maxmem
    )


def _write_json(path: Path, data: dict[str, Any]) -> None:
    with atomic_file(path, "w", encoding="utf-8") as handle:
        json.dump(data, handle)
        handle.write("\n")
    try:
        path.chmod(0o600)  # mkstemp already made it 0600; this says so (best effort on Windows)
    except OSError as exc:
        raise KioskError(f"cannot make {path} private: {exc.strerror}") from None


class SupervisorPin:
    """The supervisor PIN of the kiosk whose data folder is ``data_dir``."""

    def __init__(
        self,
        data_dir: Path,
        *,
        cost: int = SCRYPT_N,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if cost < 2 or cost & (cost - 1) or cost > _MAX_N:
            raise ValueError(f"scrypt cost must be a power of 2 from 2 to {_MAX_N}")
        self.data_dir = data_dir
        self.pin_file = data_dir / PIN_FILE
        self.lock_file = data_dir / LOCK_FILE
        self.cost = cost
        self.clock = clock

    # -- the PIN ---------------------------------------------------------------------------

    def is_set(self) -> bool:
        return self.pin_file.is_file()

    def set(self, pin: str) -> None:
        """Store a new PIN (6 or more digits) and clear any wrong-PIN count or lock."""
        if not _PIN.fullmatch(pin):
            raise KioskError(
                f"a supervisor PIN must be at least {MIN_DIGITS} digits (0-9) and nothing else"
            )
        salt = secrets.token_bytes(SALT_BYTES)
        key = _scrypt(pin, self.cost, SCRYPT_R, SCRYPT_P, salt)
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise KioskError(
                f"cannot create the data folder {self.data_dir}: {exc.strerror}"
            ) from None
        _write_json(
            self.pin_file,
            {
                "version": 1,
                "algorithm": "scrypt",
                "n": self.cost,
                "r": SCRYPT_R,
                "p": SCRYPT_P,
                "salt": base64.b64encode(salt).decode("ascii"),
                "key": base64.b64encode(key).decode("ascii"),
            },
        )
        self._write_lock(0, 0.0)

    def check(self, pin: str) -> bool:
        """True for the right PIN; raises ``LockedOut`` while locked, ``PinNotSetError`` unset."""
        failures, until = self._lock_state()
        now = self.clock()
        if until > now:
            raise LockedOut(math.ceil(until - now))
        stored = self._read_hash()
        candidate = _scrypt(pin, stored.n, stored.r, stored.p, stored.salt)
        if hmac.compare_digest(candidate, stored.key):
            if failures:
                self._write_lock(0, 0.0)
            return True
        failures += 1
        if failures >= LOCK_AFTER:
            self._write_lock(0, self.clock() + LOCK_SECONDS)
            logger.warning(
                "supervisor area locked for %s after %d wrong PINs in a row",
                describe_seconds(LOCK_SECONDS),
                failures,
            )
        else:
            self._write_lock(failures, 0.0)
        return False

    def parameters(self) -> tuple[int, int, int] | None:
        """The stored hash's scrypt (N, r, p), or None when no PIN is set; checks the file."""
        if not self.is_set():
            return None
        stored = self._read_hash()
        return stored.n, stored.r, stored.p

    def _read_hash(self) -> _Hash:
        damaged = KioskError(f"the supervisor PIN file {self.pin_file} is damaged; {_SET_AGAIN}")
        try:
            raw = json.loads(self.pin_file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise PinNotSetError(
                "no supervisor PIN is set; set one with kiosk supervisor set-pin"
            ) from None
        except OSError as exc:
            raise KioskError(
                f"the supervisor PIN file {self.pin_file} cannot be read ({exc.strerror}); "
                f"check its permissions or {_SET_AGAIN}"
            ) from None
        except (ValueError, UnicodeDecodeError):
            raise damaged from None
        try:
            if not isinstance(raw, dict):
                raise TypeError
            stored = _Hash(
                n=_whole(raw, "n"),
                r=_whole(raw, "r"),
                p=_whole(raw, "p"),
                salt=base64.b64decode(raw["salt"], validate=True),
                key=base64.b64decode(raw["key"], validate=True),
            )
        except (KeyError, TypeError, ValueError, binascii.Error):
            raise damaged from None
        sound = (
            raw.get("version") == 1
            and raw.get("algorithm") == "scrypt"
            and 2 <= stored.n <= _MAX_N
            and not stored.n & (stored.n - 1)
            and 1 <= stored.r <= 32
            and 1 <= stored.p <= 16
            and len(stored.salt) >= SALT_BYTES
            and len(stored.key) == KEY_BYTES
        )
        if not sound:
            raise damaged
        return stored

    # -- the lockout -----------------------------------------------------------------------

    def locked_for(self) -> int:
        """Whole seconds until the area opens again; 0 when it is not locked."""
        _, until = self._lock_state()
        now = self.clock()
        return math.ceil(until - now) if until > now else 0

    def failures(self) -> int:
        """Wrong PINs in a row since the last right PIN, lock or new PIN."""
        return self._lock_state()[0]

    def _lock_state(self) -> tuple[int, float]:
        try:
            raw = json.loads(self.lock_file.read_text(encoding="utf-8"))
            failures, until = _whole(raw, "failures"), raw["locked_until"]
            if isinstance(until, bool) or not isinstance(until, int | float):
                raise TypeError
            if failures < 0 or not math.isfinite(until):
                raise ValueError
        except FileNotFoundError:
            return 0, 0.0
        except OSError as exc:
            raise KioskError(
                f"the supervisor lock file {self.lock_file} cannot be read ({exc.strerror})"
            ) from None
        except (ValueError, TypeError, KeyError, UnicodeDecodeError):
            logger.warning(
                "supervisor lock file %s is damaged; locking the supervisor area for %s",
                self.lock_file,
                describe_seconds(LOCK_SECONDS),
            )
            return self._write_lock(0, self.clock() + LOCK_SECONDS)
        latest = self.clock() + LOCK_SECONDS
        if until > latest:  # the clock was set back: never lock for longer than LOCK_SECONDS
            return self._write_lock(failures, latest)
        return failures, float(until)

    def _write_lock(self, failures: int, until: float) -> tuple[int, float]:
        _write_json(self.lock_file, {"failures": failures, "locked_until": until})
        return failures, until


def _whole(raw: Any, key: str) -> int:
    value = raw[key]
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(key)
    return value
