"""Kiosk mode: the main window fills the screen and a resident cannot close it or leave it.

``KioskGuard.enable(window)`` shows the window frameless and full screen, swallows the keys
people use to get out (Escape, Alt+F4, Ctrl+W, Ctrl+Q, Alt+Tab, Alt+Shift+Tab, Alt+Space,
F11, the Windows/Super key and anything held with it) and refuses the window's close event
until a supervisor calls ``allow_exit()``. If the window is minimised it goes back full screen.
In Qt 6 ``QApplication.quit()`` first asks every window to close, so it too is refused until
``allow_exit()``: a supervisor's "close the kiosk" calls ``allow_exit()`` and then quits.

What Qt cannot stop, because the operating system takes these keys before any application
sees them: Ctrl+Alt+Del (Windows' secure attention sequence; on Linux, Ctrl+Alt+Backspace
and Ctrl+Alt+F1..F12 to change virtual terminals), and window-manager shortcuts such as
Alt+Tab or Super on most desktops. Those are locked down by the machine's kiosk set-up: a
kiosk user session with a single-app compositor (e.g. cage) or GNOME Kiosk on Linux, Assigned
Access or Shell Launcher with Keyboard Filter on Windows, and ``DontZap`` in X11.

``LongPress`` is how a supervisor gets in: held for 3 s on the council logo, it emits
``long_pressed``.
"""

import os

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QWindow
from PySide6.QtWidgets import QApplication, QWidget

Key = Qt.Key
Mod = Qt.KeyboardModifier
KEY_EVENTS = frozenset(
    {QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride}
)
ALWAYS_BLOCKED = frozenset(
    {Key.Key_Escape, Key.Key_F11, Key.Key_Meta, Key.Key_Super_L, Key.Key_Super_R, Key.Key_Menu}
)
WITH_CTRL = frozenset({Key.Key_W, Key.Key_Q, Key.Key_F4})
WITH_ALT = frozenset({Key.Key_F4, Key.Key_Tab, Key.Key_Backtab, Key.Key_Space})
HOLD_S = 3.0


def under_systemd() -> bool:
    """Whether a systemd unit runs the kiosk (packaging/linux/systemd): the unit starts it
    again whenever it ends, so leaving kiosk mode is not the app's to do."""
    return bool(os.environ.get("INVOCATION_ID"))


def is_exit_key(event: QKeyEvent) -> bool:
    """Whether ``event`` is one of the keys people press to leave a full-screen app."""
    key, mods = event.key(), event.modifiers()
    if key in ALWAYS_BLOCKED or mods & Mod.MetaModifier:
        return True
    if mods & Mod.ControlModifier and key in WITH_CTRL:
        return True
    return bool(mods & Mod.AltModifier) and key in WITH_ALT


class KioskGuard(QObject):
    """Keeps one top-level window full screen and open; ``windowed=True`` leaves it alone."""

    def __init__(self, windowed: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.windowed = windowed
        self.window: QWidget | None = None
        self._exit_allowed = False

    @property
    def locked(self) -> bool:
        """Whether keys are swallowed and closing refused right now."""
        return not self.windowed and not self._exit_allowed and self.window is not None

    def enable(self, window: QWidget) -> None:
        """Show ``window``: frameless and full screen, guarded; in a plain window if windowed."""
        self.window = window
        if self.windowed:
            window.show()
            return
        window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        window.installEventFilter(self)  # its close and state-change events
        app = QApplication.instance()
        if app is not None:  # key events go to the focused widget: watch them all
            app.installEventFilter(self)
        window.showFullScreen()

    def allow_exit(self) -> None:
        """A supervisor unlocked the kiosk: the window may now close or leave full screen."""
        self._exit_allowed = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.locked:
            return False
        kind = event.type()
        if kind in KEY_EVENTS:
            return self._swallow_key(watched, event)
        if watched is self.window:
            return self._guard_window(event)
        return False

    def _swallow_key(self, watched: QObject, event: QEvent) -> bool:
        if not (isinstance(event, QKeyEvent) and self._inside(watched) and is_exit_key(event)):
            return False
        event.accept()  # an accepted ShortcutOverride also stops any shortcut on the key
        return True

    def _inside(self, watched: QObject) -> bool:
        """Whether a key event for ``watched`` is meant for the guarded window."""
        if isinstance(watched, QWidget):
            return watched.window() is self.window
        if isinstance(watched, QWindow) and self.window is not None:
            return watched is self.window.windowHandle()
        return False

    def _guard_window(self, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Close:
            event.ignore()
            return True
        if kind == QEvent.Type.WindowStateChange and not self._full_screen():
            QTimer.singleShot(0, self._back_to_full_screen)
        return False

    def _full_screen(self) -> bool:
        return self.window is None or self.window.isFullScreen()

    def _back_to_full_screen(self) -> None:
        if self.locked and not self._full_screen() and self.window is not None:
            self.window.showFullScreen()


class LongPress(QObject):
    """Emits ``long_pressed`` once when ``widget`` is held for ``hold_s`` (a supervisor's way in).

    Lifting the finger, sliding off the widget or the widget hiding cancels the hold.
    """

    long_pressed = Signal()
    holding_changed = Signal(bool)  # so the widget can show it is being held

    def __init__(self, widget: QWidget, hold_s: float = HOLD_S) -> None:
        super().__init__(widget)
        self.widget = widget
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(max(1, round(hold_s * 1000)))
        self._timer.timeout.connect(self._held)
        widget.installEventFilter(self)

    def _held(self) -> None:
        self.holding_changed.emit(False)
        self.long_pressed.emit()

    @property
    def holding(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin):
            self._timer.start()
            self.holding_changed.emit(True)
        elif self._timer.isActive() and self._let_go(event):
            self._timer.stop()
            self.holding_changed.emit(False)
        return False

    def _let_go(self, event: QEvent) -> bool:
        kind = event.type()
        return kind in _LET_GO or (kind == QEvent.Type.MouseMove and self._slid_off(event))

    def _slid_off(self, event: QEvent) -> bool:
        if not isinstance(event, QMouseEvent):
            return False
        return not self.widget.rect().contains(event.position().toPoint())


_LET_GO = frozenset(
    {
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.TouchEnd,
        QEvent.Type.TouchCancel,
        QEvent.Type.Leave,
        QEvent.Type.Hide,
    }
)
