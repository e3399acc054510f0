"""Fixtures for driving real widgets: the demo catalog in a fresh data folder, the real style."""

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QLocale
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.cli.context import AppContext
from tests.kiosk.test_printing import FakeCups, cups  # noqa: F401 (the fixture)
from ui.app import window_for
from ui.main_window import MainWindow
from ui.services import AppServices
from ui.style import apply_style
from ui.translation import Translations
from ui.widgets.touch import ICON_COLOUR, recolour_icons


@pytest.fixture(scope="session", autouse=True)
def english_plural_forms(qapp: QApplication) -> Translations:
    """As the kiosk has from its start (ui/app.py): English "1 contact", "2 contacts"."""
    translations = Translations(qapp)
    translations.use("en")
    return translations


@pytest.fixture
def window(qtbot: QtBot, services: AppServices) -> MainWindow:
    """The kiosk's main window at 1280x800, shown, on ``services``."""
    made = MainWindow(services)
    qtbot.addWidget(made)
    made.resize(1280, 800)
    made.show()
    qtbot.waitExposed(made)
    return made


@pytest.fixture
def services(tmp_path: Path) -> Iterator[AppServices]:
    """Everything a screen needs, over the demo catalog and a temporary data folder."""
    stick = tmp_path / "stick"  # the one place staff may save to (IT's save_folders)
    stick.mkdir()
    overrides = {"data_dir": tmp_path / "data", "save_folders": [str(stick)]}
    built = AppServices.from_context(AppContext(overrides=overrides))
    yield built
    built.speech.shutdown()
    built.writer.finish()
    built.handouts.shutdown()
    built.contact_log.close()


@pytest.fixture
def styled_window(
    qtbot: QtBot,
    qapp: QApplication,
    services: AppServices,
    cups: FakeCups,  # noqa: F811
) -> Iterator[MainWindow]:
    """The main window under the kiosk's style and translations, restyled and translated
    whenever the resident changes their text size, contrast or language (as ui/app.py does),
    with no printer set up (so the screen offers the QR code and the PDF instead). The
    application's style and language are restored afterwards."""
    cups.set(default=None)
    sheet, font = qapp.styleSheet(), qapp.font()
    locale, direction = QLocale(), qapp.layoutDirection()
    window = window_for(services, qapp)
    translations = window.translations
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    yield window
    services.session.language_changed.disconnect(translations.use)
    translations.use("en")  # takes its translators out
    window.close()
    window.deleteLater()  # now, not at the end of the run: every restyle repolishes every widget
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qapp.setStyleSheet(sheet)
    qapp.setFont(font)
    qapp.setLayoutDirection(direction)
    QLocale.setDefault(locale)
    recolour_icons(ICON_COLOUR)


@pytest.fixture
def kiosk_style(qapp: QApplication) -> Iterator[None]:
    """The kiosk's own style sheet and text size, as a resident sees them; undone afterwards."""
    sheet, font = qapp.styleSheet(), qapp.font()
    apply_style(qapp)
    yield
    qapp.setStyleSheet(sheet)
    qapp.setFont(font)


@pytest.fixture
def kiosk_sized_heap() -> Iterator[None]:
    """For tests that time the GUI thread: the test runner's own objects kept out of garbage
    collection, as the kiosk keeps its start-up objects (ui/main_window.py); otherwise a sweep
    of pytest's far larger heap would be the stall measured."""
    gc.collect()
    gc.freeze()
    yield
    gc.unfreeze()
