"""When a contact happened, as staff type it or a council's spreadsheet holds it.

Read as UTC ``YYYY-MM-DDTHH:MM:SSZ`` and kept within what a contact log can hold: no earlier
than :data:`EARLIEST` (the kiosk's figures start long after; a year 1 or 1900 is a typing or
spreadsheet slip) and no later than now plus :data:`CLOCK_SKEW` (a contact cannot be logged
before it happened; a few minutes allow for a clock that runs fast).
"""

import re
from datetime import UTC, date, datetime, time, timedelta

EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
CLOCK_SKEW = timedelta(minutes=5)
FORMATS = "2026-11-20T10:15, or day first as 20/11/2026 10:15 or 20/11/2026"
# A day without a time is taken as midday: its UTC day is then the same day all year round
# (midnight in British Summer Time is 23:00 UTC the day before).
MIDDAY = time(12, 0)
_UK = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?\Z")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}\Z")
_LATEST_POSSIBLE = datetime.max.replace(tzinfo=UTC)


def to_utc(text: str, now: datetime | None = None) -> str:
    """``text`` (ISO, or a UK day/month/year) as UTC; a time with no zone is local time.

    Raises ValueError naming the value and the accepted forms, or the bounds it is outside.
    """
    return moment_to_utc(parse_moment(text), text, now)


def parse_moment(text: str) -> datetime:
    """The date and time ``text`` names, with its zone if it gives one."""
    cleaned = text.strip()
    uk = _UK.match(cleaned)
    try:
        if uk:
            day, month, year, hour, minute, second = (int(g or 0) for g in uk.groups())
            if uk.group(4) is None:
                return datetime.combine(date(year, month, day), MIDDAY)
            return datetime(year, month, day, hour, minute, second)
        if _ISO_DAY.match(cleaned):
            return datetime.combine(date.fromisoformat(cleaned), MIDDAY)
        return datetime.fromisoformat(cleaned)
    except ValueError:
        raise ValueError(f"'{text}' is not a date and time like {FORMATS}") from None


def moment_to_utc(moment: datetime, shown: str, now: datetime | None = None) -> str:
    """``moment`` (no zone: local time) as UTC, refused outside EARLIEST .. now + skew."""
    try:
        in_utc = (moment if moment.tzinfo else moment.astimezone()).astimezone(UTC)
    except (OverflowError, ValueError, OSError):  # beyond the years datetime can hold
        in_utc = datetime.min.replace(tzinfo=UTC) if moment.year < 2000 else _LATEST_POSSIBLE
    if in_utc < EARLIEST:
        raise ValueError(f"'{shown}' is before {EARLIEST:%Y-%m-%d}; no contact is that old")
    latest = (now or datetime.now(UTC)) + CLOCK_SKEW
    if in_utc > latest:
        raise ValueError(
            f"'{shown}' is in the future (this kiosk's clock says "
            f"{latest - CLOCK_SKEW:%Y-%m-%d %H:%M} UTC); check the date, or the kiosk's clock"
        )
    return in_utc.strftime("%Y-%m-%dT%H:%M:%SZ")
