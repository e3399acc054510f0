"""A message with a place of its own: the room for it is kept whether or not it says anything,
so the buttons around it never move under a finger when it comes and goes."""

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QWidget


class MessageLine(QLabel):
    def __init__(self, object_name: str, *, lines: int = 1, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName=object_name)
        self.lines = lines  # room kept: the longest message it gives, in lines of its font
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setProperty("saying", False)  # the style draws a warning's box only round words

    def say(self, text: str) -> None:
        self.setText(text)
        if self.property("saying") != bool(text):
            self.setProperty("saying", bool(text))
            self.style().unpolish(self)
            self.style().polish(self)

    def _room(self) -> int:
        margins = self.contentsMargins()
        return self.fontMetrics().lineSpacing() * self.lines + margins.top() + margins.bottom()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), max(hint.height(), self._room()))

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(hint.width(), max(hint.height(), self._room()))

    def heightForWidth(self, width: int) -> int:
        return max(super().heightForWidth(width), self._room())
