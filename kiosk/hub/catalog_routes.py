"""``/catalog/``: the catalog's TUF repository as kiosks fetch it, and nothing else.

Only names of the repository's own shapes are answered (``N.root.json``, ``timestamp.json``,
``N.snapshot.json``, ``N.targets.json`` under ``metadata/``; ``<sha256>.<name>`` under
``targets/``), and only when they are regular files there: no listing, no other file of the
folder, never a key (the keys are in another folder). Anything else is a plain 404.
"""

import re
import stat
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from kiosk.hub import catalog_page
from kiosk.hub.catalog_metadata import METADATA_BYTES_MAX, metadata_folder, targets_folder
from kiosk.hub.catalog_page import hub_data_dir

METADATA_NAME = re.compile(r"(?:[1-9][0-9]{0,9}\.(?:root|snapshot|targets)|timestamp)\.json")
# settings/... targets (per site and desk) will sit in folders of their own
TARGET_NAME = re.compile(
    r"(?:[A-Za-z0-9][A-Za-z0-9_-]{0,63}/){0,3}[0-9a-f]{64}\.[A-Za-z0-9][A-Za-z0-9._-]{0,127}"
)


def routes() -> list[BaseRoute]:
    """The repository's files, and the Catalog page people sign in to see."""
    return [
        Route("/catalog/metadata/{name}", metadata, methods=["GET"]),
        Route("/catalog/targets/{name:path}", target, methods=["GET"]),
        *catalog_page.routes(),
    ]


async def metadata(request: Request) -> Response:
    name, data_dir = request.path_params["name"], hub_data_dir(request)
    if data_dir is None or not METADATA_NAME.fullmatch(name):
        return _not_found()
    path = metadata_folder(data_dir) / name
    # read whole, not streamed: timestamp.json is replaced while the hub runs
    data = await run_in_threadpool(_regular_file_bytes, path)
    if data is None:
        return _not_found()
    return Response(data, media_type="application/json")


async def target(request: Request) -> Response:
    name, data_dir = request.path_params["name"], hub_data_dir(request)
    if data_dir is None or not TARGET_NAME.fullmatch(name):
        return _not_found()
    folder = targets_folder(data_dir)
    path = folder / name
    if not await run_in_threadpool(_regular_file, path, folder):
        return _not_found()
    # a target file is written once, under its hash, and never changed
    return FileResponse(path, media_type="application/octet-stream")


def _regular_file(path: Path, inside: Path | None = None) -> bool:
    """A regular file, not a link (nor, with ``inside``, reached through a linked folder)."""
    try:
        if inside is not None and not path.resolve().is_relative_to(inside.resolve()):
            return False
        return stat.S_ISREG(path.lstat().st_mode)
    except (OSError, RuntimeError):
        return False


def _regular_file_bytes(path: Path) -> bytes | None:
    if not _regular_file(path):
        return None
    try:
        with path.open("rb") as handle:
            return handle.read(METADATA_BYTES_MAX)
    except OSError:
        return None


def _not_found() -> Response:
    return PlainTextResponse("Not found", status_code=404)
