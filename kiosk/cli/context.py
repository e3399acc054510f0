"""What every command shares: the configuration, catalog and contact log, each loaded once
and only when a command asks for it (so a command imports only what it uses)."""

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.config import Config, ResolvedConfig, resolve_config
from kiosk.files import remove_stale_partials
from kiosk.ownership import refuse_foreign_folder

if TYPE_CHECKING:
    from kiosk.catalog.snapshot import CatalogState
    from kiosk.contacts.store import ContactLog


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
    def catalog_state(self) -> "CatalogState":
        from kiosk.catalog.in_use import catalog_in_use
        from kiosk.catalog.snapshot import open_catalog

        in_use = catalog_in_use(self.config, self.data_dir())  # the hub's, when it has sent one
        return open_catalog(in_use.folder, self.data_dir())

    @cached_property
    def contact_log(self) -> "ContactLog":
        from kiosk.contacts.store import ContactLog

        opened = ContactLog.in_data_dir(self.data_dir())
        remove_stale_partials(self.data_dir())  # what a killed command left half-written
        _warn_if_damage_seen(opened.path)
        return opened

    def data_dir(self) -> Path:
        """The data folder, once it is clear this process may write there."""
        refuse_foreign_folder(self.config.data_dir, "the data folder")
        return self.config.data_dir

    def service_titles(self) -> dict[str, str]:
        from kiosk.contacts.report import service_titles

        return service_titles(self.catalog_state.catalog)


def _warn_if_damage_seen(log: Path) -> None:
    """A log once found damaged stays named so by every command until it is mended."""
    from kiosk.contacts.damage_mark import damage_seen

    seen = damage_seen(log)
    if seen is not None:
        import click

        from kiosk.contacts.store import RECOVERY_HELP

        click.echo(f"warning: the contact log {log} was {seen}; {RECOVERY_HELP}", err=True)
