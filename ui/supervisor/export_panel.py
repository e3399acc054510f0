"""Export the contact log to a folder: a period, a format, a folder, then Export.

The export runs on a worker thread with its own connection to the log (the screens'
connection belongs to the GUI thread); its progress (contacts written of the period's total)
and then its answer come back through queued signals, and a bar shows how far it has got.
"""

import logging
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from kiosk.contacts.export import Format, Progress, export
from kiosk.contacts.period import Period
from kiosk.contacts.report import service_titles
from kiosk.contacts.store import ContactLog
from ui.background import outcome
from ui.services import AppServices
from ui.supervisor.pin_screen import enable_primary
from ui.supervisor.sections import text_label
from ui.widgets.flow import FlowLayout
from ui.widgets.touch import GAP, MIN_TARGET, TouchButton

log = logging.getLogger(__name__)
PERIODS = ("this_month", "last_month", "last_30_days")
FORMATS: tuple[Format, ...] = ("csv", "jsonl")
PROGRESS_EVERY = 2_000  # contacts between two moves of the bar (a signal each: cheap)


def period_for(choice: str, today: date) -> Period:
    """One of PERIODS as whole days up to ``today``."""
    if choice == "this_month":
        return Period(today.replace(day=1), today)
    if choice == "last_month":
        last = today.replace(day=1) - timedelta(days=1)
        return Period(last.replace(day=1), last)
    return Period(today - timedelta(days=29), today)


def file_name(period: Period, fmt: Format) -> str:
    return f"contacts-{period.first}-to-{period.last}.{fmt}"


class ExportPanel(QWidget):
    exported = Signal(str)  # the file written
    folder_wanted = Signal(object)  # this panel: where should it export to?
    _finished = Signal(bool, str, str)  # ok, message or count, file: from the worker, queued
    _progressed = Signal(int, int)  # contacts written, contacts in the period: from the worker

    today: Callable[[], date] = staticmethod(date.today)
    progress_every = PROGRESS_EVERY

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.folder: Path | None = None
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="export")
        self._finished.connect(self._report, Qt.ConnectionType.QueuedConnection)
        self._progressed.connect(self._show_progress, Qt.ConnectionType.QueuedConnection)
        self.period_label = QLabel()
        self.period_buttons = {name: TouchButton() for name in PERIODS}
        self.format_label = QLabel()
        self.format_buttons = {fmt: TouchButton() for fmt in FORMATS}
        self._periods = choice_group(self, self.period_buttons, "this_month")
        self._formats = choice_group(self, self.format_buttons, "csv")
        self.folder_label = QLabel()
        self.folder_label.setWordWrap(True)
        self.folder_button = TouchButton()
        self.folder_button.clicked.connect(self.choose_folder)
        self.export_button = TouchButton(object_name="primary")
        self.export_button.clicked.connect(self.start_export)
        self.progress_bar = _progress_bar()
        self.progress_label = QLabel()
        self.progress_label.hide()
        self.message = text_label("savedMessage")
        self._busy = False
        self._lay_out()
        self.retranslate()

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(GAP)
        layout.addWidget(self.period_label)
        layout.addLayout(button_row(list(self.period_buttons.values())))
        layout.addWidget(self.format_label)
        layout.addLayout(button_row(list(self.format_buttons.values())))
        folder_row = QHBoxLayout()
        folder_row.setSpacing(GAP)
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(self.folder_button)
        layout.addLayout(folder_row)
        layout.addLayout(button_row([self.export_button]))
        progress_row = QHBoxLayout()
        progress_row.setSpacing(2 * GAP)
        progress_row.addWidget(self.progress_bar, 1)
        progress_row.addWidget(self.progress_label)
        layout.addLayout(progress_row)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def retranslate(self) -> None:
        self.period_label.setText(self.tr("Contacts from"))
        names = {
            "this_month": self.tr("This month"),
            "last_month": self.tr("Last month"),
            "last_30_days": self.tr("Last 30 days"),
        }
        for name, button in self.period_buttons.items():
            button.setText(names[name])
        self.format_label.setText(self.tr("Format"))
        self.format_buttons["csv"].setText(self.tr("CSV for Excel"))
        self.format_buttons["jsonl"].setText(self.tr("JSON Lines"))
        self.folder_button.setText(self.tr("Choose folder"))
        self.export_button.setText(self.tr("Export"))
        self.progress_bar.setAccessibleName(self.tr("Export progress"))
        self._show_folder()

    # -- choices ---------------------------------------------------------------------------

    @property
    def period(self) -> Period:
        return period_for(PERIODS[self._periods.checkedId()], self.today())

    @property
    def fmt(self) -> Format:
        return FORMATS[self._formats.checkedId()]

    def choose_folder(self) -> None:
        """Ask where (the window's save-place screen), which then calls ``use_folder``."""
        self.folder_wanted.emit(self)

    def use_folder(self, folder: Path) -> None:
        self.folder = folder
        self.message.clear()
        self._show_folder()

    def _show_folder(self) -> None:
        self.folder_label.setText(
            str(self.folder) if self.folder else self.tr("Choose a folder to export to")
        )
        enable_primary(self.export_button, self.folder is not None and not self._busy)

    # -- the export ------------------------------------------------------------------------

    def start_export(self) -> None:
        if self.folder is None or self._busy:
            return
        period, fmt = self.period, self.fmt
        target = self.folder / file_name(period, fmt)
        self._busy = True
        enable_primary(self.export_button, False)
        self.message.setText(self.tr("Exporting…"))
        self._show_progress(0, 0)
        log_path, titles = self.services.contact_log.path, self._titles()
        future = self._worker.submit(
            _export, log_path, period, target, titles, fmt, self._tell, self.progress_every
        )
        future.add_done_callback(lambda done: self._hand_over(done, target))

    def _tell(self, done: int, total: int) -> None:
        """On the worker: how far the export has got, to the GUI thread."""
        try:
            self._progressed.emit(done, total)
        except RuntimeError:  # the panel has gone (closing down)
            log.info("export progress after the export panel closed")

    @Slot(int, int)
    def _show_progress(self, done: int, total: int) -> None:
        self.progress_bar.setRange(0, max(total, 1))  # (0, 0) would be a busy bar
        self.progress_bar.setValue(done)
        self.progress_bar.show()
        self.progress_label.setText(
            self.tr("{done} of {total} contacts").format(done=f"{done:,}", total=f"{total:,}")
        )
        self.progress_label.show()

    def _titles(self) -> dict[str, str]:
        return service_titles(self.services.catalog)

    def _hand_over(self, future: "Future[int]", target: Path) -> None:
        ok, text = outcome(future, "")
        try:
            self._finished.emit(ok, text, str(target))
        except RuntimeError:  # the panel has gone (closing down)
            log.info("an export finished after the export panel closed")

    @Slot(bool, str, str)
    def _report(self, ok: bool, text: str, target: str) -> None:
        self._busy = False
        self._show_folder()
        if not ok:
            self.progress_bar.hide()
            self.progress_label.hide()
            self.message.setText(text or self.tr("The export failed; tell IT."))
            return
        self.message.setText(
            self.tr("Exported {count} contacts to {file}").format(count=text, file=target)
        )
        self.exported.emit(target)

    def shutdown(self) -> None:
        self._worker.shutdown(wait=False, cancel_futures=True)


def _export(
    log_path: Path,
    period: Period,
    target: Path,
    titles: dict[str, str],
    fmt: Format,
    progress: Progress,
    every: int,
) -> int:
    """On the worker: a connection of its own, closed when done."""
    contact_log = ContactLog(log_path)
    try:
        return export(
            contact_log, period, target, titles, fmt, force=True, progress=progress, every=every
        )
    finally:
        contact_log.close()


def _progress_bar() -> QProgressBar:
    """A thick bar (kiosk.qss colours it); the count is a label beside it, not on it."""
    bar = QProgressBar()
    bar.setTextVisible(False)
    bar.setMinimumHeight(MIN_TARGET)
    bar.hide()
    return bar


def choice_group(
    owner: QWidget, buttons: Mapping[Any, TouchButton], checked: object
) -> QButtonGroup:
    """Checkable buttons of which exactly one is on; the group's ids follow the dict order."""
    group = QButtonGroup(owner)
    group.setExclusive(True)
    for index, (name, button) in enumerate(buttons.items()):
        button.setCheckable(True)
        button.setChecked(name == checked)
        group.addButton(button, index)
    return group


def button_row(buttons: list[TouchButton]) -> FlowLayout:
    row = FlowLayout(spacing=GAP)
    for button in buttons:
        row.add(button)
    return row
