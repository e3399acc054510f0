"""Assisted-digital kiosk: the application core (plain Python, no Qt)."""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

APP_NAME = "assisted-digital-kiosk"
_UNKNOWN = "0.0.0+unknown"  # a source tree that was never installed


def __getattr__(name: str) -> Any:
    """``kiosk.__version__``, read from the installed metadata only when asked for."""
    if name != "__version__":
        raise AttributeError(name)
    return _installed_version()


_PREFIX, _SUFFIX = f"{APP_NAME.replace('-', '_')}-", ".dist-info"


def _installed_version() -> str:
    """The version in the name of the installed ``<name>-<version>.dist-info`` folder.

    Every command logs it, and loading importlib.metadata to read it would cost a command
    about 20 ms; the folder is the one importlib.metadata itself finds first on sys.path.
    """
    folder = dist_info()
    if folder is None:
        return _version_from_metadata()  # an unusual install (an egg, another spelling)
    return folder.name.removeprefix(_PREFIX).removesuffix(_SUFFIX)


def dist_info() -> "Path | None":
    """This installation's ``.dist-info`` folder (None for an unusual install)."""
    import sys
    from pathlib import Path

    for folder in sys.path:
        try:
            names = [entry.name for entry in Path(folder or ".").iterdir()]
        except OSError:
            continue
        for found in names:
            if found.startswith(_PREFIX) and found.endswith(_SUFFIX):
                return Path(folder or ".") / found
    return None


def _version_from_metadata() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(APP_NAME)
    except PackageNotFoundError:
        return _UNKNOWN
