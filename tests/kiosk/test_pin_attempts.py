"""Wrong supervisor PINs are counted once each, by real processes at once, whatever is done to
the files beside the PIN record between guesses."""

import json
import multiprocessing
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.auth import LOCK_AFTER, LOCK_SECONDS, PIN_FILE, LockedOut, SupervisorPin
from kiosk.errors import KioskError

PIN = "482913"
WRONG = "111111"
RACE_COST = 2**14  # ~30 ms a hash: long enough for twelve checks to overlap
CHECKERS = 12


def guesses_until_locked(pin: SupervisorPin, between: Callable[[], None]) -> int:
    """How many wrong PINs are answered, doing ``between`` after each, before the lock."""
    for guesses in range(3 * LOCK_AFTER):
        try:
            assert not pin.check(WRONG)
        except LockedOut:
            return guesses
        between()
    return 3 * LOCK_AFTER


def _others(data_dir: Path) -> list[Path]:
    return [path for path in data_dir.iterdir() if path.name != PIN_FILE]


def delete_every_other_file(data_dir: Path, _: Path) -> None:
    for path in _others(data_dir):
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()


def write_a_fresh_count_beside_it(data_dir: Path, _: Path) -> None:
    fresh = json.dumps({"failures": 0, "locked_until": 0})
    for path in [*_others(data_dir), data_dir / "supervisor-lock.json"]:
        path.write_text(fresh)


def put_back_copies_from_before_the_guesses(data_dir: Path, before: Path) -> None:
    delete_every_other_file(data_dir, before)
    for path in before.iterdir():
        if path.name != PIN_FILE:
            shutil.copy2(path, data_dir / path.name)


def make_every_other_file_unreadable(data_dir: Path, _: Path) -> None:
    for path in _others(data_dir):
        path.chmod(0)


@pytest.mark.parametrize(
    "tamper",
    [
        delete_every_other_file,
        write_a_fresh_count_beside_it,
        put_back_copies_from_before_the_guesses,
        make_every_other_file_unreadable,
    ],
)
def test_tampering_beside_the_pin_record_never_resets_the_count(
    data_dir: Path, tmp_path: Path, tamper: Callable[[Path, Path], None]
) -> None:
    pin = SupervisorPin(data_dir, cost=2**10)
    pin.set(PIN)
    before = tmp_path / "before"
    shutil.copytree(data_dir, before)
    assert guesses_until_locked(pin, lambda: tamper(data_dir, before)) == LOCK_AFTER
    assert pin.locked_for() > LOCK_SECONDS - 5


def _check_at_once(
    data_dir: str,
    start: "multiprocessing.synchronize.Barrier",
    verdicts: "multiprocessing.Queue[str]",
) -> None:
    pin = SupervisorPin(Path(data_dir), cost=RACE_COST)
    start.wait()
    try:
        verdicts.put("right" if pin.check(WRONG) else "wrong")
    except LockedOut:
        verdicts.put("locked")
    except KioskError as exc:
        verdicts.put(f"error: {exc}")


def test_twelve_processes_at_once_get_five_verdicts_then_the_lock(data_dir: Path) -> None:
    pin = SupervisorPin(data_dir, cost=RACE_COST)
    pin.set(PIN)
    spawn = multiprocessing.get_context("spawn")
    start, verdicts = spawn.Barrier(CHECKERS), spawn.Queue()
    checkers = [
        spawn.Process(target=_check_at_once, args=(str(data_dir), start, verdicts))
        for _ in range(CHECKERS)
    ]
    for checker in checkers:
        checker.start()
    said = sorted(verdicts.get(timeout=60) for _ in checkers)
    for checker in checkers:
        checker.join(timeout=10)
    assert said == ["locked"] * (CHECKERS - LOCK_AFTER) + ["wrong"] * LOCK_AFTER
    assert pin.locked_for() > LOCK_SECONDS - 10
    with pytest.raises(LockedOut):
        pin.check(PIN)
