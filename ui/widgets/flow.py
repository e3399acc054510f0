"""A row of buttons that wraps onto another line when the words make it wider than the screen.

A plain row either squeezes its buttons until their words are cut, or pushes the window past
the edge of the screen (seen: Welsh at the largest text size on 1024 x 768). Here each button
keeps the width its words need; those that do not fit go on a new line. A button added with
``at_end=True`` (Finish, Next) sits at the right-hand end of its line, as in a plain row with a
stretch before it; an item added with ``stretch=True`` takes the room left on its line.
"""

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QLayoutItem, QWidget, QWidgetItem

from ui.widgets.measured_layout import MeasuredLayout

Line = list[QLayoutItem]


class FlowLayout(MeasuredLayout):
    def __init__(self, parent: QWidget | None = None, *, spacing: int) -> None:
        super().__init__(parent, spacing=spacing)
        self._at_end: set[int] = set()  # ids of the items pushed to the end of their line
        self._stretch: set[int] = set()  # and of those that take the room left on theirs

    def add(self, widget: QWidget, *, at_end: bool = False, stretch: bool = False) -> None:
        self.addChildWidget(widget)
        item = QWidgetItem(widget)
        if at_end:
            self._at_end.add(id(item))
        if stretch:
            self._stretch.add(id(item))
        self.addItem(item)

    def takeAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        item = super().takeAt(index)
        if item is not None:
            self._at_end.discard(id(item))
            self._stretch.discard(id(item))
        return item

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def minimum_size(self) -> QSize:
        """The widest button on a line of its own."""
        shown = self.shown()
        width = max((self.minimum_width_of(item) for item in shown), default=0)
        height = max((item.minimumSize().height() for item in shown), default=0)
        return self.inside(QSize(width, height))

    def size_hint(self) -> QSize:
        """Every button on one line."""
        shown = self.shown()
        width = sum(self.width_of(item) for item in shown)
        width += self.spacing() * max(0, len(shown) - 1)
        width = self.inside(QSize(width, 0)).width()
        return QSize(width, self.heightForWidth(width))

    def lines_at(self, width: int) -> int:
        """How many lines the buttons take ``width`` px wide (for tests and screenshots)."""
        margins = self.contentsMargins()
        return len(self._lines(width - margins.left() - margins.right()))

    def _lines(self, width: int) -> list[Line]:
        lines: list[Line] = [[]]
        used = 0
        for item in self.shown():
            wanted = self.width_of(item)
            if lines[-1] and used + self.spacing() + wanted > width:
                lines.append([])
                used = 0
            used += (self.spacing() if lines[-1] else 0) + wanted
            lines[-1].append(item)
        return [line for line in lines if line]

    def arrange(self, rect: QRect, place: bool) -> int:
        inner = rect.marginsRemoved(self.contentsMargins())
        lines = self._lines(inner.width())
        y = inner.y()
        for line in lines:
            widths, spare = self._widths(line, inner.width())
            height = max(self.height_of(item, widths[id(item)]) for item in line)
            if place:
                self._place_line(line, widths, spare, QRect(inner.x(), y, inner.width(), height))
            y += height + self.spacing()
        used = y - inner.y() - (self.spacing() if lines else 0)
        return self.inside(QSize(0, used)).height()

    def _widths(self, line: Line, width: int) -> tuple[dict[int, int], int]:
        """Each item's width on its line, and the room left over (shared by the items that
        stretch, if any)."""
        widths = {id(item): self.width_of(item) for item in line}
        spare = width - sum(widths.values()) - self.spacing() * (len(line) - 1)
        stretching = [item for item in line if id(item) in self._stretch]
        if stretching and spare > 0:
            for item in stretching:
                widths[id(item)] += spare // len(stretching)
            spare = 0
        return widths, spare

    def _place_line(self, line: Line, widths: dict[int, int], spare: int, rect: QRect) -> None:
        x = rect.x()
        for item in line:
            if id(item) in self._at_end and spare > 0:
                x += spare  # everything from here on is pushed to the end
                spare = 0
            width = min(widths[id(item)], rect.right() + 1 - x)
            item.setGeometry(QRect(x, rect.y(), width, rect.height()))
            x += widths[id(item)] + self.spacing()
