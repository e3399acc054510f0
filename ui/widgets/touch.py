"""Buttons sized for fingers at arm's length: at least 48 x 48 px, named for screen readers."""

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget

from kiosk.resources import assets_dir

MIN_TARGET = 48  # px: WCAG 2.2 asks 24 (AA) / 44 (AAA); a kiosk at arm's length wants 48
GAP = 8  # px between targets


def icon(name: str) -> QIcon:
    return QIcon(str(assets_dir() / "icons" / f"{name}.svg"))


class TouchButton(QPushButton):
    def __init__(
        self,
        text: str = "",
        *,
        icon_name: str | None = None,
        description: str = "",
        object_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(text, parent)
        self.setMinimumSize(MIN_TARGET, MIN_TARGET)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        if icon_name:
            self.setIcon(icon(icon_name))
            self.setIconSize(QSize(32, 32))
        if object_name:
            self.setObjectName(object_name)
        self.setAccessibleName(text)
        self.setAccessibleDescription(description)

    def setText(self, text: str) -> None:  # keep the accessible name in step with the label
        super().setText(text)
        self.setAccessibleName(text.replace("&", ""))


class ToggleButton(TouchButton):
    """One choice among codes on the log-contact screen: tap to select, tap again to clear."""

    def __init__(self, text: str, code: str, parent: QWidget | None = None) -> None:
        super().__init__(text, object_name="toggle", parent=parent)
        self.code = code
        self.setCheckable(True)
