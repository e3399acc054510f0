"""The supervisor's dashboard: a period's figures, charts and breakdowns, and its PDF report.

The figures come from ``build_report`` (it sums the per-day counts), read on a worker thread
with its own connection to the log, and are drawn one chart per turn of the event loop, so a
tap is never kept waiting; ``figures_shown`` follows the last chart. The PDF is made and written
on the same worker. Nothing is read until the dashboard is first shown or given a period, so
the supervisor area costs nothing at start-up (``report_pdf`` brings in reportlab).
"""

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCharts import QChartView
from PySide6.QtCore import QDate, QLocale, Qt, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import Config
from kiosk.contacts.period import Period, is_whole_month, period_label
from kiosk.contacts.report import Report, build_report, percent, service_titles
from kiosk.contacts.store import ContactLog
from ui.background import outcome
from ui.services import AppServices
from ui.supervisor.breakdowns import BREAKDOWNS, Breakdown, labelled_rows
from ui.supervisor.charts import chart_view, day_names, draw_columns, draw_rows, palette
from ui.supervisor.period_picker import CustomPeriod
from ui.supervisor.pin_screen import enable_primary
from ui.turns import Turns
from ui.widgets.flow import FlowLayout
from ui.widgets.touch import GAP, TouchButton, touch_scroll_area

log = logging.getLogger(__name__)
W = TypeVar("W", bound=QWidget)

PERIODS = ("today", "week", "month", "last_month")
TOP_SERVICES = 10
DAY_CHART_HEIGHT = 320


class Dashboard(QWidget):
    saved = Signal(str)  # the PDF's path, once written
    failed = Signal(str)  # why the PDF could not be written
    figures_shown = Signal()  # the chosen period's figures are all on screen
    _finished = Signal(bool, str)  # from the worker: queued
    _figures_read = Signal(object)  # a _Figures, or the reason they could not be read: queued

    def __init__(
        self,
        services: AppServices,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self._today = today
        self._period: Period | None = None
        self._choice: str | None = "month"
        self._report: Report | None = None
        self._label = ""  # the period in words, as the PDF names it
        self._reading = False
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dashboard")
        self._finished.connect(self._report_saved, Qt.ConnectionType.QueuedConnection)
        self._figures_read.connect(self._figures_arrived, Qt.ConnectionType.QueuedConnection)
        self._drawing = Turns(self)
        self._drawing.done.connect(self._all_drawn)
        self.period_buttons = {name: TouchButton() for name in PERIODS}
        self._group = QButtonGroup(self)
        for name, button in self.period_buttons.items():
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, n=name: self.choose(n))
            self._group.addButton(button)
        self.pdf_button = TouchButton(object_name="primary")
        self.pdf_button.clicked.connect(self.save_pdf)
        self.period_heading = _text("heading")
        self.message = _text("savedMessage")
        self.total_line = _text("summary")
        self.completed_line = _text()
        self.online_line = _text()
        self.reset_line = _text()
        self.saving_line = _text()
        self.day_heading = _text("heading")
        self.service_heading = _text("heading")
        self.custom = CustomPeriod(today())
        self.custom.chosen.connect(self.set_period)
        self.custom.refused.connect(self._say)
        # The charts are made as they are first drawn, a turn of the event loop each: the
        # figures' page opens at once and fills in, instead of keeping a tap waiting.
        self._places = {name: _place() for name in ("day", "service", *BREAKDOWNS)}
        self.breakdowns: dict[str, Breakdown] = {}
        services.session.contrast_changed.connect(self._redraw)
        self._lay_out()
        self.retranslate()

    def _lay_out(self) -> None:
        actions = FlowLayout(spacing=GAP)
        for button in self.period_buttons.values():
            actions.add(button)
        actions.add(self.pdf_button, at_end=True)
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, GAP, 0)
        column.setSpacing(GAP)
        lines = (self.total_line, self.completed_line, self.online_line, self.reset_line)
        for label in (*lines, self.saving_line):
            column.addWidget(label)
        column.addWidget(self.day_heading)
        column.addWidget(self._places["day"])
        column.addWidget(self.service_heading)
        column.addWidget(self._places["service"])
        for name in BREAKDOWNS:
            column.addSpacing(GAP)
            column.addWidget(self._places[name])
        column.addStretch(1)
        scroll = touch_scroll_area(content)
        # Its own size hint (the whole page) is no reason for the window to scroll too
        scroll.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        # Always there: the figures always run below the fold, and a scroll bar that appears
        # with the first chart would lay the whole page out again
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.page = scroll  # the figures, charts and tables, scrolled
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(GAP)
        layout.addLayout(actions)
        layout.addWidget(self.custom)
        layout.addWidget(self.period_heading)
        layout.addWidget(self.message)
        layout.addWidget(scroll, 1)

    def retranslate(self) -> None:
        names = {
            "today": self.tr("Today"),
            "week": self.tr("This week"),
            "month": self.tr("This month"),
            "last_month": self.tr("Last month"),
        }
        for name, button in self.period_buttons.items():
            button.setText(names[name])
        self.pdf_button.setText(self.tr("Monthly report (PDF)"))
        self.pdf_button.setAccessibleDescription(
            self.tr("Save the report of the chosen period as a PDF")
        )
        self.day_heading.setText(self.tr("Contacts per day"))
        self.service_heading.setText(self.tr("Top 10 services"))
        self.custom.retranslate()
        self._redraw()

    # -- what the area calls ---------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._report is None and not self._reading:
            self.refresh()

    def choose(self, name: str) -> None:
        """Show one of the period buttons' periods, counted back from today."""
        first, last = self._preset(name)
        self._set(first, last, name)

    def set_period(self, first: date, last: date) -> None:
        """Show ``first`` to ``last`` (inclusive); its button is chosen if it is one of theirs."""
        chosen = next((n for n in PERIODS if self._preset(n) == (first, last)), None)
        self._set(first, last, chosen)

    def refresh(self) -> None:
        """Read the figures again: a period button's period moves on with the date."""
        if self._choice is not None:
            self.choose(self._choice)
        elif self._period is not None:
            self._set(self._period.first, self._period.last, None)

    @property
    def busy(self) -> bool:
        """Reading or drawing figures that are not all on screen yet."""
        return self._reading or self._drawing.busy

    def figures(self) -> dict[str, Any]:
        """The numbers shown, as ``build_report`` gave them (after ``figures_shown``)."""
        if self._report is None:
            raise LookupError("no figures shown yet: wait for figures_shown")
        report = self._report
        return {
            "period": report.period,
            "total": report.total,
            "completed": report.completed_during_visit,
            "saved_by_idle_reset": report.saved_by_idle_reset,
            "online": report.online_next_time,
            "answered": report.answered_next_time,
            "saving": None if report.saving is None else report.saving.estimate,
            "by": report.by,
        }

    def save_pdf(self) -> None:
        """Make the chosen period's PDF on the worker thread; ``saved`` or ``failed`` follows."""
        if self._report is None or self._period is None or self._reading:
            return  # the button is disabled until the figures are shown
        enable_primary(self.pdf_button, False)
        self._say(self.tr("Making the report…"))
        future = self._worker.submit(
            _write_report,
            self._report,
            self._period,
            self.services.catalog.council.name,
            service_titles(self.services.catalog),  # the PDF report is in English
            self.services.config.data_dir / "reports",
        )
        future.add_done_callback(self._hand_over)

    def shutdown(self) -> None:
        self._worker.shutdown(wait=False, cancel_futures=True)

    # -- the figures -----------------------------------------------------------------------

    def _preset(self, name: str) -> tuple[date, date]:
        today = self._today()
        if name == "today":
            return today, today
        if name == "week":
            return today - timedelta(days=today.weekday()), today
        if name == "month":
            return today.replace(day=1), today
        last = today.replace(day=1) - timedelta(days=1)
        return last.replace(day=1), last

    def _set(self, first: date, last: date, choice: str | None) -> None:
        period = Period(first, last)
        already_asked = self._reading and period == self._period
        self._period, self._choice = period, choice
        self.custom.set_dates(first, last)
        if choice is None:  # an exclusive group cannot be emptied while it is exclusive
            self._group.setExclusive(False)
            for button in self.period_buttons.values():
                button.setChecked(False)
            self._group.setExclusive(True)
        else:
            self.period_buttons[choice].setChecked(True)
        self._say("")
        if already_asked:
            return
        self._reading = True
        enable_primary(self.pdf_button, False)
        future = self._worker.submit(
            _read_figures, self.services.contact_log.path, period, self.services.config
        )
        future.add_done_callback(self._hand_over_figures)

    def _hand_over_figures(self, future: "Future[_Figures]") -> None:
        try:
            self._figures_read.emit(future.result())
        except RuntimeError:  # the dashboard has gone (closing down)
            log.info("figures were read after the dashboard closed")
        except Exception as exc:
            log.exception("the figures could not be read")
            self._figures_read.emit(str(exc))

    @Slot(object)
    def _figures_arrived(self, read: "_Figures | str") -> None:
        if isinstance(read, str):
            self._reading = False
            self._say(self.tr("The figures could not be read: {reason}").format(reason=read))
            return
        if read.period != self._period:
            return  # another period was chosen meanwhile: its figures are on their way
        self._reading = False
        self._report, self._label = read.report, read.label
        self._show(read.report)

    def _all_drawn(self) -> None:
        if self._report is not None and not self._reading:
            enable_primary(self.pdf_button, True)
            self.figures_shown.emit()

    def _show(self, report: Report) -> None:
        """Draw the figures, a chart per turn of the event loop."""
        self._drawing.run(
            [
                lambda: self._show_lines(report),
                lambda: self._draw_days(report),
                lambda: self._draw_services(report),
                *(lambda n=name: self._fill_breakdown(n, report) for name in BREAKDOWNS),
            ]
        )

    def _fill_breakdown(self, name: str, report: Report) -> None:
        rows = labelled_rows(name, report)
        if name not in self.breakdowns:
            self.breakdowns[name] = self._placed(name, Breakdown(self._colours()))
        self.breakdowns[name].fill(
            self._heading(name), self.tr("Contacts"), rows, report.total, self._colours()
        )

    def _show_lines(self, report: Report) -> None:
        assert self._period is not None
        period = self._period
        self.period_heading.setText(self._period_words(period))
        self.total_line.setText(self.tr("Contacts: {total}").format(total=f"{report.total:,}"))
        self.completed_line.setText(
            self.tr("Completed online during the visit: {n} ({share} of contacts)").format(
                n=f"{report.completed_during_visit:,}",
                share=percent(report.completed_during_visit, report.total),
            )
        )
        self.online_line.setText(
            self.tr(
                "Could go online next time, alone or with help: {n} "
                "({share} of the {answered} who answered)"
            ).format(
                n=f"{report.online_next_time:,}",
                share=percent(report.online_next_time, report.answered_next_time),
                answered=f"{report.answered_next_time:,}",
            )
        )
        self.reset_line.setText(
            self.tr(
                "Saved by the idle reset, not by staff: {n} ({share} of contacts; what they "
                "were not asked is counted as not recorded)"
            ).format(
                n=f"{report.saved_by_idle_reset:,}",
                share=percent(report.saved_by_idle_reset, report.total),
            )
        )
        saving = report.saving
        self.saving_line.setText(
            self.tr("Not estimated: the council has not set its own unit costs")
            if saving is None
            else "\n".join(
                [
                    self.tr(
                        "Estimated saving: £{estimate} (an estimate, not a measured figure)"
                    ).format(estimate=f"{saving.estimate:,.2f}"),
                    self.tr(
                        "{n} residents who could go online next time x "
                        "(face-to-face £{face} - web £{web})"
                    ).format(
                        n=saving.contacts_shifted,
                        face=f"{saving.cost_face_to_face:.2f}",
                        web=f"{saving.cost_web:.2f}",
                    ),
                ]
            )
        )

    def _heading(self, name: str) -> str:
        return {
            "mode": self.tr("Help given"),
            "outcome": self.tr("Outcome"),
            "barrier": self.tr("Barrier"),
            "language": self.tr("Language"),
            "staff": self.tr("Staff"),
        }[name]

    def _period_words(self, period: Period) -> str:
        """ "Rhagfyr 2026" for a whole month, else "1 Rhagfyr 2026 i 9 Rhagfyr 2026": in the
        area's language (the PDF report keeps its English ``period_label``)."""
        locale, first, last = QLocale(), _qdate(period.first), _qdate(period.last)
        if is_whole_month(period):
            return locale.toString(first, "MMMM yyyy")
        if first == last:
            return locale.toString(first, "d MMMM yyyy")
        return self.tr("{first} to {last}").format(
            first=locale.toString(first, "d MMMM yyyy"), last=locale.toString(last, "d MMMM yyyy")
        )

    def _titles(self) -> dict[str, str]:
        language = self.services.session.language
        return service_titles(self.services.catalog, self.tr("General enquiry"), language)

    def _draw_days(self, report: Report) -> None:
        assert self._period is not None
        period = self._period
        length = (period.last - period.first).days + 1
        days = [period.first + timedelta(days=n) for n in range(length)]
        counts = [report.by["day"].get(day.isoformat(), 0) for day in days]
        draw_columns(self.day_chart, counts, day_names(days), self._colours())
        self.day_chart.setAccessibleName(self.tr("Contacts per day"))

    def _draw_services(self, report: Report) -> None:
        titles = self._titles()
        top = list(report.by["service"].items())[:TOP_SERVICES]  # largest first
        rows = [(titles.get(key, key), count) for key, count in top]
        draw_rows(self.service_chart, rows, self._colours())
        self.service_chart.setAccessibleName(self.tr("Top 10 services"))
        self.service_chart.setAccessibleDescription(
            "; ".join(f"{title}: {count:,}" for title, count in rows)
        )

    @cached_property
    def day_chart(self) -> QChartView:
        return self._placed("day", chart_view(DAY_CHART_HEIGHT, self._colours()))

    @cached_property
    def service_chart(self) -> QChartView:
        return self._placed("service", chart_view(DAY_CHART_HEIGHT, self._colours()))

    def _placed(self, name: str, widget: W) -> W:
        self._places[name].layout().addWidget(widget)
        return widget

    def _colours(self) -> dict[str, str]:
        return palette(self.services.session.high_contrast)

    def _redraw(self, *_: object) -> None:
        if self._report is not None:
            self._show(self._report)

    # -- the PDF ---------------------------------------------------------------------------

    def _hand_over(self, future: "Future[Path]") -> None:
        ok, text = outcome(future, "")
        try:
            self._finished.emit(ok, text)
        except RuntimeError:  # the dashboard has gone (closing down)
            log.info("a report PDF finished after the dashboard closed")

    @Slot(bool, str)
    def _report_saved(self, ok: bool, text: str) -> None:
        enable_primary(self.pdf_button, True)
        if ok:
            self._say(self.tr("Saved the report as {file}").format(file=text))
            self.saved.emit(text)
        else:
            self._say(text or self.tr("The report could not be saved; tell IT."))
            self.failed.emit(text)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))


@dataclass(frozen=True)
class _Figures:
    period: Period
    report: Report
    label: str  # the period in words


def _read_figures(log_path: Path, period: Period, config: Config) -> _Figures:
    """On the worker, with its own connection: an SQLite connection belongs to one thread."""
    contact_log = ContactLog(log_path)
    try:
        return _Figures(period, build_report(contact_log, period, config), period_label(period))
    finally:
        contact_log.close()


def _write_report(
    report: Report, period: Period, council: str, titles: dict[str, str], folder: Path
) -> Path:
    """On the worker: the PDF of ``report``, written whole to ``folder``."""
    from kiosk.contacts.report_pdf import report_pdf, write_pdf

    data = report_pdf(report, council, titles, period_label(period))
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"report-{period.first}-to-{period.last}.pdf"
    write_pdf(data, target, force=True)
    return target


def _place() -> QWidget:
    """Where a chart goes once it is made."""
    place = QWidget()
    layout = QVBoxLayout(place)
    layout.setContentsMargins(0, 0, 0, 0)
    return place


def _text(object_name: str = "") -> QLabel:
    label = QLabel()
    label.setObjectName(object_name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
