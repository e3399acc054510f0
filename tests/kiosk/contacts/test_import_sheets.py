"""``kiosk contacts import`` reads paper logs as councils save them from Excel."""

import codecs
import time
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from kiosk.contacts.store import ContactLog
from tests.kiosk.cli.test_catalog_commands import run

HEADER = ["recorded_at", "service_id", "mode", "outcome", "handout", "duration_s"]
ROWS = [
    ["20/11/2026 10:15", "pay-council-tax", "showed_how", "completed", "1", "300"],
    ["21/11/2026", "general", "signposted", "started", "no", ""],
]
STORED = {  # what those two rows become (the kiosk's clock here is UTC, as on the servers)
    ("2026-11-20T10:15:00Z", "pay-council-tax", 1, 300),
    ("2026-11-21T12:00:00Z", "general", 0, None),  # a day alone is taken as midday
}


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def stored(data_dir: Path) -> set[tuple[object, ...]]:
    rows = ContactLog.in_data_dir(data_dir).conn.execute(
        "SELECT recorded_at, service_id, handout, duration_s FROM contacts"
    )
    return set(rows)


def import_file(capsys: pytest.CaptureFixture[str], data_dir: Path, sheet: Path) -> tuple:
    return run(capsys, "--data-dir", str(data_dir), "contacts", "import", str(sheet))


def text_sheet(delimiter: str, rows: list[list[str]] = ROWS) -> str:
    return "".join(delimiter.join(cells) + "\r\n" for cells in [HEADER, *rows])


@pytest.mark.parametrize(
    "content",
    [
        text_sheet(",").encode(),
        text_sheet(";").encode(),  # Excel where the comma is the decimal point
        codecs.BOM_UTF8 + text_sheet(";").encode(),  # Excel's "CSV UTF-8"
        codecs.BOM_UTF8 + text_sheet(",").encode(),
        "\ufeff".encode("utf-16-le") + text_sheet("\t").encode("utf-16-le"),  # "Unicode text"
        text_sheet(";", [*ROWS, [""] * 6, [" "] * 6]).encode(),  # blank rows Excel leaves
        text_sheet(",").replace("recorded_at", " Recorded_At ").encode(),
    ],
    ids=["comma", "semicolon", "bom-semicolon", "bom-comma", "utf-16-tab", "blank-rows", "case"],
)
def test_csv_as_excel_saves_it_imports(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path, content: bytes
) -> None:
    sheet = tmp_path / "paper-log.csv"
    sheet.write_bytes(content)
    code, out, err = import_file(capsys, data_dir, sheet)
    assert (code, err) == (0, "")
    assert out == f"imported 2 contact(s) from {sheet}\n"
    assert stored(data_dir) == STORED


def workbook(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    for cells in [HEADER, *rows]:
        book.active.append(cells)
    book.save(path)
    return path


@pytest.mark.parametrize(
    "rows",
    [
        [[datetime(2026, 11, 20, 10, 15), "pay-council-tax", "showed_how", "completed", 1, 300],
         [datetime(2026, 11, 21, 12, 0), "general", "signposted", "started", False, None]],
        [[*ROWS[0][:4], 1.0, 300.0], ROWS[1]],  # numbers as Excel keeps them; text dates
        [[datetime(2026, 11, 20, 10, 15), *ROWS[0][1:]],  # a date-only cell, as openpyxl
         [date(2026, 11, 21), *ROWS[1][1:]]],  # writes it and reads it back (at midnight)
    ],
    ids=["excel-dates", "text-dates", "date-only-cell"],
)  # fmt: skip
def test_xlsx_imports(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path, rows: list[list[object]]
) -> None:
    sheet = workbook(tmp_path / "paper-log.xlsx", rows)
    code, out, _ = import_file(capsys, data_dir, sheet)
    assert (code, out) == (0, f"imported 2 contact(s) from {sheet}\n")
    assert stored(data_dir) == STORED


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "an old Excel .xls workbook; save it"),
        (b"PK\x03\x04" + bytes(300), "cannot read as an Excel workbook"),
        (b"recorded_at,service_id,mode,outcome\n\xff\xfe\x00nope\n", "cannot read as a CSV file"),
        (
            b'recorded_at,service_id,mode,outcome\n"' + b"x" * 200_000 + b'"\n',
            "row 2: cannot read it (field larger than field limit",
        ),
        (b"", "empty; a header row and at least one contact are needed"),
        (b"recorded_at,service_id,mode,outcome,mode\n", "mode: the column is given twice"),
        (b"recorded_at,service_id,mode,outcome\n", "no contacts in it"),
    ],
    ids=["xls", "broken-xlsx", "not-utf-8", "huge-cell", "empty", "column-twice", "no-rows"],
)
def test_unreadable_files_are_refused_by_name(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    tmp_path: Path,
    content: bytes,
    expected: str,
) -> None:
    sheet = tmp_path / "paper-log.xlsx"
    sheet.write_bytes(content)
    code, out, err = import_file(capsys, data_dir, sheet)
    assert (code, out) == (1, "")
    assert str(sheet) in err
    assert expected in err
    assert "unexpected" not in err
    assert ContactLog.in_data_dir(data_dir).count() == 0


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["11/20/2026 10:15"], "recorded_at: '11/20/2026 10:15' is not a date and time like"),
        (["20/11/26"], "recorded_at: '20/11/26' is not a date and time"),
        (["31/02/2026"], "recorded_at: '31/02/2026' is not a date and time"),
        (["20/11/2026", "pay-council-tax", "showed_how", "completed", "1", "300", "note"],
         "'note': a cell beyond the header's 6 columns"),
        (["20/11/2026", "pay-council-tax", "showed_how", "completed", "maybe"],
         "handout: 'maybe' is not 1 or 0"),
    ],
    ids=["us-date", "two-digit-year", "no-such-day", "extra-cell", "bad-flag"],
)  # fmt: skip
def test_a_bad_cell_is_named_with_its_row_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    tmp_path: Path,
    cells: list[str],
    expected: str,
) -> None:
    row = cells if len(cells) > 1 else [*cells, *ROWS[0][1:]]
    sheet = tmp_path / "paper-log.csv"
    sheet.write_text(text_sheet(";", [ROWS[0], row]), encoding="utf-8")
    code, _, err = import_file(capsys, data_dir, sheet)
    assert code == 1
    assert f"paper-log.csv:row 3: {expected}" in err
    assert ContactLog.in_data_dir(data_dir).count() == 0


def test_a_workbook_and_its_csv_copy_are_the_same_contacts(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    sheet = workbook(tmp_path / "paper-log.xlsx", [[date(2026, 11, 21), *ROWS[1][1:]]])
    copy = tmp_path / "paper-log.csv"
    copy.write_text(text_sheet(",", [ROWS[1]]))
    assert import_file(capsys, data_dir, sheet)[0] == 0
    code, out, _ = import_file(capsys, data_dir, copy)
    assert code == 0
    assert out.startswith("already imported")
    assert stored(data_dir) == {("2026-11-21T12:00:00Z", "general", 0, None)}
