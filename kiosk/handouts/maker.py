"""Handouts made in a process of their own, so that making one never holds up the caller's.

A thread is not enough for the touchscreen: reportlab is Python, and a thread running Python
takes the interpreter in turns with the GUI thread (loading reportlab alone kept taps waiting
80-120 ms). The worker is a fresh interpreter (``spawn``: never a fork of a Qt process) that
holds the catalog, loads reportlab and the fonts once, and remembers the handouts it made.
Only bytes, names and HandoutError come back, so reportlab is never loaded here.
"""

import logging
import multiprocessing
import os
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.errors import HandoutError

if TYPE_CHECKING:  # the worker starts with as little as it can, and at a lower priority
    from kiosk.catalog.model import Catalog
    from kiosk.handouts.document import PaperName

log = logging.getLogger(__name__)
_CATALOG: "Catalog | None" = None  # in the worker: the catalog it makes handouts from


@dataclass(frozen=True)
class Made:
    pdf: bytes
    languages: tuple[str, ...]


class HandoutMaker:
    def __init__(self, catalog: "Catalog") -> None:
        self.catalog = catalog
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()  # the worker is started or stopped, never both at once
        self._closed = False

    def prepare(self) -> None:
        """Start the worker and load reportlab there now, while nobody is waiting (starting
        a process takes a few milliseconds: call it from a thread of its own)."""
        try:
            self._workers().submit(_load_the_handout_code)
        except (HandoutError, RuntimeError):  # closing down meanwhile: nothing to prepare
            log.info("the handout maker was not started: the kiosk is closing")

    def make(
        self,
        service_id: str,
        *,
        language: str,
        paper: "PaperName",
        site: str,
        desk: str,
        page_url: str | None = None,
    ) -> Made:
        """The handout, made in the worker: waits for it, so call it from a thread of its
        own. A worker that died (killed, out of memory) is started again, once."""
        for _ in range(2):
            try:
                pool = self._workers()
                pdf, languages = pool.submit(
                    _make, service_id, language, paper, site, desk, page_url
                ).result()
                return Made(pdf, languages)
            except BrokenProcessPool:
                log.warning("the handout maker's process stopped; starting it again")
                with self._lock:
                    if self._pool is pool:
                        self._pool = None
        raise HandoutError("the handout maker stopped unexpectedly; try again")

    def shutdown(self) -> None:
        """Stop the worker, waiting for it (a second at most: the handout it is making, or
        its own start): a worker left starting as the kiosk exits would print a traceback."""
        with self._lock:
            self._closed = True
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def _workers(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._closed:
                raise HandoutError("the kiosk is closing: no more handouts")
            return self._pool or self._start()

    def _start(self) -> ProcessPoolExecutor:
        pool = ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_yield_to_the_screen,
        )
        _start_below(pool, self.catalog)
        self._pool = pool
        return pool


BACKGROUND_NICENESS = 10


# In the worker process:


def _start_below(pool: ProcessPoolExecutor, catalog: "Catalog") -> None:
    """On a two-core desk PC the worker starting and loading reportlab took the processor
    from the GUI thread for 40-60 ms at a time: it runs at a lower priority, from birth. On
    Linux a thread has a niceness of its own, which a process started from it inherits."""
    if sys.platform == "linux" and threading.current_thread() is not threading.main_thread():
        _lower_priority()
    pool.submit(_hold, catalog)


def _lower_priority() -> None:
    try:
        os.nice(max(0, BACKGROUND_NICENESS - os.nice(0)))
    except OSError as exc:
        log.info("the handout maker keeps its priority: %s", exc)


def _yield_to_the_screen() -> None:
    """In the worker, first of all: elsewhere than Linux it starts at the kiosk's priority
    (and where the system has no niceness, it keeps it)."""
    if hasattr(os, "nice"):
        _lower_priority()


def _hold(catalog: "Catalog") -> None:
    global _CATALOG
    _CATALOG = catalog


def _load_the_handout_code() -> None:
    from kiosk.handouts.fonts import register_fonts

    register_fonts()


def _make(
    service_id: str,
    language: str,
    paper: "PaperName",
    site: str,
    desk: str,
    page_url: str | None = None,
) -> tuple[bytes, tuple[str, ...]]:
    from kiosk.handouts.document import make_handout

    assert _CATALOG is not None, "the worker was started without its catalog"
    try:
        made = make_handout(
            _CATALOG, service_id, language=language, paper=paper, site=site, desk=desk,
            page_url=page_url,
        )  # fmt: skip
    except HandoutError:
        raise
    except Exception as exc:  # its class may need reportlab to be read back: send words
        raise HandoutError(
            f"the handout could not be made ({type(exc).__name__}: {exc})"
        ) from None
    return made.pdf, made.languages
