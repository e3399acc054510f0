"""Start: the council, its categories as large tiles, search, language and text size."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from ui.kiosk_mode import LongPress
from ui.language_names import native_name
from ui.screens.base import Screen
from ui.services import AppServices
from ui.widgets.columns import ColumnsLayout
from ui.widgets.flow import FlowLayout
from ui.widgets.touch import GAP, Tile, TouchButton

COLUMNS = 4
TEXT_SIZE_LABELS = ("A", "A+", "A++")


class StartScreen(Screen):
    category_chosen = Signal(str)
    search_requested = Signal()
    general_enquiry = Signal()
    sign_in_requested = Signal()
    supervisor_requested = Signal()

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.council = QLabel(objectName="councilName", wordWrap=True)
        # Holding the council's name for 3 s is the supervisor's way in (not a resident's).
        self.council_hold = LongPress(self.council)
        self.council_hold.long_pressed.connect(self.supervisor_requested)
        self.council_hold.holding_changed.connect(self._show_held)
        self.staff_button = TouchButton(object_name="staffButton")
        self.staff_button.clicked.connect(self.sign_in_requested)
        self.language_buttons = self._language_buttons()
        self.size_buttons = self._size_buttons()
        self.contrast_button = TouchButton(object_name="sizeButton")
        self.contrast_button.setCheckable(True)
        self.contrast_button.clicked.connect(self.session.set_high_contrast)
        self.session.contrast_changed.connect(lambda _: self._mark_choices())
        self.tiles: dict[str, Tile] = {}
        self.search_button = TouchButton(icon_name="search", object_name="bigAction")
        self.search_button.clicked.connect(self.search_requested)
        self.general_button = TouchButton(icon_name="general", object_name="bigAction")
        self.general_button.clicked.connect(self.general_enquiry)
        self._lay_out()
        self.session.staff_changed.connect(lambda _: self.retranslate())
        self.retranslate()

    def _show_held(self, held: bool) -> None:
        """The name darkens while held, so a supervisor knows to keep holding."""
        self.council.setProperty("held", held)
        self.council.style().unpolish(self.council)
        self.council.style().polish(self.council)

    def _language_buttons(self) -> dict[str, TouchButton]:
        buttons = {}
        for code in self.services.catalog.council.languages:
            button = TouchButton(native_name(code), object_name="languageButton")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, c=code: self.session.set_language(c))
            buttons[code] = button
        return buttons

    def _size_buttons(self) -> list[TouchButton]:
        buttons = []
        for size, label in enumerate(TEXT_SIZE_LABELS):
            button = TouchButton(label, object_name="sizeButton")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, s=size: self.session.set_text_size(s))
            buttons.append(button)
        self.session.text_size_changed.connect(lambda _: self._mark_choices())
        return buttons

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.setSpacing(GAP)
        top.addWidget(self.council, 1)
        top.addWidget(self.staff_button)
        choices = FlowLayout(spacing=GAP)
        for button in [*self.language_buttons.values(), *self.size_buttons, self.contrast_button]:
            choices.add(button)
        self.grid = ColumnsLayout(most_columns=COLUMNS, spacing=GAP * 2)
        catalog = self.services.catalog
        shown = [c for c in catalog.categories if catalog.in_category(c.id)]
        for category in shown:
            tile = Tile(category.icon, object_name="categoryTile")
            tile.clicked.connect(lambda _=False, c=category.id: self.category_chosen.emit(c))
            self.tiles[category.id] = tile
            self.grid.addWidget(tile)
        bottom = ColumnsLayout(most_columns=2, spacing=GAP * 2)  # side by side if they fit
        bottom.addWidget(self.search_button)
        bottom.addWidget(self.general_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(GAP * 2)
        layout.addLayout(top)
        layout.addLayout(choices)
        layout.addWidget(self._scrolling(self.grid), 1)
        layout.addLayout(bottom)

    @staticmethod
    def _scrolling(grid: ColumnsLayout) -> QScrollArea:
        """The tiles scroll when the largest text makes them taller than the screen."""
        inner = QWidget()
        inner.setLayout(grid)
        area = QScrollArea()
        area.setWidget(inner)
        area.setWidgetResizable(True)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QScroller.grabGesture(
            area.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture
        )
        return area

    def retranslate(self) -> None:
        catalog = self.services.catalog
        self.council.setText(catalog.council_name(self.language))
        for category in catalog.categories:
            if category.id in self.tiles:
                self.tiles[category.id].setText(catalog.category_title(category, self.language))
        self.search_button.setText(self.tr("Search for a service"))
        self.general_button.setText(self.tr("General enquiry"))
        staff = self.session.staff
        self.staff_button.setText(
            self.tr("Staff: %1").replace("%1", staff) if staff else self.tr("Sign in")
        )
        self.staff_button.setAccessibleDescription(self.tr("Choose your staff code"))
        for button, description in zip(self.size_buttons, self._size_descriptions(), strict=True):
            button.setAccessibleName(description)
            button.setAccessibleDescription(self.tr("Change the size of the words"))
        for button in self.language_buttons.values():
            button.setAccessibleDescription(self.tr("Show the kiosk in this language"))
        self.contrast_button.setText(self.tr("Contrast"))
        self.contrast_button.setAccessibleDescription(self.tr("White and yellow text on black"))
        self._mark_choices()

    def _size_descriptions(self) -> list[str]:
        return [self.tr("Normal text"), self.tr("Large text"), self.tr("Largest text")]

    def _mark_choices(self) -> None:
        for code, button in self.language_buttons.items():
            button.setChecked(code == self.language)
        for size, button in enumerate(self.size_buttons):
            button.setChecked(size == self.session.text_size)
        self.contrast_button.setChecked(self.session.high_contrast)

    def shown(self) -> None:
        self.retranslate()


class StaffScreen(Screen):
    """Staff choose their code at the start of a shift (codes, never names)."""

    for_staff = True

    signed_in = Signal(str)
    back = Signal()

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.title = QLabel(objectName="screenTitle")
        self.back_button = TouchButton(icon_name="back", object_name="backButton")
        self.back_button.clicked.connect(self.back)
        self.sign_out_button = TouchButton()
        self.sign_out_button.clicked.connect(self._sign_out)
        self.buttons = {}
        row = QGridLayout()
        row.setSpacing(GAP * 2)
        for index, code in enumerate(services.config.staff_codes):
            button = TouchButton(code, object_name="staffCode")
            button.setMinimumSize(120, 96)
            button.clicked.connect(lambda _=False, c=code: self._choose(c))
            self.buttons[code] = button
            row.addWidget(button, index // 6, index % 6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        header = QHBoxLayout()
        header.setSpacing(GAP * 2)
        header.addWidget(self.back_button)
        header.addWidget(self.title, 1)
        header.addWidget(self.sign_out_button)
        layout.addLayout(header)
        layout.addLayout(row)
        layout.addStretch(1)
        self.retranslate()

    def shown(self) -> None:
        signed_in = self.session.staff is not None
        self.back_button.setVisible(signed_in)  # none yet: must choose
        self.sign_out_button.setVisible(signed_in)

    def _sign_out(self) -> None:
        self.session.sign_out()
        self.shown()

    def _choose(self, code: str) -> None:
        self.session.sign_in(code)
        self.signed_in.emit(code)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Choose your staff code"))
        self.back_button.setText(self.tr("Back"))
        self.sign_out_button.setText(self.tr("Sign out"))
        self.sign_out_button.setAccessibleDescription(self.tr("At the end of your shift"))
        self.title.setAlignment(Qt.AlignmentFlag.AlignLeft)
