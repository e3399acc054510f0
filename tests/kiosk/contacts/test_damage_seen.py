"""A contact log found damaged once is named so by every command that opens it, even those
that never read a damaged page (SQLite cannot tell them), until it is mended or put back."""

import shutil
from pathlib import Path

import pytest

from tests.kiosk.contacts.test_damaged_log import (  # noqa: F401 (the fixture)
    cli,
    middle,
    originals,
)

ADD = ["contacts", "add", "--service", "general", "--mode", "showed_how", "--outcome",
       "completed", "--staff", "AB"]  # fmt: skip
QUIET_COMMANDS = {
    "contacts add": ADD,
    "report": ["report", "--from", "2026-11-01", "--to", "2026-11-30"],
    "report json": ["report", "--format", "json", "--from", "2026-11-01", "--to", "2026-11-30"],
    "upload status": ["upload", "status"],
    "purge": ["purge"],
    "seed-demo": ["seed-demo", "--contacts", "5"],
}
pytestmark = pytest.mark.usefixtures("originals")


def warned(err: str, log: Path) -> bool:
    return f"warning: the contact log {log} was found damaged at " in err and (
        "run 'kiosk contacts recover'" in err
    )


@pytest.fixture
def seen_damaged(capsys: pytest.CaptureFixture[str], data_dir: Path) -> Path:
    """The log damaged in the middle, and found so by kiosk doctor's quick check."""
    log = data_dir / "contacts.db"
    shutil.copy(log, data_dir.parent / "backup.db")
    middle(log)
    _, out, _ = cli(capsys, data_dir, "doctor")
    assert f"[FAIL] Contact log: {log} is damaged" in out
    return log


@pytest.mark.parametrize("command", QUIET_COMMANDS.values(), ids=QUIET_COMMANDS.keys())
def test_every_command_names_a_log_found_damaged(
    capsys: pytest.CaptureFixture[str], data_dir: Path, seen_damaged: Path, command: list[str]
) -> None:
    _, _, err = cli(capsys, data_dir, *command)
    assert warned(err, seen_damaged), err
    assert "Traceback" not in err


def test_once_recovered_no_command_warns(
    capsys: pytest.CaptureFixture[str], data_dir: Path, seen_damaged: Path
) -> None:
    code, _, err = cli(capsys, data_dir, "contacts", "recover")
    assert code == 0, err
    for command in QUIET_COMMANDS.values():
        _, _, err = cli(capsys, data_dir, *command)
        assert not warned(err, seen_damaged), (command, err)


def test_a_log_put_back_from_a_backup_is_not_named_damaged(
    capsys: pytest.CaptureFixture[str], data_dir: Path, seen_damaged: Path
) -> None:
    for side in ("-wal", "-shm"):
        seen_damaged.with_name(seen_damaged.name + side).unlink(missing_ok=True)
    shutil.copy(data_dir.parent / "backup.db", data_dir / "restored.db")
    (data_dir / "restored.db").replace(seen_damaged)  # another file in its place
    _, _, err = cli(capsys, data_dir, *QUIET_COMMANDS["report"])
    assert not warned(err, seen_damaged), err
