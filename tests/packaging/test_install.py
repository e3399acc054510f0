"""packaging/linux/install.sh into a temporary root (DESTDIR): files, owners, modes, twice."""

import stat
import subprocess
from pathlib import Path

import pytest

from tests.packaging.conftest import APP, INSTALL, Installer, listing, needs_root, user_ids

pytestmark = needs_root

CONF = f"etc/{APP}"
UNITS = "etc/systemd/system"


def mode_owner(path: Path) -> tuple[str, int, int]:
    info = path.lstat()
    return oct(stat.S_IMODE(info.st_mode)), info.st_uid, info.st_gid


def test_installs_the_build_user_config_data_and_units(
    install: Installer, destdir: Path, fake_build: Path
) -> None:
    install("--from-build", str(fake_build))
    uid, gid = user_ids(destdir)

    passwd = next(
        line
        for line in (destdir / "etc/passwd").read_text().splitlines()
        if line.startswith("kiosk:")
    ).split(":")
    assert 0 < uid < 1000, "kiosk must be a system user"
    assert passwd[5:] == [f"/var/lib/{APP}", "/usr/sbin/nologin"]
    assert any(
        line.startswith(f"kiosk:x:{gid}:")
        for line in (destdir / "etc/group").read_text().splitlines()
    )

    app = destdir / "opt" / APP
    assert mode_owner(app) == ("0o755", 0, 0)
    assert (app / "bin" / "kiosk").is_symlink()
    ran = subprocess.run([app / "bin" / "kiosk", "--version"], capture_output=True, text=True)
    assert ran.stdout.startswith("kiosk, version 0.1.0 (stand-in build)")
    assert all(p.stat().st_uid == 0 for p in app.rglob("*")), (
        "the app must not be the kiosk user's"
    )
    assert not any(p.stat().st_mode & stat.S_IWOTH for p in app.rglob("*") if not p.is_symlink())

    assert mode_owner(destdir / CONF) == ("0o755", 0, 0)
    assert mode_owner(destdir / CONF / "config.toml") == ("0o640", 0, gid)
    token = destdir / CONF / "upload-token"
    assert mode_owner(token) == ("0o600", uid, gid)
    assert token.read_bytes() == b""
    assert mode_owner(destdir / "var/lib" / APP) == ("0o700", uid, gid)
    assert mode_owner(destdir / "var/log" / APP) == ("0o700", uid, gid)

    for unit in (f"{APP}.service", f"{APP}-upload.service", f"{APP}-upload.timer"):
        assert mode_owner(destdir / UNITS / unit) == ("0o644", 0, 0)
        assert (destdir / UNITS / unit).read_bytes() == (
            INSTALL.parent / "systemd" / unit
        ).read_bytes()
    wants = destdir / UNITS / "multi-user.target.wants" / f"{APP}.service"
    assert wants.is_symlink()
    assert str(wants.readlink()) == f"/etc/systemd/system/{APP}.service"
    assert not (destdir / UNITS / "timers.target.wants").exists(), "the timer is opt-in"


def test_running_twice_changes_nothing(
    install: Installer, destdir: Path, fake_build: Path
) -> None:
    install("--from-build", str(fake_build))
    first = listing(destdir)
    again = install("--from-build", str(fake_build))
    assert listing(destdir) == first
    assert "up to date" in again.stdout
    assert "Created the system user" not in again.stdout


def test_a_new_build_replaces_the_app(install: Installer, destdir: Path, fake_build: Path) -> None:
    install("--from-build", str(fake_build))
    (fake_build / "_internal" / "assets" / "kiosk.qss").write_text("QWidget { color: red }\n")
    install("--from-build", str(fake_build))
    installed = destdir / "opt" / APP / "app" / "_internal" / "assets" / "kiosk.qss"
    assert installed.read_text() == "QWidget { color: red }\n"
    assert not list((destdir / "opt").glob(f".{APP}.*")), "a staging folder was left behind"


def test_an_existing_config_and_token_are_never_overwritten(
    install: Installer, destdir: Path, fake_build: Path
) -> None:
    install("--from-build", str(fake_build))
    config, token = destdir / CONF / "config.toml", destdir / CONF / "upload-token"
    config.write_text('site = "town-hall"\n')
    token.write_text("secret-token\n")
    again = install("--from-build", str(fake_build))
    assert config.read_text() == 'site = "town-hall"\n'
    assert token.read_text() == "secret-token\n"
    assert "Kept the existing" in again.stdout


def test_uninstall_removes_the_app_and_units_but_never_the_data(
    install: Installer, destdir: Path, fake_build: Path
) -> None:
    install("--from-build", str(fake_build), "--enable-upload-timer")
    assert (destdir / UNITS / "timers.target.wants" / f"{APP}-upload.timer").is_symlink()
    contact_log = destdir / "var/lib" / APP / "contacts.db"
    contact_log.write_bytes(b"SQLite format 3\x00 the contacts")
    (destdir / CONF / "upload-token").write_text("secret-token\n")
    kept = {p: listing(destdir)[p] for p in ("var/lib/" + APP, "var/lib/" + APP + "/contacts.db")}

    done = install("--uninstall")

    assert not (destdir / "opt" / APP).exists()
    assert not list((destdir / UNITS).rglob(f"{APP}*")), "units or their links were left"
    assert {p: listing(destdir)[p] for p in kept} == kept
    assert (destdir / CONF / "config.toml").is_file()
    assert (destdir / CONF / "upload-token").read_text() == "secret-token\n"
    assert (destdir / "var/log" / APP).is_dir()
    assert f"Kept, on purpose: the contact log and its data in /var/lib/{APP}" in done.stdout
    # and uninstalling again is harmless
    install("--uninstall")


def test_refuses_a_folder_that_is_not_a_build(
    install: Installer, destdir: Path, tmp_path: Path
) -> None:
    done = install("--from-build", str(tmp_path), check=False)
    assert done.returncode == 1
    assert "is not a PyInstaller build" in done.stderr
    assert not (destdir / "opt" / APP).exists()


def test_unknown_option_is_refused(install: Installer) -> None:
    done = install("--form-build", "x", check=False)
    assert done.returncode == 1
    assert "unknown option: --form-build" in done.stderr


@pytest.mark.parametrize("existing", [True, False])
def test_user_goes_into_destdir_only(
    install: Installer, destdir: Path, fake_build: Path, existing: bool
) -> None:
    """An image's own /etc/passwd is added to, not replaced; the machine's is not touched."""
    if existing:
        (destdir / "etc").mkdir()
        (destdir / "etc/passwd").write_text("root:x:0:0:root:/root:/bin/bash\n")
        (destdir / "etc/group").write_text("root:x:0:\n")
    host_passwd = Path("/etc/passwd").read_bytes()
    install("--from-build", str(fake_build))
    names = [line.split(":")[0] for line in (destdir / "etc/passwd").read_text().splitlines()]
    assert names == (["root", "kiosk"] if existing else ["kiosk"])
    assert Path("/etc/passwd").read_bytes() == host_passwd
