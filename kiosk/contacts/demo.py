"""Realistic synthetic contacts for demos, reports and benchmarks; codes only, like real ones.

Everything comes from one ``random.Random(seed)``, so a seed always gives the same rows (the
same ids too: seeding one log twice with one seed is refused as a duplicate). Times fall on
weekdays between 09:00 and 17:00 UTC, busiest late morning and after lunch, and come oldest
first, as a real log grows.
"""

import bisect
import itertools
import json
import math
import random
from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any

from kiosk.catalog.model import Catalog
from kiosk.contacts import codes
from kiosk.contacts.store import ContactLog, StoreError
from kiosk.errors import KioskError

Row = tuple[Any, ...]
Weights = Mapping[Any, float]

CHUNK = 50_000
SEED_CACHE_SIZE = -65_536  # KiB: the random ids' index stays in memory while seeding
OPEN_S, CLOSE_S, SLOT_S = 9 * 3600, 17 * 3600, 300
DAY_S = 86_400
WEEKDAY_WEIGHTS = (1.15, 1.05, 1.0, 1.0, 0.85)  # Monday to Friday
GENERAL_SHARE = 0.08
CATEGORY_WEIGHTS = {
    "council-tax": 24,
    "bins-recycling": 16,
    "roads-parking": 14,
    "benefits": 14,
    "housing": 9,
    "report-a-problem": 6,
    "social-care": 5,
    "libraries": 4,
    "elections": 4,
    "schools": 4,
}
OTHER_CATEGORY_WEIGHT = 3
SERVICE_BOOST = {
    "pay-council-tax": 3.0,
    "housing-benefit-council-tax-reduction": 2.0,
    "report-missed-bin": 2.0,
    "resident-parking-permit": 2.0,
    "bin-collection-day": 1.5,
    "pay-parking-fine": 1.5,
}
MODE_WEIGHTS = {
    "showed_how": 38,
    "did_together": 24,
    "handout_only": 14,
    "did_for_them": 14,
    "signposted": 10,
}
OUTCOME_BY_MODE = {
    "showed_how": {"completed": 45, "started": 20, "will_do_later": 30, "could_not_complete": 5},
    "did_together": {"completed": 70, "started": 15, "will_do_later": 8, "could_not_complete": 7},
    "did_for_them": {"completed": 86, "started": 7, "will_do_later": 2, "could_not_complete": 5},
    "handout_only": {"completed": 2, "started": 8, "will_do_later": 85, "could_not_complete": 5},
    "signposted": {"completed": 5, "started": 15, "will_do_later": 50, "could_not_complete": 30},
}
HANDOUT_BY_MODE = {
    "showed_how": 0.28,
    "did_together": 0.22,
    "did_for_them": 0.15,
    "handout_only": 1.0,
    "signposted": 0.35,
}
NEXT_TIME_ONLINE = {"yes": 40, "with_help": 32, "no": 7, "unsure": 9, None: 12}
NEXT_TIME_ONLINE_DONE_FOR = {"yes": 12, "with_help": 40, "no": 25, "unsure": 13, None: 10}
REFERRAL = {None: 93, "digital_skills": 3, "device_loan": 1, "data_bank": 1, "library_pcs": 2}
REFERRAL_SIGNPOSTED = {
    None: 20,
    "other_service": 32,
    "digital_skills": 20,
    "library_pcs": 12,
    "device_loan": 9,
    "data_bank": 7,
}
BARRIER_COUNT = (38, 34, 20, 8)  # none, one, two, three
BARRIER_WEIGHTS = {
    "skills": 35,
    "confidence": 28,
    "access": 14,
    "trust": 10,
    "accessibility": 7,
    "language": 6,
}
LANGUAGES = {"en": 86, "cy": 9, "pl": 2.5, "ur": 1.25, "ar": 1.25}
STAFF = {"AB": 30, "CD": 25, "EF": 20, "GH": 15, "JK": 10}
DURATIONS = 4096  # size of the pre-drawn table of skewed durations


class DemoError(KioskError):
    """The demo contacts asked for cannot be made."""


def demo_contacts(
    catalog: Catalog,
    count: int,
    days: int,
    seed: int,
    *,
    site: str,
    desk: str,
    now: datetime | None = None,
) -> Iterator[Row]:
    """``count`` raw rows (in ``codes.COLUMNS`` order) over the ``days`` days before ``now``."""
    rng = random.Random(seed)
    end = int((now or datetime.now(UTC)).timestamp())
    slots, cumulative = _time_table(end - days * DAY_S, end)
    if count > 0 and not slots:
        raise DemoError(f"no weekday between 09:00 and 17:00 UTC in the last {days} day(s)")
    tables = _Tables(catalog, rng)
    stamps = _stamps(rng, slots, cumulative, count)
    fixed = (site, desk, catalog.version)
    for start in range(0, count, CHUNK):
        chunk = list(itertools.islice(stamps, min(CHUNK, count - start)))
        yield from _chunk(rng, tables, chunk, fixed)


def seed_demo(
    log: ContactLog,
    catalog: Catalog,
    count: int,
    days: int,
    seed: int,
    *,
    site: str,
    desk: str,
    now: datetime | None = None,
) -> int:
    """Write ``count`` demo contacts and their daily counts to ``log``, all or none."""
    rows = demo_contacts(catalog, count, days, seed, site=site, desk=desk, now=now)
    first = next(rows, None)
    if first is None:
        return 0
    if log.conn.execute("SELECT 1 FROM contacts WHERE id = ?", [first[0]]).fetchone():
        raise StoreError(
            f"demo not written: seed {seed} was used on this log already (its ids repeat), "
            "choose another seed"
        )
    conn = log.conn
    cache_size = int(conn.execute("PRAGMA cache_size").fetchone()[0])
    conn.execute(f"PRAGMA cache_size = {SEED_CACHE_SIZE}")
    try:
        return log.insert_rows(itertools.chain([first], rows))
    finally:
        conn.execute(f"PRAGMA cache_size = {cache_size}")


class _Tables:
    """Weighted choice tables, built once per run: (population, cumulative weights)."""

    def __init__(self, catalog: Catalog, rng: random.Random) -> None:
        self.services = _cumulative(_service_weights(catalog))
        self.profiles = _cumulative(_profile_weights())
        self.barriers = _cumulative(_barrier_weights())
        self.languages = _cumulative(LANGUAGES)
        self.staff = _cumulative(STAFF)
        self.durations = [_duration(rng) for _ in range(DURATIONS)]


def _chunk(
    rng: random.Random, t: _Tables, stamps: list[str], fixed: tuple[str, str, str]
) -> Iterator[Row]:
    site, desk, version = fixed
    n = len(stamps)
    columns = zip(
        _uuids(rng, n),
        stamps,
        rng.choices(t.staff[0], cum_weights=t.staff[1], k=n),
        rng.choices(t.services[0], cum_weights=t.services[1], k=n),
        rng.choices(t.profiles[0], cum_weights=t.profiles[1], k=n),
        rng.choices(t.barriers[0], cum_weights=t.barriers[1], k=n),
        rng.choices(t.languages[0], cum_weights=t.languages[1], k=n),
        rng.choices(t.durations, k=n),
        strict=True,
    )
    for uid, at, staff, (sid, lgsl), p, barriers, lang, dur in columns:
        yield (uid, at, site, desk, staff, sid, lgsl, p[0], p[1], barriers, lang, p[2], p[3],
               p[4], dur, version, "demo", None)  # fmt: skip


def _stamps(
    rng: random.Random, slots: list[tuple[str, int, int]], cumulative: list[float], count: int
) -> Iterator[str]:
    """``count`` times drawn from the slots' weights, oldest first, as a real log grows.

    Sorted uniforms are made one at a time (each the next order statistic), so nothing is
    held or sorted in memory.
    """
    tod, total, last = _time_of_day(), cumulative[-1], len(slots) - 1
    u, i = 0.0, 0
    for remaining in range(count, 0, -1):
        u = 1 - (1 - u) * rng.random() ** (1 / remaining)
        target = u * total
        i = min(bisect.bisect_right(cumulative, target, i), last)
        day, offset, width = slots[i]
        low = cumulative[i - 1] if i else 0.0
        second = int((target - low) / (cumulative[i] - low) * width)
        yield day + tod[offset + min(max(second, 0), width - 1)]


def _uuids(rng: random.Random, n: int) -> list[str]:
    """``n`` random version-4 UUID strings, made from one block of random bytes."""
    digits = rng.randbytes(16 * n).hex()
    variant = {c: "89ab"[int(c, 16) & 3] for c in "0123456789abcdef"}
    return [
        f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{variant[h[16]]}{h[17:20]}-{h[20:]}"
        for h in (digits[i : i + 32] for i in range(0, 32 * n, 32))
    ]


@cache
def _time_of_day() -> tuple[str, ...]:
    """``HH:MM:SSZ`` for each second after opening, indexed by seconds since opening."""
    return tuple(
        f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}Z" for s in range(OPEN_S, CLOSE_S)
    )


def _time_table(start: int, end: int) -> tuple[list[tuple[str, int, int]], list[float]]:
    """Five-minute opening-hours slots in [start, end): (day prefix, offset, seconds) each."""
    slots: list[tuple[str, int, int]] = []
    weights: list[float] = []
    first = datetime.fromtimestamp(start, UTC).date()
    for n in range((datetime.fromtimestamp(end, UTC).date() - first).days + 1):
        day = first + timedelta(days=n)
        if day.weekday() >= len(WEEKDAY_WEIGHTS):
            continue
        midnight = int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())
        for slot in range(OPEN_S, CLOSE_S, SLOT_S):
            low = max(midnight + slot, start)
            high = min(midnight + slot + SLOT_S, end)
            if high > low:
                slots.append((f"{day.isoformat()}T", low - midnight - OPEN_S, high - low))
                weights.append(_busyness(day, slot + SLOT_S / 2) * (high - low))
    return slots, list(itertools.accumulate(weights))


def _busyness(day: date, second: float) -> float:
    hour = second / 3600
    late_morning = math.exp(-(((hour - 11.0) / 1.1) ** 2))
    after_lunch = 0.85 * math.exp(-(((hour - 14.25) / 1.0) ** 2))
    return WEEKDAY_WEIGHTS[day.weekday()] * (0.35 + late_morning + after_lunch)


def _service_weights(catalog: Catalog) -> dict[tuple[str, int | None], float]:
    per_category: dict[str, int] = {}
    for service in catalog.services.values():
        per_category[service.category] = per_category.get(service.category, 0) + 1
    weights: dict[tuple[str, int | None], float] = {}
    for sid in sorted(catalog.services):
        service = catalog.services[sid]
        share = CATEGORY_WEIGHTS.get(service.category, OTHER_CATEGORY_WEIGHT)
        boost = SERVICE_BOOST.get(sid, 1.0)
        weights[(sid, service.lgsl)] = share * boost / per_category[service.category]
    total = sum(weights.values())
    weights[(codes.GENERAL, None)] = total * GENERAL_SHARE / (1 - GENERAL_SHARE)
    return weights


def _profile_weights() -> dict[tuple[str, str, int, str | None, str | None], float]:
    """Mode with the fields that depend on it: outcome, handout, next time online, referral."""
    weights = {}
    for mode, mode_weight in MODE_WEIGHTS.items():
        handout = {1: HANDOUT_BY_MODE[mode], 0: 1 - HANDOUT_BY_MODE[mode]}
        online = NEXT_TIME_ONLINE_DONE_FOR if mode == "did_for_them" else NEXT_TIME_ONLINE
        referral = REFERRAL_SIGNPOSTED if mode == "signposted" else REFERRAL
        for (o, wo), (h, wh), (n, wn), (r, wr) in itertools.product(
            _share(OUTCOME_BY_MODE[mode]), _share(handout), _share(online), _share(referral)
        ):
            if wh > 0:
                weights[(mode, o, h, n, r)] = mode_weight * wo * wh * wn * wr
    return weights


def _barrier_weights() -> dict[str, float]:
    """Each set of 0-3 barriers as its JSON text, weighted by size and by barrier."""
    weights: dict[str, float] = {}
    for size, size_weight in enumerate(BARRIER_COUNT):
        sets = list(itertools.combinations(codes.BARRIERS, size))
        products = [math.prod(BARRIER_WEIGHTS[b] for b in s) for s in sets]
        for barriers, product in zip(sets, products, strict=True):
            weights[json.dumps(list(barriers))] = size_weight * product / sum(products)
    return weights


def _share(weights: Weights) -> list[tuple[Any, float]]:
    total = sum(weights.values())
    return [(value, weight / total) for value, weight in weights.items()]


def _cumulative(weights: Weights) -> tuple[list[Any], list[float]]:
    return list(weights), list(itertools.accumulate(weights.values()))


def _duration(rng: random.Random) -> int:
    """Seconds at the desk: mostly 4-10 minutes, a long tail to 25."""
    return min(1500, 120 + round(rng.lognormvariate(math.log(300), 0.6)))
