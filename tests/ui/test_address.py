"""The address on the QR page breaks across lines only after a slash of its path."""

import pytest
from PySide6.QtGui import QFont, QFontMetricsF, QTextLayout, QTextOption
from pytestqt.qtbot import QtBot

from ui.widgets.address import WORD_JOINER, breakable_only_at_slashes

ADDRESS = "https://www.example-council.gov.uk/council-tax/pay-your-council-tax-online?ref=desk-1"


def lines_at(text: str, width: float, font: QFont) -> list[str]:
    """How Qt's own line breaking lays ``text`` out at ``width`` pixels (as a QLabel does)."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    found = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        found.append(text[line.textStart() : line.textStart() + line.textLength()])
    layout.endLayout()
    return [line.replace(WORD_JOINER, "") for line in found]


def test_the_address_reads_the_same_once_the_joiners_are_dropped() -> None:
    assert breakable_only_at_slashes(ADDRESS).replace(WORD_JOINER, "") == ADDRESS


@pytest.mark.parametrize("room", [1.05, 1.4, 2.0, 3.0])
def test_lines_end_only_after_a_slash_of_the_path(qtbot: QtBot, room: float) -> None:
    """At any width that holds the longest piece between two slashes (a narrower one has to
    break inside it, as anything would)."""
    font = QFont()
    font.setPixelSize(28)
    pieces = ADDRESS.replace("://", ":@@").split("/")
    widest = max(QFontMetricsF(font).horizontalAdvance(piece + "/") for piece in pieces)
    lines = lines_at(breakable_only_at_slashes(ADDRESS), widest * room, font)
    assert "".join(lines) == ADDRESS
    for line in lines[:-1]:
        assert line.endswith("/"), lines
        assert not line.endswith("://"), lines
    if room < 2:
        assert len(lines) > 1
        assert lines_at(ADDRESS, widest * room, font) != lines  # Qt alone breaks elsewhere
