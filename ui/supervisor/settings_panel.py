"""The settings a supervisor may change on the screen: idle timeout, paper and printer.

Saved to the config file (checked as a restart would load it); they apply after a restart.
"""

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import QComboBox, QLabel, QVBoxLayout, QWidget

from kiosk.errors import KioskError
from kiosk.settings_file import save_settings
from ui.handout_job import HandoutJob
from ui.services import AppServices
from ui.supervisor.export_panel import button_row, choice_group
from ui.supervisor.sections import text_label
from ui.widgets.flow import FlowLayout
from ui.widgets.touch import GAP, MIN_TARGET, TouchButton

IDLE_CHOICES = (60, 120, 180, 300)  # seconds
PAPERS = ("a4", "a5", "receipt80")


class SettingsPanel(QWidget):
    saved = Signal()

    def __init__(
        self, services: AppServices, config_file: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services, self.config_file = services, config_file
        config = services.config
        idle_choices = sorted({*IDLE_CHOICES, config.idle_timeout_s})  # keep an odd value
        self.idle_label = QLabel()
        self.idle_buttons = {seconds: TouchButton() for seconds in idle_choices}
        self._idle = choice_group(self, self.idle_buttons, config.idle_timeout_s)
        self.paper_label = QLabel()
        self.paper_buttons = {paper: TouchButton() for paper in PAPERS}
        self._paper = choice_group(self, self.paper_buttons, config.paper)
        self.printer_label = QLabel()
        self.current_printer = QLabel()
        self.current_printer.setTextFormat(Qt.TextFormat.PlainText)
        self.printers = QComboBox()
        self.printers.setMinimumHeight(MIN_TARGET)
        self.printers.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.printers.addItem("", None)  # System default: its words come in retranslate
        names = list(QPrinterInfo.availablePrinterNames())
        if config.printer and config.printer not in names:
            names.insert(0, config.printer)  # offline or unknown here: still the one set
        for name in names:
            self.printers.addItem(name, name)
        self.printers.setCurrentIndex(max(0, self.printers.findData(config.printer)))
        self.test_button = TouchButton(icon_name="print")
        self.test_button.clicked.connect(self.print_test)
        self.test_message = text_label("savedMessage")
        self._test = HandoutJob(services.handouts, config, services.print_service, self)
        self._test.started.connect(lambda: self._tested(self.tr("Printing a test handout…")))
        self._test.succeeded.connect(
            lambda _: self._tested(self.tr("The test handout printed. Check it came out."))
        )
        self._test.sent_unconfirmed.connect(
            lambda _: self._tested(
                self.tr("The test handout was sent to the printer. Look for it there.")
            )
        )
        self._test.failed.connect(
            lambda why: self._tested(
                self.tr("The test handout did not print: {reason}").format(reason=why)
            )
        )
        self.save_button = TouchButton(object_name="primary")
        self.save_button.clicked.connect(self.save)
        self.message = text_label("savedMessage")
        self._lay_out()
        self.retranslate()

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(GAP)
        layout.addWidget(self.idle_label)
        layout.addLayout(button_row(list(self.idle_buttons.values())))
        layout.addWidget(self.paper_label)
        layout.addLayout(button_row(list(self.paper_buttons.values())))
        layout.addWidget(self.printer_label)
        printer_row = FlowLayout(spacing=GAP)
        printer_row.add(self.current_printer)
        printer_row.add(self.printers)
        printer_row.add(self.test_button)
        layout.addLayout(printer_row)
        layout.addWidget(self.test_message)
        layout.addLayout(button_row([self.save_button]))
        layout.addWidget(self.message)
        layout.addStretch(1)

    def retranslate(self) -> None:
        self.idle_label.setText(self.tr("Back to the start screen after no touch for"))
        for seconds, button in self.idle_buttons.items():
            button.setText(
                self.tr("{minutes} min").format(minutes=seconds // 60)
                if seconds % 60 == 0
                else self.tr("{seconds} s").format(seconds=seconds)
            )
        self.paper_label.setText(self.tr("Handout paper"))
        self.paper_buttons["a4"].setText("A4")
        self.paper_buttons["a5"].setText("A5")
        self.paper_buttons["receipt80"].setText(self.tr("80 mm receipt"))
        self.printer_label.setText(self.tr("Printer"))
        default = self.tr("System default")
        self.printers.setItemText(0, default)
        self.current_printer.setText(self.services.config.printer or default)
        self.save_button.setText(self.tr("Save"))
        self.test_button.setText(self.tr("Print a test handout"))
        self.test_button.setAccessibleDescription(
            self.tr("On the printer in use now (a new choice applies after Save and a restart)")
        )

    def print_test(self) -> None:
        """A real handout (the catalog's first service) on the printer in use, so paper,
        printer and the way there are all tried; how it went is said under the button."""
        first = next(iter(self.services.catalog.services), None)
        if first is not None:
            self.test_button.setEnabled(False)
            self._test.start(first, self.services.session.language)

    def _tested(self, words: str) -> None:
        self.test_message.setText(words)
        if not words.endswith("…"):
            self.test_button.setEnabled(True)

    def choices(self) -> dict[str, object]:
        """What the screen shows now, as settings (printer None: the system default)."""
        return {
            "idle_timeout_s": list(self.idle_buttons)[self._idle.checkedId()],
            "paper": PAPERS[self._paper.checkedId()],
            "printer": self.printers.currentData(),
        }

    def save(self) -> None:
        try:
            save_settings(self.config_file, self.choices())
        except KioskError as exc:
            self.message.setText(str(exc))
            return
        self.message.setText(self.tr("Saved. The new settings apply after a restart."))
        self.saved.emit()
