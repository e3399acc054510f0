"""The root of the command line: global options, commands loaded on use, error handling.

``kiosk --version`` or ``kiosk report`` imports click and what that one command needs, not
every command's libraries (reportlab, pydantic, the upload's HTTP stack).
"""

import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kiosk.cli.lazy import LazyCommand, LazyGroup
from kiosk.errors import KioskError
from kiosk.files import kept_private
from kiosk.printable import printable_output

if TYPE_CHECKING:
    from kiosk.cli.context import AppContext

COMMAND_GROUP = "kiosk.commands"  # other packages (the touchscreen in ui/) add commands here
_DIR = click.Path(file_okay=False, path_type=Path)
log = logging.getLogger(__name__)
_context: "AppContext | None" = None  # this run's, for naming its files in a failure

# name -> where the command is, and its short help for ``kiosk --help`` (a test keeps each
# line equal to the command's own)
COMMANDS = {
    "catalog": LazyCommand(
        "kiosk.cli.catalog:catalog", "Check, list and search the services catalog."
    ),
    "config": LazyCommand(
        "kiosk.cli.config_cmd:config_group",
        "The configuration: what is in effect and where it came from.",
    ),
    "contacts": LazyCommand(
        "kiosk.cli.contacts:contacts", "Add contacts by hand or from a paper-log spreadsheet."
    ),
    "doctor": LazyCommand(
        "kiosk.cli.doctor:doctor",
        "Check the screen, printer, data folder, catalog, upload and clock.",
    ),
    "export": LazyCommand(
        "kiosk.cli.contacts:export", "Export contacts (CSV for Excel, or JSON Lines)."
    ),
    "handout": LazyCommand(
        "kiosk.cli.handout:handout",
        "Make the handout for SERVICE_ID: QR code, web address, what you need, the steps.",
    ),
    "hub": LazyCommand(
        "kiosk.hub.cli:hub",
        "The council hub: receive every kiosk's contacts and show them council-wide.",
    ),
    "purge": LazyCommand(
        "kiosk.cli.contacts:purge",
        "Delete contacts older than retention_days (never unsent ones while upload is on).",
    ),
    "report": LazyCommand(
        "kiosk.cli.contacts:report",
        "Totals, breakdowns, digital take-up and the estimated saving (text, JSON or PDF).",
    ),
    "seed-demo": LazyCommand(
        "kiosk.cli.contacts:seed_demo_command",
        "Add realistic synthetic contacts (source=demo) for training and benchmarks.",
    ),
    "supervisor": LazyCommand(
        "kiosk.cli.supervisor:supervisor",
        "The supervisor PIN that guards the kiosk's settings on the touchscreen.",
    ),
    "upload": LazyCommand(
        "kiosk.cli.upload:upload",
        "Send pending contacts; exit 0 all sent, 2 some left for later, 1 a person must act.",
    ),
}


def _show_version(ctx: click.Context, _: click.Parameter, wanted: bool) -> None:
    if not wanted or ctx.resilient_parsing:
        return
    from kiosk import __version__

    click.echo(f"kiosk, version {__version__}")
    ctx.exit()


@click.group(
    cls=LazyGroup,
    lazy=COMMANDS,
    plugin_group=COMMAND_GROUP,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_show_version,
    help="Show the version and exit.",
)
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
    from kiosk import __version__
    from kiosk.cli.context import AppContext
    from kiosk.logs import setup_logging

    global _context
    context = AppContext(config_file, {"data_dir": data_dir, "catalog": catalog}, debug)
    ctx.obj = _context = context
    setup_logging(_log_dir(context), debug=debug)
    log.info("kiosk %s: %s", __version__, ctx.invoked_subcommand)


def _log_dir(context: "AppContext") -> Path:
    """The configured log folder; with a broken config, KIOSK_LOG_DIR or the default (the
    command itself then reports what is wrong with the config)."""
    try:
        return context.config.log_dir
    except KioskError:
        from kiosk.config import default_log_dir

        return Path(os.environ.get("KIOSK_LOG_DIR") or default_log_dir())


def main(argv: Sequence[str] | None = None) -> None:
    """Run the command line; failures become one line on stderr and a non-zero exit."""
    args = list(sys.argv[1:] if argv is None else argv)
    with printable_output():  # nothing printed hides what it is, a failure's words included
        _run(args, debug="--debug" in args)


def _run(args: list[str], debug: bool) -> None:
    try:
        with kept_private():  # owner-only from before the first file
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
        _fail(exc, debug)
    except Exception as exc:
        damaged = _damaged_log(exc)
        if damaged is not None:
            _fail(damaged, debug)
        from kiosk.logs import FILE_ONLY

        log.critical("unexpected failure", exc_info=True, extra=FILE_ONLY)
        if debug:
            raise
        click.echo(
            f"error: unexpected failure ({type(exc).__name__}: {exc}); "
            "run again with --debug for details",
            err=True,
        )
        sys.exit(1)


def _fail(exc: KioskError, debug: bool) -> None:
    from kiosk.logs import FILE_ONLY  # already loaded when logging was set up

    log.error("error: %s", exc, extra=FILE_ONLY)
    if debug:
        raise exc
    click.echo(f"error: {exc}", err=True)
    sys.exit(1)


def _damaged_log(exc: Exception) -> KioskError | None:
    """SQLite finding the contact log's file damaged, as words naming it and the way out."""
    if "sqlite3" not in sys.modules or _context is None:  # no log opened: not the log's
        return None
    from kiosk.contacts.damage_mark import remember_damage
    from kiosk.contacts.store import FILE_NAME, DamagedLogError, is_damage

    if not is_damage(exc):
        return None
    path = _context.config.data_dir / FILE_NAME
    remember_damage(path, str(exc))
    return DamagedLogError(path, str(exc))


def _exit_with(code: int) -> None:
    if code:
        log.info("finished with exit code %d", code)
    sys.exit(code)
