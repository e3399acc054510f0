"""Everything the screens need from the core, built once and handed to them."""

from dataclasses import dataclass, field
from pathlib import Path

from kiosk.catalog.model import Catalog
from kiosk.catalog.search import SearchIndex
from kiosk.catalog.snapshot import CatalogState
from kiosk.cli.context import AppContext
from kiosk.config import Config
from kiosk.contacts.store import ContactLog
from kiosk.handouts.maker import HandoutMaker
from kiosk.printing import PrintService
from ui.contact_writer import ContactWriter
from ui.read_aloud import ReadAloud
from ui.session import Session


@dataclass
class AppServices:
    config: Config
    catalog_state: CatalogState
    search: SearchIndex
    contact_log: ContactLog
    print_service: PrintService
    session: Session
    speech: ReadAloud  # started by the main window once the screens are up
    writer: ContactWriter  # saves contacts off the GUI thread
    handouts: HandoutMaker  # makes handouts in a process of its own, started in the warm-up
    settings_files: tuple[Path, ...] = field(default=())  # the config files read, system first

    @property
    def catalog(self) -> Catalog:
        return self.catalog_state.catalog

    @classmethod
    def from_context(cls, context: AppContext) -> "AppServices":
        state = context.catalog_state
        languages = state.catalog.council.languages
        return cls(
            config=context.config,
            catalog_state=state,
            search=SearchIndex(state.catalog),
            contact_log=context.contact_log,
            print_service=PrintService.from_config(context.config, fallback=_print_with_qt),
            session=Session(default_language=languages[0] if languages else "en"),
            speech=ReadAloud(enabled=context.config.read_aloud),
            writer=ContactWriter(context.contact_log.path),
            handouts=HandoutMaker(state.catalog),
            settings_files=tuple(f.path for f in context.resolved.files if f.in_use()),
        )


def _print_with_qt(pdf: Path, printer: str | None, paper: str) -> str:
    """Qt's printing, loaded only where there is no CUPS (Windows), when first needed."""
    from ui.printing import print_with_qt

    return print_with_qt(pdf, printer, paper)
