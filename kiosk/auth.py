"""The supervisor PIN: stored only as a scrypt hash, with a lockout no file can be deleted to undo.

The PIN's hash and the count of wrong PINs share one record, ``supervisor-pin.json`` in the
data folder (``kiosk.pin_record``: its format and why it must be a private regular file). The
parameters follow the OWASP Password Storage Cheat Sheet (N=2**17, r=8, p=1, a fresh 16-byte
salt, a 32-byte key); ``check`` uses those recorded, so a PIN set with others still verifies
(tests lower the cost with ``cost=``). The PIN itself is never stored, logged or put in a message.

``LOCK_AFTER`` (5) wrong PINs in a row lock the supervisor area for ``LOCK_SECONDS`` (300):
``check`` then raises ``LockedOut`` (with ``seconds_left``) without hashing anything, and each
lock is logged as a warning. Locking starts a new count, so at most 5 guesses are possible in any
5 minutes (Cyber Essentials allows at most 10). Each check holds the data folder's lock
(``kiosk.pin_turn``) from reading the count to writing it, and counts the attempt *before*
hashing, so checks at once from many processes are counted one by one and a check killed halfway
still counts. A right PIN resets the count; a new PIN clears the count and any lock.

What could be done to the count fails closed: a count that is damaged (not a whole number, NaN,
a date beyond floats) locks the area for ``LOCK_SECONDS`` (logged); a lock further ahead than
``LOCK_SECONDS`` (a clock set back, or a record set to the far future) is cut to ``LOCK_SECONDS``
from now, so the area always opens again; a count at the limit without a lock locks. The old
``supervisor-lock.json`` of an earlier kiosk only ever adds to the count: it is folded into the
record (the larger count and the later lock win) and removed.

A PIN is 6 or more ASCII digits.
"""

import json
import logging
import math
import os
import re
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from kiosk.errors import KioskError
from kiosk.pin_record import (
    MAX_N,
    Attempts,
    PinHash,
    PinNotSetError,
    parse_attempts,
    parse_hash,
    read_record,
    write_record,
)
from kiosk.pin_turn import pin_turn

__all__ = [
    "LOCK_AFTER",
    "LOCK_FILE",
    "LOCK_SECONDS",
    "MIN_DIGITS",
    "PIN_FILE",
    "SCRYPT_N",
    "LockedOut",
    "PinNotSetError",
    "SupervisorPin",
    "check_pin_form",
    "describe_seconds",
]

PIN_FILE = "supervisor-pin.json"
LOCK_FILE = "supervisor-lock.json"  # where an earlier kiosk kept the count; folded in, removed
SCRYPT_N = 2**17
MIN_DIGITS = 6
LOCK_AFTER = 5
LOCK_SECONDS = 300
WAIT_SECONDS = 15.0  # for another process's check: five of ~0.5 s each, on a slow machine
_PIN = re.compile(r"[0-9]{%d,}" % MIN_DIGITS)  # noqa: UP031 (a regex's braces)
_DAMAGED = Attempts(-1, 0.0)  # an old lock file that cannot be read

logger = logging.getLogger(__name__)


class LockedOut(KioskError):  # noqa: N818 (reads as a state)
    """Too many wrong PINs in a row: the supervisor area is locked for ``seconds_left``."""

    def __init__(self, seconds_left: int) -> None:
        self.seconds_left = seconds_left
        super().__init__(
            f"the supervisor area is locked after {LOCK_AFTER} wrong PINs in a row; "
            f"try again in {describe_seconds(seconds_left)}"
        )


def describe_seconds(seconds: int) -> str:
    """``250`` -> ``"4 min 10 s"``, ``45`` -> ``"45 s"``."""
    minutes, rest = divmod(max(0, seconds), 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


def check_pin_form(pin: str) -> None:
    """Refuse a new PIN that is not 6 or more digits, without repeating it."""
    if not _PIN.fullmatch(pin):
        raise KioskError(
            f"a supervisor PIN must be at least {MIN_DIGITS} digits (0-9) and nothing else"
        )


class SupervisorPin:
    """The supervisor PIN of the kiosk whose data folder is ``data_dir``."""

    def __init__(
        self,
        data_dir: Path,
        *,
        cost: int = SCRYPT_N,
        clock: Callable[[], float] = time.time,
        wait_s: float = WAIT_SECONDS,
    ) -> None:
        if cost < 2 or cost & (cost - 1) or cost > MAX_N:
            raise ValueError(f"scrypt cost must be a power of 2 from 2 to {MAX_N}")
        self.data_dir = data_dir
        self.pin_file = data_dir / PIN_FILE
        self.lock_file = data_dir / LOCK_FILE
        self.cost = cost
        self.clock = clock
        self.wait_s = wait_s

    # -- the PIN ---------------------------------------------------------------------------

    def is_set(self) -> bool:
        """Whether anything is where the PIN record goes (``check`` says if it is not sound)."""
        return os.path.lexists(self.pin_file)

    def set(self, pin: str, *, first: bool = False) -> None:
        """Store a new PIN (6 or more digits) and clear any count or lock. With ``first`` only
        where none is set yet (``kiosk supervisor set-pin`` asks for the current PIN, or
        ``--reset``, otherwise); without it whatever was there is replaced."""
        check_pin_form(pin)
        new = PinHash.of(pin, self.cost)
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise KioskError(
                f"cannot create the data folder {self.data_dir}: {exc.strerror}"
            ) from None
        with pin_turn(self.data_dir, self.wait_s):
            if first and self.is_set():
                raise KioskError(
                    "a supervisor PIN was set while this one was typed; run kiosk supervisor "
                    "set-pin again to replace it (it asks for the current PIN)"
                )
            self._store(new, Attempts())

    def check(self, pin: str) -> bool:
        """True for the right PIN; raises ``LockedOut`` while locked, ``PinNotSetError`` unset."""
        with self._turn():
            return self._check_in_turn(pin)[0]

    def replace(self, current: str, new: str) -> bool:
        """Set ``new`` if ``current`` is the PIN (a wrong one counts, as in ``check``)."""
        check_pin_form(new)
        replacement = PinHash.of(new, self.cost)
        with self._turn():
            right, _ = self._check_in_turn(current)
            if right:
                self._store(replacement, Attempts())
            return right

    def parameters(self) -> tuple[int, int, int] | None:
        """The stored hash's scrypt (N, r, p), or None when no PIN is set; checks the file."""
        if not self.is_set():
            return None
        stored = parse_hash(read_record(self.pin_file), self.pin_file)
        return stored.n, stored.r, stored.p

    def _turn(self) -> AbstractContextManager[None]:
        if not self.is_set():  # no folder to lock either
            read_record(self.pin_file)  # raises PinNotSetError
        return pin_turn(self.data_dir, self.wait_s)

    def _check_in_turn(self, pin: str) -> tuple[bool, PinHash]:
        raw = read_record(self.pin_file)
        stored = parse_hash(raw, self.pin_file)
        attempts, changed = self._in_force(raw)
        now = self.clock()
        if attempts.locked_until > now:
            if changed:
                self._store(stored, attempts)
            raise LockedOut(math.ceil(attempts.locked_until - now))
        counted = self._one_more_wrong(attempts)
        self._store(stored, counted)  # before hashing: a check cut short still counts
        # only a PIN of the form set can be right: scrypt's HMAC pads its key with NULs, so
        # the hash alone takes "482913\x00" for "482913"
        if _PIN.fullmatch(pin) and stored.matches(pin):
            self._store(stored, Attempts())
            return True, stored
        if counted.locked_until:
            logger.warning(
                "supervisor area locked for %s after %d wrong PINs in a row",
                describe_seconds(LOCK_SECONDS),
                LOCK_AFTER,
            )
        return False, stored

    def _one_more_wrong(self, attempts: Attempts) -> Attempts:
        if attempts.failures + 1 >= LOCK_AFTER:
            return Attempts(0, self.clock() + LOCK_SECONDS)
        return Attempts(attempts.failures + 1, 0.0)

    def _store(self, stored: PinHash, attempts: Attempts) -> None:
        write_record(self.pin_file, stored, attempts)
        try:
            self.lock_file.unlink(missing_ok=True)  # its count, if any, is in the record now
        except OSError as exc:
            raise KioskError(
                f"{self.lock_file} (an old supervisor PIN count) cannot be removed "
                f"({exc.strerror}); the supervisor area stays locked until it is removed"
            ) from None

    # -- the lockout -----------------------------------------------------------------------

    def locked_for(self) -> int:
        """Whole seconds until the area opens again; 0 when it is not locked (or no PIN)."""
        try:
            raw = read_record(self.pin_file)
        except PinNotSetError:
            return 0
        attempts, changed = self._in_force(raw)
        if changed:
            attempts = self._hold_if_free() or attempts
        now = self.clock()
        return math.ceil(attempts.locked_until - now) if attempts.locked_until > now else 0

    def failures(self) -> int:
        """Wrong PINs in a row since the last right PIN, lock or new PIN (0 if unreadable)."""
        try:
            return self._in_force(read_record(self.pin_file))[0].failures
        except KioskError:
            return 0

    def _hold_if_free(self) -> Attempts | None:
        """Write a cut or newly found lock now, unless a check is under way (it will)."""
        try:
            with pin_turn(self.data_dir, 0):
                raw = read_record(self.pin_file)
                attempts, changed = self._in_force(raw)
                if changed:
                    self._store(parse_hash(raw, self.pin_file), attempts)
                return attempts
        except KioskError:
            return None

    def _in_force(self, raw: dict[str, Any]) -> tuple[Attempts, bool]:
        """The count and lock in force now, and whether the record must be written to hold
        them (a damaged count, a lock cut short, an old lock file's count)."""
        stored, old = parse_attempts(raw), self._old_count()
        if stored is None or old is _DAMAGED:
            logger.warning(
                "the supervisor PIN count in %s is damaged; locking the supervisor area for %s",
                self.pin_file if stored is None else self.lock_file,
                describe_seconds(LOCK_SECONDS),
            )
            return Attempts(0, self.clock() + LOCK_SECONDS), True
        merged = stored
        if old is not None:
            merged = Attempts(
                max(stored.failures, old.failures), max(stored.locked_until, old.locked_until)
            )
        bounded = self._bounded(merged)
        return bounded, bounded != stored or old is not None

    def _bounded(self, attempts: Attempts) -> Attempts:
        latest = self.clock() + LOCK_SECONDS
        if attempts.locked_until > latest:  # a clock set back: never lock for longer
            return Attempts(0, latest)
        if attempts.failures >= LOCK_AFTER and attempts.locked_until <= self.clock():
            return Attempts(0, latest)
        return attempts

    def _old_count(self) -> Attempts | None:
        try:
            raw = json.loads(self.lock_file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, UnicodeDecodeError):
            return _DAMAGED
        if not isinstance(raw, dict) or "failures" not in raw:
            return _DAMAGED
        return parse_attempts(raw) or _DAMAGED
