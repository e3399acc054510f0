"""Export the log for Excel (CSV) or other systems (JSON Lines): streamed, atomic, safe."""

import csv
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Literal, TextIO

from kiosk.contacts.codes import COLUMNS
from kiosk.contacts.period import Period
from kiosk.contacts.store import ContactLog
from kiosk.errors import KioskError

Format = Literal["csv", "jsonl"]
HEADER = (*COLUMNS[:6], "service_title", *COLUMNS[6:])
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_SERVICE = COLUMNS.index("service_id")


def neutralise(cell: object) -> object:
    """A text cell Excel would run as a formula, made inert with a leading apostrophe (OWASP)."""
    if isinstance(cell, str) and cell.startswith(_FORMULA_STARTS):
        return "'" + cell
    return cell


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
    rows = _with_titles(log.rows_between(period.start, period.end), titles)
    try:
        descriptor, name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".partial"
        )
    except OSError as exc:
        raise KioskError(f"cannot write in {target.parent}: {exc.strerror}") from None
    partial = Path(name)
    try:
        with open(descriptor, "w", encoding="utf-8", newline="") as handle:  # noqa: PTH123 (a file descriptor)
            count = (_write_csv if fmt == "csv" else _write_jsonl)(handle, rows)
            handle.flush()
            os.fsync(handle.fileno())
        partial.replace(target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise KioskError(f"export failed, nothing written to {target}: {exc.strerror}") from None
    return count


def _with_titles(
    rows: Iterable[tuple[Any, ...]], titles: Mapping[str, str]
) -> Iterator[list[Any]]:
    for row in rows:
        values = list(row)
        values.insert(_SERVICE + 1, titles.get(row[_SERVICE], ""))
        yield values


def _write_csv(handle: TextIO, rows: Iterable[list[Any]]) -> int:
    handle.write("\ufeff")  # Excel needs the byte order mark to read UTF-8 (ŵ, ŷ)
    writer = csv.writer(handle, lineterminator="\r\n")
    writer.writerow(HEADER)
    count = 0
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
        count += 1
    return count


def _write_jsonl(handle: TextIO, rows: Iterable[list[Any]]) -> int:
    barriers = HEADER.index("barriers")
    count = 0
    for row in rows:
        row[barriers] = json.loads(row[barriers])
        handle.write(json.dumps(dict(zip(HEADER, row, strict=True)), ensure_ascii=False) + "\n")
        count += 1
    return count
