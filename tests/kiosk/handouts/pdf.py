"""Read a handout PDF the way a resident meets it: as a picture, and as words."""

from dataclasses import dataclass

import pypdfium2 as pdfium
import zxingcpp

DPI = 200


@dataclass(frozen=True)
class Scan:
    text: str
    ec_level: str
    width_mm: float  # of the symbol, without its quiet zone


def read_pdf(data: bytes) -> tuple[list[str], list[Scan]]:
    """The text of each page, and every QR code found on the pages."""
    document = pdfium.PdfDocument(data)
    texts, scans = [], []
    for page in document:
        texts.append(page.get_textpage().get_text_range())
        image = page.render(scale=DPI / 72).to_pil()
        for found in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode):
            left, right = found.position.top_left.x, found.position.top_right.x
            scans.append(Scan(found.text, found.ec_level, (right - left) / DPI * 25.4))
    return texts, scans


def pixels(data: bytes) -> list[bytes]:
    """Each page as a picture at 72 dpi: two PDFs that look the same give the same bytes."""
    return [page.render(scale=1).to_pil().tobytes() for page in pdfium.PdfDocument(data)]
