"""Buttons sized for fingers at arm's length: at least 48 x 48 px, named for screen readers."""

from collections.abc import Iterable
from functools import cache, lru_cache

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QIcon, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QScroller,
    QSizePolicy,
    QWidget,
)

from kiosk.resources import assets_dir

MIN_TARGET = 48  # px: WCAG 2.2 asks 24 (AA) / 44 (AAA); a kiosk at arm's length wants 48
GAP = 8  # px between targets
ICON_PX = 96  # drawn at this size, shown at 32 px: sharp on a screen scaled up to 3x


ICON_COLOUR = "#1d3557"  # the colour the SVG files are drawn in
_icon_colour = ICON_COLOUR


def icon(name: str) -> QIcon:
    """An icon from assets/icons, drawn in the current theme's colour."""
    return _drawn(name, _icon_colour)


@cache  # a theme change redraws every button's icon: each SVG is drawn once per colour
def _drawn(name: str, colour: str) -> QIcon:
    return QIcon(QPixmap.fromImage(drawn_image(name, colour)))


@cache  # drawn ahead on a thread (``draw_icons_ahead``): 20 icons in two colours
def drawn_image(name: str, colour: str) -> QImage:
    """The icon ``name`` drawn in ``colour``: a QImage, so any thread may draw it."""
    svg = (assets_dir() / "icons" / f"{name}.svg").read_bytes()
    renderer = QSvgRenderer(svg.replace(ICON_COLOUR.encode(), colour.encode()))
    image = QImage(ICON_PX, ICON_PX, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    return image


def draw_icons_ahead(colours: Iterable[str]) -> None:
    """Draw every icon in assets/icons in each of ``colours`` (a thread's work: images only)."""
    for colour in colours:
        for svg in sorted((assets_dir() / "icons").glob("*.svg")):
            drawn_image(svg.stem, colour)


def prepare_icons(colour: str) -> None:
    """Draw every button's icon in ``colour`` ahead of need (the high-contrast look)."""
    for name in {w.icon_name for w in QApplication.allWidgets() if isinstance(w, TouchButton)}:
        if name:
            _drawn(name, colour)


def recolour_icons(colour: str) -> None:
    """Redraw every button's icon in ``colour`` (the high-contrast theme needs light icons)."""
    global _icon_colour
    if colour == _icon_colour:
        return  # a change of text size alone: every icon is in this colour already
    _icon_colour = colour
    for widget in QApplication.allWidgets():
        if isinstance(widget, TouchButton) and widget.icon_name:
            widget.setIcon(icon(widget.icon_name))


class TouchButton(QPushButton):
    def __init__(
        self,
        text: str = "",
        *,
        icon_name: str | None = None,
        description: str = "",
        object_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(text, parent)
        self.icon_name = icon_name
        # Only a height: a set minimum width would let a crowded row squeeze the button
        # until its words were cut (see minimumSizeHint).
        self.setMinimumHeight(MIN_TARGET)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        if icon_name:
            self.setIcon(icon(icon_name))
            self.setIconSize(QSize(32, 32))
        if object_name:
            self.setObjectName(object_name)
        self.setAccessibleName(text)
        self.setAccessibleDescription(description)

    def setText(self, text: str) -> None:  # keep the accessible name in step with the label
        super().setText(text)
        self.setAccessibleName(text.replace("&", ""))

    def minimumSizeHint(self) -> QSize:
        """Never narrower than its words (and the 48 px target)."""
        hint = super().minimumSizeHint()
        return QSize(max(MIN_TARGET, hint.width()), max(MIN_TARGET, hint.height()))


class Tile(TouchButton):
    """A large button whose words wrap (a plain QPushButton cuts long Welsh titles off)."""

    def __init__(self, icon_name: str | None, object_name: str = "tile") -> None:
        super().__init__(object_name=object_name)
        self.icon_name = icon_name
        self.picture = QLabel()
        self.picture.setVisible(icon_name is not None)
        self.picture.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.words = QLabel()
        self.words.setWordWrap(True)
        self.words.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 8, 16, 8)
        row.setSpacing(12)
        row.addWidget(self.picture)
        row.addWidget(self.words, 1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        if icon_name:
            self.setIcon(icon(icon_name))

    def setIcon(self, value: QIcon) -> None:  # drawn by the label, so it sits beside the words
        self.picture.setPixmap(value.pixmap(48, 48))

    def minimumSizeHint(self) -> QSize:
        """Wide enough for the longest word on one line: narrower, a word would be cut."""
        margins, row = self.layout().contentsMargins(), self.layout()
        width = margins.left() + margins.right() + self._longest_word()
        if not self.picture.isHidden():
            width += self.picture.sizeHint().width() + row.spacing()
        return QSize(max(MIN_TARGET, width), MIN_TARGET)

    def _longest_word(self) -> int:
        return _longest_word(self.words.text(), self.words.font())

    def setText(self, text: str) -> None:
        self.words.setText(text)
        self.setAccessibleName(text)

    def text(self) -> str:
        return self.words.text()


class ToggleButton(Tile):
    """One choice among codes on the log-contact screen: tap to select, tap again to clear.

    Its words wrap, so long Welsh labels fit even at the largest text size."""

    def __init__(self, text: str, code: str) -> None:
        super().__init__(None, object_name="toggle")
        self.code = code
        self.setCheckable(True)
        self.setText(text)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.toggled.connect(self._restyle_words)

    def _restyle_words(self, on: bool) -> None:
        # Style sheets cannot select a child by its parent's :checked state, so say it here.
        self.words.setProperty("on", on)
        self.words.style().unpolish(self.words)
        self.words.style().polish(self.words)


@lru_cache(maxsize=1024)  # asked on every layout pass: once per label, font and size
def _longest_word(text: str, font: QFont) -> int:
    metrics = QFontMetrics(font)
    return max((metrics.horizontalAdvance(word) for word in text.split()), default=0) + 1


def keep_place(widget: QWidget) -> None:
    """Hidden, ``widget`` still takes its room, so its neighbours never move under a finger."""
    policy = widget.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    widget.setSizePolicy(policy)


def touch_scroll_area(content: QWidget, *, flick: bool = True) -> QScrollArea:
    """``content`` in a frameless area that scrolls up and down with a finger's flick
    (``flick=False``: not yet; ``flick_to_scroll`` later, as the window's pages do, since
    Qt's scroller costs some 40 ms the first time it is set up)."""
    area = QScrollArea()
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    if flick:
        flick_to_scroll(area)
    return area


def flick_to_scroll(area: QScrollArea) -> None:
    QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
