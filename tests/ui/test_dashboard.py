"""The supervisor's dashboard over 1,500 demo contacts: the CLI's figures, charts and the PDF."""

import json
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
from PySide6.QtCharts import QBarSeries, QChartView, QHorizontalBarSeries
from PySide6.QtCore import QDate, QEventLoop
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from kiosk.cli.main import main
from kiosk.contacts.demo import seed_demo
from ui.services import AppServices
from ui.style import HIGH_CONTRAST, STANDARD
from ui.supervisor.breakdowns import BREAKDOWNS
from ui.supervisor.charts import bar_values, category_names
from ui.supervisor.dashboard import Dashboard
from ui.translation import Translations
from ui.widgets.touch import MIN_TARGET

NOW = datetime(2026, 11, 27, 18, 0, tzinfo=UTC)
TODAY = NOW.date()
PDF_MS = 8000  # the PDF is made on a worker thread
FIGURES_MS = 5000  # the figures are read on a worker thread, then drawn chart by chart


def figures_shown(dashboard: Dashboard) -> dict[str, Any]:
    """The figures on screen once the dashboard has read and drawn them all."""
    deadline = time.monotonic() + FIGURES_MS / 1000
    while dashboard.busy:
        assert time.monotonic() < deadline, "the figures never came"
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    return dashboard.figures()


@pytest.fixture
def dashboard(qtbot: QtBot, services: AppServices, kiosk_style: None) -> Iterator[Dashboard]:
    seed_demo(
        services.contact_log, services.catalog, 1500, 60, 7,
        site="main-office", desk="desk-1", now=NOW,
    )  # fmt: skip
    made = Dashboard(services, today=lambda: TODAY)
    qtbot.addWidget(made)
    made.resize(1280, 800)
    made.show()
    qtbot.waitExposed(made)
    figures_shown(made)  # the default period's, read when first shown
    yield made
    made.shutdown()


def cli_report(
    capsys: pytest.CaptureFixture[str], services: AppServices, first: date, last: date
) -> dict[str, Any]:
    args = ["--data-dir", str(services.config.data_dir), "report"]
    args += ["--from", first.isoformat(), "--to", last.isoformat(), "--format", "json"]
    code = 0
    try:
        main(args)
    except SystemExit as done:
        code = int(done.code or 0)
    out, err = capsys.readouterr()
    assert code == 0, err
    report: dict[str, Any] = json.loads(out)
    return report


@pytest.mark.parametrize(
    ("first", "last"),
    [
        (date(2026, 11, 1), date(2026, 11, 30)),  # this month
        (date(2026, 10, 1), date(2026, 10, 31)),  # last month
        (date(2026, 11, 23), date(2026, 11, 27)),  # a week
    ],
)
def test_the_figures_are_the_cli_reports(
    dashboard: Dashboard,
    services: AppServices,
    capsys: pytest.CaptureFixture[str],
    first: date,
    last: date,
) -> None:
    dashboard.set_period(first, last)
    shown = figures_shown(dashboard)
    expected = cli_report(capsys, services, first, last)
    assert shown["total"] == expected["total"] > 0
    assert shown["completed"] == expected["completed_during_visit"]
    assert shown["online"] == expected["online_next_time"]
    assert shown["answered"] == expected["answered_next_time"]
    for name in ("service", "mode", "barrier", "day"):
        assert shown["by"][name] == expected["by"][name], name
    assert f"{expected['total']:,}" in dashboard.total_line.text()


def test_the_period_buttons_choose_periods_back_from_today(dashboard: Dashboard) -> None:
    assert dashboard.period_buttons["month"].isChecked()  # the default, read when first shown
    assert figures_shown(dashboard)["period"] == "2026-11-01 to 2026-11-27"
    dashboard.period_buttons["week"].click()
    assert figures_shown(dashboard)["period"] == "2026-11-23 to 2026-11-27"  # Monday to Friday
    dashboard.period_buttons["last_month"].click()
    assert figures_shown(dashboard)["period"] == "2026-10-01 to 2026-10-31"
    dashboard.period_buttons["today"].click()
    assert figures_shown(dashboard)["period"] == "2026-11-27 to 2026-11-27"
    assert [b.isChecked() for b in dashboard.period_buttons.values()] == [1, 0, 0, 0]
    dashboard.set_period(date(2026, 10, 5), date(2026, 10, 9))  # no button's period
    figures_shown(dashboard)
    assert not any(b.isChecked() for b in dashboard.period_buttons.values())


def test_the_charts_show_every_day_and_the_top_services(dashboard: Dashboard) -> None:
    dashboard.set_period(date(2026, 11, 1), date(2026, 11, 30))
    figures_shown(dashboard)
    views = dashboard.findChildren(QChartView)
    assert len(views) == 2 + len(BREAKDOWNS)
    days = dashboard.day_chart.chart().series()
    assert len(days) == 1
    assert isinstance(days[0], QBarSeries)
    assert days[0].barSets()[0].count() == 30  # weekends and days to come as gaps
    services = dashboard.service_chart.chart().series()
    assert len(services) == 1
    assert isinstance(services[0], QHorizontalBarSeries)
    bars = services[0].barSets()[0]
    counts = list(figures_shown(dashboard)["by"]["service"].values())[:10]
    assert [int(bars.at(i)) for i in range(bars.count())] == counts[::-1]


@pytest.mark.parametrize("name", BREAKDOWNS)
def test_each_breakdown_chart_draws_the_cli_reports_counts(
    dashboard: Dashboard, services: AppServices, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    first, last = date(2026, 10, 1), date(2026, 11, 27)
    dashboard.set_period(first, last)
    figures_shown(dashboard)
    expected = cli_report(capsys, services, first, last)["by"][name]
    breakdown = dashboard.breakdowns[name]
    series = breakdown.chart.chart().series()
    assert len(series) == 1
    assert isinstance(series[0], QHorizontalBarSeries)
    assert series[0].isLabelsVisible()  # each bar carries its count
    drawn = bar_values(breakdown.chart)[::-1]  # drawn bottom up: the largest at the top
    assert drawn == list(expected.values())
    assert len(category_names(breakdown.chart)) == len(expected)
    table = breakdown.table
    assert [table.item(r, 1).text() for r in range(table.rowCount())] == [
        f"{count:,}" for count in expected.values()
    ]
    first_label = table.item(0, 0).text()
    top = f"{first_label}: {next(iter(expected.values())):,}"
    assert breakdown.chart.accessibleDescription().startswith(top)
    assert breakdown.chart.accessibleName() == breakdown.heading.text()


def test_the_charts_take_the_high_contrast_colours(
    dashboard: Dashboard, services: AppServices
) -> None:
    bars = dashboard.breakdowns["mode"].chart.chart().series()[0].barSets()[0]
    assert bars.color().name() == STANDARD["accent"]
    services.session.set_high_contrast(True)
    figures_shown(dashboard)
    bars = dashboard.breakdowns["mode"].chart.chart().series()[0].barSets()[0]
    assert bars.color().name() == HIGH_CONTRAST["accent"]
    assert bars.labelColor().name() == HIGH_CONTRAST["ink"]


def test_a_custom_period_shows_the_cli_reports_figures(
    dashboard: Dashboard, services: AppServices, capsys: pytest.CaptureFixture[str]
) -> None:
    first, last = date(2026, 10, 12), date(2026, 11, 20)
    dashboard.custom.from_edit.setDate(QDate(2026, 10, 12))
    dashboard.custom.to_edit.setDate(QDate(2026, 11, 20))
    dashboard.custom.show_button.click()
    shown = figures_shown(dashboard)
    expected = cli_report(capsys, services, first, last)
    assert shown["period"] == expected["period"] == "2026-10-12 to 2026-11-20"
    assert shown["total"] == expected["total"] > 0
    assert shown["completed"] == expected["completed_during_visit"]
    assert shown["online"] == expected["online_next_time"]
    assert shown["answered"] == expected["answered_next_time"]
    assert shown["by"] == expected["by"]
    assert dashboard.period_heading.text() == "12 October 2026 to 20 November 2026"
    assert not any(b.isChecked() for b in dashboard.period_buttons.values())


def test_a_period_button_puts_its_dates_in_the_from_and_to_fields(dashboard: Dashboard) -> None:
    dashboard.period_buttons["last_month"].click()
    assert dashboard.custom.from_edit.date() == QDate(2026, 10, 1)
    assert dashboard.custom.to_edit.date() == QDate(2026, 10, 31)


def test_a_custom_period_ending_before_it_starts_is_refused(dashboard: Dashboard) -> None:
    before = figures_shown(dashboard)
    dashboard.custom.from_edit.setDate(QDate(2026, 11, 20))
    dashboard.custom.to_edit.setDate(QDate(2026, 11, 10))
    dashboard.custom.show_button.click()
    assert dashboard.message.text() == (
        "The To date (10 November 2026) is before the From date (20 November 2026): choose again."
    )
    assert dashboard.message.isVisible()
    assert figures_shown(dashboard) == before


def test_the_date_fields_are_large_enough_for_a_finger(dashboard: Dashboard) -> None:
    for field in (dashboard.custom.from_edit, dashboard.custom.to_edit):
        assert field.isVisible()
        assert field.height() >= MIN_TARGET
        assert field.width() >= 4 * MIN_TARGET
        assert field.calendarPopup()
        assert field.accessibleName() in {"From", "To"}
        calendar = field.calendarWidget()
        assert calendar.minimumWidth() >= 7 * MIN_TARGET
        assert calendar.minimumHeight() >= 7 * MIN_TARGET


def test_the_monthly_report_is_saved_as_a_pdf(
    qtbot: QtBot, dashboard: Dashboard, services: AppServices
) -> None:
    dashboard.set_period(date(2026, 11, 1), date(2026, 11, 30))
    figures_shown(dashboard)
    with qtbot.waitSignal(dashboard.saved, timeout=PDF_MS) as blocker:
        dashboard.pdf_button.click()
    target = services.config.data_dir / "reports" / "report-2026-11-01-to-2026-11-30.pdf"
    assert blocker.args == [str(target)]
    assert target.read_bytes().startswith(b"%PDF")
    assert dashboard.message.text() == f"Saved the report as {target}"
    assert dashboard.pdf_button.isEnabled()


def test_every_button_is_large_enough(dashboard: Dashboard) -> None:
    buttons = [b for b in dashboard.findChildren(QPushButton) if b.isVisible()]
    assert len(buttons) == 6  # four periods, Show and the monthly report
    for button in buttons:
        assert button.width() >= MIN_TARGET, button.text()
        assert button.height() >= MIN_TARGET, button.text()
        assert button.accessibleName(), button.text()


def test_in_welsh_the_breakdowns_use_the_log_screen_s_welsh_words(
    dashboard: Dashboard, qapp: QApplication
) -> None:
    translations = Translations(qapp)
    try:
        translations.use("cy")
        dashboard.retranslate()
        figures_shown(dashboard)
        modes = dashboard.breakdowns["mode"].table
        labels = {modes.item(row, 0).text() for row in range(modes.rowCount())}
        assert "Dangos sut" in labels  # "Showed how", as staff tapped it on the log screen
        assert "Showed how" not in labels
        assert "Dangos sut" in category_names(dashboard.breakdowns["mode"].chart)
    finally:
        translations.use("en")
        dashboard.retranslate()


def test_in_welsh_the_figures_have_welsh_dates_and_service_titles(
    dashboard: Dashboard, qapp: QApplication, services: AppServices
) -> None:
    translations = Translations(qapp)
    try:
        translations.use("cy")
        services.session.set_language("cy")
        dashboard.retranslate()
        dashboard.set_period(date(2026, 11, 1), date(2026, 11, 30))
        figures_shown(dashboard)
        assert dashboard.period_heading.text() == "Tachwedd 2026"
        titles = category_names(dashboard.service_chart)
        catalog = services.catalog
        as_in_welsh = {catalog.text(s, "cy").title for s in catalog.services.values()}
        welsh = {catalog.text(s, "cy").title for s in catalog.services.values() if s.translations}
        assert set(titles) & welsh
        assert set(titles) <= as_in_welsh | {
            "Ymholiad cyffredinol"
        }  # English only if untranslated
        dashboard.set_period(date(2026, 11, 23), date(2026, 11, 27))
        figures_shown(dashboard)
        assert dashboard.period_heading.text() == "23 Tachwedd 2026 i 27 Tachwedd 2026"
        assert category_names(dashboard.day_chart)[0] == "Llun 23"  # Monday
        assert "Tach" in dashboard.custom.from_edit.text()
    finally:
        services.session.set_language("en")
        translations.use("en")
        dashboard.retranslate()


def test_a_month_of_days_is_labelled_with_dates_and_each_bar_with_its_count(
    dashboard: Dashboard,
) -> None:
    dashboard.set_period(date(2026, 10, 1), date(2026, 11, 27))  # two months: "d MMM" labels
    figures_shown(dashboard)
    names = category_names(dashboard.day_chart)
    shown = [name for name in names if name.strip("\u200b")]
    assert shown[0] == "1 Oct"
    assert len(shown) >= 8
    assert all(name.strip("\u200b") == "" or name[0].isdigit() for name in names)  # no "…"
    series = dashboard.day_chart.chart().series()[0]
    assert isinstance(series, QBarSeries)
    assert series.isLabelsVisible()
    assert series.labelsAngle() == -90  # upright, so each narrow bar keeps its count
