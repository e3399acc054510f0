from datetime import date
from pathlib import Path

import pytest

import kiosk.config
from kiosk.resources import demo_catalog_dir
from tests.catalog_builder import CatalogBuilder

TODAY = date(2026, 11, 27)


@pytest.fixture
def builder(tmp_path: Path) -> CatalogBuilder:
    """A small valid catalog in a temporary folder; change it, then call ``write()``."""
    return CatalogBuilder(tmp_path / "catalog")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    return demo_catalog_dir()


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the developer's own config or data."""
    for name in ("KIOSK_CONFIG", "KIOSK_DATA_DIR", "KIOSK_CATALOG", "KIOSK_UPLOAD_TARGET"):
        monkeypatch.delenv(name, raising=False)
    for name in ("INVOCATION_ID", "JOURNAL_STREAM"):  # a CI runner may itself be a service
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("KIOSK_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setenv("KIOSK_SYSTEM_CONFIG", str(tmp_path / "no-system-config.toml"))
    # and for tests that hand load_config an environment of their own: this machine may be
    # an installed kiosk with a real /etc/assisted-digital-kiosk/config.toml
    no_system_file = tmp_path / "no-system-config.toml"
    monkeypatch.setattr(kiosk.config, "default_system_config_file", lambda: no_system_file)
    # read aloud never reaches this machine's own speech service (nor autospawns one): tests
    # that want one start their own and point SPEECHD_ADDRESS at it
    monkeypatch.setenv("KIOSK_READ_ALOUD", "false")  # no speech process unless a test wants one
    monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{tmp_path / 'no-speech.sock'}")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
