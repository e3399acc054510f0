"""Starting the kiosk: a plain message with no screen, retention applied, the window up."""

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.cli.context import AppContext
from kiosk.contacts.store import ContactLog
from tests.kiosk.contacts.helpers import contact
from ui.app import build_window

NO_SCREEN = {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}


def test_run_without_a_screen_says_so_plainly(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in NO_SCREEN}
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "--data-dir", str(tmp_path), "run", "--windowed"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr.startswith("error: no screen to show the kiosk on")
    assert "Traceback" not in done.stderr


def test_starting_the_kiosk_purges_expired_uploaded_contacts(
    qtbot: QtBot, qapp: QApplication, data_dir: Path
) -> None:
    log = ContactLog.in_data_dir(data_dir)
    expired = contact(recorded_at="2020-01-01T00:00:00Z", uploaded_at="2020-01-02T00:00:00Z")
    unsent = contact(recorded_at="2020-01-01T00:00:00Z")
    log.record_many([expired, unsent])
    window = build_window(AppContext(overrides={"data_dir": data_dir}), qapp)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: log.get(expired.id) is None, timeout=5000)  # in the background
    assert log.get(unsent.id) is not None
    assert window.current_screen() is window.staff  # a shift starts with a staff code
