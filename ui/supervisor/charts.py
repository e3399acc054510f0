"""Bar charts for the dashboard (Qt Charts), drawn in the kiosk theme's colours.

Text on the charts is at least 16 px (about 12 pt, Clear Print's smallest); every bar carries
its count, so a supervisor reads the number, not the bar's length. Charts are read-only: a drag
on one scrolls the page, as anywhere else on it.
"""

import html
import textwrap
from datetime import date
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QLocale, QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy

from ui.style import THEMES

CHART_PX = 17  # chart text, in px (Clear Print: at least 12 pt, 16 px)
DAY_LABELS = 16  # at most about this many day labels under the per-day chart
UNSEEN = "\u200b"  # a zero-width space
ROW_PX = 40  # px per bar in a horizontal chart
LINE_PX = 22  # px a line of a name takes beside its bar
CHART_FRAME_PX = 76  # px around a horizontal chart's bars: margins and the value axis
LINE_CHARS = 24  # a name on a chart wraps onto lines of about this many characters
LINE_BREAK = "<br>"


def palette(high_contrast: bool) -> dict[str, str]:
    """The chart colours of the kiosk's current theme (the bars are its accent colour)."""
    theme = THEMES["high-contrast" if high_contrast else "standard"]
    return {
        "bar": theme["accent"],
        "ink": theme["ink"],
        "grid": theme["pressed"],
        "paper": theme["paper"],
    }


def chart_view(height: int, colours: dict[str, str]) -> QChartView:
    view = QChartView(_chart(colours))
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setFixedHeight(height)
    view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    view.setStyleSheet(f"background: {colours['paper']};")
    view.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    return view


def horizontal_height(bars: int, lines: int = 1) -> int:
    """The height a horizontal chart of ``bars`` bars needs (a few bars look like bars),
    each beside a name of ``lines`` lines at most."""
    row = max(ROW_PX, lines * LINE_PX + ROW_PX - LINE_PX)
    return row * max(bars, 2) + CHART_FRAME_PX


def draw_columns(
    view: QChartView, counts: list[int], names: list[str], colours: dict[str, str]
) -> None:
    """Upright bars, one per name (the per-day chart); counts shown above the bars when few."""
    series = QBarSeries()
    series.append(_bar_set(counts, colours))
    series.setBarWidth(min(0.8, 0.15 * len(counts)))  # not one bar the chart's width
    series.setLabelsVisible(True)
    series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
    if len(counts) > DAY_LABELS:
        series.setLabelsAngle(-90)  # upright: a month of narrow bars each keeps its count
    _plot(view, series, names, colours)


def draw_rows(view: QChartView, rows: list[tuple[str, int]], colours: dict[str, str]) -> None:
    """Horizontal bars for ``rows`` (name, count), the first at the top, each with its count."""
    shown = rows[::-1]  # a horizontal chart draws its first category at the bottom
    series = QHorizontalBarSeries()
    series.append(_bar_set([count for _, count in shown], colours))
    series.setBarWidth(0.7)
    series.setLabelsVisible(True)
    series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
    names = [wrapped(name) for name, _ in shown]
    lines = max((name.count(LINE_BREAK) + 1 for name in names), default=1)
    view.setFixedHeight(horizontal_height(len(rows), lines))
    _plot(view, series, names, colours)


def bar_values(view: QChartView) -> list[int]:
    """The counts a chart draws, in the order they are drawn (bottom up on a horizontal one)."""
    values = []
    for series in view.chart().series():
        assert isinstance(series, QBarSeries | QHorizontalBarSeries)
        for bars in series.barSets():
            values += [int(bars.at(i)) for i in range(bars.count())]
    return values


def category_names(view: QChartView) -> list[str]:
    """The names along a chart's axis, as words (not as the lines they are drawn on)."""
    axes = [a for a in view.chart().axes() if isinstance(a, QBarCategoryAxis)]
    names = list(axes[0].categories()) if axes else []
    return [html.unescape(name.replace(LINE_BREAK, " ")) for name in names]


def day_names(days: list[date]) -> list[str]:
    """A label under every day of a short period; under fewer for a long one (unique), in
    the interface's language."""
    if len(days) <= 7:
        style, most = "ddd d", 7
    elif days[0].month == days[-1].month:
        style, most = "d", DAY_LABELS  # the month is in the heading above
    else:
        style, most = "d MMM", DAY_LABELS // 2
    every = max(1, -(-len(days) // most))
    locale = QLocale()
    # Category names must be unique: unlabelled days get distinct runs of zero-width spaces
    # (plain spaces were drawn as "…" once a run grew wider than its day).
    return [
        locale.toString(QDate(day.year, day.month, day.day), style)
        if index % every == 0
        else UNSEEN * (index + 1)
        for index, day in enumerate(days)
    ]


def wrapped(title: str) -> str:
    """``title`` on as many lines as it takes (a chart's labels are drawn as rich text)."""
    return LINE_BREAK.join(html.escape(line) for line in textwrap.wrap(title, LINE_CHARS))


def _font() -> QFont:
    font = QFont()
    font.setPixelSize(CHART_PX)
    return font


def _chart(colours: dict[str, str]) -> QChart:
    chart = QChart()
    chart.legend().hide()
    chart.setBackgroundBrush(QColor(colours["paper"]))
    chart.setBackgroundRoundness(0)
    chart.setMargins(QMargins(4, 4, 24, 4))
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    return chart


def _bar_set(values: list[int], colours: dict[str, str]) -> QBarSet:
    bars = QBarSet("")
    bars.append([float(value) for value in values])
    bars.setColor(QColor(colours["bar"]))
    bars.setBorderColor(QColor(colours["bar"]))
    bars.setLabelColor(QColor(colours["ink"]))
    bars.setLabelFont(_font())
    return bars


def _plot(
    view: QChartView,
    series: QBarSeries | QHorizontalBarSeries,
    names: list[str],
    colours: dict[str, str],
) -> None:
    """Put ``series`` on a fresh chart on ``view``: a reused chart keeps old axes drawn."""
    old, chart = view.chart(), _chart(colours)
    view.setChart(chart)  # the view does not delete the chart it had
    old.deleteLater()
    view.setStyleSheet(f"background: {colours['paper']};")
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.append(names or [""])
    values = QValueAxis()
    values.setRange(0, _axis_top(series))
    values.applyNiceNumbers()
    values.setLabelFormat("%d")
    for axis in (categories, values):
        _style_axis(axis, colours)
    categories.setGridLineVisible(False)
    left, bottom = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignBottom
    horizontal = isinstance(series, QHorizontalBarSeries)
    chart.addAxis(categories, left if horizontal else bottom)
    chart.addAxis(values, bottom if horizontal else left)
    series.attachAxis(categories)
    series.attachAxis(values)


def _axis_top(series: QBarSeries | QHorizontalBarSeries) -> float:
    """Room beyond the longest bar for its count."""
    biggest = max(
        (bars.at(i) for bars in series.barSets() for i in range(bars.count())), default=0
    )
    return max(4.0, biggest * 1.15)


def _style_axis(axis: Any, colours: dict[str, str]) -> None:
    axis.setLabelsFont(_font())
    axis.setLabelsColor(QColor(colours["ink"]))
    axis.setLinePen(QPen(QColor(colours["ink"])))
    axis.setGridLineColor(QColor(colours["grid"]))
    axis.setTruncateLabels(False)  # a long name wraps onto lines of its own (see wrapped)
