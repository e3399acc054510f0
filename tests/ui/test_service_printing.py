"""What the service screen says while a handout prints, against a real CUPS spooler: it says
"printed" only once CUPS has completed the job, and plainly when it did not print."""

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.printing import PrintService
from tests.cups_server import DEAD, PDF, cups_server, real_cups  # noqa: F401 (fixtures)
from ui.screens.service import ServiceScreen
from ui.services import AppServices
from ui.translation import Translations

DEADLINE_S = 2
pytestmark = pytest.mark.usefixtures("real_cups")
Screens = Callable[[str], ServiceScreen]


@pytest.fixture
def screen_printing_to(qtbot: QtBot, services: AppServices) -> Iterator[Screens]:
    """A service screen for each queue, as staff see it, on the demo's council tax page."""
    made: dict[str, ServiceScreen] = {}

    def make(printer: str) -> ServiceScreen:
        services.print_service = PrintService(printer, "a4", deadline_s=DEADLINE_S)
        screen = ServiceScreen(services)
        qtbot.addWidget(screen)
        screen.resize(1280, 800)
        screen.show()
        screen.show_service("pay-council-tax")
        made[printer] = screen
        return screen

    yield make
    for screen in made.values():
        screen.job.shutdown()
        screen.services.print_service.shutdown()


def messages(qtbot: QtBot, screen: ServiceScreen, last: str, timeout_ms: int) -> list[str]:
    """Every message the print row showed, in order, until one starts with ``last``."""
    seen: list[str] = []

    def note() -> bool:
        text = screen.print_message.text()
        if not seen or seen[-1] != text:
            seen.append(text)
        return text.startswith(last)

    screen.print_button.click()
    qtbot.waitUntil(note, timeout=timeout_ms)
    return seen


def test_printed_only_once_cups_completed_the_job(
    qtbot: QtBot, screen_printing_to: Screens
) -> None:
    screen = screen_printing_to(PDF)
    seen = messages(qtbot, screen, "The handout has printed", 30_000)
    assert seen[-1] == "The handout has printed. Give it to the resident."
    assert "Sending the handout to the printer... Wait for it to come out." in seen
    assert screen.session.handout_printed
    assert screen.print_button.isEnabled()
    assert not screen.save_pdf_button.isVisible()


def test_an_unreachable_printer_is_said_not_to_have_printed_within_the_deadline(
    qtbot: QtBot, screen_printing_to: Screens
) -> None:
    screen = screen_printing_to(DEAD)
    seen = messages(qtbot, screen, "The handout did not print", (DEADLINE_S + 8) * 1000)
    assert "Sending the handout to the printer... Wait for it to come out." in seen
    assert not any("has printed" in text for text in seen)
    assert seen[-1] == (
        f"The handout did not print: The printer '{DEAD}' cannot be reached: check it is "
        "switched on and connected. Show the QR code instead, or save the PDF."
    )
    assert not screen.session.handout_printed
    assert screen.qr_button.isVisible()  # the one QR button, not a second one
    assert screen.qr_button.isEnabled()
    assert screen.save_pdf_button.isVisible()
    assert screen.print_button.isEnabled()


def test_in_welsh_an_unreachable_printer_is_said_in_welsh(
    qtbot: QtBot, qapp: QApplication, screen_printing_to: Screens
) -> None:
    translations = Translations(qapp)
    translations.use("cy")
    try:
        screen = screen_printing_to(DEAD)
        seen = messages(qtbot, screen, "Ni chafodd y daflen", (DEADLINE_S + 8) * 1000)
    finally:
        translations.use("en")
    assert seen[-1] == (
        f"Ni chafodd y daflen ei hargraffu: Nid oes modd cyrraedd yr argraffydd '{DEAD}': "
        "gwiriwch ei fod ymlaen ac wedi'i gysylltu. Dangoswch y cod QR yn lle hynny, neu "
        "cadwch y PDF."
    )
