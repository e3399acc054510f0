"""The last good catalog: a validated copy in the data dir that the kiosk falls back on.

A content editor's mistake must never take the desk down. Every time the configured catalog
passes its checks, a copy is kept; when it later fails, the kiosk runs on that copy and says so.
Both checks go through the check cache (``cache``): an unchanged catalog is not checked twice.
"""

import logging
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kiosk.catalog.cache import cached_check
from kiosk.catalog.model import Catalog
from kiosk.catalog.problems import CatalogCheck
from kiosk.errors import CatalogError, KioskError
from kiosk.files import atomic_file

log = logging.getLogger(__name__)
SNAPSHOT_DIR = "last-good-catalog"
CACHE_DIR = "catalog-checks"
_POINTER = "current"


@dataclass(frozen=True)
class CatalogState:
    """The catalog in use, and whether it is the configured one or the last good copy."""

    catalog: Catalog
    check: CatalogCheck  # the configured catalog's own check, with its problems
    from_snapshot: bool


def open_catalog(source: Path, data_dir: Path, today: date | None = None) -> CatalogState:
    day = today or date.today()
    check = cached_check(source, data_dir / CACHE_DIR / "configured.json", day, data_dir)
    folder = data_dir / SNAPSHOT_DIR
    if check.catalog is not None:
        _save(check.catalog, folder, data_dir)
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


def _save(catalog: Catalog, folder: Path, data_dir: Path) -> None:
    """Keep a copy of ``catalog``; a failure here is logged, never fatal."""
    try:
        if _current(folder) == catalog.version:
            return
        folder.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".copy-", dir=folder))
        shutil.copytree(catalog.root, staging, dirs_exist_ok=True, ignore=_leave_out(data_dir))
        target = folder / catalog.version
        shutil.rmtree(target, ignore_errors=True)
        staging.rename(target)
        with atomic_file(folder / _POINTER, encoding="ascii") as pointer:
            pointer.write(catalog.version)
        _remove_all_but(folder, catalog.version)
    except (OSError, KioskError) as exc:
        log.warning("could not keep a copy of the good catalog in %s: %s", folder, exc)


def _leave_out(data_dir: Path) -> Callable[[str, list[str]], list[str]]:
    """A data folder put inside the catalog folder is not copied (it would copy into itself)."""
    skip = data_dir.resolve()
    return lambda folder, names: [n for n in names if (Path(folder) / n).resolve() == skip]


def _current(folder: Path) -> str | None:
    try:
        return (folder / _POINTER).read_text(encoding="ascii").strip()
    except OSError:
        return None


def _remove_all_but(folder: Path, keep: str) -> None:
    for child in folder.iterdir():
        if child.is_dir() and child.name != keep:
            shutil.rmtree(child, ignore_errors=True)
