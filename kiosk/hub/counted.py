"""The counts a period holds, read from as few rows as the hub keeps: the months it covers
whole from ``monthly_counts``, the days at either end from ``daily_counts``.

``counts_in`` is a subquery of (site, desk, dimension, value, n) rows whose sums over any of
its columns are those of the daily counts over the period: the figures group and sum it.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Subquery,
    Table,
    and_,
    false,
    func,
    or_,
    select,
    union_all,
)

from kiosk.contacts.period import Period
from kiosk.hub.tables import daily_counts, monthly_counts

_daily = daily_counts.c
_monthly = monthly_counts.c


@dataclass(frozen=True)
class Split:
    """A period as its whole months (first and last ``YYYY-MM``, or None) and the day
    ranges left over at either end."""

    months: tuple[str, str] | None
    days: tuple[tuple[date, date], ...]


def split(period: Period) -> Split:
    first_whole = period.first if period.first.day == 1 else _next_month(period.first)
    end = period.last
    after_whole = _next_month(end) if _is_month_end(end) else end.replace(day=1)
    if first_whole >= after_whole:
        return Split(None, ((period.first, period.last),))
    last_whole = after_whole - timedelta(days=1)
    days = []
    if period.first < first_whole:
        days.append((period.first, first_whole - timedelta(days=1)))
    if last_whole < period.last:
        days.append((after_whole, period.last))
    return Split((first_whole.strftime("%Y-%m"), last_whole.strftime("%Y-%m")), tuple(days))


def _next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def _is_month_end(day: date) -> bool:
    return (day + timedelta(days=1)).day == 1


def counts_in(
    period: Period,
    site: str | None,
    dimensions: tuple[str, ...] | None = None,
    *,
    dialect: str,
) -> Subquery:
    """(site, desk, dimension, value, n) rows summing to the period's daily counts, for
    ``site`` (else every site) and ``dimensions`` (else every dimension)."""
    parts = split(period)
    daily = select(_daily.site, _daily.desk, _daily.dimension, _daily.value, _daily.n).where(
        or_(*(_days(first, last, dialect, parts.months is None) for first, last in parts.days))
        if parts.days
        else false(),
        *_narrowed(daily_counts, site, dimensions),
    )
    if parts.months is None:
        return daily.subquery("counted")
    monthly = select(
        _monthly.site, _monthly.desk, _monthly.dimension, _monthly.value, _monthly.n
    ).where(
        _monthly.month >= parts.months[0],
        _monthly.month <= parts.months[1],
        *_narrowed(monthly_counts, site, dimensions),
    )
    if not parts.days:
        return monthly.subquery("counted")
    return union_all(daily, monthly).subquery("counted")


def _days(first: date, last: date, dialect: str, most: bool) -> ColumnElement[bool]:
    days = [_daily.day >= first.isoformat(), _daily.day <= last.isoformat()]
    if dialect == "sqlite" and most:
        # Without statistics SQLite takes the day index and sorts a million rows (2.5 s for a
        # council's year); told the days select most rows, it reads daily_counts_by_value in
        # order, sorting nothing (0.35 s). PostgreSQL's planner has its statistics.
        days = [func.likely(day, type_=Boolean) for day in days]
    return and_(*days)


def _narrowed(
    table: Table, site: str | None, dimensions: tuple[str, ...] | None
) -> list[ColumnElement[bool]]:
    where = []
    if site is not None:
        where.append(table.c.site == site)
    if dimensions is not None:
        where.append(table.c.dimension.in_(dimensions))
    return where
