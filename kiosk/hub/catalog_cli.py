"""``kiosk hub catalog``: publish the catalog kiosks fetch, list what was published, roll back.

``publish`` checks the folder exactly as ``kiosk catalog check`` does and refuses on any error,
showing the same lines; a rollback publishes an old version's archive again as a new, higher
version, so a kiosk never has to go backwards.
"""

import getpass
from pathlib import Path

import click

from kiosk.cli.context import AppContext
from kiosk.errors import KioskError
from kiosk.printable import hidden_characters

NAME_MAX = 80
_by_option = click.option(
    "--by",
    "by",
    metavar="NAME",
    help="Who publishes it, as the Catalog page shows (default: your user name).",
)


@click.group("catalog")
def catalog_group() -> None:
    """The catalog kiosks fetch from the hub, signed: publish, list, roll back."""


@catalog_group.command("publish")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@_by_option
@click.pass_obj
def catalog_publish(app: AppContext, folder: Path, by: str | None) -> None:
    """Check the catalog in FOLDER as kiosk catalog check does, then publish it."""
    from kiosk.hub.catalog_archive import CatalogRefusedError, checked_archive
    from kiosk.hub.catalog_repository import CatalogRepository

    who = _publisher(by)
    repository = CatalogRepository(app.data_dir())
    if not repository.set_up:
        raise KioskError(
            "the hub has no catalog keys yet: run kiosk hub keys init --root-key FILE first"
        )
    try:
        checked = checked_archive(folder)
    except CatalogRefusedError as refused:
        for problem in refused.problems:
            click.echo(str(problem))
        raise
    for problem in checked.problems:
        click.echo(str(problem))
    published = repository.publish(checked.archive, who, checked.content_version)
    click.echo(
        f"published catalog version {published.catalog_version} "
        f"({checked.services} services, {published.length:,} bytes, "
        f"sha256 {published.sha256[:12]}) by {who}: kiosks take it at their next check"
    )


@catalog_group.command("rollback")
@click.argument("version", type=click.IntRange(min=1))
@_by_option
@click.pass_obj
def catalog_rollback(app: AppContext, version: int, by: str | None) -> None:
    """Publish version VERSION's catalog again, as a new, higher version."""
    from kiosk.hub.catalog_repository import CatalogRepository

    who = _publisher(by)
    published = CatalogRepository(app.data_dir()).rollback(version, who)
    click.echo(
        f"published catalog version {published.catalog_version}: the catalog of version "
        f"{version} again, by {who}; kiosks take it at their next check"
    )


@catalog_group.command("list")
@click.option("--database", metavar="URL", help="The hub's database (default: hub_database).")
@click.pass_obj
def catalog_list(app: AppContext, database: str | None) -> None:
    """Every published version: by whom, when, its sha256 and which kiosks run it."""
    from kiosk.hub.catalog_repository import CatalogRepository
    from kiosk.hub.catalog_view import catalog_view
    from kiosk.hub.cli import transaction
    from kiosk.hub.kiosks import list_kiosks

    repository = CatalogRepository(app.data_dir())
    if not repository.set_up:
        click.echo("no catalog keys yet: kiosk hub keys init --root-key FILE")
        return
    with transaction(app, database) as connection:
        found = list_kiosks(connection)
    view = catalog_view(repository.published(), found, repository.root_expires())
    if not view.rows:
        click.echo("nothing published yet: kiosk hub catalog publish FOLDER")
    for row in view.rows:
        p = row.published
        same = f" (the catalog of version {row.same_as})" if row.same_as else ""
        running = ", ".join(row.kiosks) or "no kiosk"
        click.echo(
            f"{p.catalog_version}: published by {p.published_by} at "
            f"{p.published_at}, sha256 {row.sha_prefix}{same}; run by {running}"
        )
    if view.elsewhere:
        click.echo(f"on no published version: {', '.join(view.elsewhere)}")
    warning = "; sign a new one: kiosk hub keys rotate" if view.root_expires_soon else ""
    click.echo(f"the root metadata expires {view.root_expires}{warning}")


def _publisher(by: str | None) -> str:
    if by is None:
        try:
            by = getpass.getuser()
        except (OSError, KeyError):
            raise KioskError("say who publishes it: --by NAME") from None
    by = by.strip()
    if not by or len(by) > NAME_MAX or hidden_characters(by):
        raise KioskError(
            f"--by is a name of 1 to {NAME_MAX} characters, without hidden characters"
        )
    return by
