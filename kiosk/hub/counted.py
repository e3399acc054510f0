"""The counts a period holds, read from as few rows as the hub keeps: its months from
``monthly_counts``, and from ``daily_counts`` the days at either end (or, for a month it
mostly covers, less the few days it leaves out).

``counts_in`` is a subquery of (site, desk, dimension, value, n) rows whose sums over any of
its columns are those of the daily counts over the period: the figures group and sum it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, Subquery, Table, and_, or_, select, union_all

from kiosk.contacts.period import Period
from kiosk.hub.tables import daily_counts, monthly_counts

_daily = daily_counts.c
_monthly = monthly_counts.c


@dataclass(frozen=True)
class Split:
    """A period as whole months (first and last ``YYYY-MM``, or None) plus the day ranges
    ``days`` and less the day ranges ``less``: a month the period covers mostly is read
    whole, less its few days outside the period, so no more than half a month's days are
    read at either end."""

    months: tuple[str, str] | None
    days: tuple[tuple[date, date], ...]
    less: tuple[tuple[date, date], ...] = ()


def split(period: Period) -> Split:
    months: list[str] = []
    days: list[tuple[date, date]] = []
    less: list[tuple[date, date]] = []
    month = period.first.replace(day=1)
    while month <= period.last:
        after = _next_month(month)
        first, last = max(period.first, month), min(period.last, after - timedelta(days=1))
        outside = [
            (a, b)
            for a, b in ((month, first - ONE_DAY), (last + ONE_DAY, after - ONE_DAY))
            if a <= b
        ]
        if sum((b - a).days + 1 for a, b in outside) < (last - first).days + 1:
            months.append(f"{month:%Y-%m}")
            less += outside
        else:
            days.append((first, last))
        month = after
    return Split((months[0], months[-1]) if months else None, tuple(days), tuple(less))


ONE_DAY = timedelta(days=1)


def _next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def counts_in(
    period: Period, site: str | None, dimensions: tuple[str, ...] | None = None
) -> Subquery:
    """(site, desk, dimension, value, n) rows summing to the period's daily counts, for
    ``site`` (else every site) and ``dimensions`` (else every dimension)."""
    parts = split(period)
    narrowed = _narrowed(site, dimensions)
    selects = [
        _daily_rows(parts.days, _daily.n, narrowed),
        _daily_rows(parts.less, -_daily.n, narrowed),
    ]
    if parts.months is not None:
        selects.append(
            select(
                _monthly.site, _monthly.desk, _monthly.dimension, _monthly.value, _monthly.n
            ).where(
                _monthly.month >= parts.months[0],
                _monthly.month <= parts.months[1],
                *narrowed(monthly_counts),
            )
        )
    chosen = [part for part in selects if part is not None]
    return (chosen[0] if len(chosen) == 1 else union_all(*chosen)).subquery("counted")


def _daily_rows(
    ranges: tuple[tuple[date, date], ...], n: ColumnElement[int], narrowed: "Narrowing"
) -> Select[Any] | None:
    """The daily counts of ``ranges`` (n or -n): a few days each, found by the day index."""
    if not ranges:
        return None
    days = [
        and_(_daily.day >= first.isoformat(), _daily.day <= last.isoformat())
        for first, last in ranges
    ]
    return select(_daily.site, _daily.desk, _daily.dimension, _daily.value, n.label("n")).where(
        or_(*days), *narrowed(daily_counts)
    )


Narrowing = Callable[[Table], list[ColumnElement[bool]]]


def _narrowed(site: str | None, dimensions: tuple[str, ...] | None) -> Narrowing:
    def where(table: Table) -> list[ColumnElement[bool]]:
        found = [] if site is None else [table.c.site == site]
        return found + ([] if dimensions is None else [table.c.dimension.in_(dimensions)])

    return where
