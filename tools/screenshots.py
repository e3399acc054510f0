"""Screenshots of the touchscreen for the README: the real window, walked as staff would tap.

    QT_QPA_PLATFORM=offscreen python -m tools.screenshots docs/screenshots

Runs on the demo catalog in a throwaway data folder, at 1280 x 800, under the offscreen platform
or a real (or Xvfb) display. Writes ``01-staff.png``, ``02-start.png``, ... into the folder.
"""

import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk.auth import SupervisorPin
from kiosk.cli.context import AppContext
from kiosk.contacts.demo import seed_demo
from ui.app import build_window
from ui.idle import COUNTDOWN_S
from ui.main_window import MainWindow
from ui.supervisor.area import SECTIONS
from ui.widgets.still_there import StillThereOverlay

SIZE = (1280, 800)
CATEGORY = "bins-recycling"
QUERY = "park"
SERVICE = "pay-council-tax"  # in the "council-tax" category


def settle(app: QApplication, rounds: int = 5) -> None:
    """Let layouts, style changes and deferred deletions finish."""
    for _ in range(rounds):
        app.processEvents()
        time.sleep(0.01)


def wait_until(app: QApplication, done: Callable[[], bool], timeout_s: float = 5.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get where it was going")
        settle(app, 1)


def expect(shown: bool, what: str) -> None:
    """Stop rather than save a picture of the wrong screen under the right name."""
    if not shown:
        raise RuntimeError(f"expected {what} on screen")


def walk(window: MainWindow, app: QApplication) -> Iterator[str]:
    """Tap through the kiosk; yields a file name each time the window is worth a picture."""
    expect(window.current_screen() is window.staff, "the staff sign-in")
    yield "01-staff"
    window.staff.buttons["CD"].click()
    expect(window.current_screen() is window.start, "the start screen")
    yield "02-start"
    window.start.tiles[CATEGORY].click()
    expect(window.current_screen() is window.category, f"the {CATEGORY} category")
    yield "03-category"
    window.category.back_button.click()
    window.start.search_button.click()
    for letter in QUERY:
        window.search.keypad.keys[letter].click()
    expect(bool(window.search.results.rows()), f"services matching {QUERY!r}")
    yield "04-search"
    window.search.back_button.click()
    window.start.tiles["council-tax"].click()
    row = next(r for r in window.category.services_list.rows() if r.service_id == SERVICE)
    row.click()
    expect(window.current_screen() is window.service, f"the {SERVICE} overview")
    yield "05-service"
    window.service.start_steps.click()
    window.service.next_button.click()
    expect(window.service.step_count.isVisible(), "step 2")
    yield "06-step"
    window.service.qr_button.click()
    expect(window.service.qr.isVisible(), "the QR code")
    yield "07-qr-code"
    window.service.finish_button.click()
    expect(window.current_screen() is window.log_contact, "the log-contact screen")
    yield "08-log-contact"
    overlay = StillThereOverlay(window)
    overlay.start(COUNTDOWN_S)
    yield "09-still-there"
    overlay.stop()
    overlay.deleteLater()
    window.log_contact.save_button.click()
    wait_until(app, lambda: window.current_screen() is window.start)
    window.start.language_buttons["cy"].click()
    yield "10-start-welsh"
    window.start.language_buttons["en"].click()
    window.start.size_buttons[-1].click()
    window.start.contrast_button.click()
    yield "11-start-high-contrast-largest"
    yield from supervisor(window, app)


def supervisor(window: MainWindow, app: QApplication) -> Iterator[str]:
    """The supervisor's screens, on a few hundred demo contacts, in the standard look."""
    window.go_home()
    services = window.services
    seed_demo(services.contact_log, services.catalog, 400, 30, 3, site="main-office",
              desk="desk-1")  # fmt: skip
    SupervisorPin(services.config.data_dir, cost=2**10).set("246810")
    window.supervisor_requested.emit()
    expect(window.current_screen() is window.supervisor_pin, "the supervisor PIN")
    yield "12-supervisor-pin"
    window.supervisor_pin.pin = SupervisorPin(services.config.data_dir, cost=2**10)
    for digit in "246810":
        window.supervisor_pin.digit_buttons[digit].click()
    window.supervisor_pin.open_button.click()
    wait_until(app, lambda: "supervisor_area" in vars(window))
    area = window.supervisor_area
    for section in ("dashboard", "upload", "export", "catalog", "settings", "kiosk"):
        area.show_section(section)
        yield f"{13 + SECTIONS.index(section)}-supervisor-{section}"


def take(out_dir: Path) -> list[Path]:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    out_dir.mkdir(parents=True, exist_ok=True)
    saved = []
    with tempfile.TemporaryDirectory() as data_dir:
        context = AppContext(overrides={"data_dir": Path(data_dir)})
        window = build_window(context, app)
        try:
            window.resize(*SIZE)
            window.show()
            settle(app)
            for name in walk(window, app):
                settle(app)
                path = out_dir / f"{name}.png"
                if not window.grab().save(str(path)):
                    raise OSError(f"could not write {path}")
                saved.append(path)
        finally:
            window.close()
            window.services.print_service.shutdown()
            context.contact_log.close()
            window.deleteLater()
            settle(app)
    return saved


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m tools.screenshots OUT_DIR", file=sys.stderr)
        return 2
    for path in take(Path(argv[0])):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
