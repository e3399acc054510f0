"""``kiosk doctor`` on the command line: one line per check, what to fix, and the exit code."""

import sys
from pathlib import Path

import pytest

from tests.kiosk.cli.test_catalog_commands import run
from tests.kiosk.test_doctor import FAKE_LPSTAT, TOKEN, program, token_file
from tests.upload_receiver import Receiver

pytestmark = pytest.mark.skipif(sys.platform.startswith("win"), reason="a fake lpstat script")


@pytest.fixture
def machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A kiosk with a screen, CUPS with a default printer, and a data folder; no upload yet."""
    monkeypatch.setenv("PATH", str(program(tmp_path / "bin", "lpstat", FAKE_LPSTAT).parent))
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    return tmp_path


def with_upload(folder: Path, url: str) -> Path:
    config = folder / "config.toml"
    config.write_text(
        f'upload_target = "{url}"\nupload_token_file = "{token_file(folder)}"\n',
        encoding="utf-8",
    )
    return config


def test_a_ready_machine_is_all_ok_and_exits_0(
    capsys: pytest.CaptureFixture[str], machine: Path
) -> None:
    with Receiver(token=TOKEN) as receiver:
        config = with_upload(machine, receiver.url)
        code, out, err = run(capsys, "--config", str(config), "doctor")
    assert (code, err) == (0, "")
    marks = [line.split()[0] for line in out.splitlines()[:-1]]
    assert marks == ["[OK]"] * 9
    assert "[OK]   Upload: " in out
    assert out.splitlines()[-1] == "9 OK, 0 warning(s), 0 failure(s)"


def test_a_refused_token_fails_says_what_to_do_and_exits_1(
    capsys: pytest.CaptureFixture[str], machine: Path
) -> None:
    with Receiver(token="the-council-changed-it") as receiver:
        config = with_upload(machine, receiver.url)
        code, out, _ = run(capsys, "--config", str(config), "doctor")
    lines = out.splitlines()
    failed = lines.index(f"[FAIL] Upload: {receiver.url} refused the upload token (HTTP 401)")
    assert code == 1
    assert lines[failed + 1].startswith("       To fix: ask the council's central systems team")
    assert lines[-1] == "8 OK, 0 warning(s), 1 failure(s)"
    assert TOKEN not in out


def test_warnings_only_exit_2(capsys: pytest.CaptureFixture[str], machine: Path) -> None:
    code, out, _ = run(capsys, "doctor")
    assert code == 2
    assert "[WARN] Upload: no upload_target is set, so contacts stay on this kiosk" in out
    assert out.splitlines()[-1] == "8 OK, 1 warning(s), 0 failure(s)"


def test_an_unreadable_config_is_the_only_check_and_exits_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "config.toml"
    bad.write_text("site = 3\n")
    code, out, err = run(capsys, "--config", str(bad), "doctor")
    assert (code, err) == (1, "")
    assert (
        out.splitlines()[0] == f"[FAIL] Configuration: {bad}: site: must be text in quotes, got 3"
    )
    assert out.splitlines()[-1] == "0 OK, 0 warning(s), 1 failure(s)"
