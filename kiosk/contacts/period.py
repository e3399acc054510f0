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
