"""Stopping: ``systemctl stop`` (SIGTERM) closes the kiosk cleanly and keeps what staff logged."""

import os
import signal
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui.app import stop
from ui.kiosk_mode import KioskGuard
from ui.main_window import MainWindow
from ui.services import AppServices
from ui.signals import SignalWatcher


def test_a_signal_reaches_the_gui_thread_while_qt_waits(qtbot: QtBot) -> None:
    stopped: list[bool] = []
    watcher = SignalWatcher(lambda: stopped.append(True))
    try:
        os.kill(os.getpid(), signal.SIGTERM)
        qtbot.waitUntil(lambda: stopped == [True], timeout=2000)
    finally:
        watcher.uninstall()
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


def test_stopping_keeps_a_half_logged_contact(
    qtbot: QtBot, qapp: QApplication, services: AppServices
) -> None:
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.staff.buttons["CD"].click()
    window.open_service("pay-council-tax")
    window.service.finish_button.click()
    window.log_contact.outcome.buttons["started"].click()
    guard = KioskGuard(windowed=True, parent=window)
    stop(window, guard, qapp)
    rows = services.contact_log.db.execute("SELECT service_id, outcome FROM contacts").fetchall()
    assert rows == [("pay-council-tax", "started")]
    assert window.current_screen() is window.start


def test_sigterm_stops_kiosk_run_cleanly(tmp_path: Path) -> None:
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-m", "kiosk", "--data-dir", str(tmp_path / "data"), "run"]
    with subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True) as process:
        assert process.stderr is not None
        # the offscreen plug-in says this as the window is shown: the kiosk is up
        first_line = process.stderr.readline()
        assert "propagateSizeHints" in first_line, first_line
        process.send_signal(signal.SIGTERM)
        try:
            code = process.wait(timeout=15)
        finally:
            process.kill()
        rest = process.stderr.read()
    assert code == 0, rest
    assert "Traceback" not in rest
    log_text = (tmp_path / "logs" / "kiosk.log").read_text()
    assert "asked to stop: closing down" in log_text
