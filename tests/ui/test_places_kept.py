"""Journeys that must not lose the resident's place, and messages that must not move a
button under a finger: each as staff met it on the touchscreen (issue 13)."""

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.auth import SupervisorPin
from tests.kiosk.test_printing import FakeCups, cups  # noqa: F401 (the fixture)
from tests.ui.test_journey import sign_in
from ui.main_window import MainWindow
from ui.services import AppServices

EIGHT_STEPS = "register-to-vote"


def where(widget: QWidget) -> QPoint:
    """Where ``widget`` is on the window: what a finger aims at."""
    return widget.mapTo(widget.window(), QPoint(0, 0))


def on_step(main: MainWindow, number: int) -> None:
    main.open_service(EIGHT_STEPS)
    main.service.start_steps.click()
    for _ in range(number - 1):
        main.service.next_button.click()
    assert main.service.step_count.text() == f"Step {number} of 8"


@pytest.mark.parametrize(
    ("opened_on", "tap", "lands_on"),
    [(5, "next_button", 6), (3, "previous_button", 2), (3, "close_qr_button", 3)],
)
def test_the_qr_code_belongs_to_the_step_it_was_opened_from(
    window: MainWindow,
    opened_on: int,
    tap: str,
    lands_on: int,
) -> None:
    sign_in(window)
    on_step(window, opened_on)
    window.service.qr_button.click()
    assert window.service.qr.isVisible()
    assert window.service.close_qr_button.text() == f"Back to step {opened_on}"
    getattr(window.service, tap).click()
    assert not window.service.qr.isVisible()
    assert window.service.step_title.isVisible()
    assert window.service.step_count.text() == f"Step {lands_on} of 8"
    assert not window.service.close_qr_button.isVisible()


def test_the_qr_code_from_the_overview_closes_back_to_it(window: MainWindow) -> None:
    sign_in(window)
    window.open_service(EIGHT_STEPS)
    window.service.qr_button.click()
    assert window.service.close_qr_button.text() == "Back to the overview"
    window.service.close_qr_button.click()
    assert window.service.start_steps.isVisible()


def test_back_from_a_general_enquiry_returns_to_the_start_never_to_an_old_service(
    qtbot: QtBot,
    window: MainWindow,
    services: AppServices,
) -> None:
    sign_in(window)
    window.start.general_button.click()  # straight after start: no service was ever open
    window.log_contact.back_button.click()
    assert window.current_screen() is window.start
    window.open_service("pay-council-tax")
    window.service.finish_button.click()
    with qtbot.waitSignal(window.log_contact.saved, timeout=3000):
        window.log_contact.save_button.click()
    window.start.general_button.click()
    window.log_contact.back_button.click()
    assert window.current_screen() is window.start
    assert window.service.title.text() == ""  # nothing of the earlier visit is kept on it


def test_after_the_idle_reset_nothing_of_the_last_service_shows(
    window: MainWindow,
    services: AppServices,
) -> None:
    sign_in(window)
    window.open_service("pay-council-tax")
    window.service.qr_button.click()
    window.idle_reset()
    assert window.service.service_id is None
    assert window.service.title.text() == ""
    assert window.service.qr_address.text() == ""
    window.start.general_button.click()
    window.log_contact.back_button.click()
    assert window.current_screen() is window.start


def test_back_from_the_log_screen_returns_to_the_service_it_logs(
    window: MainWindow,
) -> None:
    sign_in(window)
    on_step(window, 4)
    window.service.finish_button.click()
    window.log_contact.back_button.click()
    assert window.current_screen() is window.service
    assert window.service.step_count.text() == "Step 4 of 8"


def test_a_failed_print_moves_no_button_and_adds_no_second_qr_button(
    qtbot: QtBot,
    window: MainWindow,
    cups: FakeCups,  # noqa: F811
) -> None:
    cups.set(default=None)  # no printer set up
    sign_in(window)
    window.open_service("report-pothole")
    screen = window.service
    buttons = (screen.qr_button, screen.print_button, screen.finish_button, screen.next_button)
    before = [where(button) for button in buttons]
    screen.print_button.click()
    qtbot.waitUntil(screen.save_pdf_button.isVisible, timeout=10_000)
    assert "No printer is set up" in screen.print_message.text()
    assert [where(button) for button in buttons] == before
    qr_buttons = [b for b in screen.findChildren(type(screen.qr_button)) if b.isVisible()
                  and b.text() == "Show QR code"]  # fmt: skip
    assert qr_buttons == [screen.qr_button]


def test_the_printed_message_lasts_only_while_it_is_news(
    qtbot: QtBot,
    window: MainWindow,
    services: AppServices,
    cups: FakeCups,  # noqa: F811
) -> None:
    sign_in(window)
    window.open_service("report-pothole")
    window.service.print_button.click()
    qtbot.waitUntil(lambda: services.session.handout_printed, timeout=10_000)
    assert window.service.print_message.text().startswith("The handout has printed")
    window.service.start_steps.click()
    assert window.service.print_message.text() == ""


def first_wrong_pin(main: MainWindow, qtbot: QtBot) -> None:
    for digit in "111111":
        main.supervisor_pin.digit_buttons[digit].click()
    main.supervisor_pin.open_button.click()
    qtbot.waitUntil(lambda: main.supervisor_pin.message.text() != "", timeout=5000)


def test_the_pin_screens_open_button_stays_put_after_a_wrong_pin(
    qtbot: QtBot,
    window: MainWindow,
    services: AppServices,
) -> None:
    SupervisorPin(services.config.data_dir).set("246813")
    sign_in(window)
    window.supervisor_requested.emit()
    pin = window.supervisor_pin
    before = where(pin.open_button), where(pin.digit_buttons["5"])
    first_wrong_pin(window, qtbot)
    assert (where(pin.open_button), where(pin.digit_buttons["5"])) == before


def test_saved_does_not_push_the_log_form_down(
    qtbot: QtBot,
    window: MainWindow,
) -> None:
    sign_in(window)
    window.start.general_button.click()
    form = window.log_contact
    before: Callable[[], list[QPoint]] = lambda: [where(b) for b in form.mode.buttons.values()]  # noqa: E731
    placed = before()
    with qtbot.waitSignal(form.saved, timeout=3000):
        form.save_button.click()
        qtbot.waitUntil(lambda: form.message.text() == "Saved", timeout=3000)
        assert before() == placed


def test_the_log_form_opens_at_the_top_whatever_it_was_scrolled_to(
    qtbot: QtBot, window: MainWindow, services: AppServices
) -> None:
    sign_in(window)
    window.resize(1280, 480)  # a short window: the form scrolls
    window.start.general_button.click()
    page = window.stack.currentWidget()
    bar = page.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    with qtbot.waitSignal(window.log_contact.saved, timeout=3000):
        window.log_contact.save_button.click()
    window.start.general_button.click()
    assert window.stack.currentWidget() is page
    assert bar.value() == 0
    assert window.log_contact.title.visibleRegion().boundingRect().top() == 0  # not cut
