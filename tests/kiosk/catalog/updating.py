"""A kiosk that takes its catalog from a test hub: its config, and real ``kiosk`` processes."""

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.catalog_builder import CatalogBuilder

KIOSK = Path(sys.executable).parent / "kiosk"
V1_TITLE = "Check your bin collection day"  # the builder's own


@dataclass
class Kiosk:
    folder: Path
    catalog: Path  # its own catalog folder, used until the hub's first arrives

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def configure(self, source: str, root: Path, timeout_s: float = 5.0) -> None:
        """Point the kiosk at the hub, with the root metadata IT installed."""
        installed = self.folder / "catalog-root.json"
        shutil.copyfile(root, installed)
        (self.folder / "config.toml").write_text(
            f'catalog = "{self.catalog}"\ncatalog_source = "{source}"\n'
            f'catalog_root = "{installed}"\ncatalog_timeout_s = {timeout_s}\n',
            encoding="utf-8",
        )

    def run(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
        env["KIOSK_LOG_DIR"] = str(self.folder / "logs")
        env["KIOSK_SYSTEM_CONFIG"] = str(self.folder / "no-system-config.toml")
        command = [str(KIOSK), "--config", str(self.folder / "config.toml")]
        return subprocess.run(
            [*command, "--data-dir", str(self.data), *args],
            capture_output=True, text=True, check=False, env=env, timeout=timeout,
        )  # fmt: skip

    def update(self) -> subprocess.CompletedProcess[str]:
        return self.run("catalog", "update")

    def titles(self) -> str:
        """What staff see listed: the titles of the catalog in use."""
        listed = self.run("catalog", "list")
        assert listed.returncode == 0, listed.stderr
        return listed.stdout


def titled(builder: CatalogBuilder, title: str) -> Path:
    """The builder's catalog with bin-day's title changed to ``title``, written out."""
    builder.services["bin-day"]["title"] = title
    return builder.write()
