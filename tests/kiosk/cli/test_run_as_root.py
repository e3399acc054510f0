"""Root never leaves files the kiosk's own user could not write (``sudo kiosk ...``)."""

import os
from pathlib import Path

import pytest

from kiosk.contacts.store import ContactLog
from kiosk.logs import LOG_FILE_NAME
from tests.kiosk.cli.test_catalog_commands import run

KIOSK_UID = 4242  # a user that owns the kiosk's folders, as install.sh's `kiosk` user does

pytestmark = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0,
    reason="needs root (CI runs as root: make test installs Debian packages)",
)


def owned_by_the_kiosk(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    os.chown(folder, KIOSK_UID, KIOSK_UID)
    return folder


def test_root_is_told_to_run_as_the_kiosk_user_and_leaves_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    ContactLog.in_data_dir(data_dir).close()
    for path in data_dir.iterdir():
        os.chown(path, KIOSK_UID, KIOSK_UID)
    owned_by_the_kiosk(data_dir)
    before = sorted(p.name for p in data_dir.iterdir())
    code, out, err = run(capsys, "--data-dir", str(data_dir), "report")
    assert code == 1
    assert out == ""
    assert err.startswith(f"error: the data folder {data_dir} belongs to the user '4242'")
    assert "sudo -u 4242 kiosk" in err
    assert sorted(p.name for p in data_dir.iterdir()) == before
    assert all(p.stat().st_uid == KIOSK_UID for p in data_dir.iterdir())


def test_root_s_own_folders_are_used_as_usual(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "data"), "report")
    assert (code, err) == (0, "")


def test_root_does_not_write_into_the_kiosk_user_s_log_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    logs = owned_by_the_kiosk(tmp_path / "kiosk-logs")
    monkeypatch.setenv("KIOSK_LOG_DIR", str(logs))
    code, _, err = run(capsys, "config", "show")
    assert (code, err) == (0, "")
    assert not (logs / LOG_FILE_NAME).exists()
