"""Read the current step aloud, without ever making the desk wait for the speech service.

The speech engine runs in a process of its own (``ui/speech_worker.py``), started in the
background; this object talks to it through pipes that Qt reads for us, so the GUI thread never
blocks on it. Until the engine answers, the state is ``STARTING``; if it has not answered
within ``deadline_ms`` (or dies, or stops acknowledging what it is asked to say) the process is
killed and read aloud is ``UNAVAILABLE`` until a later visit tries again.
"""

import enum
import json
import logging
import sys
import time
from typing import Any

from PySide6.QtCore import QObject, QProcess, QTimer, Signal

log = logging.getLogger(__name__)
DEADLINE_MS = 8_000  # a healthy speech-dispatcher answers in about 2 s, a slow start in 37
RETRY_AFTER_S = 120.0  # a service that was starting up (37 s on autospawn) may be ready then


class SpeechState(enum.Enum):
    IDLE = "idle"  # not started yet
    STARTING = "starting"  # the engine has not answered yet
    READY = "ready"
    UNAVAILABLE = "unavailable"  # there is an engine, but it failed or did not answer
    ABSENT = "absent"  # this computer has no speech engine (or read aloud is switched off)


def worker_command() -> list[str]:
    """How to start ``kiosk speech-worker`` from this very installation."""
    if getattr(sys, "frozen", False):  # the PyInstaller build: the executable is `kiosk`
        return [sys.executable, "speech-worker"]
    return [sys.executable, "-m", "kiosk", "speech-worker"]


class ReadAloud(QObject):
    state_changed = Signal()
    said = Signal()  # the engine has taken the text to say

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        enabled: bool = True,
        deadline_ms: int = DEADLINE_MS,
        retry_after_s: float = RETRY_AFTER_S,
    ) -> None:
        super().__init__(parent)
        self._state = SpeechState.IDLE if enabled else SpeechState.ABSENT
        self._languages: frozenset[str] = frozenset()
        self._retry_after_s = retry_after_s
        self._failed_at: float | None = None
        self._process: QProcess | None = None
        self._dying: set[QProcess] = set()  # killed, not yet reaped
        self._dead: list[QProcess] = []  # reaped
        self._buffer = b""
        self._deadline = QTimer(self, singleShot=True, interval=deadline_ms)
        self._deadline.timeout.connect(self._too_slow)

    @property
    def state(self) -> SpeechState:
        return self._state

    @property
    def available(self) -> bool:
        return self._state is SpeechState.READY

    def can_speak(self, language: str) -> bool:
        """Ready, with a voice for ``language`` (an engine that lists none is trusted)."""
        return self.available and (not self._languages or language in self._languages)

    def start(self) -> None:
        """Start the engine in the background, unless it is running, absent or failed lately."""
        if self._state in (SpeechState.STARTING, SpeechState.READY, SpeechState.ABSENT):
            return
        if self._failed_lately():
            return
        self._let_go_of_the_dead()
        program, *arguments = worker_command()
        process = QProcess(self)
        process.readyReadStandardOutput.connect(self._read_answers)
        process.readyReadStandardError.connect(self._read_complaints)
        process.finished.connect(self._ended)
        process.errorOccurred.connect(self._could_not_start)
        self._process, self._buffer = process, b""
        self._set_state(SpeechState.STARTING)
        self._deadline.start()
        process.start(program, arguments)

    def _failed_lately(self) -> bool:
        since = None if self._failed_at is None else time.monotonic() - self._failed_at
        return since is not None and since < self._retry_after_s

    def say(self, text: str, language: str) -> None:
        if self.can_speak(language):
            self._send({"say": text, "language": language})
            if not self._deadline.isActive():  # the engine must say it has taken it
                self._deadline.start()

    def stop(self) -> None:
        if self.available:
            self._send({"stop": True})

    def shutdown(self) -> None:
        """The kiosk is closing: end the engine's process now, without waiting on it."""
        self._deadline.stop()
        self._end_process(wait=True)

    # --- the process ------------------------------------------------------------------------
    def _send(self, command: dict[str, Any]) -> None:
        if self._process is not None:
            self._process.write((json.dumps(command) + "\n").encode())

    def _read_answers(self) -> None:
        assert self._process is not None
        self._buffer += bytes(self._process.readAllStandardOutput().data())
        *lines, self._buffer = self._buffer.split(b"\n")
        for line in lines:
            self._answer(line)

    def _answer(self, line: bytes) -> None:
        try:
            answer = json.loads(line)
        except ValueError:
            log.info("speech engine said something unexpected: %r", line[:200])
            return
        event = answer.get("event")
        if event == "ready":
            self._deadline.stop()
            self._languages = frozenset(answer.get("languages") or ())
            log.info("read aloud is ready (%s)", answer.get("engine"))
            self._set_state(SpeechState.READY)
        elif event == "said":
            self._deadline.stop()
            self.said.emit()
        elif event == "absent":
            self._give_up(SpeechState.ABSENT, "this computer has no speech engine")
        elif event == "unavailable":
            self._give_up(SpeechState.UNAVAILABLE, str(answer.get("reason")))

    def _read_complaints(self) -> None:
        assert self._process is not None
        said = bytes(self._process.readAllStandardError().data()).decode(errors="replace")
        for line in said.splitlines():
            if line.strip():
                log.info("speech engine: %s", line.strip())

    def _too_slow(self) -> None:
        seconds = self._deadline.interval() / 1000
        reason = f"the speech service did not answer within {seconds:g} s"
        self._give_up(SpeechState.UNAVAILABLE, reason)

    def _ended(self, *_: object) -> None:
        if self._state in (SpeechState.STARTING, SpeechState.READY):
            self._give_up(SpeechState.UNAVAILABLE, "the speech engine stopped")

    def _could_not_start(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self._give_up(SpeechState.UNAVAILABLE, "the speech engine could not be started")

    def _give_up(self, state: SpeechState, reason: str) -> None:
        self._deadline.stop()
        if state is SpeechState.UNAVAILABLE and self._state is not SpeechState.UNAVAILABLE:
            log.warning("read aloud is not available: %s", reason)
            self._failed_at = time.monotonic()
        self._end_process()
        self._set_state(state)

    def _end_process(self, *, wait: bool = False) -> None:
        """Kill the engine's process; it is reaped once it has gone (at once when closing)."""
        process, self._process = self._process, None
        if process is not None:
            for signal in (
                process.readyReadStandardOutput,
                process.finished,
                process.errorOccurred,
            ):
                signal.disconnect()
            self._dying.add(process)
            process.finished.connect(lambda *_, p=process: self._reaped(p))
            process.kill()
        if wait:  # Qt must not destroy a running process: a killed one ends at once
            for dying in list(self._dying):
                dying.waitForFinished(1000)
                self._reaped(dying)

    def _reaped(self, process: QProcess) -> None:
        if process in self._dying:  # let go of at the next start, not inside its own signal
            self._dying.discard(process)
            self._dead.append(process)

    def _let_go_of_the_dead(self) -> None:
        for process in self._dead:
            process.setParent(None)  # ours again, freed with the last reference
        self._dead.clear()

    def _set_state(self, state: SpeechState) -> None:
        if state is not self._state:
            self._state = state
            self.state_changed.emit()
