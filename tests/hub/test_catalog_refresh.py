"""The catalog's online roles are signed again once less than half their lifetime is left, so
a kiosk never sees an expired timestamp from a hub that runs: the rule on a given clock, the
running hub's background look with lifetimes of seconds, and ``kiosk hub serve`` itself."""

import json
import socket
import subprocess
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from tuf.api.exceptions import ExpiredMetadataError

from kiosk.hub.catalog_archive import checked_archive
from kiosk.hub.catalog_metadata import Lifetimes
from kiosk.hub.catalog_refresh import catalog_kept_fresh
from kiosk.hub.catalog_repository import CatalogRepository
from tests.hub.catalog_repo import DEMO_CATALOG, KIOSK, Kiosk, hub_database, served

START = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
SHORT = Lifetimes(targets=timedelta(seconds=20), snapshot=timedelta(seconds=8),
                  timestamp=timedelta(seconds=3))  # fmt: skip


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


def versions(data_dir: Path) -> dict[str, int]:
    timestamp = json.loads((data_dir / "catalog/metadata/timestamp.json").read_text())["signed"]
    snapshot_version = timestamp["meta"]["snapshot.json"]["version"]
    snapshot = json.loads(
        (data_dir / f"catalog/metadata/{snapshot_version}.snapshot.json").read_text()
    )["signed"]
    return {
        "timestamp": timestamp["version"],
        "snapshot": snapshot_version,
        "targets": snapshot["meta"]["targets.json"]["version"],
    }


def answering(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def published_repository(tmp_path: Path, **options: object) -> CatalogRepository:
    data_dir = tmp_path / "hub-data"
    repository = CatalogRepository(data_dir, **options)  # type: ignore[arg-type]
    repository.init(tmp_path / "root.pem")
    checked = checked_archive(DEMO_CATALOG)
    repository.publish(checked.archive, "asha", checked.content_version)
    return repository


@pytest.mark.parametrize(
    ("later", "signed"),
    [
        (timedelta(hours=11, minutes=59), []),
        (timedelta(hours=12, seconds=1), ["timestamp"]),
        (timedelta(days=3, hours=12, seconds=1), ["snapshot", "timestamp"]),
        (timedelta(days=15, seconds=1), ["targets", "snapshot", "timestamp"]),
        (timedelta(days=40), ["targets", "snapshot", "timestamp"]),  # a hub stopped a month
    ],
)
def test_a_role_is_signed_again_once_half_its_lifetime_is_gone(
    tmp_path: Path, later: timedelta, signed: list[str]
) -> None:
    clock = Clock()
    repository = published_repository(tmp_path, clock=clock)
    before = versions(repository.data_dir)
    clock.now = START + later
    assert repository.refresh() == signed
    after = versions(repository.data_dir)
    assert {role for role in after if after[role] != before[role]} == set(signed)
    assert all(after[role] == before[role] + 1 for role in signed)
    assert repository.refresh() == []  # fresh again: nothing more to sign
    assert repository.published()[0].catalog_version == 1  # re-signing publishes nothing


def test_the_running_hub_keeps_the_timestamp_fresh(tmp_path: Path) -> None:
    repository = published_repository(tmp_path, lifetimes=SHORT)
    desk = Kiosk(tmp_path / "desk", repository.first_root)
    first = versions(repository.data_dir)["timestamp"]
    with (
        served(repository.data_dir) as url,
        catalog_kept_fresh(repository.data_dir, lifetimes=SHORT, every_s=0.2),
    ):
        for _ in range(3):  # 9 s: three timestamps' lifetimes
            assert desk.fetch(url)[0]["catalog_version"] == 1
            time.sleep(SHORT.timestamp.total_seconds())
        assert desk.fetch(url)[0]["catalog_version"] == 1
    assert versions(repository.data_dir)["timestamp"] >= first + 4


def test_without_the_background_look_the_kiosk_refuses_the_stale_feed(tmp_path: Path) -> None:
    """The test above could not fail if kiosks took an expired timestamp."""
    repository = published_repository(tmp_path, lifetimes=SHORT)
    desk = Kiosk(tmp_path / "desk", repository.first_root)
    with served(repository.data_dir) as url:
        assert desk.fetch(url)[0]["catalog_version"] == 1
        time.sleep(SHORT.timestamp.total_seconds() + 1.5)
        with pytest.raises(ExpiredMetadataError):
            desk.fetch(url)


def test_kiosk_hub_serve_signs_a_stale_timestamp_again_at_once(tmp_path: Path) -> None:
    """Published 20 hours ago (4 hours of its timestamp left): the served hub signs it again
    as it starts, with the real lifetimes, and kiosks fetch as before."""
    clock = Clock()
    clock.now = datetime.now(UTC) - timedelta(hours=20)
    repository = published_repository(tmp_path, clock=clock)
    data_dir = repository.data_dir
    hub_database(data_dir).dispose()
    before = versions(data_dir)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    serve = [str(KIOSK), "--data-dir", str(data_dir), "hub", "serve", "--listen",
             f"127.0.0.1:{port}"]  # fmt: skip
    process = subprocess.Popen(serve, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while versions(data_dir)["timestamp"] == before["timestamp"] or not answering(port):
            assert process.poll() is None, "kiosk hub serve stopped"
            assert time.monotonic() < deadline, "kiosk hub serve did not sign it again"
            time.sleep(0.1)
        desk = Kiosk(tmp_path / "desk", repository.first_root)
        custom, _ = desk.fetch(f"http://127.0.0.1:{port}")
    finally:
        process.terminate()
        process.wait(timeout=20)
    assert custom["catalog_version"] == 1
    after = versions(data_dir)
    assert after == {**before, "timestamp": before["timestamp"] + 1}
