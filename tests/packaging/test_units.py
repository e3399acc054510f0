"""The systemd units: systemd-analyze accepts them, and a crashed kiosk is back within 10 s."""

import configparser
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.packaging.conftest import APP, INSTALL, LINUX, needs_root

UNITS = sorted((LINUX / "systemd").glob("*.service")) + sorted((LINUX / "systemd").glob("*.timer"))
KIOSK = LINUX / "systemd" / f"{APP}.service"
# Seconds from cage being started to the Start screen: `make package-times` measured the app
# at about 1 s to its first window here, cage at well under 1 s; 4 s allows twice both.
START_ALLOWANCE_S = 4.0


def unit(path: Path) -> configparser.RawConfigParser:
    parser = configparser.RawConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(path.read_text())
    return parser


def seconds(value: str) -> float:
    """A systemd time span ("2", "2s", "500ms", "1min 30s") in seconds."""
    scale = {"": 1, "s": 1, "sec": 1, "ms": 0.001, "m": 60, "min": 60, "h": 3600}
    parts = re.findall(r"(\d+(?:\.\d+)?)\s*([a-z]*)", value)
    assert parts, f"not a time span: {value!r}"
    return sum(float(n) * scale[u] for n, u in parts)


def tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is missing: `make system-packages` installs it (debian-packages.txt)")
    return found


@pytest.fixture(scope="module")
def installed_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A kiosk as install.sh leaves it, plus what a Debian system brings: systemd's own units
    (the targets ours are ordered against) and cage, so ExecStart names real programs."""
    root = tmp_path_factory.mktemp("root")
    build = tmp_path_factory.mktemp("dist") / "kiosk"
    (build / "_internal").mkdir(parents=True)
    (build / "kiosk").write_text("#!/bin/sh\n")
    (build / "kiosk").chmod(0o755)
    subprocess.run(
        ["bash", str(INSTALL), "--from-build", str(build)],
        env={**os.environ, "DESTDIR": str(root)},
        check=True,
        capture_output=True,
    )
    shutil.copytree("/usr/lib/systemd/system", root / "usr/lib/systemd/system", symlinks=True)
    (root / "usr/bin").mkdir(parents=True, exist_ok=True)
    shutil.copy2(tool("cage"), root / "usr/bin/cage")
    return root


@needs_root
@pytest.mark.parametrize("path", UNITS, ids=lambda p: p.name)
def test_systemd_analyze_verify_accepts_the_unit(installed_root: Path, path: Path) -> None:
    done = subprocess.run(
        [
            tool("systemd-analyze"),
            "verify",
            f"--root={installed_root}",
            f"/etc/systemd/system/{path.name}",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    # verify exits 0 on an unknown or misspelt key and only warns: any output is a failure
    assert (done.returncode, done.stdout + done.stderr) == (0, "")


@needs_root
def test_verify_catches_a_misspelt_key(installed_root: Path) -> None:
    """The check above can fail: a unit with a typo in it is reported."""
    bad = installed_root / "etc/systemd/system/typo.service"
    bad.write_text(KIOSK.read_text().replace("RestartSec=", "RestartSecs="))
    done = subprocess.run(
        [
            tool("systemd-analyze"),
            "verify",
            f"--root={installed_root}",
            "/etc/systemd/system/typo.service",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    bad.unlink()
    assert "Unknown key" in done.stderr


def test_a_crashed_kiosk_is_back_within_10_seconds() -> None:
    service = unit(KIOSK)
    assert service["Service"]["Restart"] in {"always", "on-failure", "on-abnormal"}
    delay = seconds(service["Service"]["RestartSec"])
    assert delay + START_ALLOWANCE_S < 10
    # and restarting never stops: the default start limit (5 starts in 10 s) would give up
    assert seconds(service["Unit"]["StartLimitIntervalSec"]) == 0


def test_the_kiosk_runs_under_cage_on_tty1_as_the_kiosk_user() -> None:
    service = unit(KIOSK)
    assert service["Service"]["User"] == "kiosk"
    assert service["Service"]["TTYPath"] == "/dev/tty1"
    assert service["Service"]["PAMName"] == "login"
    assert service["Unit"]["Conflicts"] == "getty@tty1.service"
    assert service["Service"]["ExecStart"] == f"/usr/bin/cage -- /opt/{APP}/bin/kiosk run"
    for option in ("NoNewPrivileges", "PrivateTmp"):
        assert service["Service"][option] == "yes"
    assert service["Service"]["ProtectSystem"] == "strict"


def test_units_write_only_where_the_config_keeps_data_and_logs() -> None:
    """The folders the units let the kiosk write are the ones config.toml and install.sh use."""
    config = (LINUX / "config.toml").read_text()
    data_dir = re.search(r'^data_dir = "(.+)"$', config, re.M)
    log_dir = re.search(r'^log_dir = "(.+)"$', config, re.M)
    assert data_dir
    assert log_dir
    script = INSTALL.read_text()
    assert "DATA_DIR=/var/lib/$APP" in script
    assert "LOG_DIR=/var/log/$APP" in script
    for path in UNITS:
        if path.suffix != ".service":
            continue
        text = path.read_text()
        writable = re.findall(r"^ReadWritePaths=(.+)$", text, re.M)
        assert f"{data_dir[1]} {log_dir[1]}" in writable, path.name
        assert f"/opt/{APP}/bin/kiosk " in text, path.name
