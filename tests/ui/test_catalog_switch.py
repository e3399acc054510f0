"""The hub's new catalog reaches the real window between two residents, without a restart:
never in the middle of a visit, and the next resident sees the new topics and services."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.catalog.hub_copy import LastCheck
from tests.catalog_builder import CatalogBuilder
from tests.kiosk.catalog.tuf_repository import Hub, HubRepository, serve, unused_port
from tests.kiosk.catalog.updating import V1_TITLE, titled
from tests.ui.test_catalog_updates import UPDATE_S, _updates
from ui.catalog_updates import CatalogUpdates
from ui.main_window import MainWindow
from ui.services import AppServices

NEW_COUNCIL = "Test Borough Council"  # the builder's catalog, published by the hub


@pytest.fixture
def hub(tmp_path: Path, builder: CatalogBuilder) -> Iterator[tuple[Hub, HubRepository]]:
    repository = HubRepository(tmp_path / "hub" / "catalog")
    repository.publish(titled(builder, V1_TITLE), 1)
    with serve(repository) as served:
        yield served, repository


@pytest.fixture
def updates(tmp_path: Path, hub: tuple[Hub, HubRepository]) -> Iterator[CatalogUpdates]:
    served, repository = hub
    yield from _updates(tmp_path, served.url, repository.root_file)


def test_the_new_catalog_waits_for_the_visit_to_end_then_shows(
    qtbot: QtBot, window: MainWindow, services: AppServices, updates: CatalogUpdates
) -> None:
    demo_council = services.catalog.council.name
    window.staff.buttons["CD"].click()
    window.start.tiles["council-tax"].click()
    window.open_service("pay-council-tax")  # a resident is being shown how to pay
    with qtbot.waitSignal(updates.ready, timeout=UPDATE_S):
        window.use_catalog_updates(updates)
    qtbot.wait(50)
    assert services.catalog.council.name == demo_council  # not under the resident's feet
    assert window.current_screen() is window.service
    assert window.service.service_id == "pay-council-tax"

    window.service.finish_button.click()
    with qtbot.waitSignal(window.log_contact.saved, timeout=3000):
        window.log_contact.save_button.click()
    qtbot.waitUntil(lambda: window.current_screen() is window.start)
    qtbot.waitUntil(lambda: set(window.start.tiles) == {"bins-recycling", "roads-parking"})
    assert window.current_screen() is window.start
    assert window.start.council.text() == NEW_COUNCIL
    assert window.windowTitle() == NEW_COUNCIL

    window.open_service("bin-day")  # the next resident, on a service only the hub's has
    assert window.service.title.text() == V1_TITLE
    window.service.print_button.click()  # the new catalog's handout maker makes it
    qtbot.waitUntil(lambda: bool(window.service.print_message.text()), timeout=20_000)
    assert "could not be made" not in window.service.print_message.text()


def test_a_ready_catalog_is_taken_at_once_when_nobody_is_at_the_desk(
    qtbot: QtBot, window: MainWindow, updates: CatalogUpdates
) -> None:
    window.staff.buttons["CD"].click()  # the start screen, untouched
    with qtbot.waitSignal(updates.ready, timeout=UPDATE_S):
        window.use_catalog_updates(updates)
    qtbot.waitUntil(lambda: window.start.council.text() == NEW_COUNCIL)
    assert set(window.start.tiles) == {"bins-recycling", "roads-parking"}


def test_a_hub_that_cannot_be_reached_is_on_the_status_line(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, hub: tuple[Hub, HubRepository]
) -> None:
    port = unused_port()
    root = hub[1].root_file
    for updates in _updates(tmp_path, f"http://127.0.0.1:{port}/catalog/", root):
        with qtbot.waitSignal(updates.checked, timeout=UPDATE_S) as got:
            window.use_catalog_updates(updates)
        assert isinstance(got.args[0], LastCheck)
        qtbot.waitUntil(lambda: bool(window.status_line.catalog_warning.text()))  # queued to it
        shown = window.status_line.catalog_warning.text()
        assert shown.startswith("The catalog from the council's hub could not be taken: “")
        assert f"nothing answered at 127.0.0.1:{port}" in shown
        assert shown.endswith("The kiosk keeps the one it has. Tell IT.")
        assert window.status_line.catalog_warning.isVisible()  # the staff screen: in full


def test_the_supervisor_area_says_the_catalog_is_the_hub_s(
    qtbot: QtBot, tmp_path: Path, hub: tuple[Hub, HubRepository]
) -> None:
    from kiosk.cli.context import AppContext
    from ui.catalog_updates import update_command
    from ui.supervisor.area import SupervisorArea

    served, repository = hub
    config_file = tmp_path / "kiosk.toml"
    config_file.write_text(
        f'catalog_source = "{served.url}"\ncatalog_root = "{repository.root_file}"\n',
        encoding="utf-8",
    )
    context = AppContext(config_file=config_file, overrides={"data_dir": tmp_path / "data"})
    services = AppServices.from_context(context)
    updates = CatalogUpdates(services.config, update_command(config_file, tmp_path / "data"))
    try:
        with qtbot.waitSignal(updates.ready, timeout=UPDATE_S):
            updates.start()
        assert updates.switch_between_visits(services)
        area = SupervisorArea(services)
        qtbot.addWidget(area)
        area.show_section("catalog")
        lines = area.catalog_summary.text().splitlines()
    finally:
        updates.stop()
        services.speech.shutdown()
        services.writer.finish()
        services.handouts.shutdown()
        services.contact_log.close()
    assert lines[0].startswith("From the council's hub: version 1, published by ")
    assert lines[1].startswith("Last check with the hub, ")
    assert lines[1].endswith(": up to date")
