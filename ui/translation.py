"""The interface in the resident's language: Qt translators swapped as the session changes."""

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from kiosk.resources import assets_dir
from ui.language_names import RIGHT_TO_LEFT


class Translations:
    """Installs ``assets/translations/kiosk_<lang>.qm`` and Qt's own ``qtbase_<lang>.qm``."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self._installed: list[QTranslator] = []

    def use(self, language: str) -> None:
        for translator in self._installed:
            self.app.removeTranslator(translator)
        self._installed = []
        # English too: kiosk_en holds only its plural forms ("1 contact", "2 contacts")
        self._load(f"kiosk_{language}", str(assets_dir() / "translations"))
        if language != "en":
            self._load(
                f"qtbase_{language}",
                QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
            )
        direction = (
            Qt.LayoutDirection.RightToLeft
            if language in RIGHT_TO_LEFT
            else (Qt.LayoutDirection.LeftToRight)
        )
        self.app.setLayoutDirection(direction)
        QLocale.setDefault(QLocale(language))

    def _load(self, name: str, folder: str) -> None:
        translator = QTranslator(self.app)
        if translator.load(name, folder):
            self.app.installTranslator(translator)
            self._installed.append(translator)
