"""The supervisor PIN: a number pad, checked off the GUI thread (scrypt takes about 0.5 s).

``opened`` is emitted for the right PIN, ``cancelled`` when the supervisor backs out. Wrong PINs
clear the field; after five in a row the pad is locked (the lock is kept on disk by
``kiosk.auth``, so it survives a restart) and a countdown says when it opens again.
"""

import logging
from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtCore import QRegularExpression, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.auth import (
    LOCK_AFTER,
    LOCK_SECONDS,
    MIN_DIGITS,
    LockedOut,
    PinNotSetError,
    SupervisorPin,
    describe_seconds,
)
from kiosk.errors import KioskError
from ui.screens.base import Screen
from ui.services import AppServices
from ui.widgets.message_line import MessageLine
from ui.widgets.touch import GAP, TouchButton

log = logging.getLogger(__name__)
MAX_DIGITS = 12
KEY_WIDTH = 144  # px: large keys, tapped with a fingertip at arm's length
RIGHT, WRONG, LOCKED, NOT_SET, FAILED = "right", "wrong", "locked", "not set", "failed"


class PinScreen(Screen):
    for_staff = True

    opened = Signal()
    cancelled = Signal()
    _checked = Signal(int, str, str)  # attempt, outcome, detail: from the worker, queued

    def __init__(
        self,
        services: AppServices,
        parent: QWidget | None = None,
        *,
        pin: SupervisorPin | None = None,
    ) -> None:
        super().__init__(services, parent)
        self.pin = pin or SupervisorPin(services.config.data_dir)
        self._attempt = 0  # a result for an older attempt (before Cancel) is ignored
        self._checking = False
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="supervisor-pin")
        self._checked.connect(self._report, Qt.ConnectionType.QueuedConnection)
        self._lock_timer = QTimer(self, interval=1000)
        self._lock_timer.timeout.connect(self._show_lock)
        self.title = QLabel(objectName="screenTitle")
        self.prompt = QLabel(objectName="heading")
        self.field = QLineEdit(objectName="searchBox")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setMaxLength(MAX_DIGITS)
        self.field.setValidator(QRegularExpressionValidator(QRegularExpression("[0-9]*"), self))
        self.field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.field.textChanged.connect(self._update_buttons)
        self.field.returnPressed.connect(self.open)
        self.message = MessageLine("catalogWarning", lines=2)  # Open stays where it was
        self.digit_buttons = {str(d): self._key(str(d)) for d in range(10)}
        for digit, button in self.digit_buttons.items():
            button.clicked.connect(lambda _=False, d=digit: self._type(d))
        self.delete_button = self._key("")
        self.delete_button.clicked.connect(self.field.backspace)
        self.clear_button = self._key("")
        self.clear_button.clicked.connect(self.field.clear)
        self.open_button = TouchButton(object_name="primary")
        self.open_button.clicked.connect(self.open)
        self.cancel_button = TouchButton()
        self.cancel_button.clicked.connect(self.cancel)
        self._lay_out()
        self.retranslate()
        self.reset()

    def _key(self, text: str) -> TouchButton:
        key = TouchButton(text, object_name="pinKey")
        key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        key.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the field keeps the focus
        return key

    def _lay_out(self) -> None:
        pad = QGridLayout()
        pad.setSpacing(GAP)
        for index, digit in enumerate("123456789"):
            pad.addWidget(self.digit_buttons[digit], index // 3, index % 3)
        pad.addWidget(self.clear_button, 3, 0)
        pad.addWidget(self.digit_buttons["0"], 3, 1)
        pad.addWidget(self.delete_button, 3, 2)
        actions = QHBoxLayout()
        actions.setSpacing(GAP)
        actions.addWidget(self.cancel_button)
        actions.addWidget(self.open_button)
        column = QVBoxLayout()
        column.setSpacing(2 * GAP)
        column.addWidget(self.prompt)
        column.addWidget(self.field)
        column.addLayout(pad)
        column.addWidget(self.message)
        column.addLayout(actions)
        column.addStretch(1)
        middle = QWidget()
        middle.setLayout(column)
        middle.setFixedWidth(3 * KEY_WIDTH + 2 * GAP)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(middle)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(GAP)
        layout.addWidget(self.title)
        layout.addLayout(row, 1)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Supervisor"))
        self.prompt.setText(self.tr("Enter the supervisor PIN"))
        self.field.setAccessibleName(self.tr("Enter the supervisor PIN"))
        for digit, button in self.digit_buttons.items():
            button.setAccessibleName(self.tr("Number {digit}").format(digit=digit))
        self.delete_button.setText(self.tr("Delete"))
        self.clear_button.setText(self.tr("Clear"))
        self.open_button.setText(self.tr("Open"))
        self.cancel_button.setText(self.tr("Cancel"))

    # -- what the main window calls --------------------------------------------------------

    def shown(self) -> None:
        self.reset()

    def reset(self) -> None:
        """An empty field, no old message, and the pad as the PIN's state allows."""
        self._attempt += 1
        self._checking = False
        self.field.clear()
        self._say("")
        try:
            if not self.pin.is_set():
                self._say(self._not_set_message())
            elif self.pin.locked_for():
                self._show_lock()
        except KioskError as exc:  # an unreadable lock file: say so, as the check would
            self._say(str(exc))
        self._update_buttons()

    def open(self) -> None:
        """Check the typed PIN on the worker thread; the answer arrives in ``_report``."""
        if not self.open_button.isEnabled():
            return
        attempt, typed = self._attempt, self.field.text()
        self.field.clear()  # digits typed while it is checked are the next try, kept
        self._checking = True
        self._update_buttons()
        self._say(self.tr("Checking…"))
        future = self._worker.submit(self._check, typed)
        future.add_done_callback(lambda done: self._hand_over(attempt, done))

    def cancel(self) -> None:
        self.reset()
        self.cancelled.emit()

    def shutdown(self) -> None:
        self._worker.shutdown(wait=False, cancel_futures=True)

    # -- on the worker thread --------------------------------------------------------------

    def _check(self, typed: str) -> tuple[str, str]:
        try:
            if self.pin.check(typed):
                return RIGHT, ""
            return WRONG, str(max(0, LOCK_AFTER - self.pin.failures()))  # tries left
        except LockedOut as exc:
            return LOCKED, str(exc.seconds_left)
        except PinNotSetError:
            return NOT_SET, ""
        except KioskError as exc:
            return FAILED, str(exc)

    def _hand_over(self, attempt: int, future: "Future[tuple[str, str]]") -> None:
        try:
            outcome, detail = future.result()
        except Exception:
            log.exception("the supervisor PIN check failed")
            outcome, detail = FAILED, ""
        try:
            self._checked.emit(attempt, outcome, detail)
        except RuntimeError:  # the screen has gone (closing down)
            log.info("a supervisor PIN check finished after the screen closed")

    # -- back on the GUI thread ------------------------------------------------------------

    @Slot(int, str, str)
    def _report(self, attempt: int, outcome: str, _detail: str) -> None:
        if attempt != self._attempt:
            return  # cancelled or shown again while checking
        self._checking = False
        if outcome == RIGHT:
            self._say("")
            self.reset()
            self.opened.emit()
            return
        if outcome == WRONG:
            self._say(
                self.tr("That PIN is not right. Tries left before a {time} lock: {left}").format(
                    time=describe_seconds(LOCK_SECONDS), left=_detail
                )
            )
        elif outcome == NOT_SET:
            self._say(self._not_set_message())
        elif outcome == FAILED:
            self._say(_detail or self.tr("The PIN could not be checked; tell IT."))
        if outcome in (WRONG, LOCKED):
            self._show_lock()  # the fifth wrong PIN locks the pad
            if self._lock_timer.isActive():
                self.field.clear()  # nothing typed meanwhile counts against a lock
        self._update_buttons()

    def _show_lock(self) -> None:
        seconds = self._locked_for()
        if seconds:
            self._say(
                self.tr("Too many wrong PINs. Try again in {time}.").format(
                    time=describe_seconds(seconds)
                )
            )
            self._lock_timer.start()
        elif self._lock_timer.isActive():  # the lock has just ended
            self._lock_timer.stop()
            self._say("")
        self._update_buttons()

    def _locked_for(self) -> int:
        try:
            return self.pin.locked_for()
        except KioskError:
            return 0

    def _not_set_message(self) -> str:
        return self.tr("No supervisor PIN is set. IT can set one with: kiosk supervisor set-pin")

    def _type(self, digit: str) -> None:
        self.field.insert(digit)

    def _say(self, text: str) -> None:
        self.message.say(text)

    def _update_buttons(self) -> None:
        # The pad stays usable while a PIN is checked (a second or so): a supervisor who
        # mistyped starts again at once, and nothing typed meanwhile is lost.
        usable = not self._lock_timer.isActive() and self.pin.is_set()
        for key in [*self.digit_buttons.values(), self.delete_button, self.clear_button]:
            key.setEnabled(usable)
        self.field.setEnabled(usable)
        ready = usable and not self._checking and len(self.field.text()) >= MIN_DIGITS
        enable_primary(self.open_button, ready)


def enable_primary(button: TouchButton, enabled: bool) -> None:
    """Enable or disable a main action. The style sheet's ``#primary`` colours outrank its
    ``:disabled`` ones, so a disabled main action drops the name and looks disabled."""
    button.setEnabled(enabled)
    button.setObjectName("primary" if enabled else "")
    button.style().unpolish(button)
    button.style().polish(button)
