"""Periods of whole days, as the half-open UTC timestamp range the log is queried with."""

from dataclasses import dataclass
from datetime import date, timedelta

from kiosk.errors import KioskError


@dataclass(frozen=True)
class Period:
    first: date
    last: date  # inclusive

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise KioskError(f"the period ends ({self.last}) before it starts ({self.first})")

    @property
    def start(self) -> str:
        return f"{self.first.isoformat()}T00:00:00Z"

    @property
    def end(self) -> str:
        return f"{(self.last + timedelta(days=1)).isoformat()}T00:00:00Z"

    def __str__(self) -> str:
        return f"{self.first} to {self.last}"


def is_whole_month(period: Period) -> bool:
    next_month = (period.first.replace(day=28) + timedelta(days=4)).replace(day=1)
    return period.first.day == 1 and period.last == next_month - timedelta(days=1)


def period_label(period: Period) -> str:
    """ "November 2026" for a whole calendar month, else "3 November 2026 to 9 December 2026"."""
    if is_whole_month(period):
        return period.first.strftime("%B %Y")
    return f"{_day(period.first)} to {_day(period.last)}"


def _day(day: date) -> str:
    return day.strftime("%-d %B %Y")


def parse_day(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise KioskError(f"{what}: '{text}' is not a date like 2026-11-27") from None


def period(first: str | None, last: str | None, today: date) -> Period:
    """``--from``/``--to`` as a Period; missing ends mean the last 30 days up to today."""
    end = parse_day(last, "--to") if last else today
    start = parse_day(first, "--from") if first else end - timedelta(days=29)
    return Period(start, end)
