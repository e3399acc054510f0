"""The QR code of the page on screen, laid out as the service's own: the code, the address
to type, and how to check it."""

from urllib.parse import urlsplit

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui.widgets.address import breakable_only_at_slashes
from ui.widgets.qr_view import QrView
from ui.widgets.touch import GAP, TouchButton


def _label(object_name: str) -> QLabel:
    label = QLabel(objectName=object_name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label


class PageQr(QWidget):
    """``show_address(url, data)``: ``data`` (the address with tracking tags) as the code,
    ``url`` as the words; ``closed`` when the resident goes back to the page."""

    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.url = ""
        self.code = QrView()
        self.help = _label("body")
        self.address = _label("address")
        self.check = _label("body")
        self.back_button = TouchButton(icon_name="back", object_name="navButton")
        self.back_button.clicked.connect(self.closed)
        words = QVBoxLayout()
        for widget in (self.help, self.address, self.check):
            words.addWidget(widget)
        words.addStretch(1)
        words.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignLeft)
        row = QHBoxLayout(self)
        row.setSpacing(GAP * 2)
        row.addWidget(self.code, 1, Qt.AlignmentFlag.AlignTop)
        row.addLayout(words, 1)

    def show_address(self, url: str, data: str) -> None:
        self.url = url
        self.code.set_data(data)
        self.address.setText(breakable_only_at_slashes(url))
        self.address.setAccessibleName(url)
        self.retranslate()

    def clear(self) -> None:
        self.url = ""
        self.code.set_data("")
        self.address.clear()

    def retranslate(self) -> None:
        self.help.setText(self.tr("Scan the QR code with your phone's camera, or type:"))
        self.back_button.setText(self.tr("Back to the page"))
        prefix = f"https://{urlsplit(self.url).netloc}/"
        self.check.setText(
            self.tr("Check the address starts with {prefix} before you enter any details.")
            .format(prefix=prefix) if self.url else ""
        )  # fmt: skip
