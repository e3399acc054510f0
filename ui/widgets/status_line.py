"""A slim bar for staff at the bottom of every screen: uploads, the catalog, who is signed in.

It reads ``upload_status`` (a few SQLite queries, fast enough for the GUI thread) every 10 s,
when ``refresh()`` is called (after a contact is saved) and after every background upload round.
"""

import logging
import sqlite3
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.upload.status import UploadStatus, upload_status
from ui.services import AppServices
from ui.upload_thread import BackgroundUploader

log = logging.getLogger(__name__)
REFRESH_MS = 10_000
REASON_CHARS = 60  # a short reason fits the bar; `kiosk upload status` has the whole story
# Colours and sizes come from the theme (ui/style.py: #statusLine, #catalogWarning), so
# they follow high contrast and the text size; here only what marks a problem out.
STYLE = """
#statusLine QLabel[problem="true"] { font-weight: 700; }
#catalogWarning { font-weight: 700; }
"""


def local_time(utc: str) -> datetime:
    """``2026-11-20T14:05:00Z`` (as the contact log writes it) in this computer's time zone."""
    return datetime.strptime(utc, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).astimezone()


def short(reason: str, limit: int = REASON_CHARS) -> str:
    """The first clause of ``reason`` without details in brackets, cut at a word if long."""
    first = reason.split(";")[0].split(" (")[0].strip()
    if len(first) <= limit:
        return first
    return first[:limit].rsplit(" ", 1)[0] + "…"


class StatusLine(QWidget):
    """The catalog warning (only when it applies) above the bar: waiting, last upload, staff.

    The warning sits outside the ``#statusLine`` bar so the theme's warning colours reach it.
    """

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setObjectName("statusArea")
        self.setStyleSheet(STYLE)
        self.setAccessibleName(self.tr("Status for staff"))
        self.bar = QWidget(objectName="statusLine")
        self.bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.catalog_warning = QLabel(objectName="catalogWarning", wordWrap=True)
        self.pending = QLabel(objectName="pendingCount")
        # Wrapping, so a long reason or the largest text size never widens the window.
        self.upload = QLabel(objectName="lastUpload", wordWrap=True)
        self.staff = QLabel(objectName="staffCode")
        self._status: UploadStatus | None = None
        self._build()
        services.session.staff_changed.connect(self._staff_changed)
        self.timer = QTimer(self, interval=REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.refresh()

    def _build(self) -> None:
        row = QHBoxLayout(self.bar)
        row.setContentsMargins(16, 6, 16, 6)
        row.setSpacing(32)
        row.addWidget(self.pending)
        row.addWidget(self.upload, 1)  # takes the room left, so it wraps only when it must
        row.addWidget(self.staff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.catalog_warning)
        layout.addWidget(self.bar)

    def follow(self, uploader: BackgroundUploader) -> None:
        """Show each background upload round's outcome as soon as it is known."""
        uploader.round_finished.connect(self._round_finished)

    def _round_finished(self, _result: dict[str, Any]) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Read the upload status again and put every line in the current language."""
        try:
            self._status = upload_status(self.services.contact_log)
        except sqlite3.Error:
            log.exception("could not read the upload status")
            self._status = None
        self._reword()

    def _reword(self) -> None:
        """Write every line from what was last read, in the current language."""
        self._show_catalog()
        self._show_staff()
        if self._status is None:
            self._set_upload(self.tr("Upload status unavailable"), problem=True)
            return
        self.pending.setText(self._pending_text(self._status.pending))
        self._show_upload(self._status)

    def _pending_text(self, count: int) -> str:
        if count == 1:  # an English "%n" string needs a translation file to say "1 contact"
            return self.tr("1 contact waiting to upload")
        return self.tr("%n contacts waiting to upload", "", count)

    def _show_catalog(self) -> None:
        self.catalog_warning.setText(
            self.tr(
                "The services catalog has errors: showing the last good version. "
                "Tell your supervisor."
            )
        )
        self.catalog_warning.setVisible(self.services.catalog_state.from_snapshot)

    def _staff_changed(self, _code: str) -> None:
        self._show_staff()

    def _show_staff(self) -> None:
        code = self.services.session.staff
        self.staff.setText(self.tr("Staff: %1").replace("%1", code) if code else "")
        self.staff.setVisible(bool(code))

    def _show_upload(self, status: UploadStatus) -> None:
        config = self.services.config
        if not config.upload_enabled:
            self._set_upload(self.tr("Upload switched off"))
        elif not config.upload_target:
            self._set_upload(self.tr("Upload not set up"))
        elif status.last_error and _later(status.last_error, status.last_success):
            self._set_failed(status.last_error[1])
        elif status.last_success:
            when = self._when(status.last_success[0])
            self._set_upload(self.tr("Last upload %1: worked").replace("%1", when))
        else:
            self._set_upload(self.tr("Not uploaded yet"))

    def _set_failed(self, reason: str) -> None:
        text = self.tr("Last upload failed: %1").replace("%1", short(reason))
        self._set_upload(text, problem=True)

    def _set_upload(self, text: str, *, problem: bool = False) -> None:
        self.upload.setText(text)
        if self.upload.property("problem") != problem:
            self.upload.setProperty("problem", problem)
            self.upload.style().unpolish(self.upload)
            self.upload.style().polish(self.upload)

    def _when(self, utc: str) -> str:
        moment = local_time(utc)
        if moment.date() == datetime.now().astimezone().date():
            return moment.strftime("%H:%M")
        return f"{moment.day} {moment:%b %H:%M}"

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._reword()  # words only: a language change never reads the log
        super().changeEvent(event)


def _later(event: tuple[str, str], other: tuple[str, str] | None) -> bool:
    """Whether ``event`` happened after ``other`` (both stamped ``YYYY-MM-DDTHH:MM:SSZ``)."""
    return other is None or event[0] >= other[0]
