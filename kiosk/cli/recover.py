"""``kiosk contacts recover``: a damaged contact log mended by SQLite's own recovery."""

import click

from kiosk.cli.context import AppContext


@click.command()
@click.option("--force", is_flag=True, help="Rebuild the log even if SQLite finds no damage.")
@click.pass_obj
def recover(app: AppContext, force: bool) -> None:
    """Mend a damaged contact log; the damaged file is kept beside it."""
    from kiosk.contacts.recovery import recover as recover_log
    from kiosk.contacts.store import FILE_NAME

    path = app.data_dir() / FILE_NAME  # not app.contact_log: opening it may be what fails
    done = recover_log(path, force=force)
    click.echo(
        f"recovered {done.contacts} contact(s){_out_of(done.contacts, done.expected)} into "
        f"{path}; the damaged file is kept as {done.kept_as}"
    )


def _out_of(recovered: int, expected: int | None) -> str:
    if expected is None:
        return " (the damaged log's own counts could not be read to say how many it held)"
    if recovered >= expected:
        return f" of the {expected} it counted"
    return (
        f" of the {expected} it counted ({expected - recovered} could not be read and "
        "stay in the damaged file)"
    )
