"""``kiosk hub serve --demo``: a throwaway hub full of synthetic contacts, to look round.

Five sites with several desks, a year of contacts each from the kiosk's own demo generator
(:mod:`kiosk.contacts.demo`), stored through the receiver's own path (:func:`store_contacts`)
so they show in every figure: for that, and only in this throwaway database, their source is
``kiosk`` rather than ``demo``. The kiosks have statuses worth seeing (one silent for three
days, one on an older catalog, one with its printer stopped) and one admin, ``demo``, whose
random password is printed once. The folder goes when the hub stops.
"""

import random
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, update

import kiosk
from kiosk.catalog.loader import load_catalog
from kiosk.catalog.model import Catalog
from kiosk.contacts.codes import COLUMNS
from kiosk.contacts.demo import demo_contacts
from kiosk.hub.database import migrate, open_engine
from kiosk.hub.ingest import store_contacts
from kiosk.hub.kiosks import add_kiosk
from kiosk.hub.people import add_person
from kiosk.hub.tables import kiosks
from kiosk.resources import demo_catalog_dir

ADMIN = "demo"
DAYS = 365
CONTACTS = 13_500  # about six a working day a desk: enough to see, and a start in seconds
SITES: dict[str, dict[str, float]] = {  # each desk's share of the contacts
    "CIVIC": {"D1": 3, "D2": 3, "D3": 2},
    "LIB-NORTH": {"D1": 1},
    "LIB-EAST": {"D1": 1.5, "D2": 1},
    "LIB-WEST": {"D1": 0.5},
    "ONE-STOP": {"D1": 2, "D2": 1.5},
}
SILENT = ("LIB-WEST", "D1")  # last heard from three days ago
OLD_CATALOG = ("LIB-EAST", "D2")
PRINTER_STOPPED = ("CIVIC", "D3")


@dataclass(frozen=True)
class DemoHub:
    engine: Engine
    admin_password: str  # printed once at start; the folder and all in it go at the end


def make_demo_hub(folder: Path, now: datetime | None = None) -> DemoHub:
    """A migrated SQLite hub in ``folder`` holding the demo's kiosks, contacts and admin."""
    now = now or datetime.now(UTC)
    engine = open_engine(f"sqlite:///{folder / 'hub.db'}")
    migrate(engine)
    password = secrets.token_urlsafe(12)
    catalog = load_catalog(demo_catalog_dir())
    silent_since = _stamp(now - timedelta(days=3))
    with engine.begin() as connection:
        store_contacts(connection, _contacts(catalog, now, silent_since), _stamp(now))
        for site, desks in SITES.items():
            for desk in desks:
                add_kiosk(connection, site, desk)  # its token is thrown away: nothing uploads
                last_heard = silent_since if (site, desk) == SILENT else _stamp(now)
                _note_status(connection, site, desk, last_heard, catalog.version)
        add_person(connection, ADMIN, "admin", password)
    return DemoHub(engine, password)


def _contacts(catalog: Catalog, now: datetime, silent_since: str) -> list[dict[str, Any]]:
    """A year of contacts shared out among the desks (one generator run: its time table is
    the slow part); the silent desk's stop three days ago."""
    desks = [(site, desk) for site, shares in SITES.items() for desk in shares]
    shares = [share for site_shares in SITES.values() for share in site_shares.values()]
    chosen = random.Random(1).choices(desks, weights=shares, k=CONTACTS)
    found = []
    rows = demo_contacts(catalog, CONTACTS, DAYS, 1, site="-", desk="-", now=now)
    for row, (site, desk) in zip(rows, chosen, strict=True):
        contact = dict(zip(COLUMNS, row, strict=True))
        if (site, desk) == SILENT and contact["recorded_at"] >= silent_since:
            continue
        # counted in the figures like a kiosk's: this database is thrown away at the end
        found.append({**contact, "site": site, "desk": desk, "source": "kiosk"})
    return found


def _note_status(
    connection: Connection, site: str, desk: str, last_heard: str, catalog_version: str
) -> None:
    status = {
        "app_version": kiosk.__version__,
        "catalog_version": "0ld0ca7a1og0" if (site, desk) == OLD_CATALOG else catalog_version,
        "pending": 0,
        "printer": "stopped" if (site, desk) == PRINTER_STOPPED else "ready",
        "doctor": "ok",
    }
    where = (kiosks.c.site == site) & (kiosks.c.desk == desk)
    connection.execute(
        update(kiosks).where(where).values(last_upload_at=last_heard, status=status)
    )


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
