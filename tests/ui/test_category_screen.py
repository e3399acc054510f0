from pytestqt.qtbot import QtBot

from ui.screens.category import CategoryScreen
from ui.services import AppServices
from ui.widgets.touch import MIN_TARGET

ROADS = "roads-parking"


def category_screen(qtbot: QtBot, services: AppServices) -> CategoryScreen:
    screen = CategoryScreen(services)
    qtbot.addWidget(screen)
    screen.show_category(ROADS)
    return screen


def titles(screen: CategoryScreen) -> list[str]:
    return [row.title_label.text() for row in screen.services_list.rows()]


def test_lists_the_categorys_services_as_rows_in_title_order(
    qtbot: QtBot, services: AppServices
) -> None:
    screen = category_screen(qtbot, services)
    in_catalog = {s.id: s.title for s in services.catalog.in_category(ROADS)}
    assert screen.title.text() == "Roads and parking"
    assert titles(screen) == sorted(in_catalog.values(), key=str.casefold)
    assert "Apply for a resident parking permit" in titles(screen)
    for row in screen.services_list.rows():
        assert row.objectName() == "serviceRow"
        assert row.accessibleName() == in_catalog[row.service_id]
        assert row.accessibleDescription() == services.catalog.service(row.service_id).summary


def test_tapping_a_row_chooses_its_service(qtbot: QtBot, services: AppServices) -> None:
    screen = category_screen(qtbot, services)
    row = next(r for r in screen.services_list.rows() if r.service_id == "blue-badge")
    with qtbot.waitSignal(screen.service_chosen) as chosen:
        row.click()
    assert chosen.args == ["blue-badge"]


def test_back_says_so(qtbot: QtBot, services: AppServices) -> None:
    screen = category_screen(qtbot, services)
    with qtbot.waitSignal(screen.back):
        screen.back_button.click()


def test_welsh_shows_welsh_titles_where_translated(qtbot: QtBot, services: AppServices) -> None:
    screen = category_screen(qtbot, services)
    screen.show()  # a screen out of sight is reworded when it is next shown
    services.session.set_language("cy")
    assert screen.title.text() == "Ffyrdd a pharcio"
    shown = {row.service_id: row.title_label.text() for row in screen.services_list.rows()}
    assert shown["resident-parking-permit"] == "Gwneud cais am drwydded parcio i breswylwyr"
    for service in services.catalog.in_category(ROADS):
        assert shown[service.id] == (service.translations.get("cy") or service).title
    assert titles(screen) == sorted(titles(screen), key=str.casefold)


def test_every_target_is_finger_sized_at_1280_by_800(
    qtbot: QtBot, services: AppServices, kiosk_style: None
) -> None:
    screen = category_screen(qtbot, services)
    screen.resize(1280, 800)
    screen.show()
    qtbot.waitExposed(screen)
    rows = screen.services_list.rows()
    for target in [screen.back_button, *rows]:
        assert target.width() >= MIN_TARGET
        assert target.height() >= MIN_TARGET
    assert all(row.height() >= 64 for row in rows)
    assert all(row.width() >= screen.services_list.viewport().width() - 16 for row in rows)
