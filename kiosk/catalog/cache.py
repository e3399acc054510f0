"""A catalog's check kept on disk, so an unchanged catalog is not checked again at every start.

The key is a hash of everything the outcome depends on: the names and bytes of every file in
the catalog folder, today's date (a review date turns a service stale overnight), the icons
the kiosk ships, and the code and libraries that do the checking. Any change means a full
check. A cache file that is corrupt, unreadable or for another key is ignored and written
again: the worst it can cost is one full check, never a wrong or stale catalog.
"""

import hashlib
import importlib.util
import json
import logging
import os
import sys
from dataclasses import fields, is_dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from kiosk.catalog import schema
from kiosk.catalog.files import catalog_files, outside
from kiosk.catalog.model import Catalog
from kiosk.catalog.problems import CatalogCheck, Problem
from kiosk.errors import KioskError
from kiosk.files import atomic_file
from kiosk.resources import icon_names

log = logging.getLogger(__name__)
FORMAT = "kiosk-catalog-check/2"
_TYPE = "__type__"  # never a field name nor a language code, so never a real key
_RECORDS: dict[str, type] = {
    kind.__name__: kind for kind in (*schema.RECORDS, Catalog, Problem, CatalogCheck)
}
_CHECKING_LIBRARIES = ("pydantic", "pydantic_core", "rtoml")


def cached_check(root: Path, cache_file: Path, today: date) -> CatalogCheck:
    """The check of the catalog in ``root`` on ``today``: from ``cache_file`` when it holds
    the check of exactly these files, otherwise checked in full (and kept there).

    Only the catalog's own files are hashed (``kiosk.catalog.files``), so a data folder
    inside the catalog folder, or anything a link points to outside it, is never read.
    """
    key = check_key(root, today)
    if key is not None:
        found = _read(cache_file, key)
        if found is not None:
            return found
    from kiosk.catalog.loader import check_catalog  # pydantic: only when a check must run

    check = check_catalog(root, today=today)
    if key is not None and key == check_key(root, today):  # none changed meanwhile
        _write(cache_file, key, check)
    return check


def check_key(root: Path, today: date) -> str | None:
    """What the check of ``root`` on ``today`` depends on, hashed; None if a file is unreadable
    (the full check then says which)."""
    digest = hashlib.sha256()
    for part in (FORMAT, str(root), today.isoformat(), *sorted(icon_names()), *_checker()):
        digest.update(part.encode() + b"\0")
    try:
        _hash_files(root, digest)
    except OSError:
        return None
    return digest.hexdigest()


def _hash_files(root: Path, digest: Any) -> None:
    digest.update(b"folder\0" if root.is_dir() else b"no folder\0")
    for path in catalog_files(root):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        if path.is_symlink():  # where it points is part of the check (inside, out, nowhere)
            digest.update(b"link to " + os.fsencode(path.readlink()) + b"\0")
        if not outside(path, root):
            digest.update(_content(os.fspath(path)))


def _content(path: str) -> bytes:
    # plain strings, not Path objects: a large catalog has a thousand files to hash at start
    if not os.path.isfile(path):  # noqa: PTH113
        return b"\0not a file\0"
    with open(path, "rb") as handle:  # noqa: PTH123
        return handle.read()


def _raise(error: OSError) -> None:
    raise error


@cache
def _checker() -> tuple[str, ...]:
    """The code that checks: this package's sources and the LGSL list (by their bytes), and
    the installed checking libraries (by their files' size and time)."""
    package = Path(__file__).parent
    ours = [*sorted(package.glob("*.py")), package.parent / "tomlfile.py"]
    ours.append(package.parent / "data" / "lgsl_local_services.csv")
    parts = [f"{path.name}:{_file_hash(path)}" for path in ours]
    for name in _CHECKING_LIBRARIES:
        spec = importlib.util.find_spec(name)
        parts.append(f"{name}:{_file_stamp(spec.origin if spec else None)}")
    if getattr(sys, "frozen", False):  # a build has no sources: a new build is a new program
        parts.append(f"build:{_file_stamp(sys.executable)}")
    return tuple(parts)


def _file_hash(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "absent"


def _file_stamp(name: str | None) -> str:
    try:
        found = Path(name).stat() if name else None
    except OSError:
        found = None
    return f"{name}:{found.st_size}:{found.st_mtime_ns}" if found else f"{name}:absent"


def _read(cache_file: Path, key: str) -> CatalogCheck | None:
    try:
        stored = json.loads(cache_file.read_bytes(), object_hook=_decode)
        check = stored["check"] if stored["key"] == key else None
    except (OSError, ValueError, LookupError, TypeError, RecursionError):
        return None
    return check if isinstance(check, CatalogCheck) else None


def _write(cache_file: Path, key: str, check: CatalogCheck) -> None:
    """Keep ``check`` for the next start; a failure here is logged, never fatal."""
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        with atomic_file(cache_file, encoding="utf-8") as handle:
            json.dump({"key": key, "check": check}, handle, default=_encode)
    except (OSError, KioskError) as exc:
        log.warning("could not keep the catalog check in %s: %s", cache_file, exc)


def _encode(value: Any) -> Any:
    if isinstance(value, Path):
        return {_TYPE: "Path", "value": str(value)}
    if isinstance(value, date):
        return {_TYPE: "date", "value": value.isoformat()}
    if is_dataclass(value) and not isinstance(value, type):
        kind = type(value).__name__
        return {_TYPE: kind, **{f.name: getattr(value, f.name) for f in fields(value)}}
    raise TypeError(f"cannot keep a {type(value).__name__} in the catalog cache")


def _decode(found: dict[str, Any]) -> Any:
    kind = found.pop(_TYPE, None)
    if kind is None:
        return found
    if kind == "Path":
        return Path(found["value"])
    if kind == "date":
        return date.fromisoformat(found["value"])
    if kind == "CatalogCheck":
        return CatalogCheck(found["root"], found["catalog"], list(found["problems"]))
    for name, value in found.items():
        if type(value) is list:
            found[name] = tuple(value)
    return _RECORDS[kind](**found)
