"""A QR code drawn on screen, large, for the resident's own phone to scan there and then."""

import logging
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial

from PySide6.QtCore import QObject, QRectF, Qt, Signal, Slot
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

log = logging.getLogger(__name__)
QUIET_ZONE = 4  # modules of white around the code, as on paper
# Choosing the best mask takes the qrcode library 40-100 ms: never on the GUI thread.
_worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="qr-code")


def _symbol(data: str) -> QImage:
    """The code as an image of one pixel a module, quiet zone included."""
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


def _hand_over(data: str, future: "Future[QImage]") -> None:
    try:
        _relay.made.emit(data, future.result())
    except Exception:
        log.exception("the QR code for %s could not be made", data)


class _Relay(QObject):
    """Lives as long as the program: the worker emits on it, never on a widget that may be
    deleted on the GUI thread meanwhile; Qt drops the queued call if the view has gone."""

    made = Signal(str, QImage)


_relay = _Relay()


class QrView(QWidget):
    """Draws the code for ``data``; the code is worked out in the background when data is set."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = ""
        self.symbol: QImage | None = None  # None until the code for ``data`` is ready
        self.setMinimumSize(280, 280)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("QR code"))
        _relay.made.connect(self._arrived, Qt.ConnectionType.QueuedConnection)

    def set_data(self, data: str) -> None:
        if data == self.data:
            return
        self.data, self.symbol = data, None
        self.setAccessibleDescription(self.tr("Opens {address}").format(address=data))
        self.update()
        if data:
            _worker.submit(_symbol, data).add_done_callback(partial(_hand_over, data))

    @Slot(str, QImage)
    def _arrived(self, data: str, symbol: QImage) -> None:
        if data == self.data:  # not a code for an address shown before
            self.symbol = symbol
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.symbol is None:
            return
        painter = QPainter(self)
        side = min(self.width(), self.height())
        side -= side % self.symbol.width()  # whole pixels a module: every edge sharp
        left, top = (self.width() - side) / 2, (self.height() - side) / 2
        painter.fillRect(QRectF(left, top, side, side), QColor("white"))
        painter.drawImage(QRectF(left, top, side, side), self.symbol)  # no smoothing: crisp
        painter.end()
