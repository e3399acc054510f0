"""A kiosk installed without the [hub] extra: ``kiosk hub`` says what to install, in one line."""

import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.hub.cli import HUB_LIBRARIES

WITHOUT = (
    "import sys; sys.modules[{0!r}] = None; from kiosk.cli.main import main; main(sys.argv[1:])"
)


@pytest.mark.parametrize("library", HUB_LIBRARIES)
@pytest.mark.parametrize("command", [["serve"], ["kiosk", "list"], ["report"], ["migrate"]])
def test_every_hub_command_names_the_extra_it_needs(
    library: str, command: list[str], tmp_path: Path
) -> None:
    done = subprocess.run(
        [sys.executable, "-c", WITHOUT.format(library), "--data-dir", str(tmp_path), "hub",
         *command],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        "error: the hub needs its extra (pip install 'assisted-digital-kiosk[hub]'): "
        f"{library} is missing\n"
    )
    assert not (tmp_path / "hub.db").exists()
