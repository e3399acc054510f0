"""A failure's words are escaped as the rest of the output is: a value that was refused is
shown as ``\\x1b`` or ``\\u202e``, never obeyed by the terminal or hidden from IT."""

import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.printable import hidden_characters

KIOSK = Path(sys.executable).parent / "kiosk"
ADD = ["contacts", "add", "--mode", "showed_how", "--outcome", "completed"]
HOSTILE = [
    ("\x1b[2J\x1b[31mcleared", "\\x1b"),  # clears the screen, turns it red
    ("\x1b]0;owned\x07", "\\x07"),  # retitles the terminal
    ("pay\u202etax", "\\u202e"),  # right-to-left override
    ("pay\u200btax", "\\u200b"),  # zero-width space
]


def kiosk(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [str(KIOSK), "--data-dir", str(tmp_path / "data"), *args]
    return subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)


@pytest.mark.parametrize(("value", "shown"), HOSTILE)
@pytest.mark.parametrize("where", ["a kiosk error", "a click error"])
def test_a_refused_value_is_shown_escaped_in_the_error(
    tmp_path: Path, value: str, shown: str, where: str
) -> None:
    if where == "a kiosk error":
        done = kiosk(tmp_path, *ADD, "--service", value)
    else:
        done = kiosk(tmp_path, "contacts", "add", "--service", "general", "--mode", value)
    assert done.returncode in (1, 2)
    assert done.stderr.startswith(("error: ", "Usage: ")), done.stderr
    assert hidden_characters(done.stderr) == []
    assert shown in done.stderr or where == "a kiosk error"  # it may leave them out instead


@pytest.mark.parametrize("nul_in", ["site", "desk"])
def test_a_nul_in_a_refused_setting_is_shown_escaped(tmp_path: Path, nul_in: str) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(f'{nul_in} = "library\\u0000"\n', encoding="utf-8")
    done = kiosk(tmp_path, "--config", str(config), "report")
    assert done.returncode == 1
    assert f"{nul_in}: 'library\\x00' is not allowed" in done.stderr
    assert hidden_characters(done.stderr) == []
