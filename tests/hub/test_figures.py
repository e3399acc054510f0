"""The hub's figures are the kiosk's: same contacts, same report and export, byte for byte.

Two kiosk logs (all the contacts; one site's) and one hub holding the same contacts, put in
by the hub's own ingest; then the real ``kiosk report``/``export`` against the real
``kiosk hub report``/``export``, as subprocesses.
"""

import itertools
import json
import random
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import Engine, event

from kiosk.catalog.loader import load_catalog
from kiosk.config import load_config
from kiosk.contacts import codes
from kiosk.contacts.contact import Contact
from kiosk.contacts.counts import DIMENSIONS
from kiosk.contacts.export import export as kiosk_export
from kiosk.contacts.period import Period
from kiosk.contacts.store import ContactLog
from kiosk.hub.database import migrate, open_engine
from kiosk.hub.export import write_export
from kiosk.hub.figures import hub_report, hub_sites
from kiosk.hub.ingest import recount_months, store_contacts
from kiosk.resources import demo_catalog_dir
from tests.hub.postgres import postgres_server  # noqa: F401 (a fixture)
from tests.hub.serving import ServedHub

KIOSK = Path(sys.executable).with_name("kiosk")
DATABASES = ["sqlite", "postgresql"]
RECEIVED = "2026-09-01T08:00:00Z"  # when the hub received them: the kiosks' uploaded_at
SITES = ("CIVIC", "LIB-NORTH")
DESKS = ("D1", "D2", "D3")
SOURCES = {"kiosk": 70, "idle_reset": 10, "manual": 10, "import": 10}
FIRST = datetime(2026, 5, 1, tzinfo=UTC)
SPAN_S = 123 * 86_400  # May to August, across the clocks' summer time
MIDNIGHT_IN_SUMMER = "2026-07-01T23:30:00Z"  # 00:30 on 2 July in the UK
COUNT = 3000
PERIODS = [
    ["--from", "2026-05-01", "--to", "2026-08-31"],
    ["--month", "2026-07"],
    ["--from", "2026-06-15", "--to", "2026-06-15"],
    ["--from", "2026-07-02", "--to", "2026-07-02"],
    ["--from", "2020-01-01", "--to", "2026-12-31"],
    [],  # the last 30 days: none
]


@dataclass(frozen=True)
class Setting:
    everything: Path  # a kiosk's data folder holding every contact
    civic: Path  # one holding only CIVIC's
    hub: str  # the hub's database URL
    contacts: tuple[Contact, ...]


def varied_contacts(count: int, seed: int = 15) -> list[Contact]:
    """``count`` real (not demo) contacts over every code, two sites, several desks and
    four months, from one seeded generator."""
    rng = random.Random(seed)
    catalog = load_catalog(demo_catalog_dir())
    services = [(codes.GENERAL, None)] + [(s.id, s.lgsl) for s in catalog.services.values()]
    made = [_contact(rng, services, catalog.version) for _ in range(count - 1)]
    made.append(_contact(rng, services, catalog.version, MIDNIGHT_IN_SUMMER))
    return made


def _contact(
    rng: random.Random, services: list[Any], version: str, at: str | None = None
) -> Contact:
    service_id, lgsl = rng.choice(services)
    source = rng.choices(list(SOURCES), weights=list(SOURCES.values()))[0]
    untouched = source == "idle_reset" and rng.random() < 0.5
    stamp = FIRST + timedelta(seconds=rng.randrange(SPAN_S))
    return Contact(
        site=rng.choice(SITES),
        desk=rng.choice(DESKS),
        staff=rng.choice(["AB", "CD", "EFG", "1234", "unsigned"]),
        service_id=service_id,
        lgsl=lgsl,
        mode=codes.NOT_RECORDED if untouched else rng.choice(codes.MODES_TO_TAP),
        outcome=codes.NOT_RECORDED if untouched else rng.choice(codes.OUTCOMES_TO_TAP),
        catalog_version=version,
        barriers=tuple(rng.sample(codes.BARRIERS, rng.choice([0, 0, 1, 1, 2, 3]))),
        language=rng.choice(["en", "cy", "pl", "ur"]),
        handout=rng.random() < 0.3,
        next_time_online=rng.choice([*codes.NEXT_TIME_ONLINE, None]),
        referral=rng.choice([*codes.REFERRALS, None, None, None]),
        duration_s=rng.choice([None, rng.randrange(30, 3600)]),
        source=source,
        recorded_at=at or stamp.strftime("%Y-%m-%dT%H:%M:%SZ"),
        id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        uploaded_at=RECEIVED,
    )


def _kiosk_log(folder: Path, contacts: list[Contact]) -> Path:
    folder.mkdir(parents=True)
    log = ContactLog.in_data_dir(folder)
    log.record_many(contacts)
    log.close()
    return folder


def _demo(contact: Contact) -> dict[str, Any]:
    """The same contact again as a demo one (another id): the hub must keep it apart."""
    return contact.row() | {"id": f"demo-{contact.id[:20]}", "source": "demo"}


def _hub_url(request: pytest.FixtureRequest, root: Path) -> str:
    """A new, empty hub database of the kind the test is parametrized with."""
    if request.param == "sqlite":
        return f"sqlite:///{root / 'hub.db'}"
    return str(request.getfixturevalue("postgres_server").create_database())


@pytest.fixture(scope="module", params=DATABASES)
def setting(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Setting:
    root = tmp_path_factory.mktemp("figures")
    made = varied_contacts(COUNT)
    everything = _kiosk_log(root / "everything", made)
    civic = _kiosk_log(root / "civic", [c for c in made if c.site == "CIVIC"])
    url = _hub_url(request, root)
    engine = open_engine(url)
    migrate(engine)
    rows = [c.row() for c in made]
    with engine.begin() as connection:  # in three batches, one sent twice, and demo ones
        for batch in (rows[:1000], rows[1000:2000], rows[500:1500], rows[2000:]):
            store_contacts(connection, batch, RECEIVED)
        store_contacts(connection, [_demo(c) for c in made[:300]], RECEIVED)
    engine.dispose()
    return Setting(everything, civic, url, tuple(made))


def kiosk(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(KIOSK), "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def hub(setting: Setting, *args: str) -> subprocess.CompletedProcess[str]:
    command, *rest = args
    return kiosk(setting.everything, "hub", command, "--database", setting.hub, *rest)


def ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("period", PERIODS, ids=lambda p: " ".join(p) or "default")
def test_hub_report_is_the_kiosks(setting: Setting, period: list[str]) -> None:
    for fmt in ("json", "text"):
        expected = ok(kiosk(setting.everything, "report", *period, "--format", fmt))
        assert ok(hub(setting, "report", *period, "--format", fmt)) == expected


@pytest.mark.parametrize("period", PERIODS[:3], ids=lambda p: " ".join(p))
def test_one_sites_report_is_that_sites_kiosks(setting: Setting, period: list[str]) -> None:
    expected = ok(kiosk(setting.civic, "report", *period, "--format", "json"))
    assert ok(hub(setting, "report", *period, "--site", "CIVIC", "--format", "json")) == expected
    assert json.loads(expected)["total"] > 0 or not period


def test_the_figures_count_every_contact_once_and_no_demo_one(setting: Setting) -> None:
    report = json.loads(ok(hub(setting, "report", *PERIODS[0], "--format", "json")))
    assert report["total"] == COUNT
    assert "demo" not in report["by"]
    assert report["saved_by_idle_reset"] == sum(c.source == "idle_reset" for c in setting.contacts)


@pytest.mark.parametrize(
    ("period", "site"),
    [
        (PERIODS[0], None),
        (["--from", "2026-07-01", "--to", "2026-07-31"], None),
        (PERIODS[0], "CIVIC"),
        (PERIODS[2], "CIVIC"),
    ],
)
def test_hub_csv_is_the_kiosks_byte_for_byte(
    setting: Setting, tmp_path: Path, period: list[str], site: str | None
) -> None:
    kiosk_dir = setting.civic if site else setting.everything
    ok(kiosk(kiosk_dir, "export", *period, "-o", str(tmp_path / "kiosk.csv")))
    where = ["--site", site] if site else []
    said = ok(hub(setting, "export", *period, *where, "-o", str(tmp_path / "hub.csv")))
    expected = (tmp_path / "kiosk.csv").read_bytes()
    assert (tmp_path / "hub.csv").read_bytes() == expected
    assert expected.startswith(b"\xef\xbb\xbfid,recorded_at,")
    lines = expected.count(b"\r\n")
    assert said.startswith(f"exported {lines - 1} contact(s)")


def test_hostile_titles_are_neutralised_as_the_kiosk_does(
    setting: Setting, tmp_path: Path
) -> None:
    hostile = {sid: f"{start}cmd|' /C calc'!A0" for sid, start in zip(
        sorted({c.service_id for c in setting.contacts}), "=+-@\t\r=+-@\t\r" * 20, strict=False
    )}  # fmt: skip
    period = Period(date(2026, 5, 1), date(2026, 8, 31))
    log = ContactLog.in_data_dir(setting.everything)
    try:
        kiosk_export(log, period, tmp_path / "kiosk.csv", hostile)
    finally:
        log.close()
    engine = open_engine(setting.hub)
    with engine.begin() as connection:
        write_export(connection, period, tmp_path / "hub.csv", hostile, "csv")
    engine.dispose()
    written = (tmp_path / "hub.csv").read_bytes()
    assert written == (tmp_path / "kiosk.csv").read_bytes()
    assert b",'=cmd" in written
    assert b",=cmd" not in written


def test_the_xlsx_holds_the_same_numbers_in_uk_time(setting: Setting, tmp_path: Path) -> None:
    target = tmp_path / "council.xlsx"
    ok(hub(setting, "export", *PERIODS[0], "-o", str(target)))
    report = json.loads(ok(hub(setting, "report", *PERIODS[0], "--format", "json")))
    sheet = openpyxl.load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert len(body) == report["total"] == COUNT
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(header)).column_letter}{COUNT + 1}"
    assert "barriers" not in header
    for barrier in codes.BARRIERS:
        at = header.index(f"barrier_{barrier}")
        assert sum(row[at] for row in body) == report["by"]["barrier"].get(barrier, 0)
    ids, recorded = header.index("id"), header.index("recorded_at")
    assert all(isinstance(row[recorded], datetime) for row in body)
    late = next(row for row in body if row[ids] == setting.contacts[-1].id)
    assert late[recorded] == datetime(2026, 7, 2, 0, 30)
    received = datetime(2026, 9, 1, 9, 0)  # RECEIVED, in summer time too
    assert late[header.index("uploaded_at")] == received
    assert sheet.cell(2, recorded + 1).is_date


NO_SITE = "--site: no kiosk of this hub is at 'NOWHERE'; its sites: CIVIC, LIB-NORTH"
BACKWARDS = ["--from", "2026-07-10", "--to", "2026-07-01"]
NOT_A_FORMAT = "the hub exports FILE.csv or FILE.xlsx, not"
HOSTILE = [
    (["report", "--site", "NOWHERE"], NO_SITE),
    (["export", "--site", "NOWHERE", "-o", "{tmp}/x.csv"], NO_SITE),
    (["report", *BACKWARDS], "the period ends (2026-07-01) before it starts (2026-07-10)"),
    (["export", *BACKWARDS, "-o", "{tmp}/x.xlsx"], "the period ends (2026-07-01) before"),
    (["report", "--month", "2026-07", "--from", "2026-07-01"], "--month cannot be used with"),
    (["report", "--to", "9999-12-31"], "--to: '9999-12-31' is outside the days"),
    (["report", "--month", "July"], "--month: 'July' is not a month like 2026-11"),
    (["export", "-o", "{tmp}/existing.csv"], "existing.csv already exists; use --force"),
    (["export", "-o", "{tmp}/no/such/folder/x.csv"], "cannot write in {tmp}/no/such/folder"),
    (["export", "-o", "{tmp}/x.pdf"], f"x.pdf: {NOT_A_FORMAT} '.pdf'"),
    (["export", "-o", "{tmp}/x"], f"{NOT_A_FORMAT} ''"),
]


@pytest.mark.parametrize(("args", "message"), HOSTILE)
def test_hostile_asks_get_one_clear_line(
    setting: Setting, tmp_path: Path, args: list[str], message: str
) -> None:
    (tmp_path / "existing.csv").write_text("keep me")
    done = hub(setting, *(a.format(tmp=tmp_path) for a in args))
    assert done.returncode == 1
    assert message.format(tmp=tmp_path) in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert (tmp_path / "existing.csv").read_text() == "keep me"
    assert not list(tmp_path.glob(".*partial"))


def test_force_replaces_an_export(setting: Setting, tmp_path: Path) -> None:
    target = tmp_path / "existing.xlsx"
    target.write_text("old")
    ok(hub(setting, "export", *PERIODS[0], "-o", str(target), "--force"))
    assert openpyxl.load_workbook(target).active.max_row > 1


def test_the_sites_are_listed(setting: Setting) -> None:
    engine = open_engine(setting.hub)
    with engine.connect() as connection:
        assert hub_sites(connection) == sorted(SITES)
    engine.dispose()


# ---- ten million contacts: the figures read the per-day counts, never the contacts


TEN_MILLION = 10_000_000
BIG_SITES = [f"SITE{n:02d}" for n in range(20)]
BIG_DAYS = 365
VALUES = {
    "service": [f"service-{n}" for n in range(40)],
    "mode": list(codes.MODES),
    "outcome": list(codes.OUTCOMES),
    "staff": ["AB", "CD", "EF", "GH", "JK"],
    "language": ["en", "cy", "pl", "ur", "ar"],
    "next_time_online": ["", *codes.NEXT_TIME_ONLINE],
    "source": ["kiosk", "idle_reset", "manual"],
    "barrier": list(codes.BARRIERS),
}


def _big_counts() -> Iterator[tuple[str, str, str, str, str, int]]:
    """The daily counts of 10 million contacts: 20 sites, 2 desks each, a year of days."""
    kiosk_days = [
        (site, desk, (date(2025, 1, 1) + timedelta(days=n)).isoformat())
        for site in BIG_SITES
        for desk in ("D1", "D2")
        for n in range(BIG_DAYS)
    ]
    each = TEN_MILLION // len(kiosk_days)
    for at, (site, desk, day) in enumerate(kiosk_days):
        n = each + (TEN_MILLION - each * len(kiosk_days) if at == 0 else 0)
        for dimension, values in VALUES.items():
            shares = _split(n if dimension in DIMENSIONS else n // 2, len(values))
            for value, share in zip(values, shares, strict=True):
                yield site, desk, day, dimension, value, share


def _split(n: int, parts: int) -> list[int]:
    return [n // parts + (1 if i < n % parts else 0) for i in range(parts)]


@pytest.fixture(scope="module", params=DATABASES)
def big_hub(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    engine = open_engine(_hub_url(request, tmp_path_factory.mktemp("big")))
    migrate(engine)
    raw = engine.raw_connection()
    try:
        _load(raw.driver_connection, engine.dialect.name)
        raw.commit()
    finally:
        raw.close()
    with engine.begin() as connection:
        recount_months(connection)  # as the receiver keeps them, written with the days
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("ANALYZE monthly_counts")
    yield engine
    engine.dispose()


def _load(driver: Any, dialect: str) -> None:
    """The ten million contacts' counts, as fast as each database takes rows in."""
    if dialect == "sqlite":
        driver.executemany("INSERT INTO daily_counts VALUES (?, ?, ?, ?, ?, ?)", _big_counts())
        return
    with driver.cursor() as cursor:
        with cursor.copy(
            "COPY daily_counts (site, desk, day, dimension, value, n) FROM STDIN"
        ) as copy:
            for row in _big_counts():
                copy.write_row(row)
        cursor.execute("ANALYZE daily_counts")  # what autovacuum does after a big insert


# A whole year over every kiosk is a million daily count rows, but its whole months are read
# from some 30,000 monthly ones: well under a second on both databases.
YEAR_LIMIT_S = {"sqlite": 1.0, "postgresql": 1.0}
RAGGED_YEAR = Period(date(2025, 1, 15), date(2025, 12, 14))  # 11 whole months, 31 days


def test_ten_million_contacts_in_under_a_second(big_hub: Engine) -> None:
    config = load_config(environ={})
    month, quarter = (
        Period(date(2025, 6, 1), date(2025, 6, 30)),
        Period(date(2025, 4, 1), date(2025, 6, 30)),
    )
    year = Period(date(2025, 1, 1), date(2025, 12, 31))
    sent: list[tuple[str, Any]] = []

    def heard(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        sent.append((statement, parameters))

    event.listen(big_hub, "before_cursor_execute", heard)
    try:
        with big_hub.connect() as connection:
            hub_report(connection, Period(date(2025, 1, 1), date(2025, 1, 31)), config)  # warm
            took = {
                name: _timed(lambda p=p, s=s: hub_report(connection, p, config, s))
                for name, p, s in [
                    ("council month", month, None),
                    ("council quarter", quarter, None),
                    ("council year", year, None),
                    ("a site's year", year, "SITE07"),
                    ("a year from mid-month", RAGGED_YEAR, None),
                    ("a site's year from mid-month", RAGGED_YEAR, "SITE07"),
                ]
            }
            sites, sites_s = _timed(lambda: hub_sites(connection))
            asked = list(sent)
            plans = [_plan(connection, statement, parameters) for statement, parameters in asked]
    finally:
        event.remove(big_hub, "before_cursor_execute", heard)
    assert took["council year"][0].total == TEN_MILLION
    assert took["a site's year"][0].total == TEN_MILLION // len(BIG_SITES) - 680  # spare: SITE00
    kiosk_days = len(BIG_SITES) * 2 * ((RAGGED_YEAR.last - RAGGED_YEAR.first).days + 1)
    each = TEN_MILLION // (len(BIG_SITES) * 2 * BIG_DAYS)
    assert took["a year from mid-month"][0].total == kiosk_days * each
    assert took["a site's year from mid-month"][0].total == kiosk_days * each // len(BIG_SITES)
    by_day = took["a year from mid-month"][0].by["day"]
    assert (min(by_day), max(by_day), len(by_day)) == ("2025-01-15", "2025-12-14", 334)
    assert sites == BIG_SITES
    for name, (_, seconds) in took.items():
        assert seconds < YEAR_LIMIT_S[big_hub.dialect.name], f"{name} took {seconds:.2f} s"
    assert sites_s < 0.1, f"the sites took {sites_s:.2f} s"  # a seek per site, not a scan
    for statement, plan in zip((s for s, _ in asked), plans, strict=True):
        named = (
            " ".join([statement, plan]).replace("daily_counts", "").replace("demo_contacts", "")
        )
        assert "contacts" not in named, (statement, plan)


def _timed(run: Any) -> tuple[Any, float]:
    started = time.perf_counter()
    result = run()
    return result, time.perf_counter() - started


def _plan(connection: Any, statement: str, parameters: Any) -> str:
    """What the database says it will read for ``statement``."""
    explain = "EXPLAIN QUERY PLAN" if connection.dialect.name == "sqlite" else "EXPLAIN"
    found = connection.exec_driver_sql(f"{explain} {statement}", parameters)
    return " | ".join(str(row[-1]) for row in found)


# ---- the same, with the contacts sent by the real kiosk upload


def test_figures_of_contacts_sent_by_kiosk_upload(tmp_path: Path, served_hub: ServedHub) -> None:
    made = varied_contacts(1200, seed=8450)
    for site, desk in itertools.product(SITES, DESKS):
        _uploading_kiosk(tmp_path / f"{site}-{desk}", served_hub, site, desk, made)
    everything = _kiosk_log(tmp_path / "everything", made)
    civic = _kiosk_log(tmp_path / "civic", [c for c in made if c.site == "CIVIC"])
    url = f"sqlite:///{tmp_path / 'hub.db'}"  # the served hub's own database
    for period in reversed(PERIODS[:3]):  # the whole span last
        figures = ["report", *period, "--format", "json"]
        expected = ok(kiosk(everything, *figures))
        assert ok(kiosk(everything, "hub", *figures, "--database", url)) == expected
        expected = ok(kiosk(civic, *figures))
        assert ok(kiosk(civic, "hub", *figures, "--site", "CIVIC", "--database", url)) == expected
    assert json.loads(expected)["total"] == sum(c.site == "CIVIC" for c in made) > 0


def _uploading_kiosk(
    folder: Path, hub: ServedHub, site: str, desk: str, made: list[Contact]
) -> None:
    """A kiosk at site/desk holding its share of ``made``, sent with ``kiosk upload``."""
    data = folder / "data"
    _kiosk_log(
        data, [replace(c, uploaded_at=None) for c in made if (c.site, c.desk) == (site, desk)]
    )
    (folder / "token").write_text(hub.add_kiosk(site, desk) + "\n", encoding="ascii")
    (folder / "config.toml").write_text(
        f'site = "{site}"\ndesk = "{desk}"\nupload_target = "{hub.upload_url}"\n'
        f'upload_token_file = "{folder / "token"}"\n',
        encoding="utf-8",
    )
    sent = kiosk(data, "--config", str(folder / "config.toml"), "upload")
    assert sent.returncode == 0, sent.stderr
