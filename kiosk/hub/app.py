"""The hub as one ASGI application: the receiver at /v1/contacts and the pages for people.

``create_app`` is given an engine whose tables are current; uvicorn serves what it returns
(``kiosk hub serve``), and the tests serve it the same way on a real port.
"""

import secrets
from pathlib import Path

from sqlalchemy import Engine
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware

from kiosk.config import Config
from kiosk.files import kept_private

SECRET_FILE = "hub-session-key"
SESSION_HOURS = 8  # a working day: sign in again the next morning


def create_app(
    engine: Engine, session_key: str, *, https_only: bool = False, config: Config | None = None
) -> Starlette:
    """The receiver and the pages, on ``engine``; ``session_key`` signs the sign-in cookies;
    ``config`` gives the figures the council's unit costs and catalog (else the defaults)."""
    from kiosk.hub import catalog_routes, pages, receiver

    middleware = [
        Middleware(
            SessionMiddleware,
            secret_key=session_key,
            session_cookie="hub_session",
            max_age=SESSION_HOURS * 3600,
            same_site="strict",
            https_only=https_only,
        ),
        *pages.middleware(),
    ]
    routes = [*receiver.routes(), *catalog_routes.routes(), *pages.routes()]
    app = Starlette(routes=routes, middleware=middleware)
    app.state.engine = engine
    app.state.config = config if config is not None else Config()
    return app


def session_key(data_dir: Path) -> str:
    """The key that signs sessions: made once, kept owner-only in the data folder, so a
    restart does not sign everyone out."""
    path = data_dir / SECRET_FILE
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        with kept_private():
            path.write_text(secrets.token_urlsafe(32), encoding="ascii")
    return path.read_text(encoding="ascii").strip()
