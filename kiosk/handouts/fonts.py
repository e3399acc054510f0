"""The embedded handout fonts (DejaVu Sans), registered with reportlab once."""

from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from kiosk.resources import assets_dir

REGULAR, BOLD = "KioskSans", "KioskSans-Bold"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}


@cache
def register_fonts() -> None:
    for name, file in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(assets_dir() / "fonts" / file)))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD)


def missing_characters(text: str) -> set[str]:
    """Characters of ``text`` that a handout font cannot draw (they would print as boxes)."""
    register_fonts()
    found: set[str] = set()
    for name in _FILES:
        glyphs = pdfmetrics.getFont(name).face.charToGlyph
        found |= {c for c in set(text) if ord(c) not in glyphs and not c.isspace()}
    return found
