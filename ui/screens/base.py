"""What every screen shares: its services, its session, and re-labelling on language change."""

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QWidget

from ui.services import AppServices


class Screen(QWidget):
    """A page of the kiosk. Subclasses build widgets once and put words on them in
    ``retranslate``, which runs again whenever the resident's language changes."""

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.session = services.session
        self.session.language_changed.connect(lambda _: self.retranslate())

    @property
    def language(self) -> str:
        return self.session.language

    def retranslate(self) -> None:
        """Put every visible word in the current language (interface and catalog text)."""

    def shown(self) -> None:
        """The screen has just come to the front."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
