"""A paper log's spreadsheet as councils save it: rows of text cells, whatever the file.

CSV from Excel in any of its forms (UTF-8 with or without a byte order mark, ``,`` or ``;``
between cells as the locale has it, "Unicode text": UTF-16 with tabs) and ``.xlsx`` workbooks
(the first sheet). The delimiter is the one that makes the most known column names of the
header row; an old ``.xls`` workbook is refused with what to save it as instead.
"""

import codecs
import csv
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import IO, Any

from kiosk.errors import KioskError

DELIMITERS = (",", ";", "\t")
_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"
_SAVE_AS = "save it from Excel as .xlsx or as 'CSV UTF-8'"


@dataclass
class Sheet:
    header: list[str]
    rows: Iterator[tuple[int, list[str]]]  # (row number as Excel shows it, the cells)


@contextmanager
def open_sheet(path: Path, known_columns: Collection[str]) -> Iterator[Sheet]:
    """The sheet in ``path``; raises KioskError naming the file when it cannot be read."""
    try:
        with path.open("rb") as handle:
            start = handle.read(4)
    except OSError as exc:
        raise KioskError(f"{path}: cannot read it: {exc.strerror or exc}") from None
    if start == _OLE:
        raise KioskError(f"{path}: an old Excel .xls workbook; {_SAVE_AS}")
    if start == _ZIP:
        with _workbook(path) as sheet:
            yield sheet
        return
    with _csv(path, start, known_columns) as sheet:
        yield sheet


@contextmanager
def _csv(path: Path, start: bytes, known_columns: Collection[str]) -> Iterator[Sheet]:
    utf16 = start[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    encoding = "utf-16" if utf16 else "utf-8-sig"
    try:
        with path.open(encoding=encoding, newline="") as handle:
            delimiter = _delimiter(handle, known_columns)
            cells = csv.reader(handle, delimiter=delimiter)
            header = next(cells, [])
            yield Sheet(header, _csv_rows(path, cells))
    except (OSError, UnicodeError, csv.Error) as exc:
        raise KioskError(f"{path}: cannot read as a CSV file ({exc}); {_SAVE_AS}") from None


def _delimiter(handle: IO[str], known_columns: Collection[str]) -> str:
    first_line = handle.readline()
    handle.seek(0)

    def known(delimiter: str) -> int:
        cells = next(csv.reader([first_line], delimiter=delimiter), [])
        return sum(cell.strip().lower() in known_columns for cell in cells)

    return max(DELIMITERS, key=known)  # on a tie, the first: a comma


def _csv_rows(path: Path, cells: Iterator[list[str]]) -> Iterator[tuple[int, list[str]]]:
    number = 1
    try:
        for row in cells:
            number += 1
            yield number, row
    except (UnicodeError, csv.Error) as exc:
        raise KioskError(f"{path}:row {number + 1}: cannot read it ({exc}); {_SAVE_AS}") from None


@contextmanager
def _workbook(path: Path) -> Iterator[Sheet]:
    import openpyxl  # type: ignore[import-untyped]  # only an .xlsx import needs it

    # A damaged or hostile workbook fails in many ways inside openpyxl (zip, XML, KeyError):
    # each is the same to staff, a file that cannot be read.
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise KioskError(f"{path}: cannot read as an Excel workbook ({exc}); {_SAVE_AS}") from None
    try:
        rows = book.worksheets[0].iter_rows(values_only=True) if book.worksheets else iter(())
        header = [_text(value) for value in next(rows, ())]
        yield Sheet(header, _workbook_rows(path, rows))
    finally:
        book.close()


def _workbook_rows(path: Path, rows: Iterator[tuple[Any, ...]]) -> Iterator[tuple[int, list[str]]]:
    number = 1
    try:
        for row in rows:
            number += 1
            yield number, [_text(value) for value in row]
    except Exception as exc:  # as in _workbook
        raise KioskError(f"{path}:row {number}: cannot read the workbook ({exc})") from None


def _text(value: Any) -> str:
    """A cell as the text a CSV would hold: Excel's dates as ISO (local time), 3.0 as 3."""
    if value is None:
        return ""
    if isinstance(value, datetime) and value.time() == time():  # a date-only cell, as
        return value.date().isoformat()  # openpyxl reads one: a day, as the CSV writes it
    if isinstance(value, datetime):
        return value.isoformat(sep="T", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
