"""The desk never freezes: every screen, from the first paint, with a speech service that
accepts and never answers, on a contact log of a busy desk, and no stall over 50 ms.

A heartbeat on the GUI thread (ui/stall_watch.py) records how late it comes; the journey
(tests/ui/whole_journey.py) taps through every screen, the supervisor area included. What the
GUI thread asks of the contact log is checked too: no statement of it reads the whole log.

This machine is shared: another guest can take the processor for tens of milliseconds, and
that makes a heartbeat late too. A stall of the kiosk's own comes back every time the same
screen does the same work, so a step over 50 ms is walked again in a fresh kiosk process (up
to ``WALKS`` times in all), and fails only if it is over in every walk.
"""

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.auth import SupervisorPin
from kiosk.cli.context import AppContext
from kiosk.contacts.demo import seed_demo
from tests.speech_service import SilentService, address
from tests.ui.journey_process import JOURNEY
from tests.ui.whole_journey import BEFORE_ANY_TAP, walk_from_first_paint
from ui.app import build_window
from ui.read_aloud import SpeechState
from ui.stall_watch import StallWatch

STALL_MS = 50
CONTACTS = 100_000  # a year at a busy desk; make bench walks the same journey on 1,000,000
PIN = "246813"
WALKS = 3


@pytest.fixture(scope="module")
def busy_desk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder whose log holds a busy desk's contacts (made once for this module)."""
    folder = tmp_path_factory.mktemp("busy-desk")
    context = AppContext(overrides={"data_dir": folder})
    seed_demo(
        context.contact_log, context.catalog_state.catalog, CONTACTS, 365, 11,
        site="main-office", desk="desk-1",
    )  # fmt: skip
    SupervisorPin(folder).set(PIN)
    context.contact_log.close()
    return folder


@pytest.fixture
def silent_speech(monkeypatch: pytest.MonkeyPatch) -> Iterator[SilentService]:
    with tempfile.TemporaryDirectory(prefix="speech-", dir="/tmp") as name:
        service = SilentService(Path(name) / "silent.sock")
        monkeypatch.setenv("SPEECHD_ADDRESS", address(service.path))
        monkeypatch.setenv("KIOSK_READ_ALOUD", "true")
        yield service
        service.close()


def whole_scans(connection: sqlite3.Connection, statements: list[str]) -> set[str]:
    """The statements whose query plan reads every row of a table that grows with the log."""
    found = set()
    for sql in set(statements):
        if not sql.lstrip().upper().startswith("SELECT"):
            continue
        plan = connection.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall()
        if any(row[-1].startswith(("SCAN contacts", "SCAN c")) for row in plan):
            found.add(sql)
    return found


@pytest.mark.usefixtures("kiosk_sized_heap")
def test_no_tap_waits_more_than_50_ms_on_any_screen(
    qtbot: QtBot,
    qapp: QApplication,
    busy_desk: Path,
    silent_speech: SilentService,
) -> None:
    watch = StallWatch()
    watch.start("start-up")
    window = build_window(AppContext(overrides={"data_dir": busy_desk}), qapp)
    qtbot.addWidget(window)
    statements: list[str] = []
    window.services.contact_log.conn.set_trace_callback(statements.append)
    try:
        walk_from_first_paint(window, watch, PIN)
    finally:
        window.services.contact_log.conn.set_trace_callback(None)
        window.services.speech.shutdown()
        if "supervisor_area" in vars(window):
            window.supervisor_area.shutdown()
    assert silent_speech.connections, "read aloud never asked the speech service"
    assert window.services.speech.state is SpeechState.UNAVAILABLE
    assert not whole_scans(window.services.contact_log.db.conn, statements)
    slow = {step: [ms] for step, ms in over_budget(watch.worst_ms).items()}
    for _ in range(WALKS - 1):
        if not slow:
            break
        again = over_budget(walk_in_a_fresh_process(busy_desk))
        slow = {step: [*walls, again[step]] for step, walls in slow.items() if step in again}
    assert not slow, f"over {STALL_MS} ms in each of {WALKS} walks (ms, per walk): {slow}"


def over_budget(worst_ms: dict[str, float]) -> dict[str, float]:
    """The steps, once the window is up, whose worst stall was over the budget (rounded)."""
    return {
        step: round(ms)
        for step, ms in worst_ms.items()
        if ms > STALL_MS and step not in BEFORE_ANY_TAP
    }


def walk_in_a_fresh_process(data_dir: Path) -> dict[str, float]:
    """The same journey in a new kiosk process (nothing loaded yet, as at a desk's start)."""
    done = subprocess.run(
        [sys.executable, "-c", JOURNEY, str(data_dir), PIN],
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"), capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    found: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    assert found["speech"] == SpeechState.UNAVAILABLE.value  # the silent service, again
    return {step: float(ms) for step, ms in found.items() if isinstance(ms, float | int)
            and not step.startswith("busy: ")}  # fmt: skip
