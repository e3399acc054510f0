"""Where to save a handout or an export: large buttons for the places IT allows, never a file
dialog (its 20 px controls, the whole filesystem and a way out of kiosk mode).

The places are the ``save_folders`` IT configured and the USB sticks plugged in, looked for on
a worker thread (a drive can be slow to answer). A file's name is typed on the on-screen
keyboard; a folder (an export) needs only the place.
"""

from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import suppress
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QButtonGroup, QLabel, QLineEdit, QVBoxLayout, QWidget

from kiosk.errors import KioskError
from kiosk.save_places import Place, clean_file_name, save_places
from ui.screens.base import Screen
from ui.services import AppServices
from ui.widgets.columns import ColumnsLayout
from ui.widgets.flow import FlowLayout
from ui.widgets.keypad import TouchKeypad
from ui.widgets.message_line import MessageLine
from ui.widgets.touch import GAP, ToggleButton, TouchButton

FILE, FOLDER = "file", "folder"
PLACE_COLUMNS = 3


class SavePlaceScreen(Screen):
    for_staff = True

    chosen = Signal(object, str)  # the folder (Path) and the file name ("" for a folder)
    cancelled = Signal()
    _found = Signal(int, object)  # an ask's number and its places (or a message): queued

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.kind, self.suffix = FILE, ".pdf"
        self.places: list[Place] = []
        self.place_buttons: list[ToggleButton] = []
        self._ask = 0
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="save-places")
        self._found.connect(self._show_places, Qt.ConnectionType.QueuedConnection)
        self.title = QLabel(objectName="screenTitle", wordWrap=True)
        self.places_heading = QLabel(objectName="heading", wordWrap=True)
        self.message = MessageLine("catalogWarning", lines=2)
        self.place_group = QButtonGroup(self)
        self.place_group.buttonToggled.connect(lambda *_: self._update_buttons())
        self.name_heading = QLabel(objectName="heading", wordWrap=True)
        self.name_field = QLineEdit(objectName="searchBox")
        self.name_field.textChanged.connect(self._update_buttons)
        self.keypad = TouchKeypad()
        self.keypad.typed.connect(self.name_field.insert)
        self.keypad.backspace.connect(self.name_field.backspace)
        self.keypad.cleared.connect(self.name_field.clear)
        self.save_button = TouchButton(object_name="primary")
        self.save_button.clicked.connect(self.choose)
        self.look_again_button = TouchButton()
        self.look_again_button.clicked.connect(self.look_for_places)
        self.cancel_button = TouchButton(icon_name="back")
        self.cancel_button.clicked.connect(self.cancel)
        self._lay_out()
        self.retranslate()

    def _lay_out(self) -> None:
        actions = FlowLayout(spacing=GAP * 2)
        actions.add(self.cancel_button)
        actions.add(self.look_again_button)
        actions.add(self.save_button, at_end=True)
        self.place_grid = ColumnsLayout(most_columns=PLACE_COLUMNS, spacing=GAP * 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(GAP * 2)
        layout.addWidget(self.title)
        layout.addLayout(actions)
        layout.addWidget(self.places_heading)
        layout.addWidget(self.message)
        layout.addLayout(self.place_grid)
        layout.addWidget(self.name_heading)
        layout.addWidget(self.name_field)
        layout.addWidget(self.keypad)
        layout.addStretch(1)

    def retranslate(self) -> None:
        self.title.setText(
            self.tr("Save the handout") if self.kind == FILE else self.tr("Choose where to export")
        )
        self.places_heading.setText(self.tr("Where to save it"))
        self.name_heading.setText(self.tr("File name"))
        self.name_field.setAccessibleName(self.tr("File name"))
        self.save_button.setText(
            self.tr("Save here") if self.kind == FILE else self.tr("Use this")
        )
        self.look_again_button.setText(self.tr("Look again for USB sticks"))
        self.cancel_button.setText(self.tr("Cancel"))

    # --- asking ---------------------------------------------------------------------------
    def ask(self, kind: str, name: str = "") -> None:
        """Ready to ask for a place to save a ``kind`` (FILE, named ``name`` to start with)."""
        self.kind = kind
        self.suffix = Path(name).suffix or ".pdf"
        self.name_field.setText(Path(name).stem)
        for widget in (self.name_heading, self.name_field, self.keypad):
            widget.setVisible(kind == FILE)
        self.retranslate()
        self.look_for_places()

    def look_for_places(self) -> None:
        self._ask += 1
        self._clear_places()
        self.message.say(self.tr("Looking for USB sticks…"))
        ask, config = self._ask, self.services.config
        future = self._worker.submit(save_places, config)
        future.add_done_callback(lambda done: self._hand_over(ask, done))

    def _hand_over(self, ask: int, future: "Future[list[Place]]") -> None:
        try:
            found: object = future.result()
        except OSError as exc:
            found = str(exc)
        with suppress(RuntimeError):  # the screen has gone (closing down)
            self._found.emit(ask, found)

    @Slot(int, object)
    def _show_places(self, ask: int, found: object) -> None:
        if ask != self._ask:
            return  # an older look, overtaken
        if isinstance(found, str):
            self.message.say(
                self.tr("Could not look for USB sticks: {reason}").format(reason=found)
            )
            return
        assert isinstance(found, list)
        self.places = found
        for place in found:
            self._add_place_button(place)
        if not found:
            self.message.say(
                self.tr(
                    "No USB stick found. Put one in and tap Look again. "
                    "(IT can add folders with the save_folders setting.)"
                )
            )
        else:
            self.message.say("")
            if len(found) == 1:
                self.place_buttons[0].setChecked(True)
        self._update_buttons()

    def _add_place_button(self, place: Place) -> None:
        words = (
            self.tr("USB stick: {name}").format(name=place.label)
            if place.removable
            else self.tr("Folder: {name}").format(name=place.label)
        )
        tile = ToggleButton(words, str(place.path))
        self.place_group.addButton(tile)
        self.place_grid.addWidget(tile)
        self.place_buttons.append(tile)

    def _clear_places(self) -> None:
        for tile in self.place_buttons:
            self.place_group.removeButton(tile)
            self.place_grid.removeWidget(tile)
            tile.deleteLater()
        self.place_buttons, self.places = [], []
        self._update_buttons()

    def _chosen_place(self) -> Place | None:
        for tile, place in zip(self.place_buttons, self.places, strict=True):
            if tile.isChecked():
                return place
        return None

    def _update_buttons(self) -> None:
        named = self.kind == FOLDER or bool(self.name_field.text().strip())
        self.save_button.setEnabled(self._chosen_place() is not None and named)

    def choose(self) -> None:
        place = self._chosen_place()
        if place is None:
            return
        name = ""
        if self.kind == FILE:
            try:
                name = clean_file_name(self.name_field.text(), self.suffix)
            except KioskError as exc:
                self.message.say(str(exc))
                return
        self.chosen.emit(place.path, name)

    def cancel(self) -> None:
        self._ask += 1  # a look still running is no longer wanted
        self.cancelled.emit()

    def shutdown(self) -> None:
        self._worker.shutdown(wait=False, cancel_futures=True)
