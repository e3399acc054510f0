"""``kiosk run``: start the touchscreen."""

import logging
import os
import sys

import click
from PySide6.QtWidgets import QApplication, QMainWindow

from kiosk.cli.context import AppContext
from kiosk.contacts.retention import purge_expired
from kiosk.errors import KioskError
from ui.catalog_view import CatalogView
from ui.style import apply_style

log = logging.getLogger(__name__)


def _check_display() -> None:
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        raise KioskError(
            "no screen to show the kiosk on (neither DISPLAY nor WAYLAND_DISPLAY is set); "
            "start it from a desktop session, or under a virtual screen with xvfb-run"
        )


def build_window(app_context: AppContext) -> QMainWindow:
    removed, cutoff = purge_expired(app_context.contact_log, app_context.config)
    log.info("retention: deleted %d contact(s) recorded before %s", removed, cutoff)
    state = app_context.catalog_state
    window = QMainWindow()
    window.setWindowTitle(state.catalog.council.name)
    window.setCentralWidget(CatalogView(state))
    window.resize(1280, 800)
    return window


@click.command()
@click.option("--windowed", is_flag=True, help="Run in a window instead of full screen.")
@click.pass_obj
def run(app_context: AppContext, windowed: bool) -> None:
    """Start the touchscreen kiosk."""
    _check_display()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_style(app)
    window = build_window(app_context)
    if windowed:
        window.show()
    else:
        window.showFullScreen()
    sys.exit(app.exec())
