"""What every screen shares: its services, its session, and re-labelling on language change."""

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QScrollArea, QWidget

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
        self._revealing: QWidget | None = None
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

    def reveal(self, widget: QWidget) -> None:
        """Scroll the page so ``widget`` is in sight: news said below the fold (Welsh at the
        largest text) would otherwise go unseen. Again whenever the layout resizes it (new words
        take a few turns of the event loop to reach the page's scroll bar), until
        ``stop_revealing``."""
        self.stop_revealing()
        self._revealing = widget
        widget.installEventFilter(self)
        QTimer.singleShot(0, self, lambda: self._scroll_to(widget))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._revealing and event.type() == QEvent.Type.Resize:
            widget = self._revealing
            QTimer.singleShot(0, self, lambda: self._scroll_to(widget))
        return super().eventFilter(watched, event)

    def stop_revealing(self) -> None:
        """The news is gone: the page stays where the resident scrolls it."""
        if self._revealing is not None:
            self._revealing.removeEventFilter(self)
            self._revealing = None

    def _scroll_to(self, widget: QWidget) -> None:
        page = self.parentWidget()
        while page is not None and not isinstance(page, QScrollArea):
            page = page.parentWidget()
        if page is not None and widget.isVisible():
            page.ensureWidgetVisible(widget, 0, 0)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._language_changed()
        super().changeEvent(event)
