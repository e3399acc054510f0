"""The staff status line, and the background uploader that reports to it."""

import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.cli.context import AppContext
from kiosk.resources import demo_catalog_dir
from kiosk.upload.problems import UploadProblem
from kiosk.upload.queue import UploadQueue
from tests.kiosk.contacts.helpers import contact
from tests.upload_receiver import Receiver
from ui.main_window import MainWindow
from ui.services import AppServices
from ui.upload_thread import NOT_CONFIGURED, BackgroundUploader
from ui.widgets.status_line import StatusLine, short
from ui.widgets.touch import MIN_TARGET

Build = Callable[..., AppServices]


@pytest.fixture
def build(tmp_path: Path) -> Iterator[Build]:
    """Services over a fresh data folder (the demo catalog unless told otherwise)."""
    made: list[AppServices] = []

    def services(**overrides: Any) -> AppServices:
        context = AppContext(overrides={"data_dir": tmp_path / "data", **overrides})
        made.append(AppServices.from_context(context))
        return made[-1]

    yield services
    for each in made:
        each.contact_log.close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with Receiver() as running:
        yield running
    assert running.errors == []


def status_line(qtbot: QtBot, services: AppServices) -> StatusLine:
    line = StatusLine(services)
    qtbot.addWidget(line)
    with qtbot.waitExposed(line):
        line.show()
    return line


def record(services: AppServices, count: int) -> list[str]:
    return [services.contact_log.record(contact()) for _ in range(count)]


def test_shows_the_contacts_waiting_after_each_save(qtbot: QtBot, build: Build) -> None:
    services = build()
    line = status_line(qtbot, services)
    assert line.pending.text() == "0 contacts waiting to upload"
    record(services, 1)
    line.refresh()
    assert line.pending.text() == "1 contact waiting to upload"
    record(services, 2)
    line.refresh()
    assert line.pending.text() == "3 contacts waiting to upload"


def test_refreshes_by_itself(qtbot: QtBot, build: Build) -> None:
    services = build()
    line = status_line(qtbot, services)
    line.timer.setInterval(20)
    record(services, 2)
    qtbot.waitUntil(lambda: line.pending.text() == "2 contacts waiting to upload", timeout=1000)


def test_says_when_upload_is_not_set_up(qtbot: QtBot, build: Build) -> None:
    line = status_line(qtbot, build())
    assert line.upload.text() == "Upload not set up"


def test_says_when_upload_is_switched_off(qtbot: QtBot, build: Build) -> None:
    line = status_line(qtbot, build(upload_target="file:///tmp", upload_enabled="false"))
    assert line.upload.text() == "Upload switched off"


def test_shows_the_last_failure_with_a_short_reason(qtbot: QtBot, build: Build) -> None:
    services = build(upload_target="https://central.example.org/contacts")
    line = status_line(qtbot, services)
    assert line.upload.text() == "Not uploaded yet"
    UploadQueue(services.contact_log).note_error(UploadProblem("http_status", 503))
    line.refresh()
    assert line.upload.text() == "Last upload failed: the receiving system answered HTTP 503"
    assert line.upload.property("problem") is True


def test_a_long_reason_is_cut_at_a_word() -> None:
    reason = "could not connect to central.example.org because " + "the network " * 9
    cut = short(reason)
    assert cut == "could not connect to central.example.org because the…"


def test_shows_the_staff_code_signed_in(qtbot: QtBot, build: Build) -> None:
    services = build()
    line = status_line(qtbot, services)
    assert not line.staff.isVisible()
    services.session.sign_in("AB")
    assert line.staff.text() == "Staff: AB"
    assert line.staff.isVisible()


def test_no_catalog_warning_on_a_good_catalog(qtbot: QtBot, build: Build) -> None:
    line = status_line(qtbot, build())
    assert not line.catalog_warning.isVisible()


def test_warns_when_running_on_the_last_good_catalog(
    qtbot: QtBot, build: Build, tmp_path: Path
) -> None:
    catalog = tmp_path / "catalog"
    shutil.copytree(demo_catalog_dir(), catalog)
    assert not build(catalog=str(catalog)).catalog_state.from_snapshot  # a good copy is kept
    (catalog / "council.toml").write_text("name = [broken\n", encoding="utf-8")
    services = build(catalog=str(catalog))
    assert services.catalog_state.from_snapshot
    line = status_line(qtbot, services)
    warning = line.findChild(type(line.catalog_warning), "catalogWarning")
    assert warning is line.catalog_warning
    assert warning.isVisible()
    assert "showing the last good version. Tell your supervisor." in warning.text()


def test_background_upload_delivers_and_reports(
    qtbot: QtBot, build: Build, receiver: Receiver
) -> None:
    services = build(upload_target=receiver.url)
    ids = record(services, 3)
    line = status_line(qtbot, services)
    uploader = BackgroundUploader(services.config)
    line.follow(uploader)
    with qtbot.waitSignal(uploader.round_finished, timeout=5000) as round_:
        assert uploader.start()
    assert round_.args is not None
    result = round_.args[0]
    assert (result["accepted"], result["waiting"], result["problem"]) == (3, 0, None)
    assert set(receiver.contacts) == set(ids)
    assert line.pending.text() == "0 contacts waiting to upload"
    assert line.upload.text().startswith("Last upload ")
    assert line.upload.text().endswith(": worked")
    started = time.monotonic()
    assert uploader.stop()
    assert time.monotonic() - started < 1.0
    record(services, 1)
    with qtbot.waitSignal(uploader.round_finished, timeout=5000) as again:
        assert uploader.start()  # started again, on a new thread with its own connection
    assert again.args is not None
    assert again.args[0]["accepted"] == 1
    assert uploader.stop()


def test_background_upload_reports_a_problem_and_keeps_going(
    qtbot: QtBot, build: Build, tmp_path: Path
) -> None:
    share = tmp_path / "share"  # not there yet, as a network share before it is mounted
    services = build(upload_target=share.as_uri())
    record(services, 2)
    uploader = BackgroundUploader(services.config, poll_s=0.05)
    with qtbot.waitSignal(uploader.round_finished, timeout=5000) as round_:
        uploader.start()
    assert round_.args is not None
    assert "does not exist" in round_.args[0]["problem"]
    share.mkdir()
    qtbot.waitUntil(lambda: any(share.glob("*.json")), timeout=5000)
    assert uploader.running
    assert uploader.stop()


def test_background_upload_does_not_start_unconfigured(qtbot: QtBot, build: Build) -> None:
    uploader = BackgroundUploader(build().config)
    with qtbot.waitSignal(uploader.round_finished, timeout=1000) as round_:
        assert uploader.start() is False
    assert round_.args is not None
    assert round_.args[0]["problem"] == NOT_CONFIGURED
    assert not uploader.running


# --- in the window: whole on staff screens, folded on the resident's -------------------------
def window_on(qtbot: QtBot, services: AppServices) -> MainWindow:
    made = MainWindow(services)
    qtbot.addWidget(made)
    made.resize(1280, 800)
    made.show()
    qtbot.waitExposed(made)
    return made


def test_the_resident_sees_only_a_small_button_that_unfolds_the_line_for_staff(
    qtbot: QtBot, build: Build
) -> None:
    window = window_on(qtbot, build())
    line = window.status_line
    assert line.isVisible()  # the staff sign-in screen: the whole line
    window.staff.buttons["CD"].click()  # the start screen: the resident's from here on
    assert not line.isVisible()
    assert line.indicator.isVisible()
    assert line.indicator.accessibleName() == "Status for staff"
    assert line.indicator.height() >= MIN_TARGET
    line._fold_timer.setInterval(50)  # UNFOLDED_MS is 15 s
    qtbot.mouseClick(line.indicator, Qt.MouseButton.LeftButton)
    assert line.isVisible()
    qtbot.waitUntil(lambda: line.pending.text() == "0 contacts waiting to upload")
    qtbot.waitUntil(lambda: not line.isVisible(), timeout=2000)  # folded again by itself
    assert line.indicator.isVisible()


def test_the_line_shows_whole_on_every_staff_screen(qtbot: QtBot, build: Build) -> None:
    window = window_on(qtbot, build())
    window.staff.buttons["CD"].click()
    window.open_service("pay-council-tax")
    assert not window.status_line.isVisible()
    window.service.finish_button.click()  # the log screen is staff's
    assert window.status_line.isVisible()
    assert not window.status_line.indicator.isVisible()
    window.log_contact.back_button.click()  # back to the resident's service
    assert not window.status_line.isVisible()
    window.go_home()
    window.supervisor_requested.emit()
    assert window.status_line.isVisible()  # the PIN screen


def test_the_folded_line_is_marked_when_an_upload_failed(qtbot: QtBot, build: Build) -> None:
    services = build(upload_target="https://central.example.org/contacts")
    window = window_on(qtbot, services)
    window.staff.buttons["CD"].click()
    indicator = window.status_line.indicator
    assert indicator.property("problem") is False
    UploadQueue(services.contact_log).note_error(UploadProblem("http_status", 503))
    window.status_line.refresh()
    assert indicator.property("problem") is True
    assert indicator.accessibleName() == "Status for staff: needs attention"


def test_the_words_on_the_line_stay_staff_sized_whatever_the_resident_chooses(
    qtbot: QtBot, styled_window: MainWindow
) -> None:
    window = styled_window
    window.staff.buttons["CD"].click()
    before = window.status_line.pending.font().pixelSize()
    window.start.size_buttons[2].click()
    window.open_service("pay-council-tax")
    window.service.finish_button.click()
    qtbot.waitUntil(window.status_line.isVisible)
    assert window.log_contact.title.font().pixelSize() > before  # the resident's size
    assert window.status_line.pending.font().pixelSize() == before
