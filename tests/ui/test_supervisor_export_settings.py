"""The supervisor's export and settings panels, driven as a supervisor would tap them."""

import csv
import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.config import load_config
from kiosk.contacts.export import HEADER
from kiosk.contacts.period import Period
from kiosk.settings_file import save_settings
from tests.kiosk.contacts.helpers import contact
from tests.kiosk.test_printing import FakeCups
from tests.ui.test_supervisor import _show, assert_large
from ui.services import AppServices
from ui.supervisor.export_panel import ExportPanel, file_name, period_for
from ui.supervisor.settings_panel import SettingsPanel

EXPORT_MS = 10_000  # the export runs on a worker thread
TODAY = date.today()


@pytest.fixture
def export_panel(
    qtbot: QtBot, services: AppServices, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[ExportPanel]:
    folder = tmp_path / "exports"
    folder.mkdir()
    made = ExportPanel(services)
    made.folder_wanted.connect(lambda panel: panel.use_folder(folder))  # as the window would
    _show(qtbot, made)
    yield made
    made.shutdown()


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    return tmp_path / "config" / "config.toml"


@pytest.fixture
def settings_panel(qtbot: QtBot, services: AppServices, config_file: Path) -> SettingsPanel:
    made = SettingsPanel(services, config_file)
    _show(qtbot, made)
    return made


def record_this_month(services: AppServices, count: int) -> None:
    day = TODAY.isoformat()
    services.contact_log.record_many(
        [contact(recorded_at=f"{day}T12:00:{n:02d}Z") for n in range(count)]
    )
    services.contact_log.record(contact(recorded_at="2001-01-01T12:00:00Z"))  # long ago


def run_export(qtbot: QtBot, panel: ExportPanel) -> Path:
    with qtbot.waitSignal(panel.exported, timeout=EXPORT_MS) as done:
        panel.export_button.click()
    return Path(done.args[0])


def test_periods_are_whole_days_up_to_today() -> None:
    today = date(2026, 3, 15)
    assert period_for("this_month", today) == Period(date(2026, 3, 1), today)
    assert period_for("last_month", today) == Period(date(2026, 2, 1), date(2026, 2, 28))
    assert period_for("last_month", date(2026, 1, 5)) == Period(
        date(2025, 12, 1), date(2025, 12, 31)
    )
    assert period_for("last_30_days", today) == Period(date(2026, 2, 14), today)


def test_export_waits_for_a_folder(export_panel: ExportPanel) -> None:
    assert not export_panel.export_button.isEnabled()
    assert export_panel.folder_label.text() == "Choose a folder to export to"
    export_panel.folder_button.click()
    assert export_panel.export_button.isEnabled()
    assert export_panel.folder_label.text() == str(export_panel.folder)


def test_a_csv_export_for_this_month_is_complete_and_named(
    qtbot: QtBot, export_panel: ExportPanel, services: AppServices
) -> None:
    record_this_month(services, 3)
    export_panel.folder_button.click()
    export_panel.period_buttons["this_month"].click()
    export_panel.format_buttons["csv"].click()
    written = run_export(qtbot, export_panel)
    period = Period(TODAY.replace(day=1), TODAY)
    assert written == export_panel.folder / file_name(period, "csv")
    assert written.name == f"contacts-{TODAY.replace(day=1)}-to-{TODAY}.csv"
    text = written.read_bytes().decode("utf-8")
    assert text.startswith("\ufeff")
    header, *rows = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    assert header == list(HEADER)
    assert len(rows) == 3
    title = services.catalog.services["pay-council-tax"].title
    assert {row[HEADER.index("service_title")] for row in rows} == {title}
    assert text.endswith("\r\n")
    assert export_panel.message.text() == f"Exported 3 contacts to {written}"
    assert export_panel.export_button.isEnabled()


def test_a_json_lines_export_has_one_object_per_contact(
    qtbot: QtBot, export_panel: ExportPanel, services: AppServices
) -> None:
    record_this_month(services, 2)
    export_panel.folder_button.click()
    export_panel.period_buttons["last_30_days"].click()
    export_panel.format_buttons["jsonl"].click()
    written = run_export(qtbot, export_panel)
    assert written.suffix == ".jsonl"
    rows = [json.loads(line) for line in written.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 2
    assert {row["service_id"] for row in rows} == {"pay-council-tax"}
    assert export_panel.message.text() == f"Exported 2 contacts to {written}"


def test_an_export_that_cannot_be_written_says_why(
    qtbot: QtBot, export_panel: ExportPanel, tmp_path: Path
) -> None:
    export_panel.folder = tmp_path / "gone"  # a folder that is not there (a lost share)
    export_panel.export_button.setEnabled(True)
    exported: list[str] = []
    export_panel.exported.connect(exported.append)
    export_panel.start_export()
    assert export_panel.message.text() == "Exporting…"
    qtbot.waitUntil(lambda: "gone" in export_panel.message.text(), timeout=EXPORT_MS)
    assert export_panel.message.text().startswith(f"cannot write in {tmp_path / 'gone'}")
    assert not exported


def test_settings_saved_on_the_screen_survive_a_restart(
    qtbot: QtBot, settings_panel: SettingsPanel, config_file: Path
) -> None:
    assert settings_panel.idle_buttons[120].isChecked()  # the running configuration
    assert settings_panel.paper_buttons["a4"].isChecked()
    assert settings_panel.current_printer.text() == "System default"
    assert settings_panel.printers.itemText(0) == "System default"
    settings_panel.idle_buttons[300].click()
    settings_panel.paper_buttons["a5"].click()
    with qtbot.waitSignal(settings_panel.saved):
        settings_panel.save_button.click()
    assert settings_panel.message.text() == "Saved. The new settings apply after a restart."
    config = load_config(config_file, environ={})
    assert (config.idle_timeout_s, config.paper, config.printer) == (300, "a5", None)


def test_a_refused_save_shows_the_reason_and_keeps_the_file(
    qtbot: QtBot, settings_panel: SettingsPanel, config_file: Path
) -> None:
    save_settings(config_file, {"paper": "a5"})
    before = config_file.read_text(encoding="utf-8")
    settings_panel.printers.addItem("Front Desk; 2", "Front Desk; 2")  # a name the config refuses
    settings_panel.printers.setCurrentIndex(settings_panel.printers.count() - 1)
    saved: list[bool] = []
    settings_panel.saved.connect(lambda: saved.append(True))
    settings_panel.save_button.click()
    assert "printer: 'Front Desk; 2' is not allowed" in settings_panel.message.text()
    assert config_file.read_text(encoding="utf-8") == before
    assert not saved


@pytest.mark.usefixtures("kiosk_style")
def test_every_button_is_large_and_named(
    qtbot: QtBot, export_panel: ExportPanel, settings_panel: SettingsPanel
) -> None:
    export_panel.folder_button.click()
    qtbot.wait(10)
    assert_large(export_panel)
    assert_large(settings_panel)
    assert settings_panel.printers.height() >= 48


def test_a_test_print_tries_the_printer_in_use_and_says_how_it_went(
    qtbot: QtBot,
    settings_panel: SettingsPanel,
    cups: FakeCups,
) -> None:
    settings_panel.test_button.click()
    assert not settings_panel.test_button.isEnabled()  # one at a time
    qtbot.waitUntil(
        lambda: (
            settings_panel.test_message.text() == "The test handout printed. Check it came out."
        ),
        timeout=15_000,
    )
    assert settings_panel.test_button.isEnabled()
    assert len(cups.calls("lp")) == 1  # a real handout went to the printing system
    cups.set(default=None)  # now no printer at all
    settings_panel.test_button.click()
    qtbot.waitUntil(
        lambda: settings_panel.test_message.text().startswith("The test handout did not print:"),
        timeout=15_000,
    )
    assert "No printer is set up" in settings_panel.test_message.text()
