"""Errors the core raises for people to read: one clear sentence, no traceback."""


class KioskError(Exception):
    """A problem staff, supervisors or IT can act on; its message is shown as it is."""


class ConfigError(KioskError):
    """The configuration file or an override is unusable."""


class CatalogError(KioskError):
    """The services catalog cannot be used."""


class HandoutError(KioskError):
    """The handout cannot be made; nothing is printed."""
