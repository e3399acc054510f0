"""A QR code drawn on screen, large, for the resident's own phone to scan there and then."""

import logging
from functools import lru_cache

from PySide6.QtCore import QRectF, QSize, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

log = logging.getLogger(__name__)
QUIET_ZONE = 4  # modules of white around the code, as on paper
AFTER_THE_TAP_MS = 80
PREFERRED_SIDE = 480  # px: as large as the screen allows up to this (280 at least)


@lru_cache(maxsize=64)
def _symbol(data: str) -> QImage:
    """The code as an image of one pixel a module, quiet zone included (about 12 ms: the
    library tries all eight masks)."""
    from kiosk.qrcodes import qr_matrix

    matrix = qr_matrix(data, robust=False)
    side = len(matrix) + 2 * QUIET_ZONE
    white, black = b"\xff", b"\x00"
    blank = white * side
    rows = [blank] * QUIET_ZONE
    margin = white * QUIET_ZONE
    rows += [margin + b"".join(black if d else white for d in row) + margin for row in matrix]
    rows += [blank] * QUIET_ZONE
    pixels = b"".join(rows)
    return QImage(pixels, side, side, side, QImage.Format.Format_Grayscale8).copy()


class QrView(QWidget):
    """Draws the code for ``data``, worked out on the GUI thread a moment after it is set:
    once the tap that opened the service has been answered and painted, so the two never add
    up to one long wait. (Not on a thread: it is pure Python, and a thread would hold the
    interpreter lock against the GUI thread through that very tap.)"""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = ""
        self.symbol: QImage | None = None  # None until the code for ``data`` is ready
        self.setMinimumSize(280, 280)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("QR code"))
        self._making = QTimer(self, singleShot=True, interval=AFTER_THE_TAP_MS)
        self._making.timeout.connect(self._make)

    def sizeHint(self) -> QSize:
        return QSize(PREFERRED_SIDE, PREFERRED_SIDE)

    def set_data(self, data: str) -> None:
        if data == self.data:
            return
        self.data, self.symbol = data, None
        self.setAccessibleDescription(self.tr("Opens {address}").format(address=data))
        self.update()
        if data:
            self._making.start()

    def _make(self) -> None:
        try:
            self.symbol = _symbol(self.data)
        except Exception:
            log.exception("the QR code for %s could not be made", self.data)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.symbol is None:
            return
        painter = QPainter(self)
        side = min(self.width(), self.height())
        side -= side % self.symbol.width()  # whole pixels a module: every edge sharp
        left, top = (self.width() - side) / 2, 0  # at the top: the part sure to show
        painter.fillRect(QRectF(left, top, side, side), QColor("white"))
        painter.drawImage(QRectF(left, top, side, side), self.symbol)  # no smoothing: crisp
        painter.end()
