"""A QR code drawn as vector squares from the qrcode library's matrix."""

from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Flowable

from kiosk.qrcodes import QUIET_ZONE, qr_matrix

__all__ = ["QUIET_ZONE", "QrCode", "qr_matrix"]


class QrCode(Flowable):  # type: ignore[misc]
    """``symbol_size`` is the width of the code itself; the quiet zone is added around it."""

    def __init__(self, matrix: list[list[bool]], symbol_size: float) -> None:
        super().__init__()
        self.matrix = matrix
        self.module = symbol_size / len(self.matrix)
        self.size = self.module * (len(self.matrix) + 2 * QUIET_ZONE)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        canvas: Any = self.canv
        canvas.setFillColor(colors.white)
        canvas.rect(0, 0, self.size, self.size, stroke=0, fill=1)
        canvas.setFillColor(colors.black)
        for row, start, length in self._dark_runs():
            x = (QUIET_ZONE + start) * self.module
            y = self.size - (QUIET_ZONE + row + 1) * self.module
            canvas.rect(x, y, length * self.module, self.module, stroke=0, fill=1)

    def _dark_runs(self) -> list[tuple[int, int, int]]:
        """(row, first column, length) of each horizontal run of dark modules."""
        runs = []
        for r, line in enumerate(self.matrix):
            c = 0
            while c < len(line):
                if line[c]:
                    end = c
                    while end < len(line) and line[end]:
                        end += 1
                    runs.append((r, c, end - c))
                    c = end
                else:
                    c += 1
        return runs
