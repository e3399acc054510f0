"""``kiosk handout``: the printable handout for one service, as a PDF file."""

from pathlib import Path
from typing import Any, get_args

import click

from kiosk.catalog.model import ENGLISH
from kiosk.cli.context import AppContext
from kiosk.config import Paper
from kiosk.files import atomic_file


@click.command()
@click.argument("service_id")
@click.option("--lang", default=ENGLISH, show_default=True, help="The resident's language.")
@click.option("--paper", type=click.Choice(get_args(Paper)), help="Default: paper in the config.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def handout(app: AppContext, service_id: str, lang: str, paper: Any, output: Path) -> None:
    """Make the handout for SERVICE_ID: QR code, web address, what you need, the steps."""
    from kiosk.handouts.document import make_handout  # reportlab: only when a handout is made

    made = make_handout(
        app.catalog_state.catalog,
        service_id,
        language=lang,
        paper=paper or app.config.paper,
        site=app.config.site,
        desk=app.config.desk,
    )
    with atomic_file(output, "wb") as handle:
        handle.write(made.pdf)
    pages = "1 page" if made.pages == 1 else f"{made.pages} pages"
    click.echo(
        f"{output}: {pages}, {'+'.join(made.languages)}, body {made.body_size:g} pt; "
        f"QR code opens {made.qr_data}"
    )
