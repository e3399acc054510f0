"""What the supervisor area's plain sections are made of: wrapped words, bullets, a page."""

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.widgets.flow import FlowLayout
from ui.widgets.touch import GAP, TouchButton, touch_scroll_area


def bullets(items: list[str]) -> str:
    """A bulleted list whose long items wrap under their own first word, not the bullet."""
    if not items:
        return ""
    return "<ul>" + "".join(f"<li>{html.escape(item)}</li>" for item in items) + "</ul>"


def plain_bullets(items: list[str]) -> list[str]:
    """Each item as a line with a bullet, for a plain-text label (a rich-text list of a few
    dozen lines takes 50-70 ms to lay out, long enough to be felt)."""
    return [f"\u2022  {item}" for item in items]


def text_label(object_name: str = "", *, rich: bool = False) -> QLabel:
    label = QLabel(objectName=object_name)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return label


def page(heading: QLabel, labels: list[QWidget], buttons: list[TouchButton]) -> QWidget:
    """A section: its heading and actions at the top (always in reach), then words that scroll."""
    actions = FlowLayout(spacing=GAP)
    for button in buttons:
        actions.add(button)
    words = QWidget()
    column = QVBoxLayout(words)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(GAP)
    for label in labels:
        column.addWidget(label)
    column.addStretch(1)
    scroll = touch_scroll_area(words)
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2 * GAP)
    layout.addWidget(heading)
    layout.addLayout(actions)
    layout.addWidget(scroll, 1)
    return page
