"""The idle watcher: warn after a quiet spell, clear after the countdown, touch cancels."""

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QPushButton
from pytestqt.qtbot import QtBot

from kiosk.config import load_config
from ui.idle import IdleWatcher

TIMEOUT_S = 0.2
COUNTDOWN_S = 0.3


@pytest.fixture
def window(qtbot: QtBot) -> QMainWindow:
    main = QMainWindow()
    main.setCentralWidget(QLabel("Start"))
    main.resize(640, 400)
    qtbot.addWidget(main)
    with qtbot.waitExposed(main):
        main.show()
    return main


@pytest.fixture
def watcher(window: QMainWindow, qapp: QApplication) -> Iterator[IdleWatcher]:
    idle = IdleWatcher(TIMEOUT_S, COUNTDOWN_S, parent_widget=window)
    idle.install(qapp)
    yield idle
    idle.uninstall(qapp)


def test_no_activity_warns_then_times_out(qtbot: QtBot, watcher: IdleWatcher) -> None:
    with qtbot.waitSignal(watcher.warning_started, timeout=1000):
        pass
    assert watcher.overlay.isVisible()
    assert watcher.overlay.geometry() == watcher.overlay.parentWidget().rect()
    assert "The screen will clear in 1 second" in watcher.overlay.countdown.text()
    with qtbot.waitSignal(watcher.timed_out, timeout=1000):
        pass
    assert not watcher.overlay.isVisible()
    assert not watcher.waiting  # resting until somebody touches the screen


def test_pressing_the_button_cancels_the_countdown(qtbot: QtBot, watcher: IdleWatcher) -> None:
    qtbot.waitSignal(watcher.warning_started, timeout=1000).wait()
    with qtbot.waitSignal(watcher.warning_cancelled, timeout=500):
        qtbot.mouseClick(watcher.overlay.button, Qt.MouseButton.LeftButton)
    assert not watcher.overlay.isVisible()
    assert watcher.waiting
    with qtbot.assertNotEmitted(watcher.timed_out, wait=int(COUNTDOWN_S * 1000) + 50):
        qtbot.mouseClick(watcher.overlay.parentWidget(), Qt.MouseButton.LeftButton)


def test_the_touch_that_answers_does_not_press_what_is_underneath(
    qtbot: QtBot, watcher: IdleWatcher, window: QMainWindow
) -> None:
    under = QPushButton("Print")
    window.setCentralWidget(under)
    pressed: list[bool] = []
    under.clicked.connect(lambda: pressed.append(True))
    qtbot.waitSignal(watcher.warning_started, timeout=1000).wait()
    button = watcher.overlay.button
    where = button.mapTo(window, button.rect().center())
    assert window.childAt(where) is not under  # the overlay covers it...
    handle = window.windowHandle()  # ...and the events come as the screen sends them
    with qtbot.waitSignal(watcher.warning_cancelled, timeout=500):
        QTest.mousePress(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, where)
    QTest.mouseRelease(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, where)
    assert pressed == []
    assert window.childAt(where) is under
    qtbot.mouseClick(under, Qt.MouseButton.LeftButton)  # the next touch is an ordinary one
    assert pressed == [True]


def test_the_button_is_big_and_named(qtbot: QtBot, watcher: IdleWatcher) -> None:
    qtbot.waitSignal(watcher.warning_started, timeout=1000).wait()
    button = watcher.overlay.button
    assert button.width() >= 48
    assert button.height() >= 48
    assert button.accessibleName() == "I'm still here"
    assert watcher.overlay.message.text() == "Are you still there?"


def test_a_key_press_cancels_the_countdown(
    qtbot: QtBot, watcher: IdleWatcher, window: QMainWindow
) -> None:
    qtbot.waitSignal(watcher.warning_started, timeout=1000).wait()
    with qtbot.waitSignal(watcher.warning_cancelled, timeout=500):
        qtbot.keyClick(window, Qt.Key.Key_A)
    with qtbot.assertNotEmitted(watcher.timed_out, wait=int(COUNTDOWN_S * 1000) + 50):
        qtbot.keyClick(window, Qt.Key.Key_A)  # keeps it from warning again meanwhile


def test_activity_before_the_timeout_postpones_the_warning(
    qtbot: QtBot, watcher: IdleWatcher, window: QMainWindow
) -> None:
    with qtbot.assertNotEmitted(watcher.warning_started, wait=0):
        for _ in range(4):  # 0.4 s in all, twice the timeout, never 0.2 s quiet
            qtbot.wait(int(TIMEOUT_S * 1000) // 2)
            qtbot.mouseClick(window.centralWidget(), Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(watcher.warning_started, timeout=1000):
        pass


def test_a_touch_after_timing_out_starts_the_wait_again(
    qtbot: QtBot, watcher: IdleWatcher, window: QMainWindow
) -> None:
    qtbot.waitSignal(watcher.timed_out, timeout=2000).wait()
    qtbot.mouseClick(window.centralWidget(), Qt.MouseButton.LeftButton)
    assert watcher.waiting
    qtbot.waitSignal(watcher.warning_started, timeout=1000).wait()


def test_paused_it_never_warns(qtbot: QtBot, watcher: IdleWatcher) -> None:
    watcher.pause()
    with qtbot.assertNotEmitted(watcher.warning_started, wait=int(TIMEOUT_S * 1000) * 2):
        pass
    watcher.resume()
    qtbot.waitSignal(watcher.warning_started, timeout=1000).wait()


def test_timeout_comes_from_the_config(window: QMainWindow) -> None:
    config = load_config(overrides={"idle_timeout_s": "45"})
    idle = IdleWatcher.from_config(config, parent_widget=window)
    assert (idle.timeout_s, idle.countdown_s) == (45, 15)
