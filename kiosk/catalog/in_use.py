"""Which catalog this kiosk uses: the hub's newest checked version, or the catalog folder.

The hub's copy is used only while ``catalog_source`` is set: a kiosk taken off the hub goes
back to its folder rather than keep a copy nothing renews. Only a few small files are read
here (no TUF, no network), so every command and the touchscreen's start can ask.
"""

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from kiosk.catalog.hub_copy import HubCatalog, LastCheck, hub_catalog, last_check
from kiosk.config import Config


@dataclass(frozen=True)
class CatalogInUse:
    folder: Path
    hub: HubCatalog | None  # None: the catalog folder of the config
    last_check: LastCheck | None  # None: never checked with the hub (or no catalog_source)

    def describe(self) -> str:
        if self.hub is not None:
            return self.hub.describe()
        return f"the catalog folder {self.folder}"

    def document(self) -> dict[str, Any]:
        """The same for ``kiosk config show --format json``."""
        last = self.last_check
        return {
            "from": "hub" if self.hub else "folder",
            "folder": str(self.folder),
            "version": self.hub.version if self.hub else None,
            "published_by": self.hub.published_by if self.hub else None,
            "published_at": self.hub.published_at if self.hub else None,
            "last_check": asdict(last) if last else None,
        }


def catalog_in_use(config: Config, data_dir: Path) -> CatalogInUse:
    if not config.catalog_source:
        return CatalogInUse(config.catalog, None, None)
    hub = hub_catalog(data_dir)
    folder = hub.folder if hub is not None else config.catalog
    return CatalogInUse(folder, hub, last_check(data_dir))
