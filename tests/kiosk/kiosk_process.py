"""The real ``kiosk`` command as a process, as IT would run it on this test's folders."""

import os
import subprocess
import sys
from pathlib import Path

KIOSK = Path(sys.executable).parent / "kiosk"


def kiosk(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``kiosk --data-dir TMP/data ARGS``: no KIOSK_ setting of this machine's, no system
    config, and its log in ``tmp_path``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env["KIOSK_LOG_DIR"] = str(tmp_path / "logs")
    env["KIOSK_SYSTEM_CONFIG"] = str(tmp_path / "no-system-config.toml")
    return subprocess.run(
        [str(KIOSK), "--data-dir", str(tmp_path / "data"), *args],
        capture_output=True, text=True, check=False, env=env, timeout=60,
    )  # fmt: skip
