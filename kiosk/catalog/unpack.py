"""Unpack the hub's catalog archive, refusing anything a catalog folder never holds.

The archive is signed, but a signature says who made it, not that it is harmless: a hub with
a bug, or a key in the wrong hands, must still not be able to write outside the new folder,
leave a link to the system's files in it, or fill the disk. So the gzip stream is unpacked
into a plain tar file no bigger than ``MAX_UNPACKED_BYTES``, every entry is looked at before
anything is written (ordinary files and folders only, relative names without ``..``, at most
``MAX_ENTRIES``), and only then does ``tarfile`` extract it, with its ``data`` filter as a
second guard.
"""

import gzip
import shutil
import tarfile
import tempfile
import zlib
from pathlib import Path, PurePosixPath
from typing import IO

from kiosk.errors import KioskError

MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # a 700-service catalog with pictures is a few MB
MAX_ENTRIES = 20_000
_CHUNK = 1024 * 1024


class UnpackError(KioskError):
    """The archive holds something a catalog never does; nothing of it was kept."""


def unpack_catalog(archive: Path, target: Path) -> Path:
    """Unpack ``archive`` (a gzip tar) into the empty folder ``target``; returns the catalog
    folder in it (``target`` itself, or the one folder the archive put everything in)."""
    with tempfile.TemporaryFile(dir=target.parent) as plain:
        _gunzip(archive, plain)
        plain.seek(0)
        with tarfile.open(fileobj=plain, mode="r:") as tar:
            members = tar.getmembers()
            _refuse_strays(members)
            tar.extractall(target, members=members, filter="data")
    return _catalog_root(target)


def _gunzip(archive: Path, out: IO[bytes]) -> None:
    written = 0
    try:
        with gzip.open(archive, "rb") as stream:
            while chunk := stream.read(_CHUNK):
                written += len(chunk)
                if written > MAX_UNPACKED_BYTES:
                    raise UnpackError(
                        f"unpacks to more than {MAX_UNPACKED_BYTES // (1024 * 1024)} MB, "
                        "far more than any catalog"
                    )
                out.write(chunk)
    except (OSError, EOFError, zlib.error) as exc:
        raise UnpackError(f"is not a gzip archive that can be read ({exc})") from None


def _refuse_strays(members: list[tarfile.TarInfo]) -> None:
    if len(members) > MAX_ENTRIES:
        raise UnpackError(f"holds {len(members):,} entries; a catalog has at most {MAX_ENTRIES:,}")
    for member in members:
        problem = _entry_problem(member)
        if problem:
            raise UnpackError(f"holds {member.name!r}, {problem}")


def _entry_problem(member: tarfile.TarInfo) -> str | None:
    name = PurePosixPath(member.name)
    if member.issym() or member.islnk():
        return "a link; a catalog holds only its own files"
    if not (member.isfile() or member.isdir()):
        return "a device, pipe or other special file; a catalog holds only its own files"
    if name.is_absolute() or member.name.startswith(("/", "\\")) or ":" in name.parts[0]:
        return "a name from the top of the disk; a catalog's names are inside it"
    if ".." in name.parts or "\\" in member.name:
        return "a name that climbs out of the catalog folder (..)"
    return None


def _catalog_root(target: Path) -> Path:
    """Where council.toml is: at the top, or in the one folder the archive holds."""
    if (target / "council.toml").exists():
        return target
    entries = list(target.iterdir())
    if len(entries) == 1 and entries[0].is_dir() and not entries[0].is_symlink():
        return entries[0]
    return target  # the catalog check says what is missing


def remove_quietly(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
