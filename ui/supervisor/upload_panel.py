"""The Upload section: where the upload stands, in the supervisor's language.

The core gives facts (counts, UTC times, reason codes, and the receiver's own words); the
sentences are made here, so they are translated. Every reason a contact was rejected or a batch
held is listed in full, wrapping, never cut off.
"""

import html
import logging
from datetime import datetime

from PySide6.QtCore import QDateTime, QLocale, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.upload.status import (
    HeldBatch,
    LastError,
    LastSuccess,
    UploadFacts,
    UploadProblem,
    upload_facts,
)
from ui.services import AppServices
from ui.supervisor.sections import page, text_label
from ui.upload_words import problem_words
from ui.widgets.touch import TouchButton

log = logging.getLogger(__name__)
BATCH_CHARS = 8  # a batch is named by the start of its id (the CLI shows it whole)


class UploadPanel(QWidget):
    upload_now = Signal()

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.heading = QLabel(objectName="heading")
        self.upload_button = TouchButton(object_name="primary")
        self.upload_button.clicked.connect(self._upload_now)
        self.requeue_button = TouchButton()
        self.requeue_button.clicked.connect(self.requeue)
        services.writer.requeued.connect(self._requeued)
        services.writer.requeue_failed.connect(self._requeue_failed)
        self.message = text_label("savedMessage")
        self.counts = text_label()
        self.rejected = text_label(rich=True)
        self.held = text_label(rich=True)
        self.events = text_label()
        labels = [self.message, self.counts, self.rejected, self.held, self.events]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(page(self.heading, labels, [self.upload_button, self.requeue_button]))
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Upload"))
        self.upload_button.setText(self.tr("Upload now"))
        self.requeue_button.setText(self.tr("Requeue rejected"))
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        """Read the upload queue again (quick) and say where it stands, when on screen."""
        if not self.isVisible():  # read when shown: a closed area's log may be gone
            return
        try:
            facts = upload_facts(self.services.contact_log)
        except Exception:  # a locked or damaged database: say so, never crash the desk
            log.exception("could not read the upload status")
            self._show_unreadable()
            return
        self._show(facts)

    @property
    def set_up(self) -> bool:
        return self.services.config.upload_target is not None

    def _upload_now(self) -> None:
        if self.set_up:
            _set(self.message, self.tr("Uploading now…"))
            self.upload_now.emit()
        else:
            _set(self.message, self._not_set_up())

    def _not_set_up(self) -> str:
        return self.tr(
            "Upload is not set up, so contacts stay on this kiosk. IT must set upload_target "
            "(the council's upload address) and the upload token in the kiosk's settings."
        )

    def clear_message(self) -> None:
        _set(self.message, "")

    def requeue(self) -> None:
        """Done on the writer's thread: an upload may be holding the log's write lock."""
        self.requeue_button.setEnabled(False)
        self.services.writer.requeue()

    def _requeued(self, contacts: int, batches: int) -> None:
        self.requeue_button.setEnabled(True)
        _set(  # %n: Qt's plural forms (assets/translations: kiosk_en.ts and kiosk_cy.ts)
            self.message,
            " ".join(
                [
                    self.tr("Requeued %n rejected contact(s).", "", contacts),
                    self.tr("Requeued %n held batch(es).", "", batches),
                ]
            ),
        )
        self.refresh()

    def _requeue_failed(self, reason: str) -> None:
        self.requeue_button.setEnabled(True)
        _set(self.message, self.tr("Not requeued: {reason}").format(reason=reason))

    # -- the sentences ---------------------------------------------------------------------

    def _show(self, facts: UploadFacts) -> None:
        _set(
            self.counts,
            "\n".join(
                [
                    self.tr("Waiting to upload: {count}").format(count=f"{facts.pending:,}"),
                    self.tr("Sent: {count}").format(count=f"{facts.sent:,}"),
                ]
            ),
        )
        _set(self.rejected, self._rejected(facts.rejected))
        _set(self.held, self._held(facts.held))
        _set(
            self.events,
            "\n".join(
                [
                    self._last_success(facts.last_success),
                    self._last_error(facts.last_error),
                    self._next_attempt(facts.next_attempt),
                ]
            ),
        )

    def _show_unreadable(self) -> None:
        _set(self.counts, self.tr("The upload status could not be read; tell IT."))
        for label in (self.rejected, self.held, self.events):
            _set(label, "")

    def _rejected(self, rejected: dict[str, int]) -> str:
        total = sum(rejected.values())
        line = self.tr("Rejected by the receiving system: {count}").format(count=f"{total:,}")
        reasons = [
            self.tr("“{reason}”: {count}").format(reason=reason, count=f"{count:,}")
            for reason, count in rejected.items()
        ]
        return _paragraph(line, reasons)

    def _held(self, held: list[HeldBatch]) -> str:
        line = self.tr("Held batches: {count}").format(count=len(held))
        batches = [
            self.tr("Batch {batch} (%n contact(s)): {problem}", "", batch.contacts).format(
                batch=batch.batch_id[:BATCH_CHARS], problem=self.problem(batch.problem)
            )
            for batch in held
        ]
        return _paragraph(line, batches)

    def _last_success(self, success: LastSuccess | None) -> str:
        if success is None:
            return self.tr("Last sent: never")
        if success.accepted is None:
            return self.tr("Last sent: {when}").format(when=_local(success.at))
        return self.tr("Last sent: {when} ({accepted} accepted, {rejected} rejected)").format(
            when=_local(success.at), accepted=success.accepted, rejected=success.rejected
        )

    def _last_error(self, error: LastError | None) -> str:
        if error is None:
            return self.tr("Last problem: none")
        return self.tr("Last problem: {when}: {problem}").format(
            when=_local(error.at), problem=self.problem(error.problem)
        )

    def _next_attempt(self, when: datetime | None) -> str:
        if not self.set_up:
            return self.tr("Next attempt: none until upload is set up")
        if when is None:
            return self.tr("Next attempt: now, or when new contacts arrive")
        return self.tr("Next attempt: {when}").format(when=_local(when))

    def problem(self, problem: UploadProblem) -> str:
        return problem_words(problem)


def _paragraph(line: str, items: list[str]) -> str:
    """``line``, then ``items`` as bullets that wrap under their own words (rich text)."""
    listed = "".join(f"<li>{html.escape(item)}</li>" for item in items)
    return html.escape(line) + (f"<ul>{listed}</ul>" if items else "")


def _local(when: datetime) -> str:
    """A UTC time as the kiosk's local date and time, in the interface's language."""
    moment = QDateTime.fromSecsSinceEpoch(int(when.timestamp())).toLocalTime()
    return QLocale().toString(moment, "d MMM yyyy HH:mm")


def _set(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))
