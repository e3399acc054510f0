"""The uploader on a background thread, reporting each round to the GUI thread.

The thread opens its own ``ContactLog`` (an SQLite connection belongs to the thread that made
it) and runs rounds of ``Uploader.run_once(force=False)``, waiting between them as
``kiosk upload --watch`` does. After every round ``round_finished`` is emitted on the GUI
thread with a plain dict:

    {"configured": True, "accepted": 3, "rejected": 0, "waiting": 0, "held": 0,
     "problem": None}   # or the reason the round stopped, for staff to see

A failure never ends the thread unseen: it is logged, reported as the round's problem, and the
next round tries again.
"""

import logging
import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot

from kiosk.config import Config
from kiosk.contacts.store import ContactLog
from kiosk.errors import KioskError
from kiosk.upload.problems import UploadProblem

if TYPE_CHECKING:  # the upload code is loaded on the upload thread, not at start
    from kiosk.upload.uploader import RunReport, Uploader

log = logging.getLogger(__name__)
POLL_S = 30.0  # the longest wait between rounds when nothing is waiting out a backoff
JOIN_S = 5.0
NOT_CONFIGURED = "not configured"
SWITCHED_OFF = "switched off"
UNEXPECTED = UploadProblem("unexpected").sentence()


def summary(report: "RunReport") -> dict[str, Any]:
    """What staff need from a round: counts and, if it stopped early, why."""
    problem = report.refused or "; ".join(report.problems) or None
    return {
        "configured": True,
        "accepted": report.accepted,
        "rejected": report.rejected,
        "waiting": report.waiting,
        "held": report.held,
        "problem": problem,
    }


def problem_summary(problem: str, *, configured: bool = True) -> dict[str, Any]:
    counts = dict.fromkeys(("accepted", "rejected", "waiting", "held"), 0)
    return {"configured": configured, **counts, "problem": problem}


def _note_error(contact_log: ContactLog, problem: UploadProblem) -> None:
    """Keep the problem where staff (the status line) and `kiosk upload status` will see it."""
    try:
        from kiosk.upload.queue import UploadQueue

        UploadQueue(contact_log).note_error(problem)
    except Exception:
        log.exception("could not note the upload problem in the contact log")


class BackgroundUploader(QObject):
    """``start()`` returns at once; rounds run on a daemon thread until ``stop()``."""

    round_finished = Signal(dict)
    _round_done = Signal(object)  # emitted on the worker thread, delivered queued

    def __init__(
        self, config: Config, parent: QObject | None = None, *, poll_s: float = POLL_S
    ) -> None:
        super().__init__(parent)
        self.config = config
        self.poll_s = poll_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._uploader: Uploader | None = None
        # Queued even when emitted on this thread, so a report never arrives inside start().
        self._round_done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)

    @property
    def not_started_because(self) -> str | None:
        """Why no upload runs here: not configured, switched off, or None."""
        if not self.config.upload_enabled:
            return SWITCHED_OFF
        return None if self.config.upload_target else NOT_CONFIGURED

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> bool:
        """Start the rounds; False (reported as a round's problem) when uploading is off."""
        reason = self.not_started_because
        if reason is not None:
            log.info("background upload not started: %s", reason)
            self._round_done.emit(problem_summary(reason, configured=False))
            return False
        if self.running:
            return True
        self._stop.clear()
        self._thread = threading.Thread(target=self._work, name="kiosk-upload", daemon=True)
        self._thread.start()
        return True

    def stop(self, timeout_s: float = JOIN_S) -> bool:
        """Ask the thread to finish and wait up to ``timeout_s``; True when it has ended."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout_s)
        return not self.running

    # --- on the worker thread ---

    def _work(self) -> None:
        self._uploader = None  # an uploader belongs to its thread's connection
        try:
            contact_log = ContactLog.in_data_dir(self.config.data_dir)
        except Exception as exc:  # a KioskError with a plain message, or worse
            log.exception("the upload thread could not open the contact log")
            problem = str(exc) if isinstance(exc, KioskError) else UNEXPECTED
            self._hand_over(problem_summary(problem))
            return
        try:
            self._rounds(contact_log)
        except Exception:
            log.exception("the upload thread stopped unexpectedly")
            self._hand_over(problem_summary(UNEXPECTED))
        finally:
            contact_log.close()

    def _rounds(self, contact_log: ContactLog) -> None:
        while not self._stop.is_set():
            result, pause = self._round(contact_log)
            self._hand_over(result)
            self._stop.wait(pause)

    def _round(self, contact_log: ContactLog) -> tuple[dict[str, Any], float]:
        """One round and how long to wait before the next (as ``Uploader.run_forever``)."""
        try:
            uploader = self._uploader or self._make_uploader(contact_log)
            report = uploader.run_once(force=False)
            return summary(report), uploader._pause(report, self.poll_s)
        except KioskError as exc:  # a token file or a share not there yet: try again later
            log.warning("upload round failed: %s", exc)
            _note_error(contact_log, UploadProblem("setup", detail=str(exc)))
            return problem_summary(str(exc)), self.poll_s
        except Exception:
            log.exception("upload round failed unexpectedly")
            _note_error(contact_log, UploadProblem("unexpected"))
            return problem_summary(UNEXPECTED), self.config.upload_backoff_cap_s

    def _make_uploader(self, contact_log: ContactLog) -> "Uploader":
        from kiosk.cli.upload import _transport, settings_from
        from kiosk.upload.uploader import Uploader

        url = self.config.upload_target or ""
        transport = _transport(self.config, url, None)
        self._uploader = Uploader(contact_log, transport, settings_from(self.config))
        return self._uploader

    def _hand_over(self, result: dict[str, Any]) -> None:
        try:
            self._round_done.emit(result)
        except RuntimeError:  # the widget side has gone (closing down)
            log.info("an upload round finished after the screen closed: %s", result)

    # --- on the GUI thread ---

    @Slot(object)
    def _deliver(self, result: dict[str, Any]) -> None:
        self.round_finished.emit(result)
