"""The council's own site on the screen: QtWebEngine, loaded only when first used, kept to the
council's hosts, and forgotten with the visit."""

from functools import cache
from importlib.util import find_spec


@cache
def web_engine_present() -> bool:
    """Whether QtWebEngine is installed (a build may leave it out), found without loading it."""
    return find_spec("PySide6.QtWebEngineWidgets") is not None
