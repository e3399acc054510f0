"""``kiosk handout``: the printable handout for one service, as a PDF file, and printed."""

from pathlib import Path
from typing import Any, get_args

import click

from kiosk.catalog.model import ENGLISH
from kiosk.cli.context import AppContext
from kiosk.config import Paper
from kiosk.files import atomic_file, remove_stale_partials


@click.command()
@click.argument("service_id")
@click.option("--lang", default=ENGLISH, show_default=True, help="The resident's language.")
@click.option("--paper", type=click.Choice(get_args(Paper)), help="Default: paper in the config.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The PDF file to write (with --print, default: the data folder's handouts/).",
)
@click.option(
    "--print",
    "print_it",
    is_flag=True,
    help="Print it too, on the configured printer, and wait until it has printed.",
)
@click.pass_obj
def handout(
    app: AppContext, service_id: str, lang: str, paper: Any, output: Path | None, print_it: bool
) -> None:
    """Make the handout for SERVICE_ID: QR code, web address, what you need, the steps.

    With --print it is printed the way the touchscreen prints it: the exit code is 0 only when
    the printing system says the job completed, 1 (and why) when it did not print or could
    not be confirmed within print_deadline_s.
    """
    from kiosk.handouts.document import make_handout  # reportlab: only when a handout is made

    if output is None and not print_it:
        raise click.UsageError("say where to write the handout (-o FILE), or --print it")
    made = make_handout(
        app.catalog_state.catalog,
        service_id,
        language=lang,
        paper=paper or app.config.paper,
        site=app.config.site,
        desk=app.config.desk,
    )
    target = output or _handouts_folder(app) / f"{service_id}-{'+'.join(made.languages)}.pdf"
    remove_stale_partials(target.parent)
    with atomic_file(target, "wb") as handle:
        handle.write(made.pdf)
    pages = "1 page" if made.pages == 1 else f"{made.pages} pages"
    click.echo(
        f"{target}: {pages}, {'+'.join(made.languages)}, body {made.body_size:g} pt; "
        f"QR code opens {made.qr_data}"
    )
    if print_it:
        _print(app, target, paper or app.config.paper)


def _handouts_folder(app: AppContext) -> Path:
    folder = app.config.data_dir / "handouts"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _print(app: AppContext, pdf: Path, paper: str) -> None:
    from kiosk.printing import PrintError, PrintService, lp_available

    if not lp_available():
        raise PrintError(
            "This computer has no CUPS 'lp' command, so the command line cannot print; "
            "print the handout from the touchscreen instead."
        )
    service = PrintService(app.config.printer, paper, deadline_s=app.config.print_deadline_s)
    try:
        result = service.submit(pdf, on_sent=_waiting).result()
    except PrintError as exc:
        raise PrintError(f"Not printed: {exc}") from None
    finally:
        service.shutdown()
    if not result.confirmed:
        raise PrintError(f"Not confirmed as printed: {result.message}")
    click.echo(result.message)


def _waiting(job_id: str) -> None:
    click.echo(f"Sent as job {job_id}; waiting for it to print...")
