"""Contact log: one durable record, and seeding a million demo contacts.

Budgets: recording one contact costs at most 1.3x a raw sqlite3 insert + commit of the same
row into the same table with the same pragmas (WAL, synchronous=FULL), measured in the same
run in the same folder, so the fsync both pay cancels out; seeding 1,000,000 demo contacts
takes well under a minute. ``build_million`` makes that store for the export and report
benchmarks.
"""

import collections
import sqlite3
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench import export_report_bench
from bench.timing import median, timings_ms, verdict
from kiosk.catalog import Catalog, load_catalog
from kiosk.contacts.contact import Contact
from kiosk.contacts.demo import demo_contacts, seed_demo
from kiosk.contacts.period import Period
from kiosk.contacts.store import _INSERT, ContactLog
from kiosk.resources import demo_catalog_dir

RECORDS = 500
MILLION = 1_000_000
DAYS = 365
SEED = 2026
NOW = datetime(2026, 11, 27, 17, 0, tzinfo=UTC)  # the million span the year before this
SITE, DESK = "main-office", "desk-1"


def build_million(folder: Path) -> Path:
    """A contact log in ``folder`` holding 1,000,000 demo contacts; returns its path."""
    log = ContactLog.in_data_dir(folder)
    try:
        seed_demo(log, _catalog(), MILLION, DAYS, SEED, site=SITE, desk=DESK, now=NOW)
    finally:
        log.close()
    return log.path


def run() -> None:
    with tempfile.TemporaryDirectory() as name:
        run_in(Path(name))


def run_in(folder: Path) -> Path:
    """Both benchmarks in ``folder``; returns the million-contact store's path, left there."""
    print("contact log (WAL, synchronous=FULL)")
    _bench_record(folder / "record")
    database = _bench_million(folder / "million")
    first = (NOW - timedelta(days=DAYS + 1)).date()
    export_report_bench.run(database, Period(first, NOW.date()))
    return database


def _bench_record(folder: Path) -> None:
    log = ContactLog.in_data_dir(folder)
    raw = _raw_twin(log, folder / "raw.db")
    version = _catalog().version
    record, floor = [], []
    for _ in range(RECORDS + 10):
        record += timings_ms(lambda: log.record(_contact(version)), 1)
        floor += timings_ms(lambda: _raw_insert(raw, version), 1)
    record, floor = record[10:], floor[10:]
    log.close()
    raw.close()
    ratio = median(record) / median(floor)
    print(
        f"  record one contact median {median(record):7.2f} ms   "
        f"(floor: raw sqlite3 insert + commit {median(floor):.2f} ms, ratio {ratio:.2f})   "
        f"budget ratio 1.3: {verdict(ratio <= 1.3)}"
    )


def _bench_million(folder: Path) -> Path:
    catalog = _catalog()
    start = time.perf_counter()
    rows = demo_contacts(catalog, MILLION, DAYS, SEED, site=SITE, desk=DESK, now=NOW)
    collections.deque(rows, maxlen=0)
    generate = time.perf_counter() - start
    start = time.perf_counter()
    path = build_million(folder)
    seconds = time.perf_counter() - start
    size = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
    print(
        f"  seed {MILLION:,} demo    {seconds:7.1f} s    "
        f"(generating the rows alone {generate:.1f} s; files {size:.0f} MB)   "
        f"budget 60 s: {verdict(seconds <= 60)}"
    )
    return path


def _catalog() -> Catalog:
    return load_catalog(demo_catalog_dir())


def _contact(version: str) -> Contact:
    return Contact(
        site=SITE,
        desk=DESK,
        staff="AB",
        service_id="pay-council-tax",
        lgsl=57,
        mode="showed_how",
        outcome="completed",
        catalog_version=version,
        barriers=("skills", "confidence"),
        language="en",
        handout=True,
        next_time_online="with_help",
        duration_s=420,
    )


def _raw_twin(log: ContactLog, path: Path) -> sqlite3.Connection:
    """A plain sqlite3 database with the log's table, indexes and pragmas, nothing else (no
    daily_counts, no counting triggers: what the log adds is what the ratio shows)."""
    schema = log.db.execute(
        "SELECT sql FROM sqlite_master WHERE tbl_name = 'contacts' AND sql IS NOT NULL "
        "AND type IN ('table', 'index') ORDER BY type DESC"
    ).fetchall()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    for (sql,) in schema:
        conn.execute(sql)
    return conn


def _raw_insert(conn: sqlite3.Connection, version: str) -> None:
    at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    row = (str(uuid.uuid4()), at, SITE, DESK, "AB", "pay-council-tax", 57, "showed_how",
           "completed", '["skills", "confidence"]', "en", 1, "with_help", None, 420, version,
           "kiosk", None)  # fmt: skip
    conn.execute(_INSERT, row)
    conn.commit()
