"""``kiosk supervisor set-pin`` replaces a PIN only for someone who knows it, or who resets it as
the kiosk's own user at its terminal (logged): real ``kiosk`` processes, real terminals."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.auth import LOCK_AFTER, LockedOut, SupervisorPin
from kiosk.logs import LOG_FILE_NAME
from kiosk.pin_record import parse_hash
from tests.kiosk.cli.pin_terminal import Terminal

OLD = "482913"
NEW = "975310"
CHEAP = 2**10  # the PIN set here hashes cheaply; what the command sets uses the real cost
KIOSK_UID = 4242
FULL_WIDTH = "".join(chr(0xFF10 + int(digit)) for digit in OLD)  # looks like OLD on screen

needs_root = pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() != 0, reason="runs the command as another user"
)
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals")


@pytest.fixture
def pin(data_dir: Path) -> SupervisorPin:
    made = SupervisorPin(data_dir, cost=CHEAP)
    made.set(OLD)
    return made


def kiosk(data_dir: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "--data-dir", str(data_dir), "supervisor", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def still(pin: SupervisorPin, expected: str) -> bool:
    return SupervisorPin(pin.data_dir, cost=CHEAP).check(expected)


def test_on_a_terminal_the_current_pin_is_asked_first(pin: SupervisorPin) -> None:
    terminal = Terminal(["--data-dir", str(pin.data_dir), "supervisor", "set-pin"])
    terminal.expect("Current supervisor PIN")
    terminal.type(OLD)
    terminal.expect("New supervisor PIN")
    terminal.type(NEW)
    terminal.expect("Type it again")
    terminal.type(NEW)
    code, shown = terminal.finish()
    assert (code, shown.splitlines()[-1]) == (0, "Supervisor PIN changed.")
    assert OLD not in shown
    assert NEW not in shown
    assert still(pin, NEW)
    assert not still(pin, OLD)


def test_on_a_terminal_a_wrong_current_pin_stops_before_the_new_one(pin: SupervisorPin) -> None:
    terminal = Terminal(["--data-dir", str(pin.data_dir), "supervisor", "set-pin"])
    terminal.expect("Current supervisor PIN")
    terminal.type("000000")
    code, shown = terminal.finish()
    assert code == 1
    assert "New supervisor PIN" not in shown
    assert "error: that is not the current supervisor PIN, so it was not changed" in shown
    assert f"({LOCK_AFTER - 1} tries left before a 5 min lock)" in shown
    assert pin.failures() == 1
    assert still(pin, OLD)


@pytest.mark.parametrize(
    "current",
    ["000000", "", OLD + "0", " " + OLD, OLD[:-1], FULL_WIDTH, OLD + "\x00", "9" * 5000],
)
def test_a_script_without_the_current_pin_changes_nothing(
    pin: SupervisorPin, current: str
) -> None:
    done = kiosk(pin.data_dir, "set-pin", "--pin-stdin", stdin=f"{current}\n{NEW}\n")
    assert done.returncode == 1
    assert done.stderr.startswith("error: that is not the current supervisor PIN")
    assert "Traceback" not in done.stderr
    assert NEW not in done.stdout + done.stderr
    assert pin.failures() == 1
    assert still(pin, OLD)


def test_a_script_with_the_current_pin_changes_it(pin: SupervisorPin) -> None:
    done = kiosk(pin.data_dir, "set-pin", "--pin-stdin", stdin=f"{OLD}\n{NEW}\n")
    assert (done.returncode, done.stdout, done.stderr) == (0, "Supervisor PIN changed.\n", "")
    assert still(pin, NEW)


def test_a_badly_formed_new_pin_costs_no_guess(pin: SupervisorPin) -> None:
    done = kiosk(pin.data_dir, "set-pin", "--pin-stdin", stdin="000000\n12ab\n")
    assert done.returncode == 1
    assert "at least 6 digits" in done.stderr
    assert pin.failures() == 0


def test_set_pin_cannot_be_used_to_guess_past_the_lock(pin: SupervisorPin) -> None:
    for guess in range(LOCK_AFTER):
        done = kiosk(pin.data_dir, "set-pin", "--pin-stdin", stdin=f"{guess:06}\n{NEW}\n")
        assert done.returncode == 1
    assert "the supervisor area is now locked for 5 min" in done.stderr
    done = kiosk(pin.data_dir, "set-pin", "--pin-stdin", stdin=f"{OLD}\n{NEW}\n")
    assert done.returncode == 1
    assert "locked after 5 wrong PINs in a row; try again in" in done.stderr
    with pytest.raises(LockedOut):  # the touchscreen is locked too
        pin.check(OLD)


@pytest.mark.parametrize(
    ("args", "stdin", "refusal"),
    [
        (["--reset"], f"{NEW}\n{NEW}\n", "--reset needs a person at a terminal"),
        (["--reset", "--pin-stdin"], f"{NEW}\n", "--reset reads the new PIN on the terminal"),
        (["--reset"], "", "--reset needs a person at a terminal"),
    ],
)
def test_a_reset_from_a_script_is_refused(
    pin: SupervisorPin, args: list[str], stdin: str, refusal: str
) -> None:
    done = kiosk(pin.data_dir, "set-pin", *args, stdin=stdin)
    assert done.returncode == 1
    assert done.stderr.startswith(f"error: {refusal}")
    assert still(pin, OLD)


def test_a_reset_at_the_terminal_is_logged_without_the_pin(
    pin: SupervisorPin, tmp_path: Path
) -> None:
    for _ in range(LOCK_AFTER):
        pin.check("000000")  # the reset is for a PIN that is lost, lock or not
    terminal = Terminal(["--data-dir", str(pin.data_dir), "supervisor", "set-pin", "--reset"])
    terminal.expect("New supervisor PIN")
    terminal.type(NEW)
    terminal.expect("Type it again")
    terminal.type(NEW)
    code, shown = terminal.finish()
    assert code == 0, shown
    assert "Supervisor PIN reset (the reset is written to the kiosk's log)." in shown
    assert still(pin, NEW)
    log = (tmp_path / "logs" / LOG_FILE_NAME).read_text(encoding="utf-8")
    assert "WARNING kiosk.cli.supervisor: supervisor PIN reset without the current one, by " in log
    assert "root (uid 0) on /dev/pts/" in log
    assert NEW not in log + shown
    assert OLD not in log + shown


@pytest.fixture
def shared() -> Iterator[Path]:
    """A folder another user can reach (this test's own tmp_path is root's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="kiosk-pin-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder)


def as_the_kiosk_user(shared: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name, path in [
        ("KIOSK_LOG_DIR", "logs"),
        ("KIOSK_SYSTEM_CONFIG", "no-system-config.toml"),
        ("XDG_CONFIG_HOME", "xdg-config"),
        ("XDG_STATE_HOME", "xdg-state"),
        ("XDG_DATA_HOME", "xdg-data"),
        ("HOME", "home"),
    ]:
        (shared / path).parent.mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(name, str(shared / path))
    (shared / "logs").mkdir()
    os.chown(shared / "logs", KIOSK_UID, KIOSK_UID)
    return shared / "logs" / LOG_FILE_NAME


@needs_root
def test_a_reset_by_another_user_is_refused(shared: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    as_the_kiosk_user(shared, monkeypatch)
    data_dir = shared / "data"
    SupervisorPin(data_dir, cost=CHEAP).set(OLD)  # root's own kiosk
    data_dir.chmod(0o755)  # so that the other user can see who owns it
    terminal = Terminal(
        ["--data-dir", str(data_dir), "supervisor", "set-pin", "--reset"], uid=KIOSK_UID
    )
    code, shown = terminal.finish()
    assert code == 1
    assert (
        f"error: --reset is only for root or the kiosk's own user ('root', who owns {data_dir}); "
        f"you are '{KIOSK_UID}'"
    ) in shown.replace("\n", "")
    assert SupervisorPin(data_dir, cost=CHEAP).check(OLD)


@needs_root
def test_the_kiosk_s_own_user_may_reset_at_its_terminal(
    shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log_file = as_the_kiosk_user(shared, monkeypatch)
    data_dir = shared / "data"
    data_dir.mkdir(mode=0o700)
    os.chown(data_dir, KIOSK_UID, KIOSK_UID)
    terminal = Terminal(
        ["--data-dir", str(data_dir), "supervisor", "set-pin", "--reset"], uid=KIOSK_UID
    )
    terminal.expect("New supervisor PIN")
    terminal.type(NEW)
    terminal.expect("Type it again")
    terminal.type(NEW)
    code, shown = terminal.finish()
    assert code == 0, shown
    record = data_dir / "supervisor-pin.json"
    assert record.stat().st_uid == KIOSK_UID
    assert parse_hash(json.loads(record.read_text()), record).matches(NEW)
    assert f"by {KIOSK_UID} (uid {KIOSK_UID}) on /dev/pts/" in log_file.read_text()
