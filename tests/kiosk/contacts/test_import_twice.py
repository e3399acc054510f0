"""Importing the same rows again adds nothing, even after an import killed half way."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest

from kiosk.contacts.store import ContactLog
from tests.kiosk.cli.test_catalog_commands import run

HEADER = "recorded_at,service_id,mode,outcome,staff\n"
ROW = "2026-11-{day:02d}T10:{minute:02d},pay-council-tax,showed_how,completed,AB\n"
KIOSK = str(Path(sys.executable).with_name("kiosk"))


def sheet_of(path: Path, rows: list[str]) -> Path:
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def rows(count: int, first: int = 0) -> list[str]:
    return [ROW.format(day=1 + n // 60 % 28, minute=n % 60) for n in range(first, first + count)]


def import_file(capsys: pytest.CaptureFixture[str], data_dir: Path, sheet: Path) -> tuple:
    return run(capsys, "--data-dir", str(data_dir), "contacts", "import", str(sheet))


def count(data_dir: Path) -> int:
    return ContactLog.in_data_dir(data_dir).count()


def test_the_same_file_twice_is_already_imported(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    sheet = sheet_of(tmp_path / "paper.csv", rows(5))
    assert import_file(capsys, data_dir, sheet)[:2] == (0, f"imported 5 contact(s) from {sheet}\n")
    code, out, _ = import_file(capsys, data_dir, sheet)
    assert code == 0
    assert out.startswith(f"already imported: the 5 contact(s) in {sheet} were imported on 20")
    assert out.endswith("; nothing was added\n")
    assert count(data_dir) == 5


def copy_with_semicolons(source: Path, target: Path) -> Path:
    target.write_bytes(b"\xef\xbb\xbf" + source.read_bytes().replace(b",", b";"))
    return target


def copy_as_workbook(source: Path, target: Path) -> Path:
    book = openpyxl.Workbook()
    for line in source.read_text().splitlines():
        book.active.append(line.split(","))
    book.save(target)
    return target


def copy_reordered(source: Path, target: Path) -> Path:
    header, *lines = source.read_text().splitlines(keepends=True)
    target.write_text(header + "".join(reversed(lines)) + ",,,,\n", encoding="utf-8")
    return target


@pytest.mark.parametrize("copy", [copy_with_semicolons, copy_as_workbook, copy_reordered])
def test_a_copy_saved_differently_is_already_imported(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path, copy: object
) -> None:
    sheet = sheet_of(tmp_path / "paper.csv", rows(5))
    import_file(capsys, data_dir, sheet)
    again = copy(sheet, tmp_path / "copy.xlsx")  # type: ignore[operator]
    code, out, _ = import_file(capsys, data_dir, again)
    assert (code, out.startswith("already imported: the 5 contact(s)")) == (0, True)
    assert count(data_dir) == 5


def test_a_grown_sheet_adds_only_its_new_rows(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    import_file(capsys, data_dir, sheet_of(tmp_path / "week1.csv", rows(3)))
    grown = sheet_of(tmp_path / "month.csv", rows(3) + rows(25, first=3))
    code, out, _ = import_file(capsys, data_dir, grown)
    assert code == 0
    first, second = out.splitlines()
    assert first == f"imported 25 contact(s) from {grown}"
    assert second.startswith("left out 3 row(s) imported before, on 20")
    assert second.endswith(": rows 2, 3, 4")
    assert count(data_dir) == 28


def test_rows_alike_in_one_sheet_are_each_a_contact(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    """Two residents helped with the same thing in the same minute are two contacts, and
    a later sheet with that row a third time adds the third."""
    same = rows(1) * 2
    import_file(capsys, data_dir, sheet_of(tmp_path / "a.csv", same))
    assert count(data_dir) == 2
    code, out, _ = import_file(capsys, data_dir, sheet_of(tmp_path / "b.csv", same * 2))
    assert (code, out.splitlines()[0]) == (0, f"imported 2 contact(s) from {tmp_path / 'b.csv'}")
    assert count(data_dir) == 4


def test_a_refused_sheet_leaves_no_fingerprints(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    sheet = sheet_of(tmp_path / "paper.csv", [*rows(3), "yesterday,general,x,y,AB\n"])
    assert import_file(capsys, data_dir, sheet)[0] == 1
    sheet_of(sheet, rows(3))
    assert import_file(capsys, data_dir, sheet)[:2] == (0, f"imported 3 contact(s) from {sheet}\n")


KILLS = 6
KILLED_ROWS = 30_000


@pytest.mark.slow
def test_an_import_killed_at_random_moments_then_run_again_gives_one_copy(
    data_dir: Path, tmp_path: Path
) -> None:
    sheet = sheet_of(tmp_path / "paper.csv", rows(KILLED_ROWS))
    env = {**os.environ, "TZ": "UTC"}  # the test's own log folder and config (conftest)
    command = [KIOSK, "--data-dir", str(data_dir), "contacts", "import", str(sheet)]
    began = time.monotonic()
    scratch = [KIOSK, "--data-dir", str(tmp_path / "scratch"), *command[3:]]
    subprocess.run(scratch, capture_output=True, check=True, env=env)
    whole = time.monotonic() - began  # how long one import takes on this machine
    rng = random.Random(14)
    while_writing = 0
    for kill in range(KILLS):
        importer = subprocess.Popen(command, stdout=subprocess.PIPE, env=env)
        if kill % 2:  # at a random moment of its run
            time.sleep(rng.uniform(0.1, 1.0) * whole)
        else:  # once it is writing, a random moment later
            importer, landed = _writing(command, env, data_dir, importer, while_writing)
            while_writing += landed
            time.sleep(rng.uniform(0, 0.3) * whole)
        importer.send_signal(signal.SIGKILL)
        importer.communicate()
        assert count(data_dir) in (0, KILLED_ROWS)  # all or nothing, whatever the moment
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    assert done.returncode == 0
    assert count(data_dir) == KILLED_ROWS
    check = sqlite3.connect(data_dir / "contacts.db")
    assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert check.execute("SELECT count(*) FROM imported_rows").fetchone() == (KILLED_ROWS,)
    assert while_writing, "no kill landed while the rows were being written"


def _writing(
    command: list[str],
    env: dict[str, str],
    data_dir: Path,
    importer: subprocess.Popen[bytes],
    landed_before: int,
) -> tuple[subprocess.Popen[bytes], bool]:
    """``importer``, and whether it was seen holding the log's write lock. Until one has been,
    an import that finished first (a busy machine) is run again on an emptied log, a few
    times: once every row is in, an import writes nothing, and no kill could land writing."""
    for _ in range(5):
        if _wait_for_writing(data_dir / "contacts.db", importer):
            return importer, True
        if landed_before:
            break
        importer.communicate()
        assert count(data_dir) == KILLED_ROWS  # it ran to its end: every row, once
        for name in ("contacts.db", "contacts.db-wal", "contacts.db-shm"):
            (data_dir / name).unlink(missing_ok=True)
        importer = subprocess.Popen(command, stdout=subprocess.PIPE, env=env)
    return importer, False


def _wait_for_writing(database: Path, importer: subprocess.Popen[bytes]) -> bool:
    """Wait until ``importer`` holds the log's write lock (True), or has finished."""
    while importer.poll() is None:
        if database.exists():
            probe = sqlite3.connect(database, timeout=0)
            try:
                probe.execute("BEGIN IMMEDIATE")
                probe.rollback()
            except sqlite3.OperationalError:  # database is locked: the import is writing
                return True
            finally:
                probe.close()
        time.sleep(0.005)
    return False
