"""Leaving kiosk mode is asked twice: the supervisor says why, and the reason is logged."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.widgets.flow import FlowLayout
from ui.widgets.touch import GAP, TouchButton

REASONS = ("end_of_day", "maintenance", "fault")  # codes for the log: never free text


class ExitConfirmation(QWidget):
    confirmed = Signal(str)  # the reason's code

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = QLabel(objectName="heading", wordWrap=True)
        self.reason_buttons = {code: TouchButton(object_name="action") for code in REASONS}
        for code, button in self.reason_buttons.items():
            button.clicked.connect(lambda _=False, c=code: self._choose(c))
        self.cancel_button = TouchButton(object_name="primary")
        self.cancel_button.clicked.connect(self.hide)
        row = FlowLayout(spacing=GAP)
        for button in self.reason_buttons.values():
            row.add(button)
        row.add(self.cancel_button, at_end=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.question)
        layout.addLayout(row)
        self.retranslate()
        self.hide()

    def ask(self) -> None:
        self.show()

    def _choose(self, reason: str) -> None:
        self.hide()
        self.confirmed.emit(reason)

    def retranslate(self) -> None:
        self.question.setText(
            self.tr("Leave kiosk mode? The screen shows the computer's desktop until the kiosk "
                    "is started again. Why are you leaving it?")
        )  # fmt: skip
        words = {
            "end_of_day": self.tr("End of the day"),
            "maintenance": self.tr("IT maintenance"),
            "fault": self.tr("Something is wrong"),
        }
        for code, button in self.reason_buttons.items():
            button.setText(words[code])
        self.cancel_button.setText(self.tr("Stay in kiosk mode"))
