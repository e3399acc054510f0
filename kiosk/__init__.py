"""Assisted-digital kiosk: the application core (plain Python, no Qt)."""

from typing import Any

APP_NAME = "assisted-digital-kiosk"
_UNKNOWN = "0.0.0+unknown"  # a source tree that was never installed


def __getattr__(name: str) -> Any:
    """``kiosk.__version__``, read from the installed metadata only when asked for."""
    if name != "__version__":
        raise AttributeError(name)
    return _installed_version()


def _installed_version() -> str:
    """The version in the name of the installed ``<name>-<version>.dist-info`` folder.

    Every command logs it, and loading importlib.metadata to read it would cost a command
    about 20 ms; the folder is the one importlib.metadata itself finds first on sys.path.
    """
    import sys
    from pathlib import Path

    prefix, suffix = f"{APP_NAME.replace('-', '_')}-", ".dist-info"
    for folder in sys.path:
        try:
            names = [entry.name for entry in Path(folder or ".").iterdir()]
        except OSError:
            continue
        for found in names:
            if found.startswith(prefix) and found.endswith(suffix):
                return found.removeprefix(prefix).removesuffix(suffix)
    return _version_from_metadata()  # an unusual install (an egg, another spelling)


def _version_from_metadata() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(APP_NAME)
    except PackageNotFoundError:
        return _UNKNOWN
