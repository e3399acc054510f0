"""``kiosk hub serve --workers N``: the hub as N processes answering on one port.

uvicorn starts each worker afresh and builds its application from an import string
(:func:`app_from_environment`), so what ``serve`` was given goes to the workers in one
environment variable: the options as typed (no database address from the config, no
secret: each worker reads the settings and the session key from the same files).

On SQLite the hub is one process: SQLite lets one writer in at a time, and only within one
process can the hub queue its writers so that none is ever refused.
"""

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.errors import KioskError

if TYPE_CHECKING:
    from starlette.applications import Starlette

SETTINGS = "KIOSK_HUB_SERVE"
ONE_ON_SQLITE = (
    "--workers: a hub on SQLite is one process (SQLite takes one writer at a time, and the "
    "hub queues its batches for it within one process); for more, use PostgreSQL "
    "(hub_database, docs/hub.md)"
)


def check_workers(workers: int, dialect: str) -> None:
    if workers < 1:
        raise KioskError(f"--workers is 1 or more, not {workers}")
    if workers > 1 and dialect == "sqlite":
        raise KioskError(ONE_ON_SQLITE)


def pass_to_workers(
    config_file: Path | None, overrides: dict[str, Any], database: str | None, https_only: bool
) -> None:
    """Put ``serve``'s options where the workers it starts will find them."""
    given = {
        "config_file": None if config_file is None else str(config_file),
        "overrides": {k: None if v is None else str(v) for k, v in overrides.items()},
        "database": database,
        "https_only": https_only,
    }
    os.environ[SETTINGS] = json.dumps(given)


def app_from_environment() -> "Starlette":
    """One worker's application, from the options ``serve`` put in ``KIOSK_HUB_SERVE``."""
    from kiosk.cli.context import AppContext
    from kiosk.hub.app import create_app, session_key
    from kiosk.hub.database import database_url, open_engine

    given = json.loads(os.environ[SETTINGS])
    overrides = {k: None if v is None else Path(v) for k, v in given["overrides"].items()}
    config_file = None if given["config_file"] is None else Path(given["config_file"])
    app = AppContext(config_file, overrides)
    setting = given["database"] or app.config.hub_database
    engine = open_engine(database_url(setting, app.data_dir()))
    key = session_key(app.data_dir())
    return create_app(engine, key, https_only=given["https_only"], config=app.config)
