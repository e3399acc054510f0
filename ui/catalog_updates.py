"""The hub's new catalog, fetched and made ready in the background, switched in between visits.

At start and every ``catalog_check_minutes`` a thread runs ``kiosk catalog update`` as a
process of its own (the verifying, unpacking and checking are Python work of a second or so:
on a thread they would take the interpreter from the GUI thread) and waits for it. When the
process has switched the data folder to a new version, the same thread opens it from the
check the process kept, builds its search index and starts a handout maker on it, so that
``switch_between_visits`` on the GUI thread only swaps a few references. Every check's
outcome (``LastCheck``: when, the version, the reason in words) is emitted as ``checked``
for the status line and the supervisor area.

The main window calls ``switch_between_visits`` when a visit has ended (``go_home``), and on
``ready`` when no visit is under way, so a resident never sees the catalog change under them.
"""

import contextlib
import logging
import os
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from kiosk.catalog.hub_copy import last_check
from kiosk.config import Config

if TYPE_CHECKING:
    from kiosk.catalog.search import SearchIndex
    from kiosk.catalog.snapshot import CatalogState
    from kiosk.handouts.maker import HandoutMaker
    from ui.services import AppServices

log = logging.getLogger(__name__)
PROCESS_DEADLINE_S = 600.0  # the process has a deadline per file; this is only a backstop
_NICENESS = 10


def update_command(config_file: Path | None, data_dir: Path) -> list[str]:
    """``kiosk catalog update`` from this very installation, on the kiosk's own files."""
    program = (
        [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "kiosk"]
    )
    chosen = ["--config", str(config_file)] if config_file is not None else []
    return [*program, *chosen, "--data-dir", str(data_dir), "catalog", "update"]


@dataclass(frozen=True)
class ReadyCatalog:
    """A new catalog, opened with everything a screen needs, waiting for the visit to end."""

    state: "CatalogState"
    search: "SearchIndex"
    handouts: "HandoutMaker"


class CatalogUpdates(QObject):
    checked = Signal(object)  # the LastCheck of each check (None: none could be kept)
    ready = Signal()  # a new catalog waits for switch_between_visits

    def __init__(self, config: Config, command: list[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._config, self._command = config, command
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._ready: ReadyCatalog | None = None
        self._process: subprocess.Popen[str] | None = None
        self._thread: threading.Thread | None = None

    @property
    def enabled(self) -> bool:
        return bool(self._config.catalog_source)

    def start(self) -> None:
        """Check now, then every catalog_check_minutes (0: only now); nothing without
        catalog_source."""
        if not self.enabled or self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="catalog-updates", daemon=True)
        self._thread.start()

    def stop(self, wait_s: float = 5.0) -> None:
        self._stop.set()
        with self._lock:
            process = self._process
        if process is not None and process.poll() is None:
            process.terminate()  # our own child: its files are written whole or not at all
        if self._thread is not None:
            self._thread.join(wait_s)
        ready, self._ready = self._ready, None
        if ready is not None:
            ready.handouts.shutdown()

    def switch_between_visits(self, services: "AppServices") -> bool:
        """On the GUI thread, between residents: use the new catalog if one is ready.

        Returns True when it switched (the main window then rebuilds what shows the catalog).
        """
        with self._lock:
            ready, self._ready = self._ready, None
        if ready is None:
            return False
        old = services.handouts
        services.catalog_state, services.search, services.handouts = (
            ready.state,
            ready.search,
            ready.handouts,
        )
        threading.Thread(target=old.shutdown, name="old-handout-maker", daemon=True).start()
        log.info("switched to the catalog %s", ready.state.catalog.version)
        return True

    def _run(self) -> None:
        if sys.platform == "linux":  # this thread alone, and the process it starts
            with contextlib.suppress(OSError):
                os.nice(max(0, _NICENESS - os.nice(0)))
        interval = self._config.catalog_check_minutes * 60
        while not self._stop.is_set():
            self._check_once()
            if not interval or self._stop.wait(interval):
                return

    def _check_once(self) -> None:
        try:
            updated = self._run_update()
            if updated and not self._stop.is_set():
                self._make_ready()
        except Exception:  # never the end of the checks: the next one tries again
            log.exception("the catalog check failed unexpectedly")
        self.checked.emit(last_check(self._config.data_dir))

    def _run_update(self) -> bool:
        """True when ``kiosk catalog update`` switched the data folder to a new version."""
        with self._lock:
            self._process = subprocess.Popen(
                self._command,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                stdin=subprocess.DEVNULL,
                text=True,
            )
            process = self._process
        try:
            out, err = process.communicate(timeout=PROCESS_DEADLINE_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            log.warning("kiosk catalog update took over %g s and was stopped", PROCESS_DEADLINE_S)
            return False
        finally:
            with self._lock:
                self._process = None
        if process.returncode != 0:
            log.warning("catalog update: %s", err.strip() or f"exit code {process.returncode}")
            return False
        log.info("catalog update: %s", out.strip())
        return out.startswith("updated to")

    def _make_ready(self) -> None:
        from kiosk.catalog.in_use import catalog_in_use
        from kiosk.catalog.search import SearchIndex
        from kiosk.catalog.snapshot import open_catalog
        from kiosk.handouts.maker import HandoutMaker

        data_dir = self._config.data_dir
        state = open_catalog(catalog_in_use(self._config, data_dir).folder, data_dir)
        search = SearchIndex(state.catalog)
        search.prepare(state.catalog.council.languages)
        handouts = HandoutMaker(state.catalog)
        handouts.prepare()
        with self._lock:
            previous, self._ready = self._ready, ReadyCatalog(state, search, handouts)
        if previous is not None:  # two updates within one visit: only the newest is kept
            previous.handouts.shutdown()
        self.ready.emit()
