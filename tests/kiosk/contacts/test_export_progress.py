"""The export says how far it has got: before the first contact, every N contacts, at the end."""

from datetime import date
from pathlib import Path

import pytest

from kiosk.contacts.export import Format, export
from kiosk.contacts.period import Period
from kiosk.contacts.store import ContactLog
from tests.kiosk.contacts.helpers import contact

NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 30))
TITLES = {"pay-council-tax": "Pay your council tax"}


@pytest.fixture
def log(data_dir: Path) -> ContactLog:
    log = ContactLog.in_data_dir(data_dir)
    log.record_many(
        [contact(recorded_at=f"2026-11-{day:02d}T10:00:00Z") for day in range(1, 26)]
        + [contact(recorded_at="2026-12-01T00:00:00Z")]  # after the period: not counted
    )
    return log


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_progress_counts_up_to_the_periods_contacts(
    log: ContactLog, tmp_path: Path, fmt: Format
) -> None:
    heard: list[tuple[int, int]] = []
    target = tmp_path / f"november.{fmt}"
    written = export(
        log, NOVEMBER, target, TITLES, fmt, progress=lambda *at: heard.append(at), every=10
    )
    assert written == 25
    assert heard == [(0, 25), (10, 25), (20, 25), (25, 25)]


def test_the_file_is_the_same_with_or_without_progress(log: ContactLog, tmp_path: Path) -> None:
    export(log, NOVEMBER, tmp_path / "plain.csv", TITLES, every=7)
    export(log, NOVEMBER, tmp_path / "told.csv", TITLES, progress=lambda *_: None, every=7)
    export(log, NOVEMBER, tmp_path / "whole.csv", TITLES)  # one chunk
    plain = (tmp_path / "plain.csv").read_bytes()
    assert plain == (tmp_path / "told.csv").read_bytes() == (tmp_path / "whole.csv").read_bytes()
    assert plain.count(b"\r\n") == 26  # the header and 25 contacts


def test_an_empty_period_reports_nothing_to_do(log: ContactLog, tmp_path: Path) -> None:
    heard: list[tuple[int, int]] = []
    october = Period(date(2026, 10, 1), date(2026, 10, 31))
    assert (
        export(log, october, tmp_path / "none.csv", TITLES, progress=lambda *at: heard.append(at))
        == 0
    )
    assert heard == [(0, 0)]
