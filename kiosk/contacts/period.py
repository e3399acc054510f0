"""Periods of whole days, as the half-open UTC timestamp range the log is queried with."""

from dataclasses import dataclass
from datetime import date, timedelta

from kiosk.errors import KioskError

# No contact is recorded before 2000 (recorded_time.EARLIEST); the far end keeps a period's
# arithmetic (the day after its last) well inside the years datetime can hold.
FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2099, 12, 31)


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
        day = date.fromisoformat(text)
    except ValueError:
        raise KioskError(f"{what}: '{text}' is not a date like 2026-11-27") from None
    return _within_bounds(day, text, what)


def parse_month(text: str, what: str) -> Period:
    """``YYYY-MM`` as the Period of that whole calendar month."""
    try:
        first = date.fromisoformat(f"{text}-01") if len(text) == 7 else None
    except ValueError:
        first = None
    if first is None:
        raise KioskError(f"{what}: '{text}' is not a month like 2026-11")
    _within_bounds(first, text, what)
    following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    return Period(first, following - timedelta(days=1))


def period(first: str | None, last: str | None, today: date) -> Period:
    """``--from``/``--to`` as a Period; missing ends mean the last 30 days up to today."""
    end = parse_day(last, "--to") if last else today
    start = parse_day(first, "--from") if first else max(end - timedelta(days=29), FIRST_DAY)
    return Period(start, end)


def _within_bounds(day: date, text: str, what: str) -> date:
    if not FIRST_DAY <= day <= LAST_DAY:
        raise KioskError(
            f"{what}: '{text}' is outside the days a report or export can cover, "
            f"{FIRST_DAY} to {LAST_DAY} (no contact is recorded before {FIRST_DAY.year})"
        )
    return day
