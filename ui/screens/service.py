"""A service, step by step, with the QR code, the handout and Finish always in reach."""

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from PySide6.QtCore import QEvent, QObject, QRect, Qt, Signal
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.catalog.model import ServiceText
from kiosk.errors import KioskError
from kiosk.handouts.tracking import tracked_url
from kiosk.save_places import save_copy
from ui.browser import web_engine_present
from ui.handout_job import HandoutJob
from ui.read_aloud import SpeechState
from ui.screens.base import Screen
from ui.services import AppServices
from ui.widgets.address import breakable_only_at_slashes
from ui.widgets.flow import FlowLayout
from ui.widgets.message_line import MessageLine
from ui.widgets.qr_view import QrView
from ui.widgets.touch import GAP, TouchButton, keep_place, touch_scroll_area

if TYPE_CHECKING:  # QtWebEngine is loaded only when the live site is first opened
    from ui.browser.live_view import LiveSiteView

OVERVIEW = -1  # the page before the first step
OVERVIEW_PAGE, STEP_PAGE, QR_PAGE = range(3)


def _label(object_name: str, *, wrap: bool = True) -> QLabel:
    label = QLabel(objectName=object_name)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label


class ServiceScreen(Screen):
    back = Signal()
    save_wanted = Signal(str)  # the handout's file name: where should it be saved?
    finished = Signal(str)

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.service_id: str | None = None
        self.page = OVERVIEW  # the step (or overview) shown, or under the QR code if it is open
        self.qr_open = False
        self.job = HandoutJob(services.handouts, services.config, services.print_service, self)
        self.job.started.connect(self._preparing)
        self.job.sending.connect(self._sending)
        self.job.succeeded.connect(self._printed)
        self.job.sent_unconfirmed.connect(self._sent_unconfirmed)
        self.job.failed.connect(self._print_failed)
        self.voice = services.speech
        self.live_site: LiveSiteView | None = None  # the council's page, once opened
        self._build()
        self.retranslate()

    # --- layout -------------------------------------------------------------------------
    def _build(self) -> None:
        self.back_button = TouchButton(icon_name="back", object_name="backButton")
        self.back_button.clicked.connect(self.back)
        self.title = _label("screenTitle")
        header = QHBoxLayout()
        header.addWidget(self.back_button)
        header.addWidget(self.title, 1)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._overview_page())
        self.pages.addWidget(self._step_page())
        self.pages.addWidget(self._qr_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(GAP * 2)
        layout.addLayout(header)
        # Only the words scroll: the buttons under them stay on screen at any text size.
        self.body = touch_scroll_area(self.pages)
        self.body.viewport().installEventFilter(self)
        layout.addWidget(self.body, 1)
        layout.addLayout(self._navigation_row())
        layout.addLayout(self._action_row())
        self.print_box = self._print_row()
        layout.addWidget(self.print_box)

    def _overview_page(self) -> QWidget:
        page = QWidget()
        self.summary = _label("summary")
        self.need_heading = _label("heading")
        self.needs = _label("body")
        self.time_needed = _label("body")
        self.start_steps = TouchButton(object_name="primary")
        self.start_steps.clicked.connect(lambda: self.go_to(0))
        column = QVBoxLayout(page)
        for widget in (self.summary, self.need_heading, self.needs, self.time_needed):
            column.addWidget(widget)
        column.addStretch(1)
        column.addWidget(self.start_steps, 0, Qt.AlignmentFlag.AlignLeft)
        return page

    def _step_page(self) -> QWidget:
        page = QWidget()
        self.step_count = _label("stepCount")
        self.step_title = _label("heading")
        self.step_text = _label("body")
        self.step_image = QLabel(objectName="stepImage")
        column = QVBoxLayout(page)
        for widget in (self.step_count, self.step_title, self.step_text, self.step_image):
            column.addWidget(widget)
        column.addStretch(1)
        return page

    def _qr_page(self) -> QWidget:
        page = QWidget()
        self.qr = QrView()
        self.qr_help = _label("body")
        self.qr_address = _label("address")
        self.qr_check = _label("body")
        text = QVBoxLayout()
        for widget in (self.qr_help, self.qr_address, self.qr_check):
            text.addWidget(widget)
        text.addStretch(1)
        self.qr_row = QBoxLayout(QBoxLayout.Direction.LeftToRight, page)
        self.qr_row.setSpacing(GAP * 2)
        self.qr_row.addWidget(self.qr, 1, Qt.AlignmentFlag.AlignTop)
        self.qr_row.addLayout(text, 1)
        self._qr_text = text
        return page

    def _arrange_qr_page(self) -> None:
        """The words beside the code while they fit there, under it if not (the largest text
        on a small screen), so the address is never cut."""
        margins, row = self.qr_row.contentsMargins(), self.qr_row
        needs = self.qr.minimumWidth() + row.spacing() + self._qr_text.minimumSize().width()
        needs += margins.left() + margins.right()
        beside = self.body.viewport().width() >= needs
        direction = QBoxLayout.Direction.TopToBottom
        if beside:
            direction = QBoxLayout.Direction.LeftToRight
        if row.direction() != direction:
            row.setDirection(direction)
        # Never taller than the words' area shows: half a code cannot be scanned.
        room = self.body.viewport().height() - margins.top() - margins.bottom()
        self.qr.setMaximumHeight(max(self.qr.minimumHeight(), room))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.body.viewport() and event.type() == QEvent.Type.Resize:
            self._arrange_qr_page()
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._arrange_qr_page()  # the resident chose another text size
        super().changeEvent(event)

    def _navigation_row(self) -> FlowLayout:
        self.previous_button = TouchButton(icon_name="back", object_name="navButton")
        self.previous_button.clicked.connect(self._previous)
        self.next_button = TouchButton(icon_name="next", object_name="navButton")
        self.next_button.clicked.connect(lambda: self.go_to(self.page + 1))
        self.close_qr_button = TouchButton(icon_name="back", object_name="navButton")
        self.close_qr_button.clicked.connect(self.close_qr)
        row = FlowLayout(spacing=GAP * 2)
        row.add(self.previous_button)
        row.add(self.close_qr_button)
        row.add(self.next_button, at_end=True)
        self.close_qr_button.hide()
        return row

    def _action_row(self) -> FlowLayout:
        self.qr_button = TouchButton(icon_name="qr-code", object_name="action")
        self.qr_button.clicked.connect(self.show_qr)
        self.print_button = TouchButton(icon_name="print", object_name="action")
        self.print_button.clicked.connect(self.print_handout)
        self.read_button = TouchButton(icon_name="language", object_name="action")
        self.read_button.clicked.connect(self.read_aloud)
        self.live_button = TouchButton(icon_name="live-site", object_name="action")
        self.live_button.clicked.connect(self.show_live_site)
        self.voice.state_changed.connect(self._show_read_aloud)
        self.finish_button = TouchButton(object_name="finish")
        self.finish_button.clicked.connect(self._finish)
        row = FlowLayout(spacing=GAP * 2)
        for button in (self.qr_button, self.print_button, self.live_button, self.read_button):
            row.add(button)
        row.add(self.finish_button, at_end=True)
        return row

    def _print_row(self) -> QWidget:
        box = QWidget(objectName="printStatus")
        self.print_message = MessageLine("printMessage", lines=3)  # the longest: a failure
        self.save_pdf_button = TouchButton(object_name="action")
        self.save_pdf_button.clicked.connect(self.save_pdf)
        keep_place(self.save_pdf_button)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(GAP * 2)
        row.addWidget(self.print_message, 1)
        row.addWidget(self.save_pdf_button)
        self._clear_print_message()
        return box

    # --- behaviour ----------------------------------------------------------------------
    def show_service(self, service_id: str) -> None:
        self.service_id = service_id
        self._close_live_site()
        self.session.open_service(service_id)
        self._clear_print_message()
        self.retranslate()
        self.go_to(OVERVIEW)

    def clear(self) -> None:
        """Nothing of the last resident's service left: the next one starts afresh."""
        self.service_id = None
        self.end_live_site()
        self.page, self.qr_open = OVERVIEW, False
        self._clear_print_message()
        self.print_button.setEnabled(True)
        self._name_print_button()
        for label in (self.title, self.summary, self.needs, self.time_needed, self.qr_address):
            label.clear()
        self.pages.setCurrentIndex(OVERVIEW_PAGE)

    @property
    def text(self) -> ServiceText | None:
        if self.service_id is None:
            return None
        catalog = self.services.catalog
        return catalog.text(catalog.service(self.service_id), self.language)

    def go_to(self, page: int) -> None:
        """Show the overview (``OVERVIEW``) or a step; the QR code, if open, closes."""
        text = self.text
        if text is None:
            return
        last = len(text.steps) - 1
        self.page = OVERVIEW if page <= OVERVIEW else min(page, last)
        self.qr_open = False
        if self._print_message_done:
            self._clear_print_message()  # "it has printed" is news once, not on every step
        self.pages.setCurrentIndex(OVERVIEW_PAGE if self.page == OVERVIEW else STEP_PAGE)
        self.body.verticalScrollBar().setValue(0)  # each step is read from its start
        if self.page >= 0:
            self._show_step(text, self.page)
        self._show_navigation(last)

    def show_qr(self) -> None:
        """The QR code over the step it was opened from: closing it returns there, and
        Next and Previous go on from there."""
        if self.text is None:
            return
        self.qr_open = True
        self.pages.setCurrentIndex(QR_PAGE)
        self._arrange_qr_page()  # now its words are in their own font
        self.body.verticalScrollBar().setValue(0)
        self._show_navigation(len(self.text.steps) - 1)

    def close_qr(self) -> None:
        self.go_to(self.page)

    def _show_navigation(self, last: int) -> None:
        self.previous_button.setEnabled(self.page != OVERVIEW)
        self.next_button.setEnabled(self.page < last)
        self.close_qr_button.setVisible(self.qr_open)
        self._name_qr_button()

    def _name_qr_button(self) -> None:
        self.close_qr_button.setText(
            self.tr("Back to the overview") if self.page == OVERVIEW
            else self.tr("Back to step {number}").format(number=self.page + 1)
        )  # fmt: skip

    def _previous(self) -> None:
        """From the first step back to the overview."""
        self.go_to(self.page - 1)

    def _show_step(self, text: ServiceText, index: int) -> None:
        step = text.steps[index]
        self.step_count.setText(
            self.tr("Step {number} of {total}").format(number=index + 1, total=len(text.steps))
        )
        self.step_title.setText(step.title)
        self.step_text.setText(step.text)
        if step.image is not None and step.image.is_file():
            image = QPixmap(str(step.image))
            self.step_image.setPixmap(image.scaledToHeight(320))
            self.step_image.show()
        else:
            self.step_image.hide()

    def _name_print_button(self) -> None:
        printed = self.session.handout_printed and self.service_id is not None
        self.print_button.setText(
            self.tr("Print another copy") if printed else self.tr("Print handout")
        )

    def print_handout(self) -> None:
        if self.service_id is not None:
            self.print_button.setEnabled(False)
            self.job.start(self.service_id, self.language)

    # Printing: "printed" only once the printing system says the job completed.
    def _preparing(self) -> None:
        self.save_pdf_button.hide()
        self._message(self.tr("Getting the handout ready..."))

    def _sending(self, _job: str) -> None:
        self._message(self.tr("Sending the handout to the printer... Wait for it to come out."))

    def _printed(self, _confirmation: str) -> None:
        self.session.handout_printed = True
        self.print_button.setEnabled(True)
        self._name_print_button()  # now "Print another copy", in the same place
        self._message(self.tr("The handout has printed. Give it to the resident."), done=True)

    def _sent_unconfirmed(self, _what: str) -> None:
        """Sent where the kiosk cannot see the job finish (Qt's printing, on Windows)."""
        self.session.handout_printed = True  # staff see it come out, or say it did not
        self.print_button.setEnabled(True)
        self._name_print_button()
        self._message(
            self.tr("The handout was sent to the printer, but the kiosk cannot check that it "
                    "printed. Look at the printer; if nothing came out, show the QR code or "
                    "save the PDF.")
        )  # fmt: skip
        self.save_pdf_button.show()

    def _print_failed(self, reason: str) -> None:
        self.print_button.setEnabled(True)
        self._message(
            self.tr("The handout did not print: {reason} Show the QR code instead, or save "
                    "the PDF.").format(reason=reason)
        )  # fmt: skip
        self.save_pdf_button.show()

    def _message(self, text: str, *, done: bool = False) -> None:
        """Say how the print is going, in the print row's own place (nothing moves)."""
        self.print_message.setText(text)
        self.reveal(self.print_message)
        self._print_message_done = done

    def _clear_print_message(self) -> None:
        self.stop_revealing()
        self.print_message.clear()
        self.save_pdf_button.hide()
        self._print_message_done = False

    def save_pdf(self) -> None:
        """Ask where (the window's save-place screen), then ``save_pdf_to``."""
        source = self.job.last_pdf
        if source is not None and source.is_file():
            self.save_wanted.emit(source.name)

    def save_pdf_to(self, folder: Path, name: str) -> None:
        source = self.job.last_pdf
        if source is None or not source.is_file():
            return
        try:
            saved = save_copy(source, folder, name)
        except KioskError as exc:
            self._message(str(exc))
            return
        self._message(
            self.tr("Saved the handout to {place} as {file}").format(
                place=folder.name or str(folder), file=saved.name
            )
        )

    def read_aloud(self) -> None:
        text = self.text
        if text is None:
            return
        if self.page >= 0:
            step = text.steps[self.page]
            self.voice.say(f"{step.title}. {step.text}", text.language)
        else:
            self.voice.say(f"{text.title}. {text.summary}", text.language)

    def shown(self) -> None:
        self.voice.start()  # already running, absent or failed lately: nothing happens

    def _show_read_aloud(self) -> None:
        """The button says whether read aloud works yet; it is hidden where it never can."""
        state, text = self.voice.state, self.text
        language = text.language if text is not None else self.language
        self.read_button.setVisible(state is not SpeechState.ABSENT)
        self.read_button.setEnabled(self.voice.can_speak(language))
        if state in (SpeechState.IDLE, SpeechState.STARTING):
            self.read_button.setText(self.tr("Read aloud: getting ready"))
        elif self.voice.can_speak(language):
            self.read_button.setText(self.tr("Read aloud"))
        else:
            self.read_button.setText(self.tr("Read aloud not available"))

    def _finish(self) -> None:
        self.voice.stop()
        self.end_live_site()
        if self.service_id is not None:
            self.finished.emit(self.service_id)

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("Back"))
        self.previous_button.setText(self.tr("Previous step"))
        self.next_button.setText(self.tr("Next step"))
        self.start_steps.setText(self.tr("Start the steps"))
        self.qr_button.setText(self.tr("Show QR code"))
        self.live_button.setText(self.tr("Show on the council's site"))
        self._name_qr_button()
        self._name_print_button()
        self.finish_button.setText(self.tr("Finish"))
        self.save_pdf_button.setText(self.tr("Save PDF"))
        self.need_heading.setText(self.tr("What you will need"))
        self.qr_help.setText(self.tr("Scan the QR code with your phone's camera, or type:"))
        text = self.text
        if text is not None:
            self._fill(text)
        self._show_read_aloud()

    def _fill(self, text: ServiceText) -> None:
        self.title.setText(text.title)
        self.summary.setText(text.summary)
        self.needs.setText("\n".join(f"•  {item}" for item in text.you_will_need))
        self.time_needed.setText(self.tr("Time needed: {time}").format(time=text.time_needed))
        config, council = self.services.config, self.services.catalog.council
        self.qr.set_data(tracked_url(text.url, council.tracking, config.site, config.desk))
        self.qr_address.setText(breakable_only_at_slashes(text.url))
        self.live_button.setVisible(bool(text.url) and web_engine_present())
        self.qr_address.setAccessibleName(text.url)  # read out without the joiners
        prefix = f"https://{urlsplit(text.url).netloc}/"
        self.qr_check.setText(
            self.tr("Check the address starts with {prefix} before you enter any details.")
            .format(prefix=prefix)
        )  # fmt: skip
        if self.page >= 0:
            self._show_step(text, min(self.page, len(text.steps) - 1))

    # --- the council's own page (ui/browser/) -------------------------------------------
    def show_live_site(self) -> None:
        """The service's page in the live view, over the steps (the print row stays in
        sight: a page's handout says how it is going there)."""
        text = self.text
        if text is None or not text.url:
            return
        from ui.browser.rules import hosts_for

        if self.live_site is None:
            from ui.browser.live_view import LiveSiteView

            self.live_site = LiveSiteView(self.services, self)
            self.live_site.closed.connect(self._close_live_site)
            self.live_site.print_wanted.connect(self._print_page)
        self._place_live_site()
        self.live_site.show()
        self.live_site.raise_()
        self.live_site.open(text.url, hosts_for(self.services.catalog, text.url))

    def _place_live_site(self) -> None:
        if self.live_site is not None:
            self.live_site.setGeometry(QRect(0, 0, self.width(), self.print_box.y() - GAP))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_live_site()

    def _close_live_site(self) -> None:
        if self.live_site is not None:
            self.live_site.hide()

    def end_live_site(self) -> None:
        """Finish or the visit's end: the resident's browsing is destroyed, not just hidden."""
        if self.live_site is not None:
            self.live_site.end_visit()
            self.live_site.hide()

    def _print_page(self, url: str) -> None:
        if self.service_id is not None:
            self.print_button.setEnabled(False)
            self.job.start(self.service_id, self.language, page_url=url)
