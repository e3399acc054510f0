"""The last good catalog: a validated copy in the data dir that the kiosk falls back on.

A content editor's mistake must never take the desk down. Every time the configured catalog
passes its checks, a copy is kept; when it later fails, the kiosk runs on that copy and says so.
Both checks go through the check cache (``cache``): an unchanged catalog is not checked twice.
"""

import logging
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kiosk.catalog.cache import cached_check
from kiosk.catalog.files import copy_catalog
from kiosk.catalog.model import Catalog
from kiosk.catalog.problems import CatalogCheck
from kiosk.errors import CatalogError, KioskError
from kiosk.files import atomic_file, left_behind

log = logging.getLogger(__name__)
SNAPSHOT_DIR = "last-good-catalog"
CACHE_DIR = "catalog-checks"
_POINTER = "current"
_COPY_PID = re.compile(r"^\.copy-pid(\d+)-")


@dataclass(frozen=True)
class CatalogState:
    """The catalog in use, and whether it is the configured one or the last good copy."""

    catalog: Catalog
    check: CatalogCheck  # the configured catalog's own check, with its problems
    from_snapshot: bool


def open_catalog(source: Path, data_dir: Path, today: date | None = None) -> CatalogState:
    day = today or date.today()
    check = cached_check(source, data_dir / CACHE_DIR / "configured.json", day)
    folder = data_dir / SNAPSHOT_DIR
    if check.catalog is not None:
        _save(check.catalog, folder)
        return CatalogState(check.catalog, check, from_snapshot=False)
    fallback = _load(folder, data_dir / CACHE_DIR / "last-good.json", day)
    if fallback is None:
        lines = "\n".join(str(p) for p in check.errors)
        raise CatalogError(
            f"the catalog in {source} has {len(check.errors)} error(s) and there is no "
            f"last good catalog to fall back on:\n{lines}"
        )
    log.warning("catalog %s has errors; using the last good catalog %s", source, fallback.version)
    return CatalogState(fallback, check, from_snapshot=True)


def _load(folder: Path, cache_file: Path, today: date) -> Catalog | None:
    version = _current(folder)
    return None if version is None else cached_check(folder / version, cache_file, today).catalog


def _save(catalog: Catalog, folder: Path) -> None:
    """Keep a copy of ``catalog``; a failure here is logged, never fatal."""
    try:
        if _current(folder) == catalog.version:
            return
        folder.mkdir(parents=True, exist_ok=True)
        _remove_stale_copies(folder)
        staging = Path(tempfile.mkdtemp(prefix=f".copy-pid{os.getpid()}-", dir=folder))
        copy_catalog(catalog.root, staging)
        target = folder / catalog.version
        shutil.rmtree(target, ignore_errors=True)
        staging.rename(target)
        with atomic_file(folder / _POINTER, encoding="ascii") as pointer:
            pointer.write(catalog.version)
        _remove_all_but(folder, catalog.version)
    except (OSError, KioskError) as exc:
        log.warning("could not keep a copy of the good catalog in %s: %s", folder, exc)


def _remove_stale_copies(folder: Path) -> None:
    """What a copy cut off by a kill or a power cut left (another process's, still being
    made, is left alone)."""
    for child in folder.glob(".copy-*"):
        found = _COPY_PID.match(child.name)
        if child.is_dir() and not child.is_symlink() and left_behind(child, found and found[1]):
            shutil.rmtree(child, ignore_errors=True)


def _current(folder: Path) -> str | None:
    try:
        return (folder / _POINTER).read_text(encoding="ascii").strip()
    except OSError:
        return None


def _remove_all_but(folder: Path, keep: str) -> None:
    for child in folder.iterdir():  # not copies being made (``_remove_stale_copies``)
        if child.is_dir() and child.name != keep and not child.name.startswith(".copy-"):
            shutil.rmtree(child, ignore_errors=True)
