"""The supervisor area, behind the PIN: upload, catalog and kiosk, one section at a time.

The area reports and asks; the main window acts. ``upload_now``, ``exit_wanted``,
``restart_wanted`` and ``closed`` are for it to handle, and ``reload_wanted`` says a fresh
check of the catalog passed (the running catalog is not swapped here).
"""

import logging
from concurrent.futures import Future, ThreadPoolExecutor
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

import kiosk
from kiosk.catalog.problems import Problem
from kiosk.config import default_config_file
from kiosk.errors import KioskError
from kiosk.logs import current_log_file
from ui.kiosk_mode import under_systemd
from ui.screens.base import Screen
from ui.services import AppServices
from ui.supervisor.dashboard import Dashboard
from ui.supervisor.exit_confirm import ExitConfirmation
from ui.supervisor.export_panel import ExportPanel
from ui.supervisor.pin_screen import enable_primary
from ui.supervisor.sections import page, plain_bullets, text_label
from ui.supervisor.settings_panel import SettingsPanel
from ui.supervisor.upload_panel import UploadPanel
from ui.widgets.touch import GAP, TouchButton

if TYPE_CHECKING:  # the checks bring in pydantic: loaded on the worker, when first asked
    from kiosk.catalog.loader import CatalogCheck

log = logging.getLogger(__name__)
SECTIONS = ("dashboard", "upload", "export", "catalog", "settings", "kiosk")
LAZY_SECTIONS = {  # section -> the attribute that builds it when first shown
    "dashboard": "dashboard", "upload": "upload", "export": "export_panel",
    "settings": "settings_panel",
}  # fmt: skip
LAZY_PANELS = (Dashboard, UploadPanel, ExportPanel, SettingsPanel)  # they show their own
SECTION_WIDTH = 240  # px: the left-hand list of sections
T = TypeVar("T", bound=QWidget)


class SupervisorArea(Screen):
    for_staff = True

    closed = Signal()
    upload_now = Signal()
    reload_wanted = Signal()
    exit_wanted = Signal()
    restart_wanted = Signal()
    folder_wanted = Signal(object)  # the export panel, asking where to export to
    _checked = Signal(object)  # a CatalogCheck, or a message, from the worker: queued

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="supervisor")
        self._checked.connect(self._report_check, Qt.ConnectionType.QueuedConnection)
        self.title = QLabel(objectName="screenTitle")
        self.close_button = TouchButton()
        self.close_button.clicked.connect(self.closed)
        self.section_buttons = {name: TouchButton(object_name="section") for name in SECTIONS}
        self._group = QButtonGroup(self)
        self.pages = QStackedWidget()
        for name, button in self.section_buttons.items():
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, n=name: self.show_section(n))
            self._group.addButton(button)
        # Catalog
        self.catalog_heading = QLabel(objectName="heading")
        self.catalog_summary = text_label()
        self.fallback_notice = text_label("fallbackNotice")
        self.problems_heading = QLabel(objectName="heading")
        self.problems = text_label()  # plain: a rich-text list of many lines lays out slowly
        self.check_button = TouchButton(object_name="primary")
        self.check_button.clicked.connect(self.check_again)
        self.check_message = text_label("savedMessage")
        # Kiosk
        self.kiosk_heading = QLabel(objectName="heading")
        self.kiosk_lines = text_label()
        self.exit_button = TouchButton()
        self.exit_confirmation = ExitConfirmation()
        self.exit_button.clicked.connect(self.exit_confirmation.ask)
        self.exit_confirmation.confirmed.connect(self._leave)
        self.exit_button.setVisible(not under_systemd())  # the unit would only start it again
        self.restart_button = TouchButton()
        self.restart_button.clicked.connect(self.restart_wanted)
        # Figures, upload, exports and settings are built when first shown
        self._lay_out()
        self.retranslate()

    def _lay_out(self) -> None:
        header = QHBoxLayout()
        header.setSpacing(GAP)
        header.addWidget(self.title, 1)
        header.addWidget(self.close_button)
        column = QWidget()
        column.setFixedWidth(SECTION_WIDTH)  # the style sheet's min-width beats a button's own
        sections = QVBoxLayout(column)
        sections.setContentsMargins(0, 0, 0, 0)
        sections.setSpacing(GAP)
        for button in self.section_buttons.values():
            sections.addWidget(button)
        sections.addStretch(1)
        for _ in range(3):  # dashboard, upload, export: each in its place once built
            self.pages.addWidget(QWidget())
        self.pages.addWidget(
            page(
                self.catalog_heading,
                [
                    self.catalog_summary,
                    self.fallback_notice,
                    self.check_message,
                    self.problems_heading,
                    self.problems,
                ],
                [self.check_button],
            )
        )
        self.pages.addWidget(QWidget())  # settings
        self.pages.addWidget(
            page(
                self.kiosk_heading,
                [self.exit_confirmation, self.kiosk_lines],
                [self.exit_button, self.restart_button],
            )
        )
        body = QHBoxLayout()
        body.setSpacing(3 * GAP)
        body.addWidget(column)
        body.addWidget(self.pages, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(2 * GAP)
        layout.addLayout(header)
        layout.addLayout(body, 1)

    def _leave(self, reason: str) -> None:
        log.info("leaving kiosk mode, as the supervisor confirmed: %s", reason)
        self.exit_wanted.emit()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Supervisor"))
        self.close_button.setText(self.tr("Close"))
        self.close_button.setAccessibleDescription(self.tr("Leave the supervisor area"))
        names = {
            "dashboard": self.tr("Figures"),
            "upload": self.tr("Upload"),
            "export": self.tr("Export"),
            "catalog": self.tr("Catalog"),
            "settings": self.tr("Settings"),
            "kiosk": self.tr("Kiosk"),
        }
        for name, button in self.section_buttons.items():
            button.setText(names[name])
        self.catalog_heading.setText(names["catalog"])
        self.kiosk_heading.setText(names["kiosk"])
        self.check_button.setText(self.tr("Reload catalog"))
        self.problems_heading.setText(self.tr("Problems"))
        self.exit_button.setText(self.tr("Exit kiosk mode"))
        self.exit_confirmation.retranslate()
        self.restart_button.setText(self.tr("Restart"))
        if self._built("upload"):
            self.upload.retranslate()
        self.refresh()

    # -- the sections that are built when first shown ---------------------------------------

    @cached_property
    def dashboard(self) -> Dashboard:
        return self._place("dashboard", Dashboard(self.services))

    @cached_property
    def upload(self) -> UploadPanel:
        panel = self._place("upload", UploadPanel(self.services))
        panel.upload_now.connect(self.upload_now)
        return panel

    @cached_property
    def export_panel(self) -> ExportPanel:
        panel = self._place("export", ExportPanel(self.services))
        panel.folder_wanted.connect(self.folder_wanted)
        return panel

    @cached_property
    def settings_panel(self) -> SettingsPanel:
        config_file = self.services.config.config_file or default_config_file()
        return self._place("settings", SettingsPanel(self.services, config_file))

    def _place(self, section: str, panel: T) -> T:
        index = SECTIONS.index(section)
        placeholder = self.pages.widget(index)
        self.pages.insertWidget(index, panel)
        self.pages.removeWidget(placeholder)
        placeholder.deleteLater()
        return panel

    def _built(self, section: str) -> bool:
        return LAZY_SECTIONS[section] in vars(self)

    # -- what the main window calls --------------------------------------------------------

    def shown(self) -> None:
        if self._built("upload"):
            self.upload.clear_message()
        self.check_message.clear()
        self.show_section("dashboard")

    def show_section(self, name: str) -> None:
        if name in LAZY_SECTIONS:
            getattr(self, LAZY_SECTIONS[name])  # built now, if this is its first showing
        self.section_buttons[name].setChecked(True)
        self.pages.setCurrentIndex(SECTIONS.index(name))
        self.refresh()
        if name == "dashboard":
            self.dashboard.refresh()

    def refresh(self) -> None:
        """Read again what the section in front shows (the others when they are shown)."""
        section = SECTIONS[self.pages.currentIndex()]
        if section == "upload" and self._built("upload"):
            self.upload.refresh()
        elif section == "catalog":
            self._refresh_catalog()
        elif section == "kiosk":
            self._refresh_kiosk()
        self._hide_empty_labels(self.pages.currentWidget())

    def _refresh_kiosk(self) -> None:
        config = self.services.config
        self.kiosk_lines.setText(
            "\n".join(
                [
                    self.tr("Kiosk version: {version}").format(version=kiosk.__version__),
                    self.tr("Site: {site}").format(site=config.site),
                    self.tr("Desk: {desk}").format(desk=config.desk),
                    *self._it_lines(),
                    *self._service_line(),
                ]
            )
        )

    def _hide_empty_labels(self, section: QWidget) -> None:
        """In the plain sections, a line with nothing to say takes no room."""
        if isinstance(section, LAZY_PANELS):
            return
        for label in section.findChildren(QLabel):
            label.setVisible(bool(label.text()))

    def _service_line(self) -> list[str]:
        if not under_systemd():
            return []
        return [
            self.tr(
                "This kiosk runs as a system service, which starts it again whenever it "
                "closes. IT can take it out of service with: "
                "sudo systemctl stop assisted-digital-kiosk"
            )
        ]

    def _it_lines(self) -> list[str]:
        """Where IT finds the settings and the log, for a call to the help desk."""
        files = self.services.settings_files
        log_file = current_log_file()
        return [
            self.tr("Settings read from: {files}").format(
                files=", ".join(map(str, files)) if files else self.tr("built-in defaults only")
            ),
            self.tr("Log file: {file}").format(file=log_file)
            if log_file
            else self.tr("Log file: none (this kiosk logs to the screen only)"),
        ]

    def shutdown(self) -> None:
        self._worker.shutdown(wait=False, cancel_futures=True)
        if self._built("dashboard"):
            self.dashboard.shutdown()
        if self._built("export"):
            self.export_panel.shutdown()

    # -- catalog ---------------------------------------------------------------------------

    def _refresh_catalog(self) -> None:
        state = self.services.catalog_state
        catalog = state.catalog
        stale = [self._service_name(p) for p in state.check.warnings if p.field == "reviewed"]
        lines = [
            *self._from_the_hub(),
            self.tr("Version: {version}").format(version=catalog.version),
            self.tr("Services: {count}").format(count=len(catalog.services)),
            self.tr("Past their review date: {count}").format(count=len(stale)),
        ]
        self.catalog_summary.setText("\n".join([*lines, *plain_bullets(stale)]))
        self.fallback_notice.setText(
            self.tr("The catalog has errors: the kiosk is running on the last good copy.")
            if state.from_snapshot
            else ""
        )
        self.problems.setText(_problem_lines(state.check))

    def _from_the_hub(self) -> list[str]:
        """Where the catalog came from, when the council's hub sends it (two small files)."""
        from kiosk.catalog.in_use import catalog_in_use

        config = self.services.config
        in_use = catalog_in_use(config, config.data_dir)
        lines = []
        if in_use.hub is not None:
            hub = in_use.hub
            lines.append(
                self.tr("From the council's hub: version {version}, published by {who} at {when}")
                .format(version=hub.version, who=hub.published_by, when=hub.published_at)
            )  # fmt: skip
        last = in_use.last_check
        if last is not None and last.outcome == "failed":
            lines.append(
                self.tr("Last check with the hub, {when}: not taken: “{reason}”").format(
                    when=last.checked_at, reason=last.error
                )
            )
        elif last is not None:
            lines.append(
                self.tr("Last check with the hub, {when}: up to date").format(when=last.checked_at)
            )
        return lines

    def _service_name(self, problem: Problem) -> str:
        service = self.services.catalog.services.get(problem.file.stem)
        if service is None:
            return problem.file.stem
        return self.services.catalog.text(service, self.language).title

    def check_again(self) -> None:
        """Check the catalog folder on the worker thread; the answer comes to _report_check."""
        enable_primary(self.check_button, False)
        self._set(self.check_message, self.tr("Checking…"))
        future = self._worker.submit(_check_catalog, self._folder_in_use())
        future.add_done_callback(self._hand_over)

    def _folder_in_use(self) -> Path:
        """The hub's copy when the kiosk runs on one, else the catalog folder."""
        from kiosk.catalog.in_use import catalog_in_use

        config = self.services.config
        return catalog_in_use(config, config.data_dir).folder

    def _hand_over(self, future: "Future[CatalogCheck]") -> None:
        try:
            result: object = future.result()
        except KioskError as exc:
            result = str(exc)
        except Exception:
            log.exception("the catalog check failed")
            result = ""
        try:
            self._checked.emit(result)
        except RuntimeError:  # the screen has gone (closing down)
            log.info("a catalog check finished after the supervisor area closed")

    @Slot(object)
    def _report_check(self, result: object) -> None:
        from kiosk.catalog.loader import CatalogCheck  # loaded by the check itself already

        enable_primary(self.check_button, True)
        if not isinstance(result, CatalogCheck):
            self._set(self.check_message, str(result) or self.tr("The check failed; tell IT."))
            return
        if result.errors:
            self._set(
                self.check_message,
                self.tr(
                    "The catalog has %n error(s), so it was refused; "
                    "the kiosk keeps the one it has.",
                    "",
                    len(result.errors),
                ),
            )
        else:
            self._set(
                self.check_message,
                self.tr("The catalog passed its checks; the kiosk restarts to use it."),
            )
        self._set(self.problems, _problem_lines(result))
        if not result.errors:
            self.reload_wanted.emit()

    @staticmethod
    def _set(label: QLabel, text: str) -> None:
        label.setText(text)
        label.setVisible(bool(text))


def _check_catalog(folder: Path) -> "CatalogCheck":
    from kiosk.catalog.loader import check_catalog

    return check_catalog(folder)


def _problem_lines(check: "CatalogCheck") -> str:
    """Each problem as a bullet, errors first, its file named from the catalog folder."""
    ordered = [*check.errors, *check.warnings]
    return "\n".join(plain_bullets([_relative(problem, check) for problem in ordered]))


def _relative(problem: Problem, check: "CatalogCheck") -> str:
    try:
        where = problem.file.relative_to(check.root).as_posix()
    except ValueError:
        where = str(problem.file)
    if problem.line is not None:
        where += f":{problem.line}"
    kind = "error" if problem.is_error else "warning"
    return f"{where}: {kind}: {problem.message}"
