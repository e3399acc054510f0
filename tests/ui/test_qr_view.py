"""The QR code on screen scans, to the very address the handout prints, with its tracking."""

import io

import zxingcpp
from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice
from pytestqt.qtbot import QtBot

from kiosk.handouts.tracking import tracked_url
from ui.screens.service import ServiceScreen
from ui.services import AppServices


def scanned(screen: ServiceScreen) -> list[str]:
    """What a phone's camera reads off the QR code as drawn on screen."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    screen.qr.grab().save(buffer, "PNG")
    image = Image.open(io.BytesIO(bytes(buffer.data().data())))
    return [found.text for found in zxingcpp.read_barcodes(image)]


def test_the_code_on_screen_opens_the_services_tracked_address(
    qtbot: QtBot, services: AppServices
) -> None:
    screen = ServiceScreen(services)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    for service_id in ("pay-council-tax", "report-pothole"):
        screen.show_service(service_id)
        screen.qr_button.click()
        qtbot.waitUntil(lambda: screen.qr.symbol is not None)  # made just after the tap
        config, catalog = services.config, services.catalog
        url = tracked_url(
            catalog.service(service_id).url, catalog.council.tracking, config.site, config.desk
        )
        assert scanned(screen) == [url]
