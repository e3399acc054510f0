from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.logs import stop_logging


@pytest.fixture(autouse=True)
def _isolated_logs_and_system_config(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[None]:
    """Commands log into this test's folder and never read the machine's own system file."""
    monkeypatch.setenv("KIOSK_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setenv("KIOSK_SYSTEM_CONFIG", str(tmp_path / "no-system-config.toml"))
    yield
    stop_logging()
