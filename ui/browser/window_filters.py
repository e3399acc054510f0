"""While a live page exists, the kiosk's application-wide event filters watch the window instead.

PySide 6.11 crashes (a segmentation fault in ``getWrapperForQObject``) when an event for one
of QtWebEngine's Qt Quick items passes a Python event filter on the QApplication: making the
item's wrapper sets a property, whose event comes back through the same filter. The idle
watch and the kiosk guard are such filters. Moved onto the window's QWindow they still see
every touch, click and key the window gets (the platform delivers input there first), and
never the web view's inner items; when the live page is gone they go back to the application.
"""

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QWidget

from ui.idle import IdleWatcher
from ui.kiosk_mode import KioskGuard

APPLICATION_FILTERS = (IdleWatcher, KioskGuard)


class WindowFilters:
    """``onto_the_window`` as each live visit begins, ``back_to_the_application`` once it is
    destroyed: the filters go back only when no visit's page is left (one may still be
    waiting for deletion when the next begins)."""

    def __init__(self, window: QWidget) -> None:
        self.window = window
        self.moved: list[QObject] = []
        self.visits = 0

    def onto_the_window(self) -> None:
        self.visits += 1
        app, handle = QApplication.instance(), self.window.windowHandle()
        if app is None or handle is None or self.moved:
            return
        self.moved = [
            child for child in self.window.findChildren(QObject)
            if isinstance(child, APPLICATION_FILTERS)
        ]  # fmt: skip
        for watcher in self.moved:
            app.removeEventFilter(watcher)
            handle.installEventFilter(watcher)

    def back_to_the_application(self) -> None:
        self.visits = max(0, self.visits - 1)
        if self.visits or not shiboken6.isValid(self.window):
            return  # more pages live, or the window (and its filters) is being destroyed
        app, handle = QApplication.instance(), self.window.windowHandle()
        for watcher in self.moved:
            if handle is not None:
                handle.removeEventFilter(watcher)
            if app is not None:
                app.installEventFilter(watcher)
        self.moved = []
