"""One kiosk process walking every screen: ``python -m bench.ui_journey DATA_DIR PIN``.

Prints, as JSON, the worst stall of the GUI thread in each step (ui/stall_watch.py), from the
first paint on: the deferred build, read aloud starting on whatever SPEECHD_ADDRESS points at,
the journey of tests/ui/whole_journey.py, and read aloud settling (ready or given up).
"""

import json
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk.cli.context import AppContext
from tests.ui.whole_journey import Journey, pump, show_first, wait_for
from ui.app import build_window
from ui.read_aloud import SpeechState
from ui.stall_watch import StallWatch

SETTLED = (SpeechState.READY, SpeechState.UNAVAILABLE, SpeechState.ABSENT)


def main(data_dir: Path, pin: str) -> dict[str, object]:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    watch = StallWatch()
    watch.start("start-up")
    window = build_window(AppContext(overrides={"data_dir": data_dir}), app)  # type: ignore[arg-type]
    show_first(window, watch)
    warmed: list[bool] = []
    window.warmed_up.connect(lambda: warmed.append(True))
    watch.step("deferred build")
    wait_for(lambda: bool(warmed))
    Journey(window, watch, pin).walk()
    watch.step("read aloud settling")
    wait_for(lambda: window.services.speech.state in SETTLED, 15_000)
    pump(300)
    watch.stop()
    window.services.speech.shutdown()
    busy = {f"busy: {step}": ms for step, ms in watch.worst_busy_ms.items()}
    return {**watch.worst_ms, **busy, "speech": window.services.speech.state.value}


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), sys.argv[2])))
