"""Every word on every screen shows whole: in both languages, at every text size, on the screens
councils have (1024x768, 1280x800, 1920x1080), with the kiosk's own style and fonts.

Measured as the text is laid out, not from size hints: each label's words are set in its own
font at its own width, breaking lines only where a line may break (between words, after a
``/`` of an address), and the widest line must fit and all the lines must show. A button's
words (one line each) must fit inside its border and padding. Nothing may be cut off at the
side of the window (nothing scrolls sideways), nor at its foot unless it scrolls into view, and
the window must be the size of the screen, not grow past it.
"""

from collections.abc import Iterator
from itertools import chain

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QTextDocument, QTextOption
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyleOptionButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from kiosk.auth import SupervisorPin
from kiosk.contacts.demo import seed_demo
from tests.ui.geometry import describe, on_screen, scroll_area, visible, whole
from ui.main_window import MainWindow
from ui.supervisor.area import SECTIONS
from ui.widgets.address import WORD_JOINER
from ui.widgets.touch import Tile

RESOLUTIONS = ((1024, 768), (1280, 800), (1920, 1080))
LANGUAGES = ("en", "cy")
TEXT_SIZES = (0, 1, 2)
PIN = "246810"
QUERY = "park"
SERVICE = "pay-council-tax"  # five steps, the longest Welsh step titles
ICON_GAP = 4  # px Qt leaves between a button's icon and its words


def text_width_and_height(text: str, font: QFont, room: int | None, rich: bool) -> QSize:
    """The widest line and the height of ``text`` laid out in ``font``, wrapped to ``room``
    px (``None``: one line per line of the text) breaking only where a line may break: a word
    longer than the room sticks out, as it would be cut on screen."""
    document = QTextDocument()
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap if room else QTextOption.WrapMode.NoWrap)
    document.setDefaultTextOption(option)
    if rich:
        document.setHtml(text)
    else:
        document.setPlainText(text)
    document.setTextWidth(room if room else -1)
    layout = document.documentLayout()
    widest = max(
        layout.blockBoundingRect(block).width() if not room else _widest_line(block)
        for block in _blocks(document)
    )
    return QSize(int(widest + 0.99), int(document.size().height() + 0.99))


def _blocks(document: QTextDocument) -> Iterator:  # type: ignore[type-arg]
    block = document.begin()
    while block.isValid():
        yield block
        block = block.next()


def _widest_line(block) -> float:  # type: ignore[no-untyped-def]
    layout = block.layout()
    return max((layout.lineAt(i).naturalTextWidth() for i in range(layout.lineCount())), default=0)


def label_problems(label: QLabel) -> list[str]:
    text = label.text()
    if not text.strip() or not label.pixmap().isNull():
        return []
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text)
    )
    inside = label.contentsRect().size()
    room = QSize(inside.width() - 2 * label.margin(), inside.height() - 2 * label.margin())
    needs = text_width_and_height(
        text, label.font(), room.width() if label.wordWrap() else None, rich
    )
    shown = text.replace(WORD_JOINER, "")[:60]
    problems = []
    if needs.width() > room.width():
        problems.append(f"{shown!r} needs {needs.width()} px across, has {room.width()}")
    if needs.height() > room.height() + 1:  # a pixel of rounding
        problems.append(f"{shown!r} needs {needs.height()} px down, has {room.height()}")
    return problems


def button_problems(button: QPushButton) -> list[str]:
    """A button's own words (tiles and service rows draw theirs with labels)."""
    if not button.text() or isinstance(button, Tile):
        return []
    option = QStyleOptionButton()
    button.initStyleOption(option)
    inside = button.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, button)
    icon = button.iconSize().width() + ICON_GAP if not button.icon().isNull() else 0
    metrics = button.fontMetrics()
    needs = max(metrics.horizontalAdvance(line) for line in button.text().split("\n")) + icon
    if needs > inside.width():
        return [f"{button.text()!r} needs {needs} px, has {inside.width()}"]
    return []


def cut_off(widget: QWidget, window: QWidget) -> list[str]:
    """Cut at the window's side, or at its foot with no scrolling to bring it into view."""
    rect, shown = whole(widget, window), on_screen(widget, window)
    if shown.isEmpty() and scroll_area(widget) is not None:
        return []  # scrolled out of sight: a flick brings it back
    if shown.width() < rect.width():
        return [f"only {shown.width()} of its {rect.width()} px across show"]
    if shown.height() < rect.height() and scroll_area(widget) is None:
        return [f"only {shown.height()} of its {rect.height()} px down show"]
    return []


def what_does_not_fit(window: MainWindow, screen: QSize) -> list[str]:
    problems = []
    if window.size() != screen:
        size = window.size()
        problems.append(f"the window is {size.width()}x{size.height()} px on this screen")
    for label in visible(window, QLabel):
        assert isinstance(label, QLabel)
        problems += [f"{describe(label)}: {p}" for p in label_problems(label)]
    for button in visible(window, QPushButton):
        assert isinstance(button, QPushButton)
        problems += [f"{describe(button)}: {p}" for p in button_problems(button)]
    for widget in visible(window, QLabel, QAbstractButton, QLineEdit):
        problems += [f"{describe(widget)}: {p}" for p in cut_off(widget, window)]
    return problems


# --- the walk -------------------------------------------------------------------------------
def resident_screens(
    window: MainWindow, qtbot: QtBot, language: str, size: int, contrast: bool = False
) -> Iterator[str]:
    """Every resident-facing screen, chosen in ``language`` at ``size`` (and in high
    ``contrast``) on the start screen."""

    def choose_look() -> None:
        window.start.language_buttons[language].click()
        window.start.size_buttons[size].click()
        if contrast != window.start.contrast_button.isChecked():
            window.start.contrast_button.click()

    yield "staff sign-in"
    window.staff.buttons["CD"].click()
    choose_look()
    yield "start"
    for category in window.start.tiles:
        window.start.tiles[category].click()
        yield f"category {category}"
        window.category.back_button.click()
    window.start.search_button.click()
    for letter in QUERY:
        window.search.keypad.keys[letter].click()
    assert window.search.results.rows(), f"no results for {QUERY!r}"
    yield f"search for {QUERY!r}"
    window.search.back_button.click()
    window.open_service(SERVICE)
    yield "service overview"
    service = window.service
    service.start_steps.click()
    step = 1
    while True:
        yield f"step {step}"
        if not service.next_button.isEnabled() or service.next_button.isHidden():
            break
        service.next_button.click()
        step += 1
    service.print_button.click()
    qtbot.waitUntil(service.save_pdf_button.isVisible, timeout=10_000)
    yield f"step {step}, the handout not printed"
    service.save_pdf_button.click()
    qtbot.waitUntil(lambda: bool(window.save_place.place_buttons), timeout=5000)
    yield "where to save the handout"
    window.save_place.cancel_button.click()
    service.qr_button.click()
    yield "QR code"
    service.finish_button.click()
    yield "log contact"
    window.go_home()
    choose_look()
    window.start.general_button.click()
    yield "log a general enquiry"


def supervisor_screens(window: MainWindow, qtbot: QtBot) -> Iterator[str]:
    """The PIN screen and every section behind it (in the standard look, at the first size)."""
    services = window.services
    seed_demo(services.contact_log, services.catalog, 200, 30, 3, site="main", desk="desk-1")
    SupervisorPin(services.config.data_dir, cost=2**10).set(PIN)
    window.go_home()
    window.supervisor_requested.emit()  # the council name held for 3 s
    pin_screen = window.supervisor_pin
    pin_screen.pin = SupervisorPin(services.config.data_dir, cost=2**10)
    for digit in "111111":
        pin_screen.digit_buttons[digit].click()
    pin_screen.open_button.click()
    qtbot.waitUntil(lambda: not pin_screen._checking, timeout=5000)
    yield "supervisor PIN, wrong"
    pin_screen.clear_button.click()
    for digit in PIN:
        pin_screen.digit_buttons[digit].click()
    pin_screen.open_button.click()
    qtbot.waitUntil(lambda: "supervisor_area" in vars(window), timeout=5000)
    area = window.supervisor_area
    qtbot.waitUntil(lambda: window.current_screen() is area, timeout=5000)
    for section in SECTIONS:
        area.show_section(section)
        if section == "dashboard":
            qtbot.waitUntil(lambda: not area.dashboard.busy, timeout=10_000)
        yield f"supervisor {section}"
    if area.exit_button.isVisible():
        area.exit_button.click()
        yield "supervisor kiosk, asked why it is leaving kiosk mode"
    area.show_section("export")
    area.export_panel.folder_button.click()
    qtbot.waitUntil(lambda: bool(window.save_place.place_buttons), timeout=5000)
    yield "where to export"
    window.save_place.save_button.click()
    yield "supervisor export, a folder chosen"


LOOKS = [
    (resolution, size, language, False)
    for resolution in RESOLUTIONS
    for size in TEXT_SIZES
    for language in LANGUAGES
] + [  # high contrast draws thicker edges on the same words: the smaller screens, largest text
    ((1024, 768), 2, "cy", True),
    ((1280, 800), 2, "en", True),
]


def _look_id(look: tuple[tuple[int, int], int, str, bool]) -> str:
    (width, height), size, language, contrast = look
    return f"{width}x{height}-size{size}-{language}" + ("-high-contrast" if contrast else "")


@pytest.mark.parametrize(
    ("resolution", "size", "language", "contrast"), LOOKS, ids=map(_look_id, LOOKS)
)
def test_every_word_shows_whole_on_every_screen(
    styled_window: MainWindow,
    qtbot: QtBot,
    language: str,
    size: int,
    resolution: tuple[int, int],
    contrast: bool,
) -> None:
    window = styled_window
    screen = QSize(*resolution)
    window.services.session.default_language = language  # a Welsh council's supervisor too
    window.resize(screen)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    screens = resident_screens(window, qtbot, language, size, contrast)
    if size == 0:  # the supervisor area is always at the first text size
        screens = chain(screens, supervisor_screens(window, qtbot))
    found = []
    for name in screens:
        for _ in range(3):
            app.processEvents()
        found += [f"{name}: {problem}" for problem in what_does_not_fit(window, screen)]
    assert not found, "\n".join(found)
