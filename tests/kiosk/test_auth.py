import io
import json
import logging
import stat
import sys
from functools import partial
from pathlib import Path

import pytest
from click.testing import CliRunner

from kiosk.auth import LOCK_AFTER, LOCK_SECONDS, LockedOut, PinNotSetError, SupervisorPin
from kiosk.cli.main import cli
from kiosk.errors import KioskError
from tests.kiosk.cli.test_catalog_commands import run
from tests.kiosk.pin_clock import CHEAP, PIN, WRONG, Clock, clock, pin

__all__ = ["clock", "pin"]  # fixtures


@pytest.fixture
def cheap_cli(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI hashes at the test cost (the real parameters are tested once, above)."""
    monkeypatch.setattr("kiosk.cli.supervisor.SupervisorPin", partial(SupervisorPin, cost=CHEAP))


def lock(pin: SupervisorPin) -> None:
    for _ in range(LOCK_AFTER):
        assert not pin.check(WRONG)


def test_set_and_check(data_dir: Path) -> None:
    supervisor = SupervisorPin(data_dir, cost=CHEAP)
    assert not supervisor.is_set()
    with pytest.raises(PinNotSetError, match="kiosk supervisor set-pin"):
        supervisor.check(PIN)
    supervisor.set(PIN)
    assert supervisor.is_set()
    assert supervisor.check(PIN)
    assert not supervisor.check(WRONG)
    assert not supervisor.check(PIN + "0")
    assert not supervisor.check("")


def test_the_real_owasp_parameters_are_stored_and_verify(data_dir: Path) -> None:
    supervisor = SupervisorPin(data_dir)
    supervisor.set(PIN)
    stored = json.loads(supervisor.pin_file.read_text())
    assert (stored["algorithm"], stored["n"], stored["r"], stored["p"]) == ("scrypt", 131072, 8, 1)
    assert supervisor.check(PIN)


@pytest.mark.parametrize("bad", ["12345", "", "12a456", "1234 56", "١٢٣٤٥٦", "+123456"])
def test_short_or_non_digit_pins_are_refused_without_echo(data_dir: Path, bad: str) -> None:
    with pytest.raises(KioskError, match="at least 6 digits") as refused:
        SupervisorPin(data_dir, cost=CHEAP).set(bad)
    assert bad not in str(refused.value) or not bad
    assert not (data_dir / "supervisor-pin.json").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_files_are_private(pin: SupervisorPin, data_dir: Path) -> None:
    pin.check(WRONG)
    assert [path.name for path in data_dir.iterdir()] == [pin.pin_file.name]  # count inside
    assert stat.S_IMODE(pin.pin_file.stat().st_mode) == 0o600


def test_the_file_holds_no_pin_in_clear(pin: SupervisorPin) -> None:
    assert PIN.encode() not in pin.pin_file.read_bytes()
    salts = {json.loads(pin.pin_file.read_text())["salt"]}
    pin.set(PIN)
    salts.add(json.loads(pin.pin_file.read_text())["salt"])
    assert len(salts) == 2  # a fresh salt each time


def test_five_wrong_pins_lock_for_five_minutes(pin: SupervisorPin, clock: Clock) -> None:
    lock(pin)
    assert pin.locked_for() == LOCK_SECONDS == 300
    clock.now += 60
    with pytest.raises(LockedOut) as locked:
        pin.check(PIN)
    assert locked.value.seconds_left == 240
    assert "4 min" in str(locked.value)
    assert PIN not in str(locked.value)


def test_the_lock_survives_a_restart(pin: SupervisorPin, data_dir: Path, clock: Clock) -> None:
    lock(pin)
    restarted = SupervisorPin(data_dir, cost=CHEAP, clock=clock)
    with pytest.raises(LockedOut):
        restarted.check(PIN)


def test_wrong_pins_count_across_a_restart(
    pin: SupervisorPin, data_dir: Path, clock: Clock
) -> None:
    for _ in range(LOCK_AFTER - 1):
        pin.check(WRONG)
    restarted = SupervisorPin(data_dir, cost=CHEAP, clock=clock)
    assert restarted.failures() == LOCK_AFTER - 1
    assert not restarted.check(WRONG)
    assert restarted.locked_for() == LOCK_SECONDS


def test_the_lock_ends_after_300_s_and_a_right_pin_resets_the_count(
    pin: SupervisorPin, clock: Clock
) -> None:
    lock(pin)
    clock.now += LOCK_SECONDS - 1
    with pytest.raises(LockedOut):
        pin.check(PIN)
    clock.now += 1
    assert pin.locked_for() == 0
    assert pin.check(PIN)
    for _ in range(LOCK_AFTER - 1):
        assert not pin.check(WRONG)
    assert pin.check(PIN)
    assert pin.failures() == 0
    for _ in range(LOCK_AFTER - 1):
        assert not pin.check(WRONG)
    assert pin.locked_for() == 0


def test_a_clock_set_back_never_lengthens_the_lock(pin: SupervisorPin, clock: Clock) -> None:
    lock(pin)
    clock.now -= 86_400
    assert pin.locked_for() == LOCK_SECONDS
    clock.now += LOCK_SECONDS
    assert pin.check(PIN)


def test_a_new_pin_clears_the_lock(pin: SupervisorPin) -> None:
    lock(pin)
    pin.set("9876543")
    assert pin.locked_for() == 0
    assert pin.check("9876543")


def test_a_lock_is_logged_without_the_pin(
    pin: SupervisorPin, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger="kiosk.auth"):
        lock(pin)
        with pytest.raises(LockedOut):
            pin.check(PIN)
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "locked" in warnings[0].getMessage()
    assert PIN not in caplog.text
    assert WRONG not in caplog.text


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{not json",
        b"\xff\xfe",
        b"[]",
        b'{"version": 1}',
        b'{"version": 1, "algorithm": "scrypt", "n": 3, "r": 8, "p": 1, '
        b'"salt": "AAAAAAAAAAAAAAAAAAAAAA==", "key": "AAAA"}',
    ],
)
def test_a_damaged_pin_file_gives_a_clear_error(pin: SupervisorPin, content: bytes) -> None:
    pin.pin_file.write_bytes(content)
    with pytest.raises(
        KioskError, match=r"is damaged; set it again with kiosk supervisor set-pin"
    ):
        pin.check(PIN)
    assert pin.failures() == 0


def test_a_damaged_lock_file_fails_closed_then_opens(
    pin: SupervisorPin, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    pin.lock_file.write_text("garbage")
    with caplog.at_level(logging.WARNING, logger="kiosk.auth"), pytest.raises(LockedOut):
        pin.check(PIN)
    assert "damaged" in caplog.text
    clock.now += LOCK_SECONDS
    assert pin.check(PIN)


@pytest.mark.usefixtures("cheap_cli")
def test_cli_set_pin_from_stdin_and_status(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    base = ["--data-dir", str(data_dir), "supervisor"]
    code, out, _ = run(capsys, *base, "status")
    assert code == 0
    assert "Supervisor PIN: not set" in out
    monkeypatch.setattr("sys.stdin", io.StringIO("123456\n"))
    code, out, err = run(capsys, *base, "set-pin", "--pin-stdin")
    assert (code, out.strip(), err) == (0, "Supervisor PIN set.", "")
    supervisor = SupervisorPin(data_dir)
    assert supervisor.check("123456")
    code, out, _ = run(capsys, *base, "status")
    assert "Supervisor PIN: set (scrypt N=1024, r=8, p=1)" in out
    assert "Locked: no (0 of 5 wrong PINs in a row)" in out
    for _ in range(LOCK_AFTER):
        supervisor.check(WRONG)
    code, out, _ = run(capsys, *base, "status")
    assert "Locked: yes, for another 5 min" in out or "another 4 min 59 s" in out


def test_cli_refuses_a_bad_pin_without_echo(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("98x76\n"))
    code, out, err = run(
        capsys, "--data-dir", str(data_dir), "supervisor", "set-pin", "--pin-stdin"
    )
    assert code == 1
    assert "at least 6 digits" in err
    assert "98x76" not in out + err


def test_cli_status_reports_a_damaged_file(
    capsys: pytest.CaptureFixture[str], pin: SupervisorPin, data_dir: Path
) -> None:
    pin.pin_file.write_text("{}")
    code, _, err = run(capsys, "--data-dir", str(data_dir), "supervisor", "status")
    assert code == 1
    assert "is damaged; set it again with kiosk supervisor set-pin" in err
    assert "Traceback" not in err


@pytest.mark.usefixtures("cheap_cli")
def test_cli_set_pin_asks_twice_without_showing_it(data_dir: Path) -> None:
    result = CliRunner().invoke(
        cli, ["--data-dir", str(data_dir), "supervisor", "set-pin"], input="246810\n246810\n"
    )
    assert result.exit_code == 0, result.output
    assert "Type it again" in result.output
    assert "246810" not in result.output
    assert "Supervisor PIN set." in result.output
    assert SupervisorPin(data_dir).check("246810")
