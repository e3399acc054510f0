"""Where the files that ship with the app live: demo catalog, assets, LGSL list.

A source checkout (and an editable install) keeps them beside the packages; a wheel
install puts them under ``<prefix>/share/assisted-digital-kiosk``.
"""

import sys
from importlib.resources import files
from pathlib import Path

from kiosk import APP_NAME

_SOURCE_ROOT = Path(__file__).resolve().parent.parent
_SHARE_ROOT = Path(sys.prefix) / "share" / APP_NAME


def _shipped(name: str) -> Path:
    for root in (_SOURCE_ROOT, _SHARE_ROOT):
        candidate = root / name
        if candidate.is_dir():
            return candidate
    return _SOURCE_ROOT / name


def demo_catalog_dir() -> Path:
    return _shipped("services_catalog")


def assets_dir() -> Path:
    return _shipped("assets")


def icon_names() -> frozenset[str]:
    """Names (without .svg) of the icons a catalog may use."""
    return frozenset(p.stem for p in (assets_dir() / "icons").glob("*.svg"))


def lgsl_csv_text() -> str:
    return files("kiosk").joinpath("data/lgsl_local_services.csv").read_text(encoding="utf-8")
