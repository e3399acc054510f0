"""What the catalog tests share: the real ``kiosk`` CLI on a hub's data folder, a hub served
with that folder, and a kiosk's side as python-tuf's own ngclient ``Updater`` (what kiosks
use) fetching and verifying catalog.tar.gz from it.
"""

import shutil
import socket
import subprocess
import sys
import tarfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from sqlalchemy import Engine
from tuf.ngclient import Updater

from kiosk.config import Config
from kiosk.hub.app import create_app
from kiosk.hub.database import migrate, open_engine
from tests.hub.serving import SESSION_KEY, serve_hub

KIOSK = Path(sys.executable).with_name("kiosk")
DEMO_CATALOG = Path(__file__).parents[2] / "services_catalog"
TARGET = "catalog.tar.gz"


def kiosk(data_dir: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """The real ``kiosk`` command on ``data_dir``; never a traceback, whatever happens."""
    done = subprocess.run(
        [str(KIOSK), "--data-dir", str(data_dir), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done


def ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, done.stderr
    return done.stdout


@dataclass
class HubFolder:
    """A hub's data folder with catalog keys made by ``kiosk hub keys init``."""

    data_dir: Path
    root_key: Path
    first_root: Path

    def publish(self, folder: Path, by: str = "asha") -> str:
        return ok(kiosk(self.data_dir, "hub", "catalog", "publish", folder, "--by", by))

    @property
    def metadata(self) -> Path:
        return self.data_dir / "catalog" / "metadata"


def keys_init(tmp_path: Path) -> HubFolder:
    data_dir, root_key = tmp_path / "hub-data", tmp_path / "usb" / "catalog-root.pem"
    root_key.parent.mkdir(parents=True, exist_ok=True)
    out = ok(kiosk(data_dir, "hub", "keys", "init", "--root-key", root_key))
    return HubFolder(data_dir, root_key, Path(out.splitlines()[-1]))


@pytest.fixture
def hub_folder(tmp_path: Path) -> HubFolder:
    return keys_init(tmp_path)


@contextmanager
def served(data_dir: Path) -> Iterator[str]:
    """The hub on ``data_dir`` (its hub.db, its catalog) on a real port; yields its URL."""
    engine = hub_database(data_dir)
    try:
        with serve_hub(engine, config=Config(data_dir=data_dir)) as url:
            yield url
    finally:
        engine.dispose()


@contextmanager
def demo_served(data_dir: Path) -> Iterator[str]:
    """The hub's app on ``data_dir``, marked as ``kiosk hub serve --demo`` marks it."""
    engine = hub_database(data_dir)
    app = create_app(engine, SESSION_KEY, config=Config(data_dir=data_dir))
    app.state.demo = True
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started:
            assert thread.is_alive()
            assert time.monotonic() < deadline, "the demo hub did not start"
            time.sleep(0.01)
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        listener.close()
        engine.dispose()


def hub_database(data_dir: Path) -> Engine:
    engine = open_engine(f"sqlite:///{data_dir / 'hub.db'}")
    migrate(engine)
    return engine


class Kiosk:
    """A kiosk's TUF client: trusts only the root metadata file IT installed on it, and keeps
    what it has verified between checks (as a kiosk does)."""

    def __init__(self, folder: Path, root_file: Path) -> None:
        self.metadata = folder / "tuf-metadata"
        self.downloads = folder / "downloads"
        self.metadata.mkdir(parents=True, exist_ok=True)
        self.downloads.mkdir(parents=True, exist_ok=True)
        self.root = root_file.read_bytes()

    def updater(self, hub_url: str) -> Updater:
        trusted = self.metadata / "root.json"
        return Updater(
            str(self.metadata),
            f"{hub_url}/catalog/metadata/",
            str(self.downloads),
            f"{hub_url}/catalog/targets/",
            bootstrap=trusted.read_bytes() if trusted.exists() else self.root,
        )

    def fetch(self, hub_url: str) -> tuple[dict[str, Any], Path]:
        """The catalog's custom field and the verified archive, freshly downloaded."""
        updater = self.updater(hub_url)
        updater.refresh()
        info = updater.get_targetinfo(TARGET)
        assert info is not None, "the hub's targets name no catalog"
        shutil.rmtree(self.downloads)
        self.downloads.mkdir()
        return info.custom, Path(updater.download_target(info))


def unpacked(archive: Path, into: Path) -> Path:
    """The archive's members, each checked to be a plain folder or file under a relative
    path, extracted with tarfile's safe filter."""
    with tarfile.open(archive, "r:gz") as tar:
        for member in tar.getmembers():
            assert member.isfile() or member.isdir(), member.name
            assert not member.name.startswith("/")
            assert ".." not in member.name.split("/")
        tar.extractall(into, filter="data")
    return into


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def catalog_copy(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / name
    shutil.copytree(DEMO_CATALOG, folder)
    return folder
