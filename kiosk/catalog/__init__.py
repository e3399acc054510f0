"""The council's catalog of online services: model, loading, validation, link safety, search."""

from kiosk.catalog.loader import CatalogCheck, check_catalog, load_catalog
from kiosk.catalog.model import Catalog, Category, Council, Service, Step
from kiosk.catalog.problems import Problem

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
