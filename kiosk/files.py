"""Files that appear whole or not at all, and that only the kiosk's own user can read.

Written under a temporary name (``.<name>.pid<N>.<random>.partial``), fsynced, then renamed.
Every file the kiosk makes is owner-only: the contact log and its logs hold what the council
must keep to itself, whatever the umask of whoever started it.
"""

import os
import re
import stat
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from kiosk.errors import KioskError

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700
STALE_AFTER_S = 3600  # a partial file nobody has written to for an hour is dead
_PARTIAL = re.compile(r"^\..+\.pid(\d+)\.\w+\.partial\Z|^\..+\.partial\Z")


@contextmanager
def kept_private() -> Iterator[None]:
    """Inside, whatever this process creates is for its own user only, whatever the umask."""
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def private_folder(folder: Path) -> Path:
    """``folder``, made owner-only if it is not there yet.

    A folder that is already there keeps its mode: it may be one IT chose, or a home
    folder; ``kiosk doctor`` says when others can read it.
    """
    folder.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    return folder


def open_to_others(path: Path) -> int:
    """The permission bits group and others have on ``path`` (0 when none, or unknown)."""
    try:
        return stat.S_IMODE(path.stat().st_mode) & 0o077 if os.name != "nt" else 0
    except OSError:
        return 0


def make_private(path: Path, mode: int = PRIVATE_FILE) -> None:
    """Take away what group and others may do with a file or folder of ours, if anything."""
    try:
        status = path.lstat()  # a link is left alone, and so is what it points to
        ours = stat.S_ISREG(status.st_mode) or stat.S_ISDIR(status.st_mode)
        if ours and stat.S_IMODE(status.st_mode) & 0o077 and status.st_uid == os.getuid():
            path.chmod(mode)
    except (OSError, AttributeError):  # gone meanwhile, or no uids here (Windows)
        pass


def remove_stale_partials(folder: Path, *, shared: bool = False) -> int:
    """Delete what interrupted writes left in ``folder``; returns how many went.

    A partial file is stale when the process that wrote it is gone, or when nothing has
    written to it for an hour (on Windows, where a process cannot be asked after safely,
    only then). A write still going on in another process is left alone. ``shared``: a
    folder other computers write to too, whose process ids mean nothing here (age only).
    """
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        found = _PARTIAL.match(entry.name)
        path = Path(entry.path)
        if not found or (shared and not found[1]):  # in a shared folder: only a kiosk's
            continue
        pid = None if shared else found[1]
        if entry.is_file(follow_symlinks=False) and left_behind(path, pid, shared):
            try:
                path.unlink()
                removed += 1
            except OSError:
                pass
    return removed


def left_behind(path: Path, pid: str | None, shared: bool = False) -> bool:
    """True when the unfinished ``path``, written by process ``pid`` (if known), is dead."""
    try:
        idle = time.time() - path.lstat().st_mtime
    except OSError:
        return False
    if idle > STALE_AFTER_S:
        return True
    return not shared and pid is not None and os.name != "nt" and not _running(int(pid))


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # someone else's process: running
        return True
    return True


@contextmanager
def atomic_file(target: Path, mode: str = "w", **options: Any) -> Iterator[IO[Any]]:
    """Write ``target`` through a temporary file in the same folder, fsynced, then renamed.

    A crash, a full disk or an exception leaves the old file (or none), never half of one.
    Failures to create or finish the file become a KioskError naming it.
    """
    try:
        descriptor, name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.pid{os.getpid()}.", suffix=".partial"
        )
    except OSError as exc:
        raise KioskError(f"cannot write in {target.parent}: {exc.strerror}") from None
    partial = Path(name)
    try:
        with open(descriptor, mode, **options) as handle:  # noqa: PTH123 (a file descriptor)
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        partial.replace(target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise KioskError(
            f"could not write {target}, nothing was written: {exc.strerror}"
        ) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
