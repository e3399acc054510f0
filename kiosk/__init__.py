"""Assisted-digital kiosk: the application core (plain Python, no Qt)."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("assisted-digital-kiosk")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

APP_NAME = "assisted-digital-kiosk"
