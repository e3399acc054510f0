"""A real hub on a real port: create_app served by uvicorn on 127.0.0.1 in a thread.

``serve_hub`` is the context manager (any engine, any session key); the ``hub_engine`` and
``served_hub`` fixtures give a migrated SQLite hub in the test's folder. Import the fixtures
into a test module or conftest (``from tests.hub.serving import served_hub, hub_engine``).
"""

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn
from sqlalchemy import Engine

from kiosk.config import Config
from kiosk.hub.app import create_app
from kiosk.hub.database import migrate, open_engine
from kiosk.hub.kiosks import add_kiosk, revoke_kiosk

SESSION_KEY = "a-test-session-key-that-is-long-enough-0123456789"
START_S = 10


@contextmanager
def serve_hub(
    engine: Engine,
    session_key: str = SESSION_KEY,
    config: Config | None = None,
    *,
    https_only: bool = False,
) -> Iterator[str]:
    """Serve the hub on a free port until the block ends; yields its base URL (no slash).
    ``config`` gives the figures the council's unit costs (else the defaults); ``https_only``
    is ``kiosk hub serve --https``'s."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    app = create_app(engine, session_key, https_only=https_only, config=config)
    server = uvicorn.Server(
        uvicorn.Config(app, log_level="warning", server_header=False, lifespan="off")
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    try:
        _wait_started(server, thread)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=START_S)
        listener.close()


def _wait_started(server: uvicorn.Server, thread: threading.Thread) -> None:
    deadline = time.monotonic() + START_S
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test hub did not start")
        time.sleep(0.01)


@dataclass
class ServedHub:
    """A running hub: its base URL, its engine, and a way to issue kiosk tokens."""

    url: str
    engine: Engine

    @property
    def upload_url(self) -> str:
        return f"{self.url}/v1/contacts"

    def add_kiosk(self, site: str, desk: str) -> str:
        """Allow site/desk to upload; returns the token."""
        with self.engine.begin() as connection:
            return add_kiosk(connection, site, desk)

    def revoke_kiosk(self, site: str, desk: str) -> None:
        with self.engine.begin() as connection:
            revoke_kiosk(connection, site, desk)


@pytest.fixture
def hub_engine(tmp_path: Path) -> Iterator[Engine]:
    """A migrated SQLite hub database in the test's folder."""
    engine = open_engine(f"sqlite:///{tmp_path / 'hub.db'}")
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def served_hub(hub_engine: Engine) -> Iterator[ServedHub]:
    with serve_hub(hub_engine) as url:
        yield ServedHub(url, hub_engine)
