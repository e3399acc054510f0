"""The council's catalog of online services: model, loading, validation, link safety, search.

``check_catalog`` and ``load_catalog`` load on first use: they bring in pydantic, which a
start on a cached catalog never needs.
"""

from typing import TYPE_CHECKING, Any

from kiosk.catalog.model import Catalog, Category, Council, Service, Step
from kiosk.catalog.problems import CatalogCheck, Problem

if TYPE_CHECKING:
    from kiosk.catalog.loader import check_catalog, load_catalog

__all__ = [
    "Catalog",
    "CatalogCheck",
    "Category",
    "Council",
    "Problem",
    "Service",
    "Step",
    "check_catalog",
    "load_catalog",
]


def __getattr__(name: str) -> Any:
    if name in {"check_catalog", "load_catalog"}:
        from kiosk.catalog import loader

        return getattr(loader, name)
    raise AttributeError(f"module 'kiosk.catalog' has no attribute {name!r}")
