"""Storing checked contacts: each once, and counted per day and per month in the same
transaction.

A contact the hub already holds is left as it is (``INSERT … ON CONFLICT (id) DO NOTHING``),
and only the rows actually inserted are counted, so a batch sent twice changes nothing. The
counts are the kiosk's own (:func:`kiosk.contacts.counts.summarise`) with the site and desk in
front; ``monthly_counts`` holds the same sums by month. Demo contacts go to ``demo_contacts``
and are never counted.

On PostgreSQL a batch is one statement: the contacts go in as one JSON parameter, and the
rows inserted are counted by the database itself (:data:`_COUNTED_SQL`, the same definition
as ``summarise``, column for column), so no row is dumped or counted in Python.
"""

from collections import Counter
from collections.abc import Iterable
from typing import Any

import orjson
from sqlalchemy import Connection, Table, func, select
from sqlalchemy.dialects import postgresql, sqlite

from kiosk.contacts.codes import COLUMNS
from kiosk.contacts.counts import COUNTED_COLUMNS, DIMENSIONS, summarise
from kiosk.hub.tables import contacts as contacts_table
from kiosk.hub.tables import daily_counts, demo_contacts, monthly_counts

DEMO = "demo"
STORED_COLUMNS = tuple(column for column in COLUMNS if column != "uploaded_at")
COUNT_KEY = ("site", "desk", "day", "dimension", "value")
MONTH_KEY = ("site", "desk", "month", "dimension", "value")

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
    if connection.dialect.name == "postgresql":
        new_demo = _postgresql_insert(connection, demo_contacts, demo, received_at, False)
        new_real = _postgresql_insert(connection, contacts_table, real, received_at, True)
    else:
        new_demo = _sqlite_insert(connection, demo_contacts, demo, received_at)
        new_real = _sqlite_insert(connection, contacts_table, real, received_at)
        _add_counts(connection, [c for c in real if c["id"] in new_real])
    return [c["id"] for c in contacts if c["id"] in new_real or c["id"] in new_demo]


def _first_of_each_id(contacts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    unique: dict[str, dict[str, Any]] = {}
    for contact in contacts:
        unique.setdefault(contact["id"], contact)
    return list(unique.values())


# -- PostgreSQL: one statement per batch, counted by the database -----------------------------


def _postgresql_insert(
    connection: Connection, table: Table, contacts: list[dict[str, Any]], received_at: str,
    counted: bool,
) -> set[str]:  # fmt: skip
    if not contacts:
        return set()
    statement = _postgresql_statement(connection, table, counted)
    # json_to_recordset takes the stored columns and no other key; orjson writes 500
    # contacts in a tenth of json.dumps's time
    sent = orjson.dumps(contacts).decode()
    found = connection.exec_driver_sql(statement, {"sent": sent, "received_at": received_at})
    return set(found.scalars())


def _postgresql_statement(connection: Connection, table: Table, counted: bool) -> str:
    """Insert the contacts of the JSON parameter ``sent`` in id order (so batches holding
    some of the same contacts lock them in one order), and with ``counted`` add what the
    inserted ones count to the daily and monthly counts; returns the ids inserted."""
    typed = ", ".join(
        f"{name} {table.c[name].type.compile(connection.dialect)}" for name in STORED_COLUMNS
    )
    names = ", ".join(STORED_COLUMNS)
    returned = ", ".join(dict.fromkeys(("id", "site", "desk", *COUNTED_COLUMNS)))
    parts = [
        f"sent AS (SELECT * FROM json_to_recordset(%(sent)s::json) AS sent({typed}))",
        f"new AS (INSERT INTO {table.name} ({names}, received_at)"
        f" SELECT {names}, %(received_at)s FROM sent ORDER BY id"
        f" ON CONFLICT (id) DO NOTHING RETURNING {returned})",
    ]
    if counted:
        parts += [f"counted AS ({_COUNTED_SQL})", _GROUPED, _UPSERT_DAILY, _UPSERT_MONTHLY]
    return f"WITH {', '.join(parts)} SELECT id FROM new"


def _counted_sql() -> str:
    """``summarise`` in SQL: one row (site, desk, day, dimension, value) per count of 1."""
    per_dimension = ", ".join(
        f"('{dimension}', coalesce(new.{column}, ''))"
        for dimension, column in zip(DIMENSIONS, COUNTED_COLUMNS[1:-1], strict=True)
    )
    day = f"left(new.{COUNTED_COLUMNS[0]}, 10)"
    return (
        f"SELECT new.site, new.desk, {day} AS day, d.dimension, d.value FROM new"
        f" CROSS JOIN LATERAL (VALUES {per_dimension}) AS d(dimension, value)"
        f" UNION ALL SELECT new.site, new.desk, {day}, 'barrier', b.value FROM new"
        f" CROSS JOIN LATERAL json_array_elements_text(new.{COUNTED_COLUMNS[-1]}::json)"
        " AS b(value)"
    )


def _upsert(table: Table, key: tuple[str, ...], day: str) -> str:
    keys = ", ".join(key)
    # One order for every writer, so two batches updating the same rows never deadlock.
    return (
        f"{table.name}_added AS (INSERT INTO {table.name} ({keys}, n)"
        f" SELECT site, desk, {day}, dimension, value, sum(n) FROM grouped"
        f" GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5"
        f" ON CONFLICT ({keys}) DO UPDATE SET n = {table.name}.n + excluded.n)"
    )


_COUNTED_SQL = _counted_sql()
_GROUPED = (
    "grouped AS (SELECT site, desk, day, dimension, value, count(*) AS n FROM counted"
    " GROUP BY 1, 2, 3, 4, 5)"
)
_UPSERT_DAILY = _upsert(daily_counts, COUNT_KEY, "day")
_UPSERT_MONTHLY = _upsert(monthly_counts, MONTH_KEY, "left(day, 7)")


# -- SQLite: the rows inserted, counted here -------------------------------------------------


def _sqlite_insert(
    connection: Connection, table: Table, contacts: list[dict[str, Any]], received_at: str
) -> set[str]:
    if not contacts:
        return set()
    # In id order, so batches holding some of the same contacts lock them in one order.
    ordered = sorted(contacts, key=lambda c: str(c["id"]))
    rows = [{**{k: c[k] for k in STORED_COLUMNS}, "received_at": received_at} for c in ordered]
    statement = (
        dialect_insert(connection, table).on_conflict_do_nothing(index_elements=["id"])
    ).returning(table.c.id)
    return set(connection.execute(statement, rows).scalars().all())


def _add_counts(connection: Connection, contacts: list[dict[str, Any]]) -> None:
    daily = _counts_by_desk(contacts)
    if not daily:
        return
    monthly: Counter[tuple[str, ...]] = Counter()
    for (site, desk, day, dimension, value), n in daily.items():
        monthly[site, desk, day[:7], dimension, value] += n
    _upsert_counts(connection, daily_counts, COUNT_KEY, daily)
    _upsert_counts(connection, monthly_counts, MONTH_KEY, monthly)


def _upsert_counts(
    connection: Connection, table: Table, key: tuple[str, ...], changes: Counter[tuple[str, ...]]
) -> None:
    insert = dialect_insert(connection, table)
    upsert = insert.on_conflict_do_update(
        index_elements=list(key), set_={"n": table.c.n + insert.excluded.n}
    )
    # One order for every writer, so two batches updating the same rows never deadlock.
    rows = [{**dict(zip(key, k, strict=True)), "n": n} for k, n in sorted(changes.items())]
    connection.execute(upsert, rows)


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


def recount_months(connection: Connection) -> None:
    """Make ``monthly_counts`` the sums of ``daily_counts`` again: after daily counts were
    written some other way than :func:`store_contacts` (loaded in bulk, or by hand)."""
    month = func.substr(daily_counts.c.day, 1, 7)
    keys = [daily_counts.c.site, daily_counts.c.desk, month, *_values]
    connection.execute(monthly_counts.delete())
    connection.execute(
        monthly_counts.insert().from_select(
            [*MONTH_KEY, "n"], select(*keys, func.sum(daily_counts.c.n)).group_by(*keys)
        )
    )


_values = (daily_counts.c.dimension, daily_counts.c.value)
