"""The touchscreen's writes to the contact log, on a thread of their own: Save (and the
supervisor's Requeue) never wait on the GUI thread.

A save waits for the disk (the log is synced on every contact) and, while an upload is
writing, for SQLite's write lock: seen up to 1.1 s behind a full-speed upload of a large
backlog. The writer has its own connection to the log; ``written`` or ``failed`` comes back on
the GUI thread, through a relay that outlives any screen.
"""

import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal

from kiosk.contacts.contact import Contact
from kiosk.contacts.store import ContactLog
from kiosk.errors import KioskError

log = logging.getLogger(__name__)
FINISH_S = 10.0  # closing down: how long to wait for contacts still being written


class ContactWriter(QObject):
    written = Signal(str)  # the contact's id, once durable
    failed = Signal(str, str)  # the contact's id, and why it was not written
    requeued = Signal(int, int)  # rejected contacts and held batches put back to upload
    requeue_failed = Signal(str)
    _requeue_outcome = Signal(object)  # from the worker: (contacts, batches) or a reason
    _outcome = Signal(str, str)  # from the worker: id, "" or the reason; queued

    def __init__(self, log_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_path = log_path
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="contact-writer")
        self._local = threading.local()
        self._pending: set[Future[str]] = set()
        self._finished = False
        self._outcome.connect(self._report, Qt.ConnectionType.QueuedConnection)
        self._requeue_outcome.connect(self._report_requeue, Qt.ConnectionType.QueuedConnection)

    def write(self, contact: Contact) -> None:
        """Queue ``contact``; returns at once. ``written`` or ``failed`` follows."""
        if self._finished:
            log.error("contact %s not written: the kiosk is closing", contact.id)
            self.failed.emit(contact.id, "the kiosk is closing")
            return
        future = self._worker.submit(self._write, contact)
        self._pending.add(future)
        future.add_done_callback(lambda done, c=contact.id: self._hand_over(c, done))

    def requeue(self) -> None:
        """Rejected contacts and held batches back to the upload; ``requeued`` follows."""
        self._worker.submit(self._requeue).add_done_callback(self._hand_over_requeue)

    def _requeue(self) -> tuple[int, int]:
        from kiosk.upload.queue import UploadQueue

        return UploadQueue(self._log()).requeue()

    def _hand_over_requeue(self, future: "Future[tuple[int, int]]") -> None:
        try:
            result: object = future.result()
        except KioskError as exc:
            result = str(exc)
        except Exception as exc:
            log.exception("requeue failed")
            result = f"an unexpected failure ({type(exc).__name__})"
        self._requeue_outcome.emit(result)

    def _report_requeue(self, result: object) -> None:
        if isinstance(result, tuple):
            self.requeued.emit(*result)
        else:
            self.requeue_failed.emit(str(result))

    def finish(self, timeout_s: float = FINISH_S) -> bool:
        """Closing down: wait for the contacts still being written; True when all are.
        Writing ends here: a later ``write`` fails (and says so)."""
        if self._finished:
            return True
        self._finished = True
        waiting = list(self._pending)
        for future in waiting:
            try:
                future.result(timeout=timeout_s)
            except Exception:  # reported (and logged) as it happened
                continue
        done = all(future.done() for future in waiting)
        if done:
            self._worker.submit(self._close)
        else:
            log.error("closing with contacts still being written to %s", self.log_path)
        self._worker.shutdown(wait=done)
        return done

    def _close(self) -> None:
        contact_log: ContactLog | None = getattr(self._local, "log", None)
        if contact_log is not None:
            contact_log.close()
            self._local.log = None

    def _write(self, contact: Contact) -> str:
        """On the worker thread, with its own connection (an SQLite one belongs to a thread)."""
        return self._log().record(contact)

    def _log(self) -> ContactLog:
        if getattr(self._local, "log", None) is None:
            self._local.log = ContactLog(self.log_path)
        contact_log: ContactLog = self._local.log
        return contact_log

    def _hand_over(self, contact_id: str, future: "Future[str]") -> None:
        self._pending.discard(future)
        reason = ""
        try:
            future.result()
        except KioskError as exc:
            reason = str(exc)
        except Exception as exc:
            log.exception("contact %s was not written", contact_id)
            reason = f"an unexpected failure ({type(exc).__name__})"
        try:
            self._outcome.emit(contact_id, reason)
        except RuntimeError:  # closing down: the contact itself is written (or logged)
            log.info("contact %s: written after the screen closed", contact_id)

    def _report(self, contact_id: str, reason: str) -> None:
        if reason:
            self.failed.emit(contact_id, reason)
        else:
            self.written.emit(contact_id)
