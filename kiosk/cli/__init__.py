"""The ``kiosk`` command: one entry point for staff, supervisors and IT."""

from kiosk.cli.main import cli, main

__all__ = ["cli", "main"]
