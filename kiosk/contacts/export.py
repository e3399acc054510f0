"""Export the log for Excel (CSV) or other systems (JSON Lines): streamed, atomic, safe.

SQLite does the per-cell work (joining service titles, neutralising formula cells, building
JSON), so the export runs at the speed of a plain cursor feeding ``csv.writer``.
"""

import csv
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, Any, Literal

from kiosk.contacts.codes import COLUMNS
from kiosk.contacts.period import Period
from kiosk.contacts.store import ContactLog
from kiosk.errors import KioskError
from kiosk.files import atomic_file

Format = Literal["csv", "jsonl"]
HEADER = (*COLUMNS[:6], "service_title", *COLUMNS[6:])


def _neutralised_sql(expression: str) -> str:
    """A text cell Excel would run as a formula, made inert with a leading apostrophe (OWASP)."""
    return (
        f"CASE WHEN substr({expression}, 1, 1) IN ('=', '+', '-', '@', char(9), char(13)) "
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
_FROM = (
    "FROM contacts AS c LEFT JOIN temp.export_titles AS t ON t.service_id = c.service_id "
    "WHERE c.recorded_at >= ? AND c.recorded_at < ? ORDER BY c.recorded_at, c.id"
)


def export(
    log: ContactLog,
    period: Period,
    target: Path,
    titles: Mapping[str, str],
    fmt: Format = "csv",
    *,
    force: bool = False,
) -> int:
    """Write the contacts in ``period`` to ``target``; returns how many. All or nothing."""
    if target.exists() and not force:
        raise KioskError(f"{target} already exists; use --force to replace it")
    _load_titles(log, titles)
    select = _CSV_SELECT if fmt == "csv" else _JSON_SELECT
    rows = log.db.conn.execute(f"SELECT {select} {_FROM}", [period.start, period.end])
    with atomic_file(target, encoding="utf-8", newline="") as handle:
        return (_write_csv if fmt == "csv" else _write_jsonl)(handle, rows)


def _load_titles(log: ContactLog, titles: Mapping[str, str]) -> None:
    conn = log.db.conn
    conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS export_titles (service_id TEXT PRIMARY KEY, title TEXT)"
    )
    with conn:
        conn.execute("DELETE FROM temp.export_titles")
        conn.executemany("INSERT INTO temp.export_titles VALUES (?, ?)", titles.items())


class _Counting:
    """Counts rows as they stream past, so nothing is held in memory."""

    def __init__(self, rows: Iterable[Any]) -> None:
        self.rows, self.count = rows, 0

    def __iter__(self) -> Any:
        for row in self.rows:
            self.count += 1
            yield row


def _write_csv(handle: IO[str], rows: Iterable[tuple[Any, ...]]) -> int:
    handle.write("\ufeff")  # Excel needs the byte order mark to read UTF-8 (ŵ, ŷ)
    writer = csv.writer(handle, lineterminator="\r\n")
    writer.writerow(HEADER)
    counted = _Counting(rows)
    writer.writerows(counted)
    return counted.count


def _write_jsonl(handle: IO[str], rows: Iterable[tuple[str]]) -> int:
    counted = _Counting(rows)
    handle.writelines(f"{line}\n" for (line,) in counted)
    return counted.count
