"""Search the services by typing, on the screen's keypad or a real keyboard."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from ui.screens.base import Screen
from ui.screens.category import MARGIN, back_button, header, screen_title
from ui.services import AppServices
from ui.widgets.keypad import TouchKeypad
from ui.widgets.service_list import ServiceList
from ui.widgets.touch import GAP

RESULT_LIMIT = 20
QUERY_HEIGHT = 72  # px
MAX_QUERY_LENGTH = 100
RESULTS_STRETCH, KEYPAD_STRETCH = 9, 11


def _search_box() -> QLineEdit:
    box = QLineEdit()
    box.setObjectName("searchBox")
    box.setMinimumHeight(QUERY_HEIGHT)
    box.setMaxLength(MAX_QUERY_LENGTH)
    return box


class SearchScreen(Screen):
    service_chosen = Signal(str)
    back = Signal()

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.back_button = back_button()
        self.title = screen_title()
        self.query = _search_box()
        self.keypad = TouchKeypad()
        self.results = ServiceList()
        self._build_layout()
        self._connect()
        self.retranslate()

    def _build_layout(self) -> None:
        body = QHBoxLayout()
        body.setSpacing(2 * GAP)
        body.addWidget(self.results, RESULTS_STRETCH)
        body.addWidget(self.keypad, KEYPAD_STRETCH, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(2 * GAP)
        layout.addLayout(header(self.back_button, self.title))
        layout.addWidget(self.query)
        layout.addLayout(body, 1)

    def _connect(self) -> None:
        self.back_button.clicked.connect(self.back)
        self.keypad.typed.connect(self.query.insert)
        self.keypad.backspace.connect(self.query.backspace)
        self.keypad.cleared.connect(self.query.clear)
        self.query.textChanged.connect(self._show_results)
        self.query.returnPressed.connect(self._choose_first)
        self.results.chosen.connect(self.service_chosen)

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("Back"))
        self.back_button.setAccessibleDescription(self.tr("Go back to the list of topics"))
        self.title.setText(self.tr("Search"))
        self.query.setPlaceholderText(self.tr("Type what you need, for example bins"))
        self.query.setAccessibleName(self.tr("Search for a service"))
        self.query.setAccessibleDescription(self.tr("Matching services are listed as you type"))
        self.results.setAccessibleName(self.tr("Matching services"))
        self.keypad.retranslate()
        self._show_results(self.query.text())

    def shown(self) -> None:
        self.query.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear(self) -> None:
        """Forget the last resident's search (the idle reset calls this)."""
        self.query.clear()
        self._show_results("")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Typing on a real keyboard goes to the search box, wherever the focus was."""
        if self._is_typing(event) and not self.query.hasFocus():
            self.query.setFocus(Qt.FocusReason.OtherFocusReason)
            QApplication.sendEvent(self.query, event)
            return
        super().keyPressEvent(event)

    @staticmethod
    def _is_typing(event: QKeyEvent) -> bool:
        text = event.text()
        return event.key() == Qt.Key.Key_Backspace or (text.isprintable() and bool(text))

    def _show_results(self, text: str) -> None:
        searching = bool(text.strip())
        self.results.set_empty_text(self._no_match_text() if searching else self._hint_text())
        self.results.set_services(self._matches(text) if searching else [])

    def _hint_text(self) -> str:
        return self.tr("Tap the letters to type a word. Matching services will appear here.")

    def _no_match_text(self) -> str:
        return self.tr("No services match. Try another word.")

    def _matches(self, text: str) -> list[tuple[str, str, str]]:
        catalog, language = self.services.catalog, self.language
        found = self.services.search.search(text, language, limit=RESULT_LIMIT)
        texts = (catalog.text(service, language) for service in found)
        return [(t.service_id, t.title, t.summary) for t in texts]

    def _choose_first(self) -> None:
        rows = self.results.rows()
        if rows:
            self.service_chosen.emit(rows[0].service_id)
