"""The receiver: POST /v1/contacts, exactly docs/upload-api.yaml. (Being written.)"""

from starlette.routing import BaseRoute


def routes() -> list[BaseRoute]:
    return []
