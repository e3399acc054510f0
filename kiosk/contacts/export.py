"""Export the log for Excel (CSV) or other systems (JSON Lines): streamed, atomic, safe.

SQLite does the per-cell work (joining service titles, neutralising formula cells, building
JSON), so the export runs at the speed of a plain cursor feeding ``csv.writer``. Rows are
fetched and written in chunks; whoever asks is told after each chunk how far it has got.
"""

import csv
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, Literal

from kiosk.contacts.codes import COLUMNS
from kiosk.contacts.period import Period
from kiosk.contacts.store import ContactLog
from kiosk.errors import KioskError
from kiosk.files import atomic_file, remove_stale_partials

Format = Literal["csv", "jsonl"]
HEADER = (*COLUMNS[:6], "service_title", *COLUMNS[6:])
Progress = Callable[[int, int], None]  # contacts written so far, contacts in the period
PROGRESS_EVERY = 10_000  # contacts written between two reports of progress
FETCH = 200  # rows held in memory at a time: an export's memory stays that of the process


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what makes Excel run a cell (OWASP)


def neutralised(text: str | None) -> str | None:
    """A text cell Excel would run as a formula, made inert with a leading apostrophe."""
    return f"'{text}" if text and text.startswith(FORMULA_STARTS) else text


def _neutralised_sql(expression: str) -> str:
    """:func:`neutralised`, done by SQLite for every row."""
    starts = ", ".join(f"char({ord(c)})" for c in FORMULA_STARTS)
    return (
        f"CASE WHEN substr({expression}, 1, 1) IN ({starts}) "
        f"THEN '''' || {expression} ELSE {expression} END"
    )


def _column_sql(name: str) -> str:
    # Every contact column holds a validated code that cannot start with a formula character
    # (tests hold the code patterns to that); the title comes from the catalog: free text.
    return _neutralised_sql("t.title") if name == "service_title" else f"c.{name}"


_CSV_SELECT = ", ".join(_column_sql(name) for name in HEADER)
_JSON_SELECT = "json_object({})".format(
    ", ".join(
        f"'{name}', json(c.barriers)" if name == "barriers" else f"'{name}', {_column_sql(name)}"
        for name in HEADER
    )
)
_WHERE = "WHERE c.recorded_at >= ? AND c.recorded_at < ?"
_FROM = (
    "FROM contacts AS c LEFT JOIN temp.export_titles AS t ON t.service_id = c.service_id "
    f"{_WHERE} ORDER BY c.recorded_at, c.id"
)


def export(
    log: ContactLog,
    period: Period,
    target: Path,
    titles: Mapping[str, str],
    fmt: Format = "csv",
    *,
    force: bool = False,
    progress: Progress | None = None,
    every: int = PROGRESS_EVERY,
) -> int:
    """Write the contacts in ``period`` to ``target``; returns how many. All or nothing.

    ``progress(done, total)`` is called before the first contact and after every ``every``
    contacts (and the last); ``total`` counts the period's contacts first, so it is known.
    """
    make_way(target, force=force)
    _load_titles(log, titles)
    report = _reporter(progress, _count(log, period) if progress else 0)
    select = _CSV_SELECT if fmt == "csv" else _JSON_SELECT
    rows = log.conn.execute(f"SELECT {select} {_FROM}", [period.start, period.end])
    chunks = _chunks(rows, every, report)
    with atomic_file(target, encoding="utf-8", newline="") as handle:
        return (write_csv if fmt == "csv" else _write_jsonl)(handle, chunks)


def make_way(target: Path, *, force: bool) -> None:
    """Refuse to replace ``target`` without ``force``; clear what an export killed half-way
    left behind."""
    if target.exists() and not force:
        raise KioskError(f"{target} already exists; use --force to replace it")
    remove_stale_partials(target.parent)


def _load_titles(log: ContactLog, titles: Mapping[str, str]) -> None:
    conn = log.conn
    conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS export_titles (service_id TEXT PRIMARY KEY, title TEXT)"
    )
    with conn:
        conn.execute("DELETE FROM temp.export_titles")
        conn.executemany("INSERT INTO temp.export_titles VALUES (?, ?)", titles.items())


def _count(log: ContactLog, period: Period) -> int:
    sql = f"SELECT count(*) FROM contacts AS c {_WHERE}"
    return int(log.conn.execute(sql, [period.start, period.end]).fetchone()[0])


def _reporter(progress: Progress | None, total: int) -> Callable[[int], None]:
    """``progress`` with the total filled in (raised if contacts arrived since it was counted)."""
    if progress is None:
        return lambda done: None
    return lambda done: progress(done, max(done, total))


def _chunks(
    rows: sqlite3.Cursor, every: int, report: Callable[[int], None]
) -> Iterator[list[Any]]:
    """The rows in small chunks; ``report`` hears how many have gone at the start, once every
    ``every`` rows are written, and at the end."""
    done = reported = 0
    report(done)
    while chunk := rows.fetchmany(min(every, FETCH)):
        yield chunk
        done += len(chunk)
        if done - reported >= every:
            report(done)
            reported = done
    if done != reported:
        report(done)


def write_csv(handle: IO[str], chunks: Iterable[Sequence[Sequence[Any]]]) -> int:
    """The CSV Excel opens as it should: a BOM, ``HEADER``, then the rows; CRLF lines."""
    handle.write("\ufeff")  # Excel needs the byte order mark to read UTF-8 (ŵ, ŷ)
    writer = csv.writer(handle, lineterminator="\r\n")
    writer.writerow(HEADER)
    written = 0
    for chunk in chunks:
        writer.writerows(chunk)
        written += len(chunk)
    return written


def _write_jsonl(handle: IO[str], chunks: Iterator[list[Any]]) -> int:
    written = 0
    for chunk in chunks:
        handle.writelines(f"{line}\n" for (line,) in chunk)
        written += len(chunk)
    return written
