"""Storing checked contacts: each once, and counted per day in the same transaction.

A contact the hub already holds is left as it is (``INSERT … ON CONFLICT (id) DO NOTHING``),
and only the rows actually inserted are counted, so a batch sent twice changes nothing. The
counts are the kiosk's own (:func:`kiosk.contacts.counts.summarise`) with the site and desk in
front. Demo contacts go to ``demo_contacts`` and are never counted.
"""

from collections import Counter
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.dialects import postgresql, sqlite

from kiosk.contacts.codes import COLUMNS
from kiosk.contacts.counts import COUNTED_COLUMNS, summarise
from kiosk.hub.tables import contacts as contacts_table
from kiosk.hub.tables import daily_counts, demo_contacts

DEMO = "demo"
STORED_COLUMNS = tuple(column for column in COLUMNS if column != "uploaded_at")

SiteDesk = tuple[str, str]


def store_contacts(
    connection: Connection, contacts: list[dict[str, Any]], received_at: str
) -> list[str]:
    """Store the contacts not already held; returns the ids stored now.

    ``contacts`` are checked already, as kiosk columns (``STORED_COLUMNS``: barriers as JSON
    text, handout 0 or 1). Runs in the caller's transaction: the counts are added with them.
    """
    contacts = _first_of_each_id(contacts)
    real = [c for c in contacts if c["source"] != DEMO]
    demo = [c for c in contacts if c["source"] == DEMO]
    new_demo = _insert_new(connection, demo_contacts, demo, received_at)
    new_real = set(_insert_new(connection, contacts_table, real, received_at))
    _add_counts(connection, [c for c in real if c["id"] in new_real])
    return [c["id"] for c in contacts if c["id"] in new_real or c["id"] in new_demo]


def _first_of_each_id(contacts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    unique: dict[str, dict[str, Any]] = {}
    for contact in contacts:
        unique.setdefault(contact["id"], contact)
    return list(unique.values())


def _insert_new(
    connection: Connection, table: Table, contacts: list[dict[str, Any]], received_at: str
) -> set[str]:
    if not contacts:
        return set()
    # In id order, so batches holding some of the same contacts lock them in one order.
    ordered = sorted(contacts, key=lambda c: str(c["id"]))
    rows = [{**{k: c[k] for k in STORED_COLUMNS}, "received_at": received_at} for c in ordered]
    if connection.dialect.name == "postgresql":
        return set(_unnest_insert(connection, table, rows, "(id) DO NOTHING RETURNING id"))
    statement = (
        dialect_insert(connection, table).on_conflict_do_nothing(index_elements=["id"])
    ).returning(table.c.id)
    return set(connection.execute(statement, rows).scalars().all())


def _add_counts(connection: Connection, contacts: list[dict[str, Any]]) -> None:
    changes = _counts_by_desk(contacts)
    if not changes:
        return
    insert = dialect_insert(connection, daily_counts)
    upsert = insert.on_conflict_do_update(
        index_elements=["site", "desk", "day", "dimension", "value"],
        set_={"n": daily_counts.c.n + insert.excluded.n},
    )
    # One order for every writer, so two batches updating the same rows never deadlock.
    rows = [
        {"site": site, "desk": desk, "day": day, "dimension": dimension, "value": value, "n": n}
        for (site, desk, day, dimension, value), n in sorted(changes.items())
    ]
    if connection.dialect.name == "postgresql":
        keys = "(site, desk, day, dimension, value)"
        _unnest_insert(connection, daily_counts, rows, f"{keys} DO UPDATE SET n = {_ADDED}")
        return
    connection.execute(upsert, rows)


_ADDED = "daily_counts.n + excluded.n"


def _unnest_insert(
    connection: Connection, table: Table, rows: list[dict[str, Any]], on_conflict: str
) -> list[Any]:
    """PostgreSQL: insert ``rows`` as one array per column (``unnest``), in their order.

    A multi-row ``VALUES`` of 500 contacts has 9,000 placeholders, and psycopg parses a
    statement that long afresh each time (it caches only short ones): 190 ms of a batch's
    440. This statement is short and the same for every batch.
    """
    names = list(rows[0])
    arrays = ", ".join(
        f"%({name})s::{table.c[name].type.compile(connection.dialect)}[]" for name in names
    )
    statement = (
        f"INSERT INTO {table.name} ({', '.join(names)}) SELECT * FROM unnest({arrays}) "
        f"ON CONFLICT {on_conflict}"
    )
    columns = {name: [row[name] for row in rows] for name in names}
    result = connection.exec_driver_sql(statement, columns)
    return list(result.scalars()) if result.returns_rows else []


def _counts_by_desk(contacts: Iterable[dict[str, Any]]) -> Counter[tuple[str, ...]]:
    by_desk: dict[SiteDesk, list[tuple[Any, ...]]] = {}
    for contact in contacts:
        row = tuple(contact[column] for column in COUNTED_COLUMNS)
        by_desk.setdefault((contact["site"], contact["desk"]), []).append(row)
    changes: Counter[tuple[str, ...]] = Counter()
    for (site, desk), rows in by_desk.items():
        for key, n in summarise(rows).items():
            if n:
                changes[(site, desk, *key)] += n
    return changes


def dialect_insert(connection: Connection, table: Table) -> Any:
    """``INSERT`` with ``ON CONFLICT`` for this database (SQLite or PostgreSQL)."""
    if connection.dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)
