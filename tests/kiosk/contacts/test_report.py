from datetime import date
from pathlib import Path

from kiosk.config import load_config
from kiosk.contacts.period import Period
from kiosk.contacts.report import build_report, report_text
from kiosk.contacts.store import ContactLog
from tests.kiosk.contacts.helpers import contact

WEEK = Period(date(2026, 11, 16), date(2026, 11, 22))


def filled(data_dir: Path) -> ContactLog:
    log = ContactLog.in_data_dir(data_dir)
    log.record_many([
        contact(recorded_at="2026-11-16T10:00:00Z", next_time_online="yes",
                barriers=("skills", "confidence")),
        contact(recorded_at="2026-11-16T11:00:00Z", next_time_online="with_help",
                outcome="started", barriers=("skills",), language="cy"),
        contact(recorded_at="2026-11-17T10:00:00Z", next_time_online="no",
                service_id="general", lgsl=None, mode="signposted", staff="CD"),
        contact(recorded_at="2026-11-18T10:00:00Z"),
        contact(recorded_at="2026-11-25T10:00:00Z"),  # outside the week
    ])  # fmt: skip
    return log


def test_totals_and_breakdowns(data_dir: Path) -> None:
    report = build_report(filled(data_dir), WEEK, load_config(environ={}))
    assert report.total == 4
    assert report.by["day"] == {"2026-11-16": 2, "2026-11-17": 1, "2026-11-18": 1}
    assert report.by["service"] == {"pay-council-tax": 3, "general": 1}
    assert report.by["barrier"] == {"skills": 2, "confidence": 1}
    assert report.by["language"] == {"en": 3, "cy": 1}
    assert report.by["staff"] == {"AB": 3, "CD": 1}
    assert (report.completed_during_visit, report.answered_next_time) == (3, 3)
    assert report.online_next_time == 2


def test_no_saving_is_shown_without_the_councils_own_costs(data_dir: Path) -> None:
    report = build_report(filled(data_dir), WEEK, load_config(environ={}))
    assert report.saving is None
    assert "not estimated" in report_text(report, {})


def test_saving_uses_configured_costs_and_says_so(data_dir: Path, tmp_path: Path) -> None:
    config_file = tmp_path / "kiosk.toml"
    config_file.write_text("cost_face_to_face = 8.5\ncost_web = 0.5\ncost_phone = 3\n")
    report = build_report(filled(data_dir), WEEK, load_config(config_file, environ={}))
    assert report.saving is not None
    assert report.saving.estimate == 16.0  # 2 residents x (8.50 - 0.50)
    text = report_text(report, {})
    assert "Estimated saving: £16.00 (an estimate" in text
    assert "face-to-face £8.50, web £0.50, phone £3.00" in text


def test_report_equals_counting_the_raw_rows(data_dir: Path) -> None:
    log = filled(data_dir)
    log.purge("2026-11-17T00:00:00Z", uploads_enabled=False)  # counts must follow deletions
    log.record(contact(recorded_at="2026-11-19T10:00:00Z", barriers=("access",)))
    report = build_report(log, WEEK, load_config(environ={}))
    raw = log.db.execute(
        "SELECT mode, outcome, barriers, next_time_online FROM contacts "
        "WHERE recorded_at >= ? AND recorded_at < ?",
        [WEEK.start, WEEK.end],
    ).fetchall()
    assert report.total == len(raw) == 3
    assert report.by["mode"] == {"showed_how": 2, "signposted": 1}
    assert report.by["barrier"] == {"access": 1}
    assert report.by["day"] == {"2026-11-17": 1, "2026-11-18": 1, "2026-11-19": 1}
    assert report.answered_next_time == sum(1 for r in raw if r[3] is not None)


def test_a_log_made_before_sources_were_counted_gets_them_counted(data_dir: Path) -> None:
    """An older log's daily_counts had no 'source' rows: the migration counts them once."""
    log = ContactLog.in_data_dir(data_dir)
    log.record_many([
        contact(recorded_at="2026-11-16T10:00:00Z", source="idle_reset", outcome="not_recorded"),
        contact(recorded_at="2026-11-16T11:00:00Z"),
    ])  # fmt: skip
    log.conn.execute("DELETE FROM daily_counts WHERE dimension = 'source'")
    log.conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'count_sources'")
    log.conn.commit()
    log.close()
    report = build_report(ContactLog.in_data_dir(data_dir), WEEK, load_config(environ={}))
    assert report.saved_by_idle_reset == 1
    assert report.total == 2
    assert report.by["outcome"] == {"completed": 1, "not_recorded": 1}
