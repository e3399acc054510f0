"""A layout written in Python (``FlowLayout``): its items, and each measurement kept for a pass.

Qt asks a layout for its sizes many times a layout pass, and each question answered in Python
asks every item again across the Python/C++ boundary: kept answers keep a pass short. All of
it is dropped whenever Qt invalidates the layout (on every activation of the window's).
"""

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget

T = TypeVar("T")


class MeasuredLayout(QLayout):
    def __init__(self, parent: QWidget | None, *, spacing: int) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._kept: dict[object, Any] = {}
        self._placed: QRect | None = None
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    # --- QLayout's bookkeeping ------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        if not 0 <= index < len(self._items):
            return None
        item = self._items.pop(index)
        self.invalidate()
        return item

    def invalidate(self) -> None:
        self._kept.clear()
        self._placed = None
        super().invalidate()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._keep(("height", width), lambda: self.arrange(QRect(0, 0, width, 0), False))

    def minimumSize(self) -> QSize:
        return self._keep("minimum", self.minimum_size)

    def sizeHint(self) -> QSize:
        return self._keep("hint", self.size_hint)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        if rect != self._placed:  # the same place again: the items are where they were
            self._placed = rect
            self.arrange(rect, True)

    # --- for the layouts ------------------------------------------------------------------
    def arrange(self, rect: QRect, place: bool) -> int:
        """Lay the items out in ``rect`` if ``place``; the height they take at its width."""
        raise NotImplementedError

    def minimum_size(self) -> QSize:
        raise NotImplementedError

    def size_hint(self) -> QSize:
        raise NotImplementedError

    def shown(self) -> list[QLayoutItem]:
        return self._keep("shown", lambda: [i for i in self._items if not i.isEmpty()])

    def width_of(self, item: QLayoutItem) -> int:
        """As wide as its words need (its size hint), never under its minimum."""
        return self._keep(
            ("width", id(item)),
            lambda: max(item.sizeHint().width(), minimum_width(item)),
        )

    def minimum_width_of(self, item: QLayoutItem) -> int:
        return self._keep(("minimum width", id(item)), lambda: minimum_width(item))

    def height_of(self, item: QLayoutItem, width: int) -> int:
        """How tall ``item`` is ``width`` px wide, once its words have wrapped."""
        key = (id(item), width)
        kept = self._kept.get(key)
        if kept is None:
            wanted = item.heightForWidth(width) if item.hasHeightForWidth() else -1
            if wanted < 0:
                wanted = item.sizeHint().height()
            kept = self._kept[key] = max(wanted, item.minimumSize().height())
        return kept

    def inside(self, size: QSize) -> QSize:
        """``size`` with the layout's margins added round it."""
        margins = self.contentsMargins()
        return QSize(
            size.width() + margins.left() + margins.right(),
            size.height() + margins.top() + margins.bottom(),
        )

    def _keep(self, key: object, measure: Callable[[], T]) -> T:
        if key not in self._kept:
            self._kept[key] = measure()
        return self._kept[key]


def minimum_width(item: QLayoutItem) -> int:
    """An item's own minimum (a tile's: its longest word), which a set minimum width would hide."""
    widget = item.widget()
    hint = widget.minimumSizeHint().width() if widget is not None else 0
    return max(item.minimumSize().width(), hint)
