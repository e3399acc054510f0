"""Damage, once seen, is remembered beside the contact log, so every later command says so.

SQLite notices damage only when it reads a damaged page: ``contacts add`` or ``report`` may
never touch one, and a full check takes seconds on a large log, too long for every command.
So whatever finds the damage (opening the log, an export or upload that reads it,
``kiosk doctor``'s quick check) leaves a small note, ``contacts.db.damage-seen``, and every
command that opens the log warns while it is there. The note is for that very file (its
inode): a log put back from a backup, or made anew by ``kiosk contacts recover``, is not
named damaged by an old note.
"""

import contextlib
import json
from pathlib import Path
from typing import Final

from kiosk.contacts.contact import utc_now
from kiosk.errors import KioskError
from kiosk.files import atomic_file

SUFFIX: Final = ".damage-seen"
MAX_NOTE_BYTES: Final = 4096


def note_path(log: Path) -> Path:
    return log.with_name(log.name + SUFFIX)


def remember_damage(log: Path, reason: str) -> None:
    """Note that ``log`` was found damaged (best effort: a full disk must not hide the error)."""
    try:
        identity = _identity(log)
        note = {"file": identity, "seen_at": utc_now(), "reason": reason[:500]}
        with atomic_file(note_path(log), "w") as handle:
            json.dump(note, handle)
    except (OSError, KioskError):
        return


def damage_seen(log: Path) -> str | None:
    """When and how ``log`` (this very file) was found damaged, or None."""
    try:
        with note_path(log).open("rb") as handle:
            note = json.loads(handle.read(MAX_NOTE_BYTES))
        if note["file"] != _identity(log):
            return None  # the log was replaced since
        return f"found damaged at {note['seen_at']}: {note['reason']}"
    except (OSError, ValueError, KeyError, TypeError):
        return None


def forget_damage(log: Path) -> None:
    with contextlib.suppress(OSError):
        note_path(log).unlink()


def _identity(log: Path) -> list[int]:
    status = log.stat()
    return [status.st_dev, status.st_ino]
