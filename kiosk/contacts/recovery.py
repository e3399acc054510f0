"""A damaged contact log: found by SQLite's own check, mended by reading round the damage.

``damage`` runs ``PRAGMA quick_check``. ``recover`` reads every row SQLite can still reach,
a range of rowids at a time, halving a range that fails until only the rows on damaged
pages are left out; it writes them into a new log made by our own migrations, keeps only
contacts that are whole, counts them again, and puts the new log in place. The damaged file
is kept beside it, renamed, so nothing is ever lost to the recovery itself.

(SQLite's own ``.recover`` needs the ``sqlite_dbpage`` table, which Debian's SQLite is built
without, and Python's sqlite3 has no recovery call: hence the reading here.)
"""

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kiosk.contacts.codes import COLUMNS
from kiosk.contacts.counts import COUNTED_LIST, apply_counts, summarise
from kiosk.contacts.damage_mark import forget_damage
from kiosk.contacts.store import ContactLog
from kiosk.errors import KioskError

SHOWN_PROBLEMS = 5
_RANGE = 4096  # rowids read at a time
_MOST_ROWS_A_PAGE = 200  # far more than a 4 KiB page holds of rows as long as a contact
# What the log holds that is not made again from the contacts (counts) or by the next
# upload (batches): the contacts, the receiver's rejections, the upload events, and what
# was imported (so importing the same file again still adds nothing).
_KEPT_TABLES = (
    "contacts", "upload_rejected", "upload_events", "imports", "imported_rows",
)  # fmt: skip
_SIDE_FILES = ("-wal", "-shm")


def damage(path: Path) -> list[str]:
    """What SQLite's quick check finds wrong with the log at ``path`` (empty: nothing)."""
    try:
        with contextlib.closing(_read_only(path)) as conn:
            found = [row[0] for row in conn.execute(f"PRAGMA quick_check({SHOWN_PROBLEMS})")]
            if found == ["ok"]:
                _read_every_contact(conn)
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [] if found == ["ok"] else found


def _read_every_contact(conn: sqlite3.Connection) -> None:
    """Read the text of every contact: noise inside a row leaves the file's structure whole
    (so the quick check passes) but makes text that was never written."""
    rows = conn.execute(f"SELECT {', '.join(COLUMNS)} FROM contacts")
    while rows.fetchmany(10_000):
        pass


@dataclass(frozen=True)
class Recovered:
    contacts: int  # whole contacts in the new log
    expected: int | None  # how many the damaged log's own counts said it held, if readable
    kept_as: Path  # the damaged file, renamed


def recover(path: Path, *, force: bool = False) -> Recovered:
    """Replace the damaged log at ``path`` by a new one holding all that can be read."""
    if not path.is_file():
        raise KioskError(f"there is no contact log at {path}; nothing was changed")
    if not force and not damage(path):
        raise KioskError(f"the contact log {path} is not damaged; nothing was changed")
    _refuse_if_open_elsewhere(path)
    expected = _counted(path)
    new = path.with_name(f".{path.name}.recovering")
    _remove(new)
    try:
        with _nobody_else_writing(path):
            contacts = _rebuild(path, new)
            kept_as = _swap(path, new)
        forget_damage(path)
    except BaseException:
        _remove(new)
        raise
    return Recovered(contacts, expected, kept_as)


def _refuse_if_open_elsewhere(path: Path) -> None:
    """A kiosk left running keeps the log open without writing, and would go on saving
    into the damaged file once it is set aside: on Linux, ask /proc who has it open."""
    users = _processes_with_open(path)
    if users:
        raise KioskError(
            f"the contact log {path} is open in process {', '.join(map(str, users))} (the "
            "kiosk, an upload or an export): stop it, then run 'kiosk contacts recover' "
            "again; nothing was changed"
        )


def _processes_with_open(path: Path) -> list[int]:
    wanted = {os.fspath(path.resolve()) + end for end in ("", *_SIDE_FILES)}
    found = []
    for fd_folder in Path("/proc").glob("[0-9]*/fd"):
        pid = int(fd_folder.parent.name)
        if pid == os.getpid():
            continue
        try:
            if any(os.readlink(fd) in wanted for fd in fd_folder.iterdir()):  # noqa: PTH115
                found.append(pid)
        except OSError:  # gone meanwhile, or another user's: not ours to see
            continue
    return sorted(found)


@contextlib.contextmanager
def _nobody_else_writing(path: Path) -> Iterator[None]:
    """Hold the log's write lock while it is read, so no contact is saved into it meanwhile."""
    conn = sqlite3.connect(path, timeout=0.5, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        conn.close()
        if "locked" not in str(exc) and "busy" not in str(exc):
            raise KioskError(f"cannot lock the contact log {path}: {exc}") from None
        raise KioskError(
            f"the contact log {path} is in use (the kiosk, an upload or an export): stop "
            "it, then run 'kiosk contacts recover' again; nothing was changed"
        ) from None
    except sqlite3.DatabaseError:  # too damaged to lock: nothing can write to it either
        conn.close()
        yield
        return
    try:
        yield
    finally:
        conn.execute("ROLLBACK")
        conn.close()


def _rebuild(damaged: Path, target: Path) -> int:
    """A new log by our migrations, with every whole row of the damaged one, counted."""
    log = ContactLog(target)
    conn = log.conn
    try:
        with contextlib.closing(_read_only(damaged, past_the_end=True)) as old, conn:
            for table in _KEPT_TABLES:
                _copy_table(old, conn, table)
            rows = conn.execute(f"SELECT {COUNTED_LIST} FROM contacts")
            while batch := rows.fetchmany(50_000):
                apply_counts(conn, summarise(batch))
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise KioskError("the recovered contact log did not pass SQLite's check")
        contacts = int(conn.execute("SELECT count(*) FROM contacts").fetchone()[0])
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.Error as exc:
        raise KioskError(
            f"the contact log could not be rebuilt ({exc}); nothing was changed"
        ) from None
    finally:
        log.close()
    return contacts


def _copy_table(old: sqlite3.Connection, new: sqlite3.Connection, table: str) -> None:
    """Every row of ``table`` that can be read and meets our constraints; the rest left out."""
    try:
        ours = [row[1] for row in new.execute(f"PRAGMA table_info({table})")]
        theirs = {row[1] for row in old.execute(f"PRAGMA table_info({table})")}
        top = _last_rowid(old, table)
    except sqlite3.DatabaseError:
        return  # the table's own description is on a damaged page
    columns = [c for c in ours if c in theirs]
    if not columns:
        return
    listed = ", ".join(columns)
    where = _WHOLE_CONTACT if table == "contacts" else "true"
    insert = f"INSERT OR IGNORE INTO {table} ({listed}) VALUES ({', '.join('?' * len(columns))})"
    if top is None:  # a table without rowids: all of it, or none if it is damaged
        with contextlib.suppress(sqlite3.DatabaseError):
            new.executemany(insert, old.execute(f"SELECT {listed} FROM {table}").fetchall())
        return
    select = f"SELECT {listed} FROM {table} WHERE rowid BETWEEN ? AND ? AND {where}"
    for first in range(0, top + 1, _RANGE):
        new.executemany(insert, _readable(old, select, first, first + _RANGE - 1))


def _readable(
    old: sqlite3.Connection, select: str, first: int, last: int
) -> list[tuple[object, ...]]:
    """The rows between two rowids that can be read, halving the range round any damage."""
    try:
        return old.execute(select, [first, last]).fetchall()
    except sqlite3.DatabaseError:
        if first == last:
            return []  # this row is on a damaged page
        middle = (first + last) // 2
        return _readable(old, select, first, middle) + _readable(old, select, middle + 1, last)


def _last_rowid(old: sqlite3.Connection, table: str) -> int | None:
    """The highest rowid, or, when the way to it is damaged, the most the file could hold.

    None for a table without rowids.
    """
    without = old.execute(
        "SELECT sql LIKE '%WITHOUT ROWID%' FROM sqlite_master WHERE name = ?", [table]
    ).fetchone()
    if without is None or without[0]:
        return None
    try:
        found = old.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0]
        return int(found or 0)
    except sqlite3.DatabaseError:
        pages = old.execute("PRAGMA page_count").fetchone()[0]
        return int(pages) * _MOST_ROWS_A_PAGE


# A row put together from damaged pages can have the wrong types in it: keep only contacts
# whose every field has the type it must have (and whose barriers are JSON).
_TYPES = {"lgsl": "integer", "handout": "integer", "duration_s": "integer"}
_MAY_BE_NULL = {"lgsl", "duration_s", "next_time_online", "referral", "uploaded_at"}
_WHOLE_CONTACT = " AND ".join(
    [
        *(
            f"typeof({column}) IN ('{_TYPES.get(column, 'text')}'"
            + (", 'null')" if column in _MAY_BE_NULL else ")")
            for column in COLUMNS
        ),
        "json_valid(barriers)",
    ]
)


def _counted(path: Path) -> int | None:
    """How many contacts the damaged log's own daily counts say it holds, if they read."""
    try:
        with contextlib.closing(_read_only(path, past_the_end=True)) as conn:
            found = conn.execute(
                "SELECT sum(n) FROM daily_counts WHERE dimension = 'mode'"
            ).fetchone()[0]
    except sqlite3.DatabaseError:
        return None
    return None if found is None else int(found)


def _swap(path: Path, new: Path) -> Path:
    """The new log in place of the damaged one, which is kept, renamed, with its side files."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    kept_as = path.with_name(f"{path.name}.damaged-{stamp}")
    for end in _SIDE_FILES:
        old = path.with_name(path.name + end)
        if old.exists():
            old.replace(kept_as.with_name(kept_as.name + end))
    os.link(path, kept_as)  # kept under its new name first: a kill here loses nothing
    new.replace(path)
    for end in _SIDE_FILES:
        new.with_name(new.name + end).unlink(missing_ok=True)
    _sync_folder(path.parent)
    return kept_as


def _sync_folder(folder: Path) -> None:
    """Make the renames durable (a power cut must not bring the damaged file back)."""
    if os.name == "nt":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _read_only(path: Path, *, past_the_end: bool = False) -> sqlite3.Connection:
    """A connection that cannot write. ``past_the_end``: also read a file cut short (SQLite
    refuses one shorter than its header says, unless the schema is writable, which a
    read-only connection makes harmless)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    if past_the_end:
        conn.execute("PRAGMA writable_schema = ON")
    return conn


def _remove(log: Path) -> None:
    for end in ("", *_SIDE_FILES):
        log.with_name(log.name + end).unlink(missing_ok=True)
