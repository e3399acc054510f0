"""An on-screen keyboard for searching: QWERTY letters, digits, space, delete and clear.

Keys never take focus, so the box being typed into keeps its cursor and a physical keyboard
goes on working alongside this one.
"""

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QWidget

from ui.widgets.touch import GAP, TouchButton

KEY_HEIGHT = 64  # px: keys are tapped often and fast, so taller than the 48 px minimum
COLUMNS = 20  # half-key columns, so the QWERTY rows can sit staggered as on a real keyboard
ROWS = (("1234567890", 0), ("qwertyuiop", 0), ("asdfghjkl", 1), ("zxcvbnm", 3))
# bottom row, in half-key columns: (first column, span)
CLEAR_AT, SPACE_AT, DELETE_AT = (0, 4), (4, 10), (14, 6)

# Colours come from the kiosk's themed style sheet; a one-letter key needs no side padding.
KEY_STYLE = "QPushButton#key { padding-left: 0; padding-right: 0; }"


class TouchKeypad(QWidget):
    typed = Signal(str)
    backspace = Signal()
    cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keypad")
        self.setStyleSheet(KEY_STYLE)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(GAP)
        self.keys: dict[str, TouchButton] = {}
        for row, (characters, offset) in enumerate(ROWS):
            for index, character in enumerate(characters):
                self._add_character_key(character, row, offset + 2 * index)
        bottom = len(ROWS)
        self.clear_key = self._add_key("wideKey", bottom, CLEAR_AT)
        self.space_key = self._add_key("wideKey", bottom, SPACE_AT)
        self.delete_key = self._add_key("wideKey", bottom, DELETE_AT)
        self.clear_key.clicked.connect(self.cleared)
        self.space_key.clicked.connect(lambda: self.typed.emit(" "))
        self.delete_key.clicked.connect(self.backspace)
        for column in range(COLUMNS):
            self._grid.setColumnStretch(column, 1)
        self.retranslate()

    def buttons(self) -> list[TouchButton]:
        return [*self.keys.values(), self.clear_key, self.space_key, self.delete_key]

    def retranslate(self) -> None:
        for character, key in self.keys.items():
            key.setText(character.upper())
            if character.isdigit():
                key.setAccessibleName(self.tr("Number {digit}").format(digit=character))
            else:
                key.setAccessibleName(self.tr("Letter {letter}").format(letter=character.upper()))
        self._label(self.space_key, self.tr("Space"), self.tr("Space"))
        self._label(self.delete_key, self.tr("Delete"), self.tr("Delete last letter"))
        self._label(self.clear_key, self.tr("Clear"), self.tr("Clear"))
        self.space_key.setAccessibleDescription(self.tr("Type a space between words"))
        self.clear_key.setAccessibleDescription(self.tr("Delete everything typed so far"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @staticmethod
    def _label(key: TouchButton, text: str, name: str) -> None:
        key.setText(text)  # TouchButton names the key after its label, so name it after
        key.setAccessibleName(name)

    def _add_character_key(self, character: str, row: int, column: int) -> None:
        key = self._add_key("key", row, (column, 2))
        key.clicked.connect(lambda: self.typed.emit(character))
        self.keys[character] = key

    def _add_key(self, object_name: str, row: int, place: tuple[int, int]) -> TouchButton:
        key = TouchButton(object_name=object_name)
        key.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        key.setMinimumHeight(KEY_HEIGHT)
        self._grid.addWidget(key, row, place[0], 1, place[1])
        return key
