"""A QR code drawn as vector squares from the qrcode library's matrix."""

from functools import lru_cache
from typing import Any

import qrcode
from qrcode.constants import ERROR_CORRECT_M, ERROR_CORRECT_Q
from reportlab.lib import colors
from reportlab.platypus import Flowable

QUIET_ZONE = 4  # modules of white around the symbol, as the standard asks


@lru_cache(maxsize=256)
def qr_matrix(data: str, *, robust: bool) -> list[list[bool]]:
    """The symbol's modules, without the quiet zone. ``robust``: level Q for receipt paper.

    A desk prints the same few services all day, and the library spends most of a handout's
    time choosing the best mask, so each address's matrix is kept. Treat it as read-only.
    """
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_Q if robust else ERROR_CORRECT_M, border=0)
    code.add_data(data)
    code.make(fit=True)
    matrix: list[list[bool]] = code.get_matrix()
    return matrix


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
