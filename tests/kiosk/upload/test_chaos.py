"""Faults on the wire and a killed uploader: every contact arrives once, none is lost."""

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.contacts.store import ContactLog
from tests.kiosk.contacts.helpers import contact
from tests.upload_receiver import Receiver, read_folder

CONTACTS = 600
KILLS = 5


def config(tmp_path: Path, data_dir: Path, target: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(
        f'data_dir = "{data_dir}"\nupload_target = "{target}"\nupload_batch_size = 40\n'
        "upload_timeout_s = 0.5\nupload_backoff_base_s = 0.01\nupload_backoff_cap_s = 0.1\n",
        encoding="utf-8",
    )
    return path


def kiosk(config_file: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "kiosk", "--config", str(config_file), "upload", *args]


def uploaded_ids(data_dir: Path) -> set[str]:
    log = ContactLog.in_data_dir(data_dir)
    rows = log.db.execute("SELECT id FROM contacts WHERE uploaded_at IS NOT NULL")
    return {row[0] for row in rows}


def kill_repeatedly(command: list[str], rng: random.Random) -> None:
    for _ in range(KILLS):
        watcher = subprocess.Popen(command, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.4, 1.2))
        watcher.send_signal(signal.SIGKILL)
        watcher.wait()


def drain(command: list[str]) -> None:
    for _ in range(30):
        if subprocess.run(command, capture_output=True, check=False).returncode == 0:
            return
    pytest.fail("the queue never drained")


@pytest.mark.slow
def test_faults_and_sigkill_lose_and_double_nothing(tmp_path: Path, data_dir: Path) -> None:
    log = ContactLog.in_data_dir(data_dir)
    batch = [contact() for _ in range(CONTACTS)]
    log.record_many(batch)
    made = {c.id for c in batch}
    with Receiver(strict=True, fault_rate=0.3, seed=7, hang_s=0.8, slow_s=0.2) as receiver:
        settings = config(tmp_path, data_dir, receiver.url)
        kill_repeatedly(kiosk(settings, "--watch"), random.Random(11))
        receiver.set_faults(0.0)
        drain(kiosk(settings))
        assert set(receiver.contacts) == made
        assert receiver.stored_twice == []
        assert receiver.batch_conflicts == []
        assert uploaded_ids(data_dir) == made  # and every one marked is in the receiver
        assert receiver.errors == []
        assert any(count > 1 for count in receiver.deliveries.values())  # faults really hit


KILL_BEFORE_RENAME = """
import os, signal, pathlib, sys
real_replace = pathlib.Path.replace
def replace(self, target):
    if str(target).endswith(".json"):
        os.kill(os.getpid(), signal.SIGKILL)
    return real_replace(self, target)
pathlib.Path.replace = replace
from kiosk.cli.main import main
main(sys.argv[1:])
"""


@pytest.mark.slow
def test_a_kill_between_writing_and_renaming_leaves_no_half_batch(
    tmp_path: Path, data_dir: Path
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    log = ContactLog.in_data_dir(data_dir)
    batch = [contact() for _ in range(100)]
    log.record_many(batch)
    made = {c.id for c in batch}
    settings = config(tmp_path, data_dir, share.as_uri())
    args = ["--config", str(settings), "upload"]
    killed = subprocess.run([sys.executable, "-c", KILL_BEFORE_RENAME, *args], check=False)
    assert killed.returncode == -signal.SIGKILL
    assert list(share.glob("*.json")) == []  # only a hidden .partial, never a half batch
    assert any(p.name.endswith(".partial") for p in share.iterdir())
    assert uploaded_ids(data_dir) == set()
    drain(kiosk(settings))
    contacts, duplicates = read_folder(share)
    assert set(contacts) == made
    assert duplicates == {}
    assert uploaded_ids(data_dir) == made
