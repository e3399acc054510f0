from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ui.screens.search import SearchScreen
from ui.services import AppServices
from ui.widgets.touch import MIN_TARGET

NO_MATCH = "No services match. Try another word."


def search_screen(qtbot: QtBot, services: AppServices) -> SearchScreen:
    screen = SearchScreen(services)
    qtbot.addWidget(screen)
    return screen


def tap(screen: SearchScreen, text: str) -> None:
    for character in text:
        key = screen.keypad.space_key if character == " " else screen.keypad.keys[character]
        key.click()


def result_ids(screen: SearchScreen) -> list[str]:
    return [row.service_id for row in screen.results.rows()]


def shows_hint(screen: SearchScreen) -> bool:
    return not screen.results.empty_label.isHidden() and not screen.results.rows()


def test_typing_on_the_keypad_finds_parking_permits_first(
    qtbot: QtBot, services: AppServices
) -> None:
    screen = search_screen(qtbot, services)
    tap(screen, "park")
    assert screen.query.text() == "park"
    assert result_ids(screen)[0] == "resident-parking-permit"
    assert screen.results.rows()[0].title_label.text() == "Apply for a resident parking permit"


def test_a_slip_of_the_finger_still_finds_bins(qtbot: QtBot, services: AppServices) -> None:
    screen = search_screen(qtbot, services)
    tap(screen, "recyling")
    first = services.catalog.service(result_ids(screen)[0])
    assert first.category == "bins-recycling"


def test_delete_and_clear_keys(qtbot: QtBot, services: AppServices) -> None:
    screen = search_screen(qtbot, services)
    tap(screen, "bins x")
    screen.keypad.delete_key.click()
    screen.keypad.delete_key.click()
    assert screen.query.text() == "bins"
    assert result_ids(screen)
    screen.keypad.clear_key.click()
    assert screen.query.text() == ""
    assert shows_hint(screen)


def test_no_match_says_so(qtbot: QtBot, services: AppServices) -> None:
    screen = search_screen(qtbot, services)
    tap(screen, "zzqqxx")
    assert shows_hint(screen)
    assert screen.results.empty_label.text() == NO_MATCH


def test_empty_box_shows_a_hint_not_results(qtbot: QtBot, services: AppServices) -> None:
    screen = search_screen(qtbot, services)
    assert shows_hint(screen)
    assert screen.results.empty_label.text() not in {"", NO_MATCH}
    assert screen.query.placeholderText() == "Type what you need, for example bins"


def test_clear_forgets_the_last_search(qtbot: QtBot, services: AppServices) -> None:
    screen = search_screen(qtbot, services)
    tap(screen, "park")
    screen.clear()
    assert screen.query.text() == ""
    assert shows_hint(screen)


def test_welsh_search(qtbot: QtBot, services: AppServices) -> None:
    services.session.set_language("cy")
    screen = search_screen(qtbot, services)
    tap(screen, "treth")
    assert "pay-council-tax" in result_ids(screen)
    welsh = services.catalog.text(services.catalog.service("pay-council-tax"), "cy").title
    assert welsh in [row.title_label.text() for row in screen.results.rows()]


def test_results_follow_a_change_of_language(qtbot: QtBot, services: AppServices) -> None:
    screen = search_screen(qtbot, services)
    screen.show()  # a screen out of sight is reworded when it is next shown
    tap(screen, "permit")
    services.session.set_language("cy")
    titles = [row.title_label.text() for row in screen.results.rows()]
    assert "Gwneud cais am drwydded parcio i breswylwyr" in titles


def test_tapping_a_result_chooses_it(qtbot: QtBot, services: AppServices) -> None:
    screen = search_screen(qtbot, services)
    tap(screen, "park")
    with qtbot.waitSignal(screen.service_chosen) as chosen:
        screen.results.rows()[0].click()
    assert chosen.args == ["resident-parking-permit"]


def test_back_says_so(qtbot: QtBot, services: AppServices) -> None:
    screen = search_screen(qtbot, services)
    with qtbot.waitSignal(screen.back):
        screen.back_button.click()


def test_a_physical_keyboard_works_too(qtbot: QtBot, services: AppServices) -> None:
    screen = search_screen(qtbot, services)
    qtbot.keyClicks(screen.query, "park")
    assert result_ids(screen)[0] == "resident-parking-permit"
    with qtbot.waitSignal(screen.service_chosen) as chosen:
        qtbot.keyClick(screen.query, Qt.Key.Key_Return)
    assert chosen.args == ["resident-parking-permit"]


def test_typing_anywhere_on_the_screen_goes_to_the_box(
    qtbot: QtBot, services: AppServices
) -> None:
    screen = search_screen(qtbot, services)
    qtbot.keyClicks(screen, "binx")
    qtbot.keyClick(screen, Qt.Key.Key_Backspace)
    assert screen.query.text() == "bin"


def test_keys_leave_the_focus_in_the_box(qtbot: QtBot, services: AppServices) -> None:
    screen = search_screen(qtbot, services)
    screen.show()
    qtbot.waitExposed(screen)
    screen.shown()
    qtbot.waitUntil(screen.query.hasFocus)
    qtbot.mouseClick(screen.keypad.keys["b"], Qt.MouseButton.LeftButton)
    assert screen.query.hasFocus()
    assert screen.query.text() == "b"
    assert all(k.focusPolicy() == Qt.FocusPolicy.NoFocus for k in screen.keypad.buttons())


def test_keys_are_named_for_screen_readers(qtbot: QtBot, services: AppServices) -> None:
    keypad = search_screen(qtbot, services).keypad
    assert keypad.keys["a"].accessibleName() == "Letter A"
    assert keypad.keys["7"].accessibleName() == "Number 7"
    assert keypad.space_key.accessibleName() == "Space"
    assert keypad.delete_key.accessibleName() == "Delete last letter"
    assert keypad.clear_key.accessibleName() == "Clear"
    assert len(keypad.keys) == 36


def test_every_target_is_finger_sized_at_1280_by_800(
    qtbot: QtBot, services: AppServices, kiosk_style: None
) -> None:
    screen = search_screen(qtbot, services)
    screen.resize(1280, 800)
    screen.show()
    qtbot.waitExposed(screen)
    tap(screen, "park")
    qtbot.waitUntil(lambda: len(screen.results.rows()) > 1)
    targets = [screen.back_button, *screen.keypad.buttons(), *screen.results.rows()]
    for target in targets:
        assert target.width() >= MIN_TARGET, target.accessibleName()
        assert target.height() >= MIN_TARGET, target.accessibleName()
    assert screen.query.height() >= MIN_TARGET
