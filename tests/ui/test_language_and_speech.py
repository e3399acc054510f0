"""Right-to-left languages lay the screens out right to left; read-aloud only where it works."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui.read_aloud import ReadAloud
from ui.screens.service import ServiceScreen
from ui.services import AppServices
from ui.translation import Translations


def test_a_right_to_left_language_turns_the_layout_round(qapp: QApplication) -> None:
    translations = Translations(qapp)
    try:
        translations.use("ar")
        assert qapp.layoutDirection() == Qt.LayoutDirection.RightToLeft
        translations.use("cy")
        assert qapp.layoutDirection() == Qt.LayoutDirection.LeftToRight
    finally:
        translations.use("en")


def test_read_aloud_is_offered_only_with_a_speech_engine(
    qtbot: QtBot, services: AppServices
) -> None:
    screen = ServiceScreen(services)
    qtbot.addWidget(screen)
    screen.show()
    screen.show_service("pay-council-tax")
    assert screen.read_button.isVisible() == ReadAloud().available
    screen.read_aloud()  # never fails, with or without an engine
