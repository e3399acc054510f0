"""The kiosk's look: one style sheet from assets/, large text for arm's-length reading."""

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from kiosk.resources import assets_dir


def apply_style(app: QApplication) -> None:
    font = QFont(app.font())
    font.setPointSize(16)
    app.setFont(font)
    sheet = assets_dir() / "style" / "kiosk.qss"
    if sheet.is_file():
        app.setStyleSheet(sheet.read_text(encoding="utf-8"))
