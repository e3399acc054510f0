"""A QR code drawn on screen, large, for the resident's own phone to scan there and then."""

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget


class QrView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.matrix: list[list[bool]] = []
        self.data = ""
        self.quiet_zone = 4
        self.setMinimumSize(280, 280)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("QR code"))

    def set_data(self, data: str) -> None:
        from kiosk.qrcodes import QUIET_ZONE, qr_matrix  # the library loads on first use

        self.data, self.quiet_zone = data, QUIET_ZONE
        self.matrix = qr_matrix(data, robust=False)
        self.setAccessibleDescription(self.tr("Opens {address}").format(address=data))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.matrix:
            return
        painter = QPainter(self)
        modules = len(self.matrix) + 2 * self.quiet_zone
        side = min(self.width(), self.height())
        module = side / modules
        left, top = (self.width() - side) / 2, (self.height() - side) / 2
        painter.fillRect(QRectF(left, top, side, side), QColor("white"))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("black"))
        for r, row in enumerate(self.matrix):
            for c, dark in enumerate(row):
                if dark:
                    x = left + (c + self.quiet_zone) * module
                    y = top + (r + self.quiet_zone) * module
                    painter.drawRect(QRectF(x, y, module + 0.5, module + 0.5))
        painter.end()
