"""The root of the command line: global options, plug-in commands and error handling."""

import logging
import os
import sys
from collections.abc import Sequence
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path

import click

from kiosk import __version__
from kiosk.cli.catalog import catalog
from kiosk.cli.config_cmd import config_group
from kiosk.cli.contacts import contacts, export, purge, report, seed_demo_command
from kiosk.cli.context import AppContext
from kiosk.cli.doctor import doctor
from kiosk.cli.handout import handout
from kiosk.cli.supervisor import supervisor
from kiosk.cli.upload import upload
from kiosk.config import default_log_dir
from kiosk.errors import KioskError
from kiosk.logs import FILE_ONLY, setup_logging

COMMAND_GROUP = "kiosk.commands"  # other packages (the touchscreen in ui/) add commands here
_DIR = click.Path(file_okay=False, path_type=Path)
log = logging.getLogger(__name__)


class _KioskGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *(e.name for e in _plugins())})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        found = super().get_command(ctx, name)
        if found is not None:
            return found
        plugin = next((e for e in _plugins() if e.name == name), None)
        if plugin is None:
            return None
        command: click.Command = plugin.load()
        return command


def _plugins() -> list[EntryPoint]:
    return list(entry_points(group=COMMAND_GROUP))


@click.group(cls=_KioskGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kiosk")
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Config file (default: $KIOSK_CONFIG, then the user config dir).",
)
@click.option("--data-dir", type=_DIR, help="Data folder (overrides data_dir, $KIOSK_DATA_DIR).")
@click.option("--catalog", type=_DIR, help="Catalog folder (overrides catalog, $KIOSK_CATALOG).")
@click.option("--debug", is_flag=True, help="Show full details when something fails.")
@click.pass_context
def cli(
    ctx: click.Context,
    config_file: Path | None,
    data_dir: Path | None,
    catalog: Path | None,
    debug: bool,
) -> None:
    """Assisted-digital kiosk: show residents council services online, log each contact."""
    context = AppContext(config_file, {"data_dir": data_dir, "catalog": catalog}, debug)
    ctx.obj = context
    setup_logging(_log_dir(context), debug=debug)
    log.info("kiosk %s: %s", __version__, ctx.invoked_subcommand)


def _log_dir(context: AppContext) -> Path:
    """The configured log folder; with a broken config, KIOSK_LOG_DIR or the default (the
    command itself then reports what is wrong with the config)."""
    try:
        return context.config.log_dir
    except KioskError:
        return Path(os.environ.get("KIOSK_LOG_DIR") or default_log_dir())


for command in (
    catalog,
    config_group,
    doctor,
    contacts,
    export,
    report,
    purge,
    seed_demo_command,
    handout,
    upload,
    supervisor,
):
    cli.add_command(command)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the command line; failures become one line on stderr and a non-zero exit."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    try:
        code = cli.main(args=args, prog_name="kiosk", standalone_mode=False)
        if isinstance(code, int) and code:  # ctx.exit(code) returns here without standalone
            _exit_with(code)
    except click.exceptions.Exit as done:
        _exit_with(done.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo("interrupted", err=True)
        sys.exit(130)
    except KioskError as exc:
        log.error("error: %s", exc, extra=FILE_ONLY)
        if debug:
            raise
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except Exception as exc:
        log.critical("unexpected failure", exc_info=True, extra=FILE_ONLY)
        if debug:
            raise
        click.echo(
            f"error: unexpected failure ({type(exc).__name__}: {exc}); "
            "run again with --debug for details",
            err=True,
        )
        sys.exit(1)


def _exit_with(code: int) -> None:
    if code:
        log.info("finished with exit code %d", code)
    sys.exit(code)
