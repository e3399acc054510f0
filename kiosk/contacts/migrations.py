"""The contact log's tables, one sqlite_utils migration each, applied in order and only once.

sqlite_utils is loaded only when a migration is due: opening an up-to-date log reads the
names of the applied migrations with one plain query (:func:`migrate`).
"""

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

from kiosk.contacts.counts import COUNTED_LIST, apply_counts, summarise

if TYPE_CHECKING:
    import sqlite_utils

MIGRATION_SET = "assisted-digital-contacts"


def create_contacts(db: "sqlite_utils.Database") -> None:
    db.execute(
        """
        CREATE TABLE contacts (
            id TEXT PRIMARY KEY,
            recorded_at TEXT NOT NULL,
            site TEXT NOT NULL,
            desk TEXT NOT NULL,
            staff TEXT NOT NULL,
            service_id TEXT NOT NULL,
            lgsl INTEGER,
            mode TEXT NOT NULL,
            outcome TEXT NOT NULL,
            barriers TEXT NOT NULL DEFAULT '[]',
            language TEXT NOT NULL,
            handout INTEGER NOT NULL DEFAULT 0,
            next_time_online TEXT,
            referral TEXT,
            duration_s INTEGER,
            catalog_version TEXT NOT NULL,
            source TEXT NOT NULL,
            uploaded_at TEXT
        )
        """
    )
    db.execute("CREATE INDEX contacts_recorded_at ON contacts (recorded_at, id)")
    db.execute("CREATE INDEX contacts_pending ON contacts (uploaded_at) WHERE uploaded_at IS NULL")


def create_daily_counts(db: "sqlite_utils.Database") -> None:
    """Per-day counts for every report breakdown, so a report never scans the log."""
    db.execute(
        """
        CREATE TABLE daily_counts (
            day TEXT NOT NULL,
            dimension TEXT NOT NULL,
            value TEXT NOT NULL,
            n INTEGER NOT NULL,
            PRIMARY KEY (day, dimension, value)
        ) WITHOUT ROWID
        """
    )
    rows = db.execute(f"SELECT {COUNTED_LIST} FROM contacts")
    while batch := rows.fetchmany(50_000):
        apply_counts(db.conn, summarise(batch))


def create_upload_queue(db: "sqlite_utils.Database") -> None:
    """Batches written down before they are sent, so a retry sends exactly the same batch."""
    db.execute(
        """
        CREATE TABLE upload_batches (
            batch_id TEXT PRIMARY KEY,
            created_at TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt REAL NOT NULL DEFAULT 0,
            held_reason TEXT,
            last_error TEXT
        )
        """
    )
    # Keyed by batch first: settling a batch then deletes neighbouring rows, not rows strewn
    # over a random-UUID index (which made every settle rewrite hundreds of pages).
    db.execute(
        "CREATE TABLE upload_batch_contacts (batch_id TEXT NOT NULL "
        "REFERENCES upload_batches (batch_id), contact_id TEXT NOT NULL, "
        "PRIMARY KEY (batch_id, contact_id)) WITHOUT ROWID"
    )
    db.execute(
        "CREATE TABLE upload_rejected (contact_id TEXT PRIMARY KEY, reason TEXT NOT NULL, "
        "rejected_at TEXT NOT NULL)"
    )
    db.execute("CREATE TABLE upload_events (name TEXT PRIMARY KEY, at TEXT NOT NULL, detail TEXT)")


def count_upload_status(db: "sqlite_utils.Database") -> None:
    """Pending, sent and rejected-by-reason as counters that triggers keep in every write's
    own transaction, so the status line never counts the log; filled here by one scan."""
    db.execute(
        "CREATE TABLE upload_counts (counter TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '', "
        "n INTEGER NOT NULL, PRIMARY KEY (counter, reason)) WITHOUT ROWID"
    )
    pending, sent = db.execute(
        f"SELECT total({_PENDING.format(row='contacts')}), total(uploaded_at IS NOT NULL) "
        "FROM contacts"
    ).fetchone()
    db.execute(
        "INSERT INTO upload_counts VALUES ('pending', '', ?), ('sent', '', ?)",
        [int(pending), int(sent)],
    )
    db.execute(
        "INSERT INTO upload_counts SELECT 'rejected', reason, count(*) FROM upload_rejected "
        "GROUP BY reason"
    )
    for trigger in _COUNTING_TRIGGERS:
        db.execute(trigger)
    # the status line's other questions, answered from an index instead of the whole queue
    db.execute(
        "CREATE INDEX upload_batches_held ON upload_batches (created_at) "
        "WHERE held_reason IS NOT NULL"
    )
    db.execute(
        "CREATE INDEX upload_batches_due ON upload_batches (next_attempt) "
        "WHERE held_reason IS NULL"
    )


# A contact counts as sent once acknowledged, as pending while not sent and not rejected.
_PENDING = "{row}.uploaded_at IS NULL AND {row}.id NOT IN (SELECT contact_id FROM upload_rejected)"


def _count_contact(row: str, change: str) -> str:
    counter = (
        f"CASE WHEN {row}.uploaded_at IS NOT NULL THEN 'sent' "
        f"WHEN {_PENDING.format(row=row)} THEN 'pending' END"
    )
    return f"UPDATE upload_counts SET n = n {change} WHERE counter = {counter} AND reason = '';"


def _rejection_added(row: str) -> str:
    """A rejection takes its contact out of pending (unless sent) and into its reason."""
    return (
        f"{_pending_if_unsent(row, '- 1')} INSERT INTO upload_counts "
        f"VALUES ('rejected', {row}.reason, 1) ON CONFLICT DO UPDATE SET n = n + 1;"
    )


def _rejection_removed(row: str) -> str:
    return (
        f"{_pending_if_unsent(row, '+ 1')} UPDATE upload_counts SET n = n - 1 "
        f"WHERE counter = 'rejected' AND reason = {row}.reason; DELETE FROM upload_counts "
        f"WHERE counter = 'rejected' AND reason = {row}.reason AND n = 0;"
    )


def _pending_if_unsent(row: str, change: str) -> str:
    return (
        f"UPDATE upload_counts SET n = n {change} WHERE counter = 'pending' AND reason = '' "
        f"AND EXISTS (SELECT 1 FROM contacts WHERE id = {row}.contact_id "
        "AND uploaded_at IS NULL);"
    )


# INSERT OR REPLACE deletes the row it replaces; ContactLog turns recursive_triggers on so
# that this delete is counted too (without it SQLite skips delete triggers on a REPLACE).
_COUNTING_TRIGGERS = (
    "CREATE TRIGGER upload_counts_contact_added AFTER INSERT ON contacts BEGIN "
    f"{_count_contact('NEW', '+ 1')} END",
    "CREATE TRIGGER upload_counts_contact_changed AFTER UPDATE OF uploaded_at, id ON contacts "
    "WHEN (OLD.uploaded_at IS NULL) != (NEW.uploaded_at IS NULL) OR OLD.id IS NOT NEW.id "
    f"BEGIN {_count_contact('OLD', '- 1')} {_count_contact('NEW', '+ 1')} END",
    "CREATE TRIGGER upload_counts_contact_removed AFTER DELETE ON contacts BEGIN "
    f"{_count_contact('OLD', '- 1')} END",
    "CREATE TRIGGER upload_counts_rejected_added AFTER INSERT ON upload_rejected BEGIN "
    f"{_rejection_added('NEW')} END",
    "CREATE TRIGGER upload_counts_rejected_changed AFTER UPDATE ON upload_rejected BEGIN "
    f"{_rejection_removed('OLD')} {_rejection_added('NEW')} END",
    "CREATE TRIGGER upload_counts_rejected_removed AFTER DELETE ON upload_rejected BEGIN "
    f"{_rejection_removed('OLD')} END",
)


def count_sources(db: "sqlite_utils.Database") -> None:
    """Where each day's contacts came from (the kiosk, its idle reset, an import...), for
    logs whose daily_counts were made before it counted that; a new log has them already."""
    db.execute(
        "INSERT INTO daily_counts SELECT substr(recorded_at, 1, 10), 'source', source, "
        "count(*) FROM contacts WHERE true GROUP BY 1, 3 ON CONFLICT DO NOTHING"
    )


def create_import_fingerprints(db: "sqlite_utils.Database") -> None:
    """A fingerprint of every row a spreadsheet import wrote (a hash of its codes and time,
    no file name), so the same rows imported again are recognised; kept after a purge, so a
    purged contact is not imported back."""
    db.execute(
        "CREATE TABLE imports (import_id INTEGER PRIMARY KEY, imported_at TEXT NOT NULL, "
        "rows INTEGER NOT NULL)"
    )
    db.execute(
        "CREATE TABLE imported_rows (fingerprint BLOB PRIMARY KEY, import_id INTEGER NOT NULL "
        "REFERENCES imports (import_id)) WITHOUT ROWID"
    )


STEPS: tuple[Callable[["sqlite_utils.Database"], None], ...] = (
    create_contacts,
    create_daily_counts,
    create_upload_queue,
    count_upload_status,
    count_sources,
    create_import_fingerprints,
)


def migrate(conn: sqlite3.Connection) -> None:
    """Apply the migrations ``conn``'s log has not had yet (sqlite_utils loads only then)."""
    if not _due(conn):
        return
    import sqlite_utils

    migrations = sqlite_utils.Migrations(MIGRATION_SET)
    for step in STEPS:
        migrations()(step)
    migrations.apply(sqlite_utils.Database(conn))


def _due(conn: sqlite3.Connection) -> bool:
    try:
        applied = conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]
        ).fetchall()
    except sqlite3.OperationalError:  # no such table: a new log (anything else: let it say)
        return True
    return not {step.__name__ for step in STEPS} <= {name for (name,) in applied}
