"""The supervisor PIN screen and the area behind it, driven as a supervisor would tap them."""

import logging
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.auth import LOCK_AFTER, SupervisorPin
from kiosk.cli.context import AppContext
from kiosk.logs import setup_logging, stop_logging
from kiosk.upload.queue import UploadQueue
from tests.kiosk.contacts.helpers import contact
from ui.services import AppServices
from ui.supervisor.area import SECTIONS, SupervisorArea
from ui.supervisor.pin_screen import PinScreen
from ui.widgets.touch import MIN_TARGET

RIGHT_PIN = "246810"
CHECK_MS = 5000  # the check runs on a worker thread


@pytest.fixture
def pin(services: AppServices) -> SupervisorPin:
    made = SupervisorPin(services.config.data_dir, cost=2**10)  # cheap scrypt for tests
    made.set(RIGHT_PIN)
    return made


def _show(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)


@pytest.fixture
def screen(qtbot: QtBot, services: AppServices, pin: SupervisorPin) -> Iterator[PinScreen]:
    made = PinScreen(services, pin=pin)
    _show(qtbot, made)
    yield made
    made.shutdown()


@pytest.fixture
def area(qtbot: QtBot, services: AppServices) -> Iterator[SupervisorArea]:
    made = SupervisorArea(services)
    _show(qtbot, made)
    made.shown()
    yield made
    made.shutdown()


def type_pin(screen: PinScreen, digits: str) -> None:
    for digit in digits:
        screen.digit_buttons[digit].click()


def try_wrong_pin(qtbot: QtBot, screen: PinScreen) -> None:
    type_pin(screen, "111111")
    screen.open_button.click()
    qtbot.waitUntil(lambda: not screen._checking, timeout=CHECK_MS)


def pad_enabled(screen: PinScreen) -> bool:
    keys = [*screen.digit_buttons.values(), screen.delete_button, screen.clear_button]
    return any(key.isEnabled() for key in keys)


def assert_large(widget: QWidget) -> None:
    buttons = [b for b in widget.findChildren(QPushButton) if b.isVisible()]
    assert buttons
    for button in buttons:
        size = button.size()
        assert size.width() >= MIN_TARGET, (button.text(), size)
        assert size.height() >= MIN_TARGET, (button.text(), size)
        assert button.accessibleName(), button.text()


def test_the_right_pin_typed_on_the_pad_opens(qtbot: QtBot, screen: PinScreen) -> None:
    type_pin(screen, RIGHT_PIN[:-1])
    assert not screen.open_button.isEnabled()  # fewer than six digits
    screen.digit_buttons["9"].click()
    screen.delete_button.click()
    screen.digit_buttons[RIGHT_PIN[-1]].click()
    assert screen.field.text() == RIGHT_PIN
    assert screen.field.echoMode() == screen.field.EchoMode.Password
    with qtbot.waitSignal(screen.opened, timeout=CHECK_MS):
        screen.open_button.click()
    assert screen.field.text() == ""


def test_a_wrong_pin_says_so_clears_and_does_not_open(qtbot: QtBot, screen: PinScreen) -> None:
    opened: list[bool] = []
    screen.opened.connect(lambda: opened.append(True))
    try_wrong_pin(qtbot, screen)
    assert screen.message.text() == (
        f"That PIN is not right. Tries left before a 5 min lock: {LOCK_AFTER - 1}"
    )
    assert screen.message.isVisible()
    assert screen.field.text() == ""
    assert pad_enabled(screen)
    assert not opened


def test_digits_typed_while_a_pin_is_checked_are_kept_for_the_next_try(
    qtbot: QtBot, screen: PinScreen
) -> None:
    type_pin(screen, "111111")
    screen.open_button.click()
    assert screen._checking
    assert pad_enabled(screen)  # the pad answers while the PIN is checked
    assert not screen.open_button.isEnabled()  # one check at a time
    type_pin(screen, RIGHT_PIN[:3])
    qtbot.waitUntil(lambda: not screen._checking, timeout=CHECK_MS)
    assert screen.message.text().startswith("That PIN is not right.")
    assert screen.field.text() == RIGHT_PIN[:3]  # kept, not cleared with the wrong one
    type_pin(screen, RIGHT_PIN[3:])
    with qtbot.waitSignal(screen.opened, timeout=CHECK_MS):
        screen.open_button.click()


def test_five_wrong_pins_lock_the_pad_even_after_a_restart(
    qtbot: QtBot, screen: PinScreen, services: AppServices
) -> None:
    for _ in range(LOCK_AFTER):
        try_wrong_pin(qtbot, screen)
    assert screen.message.text().startswith("Too many wrong PINs. Try again in ")
    assert not pad_enabled(screen)
    assert not screen.open_button.isEnabled()
    assert screen.cancel_button.isEnabled()
    again = PinScreen(services, pin=SupervisorPin(services.config.data_dir, cost=2**10))
    _show(qtbot, again)
    again.reset()
    assert again.message.text().startswith("Too many wrong PINs. Try again in ")
    assert not pad_enabled(again)
    again.shutdown()


def test_no_pin_set_tells_staff_how_it_is_set(qtbot: QtBot, services: AppServices) -> None:
    screen = PinScreen(services, pin=SupervisorPin(services.config.data_dir, cost=2**10))
    _show(qtbot, screen)
    assert screen.message.text() == (
        "No supervisor PIN is set. IT can set one with: kiosk supervisor set-pin"
    )
    assert not pad_enabled(screen)
    screen.shutdown()


def test_cancel_and_reset_clear_the_field(qtbot: QtBot, screen: PinScreen) -> None:
    type_pin(screen, "1234")
    screen.reset()
    assert screen.field.text() == ""
    type_pin(screen, "12")
    with qtbot.waitSignal(screen.cancelled):
        screen.cancel_button.click()
    assert screen.field.text() == ""


def test_requeue_puts_a_rejected_contact_back(
    qtbot: QtBot, area: SupervisorArea, services: AppServices
) -> None:
    contact_id = services.contact_log.record(contact())
    queue = UploadQueue(services.contact_log)
    queue.conn.execute(
        "INSERT INTO upload_rejected VALUES (?, ?, ?)",
        [contact_id, "unknown desk", "2026-11-27T10:00:00Z"],
    )
    queue.conn.commit()
    area.shown()
    area.show_section("upload")
    assert area.upload.rejected.text().startswith("Rejected by the receiving system: 1<ul>")
    assert "Waiting to upload: 0" in area.upload.counts.text()
    with qtbot.waitSignal(services.writer.requeued):  # written on the writer's thread
        area.upload.requeue_button.click()
    assert area.upload.message.text() == "Requeued 1 rejected contact. Requeued 0 held batches."
    assert area.upload.rejected.text() == "Rejected by the receiving system: 0"
    assert "Waiting to upload: 1" in area.upload.counts.text()


def test_upload_now_asks_the_main_window(
    qtbot: QtBot, area: SupervisorArea, services: AppServices
) -> None:
    services.config = replace(services.config, upload_target="https://hub.example.org/v1/contacts")
    with qtbot.waitSignal(area.upload_now):
        area.upload.upload_button.click()  # set up: the main window starts a round now
    assert area.upload.message.text() == "Uploading now…"


def test_the_catalog_section_counts_services_and_stale_ones(
    qtbot: QtBot, area: SupervisorArea
) -> None:
    area.section_buttons["catalog"].click()
    summary = area.catalog_summary.text()
    assert "Services: 38" in summary
    assert "Past their review date: 2" in summary
    assert "Apply for a proxy vote" in summary
    assert "Report an abandoned vehicle" in summary
    assert not area.fallback_notice.isVisible()  # the demo catalog is the configured one
    with qtbot.waitSignal(area.reload_wanted, timeout=CHECK_MS):
        area.check_button.click()
    assert area.check_message.text() == (
        "The catalog passed its checks; the kiosk restarts to use it."
    )
    assert area.check_button.isEnabled()


def test_a_broken_catalog_is_refused_with_its_problems(
    qtbot: QtBot, area: SupervisorArea, services: AppServices, tmp_path: Path
) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "council.toml").write_text("name = [", encoding="utf-8")
    services.config = replace(services.config, catalog=broken)
    reloads: list[bool] = []
    area.reload_wanted.connect(lambda: reloads.append(True))
    area.show_section("catalog")
    area.check_button.click()
    qtbot.waitUntil(lambda: "refused" in area.check_message.text(), timeout=CHECK_MS)
    assert "council.toml" in area.problems.text()
    assert not reloads
    assert "Services: 38" in area.catalog_summary.text()  # the running catalog stays


def test_the_kiosk_section_exits_and_restarts(
    qtbot: QtBot, area: SupervisorArea, caplog: pytest.LogCaptureFixture
) -> None:
    area.section_buttons["kiosk"].click()
    assert "Site: main-office" in area.kiosk_lines.text()
    assert "Desk: desk-1" in area.kiosk_lines.text()
    with qtbot.assertNotEmitted(area.exit_wanted):
        area.exit_button.click()  # asked first, never at once
    assert area.exit_confirmation.isVisible()
    area.exit_confirmation.cancel_button.click()
    assert not area.exit_confirmation.isVisible()
    area.exit_button.click()
    with qtbot.waitSignal(area.exit_wanted), caplog.at_level(logging.INFO):
        area.exit_confirmation.reason_buttons["maintenance"].click()
    assert "leaving kiosk mode, as the supervisor confirmed: maintenance" in caplog.text
    with qtbot.waitSignal(area.restart_wanted):
        area.restart_button.click()
    with qtbot.waitSignal(area.closed):
        area.close_button.click()


@pytest.mark.usefixtures("kiosk_style")
def test_every_button_is_large_and_named(
    qtbot: QtBot, screen: PinScreen, area: SupervisorArea
) -> None:
    assert_large(screen)
    for section in SECTIONS:
        area.show_section(section)
        qtbot.wait(10)
        assert_large(area)


def test_the_kiosk_section_tells_it_where_settings_and_the_log_are(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    system_file = tmp_path / "etc" / "config.toml"
    system_file.parent.mkdir()
    system_file.write_text('site = "library"\n', encoding="utf-8")
    monkeypatch.setenv("KIOSK_SYSTEM_CONFIG", str(system_file))
    services = AppServices.from_context(AppContext(overrides={"data_dir": tmp_path / "data"}))
    logging_set_up = setup_logging(tmp_path / "logs")
    made = SupervisorArea(services)
    try:
        _show(qtbot, made)
        made.section_buttons["kiosk"].click()
        lines = made.kiosk_lines.text()
        assert "Site: library" in lines
        assert f"Settings read from: {system_file}" in lines
        assert f"Log file: {logging_set_up.log_file}" in lines
    finally:
        made.shutdown()
        stop_logging()
        services.contact_log.close()


def test_under_the_systemd_unit_there_is_no_exit_only_how_it_stops_it(
    qtbot: QtBot, services: AppServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INVOCATION_ID", "0123456789abcdef")  # what systemd gives its services
    made = SupervisorArea(services)
    try:
        _show(qtbot, made)
        made.section_buttons["kiosk"].click()
        assert not made.exit_button.isVisible()
        assert made.restart_button.isVisible()
        assert "sudo systemctl stop assisted-digital-kiosk" in made.kiosk_lines.text()
    finally:
        made.shutdown()


def test_outside_systemd_exit_kiosk_mode_is_offered(area: SupervisorArea) -> None:
    area.section_buttons["kiosk"].click()
    assert area.exit_button.isVisible()
    assert "systemctl" not in area.kiosk_lines.text()
