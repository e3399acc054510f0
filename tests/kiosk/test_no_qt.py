"""The core runs where Qt cannot even be imported (napari's headless rule, enforced)."""

import subprocess
import sys
from pathlib import Path

import kiosk

BLOCK_QT_AND_RUN = """
import importlib, pkgutil, sys

class NoQt:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {"PySide6", "shiboken6", "PyQt5", "PyQt6", "ui"}:
            raise ImportError(f"{name} may not be imported by the core")
        return None

sys.meta_path.insert(0, NoQt())
import kiosk
for module in pkgutil.walk_packages(kiosk.__path__, "kiosk."):
    if module.name != "kiosk.__main__":
        importlib.import_module(module.name)
from kiosk.cli.main import main
main(["--data-dir", sys.argv[1], "catalog", "search", "council tax"])
"""


def test_every_core_module_and_the_cli_work_without_qt(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", BLOCK_QT_AND_RUN, str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "pay-council-tax" in done.stdout


def test_no_source_file_in_the_core_mentions_qt() -> None:
    root = Path(kiosk.__file__).parent
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if any(name in path.read_text(encoding="utf-8") for name in ("PySide6", "shiboken6"))
    ]
    assert offenders == []
