"""The "Are you still there?" layer: dimmed over the whole window while the idle countdown runs.

Not a modal dialog (virtual keyboards are fragile in modal dialogs): a child of the main window,
raised over everything in it. Any touch anywhere cancels it (the ``IdleWatcher`` sees it); the
big button is there so a resident knows what to do.
"""

import math
import time

from PySide6.QtCore import QEvent, QObject, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from ui.widgets.touch import TouchButton

PANEL_WIDTH = 900  # px: the countdown fits on one line; still fits a 1024 px wide screen
MARGIN = 48
EDGE = 4  # px: the panel's outline, drawn in the theme's text colour so it shows in every theme
TICK_MS = 250  # how often the seconds left are redrawn; the watcher keeps the real time
DIM = QColor(11, 12, 12, 170)  # the screen behind shows through, darkened
# The panel's colours come from the theme (ui/style.py: #stillThere, #primary). The sizes are
# fixed, as large as the theme's largest text size (title 46, heading 38, body 32 px): an
# alert read from a step away, whatever size the last resident chose.
STYLE = """
#stillThere { border-radius: 16px; }
#stillThere QLabel { background: transparent; }
#stillThereMessage { font-size: 48px; font-weight: 700; }
#stillThereCountdown { font-size: 38px; }
#stillThere QPushButton { font-size: 32px; font-weight: 700; padding: 16px 48px; }
"""


class StillThereOverlay(QWidget):
    """Covers its parent (the main window); ``start(seconds)`` shows it, ``stop()`` hides it."""

    still_here = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("stillThereOverlay")
        self.setStyleSheet(STYLE)
        self.message = QLabel(objectName="stillThereMessage")
        self.countdown = QLabel(objectName="stillThereCountdown")
        self.button = TouchButton(object_name="primary")
        self.button.setMinimumHeight(96)
        self.button.clicked.connect(self.still_here)
        self._build()
        self._deadline = 0.0
        self._tick = QTimer(self, interval=TICK_MS)
        self._tick.timeout.connect(self._show_seconds_left)
        self.retranslate()
        parent.installEventFilter(self)
        self.hide()

    def _build(self) -> None:
        self.panel = panel = QFrame(objectName="stillThere")
        panel.setAutoFillBackground(True)  # opaque even without the kiosk's style sheet
        inner = QVBoxLayout(panel)
        inner.setContentsMargins(MARGIN, 48, MARGIN, 48)
        inner.setSpacing(24)
        for label in (self.message, self.countdown):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)  # for longer languages; one line where it fits
            label.setMinimumWidth(PANEL_WIDTH - 2 * MARGIN)
            inner.addWidget(label)
        inner.addSpacing(8)
        inner.addWidget(self.button, 0, Qt.AlignmentFlag.AlignCenter)
        outer = QVBoxLayout(self)
        outer.addWidget(panel, 0, Qt.AlignmentFlag.AlignCenter)

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Are you still there?"))
        self.message.setText(self.tr("Are you still there?"))
        self.button.setText(self.tr("I'm still here"))
        self._show_seconds_left()

    @property
    def seconds_left(self) -> int:
        return max(0, math.ceil(self._deadline - time.monotonic()))

    def start(self, seconds: float) -> None:
        self._deadline = time.monotonic() + seconds
        self._show_seconds_left()
        self._cover_parent()
        self.show()
        self.raise_()
        self.button.setFocus()
        self._tick.start()

    def stop(self) -> None:
        self._tick.stop()
        self.hide()

    def _show_seconds_left(self) -> None:
        left = self.seconds_left
        self.countdown.setText(self.tr("The screen will clear in %n seconds", "", left))
        if not left:
            self._tick.stop()

    def _cover_parent(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), DIM)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ink = self.panel.palette().color(QPalette.ColorRole.WindowText)
        painter.setPen(QPen(ink, EDGE))
        half = EDGE // 2
        outline = QRectF(self.panel.geometry()).adjusted(-half, -half, half, half)
        painter.drawRoundedRect(outline, 16 + half, 16 + half)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._cover_parent()
        return False
