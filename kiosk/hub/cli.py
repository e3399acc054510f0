"""``kiosk hub``: run the council hub and manage who may upload to it and sign in to it.

Every command opens the database named by ``--database``, else the ``hub_database`` setting,
else ``hub.db`` in the data folder, and upgrades it first (the same as ``kiosk hub migrate``).
A kiosk's token is printed once, by ``kiosk hub kiosk add``; the hub keeps only its hash.
"""

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from kiosk.cli.contacts import chosen_period, from_option, month_option, to_option
from kiosk.cli.context import AppContext
from kiosk.errors import KioskError
from kiosk.hub.catalog_cli import catalog_group
from kiosk.hub.keys_cli import keys_group

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine
    from starlette.applications import Starlette

    from kiosk.hub.kiosks import Kiosk
    from kiosk.hub.people import Person

EXTRA = "pip install 'assisted-digital-kiosk[hub]'"
DEFAULT_LISTEN = "127.0.0.1:8450"
# cryptography: securesystemslib signs the catalog's metadata with it (a kiosk only verifies)
HUB_LIBRARIES = (
    "sqlalchemy", "alembic", "starlette", "uvicorn", "jinja2", "argon2", "cryptography",
    "orjson",
)  # fmt: skip
Listed = TypeVar("Listed")
_database_option = click.option(
    "--database",
    metavar="URL",
    help="sqlite:///FILE or postgresql+psycopg://USER@HOST/NAME (default: hub_database).",
)


def hub_engine(app: AppContext, database: str | None) -> "Engine":
    """The hub's database, created or upgraded to this version's tables."""
    try:
        from kiosk.hub.database import database_url, migrate, open_engine
    except ImportError as exc:
        raise KioskError(f"the hub needs its extra ({EXTRA}): {exc.name} is missing") from None
    url = database_url(database or app.config.hub_database, app.data_dir())
    engine = open_engine(url)
    migrate(engine)
    return engine


@contextmanager
def transaction(app: AppContext, database: str | None) -> Iterator["Connection"]:
    engine = hub_engine(app, database)
    try:
        with engine.begin() as connection:
            yield connection
    finally:
        engine.dispose()


def _print_each(
    app: AppContext,
    database: str | None,
    read: "Callable[[Connection], list[Listed]]",
    line: "Callable[[Listed], str]",
    none_yet: str,
) -> None:
    """A line for each row ``read`` finds, or ``none_yet`` (what to do) when it finds none."""
    with transaction(app, database) as connection:
        found = read(connection)
    if not found:
        click.echo(none_yet)
    for row in found:
        click.echo(line(row))


@click.group()
def hub() -> None:
    """The council hub: receive every kiosk's contacts and show them council-wide."""
    import importlib.util

    for library in HUB_LIBRARIES:  # a kiosk's own install has none of them
        if importlib.util.find_spec(library) is None:
            raise KioskError(f"the hub needs its extra ({EXTRA}): {library} is missing")


hub.add_command(catalog_group)  # kiosk hub catalog publish|list|rollback
hub.add_command(keys_group)  # kiosk hub keys init|rotate


@hub.command()
@_database_option
@click.pass_obj
def migrate(app: AppContext, database: str | None) -> None:
    """Create the hub's database, or upgrade it to this version."""
    hub_engine(app, database).dispose()
    click.echo("the hub's database is up to date")


@hub.command()
@click.option(
    "--listen",
    default=DEFAULT_LISTEN,
    show_default=True,
    metavar="HOST:PORT",
    help="Where to answer; behind a reverse proxy for TLS (docs/hub.md), keep it 127.0.0.1.",
)
@_database_option
@click.option(
    "--demo",
    is_flag=True,
    help="A throwaway hub of synthetic contacts, to look round; gone when it stops.",
)
@click.option(
    "--https",
    "behind_https",
    is_flag=True,
    help="People reach the hub over https:// (a proxy's TLS): sign-in cookies go over it only.",
)
@click.option(
    "--workers",
    type=int,
    default=1,
    show_default=True,
    help="Processes answering (PostgreSQL only): one per core takes the most batches.",
)
@click.pass_obj
def serve(
    app: AppContext,
    listen: str,
    database: str | None,
    demo: bool,
    behind_https: bool,
    workers: int,
) -> None:
    """Receive the kiosks' uploads at /v1/contacts and serve the pages for people."""
    from kiosk.hub.app import create_app, session_key
    from kiosk.hub.catalog_refresh import catalog_kept_fresh
    from kiosk.hub.workers import check_workers, pass_to_workers

    host, port = _listen_address(listen)
    if demo:
        if database:
            raise KioskError("--demo makes a throwaway database of its own: leave out --database")
        check_workers(workers, "sqlite")
        _serve_demo(host, port, app)
        return
    engine = hub_engine(app, database)
    check_workers(workers, engine.dialect.name)
    key = session_key(app.data_dir())
    with catalog_kept_fresh(app.data_dir()):  # the catalog's timestamp never goes stale
        if workers == 1:
            _serve(create_app(engine, key, https_only=behind_https, config=app.config), host, port)
            return
        engine.dispose()  # each worker opens its own
        pass_to_workers(app.config_file, app.overrides, database, behind_https)
        _serve(WORKER_APP, host, port, workers)


def _serve_demo(host: str, port: int, app: AppContext) -> None:
    import secrets
    import signal
    import tempfile

    from kiosk.hub.app import create_app
    from kiosk.hub.demo import ADMIN, make_demo_hub

    # uvicorn stops on SIGTERM, then raises it again: exit instead, so the folder goes too
    signal.signal(signal.SIGTERM, _exit_quietly)
    with tempfile.TemporaryDirectory(prefix="kiosk-hub-demo-") as folder:
        click.echo("making a demo hub: a year of synthetic contacts at 5 sites...", err=True)
        demo = make_demo_hub(Path(folder))
        web = create_app(demo.engine, secrets.token_urlsafe(32), config=app.config)
        web.state.demo = True  # the pages say "Demo: synthetic contacts"
        click.echo(
            f"Demo hub (synthetic contacts, forgotten when it stops): sign in at "
            f"http://{host}:{port}/sign-in as {ADMIN}, password {demo.admin_password}"
        )
        try:
            _serve(web, host, port)
        finally:
            demo.engine.dispose()


def _exit_quietly(*_: object) -> None:
    raise SystemExit(0)


WORKER_APP = "kiosk.hub.workers:app_from_environment"


def _serve(web: "Starlette | str", host: str, port: int, workers: int = 1) -> None:
    """Serve ``web``, or with ``workers`` > 1 the app each worker makes from ``WORKER_APP``."""
    import uvicorn

    click.echo(f"the hub is answering on http://{host}:{port}/ (Ctrl+C stops it)", err=True)
    uvicorn.run(
        web,
        host=host,
        port=port,
        log_level="warning",
        server_header=False,
        workers=workers if workers > 1 else None,
        factory=isinstance(web, str),
    )


def _listen_address(listen: str) -> tuple[str, int]:
    host, _, port = listen.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise KioskError(f"--listen is HOST:PORT, such as {DEFAULT_LISTEN}, not {listen!r}")
    return host.strip("[]"), int(port)


@hub.group("kiosk")
def kiosk_group() -> None:
    """The kiosks that may upload: one token per site and desk."""


@kiosk_group.command("add")
@click.option("--site", required=True, help="The kiosk's site code, as in its council.toml.")
@click.option("--desk", required=True, help="The kiosk's desk code.")
@_database_option
@click.pass_obj
def kiosk_add(app: AppContext, site: str, desk: str, database: str | None) -> None:
    """Issue SITE/DESK's upload token (printed this once; the hub keeps only a hash)."""
    from kiosk.hub.kiosks import add_kiosk

    with transaction(app, database) as connection:
        token = add_kiosk(connection, site, desk)
    click.echo(f"{site}/{desk} may upload now. Its token, shown only this once:", err=True)
    click.echo(token)
    click.echo(
        "Put it in the kiosk's upload_token_file (readable only by the kiosk's user).", err=True
    )


@kiosk_group.command("list")
@_database_option
@click.pass_obj
def kiosk_list(app: AppContext, database: str | None) -> None:
    """Every kiosk: its site, desk, when it was added, revoked and last uploaded."""
    from kiosk.hub.kiosks import list_kiosks

    _print_each(
        app, database, list_kiosks, _kiosk_line,
        "no kiosks yet: kiosk hub kiosk add --site SITE --desk DESK",
    )  # fmt: skip


def _kiosk_line(k: "Kiosk") -> str:
    state = f"revoked {k.revoked_at}" if k.revoked_at else "may upload"
    last = k.last_upload_at or "never"
    return f"{k.site}/{k.desk}: {state}; added {k.added_at}; last upload {last}"


@kiosk_group.command("revoke")
@click.argument("site")
@click.argument("desk")
@_database_option
@click.pass_obj
def kiosk_revoke(app: AppContext, site: str, desk: str, database: str | None) -> None:
    """Stop SITE/DESK's token working (its contacts already received stay)."""
    from kiosk.hub.kiosks import revoke_kiosk

    with transaction(app, database) as connection:
        revoke_kiosk(connection, site, desk)
    click.echo(f"{site}/{desk}'s token no longer works")


@hub.group("user")
def user_group() -> None:
    """The people who may sign in to the hub's pages."""


@user_group.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["admin", "viewer"]), required=True)
@click.option(
    "--password-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Read the password from this file's first line (else it is asked on the terminal).",
)
@_database_option
@click.pass_obj
def user_add(
    app: AppContext, name: str, role: str, password_file: Path | None, database: str | None
) -> None:
    """Let NAME sign in: admins manage kiosks and people too, viewers see the figures."""
    from kiosk.hub.people import add_person

    password = _password(password_file)
    with transaction(app, database) as connection:
        add_person(connection, name, role, password)
    click.echo(f"{name} can sign in now, as {role}")


@user_group.command("list")
@_database_option
@click.pass_obj
def user_list(app: AppContext, database: str | None) -> None:
    """Everyone who may sign in, with their role."""
    from kiosk.hub.people import list_people

    _print_each(
        app, database, list_people, _person_line,
        "no one can sign in yet: kiosk hub user add NAME --role admin",
    )  # fmt: skip


def _person_line(person: "Person") -> str:
    locked = f"; locked until {person.locked_until}" if person.locked_until else ""
    return f"{person.name}: {person.role}, added {person.added_at}{locked}"


@user_group.command("remove")
@click.argument("name")
@_database_option
@click.pass_obj
def user_remove(app: AppContext, name: str, database: str | None) -> None:
    """Stop NAME signing in."""
    from kiosk.hub.people import remove_person

    with transaction(app, database) as connection:
        remove_person(connection, name)
    click.echo(f"{name} can no longer sign in")


def _password(password_file: Path | None) -> str:
    if password_file is not None:
        try:
            lines = password_file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise KioskError(f"cannot read the password from {password_file}: {exc}") from None
        if not lines:
            raise KioskError(f"{password_file} is empty: put the password on its first line")
        return lines[0]
    if not sys.stdin.isatty():
        raise KioskError("give --password-file, or run this on a terminal to type the password")
    return str(click.prompt("Password", hide_input=True, confirmation_prompt=True))


@hub.command()
@from_option
@to_option
@month_option
@click.option("--site", help="One site's figures (default: the whole council).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@_database_option
@click.pass_obj
def report(
    app: AppContext,
    first: str | None,
    last: str | None,
    month: str | None,
    site: str | None,
    fmt: str,
    database: str | None,
) -> None:
    """Council-wide figures, defined exactly as kiosk report's (text or JSON)."""
    from kiosk.contacts.report import report_json, report_text
    from kiosk.hub.figures import hub_report

    chosen = chosen_period(first, last, month)
    with transaction(app, database) as connection:
        built = hub_report(connection, chosen, app.config, site)
    click.echo(report_json(built) if fmt == "json" else report_text(built, app.service_titles()))


@hub.command()
@from_option
@to_option
@click.option("--site", help="One site's contacts (default: the whole council's).")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="FILE.csv (as kiosk export writes) or FILE.xlsx.",
)
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@_database_option
@click.pass_obj
def export(
    app: AppContext,
    first: str | None,
    last: str | None,
    site: str | None,
    output: Path,
    force: bool,
    database: str | None,
) -> None:
    """Export the council's contacts: CSV like kiosk export's, or .xlsx for Excel."""
    from kiosk.hub.export import export_format, write_export

    fmt = export_format(output)
    chosen = chosen_period(first, last)
    titles = app.service_titles()
    with transaction(app, database) as connection:
        count = write_export(connection, chosen, output, titles, fmt, site, force=force)
    where = f" at {site}" if site else ""
    click.echo(f"exported {count} contact(s){where}, {chosen}, to {output}")
