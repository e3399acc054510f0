"""Notice when the resident has walked away: ask "Are you still there?", then clear the screen.

``IdleWatcher`` watches every input event the application gets (an event filter on the
QApplication). After ``timeout_s`` without a touch it shows the ``StillThereOverlay`` and counts
down ``countdown_s``; any touch, click or key press cancels the countdown and starts the wait
again. When the countdown ends it emits ``timed_out`` (the app clears the visit and returns to
the start screen) and then rests until the next touch, so an untouched start screen does not
keep asking. Only single-shot timers, no polling.
"""

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QWidget

from kiosk.config import Config
from ui.widgets.still_there import StillThereOverlay

COUNTDOWN_S = 15.0
ACTIVITY = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TouchEnd,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
    }
)


def is_activity(event: QEvent) -> bool:
    """A touch, click, key press or wheel turn; a mouse move only while a button is held."""
    kind = event.type()
    if kind == QEvent.Type.MouseMove:
        return isinstance(event, QMouseEvent) and bool(event.buttons())
    return kind in ACTIVITY


POINTER = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TouchEnd,
        QEvent.Type.TouchCancel,
    }
)
GESTURE_ENDS = frozenset(
    {QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel}
)


def _single_shot(seconds: float, parent: QObject) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(max(1, round(seconds * 1000)))
    return timer


class IdleWatcher(QObject):
    """Watches for a resident who has gone; ``timeout_s`` of 0 or less never warns."""

    warning_started = Signal()
    warning_cancelled = Signal()
    timed_out = Signal()

    def __init__(
        self, timeout_s: float, countdown_s: float = COUNTDOWN_S, *, parent_widget: QWidget
    ) -> None:
        super().__init__(parent_widget)
        self.timeout_s, self.countdown_s = timeout_s, countdown_s
        self.overlay = StillThereOverlay(parent_widget)
        self.overlay.still_here.connect(self._cancel_warning)
        self._idle = _single_shot(timeout_s, self)
        self._idle.timeout.connect(self._warn)
        self._countdown = _single_shot(countdown_s, self)
        self._countdown.timeout.connect(self._time_out)
        self._paused = False
        self._eating = False  # the rest of the touch that answered the warning

    @classmethod
    def from_config(cls, config: Config, parent_widget: QWidget) -> "IdleWatcher":
        return cls(config.idle_timeout_s, parent_widget=parent_widget)

    @property
    def warning_active(self) -> bool:
        return self._countdown.isActive()

    @property
    def waiting(self) -> bool:
        """Whether the idle wait is running (not paused, not warning, not resting)."""
        return self._idle.isActive()

    def install(self, app: QCoreApplication) -> None:
        """Start watching ``app``'s input; the wait starts now."""
        app.installEventFilter(self)
        self._arm()

    def uninstall(self, app: QCoreApplication) -> None:
        app.removeEventFilter(self)
        self.pause()

    def pause(self) -> None:
        """Stop watching for now (a warning showing is cancelled) until ``resume``."""
        self._paused = True
        self._idle.stop()
        self._cancel_warning()

    def resume(self) -> None:
        self._paused = False
        self._arm()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Only watches, except for the touch or key that answers the warning: that is eaten
        whole (press to release), so it cannot also press whatever is under the overlay."""
        if self._eating and event.type() in POINTER:
            self._eating = event.type() not in GESTURE_ENDS
            return True
        if not is_activity(event):
            return False
        if not self.warning_active:
            self._arm()
            return False
        self._cancel_warning()
        self._eating = event.type() in POINTER and event.type() not in GESTURE_ENDS
        return True

    def _arm(self) -> None:
        if not self._paused and self.timeout_s > 0:
            self._idle.start()

    def _warn(self) -> None:
        self._countdown.start()
        self.overlay.start(self.countdown_s)
        self.warning_started.emit()

    def _cancel_warning(self) -> None:
        if not self.warning_active:
            return
        self._countdown.stop()
        self.overlay.stop()
        self.warning_cancelled.emit()
        self._arm()

    def _time_out(self) -> None:
        self.overlay.stop()
        self.timed_out.emit()  # then rest: the next touch starts the wait again
