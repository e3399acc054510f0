"""A period as the months it covers (from the monthly counts) plus and less a few days (from
the daily ones), for the figures: every day of the period counted once, no other day, and
never more than half a month's days read at either end."""

from collections import Counter
from datetime import date, timedelta

import pytest

from kiosk.contacts.period import Period
from kiosk.hub.counted import split

D = date


@pytest.mark.parametrize(
    ("first", "last", "months", "days", "less"),
    [
        (D(2026, 11, 1), D(2026, 11, 30), ("2026-11", "2026-11"), (), ()),
        (D(2026, 1, 1), D(2026, 12, 31), ("2026-01", "2026-12"), (), ()),
        (D(2025, 12, 3), D(2026, 12, 2), ("2025-12", "2026-11"),  # a year to today
         ((D(2026, 12, 1), D(2026, 12, 2)),), ((D(2025, 12, 1), D(2025, 12, 2)),)),
        (D(2026, 11, 2), D(2026, 11, 30), ("2026-11", "2026-11"), (),
         ((D(2026, 11, 1), D(2026, 11, 1)),)),
        (D(2026, 11, 1), D(2026, 11, 29), ("2026-11", "2026-11"), (),
         ((D(2026, 11, 30), D(2026, 11, 30)),)),
        (D(2026, 11, 10), D(2026, 11, 25), ("2026-11", "2026-11"), (),
         ((D(2026, 11, 1), D(2026, 11, 9)), (D(2026, 11, 26), D(2026, 11, 30)))),
        (D(2026, 11, 10), D(2026, 11, 24), None, ((D(2026, 11, 10), D(2026, 11, 24)),), ()),
        (D(2026, 11, 15), D(2026, 12, 14), ("2026-11", "2026-11"),
         ((D(2026, 12, 1), D(2026, 12, 14)),), ((D(2026, 11, 1), D(2026, 11, 14)),)),
        (D(2026, 11, 16), D(2026, 12, 14), None,
         ((D(2026, 11, 16), D(2026, 11, 30)), (D(2026, 12, 1), D(2026, 12, 14))), ()),
        (D(2026, 11, 27), D(2026, 11, 27), None, ((D(2026, 11, 27), D(2026, 11, 27)),), ()),
        (D(2028, 2, 1), D(2028, 2, 29), ("2028-02", "2028-02"), (), ()),  # a leap February
        (D(2028, 2, 1), D(2028, 2, 28), ("2028-02", "2028-02"), (),
         ((D(2028, 2, 29), D(2028, 2, 29)),)),
        (D(2026, 12, 31), D(2027, 2, 1), ("2027-01", "2027-01"),
         ((D(2026, 12, 31), D(2026, 12, 31)), (D(2027, 2, 1), D(2027, 2, 1))), ()),
        (D(2000, 1, 1), D(2099, 12, 31), ("2000-01", "2099-12"), (), ()),
    ],
)  # fmt: skip
def test_a_period_is_months_plus_and_less_a_few_days(
    first: date,
    last: date,
    months: tuple[str, str] | None,
    days: tuple[tuple[date, date], ...],
    less: tuple[tuple[date, date], ...],
) -> None:
    parts = split(Period(first, last))
    assert (parts.months, parts.days, parts.less) == (months, days, less)
    counted: Counter[date] = Counter()
    if parts.months is not None:
        start = date.fromisoformat(f"{parts.months[0]}-01")
        end = _next_month(date.fromisoformat(f"{parts.months[1]}-01")) - timedelta(days=1)
        counted.update(_days(start, end))
    for start, end in parts.days:
        counted.update(_days(start, end))
    for start, end in parts.less:
        counted.subtract(_days(start, end))
    assert +counted == Counter(_days(first, last))  # each of its days once, no other day
    assert min(counted.values()) >= 0
    read = sum((end - start).days + 1 for start, end in parts.days + parts.less)
    assert read <= 2 * 16


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)
