"""A custom period: "From" and "To" dates picked on a large calendar, then "Show".

The date fields and the calendar's buttons are at least 48 px; a period that ends before it
starts is refused with a sentence saying so, and nothing else changes.
"""

from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QTextCharFormat
from PySide6.QtWidgets import QCalendarWidget, QDateEdit, QLabel, QWidget

from ui.widgets.flow import FlowLayout
from ui.widgets.touch import GAP, MIN_TARGET, TouchButton

DATE_WIDTH = 230  # px: "30 Sept 2026" at the body size, and the calendar button
CALENDAR_SIZE = (480, 400)  # px: day cells of about 60 x 48


class DateField(QDateEdit):
    """A date field with a calendar that drops down, sized for a finger.

    The calendar (some thirty widgets) is made when first wanted, not with the field: the
    supervisor's figures open without waiting for two calendars nobody may open."""

    def __init__(self, shown: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("d MMM yyyy")
        self.setDate(QDate(shown.year, shown.month, shown.day))
        self.setMinimumSize(DATE_WIDTH, MIN_TARGET)
        self._calendar: QCalendarWidget | None = None

    def calendarWidget(self) -> QCalendarWidget:
        if self._calendar is None:
            self._calendar = _large_calendar()
            self.setCalendarWidget(self._calendar)
        return self._calendar

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.calendarWidget()  # before Qt drops down a calendar of its own
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.calendarWidget()
        super().keyPressEvent(event)


def _large_calendar() -> QCalendarWidget:
    calendar = QCalendarWidget()
    calendar.setMinimumSize(*CALENDAR_SIZE)
    calendar.setGridVisible(True)
    calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
    for weekend in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):  # Qt's red is under 4.5:1
        calendar.setWeekdayTextFormat(weekend, QTextCharFormat())
    return calendar


def picked(field: QDateEdit) -> date:
    chosen: date = field.date().toPython()  # type: ignore[assignment]
    return chosen


class CustomPeriod(QWidget):
    chosen = Signal(object, object)  # first, last: dates, first <= last
    refused = Signal(str)  # why the dates picked are not a period

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.from_label = QLabel()
        self.from_edit = DateField(today.replace(day=1))
        self.to_label = QLabel()
        self.to_edit = DateField(today)
        self.from_label.setBuddy(self.from_edit)
        self.to_label.setBuddy(self.to_edit)
        self.show_button = TouchButton()
        self.show_button.clicked.connect(self.show_period)
        row = FlowLayout(self, spacing=GAP)
        for widget in (self.from_label, self.from_edit, self.to_label, self.to_edit):
            row.add(widget)
        row.add(self.show_button)
        self.retranslate()

    def retranslate(self) -> None:
        for field in (self.from_edit, self.to_edit):
            field.setLocale(QLocale())  # "1 Rhag 2026" in Welsh
        self.from_label.setText(self.tr("From"))
        self.to_label.setText(self.tr("To"))
        self.from_edit.setAccessibleName(self.tr("From"))
        self.to_edit.setAccessibleName(self.tr("To"))
        self.show_button.setText(self.tr("Show"))
        self.show_button.setAccessibleDescription(
            self.tr("Show the figures from the From date to the To date")
        )

    def set_dates(self, first: date, last: date) -> None:
        """Show the period on screen now (chosen some other way) in the two fields."""
        self.from_edit.setDate(QDate(first.year, first.month, first.day))
        self.to_edit.setDate(QDate(last.year, last.month, last.day))

    def show_period(self) -> None:
        first, last = picked(self.from_edit), picked(self.to_edit)
        if last < first:
            self.refused.emit(
                self.tr(
                    "The To date ({last}) is before the From date ({first}): choose again."
                ).format(last=_long_date(self.to_edit), first=_long_date(self.from_edit))
            )
            return
        self.chosen.emit(first, last)


def _long_date(field: QDateEdit) -> str:
    return QLocale().toString(field.date(), "d MMMM yyyy")
