"""The touchscreen's catalog updates: a real hub, a real ``kiosk catalog update`` process, and the
new catalog switched into the screens' services between visits, without a restart."""

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.catalog.hub_copy import LastCheck
from kiosk.config import load_config
from tests.catalog_builder import CatalogBuilder
from tests.kiosk.catalog.tuf_repository import Hub, HubRepository, serve, unused_port
from tests.kiosk.catalog.updating import V1_TITLE, titled
from ui.catalog_updates import CatalogUpdates, update_command
from ui.services import AppServices

UPDATE_S = 60_000  # ms: a process start, the download, the check of the catalog


@pytest.fixture
def repository(tmp_path: Path, builder: CatalogBuilder) -> HubRepository:
    made = HubRepository(tmp_path / "hub" / "catalog")
    made.publish(titled(builder, V1_TITLE), 1)
    return made


@pytest.fixture
def hub(repository: HubRepository) -> Iterator[Hub]:
    with serve(repository) as served:
        yield served


def _updates(tmp_path: Path, source: str, root: Path) -> Iterator[CatalogUpdates]:
    config_file = tmp_path / "kiosk.toml"
    config_file.write_text(
        f'catalog_source = "{source}"\ncatalog_root = "{root}"\ncatalog_timeout_s = 2\n',
        encoding="utf-8",
    )
    config = load_config(config_file, {"data_dir": tmp_path / "data"})
    updates = CatalogUpdates(config, update_command(config_file, config.data_dir))
    yield updates
    updates.stop()


@pytest.fixture
def updates(tmp_path: Path, hub: Hub, repository: HubRepository) -> Iterator[CatalogUpdates]:
    yield from _updates(tmp_path, hub.url, repository.root_file)


def test_a_new_catalog_is_switched_in_between_visits_without_a_restart(
    qtbot: QtBot, services: AppServices, updates: CatalogUpdates
) -> None:
    assert "bin-day" not in services.catalog.services  # the demo catalog has no bin-day
    old_maker = services.handouts
    assert not updates.switch_between_visits(services)  # nothing ready yet: nothing changes
    found: list[object] = []
    updates.checked.connect(found.append)
    with qtbot.waitSignals([updates.ready, updates.checked], timeout=UPDATE_S):
        updates.start()
    (checked,) = found
    assert isinstance(checked, LastCheck)
    assert (checked.outcome, checked.version) == ("updated", 1)
    started = time.perf_counter()
    assert updates.switch_between_visits(services)
    assert time.perf_counter() - started < 0.050  # the GUI thread only swaps references
    assert services.catalog.service("bin-day").title == V1_TITLE
    assert services.search.search("bin collection", "en", 3)[0].id == "bin-day"
    assert services.handouts is not old_maker
    assert services.handouts.catalog is services.catalog
    assert not updates.switch_between_visits(services)  # once only


def test_a_failed_check_is_reported_for_the_status_line_and_nothing_changes(
    qtbot: QtBot, services: AppServices, tmp_path: Path, repository: HubRepository
) -> None:
    port = unused_port()
    for updates in _updates(tmp_path, f"http://127.0.0.1:{port}/catalog/", repository.root_file):
        with qtbot.waitSignal(updates.checked, timeout=UPDATE_S) as got:
            updates.start()
        checked = got.args[0]
        assert isinstance(checked, LastCheck)
        assert checked.outcome == "failed"
        assert checked.error == (
            f"the hub could not be reached: nothing answered at 127.0.0.1:{port} "
            "(connection refused): kept the local catalog"
        )
        assert not updates.switch_between_visits(services)
