"""``kiosk catalog``: check, list and search the services catalog."""

from pathlib import Path

import click

from kiosk.catalog.model import ENGLISH
from kiosk.catalog.snapshot import CatalogState
from kiosk.cli.catalog_update import update
from kiosk.cli.context import AppContext


@click.group()
def catalog() -> None:
    """Check, list and search the services catalog."""


catalog.add_command(update)


@catalog.command()
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.pass_obj
def check(app: AppContext, folder: Path | None) -> None:
    """Check a catalog folder (default: the configured one); exit 1 if it has errors."""
    from kiosk.catalog.loader import check_catalog  # always in full: this is the editor's check

    root = folder or app.config.catalog
    result = check_catalog(root)
    for problem in result.problems:
        click.echo(str(problem))
    services = len(result.catalog.services) if result.catalog else "?"
    summary = (
        f"{root}: {services} services, "
        f"{len(result.errors)} error(s), {len(result.warnings)} warning(s)"
    )
    click.echo(summary, err=bool(result.errors))
    if result.errors:
        raise SystemExit(1)


@catalog.command(name="list")
@click.option("--lang", default=ENGLISH, show_default=True, help="Language to list in.")
@click.pass_obj
def list_services(app: AppContext, lang: str) -> None:
    """List the services by category."""
    state = app.catalog_state
    _warn_if_fallback(app, state)
    current = state.catalog
    for category in current.categories:
        services = current.in_category(category.id)
        if not services:
            continue
        click.echo(f"{current.category_title(category, lang)}:")
        for service in services:
            title = current.text(service, lang).title
            click.echo(f"  {service.id:<40} LGSL {service.lgsl:<4} {title}")


@catalog.command()
@click.argument("query")
@click.option("--lang", default=ENGLISH, show_default=True, help="Language to search in.")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 100))
@click.pass_obj
def search(app: AppContext, query: str, lang: str, limit: int) -> None:
    """Search the services, best match first."""
    from kiosk.catalog.search import SearchIndex

    state = app.catalog_state
    _warn_if_fallback(app, state)
    found = SearchIndex(state.catalog).search(query, lang, limit)
    if not found:
        click.echo(f"no services match '{query}'", err=True)
        raise SystemExit(1)
    for service in found:
        click.echo(f"{service.id:<40} {state.catalog.text(service, lang).title}")


def _warn_if_fallback(app: AppContext, state: CatalogState) -> None:
    if state.from_snapshot:
        click.echo(
            f"warning: the catalog in {state.check.root} has "
            f"{len(state.check.errors)} error(s); using the last good catalog "
            f"({state.catalog.version}). Run 'kiosk catalog check' to see them.",
            err=True,
        )
