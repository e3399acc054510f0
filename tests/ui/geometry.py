"""Where widgets are on screen and what of them shows: for the accessibility and fit tests."""

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QLineEdit, QWidget


def on_screen(widget: QWidget, window: QWidget) -> QRect:
    """The part of ``widget`` not cut off by a scroll area (or any parent), in window pixels."""
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        rect = rect.intersected(QRect(parent.mapTo(window, QPoint(0, 0)), parent.size()))
        parent = parent.parentWidget()
    return rect.intersected(window.rect())


def whole(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def describe(widget: QWidget) -> str:
    words = widget.text() if isinstance(widget, QAbstractButton | QLineEdit) else ""
    return f"{type(widget).__name__}#{widget.objectName()} {widget.accessibleName() or words!r}"


def visible(window: QWidget, *kinds: type[QWidget]) -> list[QWidget]:
    return [w for kind in kinds for w in window.findChildren(kind) if w.isVisible()]


def scroll_area(widget: QWidget) -> QWidget | None:
    """The scroll area ``widget`` moves in (the innermost), if any."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    return parent
