"""The touchscreen: PySide6 widgets on top of the kiosk core."""
