"""RNIB Clear Print styles: sans serif, left aligned, body 14 pt, bold (never italic) headings."""

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from kiosk.handouts.fonts import BOLD, REGULAR

INK = colors.HexColor("#0b0c0c")  # near-black on white: contrast well above 7:1
BRAND = colors.HexColor("#1d3557")
# (body size, share of the normal spacing), roomiest first: spacing gives way before size,
# and a long service may go down to 12 pt, never below.
FIT_STEPS = (
    (14.0, 1.0), (14.0, 0.7), (14.0, 0.45), (13.0, 0.7), (13.0, 0.45), (12.0, 0.7),
    (12.0, 0.45), (12.0, 0.25),
)  # fmt: skip


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    strong: ParagraphStyle
    heading: ParagraphStyle
    title: ParagraphStyle
    council: ParagraphStyle
    small: ParagraphStyle  # still 12 pt or more: the footer

    @property
    def body_size(self) -> float:
        return float(self.body.fontSize)


def make_styles(body_size: float, spacing: float) -> Styles:
    def style(
        name: str, size: float, font: str = REGULAR, before: float = 0, color: object = INK
    ) -> ParagraphStyle:
        return ParagraphStyle(
            name,
            fontName=font,
            fontSize=size,
            leading=size * 1.3,
            textColor=color,
            alignment=TA_LEFT,
            spaceBefore=before * spacing,
            spaceAfter=size * 0.35 * spacing,
            splitLongWords=True,
        )

    return Styles(
        body=style("body", body_size),
        strong=style("strong", body_size, BOLD),
        heading=style("heading", body_size + 4, BOLD, before=body_size * 0.9),
        title=style("title", body_size + 10, BOLD),
        council=style("council", body_size, BOLD, color=BRAND),
        small=style("small", max(12.0, body_size - 2), before=body_size * 0.6),
    )
