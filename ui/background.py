"""What a background job's future came to, in words staff can act on."""

import logging
from concurrent.futures import Future
from typing import Any

from kiosk.errors import KioskError

log = logging.getLogger(__name__)


def outcome(future: "Future[Any]", unexpected: str) -> tuple[bool, str]:
    """(True, the result as text), or (False, the KioskError's message, else ``unexpected``)."""
    try:
        return True, str(future.result())
    except KioskError as exc:
        return False, str(exc)
    except Exception:
        log.exception("a background job failed unexpectedly")
        return False, unexpected
