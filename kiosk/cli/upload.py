"""``kiosk upload``: send the contact log to the council, see how it stands, requeue."""

import signal
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from kiosk.cli.context import AppContext
from kiosk.config import Config
from kiosk.errors import ConfigError

if TYPE_CHECKING:  # each subcommand imports what it uses: status needs no uploader
    from kiosk.upload.uploader import RunReport, Settings, Uploader


def make_uploader(
    app: AppContext, target: str | None = None, token_file: Path | None = None
) -> "Uploader":
    from kiosk.config_checks import address_problem, path_problem
    from kiosk.upload.uploader import Uploader

    config = app.config
    problem = (target and address_problem(target, "--target")) or (
        token_file and path_problem("upload_token_file", token_file, "--token-file")
    )  # the options are held to the settings' own rules: a FIFO is never read forever
    if problem:
        raise ConfigError(problem)
    url = target or config.upload_target
    if not url:
        raise ConfigError("no upload target: set upload_target in the config, or use --target")
    return Uploader(app.contact_log, _transport(config, url, token_file), settings_from(config))


def _transport(config: Config, url: str, token_file: Path | None) -> Any:
    # urllib and ssl load only when an upload is really made (the touchscreen starts faster)
    from kiosk.upload.transport import FolderTransport, HttpTransport, token_from

    if url.startswith("file:"):
        return FolderTransport(url)
    token = token_from(token_file or config.upload_token_file, config.upload_token_env)
    return HttpTransport(url, token, config.upload_timeout_s, config.upload_ca_bundle)


def settings_from(config: Config) -> "Settings":
    from kiosk.upload.uploader import Settings

    return Settings(
        site=config.site,
        desk=config.desk,
        batch_size=config.upload_batch_size,
        backoff_base=config.upload_backoff_base_s,
        backoff_cap=config.upload_backoff_cap_s,
    )


@click.group(invoke_without_command=True)
@click.option("--target", help="Upload here instead of upload_target (https:// or file:///).")
@click.option("--token-file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--watch", is_flag=True, help="Keep going, following the backoff, until stopped.")
@click.pass_context
def upload(ctx: click.Context, target: str | None, token_file: Path | None, watch: bool) -> None:
    """Send pending contacts; exit 0 all sent, 2 some left for later, 1 a person must act."""
    if ctx.invoked_subcommand is not None:
        return
    uploader = make_uploader(ctx.obj, target, token_file)
    if watch:
        _watch(uploader)
        return
    report = uploader.run_once(force=True)
    for problem in report.problems:
        click.echo(f"warning: {problem}", err=True)
    if report.refused:
        click.echo(f"error: {report.refused}", err=True)
    click.echo(run_summary(report))
    ctx.exit(report.exit_code)


def run_summary(report: "RunReport") -> str:
    """What the round did and what is left, in one line; every count is the log's own."""
    done = f"accepted {report.accepted}, rejected {report.rejected}"
    if not report.left:
        alive = "; told the receiver this kiosk is alive" if report.heartbeat else ""
        return f"{done}, nothing left to send{alive}"
    held = f", {report.held} batch(es) held (see 'kiosk upload status')" if report.held else ""
    return (
        f"{done}, {report.left} contact(s) left for later "
        f"({report.waiting} batch(es) waiting to retry{held})"
    )


def _watch(uploader: "Uploader") -> None:
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    click.echo("uploading as contacts arrive; Ctrl+C to stop", err=True)
    try:
        uploader.run_forever(stop)
    except KeyboardInterrupt:
        stop.set()


@upload.command()
@click.pass_obj
def status(app: AppContext) -> None:
    """Pending, sent, rejected (with reasons), held, last success and error, next attempt."""
    from kiosk.upload.status import upload_status

    for line in upload_status(app.contact_log).lines():
        click.echo(line)


@upload.command()
@click.pass_obj
def requeue(app: AppContext) -> None:
    """Send rejected contacts and held batches again at the next upload."""
    from kiosk.upload.queue import UploadQueue

    rejected, held = UploadQueue(app.contact_log).requeue()
    click.echo(f"requeued {rejected} rejected contact(s) and {held} held batch(es)")
