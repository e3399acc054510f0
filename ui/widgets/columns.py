"""Tiles in as many equal columns as their words allow: fewer columns, never cut words.

A fixed grid cuts long Welsh words off at the largest text size (or pushes the window wider
than the screen). This is Qt's own grid (its measuring is done in C++, which a screen of two
dozen tiles needs to stay quick), given at most ``most_columns`` columns, and fewer whenever a
column would be narrower than the widest tile's longest word: the tiles are placed again
whenever the width calls for another number of columns. Rows are as tall as the tallest of
their tiles once its words have wrapped, so a screen that runs out of room scrolls down.
"""

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QGridLayout, QWidget


class ColumnsLayout(QGridLayout):
    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        most_columns: int,
        spacing: int,
    ) -> None:
        super().__init__(parent)
        self.most_columns = most_columns
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)
        self._widgets: list[QWidget] = []
        self._columns = most_columns

    def addWidget(self, widget: QWidget) -> None:  # type: ignore[override]
        self._widgets.append(widget)
        index = len(self._widgets) - 1
        super().addWidget(widget, index // self._columns, index % self._columns)

    def removeWidget(self, widget: QWidget) -> None:
        if widget in self._widgets:
            self._widgets.remove(widget)
        super().removeWidget(widget)
        self._place(self._columns)

    def minimumSize(self) -> QSize:
        """As narrow as one column of the widest tile: the grid takes fewer columns there."""
        margins = self.contentsMargins()
        width = self._widest_minimum() + margins.left() + margins.right()
        return QSize(width, super().minimumSize().height())

    def setGeometry(self, rect: QRect) -> None:
        margins = self.contentsMargins()
        columns = self.columns_for(rect.width() - margins.left() - margins.right())
        if columns != self._columns:
            self._place(columns)
        super().setGeometry(rect)

    def columns_for(self, width: int) -> int:
        """How many columns ``width`` px (inside the margins) holds."""
        shown = [w for w in self._widgets if not w.isHidden()]
        if not shown:
            return 1
        gap = self.horizontalSpacing()
        fit = (width + gap) // (self._widest_minimum() + gap)
        return max(1, min(self.most_columns, len(shown), fit))

    def _widest_minimum(self) -> int:
        return max(
            (max(w.minimumSizeHint().width(), w.minimumWidth()) for w in self._widgets),
            default=0,
        )

    def _place(self, columns: int) -> None:
        self._columns = columns
        for widget in self._widgets:
            super().removeWidget(widget)
        for index, widget in enumerate(self._widgets):
            super().addWidget(widget, index // columns, index % columns)
        for column in range(self.most_columns):
            self.setColumnStretch(column, 1 if column < columns else 0)
