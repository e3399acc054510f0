"""A period as the months it covers whole and the days left at either end, for the figures
to read from the monthly and the daily counts: every day once, none left out."""

from datetime import date, timedelta

import pytest

from kiosk.contacts.period import Period
from kiosk.hub.counted import split

D = date


@pytest.mark.parametrize(
    ("first", "last", "months", "days"),
    [
        (D(2026, 11, 1), D(2026, 11, 30), ("2026-11", "2026-11"), ()),
        (D(2026, 1, 1), D(2026, 12, 31), ("2026-01", "2026-12"), ()),
        (D(2025, 12, 3), D(2026, 12, 2), ("2026-01", "2026-11"),
         ((D(2025, 12, 3), D(2025, 12, 31)), (D(2026, 12, 1), D(2026, 12, 2)))),
        (D(2026, 11, 2), D(2026, 11, 30), None, ((D(2026, 11, 2), D(2026, 11, 30)),)),
        (D(2026, 11, 1), D(2026, 11, 29), None, ((D(2026, 11, 1), D(2026, 11, 29)),)),
        (D(2026, 11, 15), D(2026, 12, 14), None, ((D(2026, 11, 15), D(2026, 12, 14)),)),
        (D(2026, 11, 27), D(2026, 11, 27), None, ((D(2026, 11, 27), D(2026, 11, 27)),)),
        (D(2028, 2, 1), D(2028, 2, 29), ("2028-02", "2028-02"), ()),  # a leap year's February
        (D(2027, 2, 1), D(2027, 2, 28), ("2027-02", "2027-02"), ()),
        (D(2028, 2, 1), D(2028, 2, 28), None, ((D(2028, 2, 1), D(2028, 2, 28)),)),
        (D(2026, 12, 31), D(2027, 2, 1), ("2027-01", "2027-01"),
         ((D(2026, 12, 31), D(2026, 12, 31)), (D(2027, 2, 1), D(2027, 2, 1)))),
        (D(2000, 1, 1), D(2099, 12, 31), ("2000-01", "2099-12"), ()),
    ],
)  # fmt: skip
def test_a_period_is_its_whole_months_and_the_days_either_side(
    first: date, last: date, months: tuple[str, str] | None, days: tuple[tuple[date, date], ...]
) -> None:
    parts = split(Period(first, last))
    assert (parts.months, parts.days) == (months, days)
    covered = [day for start, end in parts.days for day in _days(start, end)]
    if parts.months is not None:
        covered += [
            d for d in _days(first, last) if parts.months[0] <= f"{d:%Y-%m}" <= parts.months[1]
        ]
    assert sorted(covered) == list(_days(first, last))  # each day once, none left out


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]
