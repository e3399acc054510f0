"""A kiosk with nothing to send still tells the hub it is alive, at most every five minutes,
with real ``kiosk upload`` processes, so the hub's Kiosks page can tell a quiet desk from a
dead one."""

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import func, select

import kiosk
from kiosk.hub.tables import batches, kiosks
from kiosk.upload.heartbeat import HEARTBEAT_S
from tests.hub.serving import ServedHub
from tests.hub.test_receiver import DESK, SITE, KioskUnderTest, varied

ALIVE = "accepted 0, rejected 0, nothing left to send; told the receiver this kiosk is alive"
QUIET = "accepted 0, rejected 0, nothing left to send"


@pytest.fixture
def desk(tmp_path: Path, served_hub: ServedHub) -> KioskUnderTest:
    under_test = KioskUnderTest(tmp_path / "kiosk", served_hub)
    under_test.configure(served_hub.add_kiosk(SITE, DESK))
    under_test.log.close()  # the log made, with nothing in it
    return under_test


def seen_by_hub(hub: ServedHub) -> tuple[str | None, object, int]:
    """The kiosk's last upload, its status, and how many batches the hub has answered."""
    with hub.engine.connect() as connection:
        row = connection.execute(select(kiosks.c.last_upload_at, kiosks.c.status)).one()
        answered = connection.execute(select(func.count()).select_from(batches)).scalar_one()
    return row.last_upload_at, row.status, answered


def heard_long_ago(desk: KioskUnderTest, event: str) -> None:
    """As if the kiosk last reached the hub more than five minutes ago."""
    with closing(sqlite3.connect(desk.data / "contacts.db")) as connection, connection:
        moved = connection.execute(
            "UPDATE upload_events SET at = '2026-01-01T09:00:00Z' WHERE name = ?", [event]
        ).rowcount
    assert moved == 1


def test_a_kiosk_with_nothing_to_send_tells_the_hub_it_is_alive(desk: KioskUnderTest) -> None:
    result = desk.kiosk("upload")
    assert (result.returncode, result.stdout.strip()) == (0, ALIVE), result.stderr
    last, status, answered = seen_by_hub(desk.hub)
    assert last is not None
    assert isinstance(status, dict)
    assert status["app_version"] == kiosk.__version__
    assert status["pending"] == 0
    assert answered == 1


def test_a_second_round_within_five_minutes_sends_nothing(desk: KioskUnderTest) -> None:
    assert desk.kiosk("upload").stdout.strip() == ALIVE
    first = seen_by_hub(desk.hub)
    again = desk.kiosk("upload")
    assert (again.returncode, again.stdout.strip()) == (0, QUIET)
    assert seen_by_hub(desk.hub) == first


def test_five_minutes_after_the_last_heartbeat_another_is_sent(desk: KioskUnderTest) -> None:
    assert desk.kiosk("upload").stdout.strip() == ALIVE
    heard_long_ago(desk, "last_heartbeat")
    assert desk.kiosk("upload").stdout.strip() == ALIVE
    assert seen_by_hub(desk.hub)[2] == 2
    assert HEARTBEAT_S <= 600  # "at most every few minutes"


def test_a_round_that_sent_contacts_needs_no_heartbeat_after_it(desk: KioskUnderTest) -> None:
    desk.log.record_many(varied(3))
    sent = desk.kiosk("upload")
    assert sent.stdout.strip() == "accepted 3, rejected 0, nothing left to send"
    assert desk.kiosk("upload").stdout.strip() == QUIET  # the upload was news enough
    heard_long_ago(desk, "last_success")
    assert desk.kiosk("upload").stdout.strip() == ALIVE


def test_a_revoked_kiosk_is_told_its_credentials_were_refused(desk: KioskUnderTest) -> None:
    desk.hub.revoke_kiosk(SITE, DESK)
    result = desk.kiosk("upload")
    assert result.returncode == 1
    assert "credentials were refused (HTTP 401)" in result.stderr
    assert "last error" in desk.kiosk("upload", "status").stdout


def test_a_hub_that_cannot_be_reached_is_the_last_error_and_nothing_is_lost(
    tmp_path: Path, served_hub: ServedHub
) -> None:
    desk = KioskUnderTest(tmp_path / "kiosk", served_hub)
    desk.configure(served_hub.add_kiosk(SITE, DESK))
    config = desk.folder / "config.toml"
    text = config.read_text(encoding="utf-8").replace(served_hub.url, "http://127.0.0.1:9")
    config.write_text(text, encoding="utf-8")
    result = desk.kiosk("upload")
    assert result.returncode == 0  # nothing was waiting to be sent, and nothing is
    assert "could not tell the receiver this kiosk is alive" in result.stderr
    assert "Traceback" not in result.stderr
    status = desk.kiosk("upload", "status").stdout
    assert "refused the connection" in status
    assert "could not tell the receiver" in desk.kiosk("upload").stderr  # tried every round


def test_a_shared_folder_gets_no_heartbeats(tmp_path: Path, served_hub: ServedHub) -> None:
    share = tmp_path / "share"
    share.mkdir()
    desk = KioskUnderTest(tmp_path / "kiosk", served_hub)
    desk.configure("unused")
    config = desk.folder / "config.toml"
    text = config.read_text(encoding="utf-8").replace(served_hub.upload_url, share.as_uri())
    config.write_text(text, encoding="utf-8")
    result = desk.kiosk("upload")
    assert (result.returncode, result.stdout.strip()) == (0, QUIET), result.stderr
    assert list(share.iterdir()) == []
