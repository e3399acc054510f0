"""Bring the hub's signed catalog to this kiosk: ask, download, verify, unpack, check, switch.

The hub is a TUF repository (docs/catalog.md, "Updates from the hub"); python-tuf's
``ngclient`` does the verifying, against the root metadata IT installed (``catalog_root``),
so a tampered file, a key the kiosk does not trust, an old release replayed, a feed that has
stopped being renewed and files mixed from two releases are all refused. What passes is
unpacked safely (``unpack``), checked exactly as ``kiosk catalog check`` checks, and only then
made the catalog in use (``hub_copy.make_current``). On any failure the catalog in use stays
as it was, and the reason is kept for the status line (``hub_copy.record_check``).
"""

import errno
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from tuf.api import exceptions
from tuf.api.metadata import TargetFile
from tuf.ngclient import Updater, UpdaterConfig

from kiosk import __version__
from kiosk.catalog.cache import cached_check
from kiosk.catalog.hub_copy import (
    HubCatalog,
    LastCheck,
    hub_catalog,
    hub_folder,
    make_current,
    record_check,
    versions_folder,
)
from kiosk.catalog.hub_fetch import HubFetcher
from kiosk.catalog.snapshot import CACHE_DIR
from kiosk.catalog.unpack import UnpackError, remove_quietly, unpack_catalog
from kiosk.catalog.update_words import CatalogUpdateError, in_words, kept, stamp
from kiosk.config import Config
from kiosk.errors import KioskError
from kiosk.files import left_behind, private_folder

TARGET = "catalog.tar.gz"
MAX_ARCHIVE_BYTES = 100 * 1024 * 1024
ROOT_MAX_BYTES = 512_000  # tuf's own limit for a root metadata file
_TEXT_MAX = 200
_SHA256 = 64

__all__ = ["CatalogUpdateError", "UpdateResult", "update_catalog"]


@dataclass(frozen=True)
class UpdateResult:
    outcome: Literal["current", "updated"]
    catalog: HubCatalog

    def describe(self) -> str:
        if self.outcome == "updated":
            return f"updated to {self.catalog.describe()}"
        return f"already current: {self.catalog.describe()}"


@dataclass(frozen=True)
class _Offer:
    info: TargetFile
    version: int
    sha256: str
    published_by: str
    published_at: str


def update_catalog(
    config: Config, data_dir: Path, now: Callable[[], datetime] = lambda: datetime.now(UTC)
) -> UpdateResult:
    """Check the hub once; switch to its new catalog if there is one and it passes everything.

    Raises ``CatalogUpdateError`` (the catalog in use unchanged) with the reason in words.
    """
    current = hub_catalog(data_dir)
    source = _source(config, current)  # none: nothing to record either
    try:
        with _one_at_a_time(hub_folder(data_dir), current):
            result = _update(config, source, data_dir, current, now)
    except CatalogUpdateError as exc:
        version = current.version if current else None
        record_check(data_dir, LastCheck(stamp(now()), "failed", version, str(exc)))
        raise
    record_check(data_dir, LastCheck(stamp(now()), result.outcome, result.catalog.version, None))
    return result


def _update(
    config: Config,
    source: str,
    data_dir: Path,
    current: HubCatalog | None,
    now: Callable[[], datetime],
) -> UpdateResult:
    fetcher = HubFetcher(config.catalog_timeout_s, config.upload_ca_bundle)
    try:
        updater = _updater(config, data_dir, source, fetcher, current)
        offer = _offered(updater, current, fetcher)
        if current is not None and offer.version == current.version:
            return UpdateResult("current", current)
        archive = _download(updater, offer, data_dir, current, fetcher)
    finally:
        fetcher.close()
    try:
        catalog = _unpack_and_check(archive, offer, data_dir, current, now)
    finally:
        archive.unlink(missing_ok=True)
    try:
        make_current(data_dir, catalog)
    except KioskError as exc:  # the pointer could not be written: the old one stands
        raise CatalogUpdateError(f"{exc}; {kept(current)}") from None
    return UpdateResult("updated", catalog)


def _source(config: Config, current: HubCatalog | None) -> str:
    if not config.catalog_source:
        raise CatalogUpdateError(
            "no catalog_source is set, so this kiosk does not take its catalog from the hub: "
            f"set catalog_source to the hub's catalog address (docs/catalog.md); {kept(current)}"
        )
    return config.catalog_source


def _updater(
    config: Config,
    data_dir: Path,
    source: str,
    fetcher: HubFetcher,
    current: HubCatalog | None,
) -> Updater:
    root = _trusted_root(config.catalog_root, current)
    try:
        metadata = private_folder(hub_folder(data_dir) / "metadata")
        return Updater(
            str(metadata),
            f"{source}metadata/",
            str(private_folder(hub_folder(data_dir) / "download")),
            f"{source}targets/",
            fetcher=fetcher,
            config=UpdaterConfig(app_user_agent=f"assisted-digital-kiosk/{__version__}"),
            bootstrap=root,
        )
    except OSError as exc:
        raise _cannot_write(exc, current) from None
    except (exceptions.RepositoryError, ValueError, TypeError, KeyError) as exc:
        raise CatalogUpdateError(
            f"the root metadata file {config.catalog_root} (catalog_root) is not a signed TUF "
            f"root this kiosk can trust ({type(exc).__name__}: {exc}): install the hub's "
            f"1.root.json there again; {kept(current)}"
        ) from None


def _trusted_root(path: Path, current: HubCatalog | None) -> bytes:
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a pipe would never end a read
            raise IsADirectoryError(errno.EISDIR, "not a file")
        with path.open("rb") as handle:
            found = handle.read(ROOT_MAX_BYTES + 1)
    except OSError as exc:
        raise CatalogUpdateError(
            f"cannot read the root metadata file {path} (catalog_root: {exc.strerror}): IT "
            f"installs the hub's 1.root.json there (docs/catalog.md); {kept(current)}"
        ) from None
    if len(found) > ROOT_MAX_BYTES:
        raise CatalogUpdateError(
            f"the root metadata file {path} (catalog_root) is over {ROOT_MAX_BYTES:,} bytes, "
            f"so it is not a root metadata file; {kept(current)}"
        )
    return found


def _offered(updater: Updater, current: HubCatalog | None, fetcher: HubFetcher) -> _Offer:
    try:
        info = updater.get_targetinfo(TARGET)
    except (exceptions.RepositoryError, exceptions.DownloadError) as exc:
        raise in_words(exc, current, archive=None, timestamp=fetcher.timestamp) from None
    except OSError as exc:
        raise _cannot_write(exc, current) from None
    if info is None:
        raise CatalogUpdateError(
            f"the hub's signed catalog feed lists no {TARGET}: publish a catalog on the hub "
            f"(kiosk hub catalog publish); {kept(current)}"
        )
    offer = _offer(info, current)
    if current is not None and offer.version < current.version:
        raise CatalogUpdateError(
            "the hub offered an older catalog than this kiosk has (a replay): "
            f"{kept(current)} (the hub offered version {offer.version})"
        )
    same_version = current is not None and offer.version == current.version
    if same_version and current is not None and offer.sha256 != current.sha256:
        raise CatalogUpdateError(
            f"the hub offered version {offer.version} again with other contents: "
            f"{kept(current)} (a changed catalog must be published as a new version)"
        )
    return offer


def _offer(info: TargetFile, current: HubCatalog | None) -> _Offer:
    custom: Any = info.custom
    custom = custom if isinstance(custom, dict) else {}
    version, by, at = (custom.get(k) for k in ("catalog_version", "published_by", "published_at"))
    sha = info.hashes.get("sha256", "")
    if not (isinstance(version, int) and not isinstance(version, bool) and version > 0):
        problem = "no catalog_version (a whole number from 1) in its signed details"
    elif not all(isinstance(t, str) and 0 < len(t) <= _TEXT_MAX for t in (by, at)):
        problem = "no published_by and published_at in its signed details"
    elif len(sha) != _SHA256:
        problem = "no sha256 hash in its signed details"
    else:
        return _Offer(info, version, sha, _printable(by), _printable(at))
    raise CatalogUpdateError(
        f"the hub's {TARGET} has {problem}, so it was not published by kiosk hub catalog "
        f"publish: {kept(current)}"
    )


def _printable(text: str) -> str:
    return "".join(c if c.isprintable() else "?" for c in text)


def _download(
    updater: Updater,
    offer: _Offer,
    data_dir: Path,
    current: HubCatalog | None,
    fetcher: HubFetcher,
) -> Path:
    if offer.info.length > MAX_ARCHIVE_BYTES:
        raise CatalogUpdateError(
            f"the hub's catalog version {offer.version} is {offer.info.length:,} bytes, over "
            f"this kiosk's limit of {MAX_ARCHIVE_BYTES // (1024 * 1024)} MB: {kept(current)}"
        )
    target = hub_folder(data_dir) / "download" / f"{offer.version}.{TARGET}"
    try:
        return Path(updater.download_target(offer.info, str(target)))
    except (exceptions.RepositoryError, exceptions.DownloadError) as exc:
        raise in_words(exc, current, archive=TARGET, timestamp=fetcher.timestamp) from None
    except OSError as exc:
        raise _cannot_write(exc, current) from None


def _unpack_and_check(
    archive: Path,
    offer: _Offer,
    data_dir: Path,
    current: HubCatalog | None,
    now: Callable[[], datetime],
) -> HubCatalog:
    folders = private_folder(versions_folder(data_dir))
    _remove_stale_unpacking(folders)
    final = folders / f"{offer.version}-{offer.sha256[:12]}"
    staging = Path(tempfile.mkdtemp(prefix=f".unpack-pid{os.getpid()}-", dir=folders))
    try:
        found = unpack_catalog(archive, staging)
        remove_quietly(final)
        staging.rename(final)
        root = final / found.relative_to(staging)
    except UnpackError as exc:
        remove_quietly(staging)
        raise CatalogUpdateError(
            f"catalog version {offer.version} was refused: its archive {exc}; {kept(current)}"
        ) from None
    except OSError as exc:
        remove_quietly(staging)
        raise _cannot_write(exc, current) from None
    check = cached_check(root, data_dir / CACHE_DIR / "configured.json", now().date())
    if check.catalog is None:
        remove_quietly(final)
        first = check.errors[0]
        shown = replace(first, file=first.file.relative_to(root) if first.file != root else root)
        raise CatalogUpdateError(
            f"catalog version {offer.version} failed its checks: {shown} "
            f"({len(check.errors)} error(s) in all); {kept(current)}"
        )
    return HubCatalog(offer.version, offer.sha256, offer.published_by, offer.published_at, root)


def _remove_stale_unpacking(folder: Path) -> None:
    for child in folder.glob(".unpack-pid*"):
        pid = child.name.removeprefix(".unpack-pid").split("-")[0]
        if child.is_dir() and left_behind(child, pid if pid.isdigit() else None):
            remove_quietly(child)


def _cannot_write(exc: OSError, current: HubCatalog | None) -> CatalogUpdateError:
    return CatalogUpdateError(
        f"cannot keep the hub's catalog in the data folder ({exc.strerror or exc}); "
        f"{kept(current)}"
    )


@contextmanager
def _one_at_a_time(folder: Path, current: HubCatalog | None) -> Iterator[None]:
    """One update at a time per data folder (TUF's client keeps one set of files there)."""
    try:
        lock = (private_folder(folder) / "update.lock").open("a+b")
    except OSError as exc:
        raise _cannot_write(exc, current) from None
    with lock:
        if not _try_lock(lock.fileno()):
            raise CatalogUpdateError(
                "another catalog update is running on this kiosk; try again in a minute"
            )
        yield


if sys.platform == "win32":
    import msvcrt

    def _try_lock(descriptor: int) -> bool:
        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def _try_lock(descriptor: int) -> bool:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True
