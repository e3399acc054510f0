"""A slim bar for staff at the bottom of the window: uploads, the catalog, who is signed in.

On staff screens it shows in full. On the resident's screens it folds to one small button
(marked when something needs attention) that unfolds it for a while: a resident need not read
"3004 contacts waiting to upload", and the bar never takes the room their words need.

It reads ``upload_facts`` (a few SQLite queries, fast enough for the GUI thread) every 10 s,
when ``refresh()`` is called (after a contact is saved) and after every background upload round.
"""

import logging
import sqlite3
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QDateTime, QEvent, QLocale, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.upload.status import UploadFacts, upload_facts
from ui.services import AppServices
from ui.upload_words import problem_words
from ui.widgets.touch import TouchButton

if TYPE_CHECKING:
    from kiosk.catalog.hub_copy import LastCheck
    from ui.upload_thread import BackgroundUploader

log = logging.getLogger(__name__)
REFRESH_MS = 10_000
UNFOLDED_MS = 15_000  # a tap on the folded bar shows it this long on a resident's screen
REASON_CHARS = 60  # a short reason fits the bar; `kiosk upload status` has the whole story
# Colours and sizes come from the theme (ui/style.py: #statusLine, #catalogWarning), so
# they follow high contrast and the text size; here only what marks a problem out.
STYLE = """
#statusLine QLabel[problem="true"] { font-weight: 700; }
#catalogWarning { font-weight: 700; }
"""


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
        self._catalog_problem: str | None = None  # the hub's catalog could not be taken
        self.pending = QLabel(objectName="pendingCount")
        # Wrapping, so a long reason or the largest text size never widens the window.
        self.upload = QLabel(objectName="lastUpload", wordWrap=True)
        self.staff = QLabel(objectName="staffCode")
        self.indicator = TouchButton(icon_name="status", object_name="statusIndicator")
        self.indicator.clicked.connect(self.unfold)
        self.indicator.setAccessibleName(self.tr("Status for staff"))
        self.indicator.setProperty("problem", False)
        # Folded, only this shows; not a child of the bar, so it stays when the bar is hidden.
        self.folded_row = QWidget(objectName="statusFolded")
        self._fold_timer = QTimer(self, singleShot=True, interval=UNFOLDED_MS)
        self._fold_timer.timeout.connect(lambda: self._show_folded(self._for_resident))
        self._for_resident = False
        self._status: UploadFacts | None = None
        self._build()
        services.session.staff_changed.connect(self._staff_changed)
        self.timer = QTimer(self, interval=REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        QTimer.singleShot(0, self, self.refresh)  # after the first picture; not once gone

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
        folded = QVBoxLayout(self.folded_row)  # the window puts it beside the page
        folded.setContentsMargins(0, 8, 8, 8)
        folded.addStretch(1)
        folded.addWidget(self.indicator)
        self.folded_row.hide()

    # --- folded on the resident's screens ---------------------------------------------------
    def set_for_resident(self, for_resident: bool) -> None:
        """Fold the bar away on a resident's screen; show it whole on a staff screen."""
        self._for_resident = for_resident
        self._fold_timer.stop()
        self._show_folded(for_resident)

    def unfold(self) -> None:
        """Staff tapped the folded bar: show it whole for a while."""
        self._show_folded(False)
        if self._for_resident:
            self._fold_timer.start()

    @property
    def folded(self) -> bool:
        return not self.folded_row.isHidden()

    def _show_folded(self, folded: bool) -> None:
        self.setVisible(not folded)
        self.folded_row.setVisible(folded)
        self.catalog_warning.setVisible(not folded and self._catalog_news())

    def follow(self, uploader: "BackgroundUploader") -> None:
        """Show each background upload round's outcome as soon as it is known."""
        uploader.round_finished.connect(self._round_finished)

    def _round_finished(self, _result: dict[str, Any]) -> None:
        self.refresh()

    def contact_saved(self, _contact_id: str) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Read the upload status again and put every line in the current language."""
        try:
            self._status = upload_facts(self.services.contact_log)
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

    def catalog_checked(self, last: "LastCheck | None") -> None:
        """How the last check with the hub for a new catalog went (ui/catalog_updates.py)."""
        failed = last is not None and last.outcome == "failed"
        self._catalog_problem = (last.error or "") if failed and last is not None else None
        self._show_catalog()

    def _show_catalog(self) -> None:
        lines = []
        if self.services.catalog_state.from_snapshot:
            lines.append(
                self.tr(
                    "The services catalog has errors: showing the last good version. "
                    "Tell your supervisor."
                )
            )
        if self._catalog_problem is not None:
            lines.append(
                self.tr(
                    "The catalog from the council's hub could not be taken: “{reason}”. "
                    "The kiosk keeps the one it has. Tell IT."
                ).format(reason=short(self._catalog_problem, 2 * REASON_CHARS))
            )
        self.catalog_warning.setText("\n".join(lines))
        self.catalog_warning.setVisible(not self.folded and self._catalog_news())

    def _catalog_news(self) -> bool:
        return self.services.catalog_state.from_snapshot or self._catalog_problem is not None

    def _staff_changed(self, _code: str) -> None:
        self._show_staff()

    def _show_staff(self) -> None:
        code = self.services.session.staff
        self.staff.setText(self.tr("Staff: %1").replace("%1", code) if code else "")
        self.staff.setVisible(bool(code))

    def _show_upload(self, facts: UploadFacts) -> None:
        config = self.services.config
        error, success = facts.last_error, facts.last_success
        if not config.upload_enabled:
            self._set_upload(self.tr("Upload switched off"))
        elif not config.upload_target:
            self._set_upload(self.tr("Upload not set up"))
        elif error and (success is None or error.at >= success.at):
            text = self.tr("Last upload failed: %1").replace(
                "%1", short(problem_words(error.problem))
            )
            self._set_upload(text, problem=True)
        elif success:
            when = _when(success.at)
            self._set_upload(self.tr("Last upload %1: worked").replace("%1", when))
        else:
            self._set_upload(self.tr("Not uploaded yet"))

    def _set_upload(self, text: str, *, problem: bool = False) -> None:
        self.upload.setText(text)
        _mark(self.upload, problem)
        _mark(self.indicator, problem or self._catalog_news())
        attention = self.tr("Status for staff: needs attention")
        self.indicator.setAccessibleName(attention if problem else self.tr("Status for staff"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._reword()  # words only: a language change never reads the log
        super().changeEvent(event)


def _mark(widget: QWidget, problem: bool) -> None:
    if widget.property("problem") != problem:
        widget.setProperty("problem", problem)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


def _when(utc: datetime) -> str:
    """Today's time as 14:05; an earlier day as 27 Nov 14:05, in the interface's language."""
    moment = QDateTime.fromSecsSinceEpoch(int(utc.timestamp())).toLocalTime()
    today = moment.date() == QDate.currentDate()
    return QLocale().toString(moment, "HH:mm" if today else "d MMM HH:mm")
