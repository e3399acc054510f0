"""Root must not leave files in a folder that belongs to the kiosk's own user.

``sudo kiosk report`` on an installed kiosk would otherwise create the contact log's ``-wal``
and ``-shm`` files, a snapshot or a rotated log owned by root, and the kiosk, running as its
own unprivileged user, could no longer write them.
"""

import os
import sys
from pathlib import Path

from kiosk.errors import KioskError


def foreign_owner(folder: Path) -> str | None:
    """Who owns ``folder``, when we run as root and it belongs to another user; else None."""
    if sys.platform == "win32" or os.geteuid() != 0:
        return None
    try:
        uid = folder.stat().st_uid
    except OSError:
        return None  # not there yet: whoever makes it owns it
    return None if uid == 0 else _user_name(uid)


def refuse_foreign_folder(folder: Path, what: str) -> None:
    owner = foreign_owner(folder)
    if owner is not None:
        raise KioskError(
            f"{what} {folder} belongs to the user '{owner}': run this as that user "
            f"(sudo -u {owner} kiosk ...), or root would leave files there it cannot write"
        )


def _user_name(uid: int) -> str:
    import pwd  # Unix only

    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)
