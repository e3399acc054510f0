"""A sheet full of bad rows gives the first problems and a count, in a second or so a
hundred thousand rows, and the log file stays within its rotation."""

from pathlib import Path

import pytest

from kiosk.contacts.importer import PROBLEMS_SHOWN
from kiosk.contacts.store import ContactLog
from kiosk.logs import BACKUP_COUNT, MAX_BYTES
from tests.kiosk.cli.test_catalog_commands import run

GOOD = "2026-11-20T10:00,pay-council-tax,showed_how,completed\n"


def import_rows(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path, rows: list[str]
) -> tuple[int, str, str]:
    sheet = tmp_path / "paper.csv"
    sheet.write_text("recorded_at,service_id,mode,outcome\n" + "".join(rows), encoding="utf-8")
    return run(capsys, "--data-dir", str(data_dir), "contacts", "import", str(sheet))


@pytest.mark.parametrize(
    ("bad_row", "per_row"),
    [
        ("yesterday,nope,showd,completed\n", 3),
        ("2026-11-20T10:00,general,showed_how,Jane Smith\n", 1),
        ("0001-01-01T00:00:00+14:00,general,showed_how,completed\n", 1),
        ("9999-12-31T23:59:59-12:00,general,showed_how,completed\n", 1),
        ("20/11/2099,general,showed_how,completed\n", 1),
    ],
)
def test_many_bad_rows_give_the_first_problems_and_a_count(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    tmp_path: Path,
    bad_row: str,
    per_row: int,
) -> None:
    code, out, err = import_rows(capsys, data_dir, tmp_path, [GOOD, *[bad_row] * 5_000, GOOD])
    assert (code, out) == (1, "")
    total = 5_000 * per_row
    lines = err.splitlines()
    assert lines[0] == f"error: {total:,} problem(s); nothing was imported:"
    assert len(lines) == 1 + PROBLEMS_SHOWN + 1
    assert "paper.csv:row 2: " not in err  # the good rows have no problems
    assert "paper.csv:row 3: " in lines[1]
    assert lines[-1] == f"... and {total - PROBLEMS_SHOWN:,} more"
    assert ContactLog.in_data_dir(data_dir).count() == 0


@pytest.mark.slow
def test_a_million_bad_rows_keep_the_output_and_the_log_small(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    code, _, err = import_rows(
        capsys, data_dir, tmp_path, ["20/11/2026 10:15,nope,showed_how,completed\n"] * 1_000_000
    )
    assert code == 1
    assert err.splitlines()[-1] == "... and 999,980 more"
    assert len(err) < 5_000
    logs = sorted((tmp_path / "logs").glob("kiosk.log*"))
    assert len(logs) <= 1 + BACKUP_COUNT
    assert all(path.stat().st_size <= MAX_BYTES for path in logs)
    assert sum(path.stat().st_size for path in logs) < 20_000
