import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.contacts.store import ContactLog
from tests.kiosk.cli.test_catalog_commands import run
from tests.kiosk.contacts.helpers import contact


@pytest.fixture
def base(data_dir: Path) -> list[str]:
    return ["--data-dir", str(data_dir)]


def test_add_prints_the_id_of_a_stored_contact(
    capsys: pytest.CaptureFixture[str], base: list[str], data_dir: Path
) -> None:
    code, out, _ = run(
        capsys, *base, "contacts", "add", "--service", "report-pothole", "--mode", "showed_how",
        "--outcome", "completed", "--barrier", "skills", "--handout", "--recorded-at",
        "2026-11-20T10:15:00Z",
    )  # fmt: skip
    assert code == 0
    stored = ContactLog.in_data_dir(data_dir).get(out.strip())
    assert stored is not None
    assert (stored.lgsl, stored.source, stored.handout) == (557, "manual", True)
    assert stored.recorded_at == "2026-11-20T10:15:00Z"


def test_add_refuses_names_and_unknown_services(
    capsys: pytest.CaptureFixture[str], base: list[str], data_dir: Path
) -> None:
    args = ["contacts", "add", "--mode", "showed_how", "--outcome", "completed"]
    code, _, err = run(capsys, *base, *args, "--service", "nope")
    assert (code, err) == (1, "error: --service: 'nope' is not a service in the catalog\n")
    code, _, err = run(capsys, *base, *args, "--service", "general", "--staff", "Jane Smith")
    assert code == 1
    assert "staff: 'Jane Smith' is not a code" in err
    assert ContactLog.in_data_dir(data_dir).count() == 0


def test_import_is_all_or_nothing_with_every_problem_listed(
    capsys: pytest.CaptureFixture[str], base: list[str], data_dir: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "paper.csv"
    sheet.write_text(
        "recorded_at,service_id,mode,outcome,barriers,handout\n"
        "2026-11-20T10:00,pay-council-tax,showed_how,completed,skills;trust,1\n"
        "yesterday,nope,showd,completed,,\n"
        '2026-11-21T10:00,general,signposted,started,["money"],maybe\n',
        encoding="utf-8",
    )
    code, _, err = run(capsys, *base, "contacts", "import", str(sheet))
    assert code == 1
    for expected in (
        "paper.csv:row 3: service_id: 'nope' is not a service in the catalog",
        "paper.csv:row 3: recorded_at: 'yesterday' is not a date and time",
        "paper.csv:row 3: mode: 'showd' is not allowed",
        "paper.csv:row 4: handout: 'maybe' is not 1 or 0",
    ):
        assert expected in err
    assert ContactLog.in_data_dir(data_dir).count() == 0
    lines = sheet.read_text().splitlines()
    sheet.write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")
    code, out, _ = run(capsys, *base, "contacts", "import", str(sheet))
    assert (code, out.startswith("imported 1 contact(s)")) == (0, True)


def test_export_and_report_agree(
    capsys: pytest.CaptureFixture[str], base: list[str], tmp_path: Path
) -> None:
    for service in ("pay-council-tax", "pay-council-tax", "bin-collection-day"):
        run(
            capsys, *base, "contacts", "add", "--service", service, "--mode", "did_together",
            "--outcome", "completed", "--recorded-at", "2026-11-20T10:00:00Z",
        )  # fmt: skip
    target = tmp_path / "out.csv"
    period = ["--from", "2026-11-01", "--to", "2026-11-30"]
    code, out, _ = run(capsys, *base, "export", *period, "-o", str(target))
    assert (code, out.split()[1]) == (0, "3")
    code, out, _ = run(capsys, *base, "report", *period, "--format", "json")
    report = json.loads(out)
    assert report["total"] == 3
    assert report["by"]["service"] == {"pay-council-tax": 2, "bin-collection-day": 1}
    code, _, err = run(capsys, *base, "export", *period, "-o", str(target))
    assert (code, "already exists" in err) == (1, True)


def test_purge_deletes_only_old_uploaded_contacts(
    capsys: pytest.CaptureFixture[str], base: list[str], data_dir: Path
) -> None:
    log = ContactLog.in_data_dir(data_dir)
    log.record_many([
        contact(recorded_at="2020-01-01T00:00:00Z", uploaded_at="2020-01-01T01:00:00Z"),
        contact(recorded_at="2020-01-01T00:00:00Z"),
        contact(),
    ])  # fmt: skip
    code, out, _ = run(capsys, *base, "purge")
    assert (code, out.startswith("deleted 1 contact(s)")) == (0, True)
    assert log.count() == 2


def test_seed_demo_fills_the_log_for_training(
    capsys: pytest.CaptureFixture[str], base: list[str]
) -> None:
    code, out, _ = run(capsys, *base, "seed-demo", "--contacts", "500", "--days", "14")
    assert (code, out.strip()) == (0, "added 500 demo contact(s) over the last 14 day(s)")
    code, out, _ = run(capsys, *base, "report", "--format", "json")
    report = json.loads(out)
    assert report["total"] == 500
    assert len(report["by"]["service"]) > 10


IN_AN_HOUR = (datetime.now(UTC) + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
ADD = ["contacts", "add", "--service", "general", "--mode", "showed_how", "--outcome", "completed"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["export", "--from", "0001-01-01", "--to", "9999-12-31", "-o", "x.csv"],
         "--to: '9999-12-31' is outside the days a report or export can cover, 2000-01-01 to"),
        (["report", "--from", "0001-01-01", "--to", "2026-11-30"], "--from: '0001-01-01' is"),
        (["report", "--to", "0001-01-01"], "--to: '0001-01-01' is outside"),
        (["report", "--month", "9999-12"], "--month: '9999-12' is outside"),
        (["report", "--month", "0001-01", "--format", "pdf", "-o", "r.pdf"], "--month: '0001-01'"),
        ([*ADD, "--recorded-at", "9999-12-31T23:59:59-12:00"],
         "--recorded-at: '9999-12-31T23:59:59-12:00' is in the future (this kiosk's clock says"),
        ([*ADD, "--recorded-at", "0001-01-01T00:00:00+14:00"],
         "--recorded-at: '0001-01-01T00:00:00+14:00' is before 2000-01-01"),
        ([*ADD, "--recorded-at", "1999-12-31T23:59:59Z"],
         "--recorded-at: '1999-12-31T23:59:59Z' is before 2000-01-01"),
        ([*ADD, "--recorded-at", IN_AN_HOUR], f"--recorded-at: '{IN_AN_HOUR}' is in the future"),
        ([*ADD, "--recorded-at", "11/20/2026"],
         "--recorded-at: '11/20/2026' is not a date and time like 2026-11-20T10:15"),
    ],
)  # fmt: skip
def test_extreme_dates_get_a_clear_message(
    capsys: pytest.CaptureFixture[str],
    base: list[str],
    data_dir: Path,
    args: list[str],
    expected: str,
) -> None:
    code, out, err = run(capsys, *base, *args)
    assert (code, out) == (1, "")
    assert err.startswith(f"error: {expected}")
    assert ContactLog.in_data_dir(data_dir).count() == 0


@pytest.mark.parametrize(
    ("recorded_at", "stored"),
    [
        ("20/11/2026 10:15", "2026-11-20T10:15:00Z"),
        ("2000-01-01T00:00:00Z", "2000-01-01T00:00:00Z"),
        ("in a minute", None),  # within the allowance for a kiosk clock a little behind
    ],
)
def test_recorded_at_within_the_bounds_is_kept(
    capsys: pytest.CaptureFixture[str],
    base: list[str],
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    recorded_at: str,
    stored: str | None,
) -> None:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    if stored is None:
        stored = (datetime.now(UTC) + timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
        recorded_at = stored
    code, out, _ = run(capsys, *base, *ADD, "--recorded-at", recorded_at)
    monkeypatch.undo()
    time.tzset()
    assert code == 0
    found = ContactLog.in_data_dir(data_dir).get(out.strip())
    assert found is not None
    assert found.recorded_at == stored
