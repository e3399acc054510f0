"""The hub's database: one setting (``hub_database``) picks SQLite or PostgreSQL.

Unset, the hub keeps ``hub.db`` in the data folder: one file, nothing to set up, right for
a council with a few kiosks. ``postgresql+psycopg://user@host/dbname`` when it outgrows that.
``migrate`` creates or upgrades the tables with Alembic (``serve`` runs it first).
"""

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from kiosk.errors import KioskError

MIGRATIONS = Path(__file__).with_name("migrations")
SQLITE_BUSY_MS = 10_000  # a writer waits this long for another (uvicorn runs one process)


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
            return _sqlite_engine(url)
        if parsed.get_backend_name() != "postgresql":
            raise HubDatabaseError(
                f"hub_database must be sqlite:///FILE or postgresql+psycopg://…, not {parsed!r}"
            )
        return create_engine(url, pool_size=10, max_overflow=10, pool_pre_ping=True)
    except (ArgumentError, NoSuchModuleError, ValueError) as exc:
        raise HubDatabaseError(f"hub_database is not a database address: {exc}") from None


def _sqlite_engine(url: str) -> Engine:
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")  # WAL: durable at checkpoints, never torn
        cursor.close()

    return engine


def migrate(engine: Engine) -> None:
    """Create the tables, or upgrade them to this version's (Alembic ``upgrade head``)."""
    from alembic import command
    from alembic.config import Config as AlembicConfig

    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except SQLAlchemyError as exc:
        raise HubDatabaseError(
            f"the hub's database could not be upgraded: {_first_line(exc)}"
        ) from None


def is_current(engine: Engine) -> bool:
    """Whether the database has every table this version of the hub uses."""
    from kiosk.hub.tables import metadata

    return set(metadata.tables) <= set(inspect(engine).get_table_names())


def _first_line(exc: BaseException) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
