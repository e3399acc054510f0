"""Work split into small steps, one per turn of the event loop, so a tap is never kept waiting.

A tap that arrives meanwhile waits for one step at most. ``run`` replaces whatever was still to
do (new figures make the old ones' remaining steps pointless); ``done`` follows the last step.
"""

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QTimer, Signal

Step = Callable[[], object]
# Not 0: under QEventLoop.exec, a chain of zero-interval timers was seen to keep other timers
# waiting until it ended (a 5 ms heartbeat came 400 ms late); 1 ms lets them in between.
BETWEEN_STEPS_MS = 1


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
            self._steps.pop(0)()
        self.done.emit()

    def _next(self) -> None:
        if self._steps:
            self._steps.pop(0)()
        if self._steps:
            self._timer.start(BETWEEN_STEPS_MS)
        else:
            self.done.emit()
