"""The report as an A4 PDF a service manager can circulate, in RNIB Clear Print.

Embedded sans serif fonts only (never italic), body and tables at 12 pt, bold headings,
left aligned, dark text on white; chart labels at 10 pt. A footer on every page names the
council, the period, the day it was made and "page N of M".
"""

import io
import math
import textwrap
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from kiosk.contacts.labels import LABELS, LANGUAGES
from kiosk.contacts.report import Report, Saving, percent
from kiosk.errors import KioskError
from kiosk.files import atomic_file, remove_stale_partials
from kiosk.handouts.fonts import BOLD, REGULAR, register_fonts
from kiosk.handouts.styles import BRAND, INK, Styles, make_styles

WIDTH, HEIGHT = A4
MARGIN = 18 * mm
FOOTER = 16 * mm  # room under the frame for the two footer lines
FRAME_WIDTH = WIDTH - 2 * MARGIN
BODY_PT, CHART_PT, FOOTER_PT = 12.0, 10.0, 12.0
TOP_SERVICES = 10
TABLE_ROWS = 10  # more rows than this fold into "All others"
DAY_LABELS = 10  # at most this many day labels under the bar chart
TITLE_CHARS = 40  # service titles wrap at this width, on at most two lines
GRID = colors.HexColor("#b1b4b6")
BAR = BRAND


def report_pdf(
    report: Report,
    council_name: str,
    titles: dict[str, str],
    period_label: str,
    *,
    made: date | None = None,
) -> bytes:
    """The report as PDF bytes: built once to count the pages, then again with "of M"."""
    register_fonts()
    footer = (council_name, period_label, (made or date.today()).strftime("%-d %B %Y"))
    pages = _build(report, council_name, titles, period_label, footer, None)[1]
    return _build(report, council_name, titles, period_label, footer, pages)[0]


def write_pdf(data: bytes, target: Path, *, force: bool = False) -> None:
    """Write ``data`` to ``target`` whole or not at all; an existing file only with ``force``."""
    if target.exists() and not force:
        raise KioskError(f"{target} already exists; use --force to replace it")
    remove_stale_partials(target.parent)
    with atomic_file(target, "wb") as handle:
        handle.write(data)


def _build(
    report: Report,
    council: str,
    titles: dict[str, str],
    label: str,
    footer: tuple[str, str, str],
    pages: int | None,
) -> tuple[bytes, int]:
    output = io.BytesIO()
    document = BaseDocTemplate(
        output,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + FOOTER,
        title=f"Assisted-digital contacts, {label}",
        author=council,
        creator="assisted-digital-kiosk",
        initialFontName=REGULAR,
    )
    frame = Frame(
        MARGIN, MARGIN + FOOTER, FRAME_WIDTH, HEIGHT - 2 * MARGIN - FOOTER,
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
    )  # fmt: skip

    def on_page(canvas: Any, doc: Any) -> None:
        _footer(canvas, doc.page, pages, footer)

    document.addPageTemplates([PageTemplate(id="report", frames=[frame], onPage=on_page)])
    document.build(_story(report, council, titles, label))
    return output.getvalue(), document.page


def _footer(canvas: Any, page: int, pages: int | None, footer: tuple[str, str, str]) -> None:
    council, label, made = footer
    canvas.saveState()
    canvas.setFont(REGULAR, FOOTER_PT)
    canvas.setFillColor(INK)
    canvas.setStrokeColor(GRID)
    top = MARGIN + FOOTER - FOOTER_PT * 1.4
    canvas.line(MARGIN, top + FOOTER_PT * 1.1, WIDTH - MARGIN, top + FOOTER_PT * 1.1)
    canvas.drawString(MARGIN, top, f"{council}, {label}")
    canvas.drawString(MARGIN, top - FOOTER_PT * 1.3, f"Made {made}")
    canvas.drawRightString(
        WIDTH - MARGIN, top - FOOTER_PT * 1.3, f"Page {page} of {pages or page}"
    )
    canvas.restoreState()


def _story(report: Report, council: str, titles: dict[str, str], label: str) -> list[Flowable]:
    styles = make_styles(BODY_PT, 0.6)
    story: list[Flowable] = [
        Paragraph(_escape(council), styles.council),
        Paragraph("Assisted-digital contacts", styles.title),
        Paragraph(_escape(label), styles.heading),
        Paragraph(f"Total contacts: {report.total:,}", styles.strong),
    ]
    story += _take_up(report, styles)
    story += _saving(report.saving, styles)
    story += _section("Contacts per day", _day_chart(report), styles)
    story.append(_pair(report, ("mode", "Help given"), ("outcome", "Outcomes"), styles))
    services = _service_chart(report, titles) if report.by["service"] else None
    story += _section(
        f"Top {TOP_SERVICES} services", services or Paragraph("None recorded", styles.body), styles
    )
    story.append(_pair(report, ("barrier", "Barriers"), ("language", "Languages"), styles))
    story.append(Paragraph(
        "A contact can have more than one barrier, or none, so barrier shares need not add "
        "up to 100%.", styles.body,
    ))  # fmt: skip
    story.append(_pair(report, ("staff", "Staff codes"), None, styles))
    return story


def _take_up(report: Report, styles: Styles) -> list[Flowable]:
    done, answered, online = (
        report.completed_during_visit, report.answered_next_time, report.online_next_time
    )  # fmt: skip
    return [
        Paragraph("Digital take-up", styles.heading),
        Paragraph(
            f"Completed online during the visit: <b>{done:,}</b> "
            f"({percent(done, report.total)} of contacts)", styles.body,
        ),
        Paragraph(
            f"Could go online next time, alone or with help: <b>{online:,}</b> "
            f"({percent(online, answered)} of the {answered:,} who answered)", styles.body,
        ),
        Paragraph(
            f"Saved by the idle reset, not by staff: <b>{report.saved_by_idle_reset:,}</b> "
            f"({percent(report.saved_by_idle_reset, report.total)} of contacts; what they were "
            "not asked is counted as not recorded)", styles.body,
        ),
    ]  # fmt: skip


def _saving(saving: Saving | None, styles: Styles) -> list[Flowable]:
    heading = Paragraph("Estimated saving", styles.heading)
    if saving is None:
        return [
            heading,
            Paragraph("Not estimated: the council has not set its own unit costs.", styles.body),
        ]
    phone = f", phone £{saving.cost_phone:.2f}" if saving.cost_phone is not None else ""
    return [
        heading,
        Paragraph(
            f"<b>Estimated saving: £{saving.estimate:,.2f}</b> "
            "(an estimate, not a measured figure)", styles.body,
        ),
        Paragraph(
            f"How it was estimated: {saving.contacts_shifted:,} residents who could go online "
            f"next time × (face-to-face £{saving.cost_face_to_face:.2f} − web "  # noqa: RUF001
            f"£{saving.cost_web:.2f}).", styles.body,
        ),
        Paragraph(
            f"Unit costs used, the council's own from its configuration: face-to-face "
            f"£{saving.cost_face_to_face:.2f}, web £{saving.cost_web:.2f}{phone}.", styles.body,
        ),
    ]  # fmt: skip


def _section(title: str, body: Flowable, styles: Styles) -> list[Flowable]:
    return [KeepTogether([Paragraph(_escape(title), styles.heading), body])]


def _days(report: Report) -> list[date]:
    """Every day of the period, so days without contacts show as gaps."""
    first, _, last = report.period.partition(" to ")
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def _day_chart(report: Report) -> Drawing:
    days = _days(report)
    values = [report.by["day"].get(day.isoformat(), 0) for day in days]
    drawing = _drawing(52 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y = 12 * mm, 8 * mm
    chart.width, chart.height = FRAME_WIDTH - 20 * mm, 42 * mm
    chart.data = [values]
    chart.categoryAxis.categoryNames = _day_names(days)
    chart.categoryAxis.visibleTicks = False
    chart.categoryAxis.labels.boxAnchor = "n"
    chart.categoryAxis.labels.dy = -4
    _style_chart(chart, max(values, default=0))
    drawing.add(chart)
    return drawing


def _service_chart(report: Report, titles: dict[str, str]) -> Drawing:
    top = list(report.by["service"].items())[:TOP_SERVICES][::-1]  # largest drawn at the top
    row = 8.5 * mm
    drawing = _drawing(row * max(len(top), 1) + 10 * mm)
    chart = HorizontalBarChart()
    chart.x, chart.y = 80 * mm, 8 * mm
    chart.width, chart.height = FRAME_WIDTH - 92 * mm, row * max(len(top), 1)
    chart.data = [[count for _, count in top] or [0]]
    chart.categoryAxis.categoryNames = [_wrap(titles.get(k, k)) for k, _ in top] or [""]
    chart.categoryAxis.labels.leading = CHART_PT * 1.1
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.textAnchor = "end"
    chart.categoryAxis.labels.dx = -3
    chart.barLabelFormat = "{:,}".format
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    chart.barLabels.fontName, chart.barLabels.fontSize = REGULAR, CHART_PT
    chart.barLabels.fillColor = INK
    _style_chart(chart, max((c for _, c in top), default=0))
    drawing.add(chart)
    return drawing


def _style_chart(chart: Any, biggest: int) -> None:
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName, axis.labels.fontSize = REGULAR, CHART_PT
        axis.labels.fillColor = INK
        axis.strokeColor = INK
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = _nice(biggest)
    chart.valueAxis.valueStep = _nice(biggest) / 4
    chart.valueAxis.labelTextFormat = "{:,.0f}".format
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = GRID
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = None


def _nice(biggest: int) -> float:
    """A round axis top at or above ``biggest`` that divides into four round steps."""
    if biggest <= 0:
        return 4.0
    unit = 10 ** math.floor(math.log10(biggest))
    for factor in (1, 2, 4, 6, 8, 10):
        if factor * unit >= biggest:
            return float(factor * unit) if factor * unit >= 4 else 4.0
    return float(10 * unit)


def _wrap(title: str) -> str:
    lines = textwrap.wrap(title, TITLE_CHARS, max_lines=2, placeholder="…")
    return "\n".join(lines)


def _drawing(height: float) -> Drawing:
    """A chart's drawing, whose text starts in the embedded font (never reportlab's default)."""
    return Drawing(FRAME_WIDTH, height, initialFontName=REGULAR, initialFontSize=CHART_PT)


def _day_names(days: list[date]) -> list[str]:
    """Every day for a short period; else Mondays, every week or every few weeks."""
    if len(days) <= DAY_LABELS:
        return [day.strftime("%-d %b") for day in days]
    weeks = math.ceil(len(days) / 7 / DAY_LABELS)
    first_monday = next(day for day in days if day.weekday() == 0) if len(days) >= 7 else days[0]
    return [
        day.strftime("%-d %b") if (day - first_monday).days % (7 * weeks) == 0 else ""
        for day in days
    ]


def _pair(
    report: Report,
    left: tuple[str, str],
    right: tuple[str, str] | None,
    styles: Styles,
) -> Flowable:
    """Two breakdown tables side by side, each under its own heading."""
    half = FRAME_WIDTH / 2
    cells = [_breakdown(report, name, title, styles, half - 6 * mm) for name, title in
             [left] + ([right] if right else [])]  # fmt: skip
    outer = Table([cells + [""] * (2 - len(cells))], colWidths=[half, half])
    outer.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # else reportlab's default, Helvetica
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ]))  # fmt: skip
    return outer


def _breakdown(
    report: Report, name: str, title: str, styles: Styles, width: float
) -> list[Flowable]:
    rows = _rows(report.by.get(name, {}), name)
    header = ["", "Contacts", "Share"]
    body = [
        [Paragraph(_escape(label), styles.body), f"{count:,}", percent(count, report.total)]
        for label, count in rows
    ] or [[Paragraph("None recorded", styles.body), "", ""]]
    table = Table([header, *body], colWidths=[width - 46 * mm, 25 * mm, 21 * mm])
    table.setStyle(_table_style())
    return [Paragraph(_escape(title), styles.heading), table]


def _rows(counts: dict[str, int], name: str) -> Iterable[tuple[str, int]]:
    items = list(counts.items())
    shown = items if len(items) <= TABLE_ROWS else items[: TABLE_ROWS - 1]
    rows = [(_label(name, key), count) for key, count in shown]
    if len(shown) < len(items):
        rest = items[len(shown) :]
        rows.append((f"All others ({len(rest)})", sum(count for _, count in rest)))
    return rows


def _label(name: str, key: str) -> str:
    if name == "language":
        return f"{LANGUAGES[key]} ({key})" if key in LANGUAGES else key
    if name == "staff":
        return key
    return LABELS.get(key, key.replace("_", " ").capitalize())


def _table_style() -> TableStyle:
    return TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("FONTNAME", (0, 0), (-1, 0), BOLD),
        ("FONTSIZE", (0, 0), (-1, -1), BODY_PT),
        ("LEADING", (0, 0), (-1, -1), BODY_PT * 1.25),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 1, INK),
        ("LINEBELOW", (0, 1), (-1, -1), 0.5, GRID),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ])  # fmt: skip


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
