"""Screenshots of the touchscreen for the README: the real window, walked as staff would tap.

    QT_QPA_PLATFORM=offscreen python -m tools.screenshots docs/screenshots

Runs on the demo catalog in a throwaway data folder, at 1280 x 800, under the offscreen platform
or a real (or Xvfb) display. Writes ``01-staff.png``, ``02-start.png``, ... into the folder.
"""

import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QApplication

from kiosk.auth import SupervisorPin
from kiosk.cli.context import AppContext
from kiosk.contacts.demo import seed_demo
from kiosk.contacts.store import ContactLog
from kiosk.upload.problems import UploadProblem
from kiosk.upload.queue import UploadQueue
from ui.app import build_window
from ui.idle import COUNTDOWN_S
from ui.main_window import MainWindow
from ui.read_aloud import SpeechState
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
    window.status_line.refresh()  # the contacts just seeded are waiting to upload too
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
    wait_until(app, lambda: window.current_screen() is area)  # opened over a few turns
    for section in ("dashboard", "upload", "export", "catalog", "settings", "kiosk"):
        area.show_section(section)
        if section == "dashboard":
            wait_until(app, lambda: not area.dashboard.busy)  # read and drawn in the background
        yield f"{13 + SECTIONS.index(section)}-supervisor-{section}"
    yield from supervisor_details(window, app)


def supervisor_details(window: MainWindow, app: QApplication) -> Iterator[str]:
    """A custom period and its charts, an upload with problems, an export with its progress."""
    area = window.supervisor_area
    area.show_section("dashboard")
    dashboard = area.dashboard
    today = date.today()
    first = (today.replace(day=1) - timedelta(days=1)).replace(day=10)
    dashboard.custom.from_edit.setDate(QDate(first.year, first.month, first.day))
    dashboard.custom.show_button.click()
    wait_until(app, lambda: not dashboard.busy)
    expect(dashboard.figures()["period"] == f"{first} to {today}", "the custom period")
    yield "19-supervisor-custom-period"
    settle(app)
    scroll_bar = dashboard.page.verticalScrollBar()
    scroll_bar.setValue(dashboard.breakdowns["mode"].y())  # help given at the top
    yield "20-supervisor-charts"
    scroll_bar.setValue(scroll_bar.maximum())  # languages and staff codes
    yield "21-supervisor-charts-more"
    reject_and_hold(area.services.contact_log)
    window.status_line.refresh()
    area.show_section("upload")
    expect(area.upload.held.isVisible(), "a held batch")
    yield "22-supervisor-upload-problems"
    area.show_section("export")
    with tempfile.TemporaryDirectory() as folder:
        panel = area.export_panel
        panel.folder = Path(folder) / "USB-STICK"
        panel.folder.mkdir()
        panel.period_buttons["last_30_days"].click()
        panel.start_export()
        wait_until(app, lambda: panel.message.text().startswith("Exported"))
        expect(panel.progress_bar.value() == panel.progress_bar.maximum() > 0, "a full bar")
        yield "23-supervisor-export-done"
    yield from welsh_at_the_largest_size(window)


def welsh_at_the_largest_size(window: MainWindow) -> Iterator[str]:
    """The longest words there are: Welsh at the largest text size, nothing cut."""
    window.go_home()
    window.start.language_buttons["cy"].click()
    window.start.size_buttons[-1].click()
    expect(window.current_screen() is window.start, "the start screen")
    yield "24-start-welsh-largest"
    window.open_service(SERVICE)
    window.service.finish_button.click()
    expect(window.current_screen() is window.log_contact, "the log-contact screen")
    yield "25-log-contact-welsh-largest"


def reject_and_hold(log: ContactLog) -> None:
    """What a receiver that refuses some contacts and one batch leaves in the queue."""
    queue = UploadQueue(log)
    queue.prepare(50)
    full = [b for b in queue.batches() if len(queue.member_ids(b.batch_id)) == 50]
    first, *others = full  # not the batch of what is left over, which may be one contact
    ids = queue.member_ids(first.batch_id)
    reasons = {ids[0]: "unknown desk 'desk-1' for site 'main-office'"}
    reasons |= {ids[1]: "recorded_at is in the future", ids[2]: "recorded_at is in the future"}
    queue.settle(first.batch_id, ids[3:], reasons)
    if others:
        said = "the field 'lgsl' must be a number from the LGSL list (got '57a')"
        queue.hold(others[0].batch_id, UploadProblem("http_status", 422, said))


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
            # Read aloud as this machine has it: ready, not available, or not offered at all
            settled = (SpeechState.READY, SpeechState.UNAVAILABLE, SpeechState.ABSENT)
            wait_until(app, lambda: window.services.speech.state in settled, timeout_s=15)
            for name in walk(window, app):
                settle(app)
                path = out_dir / f"{name}.png"
                if not window.grab().save(str(path)):
                    raise OSError(f"could not write {path}")
                saved.append(path)
        finally:
            window.close()
            window.services.speech.shutdown()
            window.services.writer.finish()
            window.services.print_service.shutdown()
            context.contact_log.close()
            window.deleteLater()
            settle(app)
    return saved


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m tools.screenshots OUT_DIR", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="kiosk-screenshots-") as scratch:
        _as_shipped(Path(scratch))
        for path in take(Path(argv[0])):
            print(path)
    return 0


def _as_shipped(scratch: Path) -> None:
    """Draw the demo kiosk as a fresh checkout runs it, whatever this machine has installed."""
    os.environ["KIOSK_SYSTEM_CONFIG"] = str(scratch / "no-system-config.toml")
    os.environ["XDG_CONFIG_HOME"] = str(scratch / "config")
    for name in ("KIOSK_CONFIG", "KIOSK_DATA_DIR", "KIOSK_CATALOG", "KIOSK_UPLOAD_TARGET"):
        os.environ.pop(name, None)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
