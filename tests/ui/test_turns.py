"""Work in small steps, one per turn of the event loop, waiting for a thread without blocking."""

import threading

from pytestqt.qtbot import QtBot

from ui.turns import NOT_YET, Turns


def test_a_step_waiting_for_a_thread_holds_the_next_steps_but_not_the_event_loop(
    qtbot: QtBot,
) -> None:
    turns, done, order = Turns(), threading.Event(), []
    worker = threading.Thread(target=lambda: done.wait(5))
    worker.start()
    turns.run([lambda: None if not worker.is_alive() else NOT_YET, lambda: order.append("after")])
    qtbot.wait(50)
    assert order == []
    assert turns.busy
    done.set()
    with qtbot.waitSignal(turns.done, timeout=2000):
        pass
    assert order == ["after"]


def test_finish_now_waits_for_the_thread_then_does_the_rest(qtbot: QtBot) -> None:
    turns, order = Turns(), []
    worker = threading.Thread(target=lambda: threading.Event().wait(0.1))
    worker.start()
    turns.run(
        [
            lambda: NOT_YET if worker.is_alive() else order.append("waited"),
            lambda: order.append("rest"),
        ]
    )
    turns.finish_now()
    assert order == ["waited", "rest"]
    assert not turns.busy
