"""Assisted-digital kiosk: the application core (plain Python, no Qt)."""

from typing import Any

APP_NAME = "assisted-digital-kiosk"


def __getattr__(name: str) -> Any:
    """``kiosk.__version__``, read from the installed metadata only when asked for."""
    if name != "__version__":
        raise AttributeError(name)
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(APP_NAME)
    except PackageNotFoundError:  # a source tree that was never installed
        return "0.0.0+unknown"
