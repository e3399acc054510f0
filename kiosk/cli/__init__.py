"""The ``kiosk`` command (``kiosk.cli.main``): one entry point for staff, supervisors and IT.

Nothing is imported here, so that ``kiosk.cli.context`` can be used without loading every
command's dependencies (the touchscreen starts faster).
"""
