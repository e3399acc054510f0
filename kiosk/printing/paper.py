"""Paper sizes, and the ``media`` CUPS is asked for on each."""

import math
import re
from pathlib import Path
from typing import Final

from kiosk.printing.outcome import PrintError
from kiosk.printing.problems import PrintProblem

RECEIPT80_MEDIA: Final = "Custom.80x{length}mm"
_MEDIA_BOX: Final = re.compile(rb"/MediaBox\s*\[\s*[-\d.]+\s+[-\d.]+\s+[\d.]+\s+([\d.]+)\s*\]")
PAPER_MM: Final[dict[str, tuple[float, float]]] = {
    "a4": (210, 297),
    "a5": (148, 210),
    "receipt80": (80, 297),
}
_LP_MEDIA: Final = {"a4": "A4", "a5": "A5", "receipt80": RECEIPT80_MEDIA}


def receipt_length_mm(pdf: Path) -> int:
    """How long a strip of roll paper the (one-page) handout needs; 297 if it cannot tell."""
    try:
        found = _MEDIA_BOX.search(pdf.read_bytes())
    except OSError:
        found = None
    return math.ceil(round(float(found[1]) / 72 * 25.4, 1)) if found else 297


def paper_size_mm(paper: str) -> tuple[float, float]:
    """Width and height in millimetres of one page of ``paper``."""
    try:
        return PAPER_MM[paper]
    except KeyError:
        raise PrintError(_unknown_paper(paper)) from None


def lp_media(paper: str, pdf: Path | None = None) -> str:
    """The ``-o media=`` value for ``paper``.

    a4 and a5 use the IPP/PWG names every CUPS driver knows (``A4``, ``A5``). An 80 mm receipt
    printer has no standard size, but CUPS receipt drivers accept a custom one,
    ``Custom.WIDTHxLENGTHmm``: the length is that of the handout's one long page, so the
    printer cuts the roll where the handout ends.
    """
    try:
        media = _LP_MEDIA[paper]
    except KeyError:
        raise PrintError(_unknown_paper(paper)) from None
    length = receipt_length_mm(pdf) if pdf is not None else 297
    return media.format(length=length)


def _unknown_paper(paper: str) -> PrintProblem:
    return PrintProblem("unknown_paper", paper=paper)
