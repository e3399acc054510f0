"""The Catalog page (everyone signed in, read-only): each published catalog version, who
published it and when, and which kiosks run it. Publishing is done from the command line
(``kiosk hub catalog publish``), where the catalog's check can show every problem.
"""

from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from kiosk.errors import KioskError
from kiosk.hub.catalog_repository import CatalogRepository
from kiosk.hub.catalog_view import catalog_view
from kiosk.hub.kiosks import list_kiosks
from kiosk.hub.rendering import SignedIn, engine_of, page, render

PATH = "/catalog-versions"  # /catalog/ is the repository kiosks fetch from


def hub_data_dir(request: Request) -> Path | None:
    """The folder the hub's catalog is in; None for the demo hub, which has none."""
    if getattr(request.app.state, "demo", False):
        return None  # the demo never shows a real hub's catalog
    data_dir: Path = request.app.state.config.data_dir
    return data_dir


def routes() -> list[BaseRoute]:
    return [Route(PATH, catalog_page, methods=["GET"])]


@page()
async def catalog_page(request: Request, person: SignedIn, _: FormData) -> Response:
    context = await run_in_threadpool(_context, request)
    return render(request, "catalog.html", context, person=person)


def _context(request: Request) -> dict[str, object]:
    data_dir = hub_data_dir(request)
    repository = CatalogRepository(data_dir) if data_dir is not None else None
    if repository is None or not repository.set_up:
        return {"view": None}
    with engine_of(request).connect() as connection:
        found = list_kiosks(connection)
    try:
        view = catalog_view(repository.published(), found, repository.root_expires())
    except KioskError as exc:
        return {"view": None, "problem": str(exc)}
    return {"view": view}
