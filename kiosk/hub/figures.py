"""Council-wide figures: the kiosk's report, summed over every kiosk's per-day counts.

The definitions are the kiosk's own (:func:`kiosk.contacts.report.report_from_counts`); only
where the counts come from differs: the hub's ``daily_counts``, which has the site and desk
in front (and, for the months a period covers whole, ``monthly_counts``). A figure reads those
counts, never ``contacts``, so it takes the same time over ten million contacts as over ten
thousand.
"""

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Connection,
    exists,
    func,
    literal,
    select,
    text,
)

from kiosk.config import Config
from kiosk.contacts.period import Period
from kiosk.contacts.report import Report, report_from_counts
from kiosk.errors import KioskError
from kiosk.hub.counted import counts_in
from kiosk.hub.page_counts import EVERY_CONTACT
from kiosk.hub.tables import daily_counts, kiosks

_counts = daily_counts.c


class UnknownSiteError(KioskError):
    """A site no kiosk of this hub has uploaded for or been added at."""


def hub_report(
    connection: Connection, period: Period, config: Config, site: str | None = None
) -> Report:
    """The report for ``period``, council-wide or for one ``site``, as ``kiosk report``
    would give it on a kiosk holding the same contacts."""
    if site is not None:
        check_site(connection, site)
    total = func.sum(_counts.n)
    held = counts_in(period, site)
    summed = func.sum(held.c.n)
    counted = (
        select(held.c.dimension, held.c.value, summed)
        .group_by(held.c.dimension, held.c.value)
        .having(summed != 0)
    )
    per_day = (
        select(_counts.day, total)
        .where(*_per_day_where(period, site, connection.dialect.name))
        .group_by(_counts.day)
        .having(total != 0)
        .order_by(_counts.day)
    )
    return report_from_counts(
        period,
        config,
        connection.execute(counted).all(),
        connection.execute(per_day).all(),
    )


# The counted sites, one index seek each (a loose index scan on the primary key, which starts
# with the site): SELECT DISTINCT would read every count row, 0.4 s for a council's year.
_COUNTED_SITES = text(
    "WITH RECURSIVE counted(site) AS ("
    " SELECT min(site) FROM daily_counts"
    " UNION ALL"
    " SELECT (SELECT min(site) FROM daily_counts WHERE site > counted.site) FROM counted"
    " WHERE counted.site IS NOT NULL"
    ") SELECT site FROM counted WHERE site IS NOT NULL"
)


def hub_sites(connection: Connection) -> list[str]:
    """Every site the hub knows: one with a kiosk added, or with contacts counted."""
    counted = connection.execute(_COUNTED_SITES).scalars()
    added = connection.execute(select(kiosks.c.site).distinct()).scalars()
    return sorted({*counted, *added})


def check_site(connection: Connection, site: str) -> None:
    """Raise :class:`UnknownSiteError`, naming the sites there are, unless ``site`` is one."""
    known = select(
        exists().where(kiosks.c.site == site) | exists().where(_counts.site == site)
    ).scalar_subquery()
    if connection.execute(select(literal(True)).where(known)).first() is not None:
        return
    sites = hub_sites(connection)
    listed = ", ".join(sites) if sites else "none yet (kiosk hub kiosk add --site SITE ...)"
    raise UnknownSiteError(f"--site: no kiosk of this hub is at '{site}'; its sites: {listed}")


def _per_day_where(period: Period, site: str | None, dialect: str) -> list[ColumnElement[bool]]:
    """Every contact's mode counted on the period's days (of ``site``)."""
    days = [_counts.day >= period.first.isoformat(), _counts.day <= period.last.isoformat()]
    mode: ColumnElement[bool] = _counts.dimension == EVERY_CONTACT
    if dialect == "sqlite":
        # Without statistics SQLite takes the day index and sorts a million rows (2.5 s for a
        # council's year); told the days select most rows, it reads daily_counts_by_value in
        # order, sorting nothing (0.35 s). PostgreSQL's planner has its statistics. For one
        # site, told the mode does too, it reads that site's counts (0.03 s, not 0.5).
        days = [func.likely(day, type_=Boolean) for day in days]
        if site is not None:
            mode = func.likely(mode, type_=Boolean)
    return [*days, mode] + ([_counts.site == site] if site is not None else [])
