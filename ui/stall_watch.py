"""How long the GUI thread was ever too busy to answer a tap: a heartbeat and its lateness.

A precise timer beats every few milliseconds; when the GUI thread is busy, the next beat comes
late by as long as it was busy. The tests and ``make bench`` label the steps of a journey with
``step()`` and read, per step, the worst lateness (``worst_ms``: what a person would feel) and
the most processor time the GUI thread spent between two beats (``worst_busy_ms``: the kiosk's
own work, whatever else the machine is doing; a shared machine makes the first swing, but the
GUI thread waiting on something, such as a daemon, shows only there).
"""

import time

from PySide6.QtCore import QObject, Qt, QTimer

BEAT_MS = 5


class StallWatch(QObject):
    def __init__(self, parent: QObject | None = None, *, beat_ms: int = BEAT_MS) -> None:
        super().__init__(parent)
        self._beat_s = beat_ms / 1000
        self._timer = QTimer(self, interval=beat_ms, timerType=Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._beat)
        self._last: tuple[float, float] | None = None  # wall clock, this thread's CPU time
        self._step = "start"
        self.worst_ms: dict[str, float] = {}  # step -> its longest stall
        self.worst_busy_ms: dict[str, float] = {}  # step -> most CPU time between two beats

    def start(self, step: str = "start") -> None:
        self.step(step)
        self._last = (time.perf_counter(), time.thread_time())
        self._timer.start()

    def stop(self) -> None:
        self._beat()
        self._timer.stop()
        self._last = None

    def step(self, name: str) -> None:
        """What the journey does from now on; stalls from here on are counted against it."""
        self._step = name
        self.worst_ms.setdefault(name, 0.0)
        self.worst_busy_ms.setdefault(name, 0.0)

    def worst(self) -> tuple[str, float]:
        """The step with the longest stall, and that stall in milliseconds."""
        return max(self.worst_ms.items(), key=lambda item: item[1], default=("none", 0.0))

    def _beat(self) -> None:
        now = (time.perf_counter(), time.thread_time())
        if self._last is not None:
            late_ms = max(0.0, (now[0] - self._last[0] - self._beat_s) * 1000)
            busy_ms = (now[1] - self._last[1]) * 1000
            step = self._step
            self.worst_ms[step] = max(self.worst_ms.get(step, 0.0), late_ms)
            self.worst_busy_ms[step] = max(self.worst_busy_ms.get(step, 0.0), busy_ms)
        self._last = now
