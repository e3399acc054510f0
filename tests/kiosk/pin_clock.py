"""A supervisor PIN on a clock the test moves: the ``clock`` and ``pin`` fixtures (import
them into the test module)."""

from pathlib import Path

import pytest

from kiosk.auth import SupervisorPin

PIN = "482913"
WRONG = "111111"
CHEAP = 2**10  # the real N=2**17 takes ~0.4 s a hash


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def pin(data_dir: Path, clock: Clock) -> SupervisorPin:
    """PIN set, checked on ``clock``."""
    supervisor = SupervisorPin(data_dir, cost=CHEAP, clock=clock)
    supervisor.set(PIN)
    return supervisor
