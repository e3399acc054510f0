"""What every command shares: the configuration, loaded once and only when needed."""

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from kiosk.catalog.snapshot import CatalogState, open_catalog
from kiosk.config import Config, ResolvedConfig, resolve_config
from kiosk.contacts.report import service_titles
from kiosk.contacts.store import ContactLog
from kiosk.ownership import refuse_foreign_folder


@dataclass
class AppContext:
    config_file: Path | None = None
    overrides: dict[str, Any] = field(default_factory=dict)
    debug: bool = False

    @cached_property
    def resolved(self) -> ResolvedConfig:
        """The configuration with where each value came from (``kiosk config show``)."""
        return resolve_config(self.config_file, self.overrides)

    @cached_property
    def config(self) -> Config:
        return self.resolved.config

    @cached_property
    def catalog_state(self) -> CatalogState:
        return open_catalog(self.config.catalog, self.data_dir())

    @cached_property
    def contact_log(self) -> ContactLog:
        return ContactLog.in_data_dir(self.data_dir())

    def data_dir(self) -> Path:
        """The data folder, once it is clear this process may write there."""
        refuse_foreign_folder(self.config.data_dir, "the data folder")
        return self.config.data_dir

    def service_titles(self) -> dict[str, str]:
        return service_titles(self.catalog_state.catalog)
