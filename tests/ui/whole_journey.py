"""Every screen of the kiosk, tapped as staff would, each step named for the stall watch.

Shared by the stall test (tests/ui/test_no_stalls.py) and ``make bench`` (bench/ui_bench.py).
Each step does what a tap does, then lets the event loop run for a moment, as a person would
take a moment before the next tap; the watch counts any stall against the step that caused it.
"""

from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QTimer

from ui.main_window import MainWindow
from ui.read_aloud import SpeechState
from ui.stall_watch import StallWatch

PAUSE_MS = 150  # between taps: time for any queued work (a refresh, a repaint) to run


def pump(ms: int) -> None:
    """Let the event loop run for ``ms`` milliseconds."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_for(condition: Callable[[], bool], timeout_ms: int = 10_000) -> None:
    waited = 0
    while not condition():
        if waited >= timeout_ms:
            raise TimeoutError("the kiosk did not get there in time")
        pump(20)
        waited += 20


FIRST_PAINT = "first paint"  # the window appearing: start-up, timed by its own budget
BEFORE_ANY_TAP = ("start-up", FIRST_PAINT)
SETTLED = (SpeechState.READY, SpeechState.UNAVAILABLE, SpeechState.ABSENT)


def show_first(window: MainWindow, watch: StallWatch) -> None:
    """Show the window and let it paint for the first time (the step ``FIRST_PAINT``)."""
    watch.step(FIRST_PAINT)
    window.resize(1280, 800)
    window.show()
    wait_for(lambda: window.windowHandle() is not None and window.windowHandle().isExposed())
    pump(50)


def walk_from_first_paint(window: MainWindow, watch: StallWatch, pin: str) -> None:
    """The window shown, the rest built, the journey walked while read aloud is still
    starting, and read aloud settling (ready, or given up on): every step watched."""
    show_first(window, watch)
    watch.step("deferred build")
    warmed: list[bool] = []
    window.warmed_up.connect(lambda: warmed.append(True))
    wait_for(lambda: bool(warmed))
    watch.step("read aloud starting")
    wait_for(lambda: window.services.speech.state is not SpeechState.IDLE)
    Journey(window, watch, pin).walk()
    watch.step("read aloud settling")
    wait_for(lambda: window.services.speech.state in SETTLED, 15_000)
    pump(200)
    watch.stop()


class Journey:
    def __init__(self, window: MainWindow, watch: StallWatch, pin: str) -> None:
        self.window, self.watch, self.pin = window, watch, pin

    def tap(self, step: str, action: Callable[[], object], pause_ms: int = PAUSE_MS) -> None:
        self.watch.step(step)
        action()
        pump(pause_ms)

    def walk(self) -> None:
        """From a signed-out start through every screen, and back to the start."""
        w = self.window
        self.tap("sign in", lambda: w.staff.buttons[next(iter(w.staff.buttons))].click())
        self._a_service_from_a_topic()
        self._log_it()
        self._search_and_back()
        self._general_enquiry()
        self._looks()
        self._supervisor()
        self.tap("idle reset", w.idle_reset)

    def _a_service_from_a_topic(self) -> None:
        w = self.window
        category = next(iter(w.start.tiles))
        self.tap("open a topic", lambda: w.start.tiles[category].click())
        self.tap("open a service", lambda: w.category.services_list.rows()[0].click())
        self.tap("start the steps", w.service.start_steps.click)
        while w.service.next_button.isEnabled():
            self.tap("next step", w.service.next_button.click)
        self.tap("show QR code", w.service.qr_button.click)
        self.tap("print tap", w.service.print_button.click)
        self.tap("read aloud tap", w.service.read_button.click)
        self.tap("previous step", w.service.previous_button.click)

    def _log_it(self) -> None:
        w = self.window
        self.tap("finish", w.service.finish_button.click)
        self.tap("choose a barrier", w.log_contact.barriers.buttons["confidence"].click)
        self._save()

    def _save(self) -> None:
        """Save, then "Saved" for a moment, then the start screen: staff wait for it."""
        w = self.window
        self.tap("save the contact", w.log_contact.save_button.click)
        wait_for(lambda: w.current_screen() is w.start)

    def _search_and_back(self) -> None:
        w = self.window
        self.tap("open search", w.start.search_button.click)
        for letter in "council tax":
            self.tap("type a letter", lambda c=letter: w.search.keypad.typed.emit(c), 60)
        self.tap("open a result", lambda: w.search.results.rows()[0].click())
        self.tap("back to the results", w.service.back_button.click)
        self.tap("back to the start", w.search.back_button.click)

    def _general_enquiry(self) -> None:
        w = self.window
        self.tap("general enquiry", w.start.general_button.click)
        self._save()

    def _looks(self) -> None:
        start = self.window.start
        welsh = start.language_buttons.get("cy")
        if welsh is not None:
            self.tap("Welsh", welsh.click)
        self.tap("largest text", start.size_buttons[-1].click)
        self.tap("high contrast", start.contrast_button.click)
        self.tap("high contrast off", start.contrast_button.click)
        self.tap("normal text", start.size_buttons[0].click)
        if welsh is not None:
            self.tap("English", start.language_buttons["en"].click)

    def _supervisor(self) -> None:
        w = self.window
        self.tap("hold the council name", w.supervisor_requested.emit)
        for digit in self.pin:
            self.tap("type the PIN", w.supervisor_pin.digit_buttons[digit].click, 60)
        self.tap("open the supervisor area", w.supervisor_pin.open_button.click)
        wait_for(lambda: "supervisor_area" in vars(w) and w.current_screen() is w.supervisor_area)
        pump(PAUSE_MS)
        for name in w.supervisor_area.section_buttons:
            self.tap(f"supervisor: {name}", w.supervisor_area.section_buttons[name].click)
        self.tap("close the supervisor area", w.supervisor_area.close_button.click)
