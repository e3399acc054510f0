"""The hub's catalog as this kiosk keeps it: a folder per version, and a pointer to the one used.

Everything lives in ``<data_dir>/hub-catalog/``: ``metadata/`` (TUF's trusted metadata),
``download/`` (the archive while it is checked), ``versions/<N>/`` (each unpacked, checked
version), ``current.json`` (which version is in use, written whole with ``atomic_file``) and
``last-check.json`` (when the hub was last asked, and what came of it, for the status line,
the supervisor area and ``kiosk doctor``). A switch is the pointer's rename: a process that
reads the catalog sees the old version or the new one, never half of either.
"""

import json
import logging
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from kiosk.errors import KioskError
from kiosk.files import atomic_file, private_folder

log = logging.getLogger(__name__)
HUB_DIR = "hub-catalog"
_POINTER = "current.json"
_LAST_CHECK = "last-check.json"
_KEPT_VERSIONS = 2  # the one in use and the one before (a process may still be reading it)
_SMALL_FILE = 64 * 1024

Outcome = Literal["current", "updated", "failed"]


@dataclass(frozen=True)
class HubCatalog:
    """A version of the hub's catalog that passed every check here and is (or was) in use."""

    version: int
    sha256: str  # of the archive, as the signed metadata gave it
    published_by: str
    published_at: str
    folder: Path  # the catalog folder itself (council.toml, services/…)

    def describe(self) -> str:
        return (
            f"the hub's catalog, version {self.version} "
            f"(published by {self.published_by} at {self.published_at})"
        )


@dataclass(frozen=True)
class LastCheck:
    """What the last check with the hub found, in words staff and IT can act on."""

    checked_at: str  # ISO 8601 UTC
    outcome: Outcome
    version: int | None  # the hub's version in use afterwards (None: the local folder)
    error: str | None = None

    def describe(self) -> str:
        if self.outcome == "failed":
            return f"the last check with the hub, at {self.checked_at}, failed: {self.error}"
        what = "updated to" if self.outcome == "updated" else "already had"
        return f"the last check with the hub, at {self.checked_at}, {what} version {self.version}"


def hub_folder(data_dir: Path) -> Path:
    return data_dir / HUB_DIR


def versions_folder(data_dir: Path) -> Path:
    return hub_folder(data_dir) / "versions"


def hub_catalog(data_dir: Path) -> HubCatalog | None:
    """The hub's version in use here, or None when there is none (or its folder is gone)."""
    found = _read_json(hub_folder(data_dir) / _POINTER)
    try:
        catalog = HubCatalog(
            version=int(found["version"]),
            sha256=str(found["sha256"]),
            published_by=str(found["published_by"]),
            published_at=str(found["published_at"]),
            folder=versions_folder(data_dir) / str(found["folder"]),
        )
    except (KeyError, TypeError, ValueError):
        return None
    return catalog if catalog.folder.is_dir() else None


def make_current(data_dir: Path, catalog: HubCatalog) -> None:
    """Point the kiosk at ``catalog`` (already in ``versions/``), then drop older versions."""
    record = asdict(catalog) | {"folder": catalog.folder.relative_to(versions_folder(data_dir))}
    record["folder"] = str(record["folder"])
    with atomic_file(hub_folder(data_dir) / _POINTER, encoding="utf-8") as pointer:
        json.dump(record, pointer)
    _remove_old_versions(data_dir, catalog.folder)


def _remove_old_versions(data_dir: Path, keep: Path) -> None:
    folders = [
        p for p in versions_folder(data_dir).iterdir() if p.is_dir() and p.name[0].isdigit()
    ]
    folders.sort(key=lambda p: (p != keep, -int(p.name.split("-")[0])))
    for old in folders[_KEPT_VERSIONS:]:
        shutil.rmtree(old, ignore_errors=True)


def record_check(data_dir: Path, check: LastCheck) -> None:
    """Keep ``check`` for the status line; a failure to keep it is logged, never fatal."""
    try:
        folder = private_folder(hub_folder(data_dir))
        with atomic_file(folder / _LAST_CHECK, encoding="utf-8") as handle:
            json.dump(asdict(check), handle)
    except (OSError, KioskError) as exc:
        log.warning("could not keep the result of the catalog check: %s", exc)


def last_check(data_dir: Path) -> LastCheck | None:
    found = _read_json(hub_folder(data_dir) / _LAST_CHECK)
    try:
        outcome = found["outcome"]
        if outcome not in ("current", "updated", "failed"):
            return None
        version = found["version"]
        return LastCheck(
            checked_at=str(found["checked_at"]),
            outcome=outcome,
            version=None if version is None else int(version),
            error=None if found.get("error") is None else str(found["error"]),
        )
    except (KeyError, TypeError, ValueError):
        return None


def _read_json(path: Path) -> Any:
    try:
        with path.open("rb") as handle:
            return json.loads(handle.read(_SMALL_FILE))
    except (OSError, ValueError):
        return {}
