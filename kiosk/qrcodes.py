"""QR code matrices, from the qrcode library: for printed handouts and for the screen."""

from functools import lru_cache

import qrcode
from qrcode.constants import ERROR_CORRECT_M, ERROR_CORRECT_Q

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
