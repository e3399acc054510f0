"""The export's progress bar counts the period's contacts up to the total as they are written."""

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.contacts.export import HEADER
from tests.ui.test_supervisor import _show
from tests.ui.test_supervisor_export_settings import record_this_month, run_export
from ui.services import AppServices
from ui.supervisor.export_panel import ExportPanel


@pytest.fixture
def export_panel(
    qtbot: QtBot, services: AppServices, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[ExportPanel]:
    folder = tmp_path / "usb-stick"
    folder.mkdir()
    monkeypatch.setattr(ExportPanel, "progress_every", 10)  # a few steps from a few contacts
    made = ExportPanel(services)
    made.folder_wanted.connect(lambda panel: panel.use_folder(folder))  # as the window would
    _show(qtbot, made)
    made.folder_button.click()
    yield made
    made.shutdown()


def test_the_bar_counts_up_to_the_total_and_the_file_is_complete(
    qtbot: QtBot, export_panel: ExportPanel, services: AppServices
) -> None:
    record_this_month(services, 25)
    bar = export_panel.progress_bar
    assert not bar.isVisible()  # nothing exported yet
    steps: list[int] = []
    bar.valueChanged.connect(steps.append)
    written = run_export(qtbot, export_panel)
    assert (bar.minimum(), bar.maximum()) == (0, 25)
    assert steps == [0, 10, 20, 25]  # determinate: contacts written of the period's total
    assert bar.value() == bar.maximum()
    assert bar.isVisible()
    assert export_panel.progress_label.text() == "25 of 25 contacts"
    assert written.parent == export_panel.folder
    text = written.read_text(encoding="utf-8-sig")
    header, *rows = csv.reader(io.StringIO(text, newline=""))
    assert header == list(HEADER)
    assert len(rows) == 25
    assert export_panel.message.text() == f"Exported 25 contacts to {written}"


def test_a_failed_export_hides_the_bar(
    qtbot: QtBot, export_panel: ExportPanel, tmp_path: Path
) -> None:
    export_panel.folder = tmp_path / "unplugged"
    export_panel.start_export()
    qtbot.waitUntil(lambda: "unplugged" in export_panel.message.text(), timeout=10_000)
    assert not export_panel.progress_bar.isVisible()
    assert not export_panel.progress_label.isVisible()


def test_the_bar_is_named_for_screen_readers_and_thick_enough_to_see(
    qtbot: QtBot, export_panel: ExportPanel
) -> None:
    run_export(qtbot, export_panel)
    assert export_panel.progress_bar.accessibleName() == "Export progress"
    assert export_panel.progress_bar.height() >= 48
