"""``kiosk hub keys init`` and ``rotate``: the catalog's keys, made once, replaced with the
offline root key, and a kiosk that trusts only the first root following every change."""

import json
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hub.catalog_repo import (
    DEMO_CATALOG,
    HubFolder,
    Kiosk,
    hub_folder,
    keys_init,
    kiosk,
    ok,
    served,
)

__all__ = ["hub_folder"]


def written(folder: Path) -> list[Path]:
    """Everything in ``folder`` but the command's own log."""
    return sorted(p for p in folder.rglob("*") if "logs" not in p.relative_to(folder).parts)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_init_makes_owner_only_keys_and_names_the_root_file_to_install(tmp_path: Path) -> None:
    made = keys_init(tmp_path)
    assert made.first_root == made.metadata / "1.root.json"
    root = json.loads(made.first_root.read_text())["signed"]
    assert root["consistent_snapshot"] is True
    assert {name: len(role["keyids"]) for name, role in root["roles"].items()} == {
        "root": 1, "targets": 1, "snapshot": 1, "timestamp": 1,
    }  # fmt: skip
    assert len(root["keys"]) == 4  # four different keys
    assert mode(made.root_key) == 0o600
    assert "PRIVATE KEY" in made.root_key.read_text()
    keys = made.data_dir / "catalog-keys"
    assert mode(keys) == 0o700
    assert sorted(p.name for p in keys.glob("*.pem")) == [
        "snapshot.pem", "targets.pem", "timestamp.pem",
    ]  # fmt: skip
    assert all(mode(p) == 0o600 for p in keys.glob("*.pem"))
    # the root key is nowhere in the hub's folder
    root_pem = made.root_key.read_bytes()
    assert not any(p.read_bytes() == root_pem for p in made.data_dir.rglob("*") if p.is_file())


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("root key file exists", "exists already"),
        ("root key is a dangling link", "exists already"),
        ("keys made already", "has catalog keys already"),
        ("root key in the data folder", "must be kept off the hub"),
        ("root key in the served folder", "must be kept off the hub"),
        ("data folder cannot be made", "cannot make the hub's catalog folders"),
    ],
)
def test_init_refuses_and_writes_nothing(tmp_path: Path, case: str, expected: str) -> None:
    data_dir, root_key = tmp_path / "hub-data", tmp_path / "root.pem"
    if case == "root key file exists":
        root_key.write_text("IT's other key\n")
    elif case == "root key is a dangling link":
        root_key.symlink_to(tmp_path / "nowhere")
    elif case == "keys made already":
        ok(kiosk(data_dir, "hub", "keys", "init", "--root-key", tmp_path / "first.pem"))
    elif case == "data folder cannot be made":
        (tmp_path / "a-file").write_text("")
        data_dir = tmp_path / "a-file" / "hub-data"
    elif case == "root key in the data folder":
        root_key = data_dir / "root.pem"
    else:
        root_key = data_dir / "catalog" / "metadata" / "root.pem"
    before = written(tmp_path)
    done = kiosk(data_dir, "hub", "keys", "init", "--root-key", root_key)
    assert done.returncode == 1
    assert done.stderr.startswith("error: ")
    assert expected in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert written(tmp_path) == before
    if case == "root key file exists":
        assert root_key.read_text() == "IT's other key\n"


def test_rotating_the_online_keys_keeps_kiosks_trusting_the_hub(
    hub_folder: HubFolder, tmp_path: Path
) -> None:
    hub_folder.publish(DEMO_CATALOG)
    desk = Kiosk(tmp_path / "desk", hub_folder.first_root)
    keys = hub_folder.data_dir / "catalog-keys"
    old_keys = {p.name: p.read_bytes() for p in keys.glob("*.pem")}
    with served(hub_folder.data_dir) as url:
        assert desk.fetch(url)[0]["catalog_version"] == 1
        out = ok(
            kiosk(hub_folder.data_dir, "hub", "keys", "rotate", "--root-key", hub_folder.root_key)
        )
        assert "root metadata version 2" in out
        assert all(old_keys[p.name] != p.read_bytes() for p in keys.glob("*.pem"))
        assert desk.fetch(url)[0]["catalog_version"] == 1  # took root 2 and the new keys
        fresh = Kiosk(tmp_path / "new-desk", hub_folder.first_root)  # installed with root 1
        assert fresh.fetch(url)[0]["catalog_version"] == 1
        hub_folder.publish(DEMO_CATALOG)  # signed with the new online keys
        assert desk.fetch(url)[0]["catalog_version"] == 2
    trusted = json.loads((desk.metadata / "root.json").read_text())["signed"]
    assert trusted["version"] == 2


def test_a_new_root_key_is_signed_in_by_the_old_one(hub_folder: HubFolder, tmp_path: Path) -> None:
    hub_folder.publish(DEMO_CATALOG)
    new_root = tmp_path / "usb" / "catalog-root-2027.pem"
    data = hub_folder.data_dir
    rotate = ("hub", "keys", "rotate", "--root-key")
    ok(kiosk(data, *rotate, hub_folder.root_key, "--new-root-key", new_root))
    assert mode(new_root) == 0o600
    again = kiosk(data, *rotate, hub_folder.root_key)
    assert again.returncode == 1
    assert "is not this hub's root key" in again.stderr
    ok(kiosk(data, *rotate, new_root))  # root 3, signed by the new key alone
    desk = Kiosk(tmp_path / "desk", hub_folder.first_root)
    with served(data) as url:
        assert desk.fetch(url)[0]["catalog_version"] == 1
    assert json.loads((desk.metadata / "root.json").read_text())["signed"]["version"] == 3


@pytest.mark.parametrize(
    "given", ["another hub's root key", "the hub's own targets key", "not a key", "missing"]
)
def test_rotate_refuses_any_key_but_the_root_key(
    hub_folder: HubFolder, tmp_path: Path, given: str
) -> None:
    if given == "another hub's root key":
        key = keys_init(tmp_path / "other").root_key
    elif given == "the hub's own targets key":
        key = hub_folder.data_dir / "catalog-keys" / "targets.pem"
    elif given == "not a key":
        key = tmp_path / "notes.txt"
        key.write_text("-----BEGIN PRIVATE KEY-----\nnonsense\n")
    else:
        key = tmp_path / "missing.pem"
    roots = sorted(hub_folder.metadata.glob("*.root.json"))
    done = kiosk(hub_folder.data_dir, "hub", "keys", "rotate", "--root-key", key)
    assert done.returncode == 1
    assert done.stderr.startswith("error: ")
    assert str(key) in done.stderr
    assert sorted(hub_folder.metadata.glob("*.root.json")) == roots


def test_a_kiosk_without_the_hub_extra_says_so_instead_of_signing(tmp_path: Path) -> None:
    blocked = (
        "import sys; sys.modules['cryptography'] = None; "
        "from kiosk.cli.main import main; main(sys.argv[1:])"
    )
    for command in (["keys", "init", "--root-key", str(tmp_path / "root.pem")],
                    ["catalog", "publish", str(DEMO_CATALOG)]):  # fmt: skip
        done = subprocess.run(
            [sys.executable, "-c", blocked, "--data-dir", str(tmp_path / "hub-data"), "hub",
             *command],
            capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        assert done.returncode == 1
        assert done.stderr == (
            "error: the hub needs its extra (pip install 'assisted-digital-kiosk[hub]'): "
            "cryptography is missing\n"
        )
        assert not (tmp_path / "root.pem").exists()
