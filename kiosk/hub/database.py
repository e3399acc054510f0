"""The hub's database: one setting (``hub_database``) picks SQLite or PostgreSQL.

Unset, the hub keeps ``hub.db`` in the data folder: one file, nothing to set up, right for
a council with a few kiosks. ``postgresql+psycopg://user@host/dbname`` when it outgrows that.
``migrate`` creates or upgrades the tables with Alembic (``serve`` runs it first).
"""

import itertools
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    NoSuchModuleError,
    OperationalError,
    SQLAlchemyError,
)

from kiosk.errors import KioskError

MIGRATIONS = Path(__file__).with_name("migrations")
SQLITE_BUSY_MS = 10_000  # a writer waits this long for another process's (a hub command's)
SQLITE_CONNECTIONS = 50  # more than the threads the receiver runs batches on (anyio's 40)
CONNECT_TIMEOUT_S = 10  # a PostgreSQL host that drops packets is named, not waited on forever


class HubDatabaseError(KioskError):
    """The hub's database cannot be reached, opened or upgraded."""


def database_url(setting: str | None, data_dir: Path) -> str:
    """The database to use: the setting, or ``hub.db`` in the data folder."""
    return setting or f"sqlite:///{data_dir / 'hub.db'}"


def open_engine(url: str) -> Engine:
    """An engine for ``url`` (SQLite: WAL, waits for a writer, enforces foreign keys)."""
    try:
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite":
            return _sqlite_engine(parsed)
        if parsed.get_backend_name() != "postgresql":
            raise HubDatabaseError(
                "hub_database must be sqlite:///FILE or postgresql+psycopg://…, "
                f"not {shown(parsed)}"
            )
        return _postgresql_engine(parsed)
    except ImportError as exc:
        raise HubDatabaseError(
            f"hub_database names a driver that is not installed ({exc.name}): "
            "use postgresql+psycopg://… (psycopg 3 comes with the [hub] extra)"
        ) from None
    except (ArgumentError, NoSuchModuleError, ValueError):
        # the message may repeat the address, password and all: say only what is wrong
        raise HubDatabaseError(
            "hub_database is not a database address: it is sqlite:///FILE or "
            "postgresql+psycopg://USER@HOST[:PORT]/NAME"
        ) from None


def shown(url: URL) -> str:
    """``url`` as it may be printed: any password replaced by ***."""
    hidden = {k: "***" if k.lower() == "password" else v for k, v in url.query.items()}
    text = url.set(query=hidden).render_as_string(hide_password=True)
    return text.replace("%2A%2A%2A", "***")


def _postgresql_engine(url: URL) -> Engine:
    connect_args = {} if "connect_timeout" in url.query else {"connect_timeout": CONNECT_TIMEOUT_S}
    return create_engine(
        url, pool_size=10, max_overflow=10, pool_pre_ping=True, connect_args=connect_args
    )


def _sqlite_engine(url: URL) -> Engine:
    if url.database in (None, "", ":memory:"):
        raise HubDatabaseError(
            "hub_database names no file: sqlite:///FILE keeps the hub in FILE "
            "(an in-memory hub would forget everything when it stops)"
        )
    engine = create_engine(
        url,
        connect_args={"timeout": SQLITE_BUSY_MS / 1000},
        pool_size=SQLITE_CONNECTIONS,
        max_overflow=0,
    )
    _WRITERS[engine] = threading.Lock()

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")  # WAL: durable at checkpoints, never torn
        cursor.close()

    return engine


# SQLite lets one writer in at a time, and waiters are let in by chance, not in turn: under
# 200 kiosks some waited past any timeout ("database is locked"). This process's writers
# queue here instead, so none is ever refused; other processes (a hub command) still wait.
_WRITERS: "weakref.WeakKeyDictionary[Engine, threading.Lock]" = weakref.WeakKeyDictionary()


@contextmanager
def write_transaction(connection: Connection) -> Iterator[Connection]:
    """A transaction on ``connection`` that writes; on SQLite, one at a time in this process."""
    with _WRITERS.get(connection.engine) or nullcontext(), connection.begin():
        yield connection


def migrate(engine: Engine) -> None:
    """Create the tables, or upgrade them to this version's (Alembic ``upgrade head``)."""
    from alembic import command
    from alembic.config import Config as AlembicConfig

    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    check_reachable(engine)
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except DBAPIError as exc:
        raise HubDatabaseError(
            f"the hub's database {shown(engine.url)} could not be upgraded: {_reason(exc)}"
        ) from None
    except SQLAlchemyError as exc:
        raise HubDatabaseError(
            f"the hub's database could not be upgraded: {_first_line(exc)}"
        ) from None


def check_reachable(engine: Engine) -> None:
    """Connect once, so an unreachable database or a refused password is named as such."""
    try:
        engine.connect().close()
    except (OperationalError, DBAPIError) as exc:
        verb = "open" if engine.dialect.name == "sqlite" else "connect to"
        raise HubDatabaseError(
            f"cannot {verb} the hub's database {shown(engine.url)}: {_reason(exc)}"
        ) from None


def is_current(engine: Engine) -> bool:
    """Whether the database has every table this version of the hub uses."""
    from kiosk.hub.tables import metadata

    return set(metadata.tables) <= set(inspect(engine).get_table_names())


def _reason(exc: DBAPIError) -> str:
    """The driver's own words on one line, without SQLAlchemy's wrapping and links."""
    lines = itertools.takewhile(  # not the SQL PostgreSQL quotes after "LINE 2:"
        lambda line: not line.startswith("LINE "), str(exc.orig or exc).splitlines()
    )
    text = " ".join(" ".join(lines).split())
    if exc.orig is None and text.startswith("("):
        text = text.partition(") ")[2] or text
    if text.startswith("connection failed: "):
        text = text.removeprefix("connection failed: ")
    if "permission denied" in text:
        text += " (the hub's user should own its database: createdb --owner USER NAME)"
    if "unable to open database file" in text:
        text += " (does its folder exist, and may this user write there?)"
    return text


def _first_line(exc: BaseException) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
