"""Save never waits on the GUI thread: not for the disk, not for an upload's write lock."""

import sqlite3
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ui.contact_writer import ContactWriter
from ui.screens.log_contact import LogContactScreen
from ui.services import AppServices
from ui.stall_watch import StallWatch

STALL_MS = 50


def log_screen(qtbot: QtBot, services: AppServices) -> LogContactScreen:
    services.session.sign_in("CD")
    services.session.open_service("pay-council-tax")
    screen = LogContactScreen(services)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    screen.start("pay-council-tax")
    return screen


@pytest.mark.usefixtures("kiosk_sized_heap")
def test_a_save_while_another_process_holds_the_write_lock_keeps_the_screen_answering(
    qtbot: QtBot, services: AppServices
) -> None:
    screen = log_screen(qtbot, services)
    upload = sqlite3.connect(services.contact_log.path, isolation_level=None)
    upload.execute("BEGIN IMMEDIATE")  # as an upload settling a batch holds it
    watch = StallWatch()
    watch.start("saving behind a lock")
    screen.save_button.click()
    qtbot.wait(1500)  # far longer than a save takes: it is waiting for the lock
    assert screen.message.text() == "Saving..."
    assert not screen.save_button.isEnabled()  # no second copy from a second tap
    assert services.contact_log.count() == 0
    with qtbot.waitSignal(screen.saved, timeout=5000) as saved:
        upload.execute("COMMIT")
    watch.stop()
    upload.close()
    assert services.contact_log.get(saved.args[0]) is not None
    assert watch.worst()[1] < STALL_MS, watch.worst_ms


def test_a_log_that_cannot_be_written_says_not_saved_and_lets_staff_try_again(
    qtbot: QtBot, services: AppServices, tmp_path: Path
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    services.writer = ContactWriter(blocked / "contacts.db")  # its folder cannot be made
    screen = log_screen(qtbot, services)
    with qtbot.waitSignal(services.writer.failed, timeout=5000):
        screen.save_button.click()
    assert screen.message.text().startswith("Not saved: cannot open the contact log")
    assert screen.save_button.isEnabled()
    services.writer.finish()
