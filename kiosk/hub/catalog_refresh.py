"""Keeping the catalog's metadata fresh while ``kiosk hub serve`` runs.

A thread looks every few minutes and signs again any online role with less than half its
lifetime left (catalog_repository.py), so the timestamp kiosks fetch is never stale while the
hub is up. A hub with no catalog keys yet is left alone; a failure is logged in one line and
tried again at the next look. The root cannot be signed here (its key is offline): a root
expiring within ``ROOT_WARNING`` is logged, saying what IT must run.
"""

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kiosk.errors import KioskError
from kiosk.hub.catalog_metadata import ROOT_WARNING, Lifetimes
from kiosk.hub.catalog_repository import CatalogRepository, utc_now

log = logging.getLogger(__name__)

CHECK_EVERY_S = 300.0


def refresh_once(repository: CatalogRepository) -> list[str]:
    """One look: the roles signed again (none when fresh, or when there are no keys)."""
    if not repository.set_up:
        return []
    signed = repository.refresh()
    if signed:
        log.info("the catalog's %s metadata was signed again", ", ".join(signed))
        _warn_if_root_expires_soon(repository)
    return signed


@contextmanager
def catalog_kept_fresh(
    data_dir: Path, *, lifetimes: Lifetimes | None = None, every_s: float = CHECK_EVERY_S
) -> Iterator[threading.Thread]:
    """Inside, a thread keeps ``data_dir``'s catalog metadata fresh; it stops on leaving."""
    repository = CatalogRepository(data_dir, lifetimes)
    stop = threading.Event()
    thread = threading.Thread(
        target=_keep_fresh, args=(repository, stop, every_s), name="catalog-refresh", daemon=True
    )
    thread.start()
    try:
        yield thread
    finally:
        stop.set()
        thread.join(timeout=every_s + 10)


def _keep_fresh(repository: CatalogRepository, stop: threading.Event, every_s: float) -> None:
    while True:
        try:
            refresh_once(repository)
        except KioskError as exc:
            log.warning("the catalog's metadata could not be signed again: %s", exc)
        except Exception as exc:  # the hub keeps serving; the next look tries again
            log.warning("the catalog's metadata could not be signed again: %r", exc)
        if stop.wait(every_s):
            return


def _warn_if_root_expires_soon(repository: CatalogRepository) -> None:
    expires = repository.root_expires()
    if expires - utc_now() < ROOT_WARNING:
        log.warning(
            "the catalog's root metadata expires %s: kiosks stop taking catalogs then. "
            "Sign a new one with kiosk hub keys rotate --root-key FILE (docs/hub.md)",
            expires.strftime("%Y-%m-%d %H:%M UTC"),
        )
