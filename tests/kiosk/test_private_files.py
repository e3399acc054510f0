"""What the kiosk writes is its own user's only, whatever the umask it was started with; what an
interrupted write leaves is cleared; a log that cannot be written costs one plain line."""

import os
import stat
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from kiosk.doctor import Status, check_privacy
from kiosk.files import STALE_AFTER_S, remove_stale_partials
from tests.upload_receiver import read_folder

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX modes")


def kiosk(
    data: Path, *args: str, umask: int = 0o022, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**os.environ, **(env or {})},
        preexec_fn=lambda: os.umask(umask),
    )


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def add_contact(data: Path, umask: int) -> None:
    done = kiosk(data, "contacts", "add", "--service", "general", "--mode", "showed_how",
                 "--outcome", "completed", umask=umask)  # fmt: skip
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("umask", [0o000, 0o002, 0o022, 0o027])
def test_everything_the_kiosk_writes_is_owner_only_whatever_the_umask(
    tmp_path: Path, umask: int
) -> None:
    data, logs, share = tmp_path / "data", tmp_path / "logs", tmp_path / "share"
    share.mkdir()
    env = {"KIOSK_LOG_DIR": str(logs)}
    add_contact(data, umask)
    export = tmp_path / "contacts.csv"
    report = tmp_path / "report.pdf"
    handout = tmp_path / "handout.pdf"
    runs = [
        ("export", "-o", str(export)),
        ("report", "--format", "pdf", "-o", str(report)),
        ("handout", "pay-council-tax", "-o", str(handout)),
        ("upload", "--target", share.as_uri()),
    ]
    for args in runs:
        done = kiosk(data, *args, umask=umask, env=env)
        assert done.returncode == 0, (args, done.stderr)
    made = {
        "the data folder": (data, 0o700),
        "the contact log": (data / "contacts.db", 0o600),
        "the log folder": (logs, 0o700),
        "kiosk.log": (logs / "kiosk.log", 0o600),
        "the export": (export, 0o600),
        "the report": (report, 0o600),
        "the handout": (handout, 0o600),
        **{f"batch {p.name}": (p, 0o600) for p in share.iterdir()},
    }
    wrong = {what: oct(mode(p)) for what, (p, want) in made.items() if mode(p) != want}
    assert wrong == {}
    assert len(read_folder(share)[0]) == 1  # the batch file is whole and readable by us


def test_the_log_and_its_side_files_are_owner_only_while_open(tmp_path: Path) -> None:
    from kiosk.contacts.store import ContactLog
    from tests.kiosk.contacts.helpers import contact

    previous = os.umask(0)
    try:
        log = ContactLog.in_data_dir(tmp_path / "data")
        log.record(contact())
        sides = [log.path.with_name(log.path.name + end) for end in ("-wal", "-shm")]
        assert all(side.exists() for side in sides)  # WAL mode: both there while open
        assert [oct(mode(p)) for p in (log.path, *sides)] == ["0o600"] * 3
        log.close()
    finally:
        os.umask(previous)


def test_a_log_left_open_by_someone_else_is_closed_again(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    add_contact(data, 0o022)
    (data / "contacts.db").chmod(0o666)
    add_contact(data, 0o022)
    assert oct(mode(data / "contacts.db")) == "0o600"


@pytest.mark.parametrize("loose", [0o644, 0o640, 0o604, 0o660])
def test_doctor_warns_about_a_token_file_others_can_read(tmp_path: Path, loose: int) -> None:
    from kiosk.config import load_config

    token = tmp_path / "token"
    token.write_text("t0k3n-0123456789abcdef\n")
    token.chmod(loose)
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    config = load_config(None, {"data_dir": data, "upload_token_file": token, "log_dir": data})
    check = check_privacy(config)
    assert check.status is Status.WARN
    assert f"the upload token file {token} is open to" in check.found
    assert check.fix is not None
    assert f"chmod 600 {token}" in check.fix
    assert "t0k3n" not in check.found + check.fix


@pytest.mark.parametrize("tight", [0o600, 0o400])
def test_doctor_is_content_with_a_private_token_file(tmp_path: Path, tight: int) -> None:
    from kiosk.config import load_config

    token = tmp_path / "token"
    token.write_text("t0k3n-0123456789abcdef\n")
    token.chmod(tight)
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    config = load_config(None, {"data_dir": data, "upload_token_file": token, "log_dir": data})
    assert check_privacy(config).status is Status.OK


# -- what interrupted writes leave -------------------------------------------------------------


def partial(folder: Path, name: str, pid: int | None, age_s: float = 0) -> Path:
    made = folder / (f".{name}.pid{pid}.x1y2z3ab.partial" if pid else f".{name}.ab12cd34.partial")
    made.write_bytes(b"half of something")
    then = time.time() - age_s
    os.utime(made, (then, then))
    return made


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_only_partial_files_of_writers_that_are_gone_are_removed(tmp_path: Path) -> None:
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        gone = [
            partial(tmp_path, "export.csv", dead_pid()),
            partial(tmp_path, "report.pdf", alive.pid, age_s=STALE_AFTER_S + 60),
            partial(tmp_path, "old.csv", None, age_s=STALE_AFTER_S + 60),
        ]
        kept = [
            partial(tmp_path, "export2.csv", alive.pid),  # still being written
            partial(tmp_path, "new.csv", None),  # an older kiosk's, and recent
            tmp_path / "contacts.csv",
            tmp_path / "notes.partial",  # not one of ours: no leading dot
        ]
        for path in kept[2:]:
            path.write_text("x")
        assert remove_stale_partials(tmp_path) == len(gone)
        assert [p.exists() for p in gone] == [False] * len(gone)
        assert [p.exists() for p in kept] == [True] * len(kept)
    finally:
        alive.kill()
        alive.wait()


def kill_while_writing(args: Sequence[str], folder: Path, data: Path) -> None:
    """Start a command and SIGKILL it as soon as its partial file is in ``folder``."""
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "--data-dir", str(data), *args],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not list(folder.glob(".*.partial")) and time.monotonic() < deadline:
        if process.poll() is not None:
            break
        time.sleep(0.002)
    process.kill()
    process.wait()


def test_exports_killed_half_way_leave_nothing_once_the_next_one_runs(tmp_path: Path) -> None:
    data, out = tmp_path / "data", tmp_path / "out"
    out.mkdir()
    seeded = kiosk(data, "seed-demo", "--contacts", "60000", "--days", "20")
    assert seeded.returncode == 0, seeded.stderr
    for _ in range(3):
        kill_while_writing(["export", "-o", str(out / "contacts.csv"), "--force"], out, data)
    left = list(out.glob(".*.partial"))
    assert left, "no export was caught half-way: nothing tested"
    done = kiosk(data, "export", "-o", str(out / "contacts.csv"), "--force")
    assert done.returncode == 0, done.stderr
    assert list(out.glob(".*.partial")) == []
    assert (out / "contacts.csv").read_text().count("\n") == 60001


def test_a_start_clears_what_a_killed_command_left_in_the_data_folder(tmp_path: Path) -> None:
    data = tmp_path / "data"
    add_contact(data, 0o022)
    stale = partial(data, "settings.toml", dead_pid())
    add_contact(data, 0o022)
    assert not stale.exists()


# -- a log that cannot be written --------------------------------------------------------------


def test_a_full_log_disk_costs_one_plain_line_and_loses_no_contact(tmp_path: Path) -> None:
    logs, data = tmp_path / "logs", tmp_path / "data"
    logs.mkdir(mode=0o700)
    (logs / "kiosk.log").symlink_to("/dev/full")  # every write: "No space left on device"
    env = {"KIOSK_LOG_DIR": str(logs)}
    for _ in range(2):
        done = kiosk(data, "--debug", "contacts", "add", "--service", "general", "--mode",
                     "showed_how", "--outcome", "completed", env=env)  # fmt: skip
        assert done.returncode == 0
        assert "Traceback" not in done.stderr
        assert "Logging error" not in done.stderr
        assert done.stderr.count("cannot write the log file") == 1
        assert "No space left on device" in done.stderr
    listed = kiosk(data, "report", "--format", "json", env=env)
    assert '"total": 2,' in listed.stdout
    assert oct(mode(Path("/dev/full")))[-3:] == "666"  # a link is never followed to chmod
