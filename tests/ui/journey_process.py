"""One kiosk process walking every screen: ``python -c JOURNEY DATA_DIR PIN``.

Prints, as JSON, the worst stall of the GUI thread in each step (ui/stall_watch.py), from
start-up on (tests/ui/whole_journey.py), with read aloud starting on whatever SPEECHD_ADDRESS
points at. Used by ``make bench`` and by the stall test to walk again in a fresh process.
Run from ``-c``, as the kiosk runs from a small ``kiosk`` script: the handout maker's process
(kiosk/handouts/maker.py) loads the main module of the process that starts it, and this one
would bring Qt and the whole journey with it.
"""

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk.cli.context import AppContext
from tests.ui.whole_journey import walk_from_first_paint
from ui.app import build_window
from ui.stall_watch import StallWatch


def main(data_dir: Path, pin: str) -> dict[str, object]:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    watch = StallWatch()
    watch.start("start-up")
    window = build_window(AppContext(overrides={"data_dir": data_dir}), app)  # type: ignore[arg-type]
    try:
        walk_from_first_paint(window, watch, pin)
    finally:
        window.services.speech.shutdown()
    busy = {f"busy: {step}": ms for step, ms in watch.worst_busy_ms.items()}
    return {**watch.worst_ms, **busy, "speech": window.services.speech.state.value}


JOURNEY = (
    "import json, sys; from pathlib import Path; from tests.ui.journey_process import main; "
    "print(json.dumps(main(Path(sys.argv[1]), sys.argv[2])))"
)
