"""The contact log on disk: SQLite, durable once ``record`` returns.

WAL with ``synchronous=FULL`` makes a commit durable when it returns (WAL with NORMAL may
lose the last commits on power loss). A busy timeout lets the app, a scheduled upload and a
supervisor's export share the file.
"""

import itertools
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.contacts.codes import COLUMNS
from kiosk.contacts.counts import COUNTED, COUNTED_LIST, apply_counts, summarise
from kiosk.contacts.damage_mark import remember_damage
from kiosk.contacts.migrations import migrate
from kiosk.errors import KioskError
from kiosk.files import PRIVATE_FILE, make_private, private_folder

if TYPE_CHECKING:
    import sqlite_utils

    from kiosk.contacts.contact import Contact  # only get() builds one: a report needs none

BUSY_TIMEOUT_MS = 10_000
FILE_NAME = "contacts.db"


class StoreError(KioskError):
    """The contact log cannot be opened or written."""


RECOVERY_HELP = (
    "stop the kiosk, then run 'kiosk contacts recover': it keeps every contact SQLite can "
    "still read, and the damaged file beside it (docs/contacts.md, 'A damaged log')"
)


class DamagedLogError(StoreError):
    """The contact log's file is damaged: the message names it and the way out."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"the contact log {path} is damaged ({reason}): {RECOVERY_HELP}")
        self.path = path


def is_damage(exc: BaseException) -> bool:
    """True when the file itself is damaged: SQLite's "malformed" and "not a database", or
    text the log never held (every value is written as UTF-8, every JSON value well formed)."""
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    name = getattr(exc, "sqlite_errorname", "")
    return name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or str(exc).startswith(
        ("Could not decode to UTF-8", "malformed JSON")
    )


def _private_database(path: Path) -> None:
    """The log, its folder, and the -wal and -shm files SQLite adds: this user's only.

    SQLite gives the -wal and -shm files the mode of the database file, so a database
    created owner-only keeps them so.
    """
    private_folder(path.parent)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE))  # an empty file is a log
    for name in (path, *(path.with_name(path.name + end) for end in ("-wal", "-shm"))):
        make_private(name)


class ContactLog:
    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            _private_database(path)
            self.conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = FULL")
            # an INSERT OR REPLACE then runs the delete triggers that keep the upload counts
            self.conn.execute("PRAGMA recursive_triggers = ON")
            migrate(self.conn)
        except (sqlite3.Error, OSError) as exc:
            if is_damage(exc):
                remember_damage(path, str(exc))
                raise DamagedLogError(path, str(exc)) from None
            raise StoreError(f"cannot open the contact log {path}: {exc}") from None

    @classmethod
    def in_data_dir(cls, data_dir: Path) -> "ContactLog":
        return cls(data_dir / FILE_NAME)

    @cached_property
    def db(self) -> "sqlite_utils.Database":
        """sqlite_utils' view of the same connection, for tests and tools (it loads
        sqlite_utils, which the kiosk itself does without)."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    def close(self) -> None:
        self.conn.close()

    def record(self, contact: "Contact") -> str:
        """Write one contact; returns its id once the commit is durable."""
        self.record_many([contact])
        return contact.id

    def record_many(self, contacts: "list[Contact]") -> None:
        """Write all of ``contacts`` in one transaction, or none of them."""
        self.insert_rows(c.values() for c in contacts)

    def insert_rows(
        self,
        rows: Iterable[tuple[Any, ...]],
        *,
        first: Callable[[sqlite3.Connection], None] | None = None,
    ) -> int:
        """Insert already-checked rows (``COLUMNS`` order) and their counts, all or none.

        ``first`` makes writes of its own in the same transaction, before the rows (an
        import's fingerprints, so that rows and fingerprints are written together or not).
        """
        conn, count, pending = self.conn, 0, iter(rows)
        try:
            with conn:
                if first is not None:
                    first(conn)
                while batch := list(itertools.islice(pending, _BATCH)):
                    conn.executemany(_INSERT, batch)
                    apply_counts(conn, summarise(tuple(r[i] for i in COUNTED) for r in batch))
                    count += len(batch)
        except sqlite3.IntegrityError as exc:
            raise StoreError(f"not written: a contact with the same id exists ({exc})") from None
        except sqlite3.Error as exc:
            raise StoreError(f"not written to {self.path}: {exc}") from None
        return count

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM contacts").fetchone()[0])

    def get(self, contact_id: str) -> "Contact | None":
        from kiosk.contacts.contact import Contact

        row = self.conn.execute(f"SELECT {_COLUMN_LIST} FROM contacts WHERE id = ?", [contact_id])
        found = row.fetchone()
        return Contact.from_row(dict(zip(COLUMNS, found, strict=True))) if found else None

    def rows_between(self, start: str, end: str) -> Iterator[tuple[Any, ...]]:
        """Raw rows recorded in [start, end), oldest first, streamed (constant memory)."""
        cursor = self.conn.execute(
            f"SELECT {_COLUMN_LIST} FROM contacts WHERE recorded_at >= ? AND recorded_at < ? "
            "ORDER BY recorded_at, id",
            [start, end],
        )
        while batch := cursor.fetchmany(5000):
            yield from batch

    def purge(self, before: str, *, uploads_enabled: bool) -> int:
        """Delete contacts recorded before ``before``; pending ones only if uploads are off."""
        condition = "recorded_at < ?" + (" AND uploaded_at IS NOT NULL" if uploads_enabled else "")
        conn = self.conn
        with conn:
            gone = conn.execute(f"SELECT {COUNTED_LIST} FROM contacts WHERE {condition}", [before])
            while batch := gone.fetchmany(_BATCH):
                apply_counts(conn, summarise(batch, sign=-1))
            cursor = conn.execute(f"DELETE FROM contacts WHERE {condition}", [before])
            for table in ("upload_batch_contacts", "upload_rejected"):
                conn.execute(
                    f"DELETE FROM {table} WHERE contact_id NOT IN (SELECT id FROM contacts)"
                )
            conn.execute(
                "DELETE FROM upload_batches WHERE batch_id NOT IN "
                "(SELECT batch_id FROM upload_batch_contacts)"
            )
        return cursor.rowcount


_BATCH = 50_000
_COLUMN_LIST = ", ".join(COLUMNS)
_INSERT = f"INSERT INTO contacts ({_COLUMN_LIST}) VALUES ({', '.join('?' * len(COLUMNS))})"
