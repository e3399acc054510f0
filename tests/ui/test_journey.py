"""Whole journeys through the real main window on a fresh data folder, as staff would tap."""

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from kiosk.auth import SupervisorPin
from kiosk.contacts.period import Period
from kiosk.contacts.report import build_report
from tests.kiosk.test_printing import FakeCups, cups  # noqa: F401 (the fixture)
from ui.main_window import MainWindow
from ui.services import AppServices


def sign_in(window: MainWindow) -> None:
    assert window.current_screen() is window.staff  # a shift starts with a staff code
    window.staff.buttons["CD"].click()
    assert window.current_screen() is window.start


def test_parking_permit_from_search_to_logged_contact(
    qtbot: QtBot,
    window: MainWindow,
    services: AppServices,
    cups: FakeCups,  # noqa: F811
) -> None:
    sign_in(window)
    window.start.search_button.click()
    assert window.current_screen() is window.search
    qtbot.keyClicks(window.search.query, "parking permit")
    qtbot.waitUntil(lambda: bool(window.search.results.rows()))
    window.search.results.rows()[0].click()
    assert window.current_screen() is window.service
    assert window.service.service_id == "resident-parking-permit"
    window.service.start_steps.click()
    steps = len(services.catalog.service("resident-parking-permit").steps)
    for number in range(1, steps):
        assert window.service.step_count.text() == f"Step {number} of {steps}"
        window.service.next_button.click()
    assert not window.service.next_button.isEnabled()
    window.service.print_button.click()
    qtbot.waitUntil(lambda: services.session.handout_printed, timeout=10_000)
    assert window.service.print_message.text() == (
        "The handout has printed. Give it to the resident."
    )  # only once the printing system said the job completed
    assert cups.calls("lp")
    window.service.finish_button.click()
    assert window.current_screen() is window.log_contact
    window.log_contact.barriers.buttons["confidence"].click()
    with qtbot.waitSignal(window.log_contact.saved, timeout=3000) as saved:
        window.log_contact.save_button.click()
    stored = services.contact_log.get(saved.args[0])
    assert stored is not None
    assert (stored.service_id, stored.lgsl, stored.staff) == ("resident-parking-permit", 474, "CD")
    assert (stored.mode, stored.outcome, stored.barriers) == (
        "showed_how", "completed", ("confidence",)
    )  # fmt: skip
    assert (stored.handout, stored.language, stored.source) == (True, "en", "kiosk")
    assert stored.duration_s is not None
    assert window.current_screen() is window.start


def test_general_enquiry_in_welsh_takes_two_taps_to_log(
    qtbot: QtBot, window: MainWindow, services: AppServices
) -> None:
    sign_in(window)
    window.start.language_buttons["cy"].click()
    window.start.general_button.click()
    with qtbot.waitSignal(window.log_contact.saved, timeout=3000) as saved:
        window.log_contact.save_button.click()
    stored = services.contact_log.get(saved.args[0])
    assert stored is not None
    assert (stored.service_id, stored.lgsl, stored.language) == ("general", None, "cy")
    assert services.session.language == "en"  # the next resident starts afresh


def test_a_failed_print_offers_the_qr_code_or_the_pdf(
    qtbot: QtBot, window: MainWindow, services: AppServices, cups: FakeCups,  # noqa: F811
    tmp_path: Path,
) -> None:  # fmt: skip
    cups.set(default=None)  # no printer set up
    stick = Path(str(services.config.save_folders[0]))
    sign_in(window)
    window.open_service("report-pothole")
    window.service.print_button.click()
    qtbot.waitUntil(window.service.save_pdf_button.isVisible, timeout=10_000)
    assert "No printer is set up" in window.service.print_message.text()
    window.service.save_pdf_button.click()  # no file dialog: the kiosk's own screen
    saving = window.save_place
    assert window.current_screen() is saving
    qtbot.waitUntil(lambda: bool(saving.place_buttons), timeout=5000)
    assert [b.text() for b in saving.place_buttons] == ["Folder: stick"]
    assert saving.place_buttons[0].isChecked()  # the only place, chosen already
    assert saving.name_field.text().startswith("report-pothole")
    saving.keypad.clear_key.click()
    for key in "pothole":
        saving.keypad.keys[key].click()
    saving.save_button.click()
    assert window.current_screen() is window.service  # back where staff were
    assert (stick / "pothole.pdf").read_bytes().startswith(b"%PDF")
    assert window.service.print_message.text() == "Saved the handout to stick as pothole.pdf"
    window.service.qr_button.click()  # the one QR button the message points to
    assert window.service.qr.data.startswith("https://www.example.org/roads/report-a-pothole?")


def test_idle_reset_saves_a_half_logged_contact_and_clears_the_visit(
    qtbot: QtBot, window: MainWindow, services: AppServices
) -> None:
    sign_in(window)
    services.session.set_text_size(2)
    window.open_service("pay-council-tax")
    window.service.finish_button.click()
    window.log_contact.outcome.buttons["started"].click()
    with qtbot.waitSignal(services.writer.written):  # written in the background
        window.idle_reset()
    rows = services.contact_log.db.execute(
        "SELECT service_id, mode, outcome, source FROM contacts"
    ).fetchall()  # what staff chose is kept; the preset "Showed how" they never touched is not
    assert rows == [("pay-council-tax", "not_recorded", "started", "idle_reset")]
    assert window.current_screen() is window.start
    assert services.session.text_size == 0
    assert services.session.service_id is None
    assert window.search.query.text() == ""


def test_back_from_a_service_returns_to_its_category(qtbot: QtBot, window: MainWindow) -> None:
    sign_in(window)
    window.start.tiles["bins-recycling"].click()
    assert window.current_screen() is window.category
    window.category.services_list.rows()[0].click()
    assert window.current_screen() is window.service
    window.service.back_button.click()
    assert window.current_screen() is window.category
    qtbot.keyClick(window, Qt.Key.Key_Escape)  # windowed here: nothing special happens


def test_holding_the_council_name_asks_for_the_supervisor(
    qtbot: QtBot, window: MainWindow
) -> None:
    sign_in(window)
    window.start.council_hold._timer.setInterval(50)
    council = window.start.council
    with qtbot.waitSignal(window.supervisor_requested, timeout=2000):
        qtbot.mousePress(council, Qt.MouseButton.LeftButton)
        assert council.property("held") is True  # the name shows it is being held
        qtbot.wait(300)
    qtbot.mouseRelease(council, Qt.MouseButton.LeftButton)
    assert council.property("held") is False


def test_a_hold_let_go_too_soon_stops_showing_held(qtbot: QtBot, window: MainWindow) -> None:
    sign_in(window)
    council = window.start.council
    qtbot.mousePress(council, Qt.MouseButton.LeftButton)
    assert council.property("held") is True
    qtbot.mouseRelease(council, Qt.MouseButton.LeftButton)
    assert council.property("held") is False
    assert window.current_screen() is window.start


def test_the_supervisor_area_opens_only_with_the_pin(
    qtbot: QtBot, window: MainWindow, services: AppServices
) -> None:
    SupervisorPin(services.config.data_dir).set("246810")
    sign_in(window)
    for screen in (window.category, window.search, window.service, window.log_contact):
        window.show_screen(screen)  # every resident and staff screen, built and shown
    assert "supervisor_area" not in vars(window)
    window.go_home()
    window.supervisor_requested.emit()  # as holding the council's name does
    assert window.current_screen() is window.supervisor_pin
    window.supervisor_pin.field.setText("111111")
    window.supervisor_pin.open_button.click()
    qtbot.waitUntil(lambda: "not right" in window.supervisor_pin.message.text(), timeout=10_000)
    assert "supervisor_area" not in vars(window)
    window.supervisor_pin.field.setText("246810")
    window.supervisor_pin.open_button.click()
    qtbot.waitUntil(lambda: "supervisor_area" in vars(window), timeout=10_000)
    qtbot.waitUntil(lambda: window.current_screen() is window.supervisor_area)  # a few turns
    window.supervisor_area.close_button.click()
    assert window.current_screen() is window.start


def test_the_whole_log_form_fits_the_screen_without_scrolling(
    qtbot: QtBot, kiosk_style: None, window: MainWindow
) -> None:
    sign_in(window)
    window.open_service("pay-council-tax")
    window.service.finish_button.click()
    page = window.log_contact.parentWidget()
    while not isinstance(page, QScrollArea):
        page = page.parentWidget()
    qtbot.wait(50)  # let the layout settle
    assert page.verticalScrollBar().maximum() == 0
    last = window.log_contact.referral.buttons["other_service"]
    bottom = last.mapTo(window, last.rect().bottomLeft()).y()
    assert bottom < window.status_line.mapTo(window, window.status_line.rect().topLeft()).y()


def test_an_abandoned_log_inflates_no_figure(
    qtbot: QtBot, window: MainWindow, services: AppServices
) -> None:
    sign_in(window)
    window.open_service("pay-council-tax")
    window.service.finish_button.click()  # and then the resident walks off
    with qtbot.waitSignal(services.writer.written):
        window.idle_reset()
    today = datetime.now(UTC).date()  # the log's days are UTC days
    report = build_report(services.contact_log, Period(today, today), services.config)
    assert report.total == 1
    assert report.completed_during_visit == 0  # not the preset "Completed"
    assert report.saved_by_idle_reset == 1
    assert report.by["outcome"] == {"not_recorded": 1}
    assert report.by["mode"] == {"not_recorded": 1}


def test_a_contact_staff_save_keeps_the_answers_they_accepted(
    qtbot: QtBot, window: MainWindow, services: AppServices
) -> None:
    sign_in(window)
    window.start.general_button.click()
    with qtbot.waitSignal(window.log_contact.saved, timeout=3000):
        window.log_contact.save_button.click()  # the presets, confirmed by Save
    rows = services.contact_log.db.execute("SELECT mode, outcome, source FROM contacts")
    assert rows.fetchall() == [("showed_how", "completed", "kiosk")]


def test_no_help_given_ends_the_visit_and_logs_nothing(
    qtbot: QtBot, window: MainWindow, services: AppServices
) -> None:
    sign_in(window)
    services.session.set_text_size(2)
    window.open_service("pay-council-tax")
    window.service.finish_button.click()
    window.log_contact.no_help_button.click()
    assert window.current_screen() is window.start
    assert services.session.text_size == 0
    window.idle_reset()  # nothing is left half-logged for the reset to save
    qtbot.wait(300)
    assert services.contact_log.db.execute("SELECT count(*) FROM contacts").fetchone() == (0,)


def test_cancelling_the_save_place_saves_nothing_and_goes_back(
    qtbot: QtBot,
    window: MainWindow,
    services: AppServices,
    cups: FakeCups,  # noqa: F811
) -> None:
    cups.set(default=None)
    stick = Path(str(services.config.save_folders[0]))
    sign_in(window)
    window.open_service("report-pothole")
    window.service.print_button.click()
    qtbot.waitUntil(window.service.save_pdf_button.isVisible, timeout=10_000)
    window.service.save_pdf_button.click()
    window.save_place.cancel_button.click()
    assert window.current_screen() is window.service
    assert not list(stick.iterdir())


def test_the_export_folder_is_chosen_on_the_kiosk_s_own_screen(
    qtbot: QtBot, window: MainWindow, services: AppServices
) -> None:
    SupervisorPin(services.config.data_dir, cost=2**10).set("246810")
    sign_in(window)
    window.supervisor_requested.emit()
    window.supervisor_pin.pin = SupervisorPin(services.config.data_dir, cost=2**10)
    for digit in "246810":
        window.supervisor_pin.digit_buttons[digit].click()
    window.supervisor_pin.open_button.click()
    qtbot.waitUntil(lambda: window.current_screen() is getattr(window, "supervisor_area", None))
    area = window.supervisor_area
    area.show_section("export")
    area.export_panel.folder_button.click()
    saving = window.save_place
    assert window.current_screen() is saving
    assert not saving.name_field.isVisible()  # a folder: no name to type
    qtbot.waitUntil(lambda: bool(saving.place_buttons), timeout=5000)
    saving.save_button.click()
    assert window.current_screen() is area
    assert area.export_panel.folder == Path(str(services.config.save_folders[0]))


def test_staff_sign_out_at_the_end_of_a_shift(qtbot: QtBot, window: MainWindow) -> None:
    sign_in(window)
    window.start.staff_button.click()
    assert window.current_screen() is window.staff
    assert window.staff.sign_out_button.isVisible()
    window.staff.sign_out_button.click()
    assert window.services.session.staff is None
    assert not window.staff.back_button.isVisible()  # a code must be chosen to go on
    assert not window.staff.sign_out_button.isVisible()
    window.idle_reset()  # nobody signed in: the reset comes back here, not to the start
    assert window.current_screen() is window.staff
    window.staff.buttons["EF"].click()
    assert window.start.staff_button.text() == "Staff: EF"


def test_after_a_print_the_same_button_prints_another_copy(
    qtbot: QtBot,
    window: MainWindow,
    cups: FakeCups,  # noqa: F811
) -> None:
    sign_in(window)
    window.open_service("report-pothole")
    place = window.service.print_button.geometry()
    assert window.service.print_button.text() == "Print handout"
    window.service.print_button.click()
    qtbot.waitUntil(lambda: "has printed" in window.service.print_message.text(), timeout=10_000)
    assert window.service.print_button.text() == "Print another copy"
    assert window.service.print_button.isEnabled()
    assert window.service.print_button.geometry().topLeft() == place.topLeft()  # not moved
    assert len(cups.calls("lp")) == 1
    window.service.print_button.click()
    qtbot.waitUntil(lambda: len(cups.calls("lp")) == 2, timeout=10_000)
    window.go_home()
    window.open_service("report-pothole")  # the next resident's visit
    assert window.service.print_button.text() == "Print handout"


def focus_is_on(window: MainWindow, page: QWidget) -> bool:
    focused = window.focusWidget()
    return focused is not None and (focused is page or page.isAncestorOf(focused))


def test_the_keyboard_focus_goes_with_the_screen(qtbot: QtBot, window: MainWindow) -> None:
    """A keyboard or switch user's place moves to the screen that comes up, never lost."""
    window.activateWindow()
    window.staff.buttons["CD"].setFocus()
    qtbot.waitUntil(lambda: window.staff.buttons["CD"].hasFocus())
    window.staff.buttons["CD"].click()
    assert window.current_screen() is window.start
    assert focus_is_on(window, window.stack.currentWidget())
    window.start.general_button.setFocus()
    window.start.general_button.click()
    assert window.current_screen() is window.log_contact
    assert focus_is_on(window, window.stack.currentWidget())
