"""Tiles in as many equal columns as their words allow: fewer columns, never cut words.

A fixed grid cuts long Welsh words off at the largest text size (or pushes the window wider
than the screen). This layout takes at most ``most_columns`` columns, and fewer whenever a
column would be narrower than the widest tile's longest word; rows are as tall as the tallest
of their tiles once its words have wrapped, so a screen that runs out of room scrolls down.
"""

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QWidget

from ui.widgets.measured_layout import MeasuredLayout


class ColumnsLayout(MeasuredLayout):
    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        most_columns: int,
        spacing: int,
        fill_height: bool = False,
    ) -> None:
        """``fill_height``: rows share out any height to spare (the start screen's tiles)."""
        super().__init__(parent, spacing=spacing)
        self.most_columns = most_columns
        self.fill_height = fill_height

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation.Horizontal

    def minimum_size(self) -> QSize:
        """One column as wide as the widest tile must be; the height comes from the width
        (``heightForWidth``), so here only the tallest tile's own."""
        tallest = max((item.minimumSize().height() for item in self.shown()), default=0)
        return self.inside(QSize(self._widest_minimum(), tallest))

    def size_hint(self) -> QSize:
        shown = self.shown()
        if not shown:
            return QSize(0, 0)
        columns = min(self.most_columns, len(shown))
        widest = max(max(i.sizeHint().width() for i in shown), self._widest_minimum())
        width = self.inside(QSize(columns * widest + (columns - 1) * self.spacing(), 0)).width()
        return QSize(width, self.heightForWidth(width))

    def columns_for(self, width: int) -> int:
        """How many columns ``width`` px (inside the margins) holds."""
        shown = self.shown()
        if not shown:
            return 1
        gap = self.spacing()
        fit = (width + gap) // (self._widest_minimum() + gap)
        return max(1, min(self.most_columns, len(shown), fit))

    def _widest_minimum(self) -> int:
        return max((self.minimum_width_of(item) for item in self.shown()), default=0)

    def arrange(self, rect: QRect, place: bool) -> int:
        inner = rect.marginsRemoved(self.contentsMargins())
        shown, gap = self.shown(), self.spacing()
        if not shown:
            return 0
        columns = self.columns_for(inner.width())
        width = max(1, (inner.width() - gap * (columns - 1)) // columns)
        rows = [shown[i : i + columns] for i in range(0, len(shown), columns)]
        heights = [max(self.height_of(item, width) for item in row) for row in rows]
        needed = self.inside(QSize(0, sum(heights) + gap * (len(rows) - 1))).height()
        if not place:
            return needed
        if self.fill_height and rect.height() > needed:
            spare = rect.height() - needed
            heights = [h + spare // len(rows) for h in heights]
        y = inner.y()
        for row, height in zip(rows, heights, strict=True):
            for column, item in enumerate(row):
                item.setGeometry(QRect(inner.x() + column * (width + gap), y, width, height))
            y += height + gap
        return needed
