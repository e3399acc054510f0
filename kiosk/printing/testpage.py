"""A one-page test print for ``kiosk doctor --test-print``, on the paper handouts use."""

from datetime import datetime
from io import BytesIO

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from kiosk import __version__
from kiosk.handouts.fonts import BOLD, REGULAR, register_fonts
from kiosk.printing.paper import paper_size_mm

RECEIPT_LENGTH_MM = 100  # a test needs no more roll than this
MARGIN = 10 * mm


def make_test_page(paper: str, printer: str, site: str, desk: str, when: datetime) -> bytes:
    """The PDF: what it is, and where and when it was printed from."""
    width, height = paper_size_mm(paper)
    if paper == "receipt80":
        height = RECEIPT_LENGTH_MM
    register_fonts()  # embedded, as on every handout
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=(width * mm, height * mm), pageCompression=1)
    canvas.setTitle("Kiosk test page")
    lines = [
        "If you can read this, handouts print here.",
        f"Printer: {printer}",
        f"Paper: {paper}",
        f"Site {site}, desk {desk}",
        f"Printed {when:%d %B %Y at %H:%M}",
        f"Kiosk {__version__}",
    ]
    top = height * mm - MARGIN - 14
    canvas.setFont(BOLD, 14)
    canvas.drawString(MARGIN, top, "Kiosk test page")
    canvas.setFont(REGULAR, 10)
    for number, line in enumerate(lines, start=1):
        canvas.drawString(MARGIN, top - number * 16, line)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
