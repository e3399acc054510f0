"""Writing an import: its new rows and their fingerprints in one transaction, or nothing.

A row whose fingerprint is already in ``imported_rows`` was imported before (from this file,
a copy, or an earlier version of a sheet that has grown since) and is left out. Killed half
way, an import has written nothing, so running it again writes every row exactly once.
"""

import sqlite3
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from kiosk.contacts.importer import ImportRows
from kiosk.contacts.store import ContactLog
from kiosk.errors import KioskError

_CHUNK = 500  # fingerprints per lookup: under SQLite's limit on parameters
_CACHE_KIB = 65_536


@dataclass(frozen=True)
class ImportResult:
    added: int
    left_out: list[int]  # the row numbers already imported before, as Excel shows them
    earlier: str | None  # when the last import that holds any of them was made (UTC)


def record_import(log: ContactLog, rows: ImportRows) -> ImportResult:
    """Write the rows not imported before, with their fingerprints, all in one transaction."""
    seen, earlier = _already_imported(log.conn, rows)
    new = array("I", (i for i in range(len(rows)) if not seen[i]))
    if new:
        # a million rows' index pages then stay in memory while they are written
        log.conn.execute(f"PRAGMA cache_size = -{_CACHE_KIB}")
        log.insert_rows(rows.values(iter(new)), first=lambda conn: _mark(conn, rows, new))
    left_out = [rows.numbers[i] for i in range(len(rows)) if seen[i]]
    return ImportResult(len(new), left_out, earlier)


def _already_imported(conn: sqlite3.Connection, rows: ImportRows) -> tuple[bytearray, str | None]:
    """A flag per row (1: imported before), and when the latest import holding one was made."""
    seen, imports = bytearray(len(rows)), set()
    for start in range(0, len(rows), _CHUNK):
        chunk = {rows.fingerprint(i): i for i in range(start, min(start + _CHUNK, len(rows)))}
        found = conn.execute(
            "SELECT fingerprint, import_id FROM imported_rows WHERE fingerprint IN "
            f"({', '.join('?' * len(chunk))})",
            list(chunk),
        )
        for fingerprint, import_id in found:
            seen[chunk[fingerprint]] = 1
            imports.add(import_id)
    if not imports:
        return seen, None
    marks = ", ".join("?" * min(len(imports), _CHUNK))
    (earlier,) = conn.execute(
        f"SELECT max(imported_at) FROM imports WHERE import_id IN ({marks})",
        sorted(imports)[-_CHUNK:],  # the latest imports have the highest ids
    ).fetchone()
    return seen, earlier


def _mark(conn: sqlite3.Connection, rows: ImportRows, new: "array[int]") -> None:
    imported_at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    import_id = conn.execute(
        "INSERT INTO imports (imported_at, rows) VALUES (?, ?)", [imported_at, len(new)]
    ).lastrowid
    # in order, as the table's b-tree keeps them: a million rows go in a third quicker
    ordered = sorted(rows.fingerprint(i) for i in new)
    marks: Iterator[tuple[bytes, int | None]] = (
        (fingerprint, import_id) for fingerprint in ordered
    )
    try:
        conn.executemany("INSERT INTO imported_rows VALUES (?, ?)", marks)
    except sqlite3.IntegrityError:
        raise KioskError(
            "another import wrote some of the same rows while this one was reading; nothing "
            "was written by this one: run it again to add any rows still missing"
        ) from None
