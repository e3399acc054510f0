"""What every screen shares: its services, its session, and re-labelling on language change."""

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QWidget

from ui.services import AppServices


class Screen(QWidget):
    """A page of the kiosk. Subclasses build widgets once and put words on them in
    ``retranslate``, which runs again whenever the resident's language changes."""

    for_staff = False  # a staff screen: the status line shows in full (a resident's: folded)

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.session = services.session
        self._words_stale = False
        self.session.language_changed.connect(lambda _: self._language_changed())

    @property
    def language(self) -> str:
        return self.session.language

    def retranslate(self) -> None:
        """Put every visible word in the current language (interface and catalog text)."""

    def shown(self) -> None:
        """The screen has just come to the front."""

    def bring_up_to_date(self) -> None:
        """Before the screen comes to the front: its words, if the language changed meanwhile."""
        if self._words_stale:
            self._words_stale = False
            self.retranslate()

    def _language_changed(self) -> None:
        # Only the screen in front is reworded now; a screen out of sight when it comes back
        # (one language change would otherwise reword every screen built, several times).
        if self._in_front():
            self.retranslate()
        else:
            self._words_stale = True

    def _in_front(self) -> bool:
        """Showing, or would be once its window is shown (a page not chosen is not)."""
        return not self.isHidden() if self.isWindow() else self.isVisibleTo(self.window())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._language_changed()
        super().changeEvent(event)
