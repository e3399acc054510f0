"""One category's services, in the resident's language, each a row to tap."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui.screens.base import Screen
from ui.services import AppServices
from ui.widgets.service_list import ServiceList
from ui.widgets.touch import GAP, TouchButton

MARGIN = 16  # px around a screen's content


def back_button() -> TouchButton:
    return TouchButton(icon_name="back", object_name="backButton")


def screen_title() -> QLabel:
    """A screen's heading (the style sheet makes #screenTitle large and bold)."""
    label = QLabel()
    label.setObjectName("screenTitle")
    label.setWordWrap(True)
    return label


def header(back: TouchButton, title: QLabel) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setSpacing(2 * GAP)
    row.addWidget(back)
    row.addWidget(title, 1)
    return row


class CategoryScreen(Screen):
    service_chosen = Signal(str)
    back = Signal()

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.category_id: str | None = None
        self.back_button = back_button()
        self.title = screen_title()
        self.services_list = ServiceList()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(2 * GAP)
        layout.addLayout(header(self.back_button, self.title))
        layout.addWidget(self.services_list, 1)
        self.back_button.clicked.connect(self.back)
        self.services_list.chosen.connect(self.service_chosen)
        self.retranslate()

    def show_category(self, category_id: str) -> None:
        self.category_id = category_id
        self._show_services()

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("Back"))
        self.back_button.setAccessibleDescription(self.tr("Go back to the list of topics"))
        self.services_list.set_empty_text(self.tr("There are no services in this topic yet."))
        self._show_services()

    def _show_services(self) -> None:
        catalog, language = self.services.catalog, self.language
        if self.category_id is None:
            self.title.clear()
            self.services_list.set_services([])
            return
        self.title.setText(catalog.category_title(catalog.category(self.category_id), language))
        texts = [catalog.text(s, language) for s in catalog.in_category(self.category_id)]
        texts.sort(key=lambda t: t.title.casefold())  # in the order of the words shown
        self.services_list.set_services([(t.service_id, t.title, t.summary) for t in texts])
        self.services_list.setAccessibleName(self.title.text())
