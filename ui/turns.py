"""Work split into small steps, one per turn of the event loop, so a tap is never kept waiting.

A tap that arrives meanwhile waits for one step at most. ``run`` replaces whatever was still to
do (new figures make the old ones' remaining steps pointless); ``done`` follows the last step.
A step that returns ``NOT_YET`` (it waits for work on a thread) is asked again a little later.
"""

import time
from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QTimer, Signal

Step = Callable[[], object]
# Not 0: under QEventLoop.exec, a chain of zero-interval timers was seen to keep other timers
# waiting until it ended (a 5 ms heartbeat came 400 ms late); 1 ms lets them in between.
BETWEEN_STEPS_MS = 1
NOT_YET = object()
AGAIN_MS = 10  # how soon a step that was not yet ready is asked again


class Turns(QObject):
    done = Signal()

    def __init__(self, parent: QObject | None = None, *, first_delay_ms: int = 1) -> None:
        super().__init__(parent)
        self._steps: list[Step] = []
        self._timer = QTimer(self, singleShot=True, interval=first_delay_ms)
        self._timer.timeout.connect(self._next)
        self.destroyed.connect(self._steps.clear)  # steps hold their owner: let it go

    @property
    def busy(self) -> bool:
        return bool(self._steps) or self._timer.isActive()

    def run(self, steps: Iterable[Step]) -> None:
        self._steps[:] = steps  # the same list: destroyed clears it
        if not self._timer.isActive():
            self._timer.start()

    def finish_now(self) -> None:
        """Do every remaining step at once (closing down, or a caller that must have it all)."""
        self._timer.stop()
        while self._steps:
            if self._take_a_step() is NOT_YET:
                time.sleep(AGAIN_MS / 1000)
        self.done.emit()

    def _next(self) -> None:
        if self._steps and self._take_a_step() is NOT_YET:
            self._timer.start(AGAIN_MS)
        elif self._steps:
            self._timer.start(BETWEEN_STEPS_MS)
        else:
            self.done.emit()

    def _take_a_step(self) -> object:
        step = self._steps.pop(0)  # taken first: the step may itself ``run`` new steps
        answer = step()
        if answer is NOT_YET:
            self._steps.insert(0, step)
        return answer
