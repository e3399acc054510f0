"""Handouts are made in a process of their own: the kiosk's own process never loads reportlab
(whose Python, run on a thread, would take turns at the interpreter with the GUI thread), and
a handout maker that dies is replaced for the next handout."""

import os
import signal
import subprocess
import sys
from pathlib import Path

from kiosk.cli.context import AppContext
from kiosk.handouts.maker import BACKGROUND_NICENESS, HandoutMaker

IN_A_FRESH_KIOSK = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from kiosk.cli.context import AppContext
from ui.screens.service import ServiceScreen
from ui.services import AppServices

app = QApplication([])
services = AppServices.from_context(AppContext(overrides={"data_dir": Path(sys.argv[1])}))
screen = ServiceScreen(services)
screen.show_service("pay-council-tax")
screen.job.failed.connect(app.quit)  # no printer here: made, then not printed
screen.job.succeeded.connect(app.quit)
screen.print_handout()
app.exec()
made = screen.job.last_pdf
print(made is not None and made.read_bytes().startswith(b"%PDF"), "reportlab" in sys.modules)
screen.job.shutdown()
"""


def test_the_kiosk_process_makes_a_handout_without_loading_reportlab(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", IN_A_FRESH_KIOSK, str(tmp_path)],
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen", KIOSK_PRINTER="no-such-printer"),
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.split() == ["True", "False"]  # a PDF made; reportlab not loaded here


def test_a_handout_maker_that_died_is_started_again(tmp_path: Path) -> None:
    catalog = AppContext(overrides={"data_dir": tmp_path}).catalog_state.catalog
    maker = HandoutMaker(catalog)
    try:
        first = maker.make("pay-council-tax", language="en", paper="a4", site="s", desk="d")
        assert first.pdf.startswith(b"%PDF")
        os.kill(maker._workers().submit(os.getpid).result(), signal.SIGKILL)
        again = maker.make("report-pothole", language="cy", paper="a4", site="s", desk="d")
    finally:
        maker.shutdown()
    assert again.pdf.startswith(b"%PDF")
    assert again.languages == ("cy",)


def test_the_handout_maker_runs_below_the_screens_priority(tmp_path: Path) -> None:
    catalog = AppContext(overrides={"data_dir": tmp_path}).catalog_state.catalog
    ours = os.nice(0)
    maker = HandoutMaker(catalog)
    try:
        worker = maker._workers().submit(os.nice, 0).result()
    finally:
        maker.shutdown()
    assert worker == min(ours + BACKGROUND_NICENESS, 19)
    assert os.nice(0) == ours  # the caller (here the GUI thread) keeps its own
