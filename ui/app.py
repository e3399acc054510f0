"""``kiosk run``: start the touchscreen."""

import logging
import os
import sys
import threading
from typing import TYPE_CHECKING

import click
from PySide6.QtCore import QProcess, Qt, QTimer
from PySide6.QtWidgets import QApplication

from kiosk.cli.context import AppContext
from kiosk.config import Config
from kiosk.contacts.retention import purge_expired
from kiosk.contacts.store import ContactLog
from kiosk.errors import KioskError
from kiosk.files import remove_stale_partials
from kiosk.logs import setup_logging
from ui.kiosk_mode import KioskGuard, under_systemd
from ui.looks import Looks
from ui.main_window import MainWindow
from ui.services import AppServices
from ui.signals import SignalWatcher
from ui.translation import Translations

if TYPE_CHECKING:
    from ui.supervisor.area import SupervisorArea
    from ui.upload_thread import BackgroundUploader

log = logging.getLogger(__name__)
UPLOAD_AFTER_MS = 500  # the first upload round waits for the window to settle


def _check_display() -> None:
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        raise KioskError(
            "no screen to show the kiosk on (neither DISPLAY nor WAYLAND_DISPLAY is set); "
            "start it from a desktop session, or under a virtual screen with xvfb-run"
        )


def build_window(context: AppContext, app: QApplication) -> MainWindow:
    """The main window on its services, with style and language following the session."""
    window = window_for(AppServices.from_context(context), app)
    purge_in_background(context.config)
    return window


def purge_in_background(config: Config) -> threading.Thread:
    """Retention, applied at every start on a thread with its own connection to the log, so a
    large purge never holds up the first screen."""

    def purge() -> None:
        try:
            contact_log = ContactLog.in_data_dir(config.data_dir)
        except KioskError as exc:
            log.warning("retention not applied: %s", exc)
            return
        remove_stale_partials(config.data_dir)  # what a killed kiosk left half-written
        try:
            removed, cutoff = purge_expired(contact_log, config)
            log.info("retention: deleted %d contact(s) recorded before %s", removed, cutoff)
        except Exception:
            log.exception("retention not applied")
        finally:
            contact_log.close()

    thread = threading.Thread(target=purge, name="retention", daemon=True)
    thread.start()
    return thread


def window_for(services: AppServices, app: QApplication) -> MainWindow:
    """The main window, with the app's style and language following the visit's choices."""
    session = services.session
    translations = Translations(app)
    session.language_changed.connect(translations.use)
    translations.use(session.language)
    looks = Looks(session)
    window = MainWindow(services, looks)
    looks.setParent(window)
    window.translations = translations  # Qt holds a plain object's slot weakly: keep it alive
    return window


@click.command()
@click.option("--windowed", is_flag=True, help="Run in a window instead of full screen.")
@click.pass_obj
def run(context: AppContext, windowed: bool) -> None:
    """Start the touchscreen kiosk."""
    setup_logging(context.config.log_dir, debug=context.debug)  # already done under `kiosk`
    _check_display()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = build_window(context, app)  # type: ignore[arg-type]
    guard = KioskGuard(windowed=windowed, parent=window)
    SignalWatcher(lambda: stop(window, guard, app), parent=window)  # type: ignore[arg-type]
    guard.enable(window)
    app.aboutToQuit.connect(window.services.print_service.shutdown)
    app.aboutToQuit.connect(window.services.speech.shutdown)
    app.aboutToQuit.connect(window.services.writer.finish)  # a contact being saved is kept
    # the maker of the catalog in use at the time: a catalog from the hub brings its own
    app.aboutToQuit.connect(lambda: window.services.handouts.shutdown())
    if windowed:
        window.resize(1280, 800)
        window.show()
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    QTimer.singleShot(0, window, lambda: _after_first_picture(context, window, guard, app))  # type: ignore[arg-type]
    sys.exit(app.exec())


def _after_first_picture(
    context: AppContext, window: MainWindow, guard: KioskGuard, app: QApplication
) -> None:
    """What the desk needs from the first tap on, but not for its first picture."""
    from ui.idle import IdleWatcher

    idle = IdleWatcher(context.config.idle_timeout_s, parent_widget=window)
    idle.timed_out.connect(window.idle_reset)
    idle.install(app)
    if window.looks is not None:
        window.looks.add(idle.overlay, now=True)
    start = lambda: _start_uploading(context, window, guard, app)  # noqa: E731
    QTimer.singleShot(UPLOAD_AFTER_MS, window, start)
    _start_catalog_updates(context, window, app)


def _start_catalog_updates(context: AppContext, window: MainWindow, app: QApplication) -> None:
    """The hub's signed catalog, checked on a thread and taken between visits (none without
    catalog_source)."""
    from ui.catalog_updates import CatalogUpdates, update_command

    config = context.config
    updates = CatalogUpdates(config, update_command(context.config_file, config.data_dir), window)
    window.use_catalog_updates(updates)
    app.aboutToQuit.connect(updates.stop)


def _start_uploading(
    context: AppContext, window: MainWindow, guard: KioskGuard, app: QApplication
) -> None:
    from ui.upload_thread import BackgroundUploader

    uploader = BackgroundUploader(context.config, parent=window)
    uploader.round_finished.connect(lambda _: window.status_line.refresh())
    uploader.start()
    _wire_supervisor(window, guard, uploader, app)
    app.aboutToQuit.connect(uploader.stop)


def stop(window: MainWindow, guard: KioskGuard, app: QApplication) -> None:
    """Asked to stop by the system (``systemctl stop``, shutdown): keep a contact staff were
    logging, as the idle reset does, then close down cleanly."""
    log.info("asked to stop: closing down")
    window.idle_reset()
    window.services.writer.finish()  # a contact staff were logging is on disk before we go
    guard.allow_exit()
    QTimer.singleShot(0, app.quit)  # from the event loop: the signal may come before exec()


def _wire_supervisor(
    window: MainWindow, guard: KioskGuard, uploader: "BackgroundUploader", app: QApplication
) -> None:
    """What the PIN-protected supervisor area may do to the running kiosk."""

    def leave() -> None:
        guard.allow_exit()
        app.quit()

    def restart() -> None:
        guard.allow_exit()
        if not under_systemd():  # systemd starts a unit again itself (Restart=always)
            QProcess.startDetached(sys.executable, [*sys.orig_argv[1:]])
        log.info("restarting, as the supervisor asked")
        app.quit()

    def upload_now() -> None:
        uploader.stop()
        uploader.start()

    def area_built(area: "SupervisorArea") -> None:
        area.exit_wanted.connect(leave)
        area.restart_wanted.connect(restart)
        area.reload_wanted.connect(restart)  # a catalog that passed its checks: start on it
        area.upload_now.connect(upload_now)
        uploader.round_finished.connect(lambda _: area.refresh())
        app.aboutToQuit.connect(area.shutdown)

    window.supervisor_area_built.connect(area_built, Qt.ConnectionType.SingleShotConnection)
