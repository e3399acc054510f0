"""A PIN record that is not the kiosk's own private file is refused, with what to do, at once;
a check that cannot take the lock, or is killed halfway, never gives a free guess."""

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.auth import LOCK_AFTER, SupervisorPin
from kiosk.errors import KioskError

PIN = "482913"
WRONG = "111111"
CHEAP = 2**10
posix = pytest.mark.skipif(sys.platform == "win32", reason="POSIX files and modes")
as_root = pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() != 0, reason="gives the file to another user"
)


@pytest.fixture
def pin(data_dir: Path) -> SupervisorPin:
    made = SupervisorPin(data_dir, cost=CHEAP)
    made.set(PIN)
    return made


def symlink_to_a_copy(path: Path) -> None:
    copy = path.with_name("elsewhere.json")
    path.rename(copy)
    path.symlink_to(copy)


def a_pipe(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def a_folder(path: Path) -> None:
    path.unlink()
    path.mkdir()


def readable_by_all(path: Path) -> None:
    path.chmod(0o644)


def writable_by_the_group(path: Path) -> None:
    path.chmod(0o620)


def huge(path: Path) -> None:
    path.write_text(" " * 10_000_000 + path.read_text())


def change(**fields: object) -> Callable[[Path], None]:
    def rewrite(path: Path) -> None:
        path.write_text(json.dumps({**json.loads(path.read_text()), **fields}))

    rewrite.__name__ = "record_with_" + "_".join(f"{k}_{v}" for k, v in fields.items())
    return rewrite


REPLACEMENTS = [
    (symlink_to_a_copy, "is a symbolic link, not the kiosk's own file"),
    (a_pipe, "is not a regular file"),
    (a_folder, "is not a regular file"),
    (readable_by_all, r"is open to other users \(mode 0644\).*chmod 600"),
    (writable_by_the_group, r"is open to other users \(mode 0620\)"),
    (huge, "is damaged"),
    (change(n=2**20, r=32), "is damaged"),  # would ask scrypt for 4 GiB
    (change(n=2**17, p=16), "is damaged"),  # sixteen times the work of a check
    (change(version=2), "is damaged"),
]


@posix
@pytest.mark.parametrize(
    ("replace", "refusal"), REPLACEMENTS, ids=lambda v: getattr(v, "__name__", "")
)
def test_a_replaced_pin_file_is_refused_at_once(
    pin: SupervisorPin, replace: Callable[[Path], None], refusal: str
) -> None:
    replace(pin.pin_file)
    started = time.monotonic()
    with pytest.raises(KioskError, match=refusal) as refused:
        pin.check(PIN)
    assert time.monotonic() - started < 2  # no pipe waited on, no gigabytes hashed
    assert str(pin.pin_file) in str(refused.value)
    assert "kiosk supervisor set-pin --reset" in str(refused.value)
    assert pin.is_set()  # so the touchscreen says this, not "no PIN is set"


@as_root
def test_a_pin_file_of_another_user_is_refused(pin: SupervisorPin) -> None:
    os.chown(pin.pin_file, 4242, 4242)
    with pytest.raises(KioskError, match=r"belongs to another user \(uid 4242\)"):
        pin.check(PIN)


@posix
@pytest.mark.parametrize("command", [["status"], ["set-pin", "--pin-stdin"]])
@pytest.mark.parametrize("replace", [a_pipe, symlink_to_a_copy, readable_by_all])
def test_the_command_says_what_is_wrong_with_the_file(
    pin: SupervisorPin, command: list[str], replace: Callable[[Path], None]
) -> None:
    replace(pin.pin_file)
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "--data-dir", str(pin.data_dir), "supervisor", *command],
        input=f"{PIN}\n975310\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr.startswith(f"error: the supervisor PIN file {pin.pin_file} ")
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1


HOLD = """
import sys, time
from pathlib import Path
from kiosk.pin_turn import pin_turn
with pin_turn(Path(sys.argv[1]), 5):
    print("holding", flush=True)
    time.sleep(120)
"""


@posix
def test_a_check_waits_for_a_stuck_holder_then_refuses_and_counts_nothing(
    pin: SupervisorPin,
) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(pin.data_dir)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == "holding\n"
        holder.send_signal(signal.SIGSTOP)  # a process stopped while it checks a PIN
        impatient = SupervisorPin(pin.data_dir, cost=CHEAP, wait_s=0.5)
        with pytest.raises(KioskError, match=r"another supervisor PIN check has held .* 0.5 s"):
            impatient.check(WRONG)
        assert pin.failures() == 0
        holder.kill()  # the lock goes with it, even on SIGKILL
        holder.wait(timeout=10)
        assert not impatient.check(WRONG)
        assert pin.failures() == 1
    finally:
        holder.kill()
        holder.wait(timeout=10)
        assert holder.stdout is not None
        holder.stdout.close()


CHECK_SLOWLY = """
import sys
from pathlib import Path
from kiosk.auth import SupervisorPin
SupervisorPin(Path(sys.argv[1])).check(sys.argv[2])
"""


@posix
@pytest.mark.parametrize("guess", [WRONG, PIN])
def test_a_check_killed_while_it_hashes_still_counts(data_dir: Path, guess: str) -> None:
    SupervisorPin(data_dir).set(PIN)  # the real cost: about half a second a hash
    pin = SupervisorPin(data_dir)
    for _ in range(LOCK_AFTER - 2):
        assert not pin.check(WRONG)
    checker = subprocess.Popen([sys.executable, "-c", CHECK_SLOWLY, str(data_dir), guess])
    deadline = time.monotonic() + 30
    while pin.failures() < LOCK_AFTER - 1 and time.monotonic() < deadline:
        time.sleep(0.005)
    checker.kill()  # before it can say whether the PIN was right
    assert checker.wait(timeout=10) == -signal.SIGKILL
    assert pin.failures() == LOCK_AFTER - 1


@posix
@pytest.mark.parametrize(
    "replace", [symlink_to_a_copy, a_pipe, readable_by_all, huge, change(n=2**20, r=32)]
)
def test_setting_the_pin_again_puts_a_private_record_in_its_place(
    pin: SupervisorPin, replace: Callable[[Path], None]
) -> None:
    replace(pin.pin_file)
    pin.set("975310")  # what set-pin --reset does
    assert not pin.pin_file.is_symlink()
    assert pin.pin_file.stat().st_mode & 0o777 == 0o600
    assert pin.check("975310")


def test_a_first_pin_never_replaces_one_set_meanwhile(data_dir: Path) -> None:
    SupervisorPin(data_dir, cost=CHEAP).set(PIN)  # by someone else, while this one was typed
    with pytest.raises(KioskError, match="a supervisor PIN was set while this one was typed"):
        SupervisorPin(data_dir, cost=CHEAP).set("975310", first=True)
    assert SupervisorPin(data_dir, cost=CHEAP).check(PIN)
