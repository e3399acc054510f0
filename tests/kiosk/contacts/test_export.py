import csv
import json
from datetime import date
from pathlib import Path

import pytest

from kiosk.contacts import codes
from kiosk.contacts.export import export
from kiosk.contacts.period import Period
from kiosk.contacts.store import ContactLog
from kiosk.errors import KioskError
from tests.kiosk.contacts.helpers import contact

NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 30))
TITLES = {"pay-council-tax": '=HYPERLINK("evil") Talu\'r dreth ŵ ŷ'}


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def log(data_dir: Path) -> ContactLog:
    log = ContactLog.in_data_dir(data_dir)
    log.record_many([
        contact(recorded_at="2026-11-01T00:00:00Z", barriers=("skills", "trust")),
        contact(recorded_at="2026-11-30T23:59:59Z", language="cy"),
        contact(recorded_at="2026-12-01T00:00:00Z"),
        contact(recorded_at="2026-10-31T23:59:59Z"),
    ])  # fmt: skip
    return log


def test_csv_opens_in_excel_with_welsh_letters_and_no_formulas(
    log: ContactLog, tmp_path: Path
) -> None:
    target = tmp_path / "november.csv"
    assert export(log, NOVEMBER, target, TITLES) == 2
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert [r["recorded_at"] for r in rows] == ["2026-11-01T00:00:00Z", "2026-11-30T23:59:59Z"]
    assert rows[0]["service_title"].startswith("'=HYPERLINK")
    assert "ŵ ŷ" in rows[0]["service_title"]
    assert json.loads(rows[0]["barriers"]) == ["skills", "trust"]


def test_jsonl_has_one_object_per_contact(log: ContactLog, tmp_path: Path) -> None:
    target = tmp_path / "november.jsonl"
    export(log, NOVEMBER, target, TITLES, "jsonl")
    lines = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 2
    assert lines[0]["barriers"] == ["skills", "trust"]
    assert lines[1]["language"] == "cy"


def test_an_existing_file_is_kept_unless_forced(log: ContactLog, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("keep me")
    with pytest.raises(KioskError, match="already exists; use --force"):
        export(log, NOVEMBER, target, TITLES)
    assert target.read_text() == "keep me"
    export(log, NOVEMBER, target, TITLES, force=True)
    assert "keep me" not in target.read_text(encoding="utf-8-sig")


def test_a_failed_export_leaves_no_file(log: ContactLog, tmp_path: Path) -> None:
    with pytest.raises(KioskError, match="cannot write in"):
        export(log, NOVEMBER, tmp_path / "missing-folder" / "out.csv", TITLES)
    assert list(tmp_path.iterdir()) == [tmp_path / "data"]


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_formula_cells_are_neutralised(cell: str, log: ContactLog, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    export(log, NOVEMBER, target, {"pay-council-tax": cell})
    assert read_csv(target)[0]["service_title"] == "'" + cell


def test_plain_cells_are_left_alone(log: ContactLog, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    export(log, NOVEMBER, target, {"pay-council-tax": "Pay your council tax"})
    rows = read_csv(target)
    assert rows[0]["service_title"] == "Pay your council tax"
    assert rows[0]["lgsl"] == "57"


def test_no_contact_code_can_start_like_a_formula() -> None:
    """Export neutralises only the free-text title; this is why that is enough."""
    for values in (codes.MODES, codes.OUTCOMES, codes.BARRIERS, codes.NEXT_TIME_ONLINE,
                   codes.REFERRALS, codes.SOURCES):  # fmt: skip
        assert not any(v.startswith(("=", "+", "-", "@", "\t", "\r")) for v in values)
    for pattern in (codes.CODE, codes.LANGUAGE, codes.TIMESTAMP):
        for start in "=+-@\t\r":
            assert not pattern.match(start + "a1"), (pattern.pattern, start)
