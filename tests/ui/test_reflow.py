"""Rows and grids that reflow rather than cut words: fewer columns, another line."""

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from ui.widgets.columns import ColumnsLayout
from ui.widgets.flow import FlowLayout
from ui.widgets.touch import Tile, TouchButton

WELSH = ["Llyfrgelloedd", "Gofal cymdeithasol", "Etholiadau a phleidleisio", "Tai", "Ysgolion"]


def shown(qtbot: QtBot, widget: QWidget, width: int) -> None:
    qtbot.addWidget(widget)
    widget.resize(width, widget.heightForWidth(width) if widget.hasHeightForWidth() else 400)
    widget.show()
    qtbot.waitExposed(widget)


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
    for width, columns in ((2000, 4), (2 * longest + 100, 2), (longest + 40, 1)):
        shown(qtbot, holder, width)
        assert grid.columns_for(width) == columns
        for tile in tiles:
            assert tile.words.width() >= longest  # the longest word has its whole width
            assert tile.x() + tile.width() <= holder.width()
    assert holder.heightForWidth(longest + 40) > holder.heightForWidth(2000)  # taller, not cut


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
