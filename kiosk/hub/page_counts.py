"""The few counts the pages show beside the report: contacts per site, per desk, by the
resident's answer about next time and (where the hub counts them) handouts and referrals,
from the hub's per-day and per-month counts (never the contacts)."""

from sqlalchemy import ColumnElement, Connection, func, select

from kiosk.contacts.period import Period
from kiosk.hub.counted import counts_in
from kiosk.hub.tables import daily_counts

_counts = daily_counts.c
EVERY_CONTACT = "mode"  # every contact has exactly one mode: summing it counts contacts
BY_VALUE = ("next_time_online", "handout", "referral")  # shown when counted


def held_per_kiosk(connection: Connection) -> dict[tuple[str, str], int]:
    """(site, desk) -> every contact the hub holds for it."""
    rows = connection.execute(
        select(_counts.site, _counts.desk, func.sum(_counts.n))
        .where(_counts.dimension == EVERY_CONTACT)
        .group_by(_counts.site, _counts.desk)
    )
    return {(site, desk): int(n) for site, desk, n in rows}


def place_breakdowns(
    connection: Connection, period: Period, site: str | None
) -> dict[str, dict[str, int]]:
    """``site``, ``desk`` (as SITE/DESK) and each of ``BY_VALUE`` counted, largest first."""
    every = counts_in(period, site, (EVERY_CONTACT,))
    total = func.sum(every.c.n)
    per_desk = connection.execute(
        select(every.c.site, every.c.desk, total)
        .group_by(every.c.site, every.c.desk)
        .having(total != 0)
    ).all()
    # The answers are a few rows a day, read in daily_counts_by_value's order: their days
    # are summed as they are, whole months and all.
    days = [_counts.day >= period.first.isoformat(), _counts.day <= period.last.isoformat()]
    total = func.sum(_counts.n)
    answers = connection.execute(
        select(_counts.dimension, _counts.value, total)
        .where(*days, _counts.dimension.in_(BY_VALUE), *_of_site(site))
        .group_by(_counts.dimension, _counts.value)
        .having(total != 0)
    ).all()
    by_site: dict[str, int] = {}
    for row_site, _, n in per_desk:
        by_site[row_site] = by_site.get(row_site, 0) + int(n)
    by_value: dict[str, dict[str, int]] = {}
    for dimension, value, n in answers:
        by_value.setdefault(dimension, {})[value] = int(n)
    return {
        "site": _ranked(by_site),
        "desk": _ranked({f"{s}/{d}": int(n) for s, d, n in per_desk}),
        **{
            dimension: _ranked(by_value[dimension])
            for dimension in BY_VALUE
            if dimension in by_value
        },
    }


def _of_site(site: str | None) -> list[ColumnElement[bool]]:
    return [] if site is None else [_counts.site == site]


def _ranked(counts: dict[str, int]) -> dict[str, int]:
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
