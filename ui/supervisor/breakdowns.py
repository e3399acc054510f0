"""One breakdown of a period's contacts (help given, outcomes, ...): a bar chart and a table.

The chart shows each count on its bar; the table beside it gives the same counts with their
share of all contacts, as text a screen reader reads and staff can copy out.
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.contacts.labels import LABELS, LANGUAGES
from kiosk.contacts.report import Report, percent
from ui.code_labels import code_label
from ui.supervisor.charts import chart_view, draw_rows, horizontal_height
from ui.widgets.touch import GAP

BREAKDOWNS = ("mode", "outcome", "barrier", "language", "staff")


def labelled_rows(name: str, report: Report) -> list[tuple[str, int]]:
    """The breakdown's (label, count) pairs, largest first, in the words staff log them with."""
    rows = []
    for key, count in report.by.get(name, {}).items():
        if name == "language":
            label = f"{LANGUAGES[key]} ({key})" if key in LANGUAGES else key
        elif name == "staff":
            label = key
        else:
            label = code_label(key) or LABELS.get(key, key.replace("_", " ").capitalize())
        rows.append((label, count))
    return rows


class Breakdown(QWidget):
    def __init__(self, colours: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(objectName="heading")
        self.chart = chart_view(horizontal_height(2), colours)
        self.table = _table()
        row = QHBoxLayout()
        row.setSpacing(3 * GAP)
        row.addWidget(self.chart, 3)
        row.addWidget(self.table, 2, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(GAP)
        layout.addWidget(self.heading)
        layout.addLayout(row)

    def fill(
        self,
        heading: str,
        contacts: str,
        rows: list[tuple[str, int]],
        total: int,
        colours: dict[str, str],
    ) -> None:
        """Draw ``rows`` (label, count) under ``heading``; ``contacts`` heads the count column."""
        self.heading.setText(heading)
        draw_rows(self.chart, rows, colours)
        self.chart.setAccessibleName(heading)
        self.chart.setAccessibleDescription(
            "; ".join(f"{label}: {count:,}" for label, count in rows)
        )
        _fill(self.table, [heading, contacts, "%"], rows, total)


def _table() -> QTableWidget:
    table = QTableWidget(0, 3)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.verticalHeader().hide()
    table.setShowGrid(False)
    table.setStyleSheet("QTableWidget::item { padding: 0 8px; }")
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in (1, 2):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    table.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # drags scroll the page
    return table


def _fill(
    table: QTableWidget, heading: list[str], rows: list[tuple[str, int]], total: int
) -> None:
    table.setHorizontalHeaderLabels(heading)
    table.setRowCount(len(rows))
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    for row, (label, count) in enumerate(rows):
        cells = [QTableWidgetItem(label), QTableWidgetItem(f"{count:,}")]
        cells.append(QTableWidgetItem(percent(count, total)))
        for column, cell in enumerate(cells):
            if column:
                cell.setTextAlignment(right)
            table.setItem(row, column, cell)
    table.resizeRowsToContents()
    height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
    height += sum(table.rowHeight(row) for row in range(len(rows)))
    table.setFixedHeight(height)
