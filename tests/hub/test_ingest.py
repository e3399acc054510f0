"""store_contacts: each contact once, counted once, demo contacts apart."""

from typing import Any

from sqlalchemy import Engine, func, select

from kiosk.contacts.contact import Contact
from kiosk.contacts.counts import COUNTED_COLUMNS, summarise
from kiosk.hub.ingest import store_contacts
from kiosk.hub.tables import contacts, daily_counts, demo_contacts

RECEIVED = "2026-11-27T16:30:05Z"


def contact(**changes: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "site": "civic-centre",
        "desk": "desk-2",
        "staff": "AB",
        "service_id": "pay-council-tax",
        "lgsl": 57,
        "mode": "showed_how",
        "outcome": "completed",
        "catalog_version": "3f9a1c0de2b4",
        "barriers": ("skills", "confidence"),
        "recorded_at": "2026-11-27T10:15:00Z",
        **changes,
    }
    row = Contact(**fields).row()
    del row["uploaded_at"]
    return row


def test_only_new_contacts_are_stored_and_counted(hub_engine: Engine) -> None:
    first = [contact(), contact(desk="desk-3", outcome="started")]
    again = [*first, contact(recorded_at="2026-11-28T09:00:00Z")]
    with hub_engine.begin() as connection:
        assert store_contacts(connection, first, RECEIVED) == [c["id"] for c in first]
    with hub_engine.begin() as connection:
        assert store_contacts(connection, again, RECEIVED) == [again[2]["id"]]
    with hub_engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(contacts)) == 3
        held = _counts(connection)
    expected = {}
    for c in again:
        rows = [tuple(c[k] for k in COUNTED_COLUMNS)]
        for key, n in summarise(rows).items():
            expected[(c["site"], c["desk"], *key)] = (
                expected.get((c["site"], c["desk"], *key), 0) + n
            )
    assert held == expected


def test_demo_contacts_are_kept_apart_and_never_counted(hub_engine: Engine) -> None:
    demo = contact(source="demo")
    with hub_engine.begin() as connection:
        assert store_contacts(connection, [demo], RECEIVED) == [demo["id"]]
        assert store_contacts(connection, [demo], RECEIVED) == []
    with hub_engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(contacts)) == 0
        assert connection.scalar(select(func.count()).select_from(demo_contacts)) == 1
        assert _counts(connection) == {}


def _counts(connection: Any) -> dict[tuple[str, ...], int]:
    rows = connection.execute(select(daily_counts)).all()
    return {tuple(row[:5]): row[5] for row in rows}
