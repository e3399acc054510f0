"""Rows and grids that reflow rather than cut words: fewer columns, another line."""

from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from ui.widgets.columns import ColumnsLayout
from ui.widgets.flow import FlowLayout
from ui.widgets.touch import Tile, TouchButton

WELSH = ["Llyfrgelloedd", "Gofal cymdeithasol", "Etholiadau a phleidleisio", "Tai", "Ysgolion"]


def shown(qtbot: QtBot, widget: QWidget, width: int) -> None:
    """``widget`` ``width`` px wide and as tall as it asks at that width (asked again once its
    layout has placed everything for that width)."""
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    for _ in range(3):
        widget.resize(width, widget.heightForWidth(width) if widget.hasHeightForWidth() else 400)
        QApplication.processEvents()


def test_tiles_take_fewer_columns_rather_than_cut_a_word(qtbot: QtBot) -> None:
    holder = QWidget()
    grid = ColumnsLayout(holder, most_columns=4, spacing=16)
    tiles = []
    for words in WELSH:
        tile = Tile(None)
        tile.setText(words)
        grid.addWidget(tile)
        tiles.append(tile)
    longest = max(t.words.fontMetrics().horizontalAdvance("Llyfrgelloedd") for t in tiles)
    heights = []
    for width, columns in ((2000, 4), (2 * longest + 100, 2), (longest + 40, 1)):
        shown(qtbot, holder, width)
        qtbot.waitUntil(lambda w=width: holder.heightForWidth(w) == holder.height())
        assert grid.columns_for(width) == columns
        for tile in tiles:
            assert tile.words.width() >= longest  # the longest word has its whole width
            assert tile.x() + tile.width() <= holder.width()
        heights.append(holder.height())
    assert heights[0] < heights[1] < heights[2]  # fewer columns: taller, never cut


def test_a_row_of_buttons_wraps_and_keeps_finish_at_the_end(qtbot: QtBot) -> None:
    holder = QWidget()
    row = FlowLayout(holder, spacing=8)
    buttons = [TouchButton(words) for words in ("Dangos cod QR", "Argraffu taflen", "Darllen")]
    for button in buttons:
        row.add(button)
    finish = TouchButton("Gorffen")
    row.add(finish, at_end=True)
    wide = sum(b.sizeHint().width() for b in [*buttons, finish]) + 200
    shown(qtbot, holder, wide)
    assert row.lines_at(wide) == 1
    assert finish.geometry().right() == holder.width() - 1  # pushed to the end of its line
    narrow = buttons[0].sizeHint().width() + buttons[1].sizeHint().width() + 20
    shown(qtbot, holder, narrow)
    assert row.lines_at(narrow) >= 2
    for button in [*buttons, finish]:
        assert button.width() >= button.sizeHint().width()  # never squeezed
        assert button.geometry().right() < holder.width()
