"""A QR code drawn on screen, large, for the resident's own phone to scan there and then."""

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

QUIET_ZONE = 4  # modules of white around the code, as on paper


class QrView(QWidget):
    """Draws the code for ``data``; the matrix is worked out when it is first shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = ""
        self._matrix: list[list[bool]] | None = None
        self.setMinimumSize(280, 280)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("QR code"))

    def set_data(self, data: str) -> None:
        if data != self.data:
            self.data, self._matrix = data, None
            self.setAccessibleDescription(self.tr("Opens {address}").format(address=data))
            self.update()

    @property
    def matrix(self) -> list[list[bool]]:
        if self._matrix is None:
            from kiosk.qrcodes import qr_matrix  # loaded and computed only when shown

            self._matrix = qr_matrix(self.data, robust=False) if self.data else []
        return self._matrix

    def paintEvent(self, event: QPaintEvent) -> None:
        matrix = self.matrix
        if not matrix:
            return
        painter = QPainter(self)
        side = min(self.width(), self.height())
        module = side / (len(matrix) + 2 * QUIET_ZONE)
        left, top = (self.width() - side) / 2, (self.height() - side) / 2
        painter.fillRect(QRectF(left, top, side, side), QColor("white"))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("black"))
        for r, row in enumerate(matrix):
            for c, dark in enumerate(row):
                if dark:
                    x = left + (c + QUIET_ZONE) * module
                    y = top + (r + QUIET_ZONE) * module
                    painter.drawRect(QRectF(x, y, module + 0.5, module + 0.5))
        painter.end()
