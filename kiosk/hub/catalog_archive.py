"""A catalog folder, checked as ``kiosk catalog check`` checks it, as the catalog.tar.gz kiosks
fetch: the catalog's own files only (catalog/files.py), as regular files and folders under
relative paths, with no link, owner or time in it, so the same catalog makes the same bytes.
"""

import gzip
import io
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from kiosk.catalog.files import copy_catalog
from kiosk.catalog.loader import check_catalog
from kiosk.catalog.problems import Problem
from kiosk.errors import KioskError

FILE_MODE = 0o644
FOLDER_MODE = 0o755


class CatalogRefusedError(KioskError):
    """The folder's catalog has errors: nothing was published."""

    def __init__(self, message: str, problems: list[Problem]) -> None:
        super().__init__(message)
        self.problems = problems


@dataclass(frozen=True)
class CheckedArchive:
    archive: bytes
    content_version: str  # the catalog's version as kiosks name it (kiosk catalog list)
    services: int
    problems: list[Problem]  # warnings only


def checked_archive(folder: Path) -> CheckedArchive:
    """The catalog in ``folder`` as an archive, or CatalogRefusedError with every problem."""
    result = check_catalog(folder)
    if result.errors or result.catalog is None:
        services = len(result.catalog.services) if result.catalog else "?"
        raise CatalogRefusedError(
            f"{folder}: {services} services, {len(result.errors)} error(s), "
            f"{len(result.warnings)} warning(s): nothing was published",
            result.problems,
        )
    with tempfile.TemporaryDirectory(prefix="kiosk-hub-catalog-") as copy:
        copy_catalog(folder, Path(copy))
        archive = catalog_tar(Path(copy))
    catalog = result.catalog
    return CheckedArchive(archive, catalog.version, len(catalog.services), result.problems)


def catalog_tar(folder: Path) -> bytes:
    """Every folder and regular file under ``folder`` (links were followed when copied)."""
    buffer = io.BytesIO()
    with (
        gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0) as zipped,
        tarfile.open(fileobj=zipped, mode="w", format=tarfile.PAX_FORMAT) as tar,
    ):
        for path in sorted(folder.rglob("*")):
            name = path.relative_to(folder).as_posix()
            if path.is_dir():
                tar.addfile(_entry(name, tarfile.DIRTYPE, FOLDER_MODE))
            elif path.is_file():
                data = path.read_bytes()
                entry = _entry(name, tarfile.REGTYPE, FILE_MODE, len(data))
                tar.addfile(entry, io.BytesIO(data))
    return buffer.getvalue()


def _entry(name: str, kind: bytes, mode: int, size: int = 0) -> tarfile.TarInfo:
    entry = tarfile.TarInfo(name)
    entry.type = kind
    entry.mode = mode
    entry.size = size
    entry.mtime = 0
    entry.uid = entry.gid = 0
    entry.uname = entry.gname = ""
    return entry
