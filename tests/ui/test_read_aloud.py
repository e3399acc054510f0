"""Read aloud with the speech service present, absent, slow and silent: the desk never waits.

The speech engine runs in its own process (ui/speech_worker.py); these tests start the real
one, pointed with SPEECHD_ADDRESS at a real speech-dispatcher or at a fake that never answers.
"""

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QProcess
from pytestqt.qtbot import QtBot

from tests.speech_service import SilentService, SlowService, address, real_speech_dispatcher
from ui.read_aloud import ReadAloud, SpeechState
from ui.screens.service import ServiceScreen
from ui.services import AppServices
from ui.stall_watch import StallWatch

pytestmark = pytest.mark.usefixtures("kiosk_sized_heap")
DEADLINE_MS = 8_000  # the kiosk's own: a healthy speech-dispatcher answers in about 2 s
STALL_MS = 50


@pytest.fixture
def short_dir() -> Iterator[Path]:
    """A folder with a short path: a Unix socket's path may be at most 107 bytes."""
    with tempfile.TemporaryDirectory(prefix="speech-", dir="/tmp") as name:
        yield Path(name)


@pytest.fixture
def speechd(short_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    with real_speech_dispatcher(short_dir / "real") as socket_path:
        monkeypatch.setenv("SPEECHD_ADDRESS", address(socket_path))
        yield socket_path


@pytest.fixture
def silent(short_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[SilentService]:
    service = SilentService(short_dir / "silent.sock")
    monkeypatch.setenv("SPEECHD_ADDRESS", address(service.path))
    yield service
    service.close()


def screen_with(qtbot: QtBot, services: AppServices, voice: ReadAloud) -> ServiceScreen:
    services.speech = voice
    screen = ServiceScreen(services)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    qtbot.waitExposed(screen)
    screen.show_service("pay-council-tax")
    qtbot.wait(100)  # painted once: a first paint is start-up, not a tap
    return screen


def worker_processes(voice: ReadAloud) -> list[QProcess]:
    return [
        p for p in voice.findChildren(QProcess) if p.state() != QProcess.ProcessState.NotRunning
    ]


def test_a_silent_speech_service_never_holds_the_desk_up(
    qtbot: QtBot, services: AppServices, silent: SilentService
) -> None:
    voice = ReadAloud(deadline_ms=DEADLINE_MS)
    screen = screen_with(qtbot, services, voice)
    watch = StallWatch()
    watch.start("read aloud starting")
    screen.shown()  # as the main window does: the engine starts in the background
    assert voice.state is SpeechState.STARTING
    assert screen.read_button.isVisible()
    assert not screen.read_button.isEnabled()
    assert screen.read_button.text() == "Read aloud: getting ready"
    screen.next_button.click()  # taps are answered meanwhile
    screen.read_button.click()  # a disabled button: nothing
    qtbot.waitUntil(lambda: bool(silent.connections), timeout=5000)  # it did ask the service
    qtbot.waitUntil(lambda: voice.state is SpeechState.UNAVAILABLE, timeout=DEADLINE_MS + 3000)
    watch.stop()
    assert screen.read_button.text() == "Read aloud not available"
    assert not screen.read_button.isEnabled()
    qtbot.waitUntil(lambda: worker_processes(voice) == [], timeout=2000)  # killed, not left
    assert watch.worst()[1] < STALL_MS, watch.worst_ms
    screen.read_aloud()  # never fails, and asks nothing of the dead engine
    voice.shutdown()


def test_a_failed_engine_is_tried_again_on_a_later_visit(
    qtbot: QtBot, services: AppServices, silent: SilentService
) -> None:
    voice = ReadAloud(deadline_ms=500, retry_after_s=0.0)
    voice.start()
    qtbot.waitUntil(lambda: voice.state is SpeechState.UNAVAILABLE, timeout=5000)
    voice.start()
    assert voice.state is SpeechState.STARTING
    voice.shutdown()
    assert worker_processes(voice) == []


def test_no_speech_service_says_not_available_at_once(
    qtbot: QtBot, services: AppServices, short_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPEECHD_ADDRESS", address(short_dir / "nobody-listens.sock"))
    voice = ReadAloud()
    screen = screen_with(qtbot, services, voice)
    screen.shown()
    qtbot.waitUntil(lambda: voice.state is SpeechState.UNAVAILABLE, timeout=DEADLINE_MS)
    assert screen.read_button.text() == "Read aloud not available"


def test_switched_off_read_aloud_is_not_offered(qtbot: QtBot, services: AppServices) -> None:
    voice = ReadAloud(enabled=False)
    screen = screen_with(qtbot, services, voice)
    screen.shown()
    assert voice.state is SpeechState.ABSENT
    assert not screen.read_button.isVisible()
    assert worker_processes(voice) == []


def test_with_speech_dispatcher_the_step_is_read_aloud(
    qtbot: QtBot, services: AppServices, speechd: Path
) -> None:
    voice = ReadAloud(deadline_ms=DEADLINE_MS)
    screen = screen_with(qtbot, services, voice)
    watch = StallWatch()
    watch.start("read aloud starting")
    screen.shown()
    qtbot.waitUntil(lambda: voice.state is SpeechState.READY, timeout=DEADLINE_MS)
    assert screen.read_button.isEnabled()
    assert screen.read_button.text() == "Read aloud"
    assert voice.can_speak("cy")  # espeak-ng speaks Welsh
    screen.start_steps.click()
    with qtbot.waitSignal(voice.said, timeout=DEADLINE_MS):
        screen.read_button.click()
    watch.stop()
    assert watch.worst()[1] < STALL_MS, watch.worst_ms
    voice.shutdown()
    assert worker_processes(voice) == []


def test_a_slow_speech_service_is_waited_for_in_the_background(
    qtbot: QtBot, services: AppServices, speechd: Path, short_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    slow = SlowService(short_dir / "slow.sock", speechd, delay_s=2.0)
    monkeypatch.setenv("SPEECHD_ADDRESS", address(slow.path))
    try:
        voice = ReadAloud(deadline_ms=DEADLINE_MS)
        screen = screen_with(qtbot, services, voice)
        watch = StallWatch()
        watch.start("read aloud starting")
        screen.shown()
        qtbot.wait(1500)  # the service has not answered yet
        assert voice.state is SpeechState.STARTING
        assert screen.read_button.text() == "Read aloud: getting ready"
        qtbot.waitUntil(lambda: voice.state is SpeechState.READY, timeout=DEADLINE_MS)
        watch.stop()
        assert screen.read_button.isEnabled()
        assert watch.worst()[1] < STALL_MS, watch.worst_ms
        voice.shutdown()
    finally:
        slow.close()
