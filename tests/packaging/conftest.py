"""Fixtures for the packaging tests: a stand-in PyInstaller build and install.sh runs."""

import hashlib
import os
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
INSTALL = LINUX / "install.sh"
APP = "assisted-digital-kiosk"

needs_root = pytest.mark.skipif(
    os.geteuid() != 0,
    reason="install.sh creates a user and sets owners: run as root (make test does on a kiosk)",
)

Installer = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def fake_build(tmp_path: Path) -> Path:
    """A folder shaped like `make package`'s dist/kiosk: a program and its _internal folder.

    install.sh only copies it, so the real (slow) build is not needed here; the smoke test
    (make package-smoke) runs the real one.
    """
    build = tmp_path / "dist" / "kiosk"
    (build / "_internal" / "assets").mkdir(parents=True)
    (build / "_internal" / "assets" / "kiosk.qss").write_text("QWidget {}\n")
    program = build / "kiosk"
    program.write_text('#!/bin/sh\necho "kiosk, version 0.1.0 (stand-in build) $*"\n')
    program.chmod(0o755)
    return build


@pytest.fixture
def destdir(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    root.mkdir()
    return root


@pytest.fixture
def install(destdir: Path) -> Installer:
    """Run install.sh into ``destdir``; fails the test if it fails (unless check=False)."""

    def run(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "DESTDIR": str(destdir)}
        done = subprocess.run(
            ["bash", str(INSTALL), *args], env=env, capture_output=True, text=True, timeout=120
        )
        if check and done.returncode != 0:
            pytest.fail(f"install.sh {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done

    return run


def listing(root: Path) -> dict[str, tuple[str, int, int, str, str]]:
    """Every path under ``root``: kind, owner, group, mode and content (checksum or link)."""
    found = {}
    for path in sorted([root, *root.rglob("*")]):
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            kind, content = "link", str(path.readlink())
        elif stat.S_ISDIR(info.st_mode):
            kind, content = "dir", ""
        else:
            kind, content = "file", hashlib.sha256(path.read_bytes()).hexdigest()
        mode = oct(stat.S_IMODE(info.st_mode))
        found[str(path.relative_to(root))] = (kind, info.st_uid, info.st_gid, mode, content)
    return found


def user_ids(root: Path, name: str = "kiosk") -> tuple[int, int]:
    for line in (root / "etc" / "passwd").read_text().splitlines():
        fields = line.split(":")
        if fields[0] == name:
            return int(fields[2]), int(fields[3])
    raise AssertionError(f"no user {name} in {root}/etc/passwd")
