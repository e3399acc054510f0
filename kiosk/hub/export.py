"""Council-wide exports: the CSV ``kiosk export`` writes, or an .xlsx made for Excel users.

The CSV is the kiosk's byte for byte (its header, BOM, CRLF lines, formula cells made inert),
so a council's spreadsheets read either; the kiosk's ``uploaded_at`` is when the hub received
the contact. The .xlsx has real date cells in UK local time, a frozen header row with a
filter, and a column per barrier (1 or 0), so barriers can be filtered and summed. Both are
streamed in chunks (openpyxl's write-only mode) and written whole or not at all. Only real
contacts are exported: demo ones are in a table of their own.
"""

import itertools
import json
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Connection, Select, select

from kiosk.contacts.codes import BARRIERS, COLUMNS
from kiosk.contacts.export import HEADER, make_way, neutralised, write_csv
from kiosk.contacts.period import Period
from kiosk.errors import KioskError
from kiosk.files import atomic_file
from kiosk.hub.figures import check_site
from kiosk.hub.tables import contacts

HubFormat = Literal["csv", "xlsx"]
FORMATS: dict[str, HubFormat] = {".csv": "csv", ".xlsx": "xlsx"}
UK = ZoneInfo("Europe/London")
FETCH = 2000  # rows held in memory at a time
TITLE_AT = HEADER.index("service_title")
DATES = ("recorded_at", "uploaded_at")
XLSX_HEADER = tuple(
    itertools.chain.from_iterable(
        [f"barrier_{b}" for b in BARRIERS] if name == "barriers" else [name] for name in HEADER
    )
)
_WIDE = {"id": 38, "service_id": 30, "service_title": 45, **dict.fromkeys(DATES, 20)}


def export_format(target: Path) -> HubFormat:
    """The format ``target``'s name asks for: ``.csv`` or ``.xlsx``."""
    found = FORMATS.get(target.suffix.lower())
    if found is None:
        raise KioskError(f"{target}: the hub exports FILE.csv or FILE.xlsx, not {target.suffix!r}")
    return found


def write_export(
    connection: Connection,
    period: Period,
    target: Path,
    titles: Mapping[str, str],
    fmt: HubFormat,
    site: str | None = None,
    *,
    force: bool = False,
) -> int:
    """Write the contacts in ``period`` (of one ``site``, or all) to ``target``; returns how
    many. Oldest first (by recorded_at, then id), as the kiosk's export."""
    if fmt not in FORMATS.values():
        raise KioskError(f"the hub exports csv or xlsx, not {fmt!r}")
    if site is not None:
        check_site(connection, site)
    make_way(target, force=force)
    query = _selected(period, site, connection.dialect.name)
    result = connection.execution_options(yield_per=FETCH).execute(query)
    chunks = (_with_titles(part, titles) for part in result.partitions())
    if fmt == "csv":
        with atomic_file(target, encoding="utf-8", newline="") as handle:
            return write_csv(handle, chunks)
    with atomic_file(target, "wb") as handle:
        return _write_xlsx(handle, chunks)


def _selected(period: Period, site: str | None, dialect: str) -> Select[Any]:
    c = contacts.c
    columns = [c.received_at if name == "uploaded_at" else c[name] for name in COLUMNS]
    order: list[ColumnElement[Any]] = [c.recorded_at, c.id]
    if dialect == "postgresql":  # byte order, as SQLite's (and the kiosk's), not the locale's
        order = [column.collate("C") for column in order]
    query = select(*columns).where(c.recorded_at >= period.start, c.recorded_at < period.end)
    if site is not None:
        query = query.where(c.site == site)
    return query.order_by(*order)


def _with_titles(rows: Sequence[Sequence[Any]], titles: Mapping[str, str]) -> list[list[Any]]:
    """The rows in ``HEADER`` order: the service's title (formulas made inert) after its id."""
    return [
        [*row[:TITLE_AT], neutralised(titles.get(row[TITLE_AT - 1])), *row[TITLE_AT:]]
        for row in rows
    ]


def _write_xlsx(handle: Any, chunks: Iterator[list[list[Any]]]) -> int:
    from openpyxl import Workbook  # type: ignore[import-untyped]

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Contacts")
    for number, name in enumerate(XLSX_HEADER, start=1):
        sheet.column_dimensions[_letter(number)].width = _WIDE.get(name, 14)
    sheet.freeze_panes = "A2"
    sheet.append(XLSX_HEADER)
    written = 0
    for chunk in chunks:
        for row in chunk:
            sheet.append(_xlsx_row(row))
        written += len(chunk)
    sheet.auto_filter.ref = f"A1:{_letter(len(XLSX_HEADER))}{written + 1}"
    book.save(handle)
    return written


_DATE_AT = tuple(HEADER.index(name) for name in DATES)
_BARRIERS_AT = HEADER.index("barriers")


def _xlsx_row(row: list[Any]) -> list[Any]:
    for at in _DATE_AT:
        row[at] = _uk_time(row[at])
    given = set(json.loads(row[_BARRIERS_AT]))
    row[_BARRIERS_AT : _BARRIERS_AT + 1] = [int(b in given) for b in BARRIERS]
    return row


def _uk_time(stamp: str | None) -> datetime | None:
    """``2026-07-01T23:30:00Z`` as the UK's wall-clock time (2026-07-02 00:30), which Excel
    holds without a zone."""
    if stamp is None:
        return None
    utc = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    return utc.astimezone(UK).replace(tzinfo=None)


def _letter(number: int) -> str:
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    return str(get_column_letter(number))
