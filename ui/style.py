"""Themes and text sizes: one style sheet template filled in with colours and sizes.

Every colour pair that text is drawn in is listed in ``TEXT_PAIRS``; a test checks each
meets WCAG 2.2 AA contrast (4.5:1) in every theme.
"""

from functools import cache
from string import Template

from PySide6.QtWidgets import QApplication

from kiosk.resources import assets_dir

STANDARD = {
    "ink": "#0b0c0c", "paper": "#ffffff", "brand": "#1d3557", "muted": "#505a5f",
    "button": "#f3f2f1", "button_ink": "#0b0c0c", "border": "#505a5f", "pressed": "#dbdad9",
    "accent": "#1d3557", "accent_ink": "#ffffff", "focus": "#b35c00",
    "disabled": "#e5e5e5", "disabled_ink": "#505a5f",
    "warning_bg": "#fff4c2", "warning_border": "#8a5a00",
    "status_bg": "#0b0c0c", "status_ink": "#ffffff", "overlay": "#f3f2f1",
}  # fmt: skip
HIGH_CONTRAST = {
    "ink": "#ffffff", "paper": "#000000", "brand": "#ffff00", "muted": "#e0e0e0",
    "button": "#000000", "button_ink": "#ffff00", "border": "#ffff00", "pressed": "#333300",
    "accent": "#ffff00", "accent_ink": "#000000", "focus": "#00ffff",
    "disabled": "#1a1a1a", "disabled_ink": "#bdbdbd",
    "warning_bg": "#000000", "warning_border": "#ffff00",
    "status_bg": "#ffffff", "status_ink": "#000000", "overlay": "#000000",
}  # fmt: skip
THEMES = {"standard": STANDARD, "high-contrast": HIGH_CONTRAST}

# (text, background) pairs the style sheet draws text in
TEXT_PAIRS = (
    ("ink", "paper"), ("brand", "paper"), ("muted", "paper"), ("button_ink", "button"),
    ("button_ink", "pressed"), ("accent_ink", "accent"), ("disabled_ink", "disabled"),
    ("ink", "warning_bg"), ("status_ink", "status_bg"), ("ink", "overlay"),
    ("muted", "button"), ("brand", "pressed"),
)  # fmt: skip

# body, heading, title in px, for the three text sizes (body at least 18 px by default)
TEXT_SIZES = ((20, 26, 34), (26, 32, 40), (32, 38, 46))


@cache  # asked on every change of text size or contrast, twice (the staff sheet too)
def style_sheet(theme: str = "standard", text_size: int = 0) -> str:
    template = Template((assets_dir() / "style" / "kiosk.qss").read_text(encoding="utf-8"))
    body, heading, title = TEXT_SIZES[text_size]
    arrows = {  # chevrons drawn in the theme's button_ink
        f"{way}_arrow": (assets_dir() / "style" / f"{way}-{theme}.svg").as_posix()
        for way in ("down", "left", "right")
    }
    return template.substitute(THEMES[theme], body=body, heading=heading, title=title, **arrows)


def apply_style(app: QApplication, theme: str = "standard", text_size: int = 0) -> None:
    app.setStyleSheet(style_sheet(theme, text_size))
