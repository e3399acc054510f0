"""Each command loads when used: `kiosk --help` lists them all, each imports only what it needs."""

import subprocess
import sys
from importlib.metadata import EntryPoint
from pathlib import Path

import click
import pytest

from kiosk.cli.main import COMMAND_GROUP, COMMANDS, cli
from kiosk.contacts.store import ContactLog
from tests.kiosk.cli.test_catalog_commands import run
from tests.kiosk.contacts.helpers import contact

# Run a command in a fresh process, then say on stderr's last line which of the watched
# modules it loaded and whether it read the entry points.
WATCHED_RUN = """
import importlib.metadata, sys
read = []
real = importlib.metadata.entry_points
importlib.metadata.entry_points = lambda **kw: read.append(1) or real(**kw)
from kiosk.cli.main import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
heavy = ("pydantic", "sqlite_utils", "reportlab", "rapidfuzz", "PySide6", "kiosk.cli.contacts",
         "kiosk.catalog", "kiosk.config", "kiosk.upload.uploader", "kiosk.handouts")
loaded = sorted(name for name in heavy if name in sys.modules)
print(f"loaded={','.join(loaded)} entry_points={bool(read)}", file=sys.stderr)
"""


def hello() -> None:
    """Say hello (a plug-in command for these tests)."""
    click.echo("hello from a plug-in")


hello_command = click.command("hello")(hello)


def watched(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", WATCHED_RUN, *args], capture_output=True, text=True, check=False
    )
    return done.stderr.strip().splitlines()[-1]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_listed_help_is_the_commands_own(name: str) -> None:
    command = COMMANDS[name].load()
    assert command.name == name
    assert COMMANDS[name].short_help == command.get_short_help_str(limit=1000)


def test_help_lists_every_command_with_its_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    listed = out.split("Commands:\n", 1)[1]
    assert code == 0
    for name in [*COMMANDS, "run"]:
        assert f"\n  {name} " in f"\n{listed}"
    assert "  report      Totals, breakdowns, digital take-up and the estimated..." in listed


def test_version_loads_no_command() -> None:
    assert watched("--version") == "loaded= entry_points=False"


def test_report_and_export_load_only_the_log(tmp_path: Path) -> None:
    ContactLog.in_data_dir(tmp_path).record(contact())
    options = ("--data-dir", str(tmp_path))
    watched(*options, "catalog", "list")  # the first start checks the catalog, and keeps it
    wanted = "loaded=kiosk.catalog,kiosk.cli.contacts,kiosk.config entry_points=False"
    assert watched(*options, "report", "--from", "2026-11-01", "--to", "2026-11-30") == wanted
    export = ("export", "--from", "2026-11-01", "--to", "2026-11-30", "-o", str(tmp_path / "x"))
    assert watched(*options, *export) == wanted
    assert (tmp_path / "x").read_text(encoding="utf-8-sig").count("\n") == 2


def test_only_an_unknown_name_reads_the_entry_points(tmp_path: Path) -> None:
    assert watched("--data-dir", str(tmp_path), "no-such-command").endswith("entry_points=True")


def test_the_touchscreen_plug_in_is_found() -> None:
    assert cli.plugins["run"].value == "ui.app:run"  # type: ignore[attr-defined]


def test_a_plug_in_command_runs(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    plug_in = EntryPoint("hello", f"{__name__}:hello_command", COMMAND_GROUP)
    monkeypatch.setitem(cli.__dict__, "plugins", {"hello": plug_in})
    assert run(capsys, "hello")[:2] == (0, "hello from a plug-in\n")
    assert "  hello       Say hello (a plug-in command for these tests)." in run(capsys, "-h")[1]


def test_a_plug_in_that_cannot_load_leaves_help_working(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = EntryPoint("broken", "no_such_package.cli:command", COMMAND_GROUP)
    monkeypatch.setitem(cli.__dict__, "plugins", {"broken": broken})
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert "  broken      (cannot be loaded: ModuleNotFoundError:" in out
    assert "  catalog     Check, list and search the services catalog." in out
