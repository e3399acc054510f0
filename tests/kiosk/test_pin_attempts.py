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
from tests.kiosk.pin_clock import PIN, WRONG, Clock, clock, pin

__all__ = ["clock", "pin"]  # fixtures

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
        if not path.is_dir():
            path.write_text(fresh)


def put_back_copies_from_before_the_guesses(data_dir: Path, before: Path) -> None:
    delete_every_other_file(data_dir, before)
    for path in before.iterdir():
        if path.is_dir():
            shutil.copytree(path, data_dir / path.name)
        elif path.name != PIN_FILE:
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
    # what a data folder holds beside the record: the log, a lock file from an older kiosk,
    # the catalog's check cache; each a place a reset count could be hidden in
    (data_dir / "contacts.db").write_bytes(b"")
    (data_dir / "supervisor-lock.json").write_text(json.dumps({"failures": 0, "locked_until": 0}))
    (data_dir / "catalog-checks").mkdir()
    (data_dir / "catalog-checks" / "configured.json").write_text("{}")
    assert _others(data_dir), "nothing beside the record to tamper with"
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


# -- a count set by hand -------------------------------------------------------------------


def write_count(pin: SupervisorPin, failures: str, locked_until: str) -> None:
    """Rewrite the record's count as raw JSON text, as someone editing the file would."""
    record = json.loads(pin.pin_file.read_text())
    record["failures"], record["locked_until"] = "F", "U"
    text = json.dumps(record).replace('"F"', failures).replace('"U"', locked_until)
    pin.pin_file.write_text(text)


@pytest.mark.parametrize(
    ("failures", "locked_until"),
    [
        ("0", "1e12"),  # the far future: a lock for ever
        ("0", str(10**400)),  # beyond any float
        ("0", "NaN"),
        ("0", "Infinity"),
        ("0", "-Infinity"),
        ('"3"', "0"),
        ("-1", "0"),
        ("true", "0"),
        ("1.5", "0"),
        ("null", "null"),
        (str(10**9), "0"),  # past the limit with no lock
    ],
)
def test_a_count_set_by_hand_locks_for_five_minutes_then_opens(
    pin: SupervisorPin, clock: Clock, failures: str, locked_until: str
) -> None:
    write_count(pin, failures, locked_until)
    assert pin.locked_for() == LOCK_SECONDS
    clock.now += LOCK_SECONDS - 1
    with pytest.raises(LockedOut, match="try again in 1 s"):
        pin.check(PIN)
    clock.now += 1
    assert pin.check(PIN)
    assert pin.failures() == 0


def test_a_lock_set_in_the_far_past_keeps_the_count(pin: SupervisorPin) -> None:
    write_count(pin, str(LOCK_AFTER - 1), "-1e12")
    assert pin.locked_for() == 0
    assert not pin.check(WRONG)
    assert pin.locked_for() == LOCK_SECONDS


@pytest.mark.parametrize("shift", [-86_400.0, -LOCK_SECONDS * 10.0, 86_400.0 * 365])
def test_moving_the_clock_between_guesses_keeps_the_count(
    pin: SupervisorPin, clock: Clock, shift: float
) -> None:
    for _ in range(LOCK_AFTER - 1):
        assert not pin.check(WRONG)
        clock.now += shift  # wrong PINs count in a row, not within a time
    assert not pin.check(WRONG)
    with pytest.raises(LockedOut, match="try again in 5 min"):
        pin.check(PIN)


def test_an_older_kiosk_s_count_is_carried_over_and_its_file_removed(
    pin: SupervisorPin,
) -> None:
    record = json.loads(pin.pin_file.read_text())
    del record["failures"], record["locked_until"]  # as an earlier kiosk wrote it
    pin.pin_file.write_text(json.dumps(record))
    pin.lock_file.write_text(json.dumps({"failures": LOCK_AFTER - 2, "locked_until": 0}))
    assert pin.failures() == LOCK_AFTER - 2
    assert guesses_until_locked(pin, lambda: None) == 2
    assert not pin.lock_file.exists()


def test_an_old_lock_file_in_the_way_keeps_the_area_shut(pin: SupervisorPin) -> None:
    pin.lock_file.mkdir()
    with pytest.raises(KioskError, match=r"supervisor-lock.json \(an old supervisor PIN count\)"):
        pin.check(PIN)
    pin.lock_file.rmdir()
    with pytest.raises(LockedOut):  # it was unreadable, so it locked
        pin.check(PIN)
