import sqlite3
from pathlib import Path

import pytest

from kiosk.contacts.codes import COLUMNS
from kiosk.contacts.contact import ContactError
from kiosk.contacts.store import ContactLog, StoreError
from tests.kiosk.contacts.helpers import contact

ALLOWED_COLUMNS = {
    "id", "recorded_at", "site", "desk", "staff", "service_id", "lgsl", "mode", "outcome",
    "barriers", "language", "handout", "next_time_online", "referral", "duration_s",
    "catalog_version", "source", "uploaded_at",
}  # fmt: skip


@pytest.fixture
def log(data_dir: Path) -> ContactLog:
    return ContactLog.in_data_dir(data_dir)


def test_the_table_holds_only_allow_listed_columns(log: ContactLog) -> None:
    assert set(log.db["contacts"].columns_dict) == ALLOWED_COLUMNS
    assert set(COLUMNS) == ALLOWED_COLUMNS


def test_the_database_is_durable_and_shareable(log: ContactLog) -> None:
    assert log.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert log.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert log.db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_a_recorded_contact_reads_back_the_same(log: ContactLog, data_dir: Path) -> None:
    written = contact(barriers=("skills", "trust"), handout=True, next_time_online="with_help")
    assert log.record(written) == written.id
    again = ContactLog.in_data_dir(data_dir)
    assert again.get(written.id) == written
    assert again.count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"mode": "phoned"}, "mode: 'phoned' is not allowed (one of: showed_how"),
        ({"outcome": ""}, "outcome: '' is not allowed"),
        ({"barriers": ("skills", "money")}, "barriers: 'money' is not allowed"),
        ({"staff": "Jane Smith"}, "staff: 'Jane Smith' is not a code"),
        ({"service_id": "jane@example.org"}, "service_id: 'jane@example.org' is not a code"),
        ({"language": "Welsh"}, "language: 'Welsh' is not a language code"),
        ({"recorded_at": "2026-02-30T10:00:00Z"}, "recorded_at: '2026-02-30T10:00:00Z' is not"),
        ({"referral": "food bank please"}, "referral: 'food bank please' is not allowed"),
        ({"duration_s": -5}, "duration_s: -5 is not a number of seconds"),
        ({"service_id": "general", "lgsl": 57}, "a general contact has no LGSL code"),
    ],
)
def test_a_bad_value_is_refused_with_its_field(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ContactError, match=message.replace("(", r"\(").replace(")", r"\)")):
        contact(**changes)


def test_a_failed_batch_writes_nothing(log: ContactLog) -> None:
    first = contact()
    log.record(first)
    with pytest.raises(StoreError, match="same id"):
        log.record_many([contact(), first])
    assert log.count() == 1


def test_purge_keeps_what_is_not_yet_uploaded(log: ContactLog) -> None:
    old_sent = contact(recorded_at="2026-01-01T09:00:00Z", uploaded_at="2026-01-01T10:00:00Z")
    old_pending = contact(recorded_at="2026-01-02T09:00:00Z")
    recent = contact(recorded_at="2026-11-20T09:00:00Z", uploaded_at="2026-11-20T10:00:00Z")
    log.record_many([old_sent, old_pending, recent])
    assert log.purge("2026-08-01T00:00:00Z", uploads_enabled=True) == 1
    assert log.get(old_pending.id) is not None
    assert log.purge("2026-08-01T00:00:00Z", uploads_enabled=False) == 1
    assert log.count() == 1


def test_an_unopenable_log_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "contacts.db").write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match=r"is damaged \(file is not a database\).*recover"):
        ContactLog.in_data_dir(tmp_path)


def test_a_second_connection_sees_commits_at_once(log: ContactLog, data_dir: Path) -> None:
    written = contact()
    log.record(written)
    other = sqlite3.connect(data_dir / "contacts.db")
    assert other.execute("SELECT id FROM contacts").fetchall() == [(written.id,)]
