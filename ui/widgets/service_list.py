"""A finger-friendly list of services: one big row per service, flicked to scroll."""

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QScrollArea,
    QScroller,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.turns import Turns
from ui.widgets.touch import GAP, MIN_TARGET

ROW_HEIGHT = 64  # px: a whole row is one target, taller than the 48 px minimum
PADDING = 16  # px inside a row, around its words

# Colours and sizes come from the kiosk's themed style sheet. This only lets a row's colours
# (normal, pressed, focused) show through the words on it, and drops the scroll bar's arrow
# buttons: too small to tap, and flicking the list does their job.
ROW_STYLE = """
QPushButton#serviceRow QLabel { background: transparent; }
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical { height: 0; border: none; }
"""


def _wrapping_label(object_name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    return label


class ServiceRow(QPushButton):
    """One service: its title in bold and its summary under it; the whole row is the button."""

    activated = Signal(str)

    def __init__(self, service_id: str, title: str, summary: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.service_id = service_id
        self.setObjectName("serviceRow")
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a tap must not take focus from a search box
        self.setMinimumHeight(ROW_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.title_label = _wrapping_label("serviceTitle")
        self.summary_label = _wrapping_label("serviceSummary")
        bold = QFont()
        bold.setBold(True)
        self.title_label.setFont(bold)  # only the weight: the size follows the kiosk's text size
        layout = QVBoxLayout(self)
        layout.setContentsMargins(PADDING, PADDING - 4, PADDING, PADDING - 4)
        layout.setSpacing(4)
        layout.addWidget(self.title_label)
        layout.addWidget(self.summary_label)
        self.set_text(title, summary)
        self.clicked.connect(self._activate)

    def show_service(self, service_id: str, title: str, summary: str) -> None:
        self.service_id = service_id
        self.set_text(title, summary)

    def set_text(self, title: str, summary: str) -> None:
        self.title_label.setText(title)
        self.summary_label.setText(summary)
        self.summary_label.setVisible(bool(summary))
        self.setAccessibleName(title)
        self.setAccessibleDescription(summary)

    def sizeHint(self) -> QSize:  # QPushButton's own hint ignores the labels inside it
        return self.layout().sizeHint().expandedTo(QSize(MIN_TARGET, ROW_HEIGHT))

    def minimumSizeHint(self) -> QSize:
        return self.layout().minimumSize().expandedTo(QSize(MIN_TARGET, ROW_HEIGHT))

    def _activate(self) -> None:
        self.activated.emit(self.service_id)


ROWS_AT_ONCE = 6  # about what the screen shows without scrolling


def _show_all(rows: list["ServiceRow"]) -> None:
    for row in rows:
        row.show()


class ServiceList(QScrollArea):
    """Services as full-width rows; ``chosen`` says which one a resident tapped."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("serviceList")
        self.setStyleSheet(ROW_STYLE)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._all_rows: list[ServiceRow] = []  # kept for reuse; the first _showing are shown
        self._unfolding = Turns(self)
        self._showing = 0
        self.empty_label = _wrapping_label("emptyState")
        self.empty_label.setContentsMargins(PADDING, PADDING, PADDING, PADDING)
        self._column = QVBoxLayout()
        self._column.setContentsMargins(0, 0, GAP, 0)  # keep rows clear of the scroll bar
        self._column.setSpacing(GAP)
        self._column.addWidget(self.empty_label)
        self._column.addStretch(1)
        content = QWidget()
        content.setObjectName("serviceListContent")
        content.setLayout(self._column)
        self.setWidget(content)
        QScroller.grabGesture(
            self.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture
        )

    def rows(self) -> list[ServiceRow]:
        """The rows showing, top first."""
        return self._all_rows[: self._showing]

    def set_services(self, items: list[tuple[str, str, str]]) -> None:
        """Show these services, as (id, title, summary), in this order, from the top.

        Rows are kept and given new words, not made anew: a search redraws its results on
        every letter typed, and a new row costs a few milliseconds."""
        self.reserve(len(items))
        for row, item in zip(self._all_rows, items, strict=False):
            row.show_service(*item)
        for row in self._all_rows[len(items) :]:
            row.hide()
        self._showing = len(items)
        # The rows in view at once, those below the fold a few per turn of the event loop:
        # laying out twenty rows of wrapped words takes 40 ms, enough to feel on every letter.
        shown = self._all_rows[: len(items)]
        self._unfolding.run(
            lambda chunk=shown[start : start + ROWS_AT_ONCE]: _show_all(chunk)
            for start in range(ROWS_AT_ONCE, len(shown), ROWS_AT_ONCE)
        )
        _show_all(shown[:ROWS_AT_ONCE])
        self.empty_label.setVisible(not items)
        QScroller.scroller(self.viewport()).stop()
        self.verticalScrollBar().setValue(0)

    def reserve(self, count: int) -> None:
        """Have at least ``count`` rows ready (hidden until used)."""
        while len(self._all_rows) < count:
            self._all_rows.append(self._add_row("", "", ""))

    def set_empty_text(self, text: str) -> None:
        self.empty_label.setText(text)
        self.empty_label.setAccessibleName(text)

    def _add_row(self, service_id: str, title: str, summary: str) -> ServiceRow:
        row = ServiceRow(service_id, title, summary)
        row.hide()
        row.activated.connect(self.chosen)
        self._column.insertWidget(self._column.count() - 1, row)  # before the closing stretch
        return row
