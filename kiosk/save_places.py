"""Where staff may save a handout or an export: the folders IT allows, and USB sticks.

The kiosk never shows the computer's files. A place is one of ``save_folders`` (config) or a
removable drive mounted under ``/media`` or ``/run/media`` (read from ``/proc/mounts``); a
file goes straight into it under a name staff typed, cleaned of anything that would make it
a path, and never over a file already there.
"""

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from kiosk.config import Config
from kiosk.errors import KioskError
from kiosk.files import atomic_file, remove_stale_partials

MOUNTS = Path("/proc/mounts")
REMOVABLE_ROOTS = (Path("/media"), Path("/run/media"))
LONGEST_NAME = 80  # characters, before the suffix
_NOT_IN_A_NAME = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


@dataclass(frozen=True)
class Place:
    label: str  # what staff see: the folder's or the drive's name
    path: Path
    removable: bool


def save_places(
    config: Config, mounts: Path = MOUNTS, roots: tuple[Path, ...] = REMOVABLE_ROOTS
) -> list[Place]:
    """The places staff may save to now: IT's folders that exist, then the USB sticks in."""
    folders = [Place(folder.name or str(folder), folder, False) for folder in config.save_folders]
    return [p for p in folders if p.path.is_dir()] + removable_drives(mounts, roots)


def removable_drives(
    mounts: Path = MOUNTS, roots: tuple[Path, ...] = REMOVABLE_ROOTS
) -> list[Place]:
    """Drives mounted under ``roots`` (a desktop mounts a USB stick there), by mount point."""
    try:
        lines = mounts.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []  # not Linux, or no /proc: no drives to offer
    drives = []
    for line in lines:
        fields = line.split()
        if len(fields) < 2:
            continue
        point = Path(_unescape(fields[1]))
        if any(point.is_relative_to(root) and point != root for root in roots):
            drives.append(Place(point.name, point, True))
    return sorted(drives, key=lambda place: place.label.lower())


def _unescape(field: str) -> str:
    """/proc/mounts writes a space in a mount point as \\040 (and tab, newline, backslash)."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def clean_file_name(typed: str, suffix: str) -> str:
    """``typed`` as a file name in one folder: no slashes or other path characters, not
    hidden, at most ``LONGEST_NAME`` characters, ending in ``suffix``."""
    name = _NOT_IN_A_NAME.sub("-", typed).strip(" .-")
    if name.lower().endswith(suffix.lower()):
        name = name[: -len(suffix)].rstrip(" .-")
    if not name:
        raise KioskError("Type a name for the file (letters or numbers).")
    return name[:LONGEST_NAME].rstrip(" .-") + suffix


def free_path(folder: Path, name: str) -> Path:
    """``folder/name``, or ``name (2)``, ``name (3)``… if a file of that name is there."""
    target = folder / name
    stem, suffix = target.stem, target.suffix
    number = 2
    while target.exists():
        target = folder / f"{stem} ({number}){suffix}"
        number += 1
    return target


def save_copy(source: Path, folder: Path, name: str) -> Path:
    """Copy ``source`` into ``folder`` as ``name`` (never over another file); where it went."""
    target = free_path(folder, name)
    remove_stale_partials(folder)  # a copy cut off by a stick pulled out, or a kill
    try:
        with source.open("rb") as original, atomic_file(target, "wb") as copy:
            shutil.copyfileobj(original, copy)
    except OSError as exc:
        raise KioskError(f"Could not save to {folder}: {exc.strerror or exc}") from exc
    except KioskError as exc:  # the folder or the file could not be made
        raise KioskError(f"Could not save to {folder}: {exc}") from None
    return target
