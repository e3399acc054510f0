"""The resident's text size and contrast, applied page by page so a tap never waits for all.

One application-wide style sheet would repolish every widget of every screen on each change
(seen: 600-700 ms with the supervisor area built). Instead each page of the window, and the
status line, carries the sheet itself: a change restyles what is on screen at once, and the
pages out of sight one per turn of the event loop, or when they are next shown, whichever
comes first. The supervisor area (a third of all widgets) is restyled only when shown, and is
only ever opened in the standard look (see ``MainWindow``), so in practice never.
"""

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from ui.session import Session
from ui.style import THEMES, style_sheet
from ui.turns import BETWEEN_STEPS_MS
from ui.widgets.touch import recolour_icons


class Looks(QObject):
    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.sheet = ""
        self.staff_sheet = ""  # the same look at the first text size: for staff's own words
        self._staff_parts: set[int] = set()
        self._parts: list[QWidget] = []
        self._background: list[QWidget] = []  # restyled out of sight, one per turn
        self._catch_up = QTimer(self, singleShot=True, interval=BETWEEN_STEPS_MS)
        self._catch_up.timeout.connect(self._restyle_one_out_of_sight)
        # what the resident is looking at, restyled on the very turn of a change (the window
        # says; until then, nothing is restyled before the next turn)
        self.page_in_front: Callable[[], QWidget | None] = lambda: None
        session.text_size_changed.connect(self._changed)
        session.contrast_changed.connect(self._changed)
        self._changed()

    @property
    def theme(self) -> str:
        return "high-contrast" if self.session.high_contrast else "standard"

    def add(
        self,
        part: QWidget,
        *,
        now: bool = False,
        in_background: bool = True,
        for_staff: bool = False,
    ) -> None:
        """Style ``part`` (a page or the status line) after every change, and now if ``now``;
        otherwise on a later turn, or when it is shown, whichever comes first. Out of sight,
        it is restyled in the background unless ``in_background`` is false (then when shown).
        ``for_staff``: its words stay at the first size whatever the resident chooses."""
        self._parts.append(part)
        if for_staff:
            self._staff_parts.add(id(part))
        if in_background:
            self._background.append(part)
        if now:
            self.ensure(part)
        else:
            self._catch_up.start()
        part.destroyed.connect(lambda: self._forget(part))

    def _forget(self, part: QWidget) -> None:
        self._staff_parts.discard(id(part))
        for parts in (self._parts, self._background):
            if part in parts:
                parts.remove(part)

    def ensure(self, part: QWidget) -> None:
        """Bring ``part`` up to date before it is shown (nothing to do if it is)."""
        if self._stale(part):
            part.setStyleSheet(self._sheet_for(part))

    def _changed(self, *_: object) -> None:
        """The page in front now; the rest (the status line too) a turn of the loop each."""
        self.sheet = style_sheet(self.theme, self.session.text_size)
        self.staff_sheet = style_sheet(self.theme, 0)
        recolour_icons(THEMES[self.theme]["button_ink"])
        in_front = self.page_in_front()
        if in_front is not None:
            self.ensure(in_front)
        self._catch_up.start()

    def _restyle_one_out_of_sight(self) -> None:
        visible = [p for p in self._parts if p.isVisible()]
        stale = next((p for p in [*visible, *self._background] if self._stale(p)), None)
        if stale is not None:
            self.ensure(stale)
            self._catch_up.start()

    def _sheet_for(self, part: QWidget) -> str:
        return self.staff_sheet if id(part) in self._staff_parts else self.sheet

    def _stale(self, part: QWidget) -> bool:
        return part.styleSheet() != self._sheet_for(part)
