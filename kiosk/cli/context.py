"""What every command shares: the configuration, loaded once and only when needed."""

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from kiosk.catalog.snapshot import CatalogState, open_catalog
from kiosk.config import Config, load_config


@dataclass
class AppContext:
    config_file: Path | None = None
    overrides: dict[str, Any] = field(default_factory=dict)
    debug: bool = False

    @cached_property
    def config(self) -> Config:
        return load_config(self.config_file, self.overrides)

    def catalog_state(self) -> CatalogState:
        return open_catalog(self.config.catalog, self.config.data_dir)
