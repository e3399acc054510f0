"""``kiosk catalog update``: take the hub's new catalog once, if there is one and it is sound."""

import click

from kiosk.cli.context import AppContext


@click.command()
@click.pass_obj
def update(app: AppContext) -> None:
    """Check the hub for a new catalog and use it if it passes every check; exit 0 current
    or updated, 1 refused or unreachable (the catalog in use stays)."""
    from kiosk.catalog.update_words import CatalogUpdateError
    from kiosk.catalog.updates import update_catalog  # tuf and its HTTP: only here

    try:
        result = update_catalog(app.config, app.data_dir())
    except CatalogUpdateError as exc:
        click.echo(f"error: {exc}", err=True)
        raise SystemExit(1) from None
    click.echo(result.describe())
