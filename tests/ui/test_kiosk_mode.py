"""Kiosk mode: the window stays open and full screen; a long press lets a supervisor in."""

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QLineEdit, QMainWindow
from pytestqt.qtbot import QtBot

from ui.kiosk_mode import KioskGuard, LongPress, is_exit_key

Key = Qt.Key
Mod = Qt.KeyboardModifier
HOLD_S = 0.15
ESCAPES = [
    (Key.Key_Escape, Mod.NoModifier),
    (Key.Key_F4, Mod.AltModifier),
    (Key.Key_Q, Mod.ControlModifier),
    (Key.Key_W, Mod.ControlModifier),
    (Key.Key_Tab, Mod.AltModifier),
    (Key.Key_Backtab, Mod.AltModifier | Mod.ShiftModifier),
    (Key.Key_F11, Mod.NoModifier),
    (Key.Key_Meta, Mod.MetaModifier),
]


def make_window(qtbot: QtBot, guard: KioskGuard) -> QMainWindow:
    window = QMainWindow()
    window.setCentralWidget(QLineEdit())
    qtbot.addWidget(window, before_close_func=lambda _: guard.allow_exit())
    with qtbot.waitActive(window):  # window shortcuts only fire in the active window
        guard.enable(window)
        window.activateWindow()
    return window


@pytest.fixture
def guarded(qtbot: QtBot) -> tuple[KioskGuard, QMainWindow]:
    guard = KioskGuard()
    return guard, make_window(qtbot, guard)


def press(key: Key, mods: Mod) -> QKeyEvent:
    return QKeyEvent(QEvent.Type.KeyPress, key, mods)


@pytest.mark.parametrize(("key", "mods"), ESCAPES)
def test_escape_keys_are_recognised(key: Key, mods: Mod) -> None:
    assert is_exit_key(press(key, mods))


@pytest.mark.parametrize(
    ("key", "mods"),
    [(Key.Key_A, Mod.NoModifier), (Key.Key_Q, Mod.NoModifier), (Key.Key_Tab, Mod.NoModifier)],
)
def test_ordinary_keys_are_not(key: Key, mods: Mod) -> None:
    assert not is_exit_key(press(key, mods))


def test_enabled_the_window_is_frameless_and_full_screen(
    guarded: tuple[KioskGuard, QMainWindow],
) -> None:
    guard, window = guarded
    assert window.isFullScreen()
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert guard.locked


@pytest.mark.parametrize(("key", "mods"), ESCAPES[:3])
def test_escape_keys_do_not_close_the_window(
    qtbot: QtBot, guarded: tuple[KioskGuard, QMainWindow], key: Key, mods: Mod
) -> None:
    _, window = guarded
    closed: list[bool] = []
    for sequence in ("Ctrl+Q", "Esc", "Alt+F4"):  # as an app's own shortcuts would
        QShortcut(QKeySequence(sequence), window).activated.connect(lambda: closed.append(True))
    qtbot.keyClick(window.centralWidget(), key, mods)
    qtbot.keyClick(window, key, mods)
    assert window.isVisible()
    assert closed == []


def test_typing_still_works(qtbot: QtBot, guarded: tuple[KioskGuard, QMainWindow]) -> None:
    _, window = guarded
    edit = window.centralWidget()
    assert isinstance(edit, QLineEdit)
    qtbot.keyClicks(edit, "SW1A 1AA")
    assert edit.text() == "SW1A 1AA"


def test_close_is_refused_until_a_supervisor_allows_it(
    guarded: tuple[KioskGuard, QMainWindow],
) -> None:
    guard, window = guarded
    assert window.close() is False
    assert window.isVisible()
    guard.allow_exit()
    assert window.close() is True
    assert not window.isVisible()


def test_minimised_it_goes_back_to_full_screen(
    qtbot: QtBot, guarded: tuple[KioskGuard, QMainWindow]
) -> None:
    _, window = guarded
    window.showMinimized()
    qtbot.waitUntil(window.isFullScreen, timeout=1000)


def test_windowed_leaves_keys_and_closing_alone(qtbot: QtBot) -> None:
    guard = KioskGuard(windowed=True)
    window = make_window(qtbot, guard)
    escaped: list[bool] = []
    QShortcut(QKeySequence("Esc"), window).activated.connect(lambda: escaped.append(True))
    assert not window.isFullScreen()
    assert not guard.locked
    qtbot.keyClick(window.centralWidget(), Key.Key_Escape)
    assert escaped == [True]
    assert window.close() is True


@pytest.fixture
def logo(qtbot: QtBot) -> QLabel:
    label = QLabel("Council logo")
    label.resize(200, 100)
    qtbot.addWidget(label)
    with qtbot.waitExposed(label):
        label.show()
    return label


def test_long_press_emits_after_the_hold(qtbot: QtBot, logo: QLabel) -> None:
    long_press = LongPress(logo, hold_s=HOLD_S)
    with qtbot.waitSignal(long_press.long_pressed, timeout=1000):
        qtbot.mousePress(logo, Qt.MouseButton.LeftButton)
    qtbot.mouseRelease(logo, Qt.MouseButton.LeftButton)


def test_a_short_click_is_not_a_long_press(qtbot: QtBot, logo: QLabel) -> None:
    long_press = LongPress(logo, hold_s=HOLD_S)
    with qtbot.assertNotEmitted(long_press.long_pressed, wait=int(HOLD_S * 1000) * 2):
        qtbot.mouseClick(logo, Qt.MouseButton.LeftButton)
    assert not long_press.holding


def test_default_hold_is_three_seconds(logo: QLabel) -> None:
    assert LongPress(logo)._timer.interval() == 3000
