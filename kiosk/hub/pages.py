"""The pages people sign in to: figures and kiosks. (Being written.)"""

from starlette.middleware import Middleware
from starlette.routing import BaseRoute


def routes() -> list[BaseRoute]:
    return []


def middleware() -> list[Middleware]:
    return []
