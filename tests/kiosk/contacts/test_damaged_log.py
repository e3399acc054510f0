"""A contact log damaged on disk: every command names the file and the way out, doctor finds
it, and ``kiosk contacts recover`` keeps every contact SQLite can still read, and the damaged
file beside it, untouched."""

import hashlib
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.contacts.codes import COLUMNS
from kiosk.contacts.store import ContactLog
from tests.kiosk.cli.test_catalog_commands import run
from tests.kiosk.contacts.helpers import contact
from tests.upload_receiver import read_folder

CONTACTS = 6000
LISTED = ", ".join(COLUMNS)


def middle(path: Path) -> None:
    """8 KiB of noise in the middle of the file: a page or two of rows, perhaps an inner one."""
    with path.open("r+b") as file:
        file.seek(path.stat().st_size // 2 // 4096 * 4096)
        file.write(os.urandom(8192))


def zeroed_run(path: Path) -> None:
    """Four pages of zeros two-thirds in, as a failed disk sector run leaves."""
    with path.open("r+b") as file:
        file.seek(path.stat().st_size * 2 // 3 // 4096 * 4096)
        file.write(bytes(4 * 4096))


def cut_short(path: Path) -> None:
    """The last quarter gone, as a copy cut off leaves it."""
    with path.open("r+b") as file:
        file.truncate(path.stat().st_size * 3 // 4 // 4096 * 4096)


def scattered(path: Path) -> None:
    """A few bytes wrong on several pages."""
    size = path.stat().st_size
    with path.open("r+b") as file:
        for at in range(size // 5, size, size // 7):
            file.seek(at)
            file.write(b"\xff" * 64)


DAMAGE: dict[str, Callable[[Path], None]] = {
    "noise in the middle": middle,
    "zeroed pages": zeroed_run,
    "cut short": cut_short,
    "scattered bytes": scattered,
}


@pytest.fixture
def originals(data_dir: Path) -> dict[str, tuple[object, ...]]:
    log = ContactLog.in_data_dir(data_dir)
    made = [
        contact(recorded_at=f"2026-11-{1 + i % 28:02d}T{i % 24:02d}:15:00Z", staff="AB")
        for i in range(CONTACTS)
    ]
    log.record_many(made)
    log.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    rows = {row[0]: row for row in log.conn.execute(f"SELECT {LISTED} FROM contacts")}
    log.close()
    return rows


def cli(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    return run(capsys, "--data-dir", str(data_dir), *args)  # type: ignore[no-any-return]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_commands_name_the_damaged_log_and_the_way_out(
    capsys: pytest.CaptureFixture[str], data_dir: Path, originals: object, tmp_path: Path,
    damage: Callable[[Path], None],
) -> None:  # fmt: skip
    """Each command either does its whole job (the damage is on pages it never reads, such
    as an index it does not use) or stops with the file named and the way out; never a
    short export, never "unexpected failure"."""
    log_file = data_dir / "contacts.db"
    damage(log_file)
    share, export = tmp_path / "share", tmp_path / "x.csv"
    share.mkdir()
    commands = {
        "export": ("export", "--from", "2026-11-01", "--to", "2026-11-30", "-o", str(export)),
        "upload": ("upload", "--target", share.as_uri()),
    }
    whole_jobs = {
        "export": lambda: export.read_text().count("\n") == CONTACTS + 1,
        "upload": lambda: len(read_folder(share)[0]) == CONTACTS,
    }
    for name, command in commands.items():
        code, _, err = cli(capsys, data_dir, *command)
        if code == 0:
            assert whole_jobs[name](), f"{name} succeeded without doing all of it"
            continue
        assert f"the contact log {log_file} is damaged" in err, name
        assert "run 'kiosk contacts recover'" in err
        assert "unexpected" not in err
    code, out, _ = cli(capsys, data_dir, "doctor")
    assert f"[FAIL] Contact log: {log_file} is damaged" in out
    assert "kiosk contacts recover" in out


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_recover_keeps_every_readable_contact_and_the_damaged_file(
    capsys: pytest.CaptureFixture[str], data_dir: Path,
    originals: dict[str, tuple[object, ...]], damage: Callable[[Path], None],
) -> None:  # fmt: skip
    log_file = data_dir / "contacts.db"
    damage(log_file)
    before = digest(log_file)
    code, out, err = cli(capsys, data_dir, "contacts", "recover")
    assert code == 0, err
    kept = next(data_dir.glob("contacts.db.damaged-*[0-9]Z"))
    assert digest(kept) == before  # the damaged file as it was: nothing lost to recovery
    assert f"the damaged file is kept as {kept}" in out

    log = ContactLog(log_file)
    assert log.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    recovered = {row[0]: row for row in log.conn.execute(f"SELECT {LISTED} FROM contacts")}
    assert 0 < len(recovered) <= CONTACTS
    assert out.startswith(f"recovered {len(recovered)} contact(s) ")
    if len(recovered) < CONTACTS:
        assert "could not be read" in out  # how many, or that the counts were lost too
    wrong = [i for i, row in recovered.items() if originals.get(i) != row]
    assert wrong == []  # nothing made up from noise: every one as it was recorded
    log.close()

    code, out, _ = cli(capsys, data_dir, "report", "--format", "json", "--from", "2026-11-01",
                       "--to", "2026-11-30")  # fmt: skip
    assert f'"total": {len(recovered)},' in out  # the counts were made again
    code, out, _ = cli(capsys, data_dir, "upload", "status")
    assert f"pending: {len(recovered)}" in out
    code, _, err = cli(capsys, data_dir, "contacts", "recover")
    assert (code, err.strip()) == (1, f"error: the contact log {log_file} is not damaged; "
                                      "nothing was changed")  # fmt: skip


def test_an_undamaged_log_is_left_alone(
    capsys: pytest.CaptureFixture[str], data_dir: Path, originals: object
) -> None:
    before = digest(data_dir / "contacts.db")
    code, _, err = cli(capsys, data_dir, "contacts", "recover")
    assert code == 1
    assert "is not damaged; nothing was changed" in err
    assert digest(data_dir / "contacts.db") == before
    assert {p.name for p in data_dir.iterdir()} <= {"contacts.db", "contacts.db-wal",
                                                    "contacts.db-shm"}  # fmt: skip


def test_a_file_that_is_not_a_log_at_all_is_named(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    (data_dir / "contacts.db").write_bytes(b"PK\x03\x04 a zip file saved over it" * 200)
    code, _, err = cli(capsys, data_dir, "upload", "status")
    assert code == 1
    assert "is damaged (file is not a database)" in err


def test_recover_refuses_while_another_process_writes_the_log(
    capsys: pytest.CaptureFixture[str], data_dir: Path, originals: object
) -> None:
    middle(data_dir / "contacts.db")
    writer = sqlite3.connect(data_dir / "contacts.db", timeout=0.1)
    writer.execute("BEGIN IMMEDIATE")  # the kiosk, mid-save
    try:
        code, _, err = cli(capsys, data_dir, "contacts", "recover")
    finally:
        writer.rollback()
        writer.close()
    assert code == 1
    assert "in use" in err
    assert not list(data_dir.glob("contacts.db.damaged-*"))


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="Linux's /proc")
def test_recover_refuses_while_a_kiosk_keeps_the_log_open(
    capsys: pytest.CaptureFixture[str], data_dir: Path, originals: object
) -> None:
    """The touchscreen holds its connection all day without writing: it would go on saving
    into the damaged file once that was set aside."""
    import subprocess
    import sys

    middle(data_dir / "contacts.db")
    idle = subprocess.Popen(
        [sys.executable, "-c", "import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1]); "
         "print('open', flush=True); time.sleep(60)", str(data_dir / "contacts.db")],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert idle.stdout is not None
        assert idle.stdout.readline() == "open\n"
        code, _, err = cli(capsys, data_dir, "contacts", "recover")
    finally:
        idle.kill()
        idle.wait()
        idle.stdout.close()  # type: ignore[union-attr]
    assert code == 1
    assert f"is open in process {idle.pid}" in err
    assert not list(data_dir.glob("contacts.db.damaged-*"))


def test_recover_with_no_log_says_so(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, _, err = cli(capsys, data_dir, "contacts", "recover")
    assert code == 1
    assert f"there is no contact log at {data_dir / 'contacts.db'}" in err
    assert list(data_dir.iterdir()) == []
