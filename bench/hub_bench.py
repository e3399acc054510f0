"""The council hub under load: `kiosk hub serve` as a real process, on PostgreSQL and SQLite.

- Throughput: ``KIOSKS`` simulated kiosks (asyncio + httpx, a token each), each sending its
  next ``BATCH``-contact batch as soon as the last is answered, for ``--seconds``. Checked at
  the end: the contacts table holds exactly the accepted contacts, none twice. The floor,
  measured in the same run: the same kiosks against uvicorn answering each batch with a fixed
  reply (no JSON read, no database), so the ratio says what the hub's own work costs.
- Latency at a council's real rate: every kiosk sends one 20-contact batch a minute, the
  kiosks spread evenly over the minute; p50/p95/p99 answer times.
- Figures over 10 million contacts: ``daily_counts`` filled directly (not through the
  receiver) as 10 million contacts at 20 sites x 5 desks over a year would fill it, then
  :func:`kiosk.hub.figures.hub_report` for the year and for one site, medians of 5.

Not part of ``make test``. ``python -m bench hub`` runs only this; ``--quick`` is a smoke test.
The load generator shares the machine's cores with the hub and the database.
"""

import argparse
import asyncio
import itertools
import json
import os
import pwd
import random
import shutil
import socket
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from contextlib import AsyncExitStack, asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import Engine, func, select

from kiosk.catalog.loader import load_catalog
from kiosk.config import Config
from kiosk.contacts.codes import COLUMNS
from kiosk.contacts.counts import COUNTED_COLUMNS, summarise
from kiosk.contacts.demo import demo_contacts
from kiosk.contacts.period import Period
from kiosk.hub.database import migrate, open_engine
from kiosk.hub.figures import hub_report
from kiosk.hub.ingest import recount_months
from kiosk.hub.kiosks import add_kiosk
from kiosk.hub.tables import contacts, daily_counts
from kiosk.resources import demo_catalog_dir
from kiosk.upload.documents import SCHEMA, SENT_COLUMNS
from tests.hub.postgres import PostgresServer, _free_port, _server_user, server_programs

KIOSKS = 200
BATCH = 500
SMALL_BATCH = 20
POOL = 2_000  # varied contacts each batch is drawn from, each sent with a fresh id
THROUGHPUT_TARGET = 20_000  # contacts/s, PostgreSQL
P95_TARGET_MS = 250
FIGURES_TARGET_S = 1.0
FIGURE_SITES, FIGURE_DESKS, FIGURE_DAYS, FIGURE_CONTACTS = 20, 5, 365, 10_000_000
ROOT = Path(__file__).parents[1]
START_S = 60

FLOOR = """
import sys, uvicorn
async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    more = True
    while more:
        message = await receive()
        more = message.get("more_body", False)
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": b'{"accepted":[],"rejected":[]}'})
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
"""


# -- the databases and the hub, each a real process ------------------------------------------


@contextmanager
def postgres_database(scratch: Path) -> Iterator[str]:
    """A PostgreSQL server as the hub's tests start it (tests/hub/postgres.py); one database."""
    user = _server_user()
    folder = scratch / "postgres"
    folder.mkdir()
    if user is not None:
        entry = pwd.getpwnam(user)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
    server = PostgresServer(server_programs(), folder, _free_port(), user)
    server.init()
    server.start()
    try:
        yield server.create_database()  # its process: postgres_pid(scratch)
    finally:
        server.stop("immediate")
        shutil.rmtree(folder, ignore_errors=True)


def postgres_pid(scratch: Path) -> int:
    """The PostgreSQL server's own process (its backends are under it)."""
    return int((scratch / "postgres" / "data" / "postmaster.pid").read_text().split()[0])


@contextmanager
def sqlite_database(scratch: Path) -> Iterator[str]:
    yield f"sqlite:///{scratch / 'hub.db'}"


@contextmanager
def served_hub(database: str, scratch: Path, workers: int = 1) -> Iterator[tuple[str, int]]:
    """``kiosk hub serve`` on a free port of 127.0.0.1; yields its /v1/contacts address and
    its process id."""
    port = _free_port()
    command = [sys.executable, "-m", "kiosk", "--data-dir", str(scratch / "hub-data"), "hub",
               "serve", "--listen", f"127.0.0.1:{port}", "--database", database]  # fmt: skip
    if workers > 1:
        command += ["--workers", str(workers)]
    with _process(command, port) as pid:
        yield f"http://127.0.0.1:{port}/v1/contacts", pid


@contextmanager
def _process(command: list[str], port: int) -> Iterator[int]:
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL)
    try:
        _wait_listening(port, process)
        yield process.pid
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_listening(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args} stopped with {process.returncode}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing answered on port {port} within {START_S} s")


@dataclass(frozen=True)
class SimulatedKiosk:
    site: str
    desk: str
    token: str
    fragments: list[str]  # each contact's JSON after its id, for this site and desk


def add_kiosks(engine: Engine, pool: list[dict[str, object]]) -> list[SimulatedKiosk]:
    found = []
    with engine.begin() as connection:
        for n in range(KIOSKS):
            site, desk = f"site-{n // 10:02d}", f"desk-{n % 10}"
            token = add_kiosk(connection, site, desk)
            found.append(SimulatedKiosk(site, desk, token, _fragments(pool, site, desk)))
    return found


# -- contacts, made fast: a varied pool, each sent with a fresh id ---------------------------


def contact_pool(now: datetime) -> list[dict[str, object]]:
    """``POOL`` valid contacts of the last week, as the kiosk sends them (no id yet)."""
    catalog = load_catalog(demo_catalog_dir())
    pool = []
    for row in demo_contacts(catalog, POOL, 7, 7, site="-", desk="-", now=now):
        contact = dict(zip(COLUMNS, row, strict=True))
        contact["barriers"] = json.loads(str(contact["barriers"]))
        contact["source"] = "kiosk"
        pool.append({name: contact[name] for name in SENT_COLUMNS if name != "id"})
    return pool


def _fragments(pool: list[dict[str, object]], site: str, desk: str) -> list[str]:
    return [json.dumps({**c, "site": site, "desk": desk})[1:] for c in pool]


def batch_body(kiosk: SimulatedKiosk, size: int, rng: random.Random) -> tuple[str, bytes]:
    batch_id = str(uuid.uuid4())
    start = rng.randrange(len(kiosk.fragments) - size)
    items = ",".join(
        f'{{"id": "{contact_id}", {fragment}'
        for contact_id, fragment in zip(
            _fresh_ids(size), kiosk.fragments[start : start + size], strict=True
        )
    )
    head = json.dumps(
        {
            "schema": SCHEMA,
            "batch_id": batch_id,
            "sent_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "source": {"site": kiosk.site, "desk": kiosk.desk, "app_version": "bench"},
        }
    )[:-1]
    return batch_id, f'{head}, "contacts": [{items}]}}'.encode()


def _fresh_ids(count: int) -> list[str]:
    """``count`` random UUIDs (version 4), from one read of the system's randomness: a
    third of the load generator's time went on ``uuid.uuid4()`` one at a time."""
    digits = os.urandom(16 * count).hex()
    return [
        f"{d[:8]}-{d[8:12]}-4{d[13:16]}-{'89ab'[int(d[16], 16) % 4]}{d[17:20]}-{d[20:32]}"
        for d in (digits[at : at + 32] for at in range(0, 32 * count, 32))
    ]


# -- the load ---------------------------------------------------------------------------------


@dataclass
class Tally:
    accepted: list[str] = field(default_factory=list)
    rejected: int = 0
    retries: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    answered: list[tuple[float, int]] = field(default_factory=list)  # when, contacts in it
    started: float = 0.0


async def _send(
    client: httpx.AsyncClient, url: str, kiosk: SimulatedKiosk, size: int, tally: Tally
) -> None:
    """One batch, sent again (the same batch) until it is answered 200, as a kiosk would."""
    batch_id, body = batch_body(kiosk, size, random.Random())
    headers = {"Authorization": f"Bearer {kiosk.token}", "Idempotency-Key": batch_id,
               "Content-Type": "application/json"}  # fmt: skip
    while True:
        start = time.perf_counter()
        try:
            answer = await client.post(url, content=body, headers=headers)
        except httpx.TransportError:
            answer = None
        if answer is not None and answer.status_code == 200:
            now = time.perf_counter()
            tally.latencies_ms.append((now - start) * 1000)
            tally.answered.append((now, size))
            taken = answer.json()
            tally.accepted.extend(taken["accepted"])
            tally.rejected += len(taken["rejected"])
            return
        tally.retries += 1
        await asyncio.sleep(0.2)


# Each kiosk has a client (one connection) of its own, as a real one does: one client shared
# by 200 connections spends most of the load generator's time looking through its pool.


# (Made before the clock starts, with one TLS context for all: each client's own would read
# the system's certificates, 25 ms apiece, though the hub here is plain http.)


@asynccontextmanager
async def _clients(count: int) -> AsyncIterator[list[httpx.AsyncClient]]:
    tls = ssl.create_default_context()
    async with AsyncExitStack() as stack:
        made = [httpx.AsyncClient(timeout=120, verify=tls) for _ in range(count)]
        yield [await stack.enter_async_context(client) for client in made]


async def _flat_out(url: str, kiosks: list[SimulatedKiosk], seconds: float) -> tuple[Tally, float]:
    tally = Tally()
    async with _clients(len(kiosks)) as clients:
        start = time.perf_counter()
        deadline = start + seconds

        async def one(kiosk: SimulatedKiosk, client: httpx.AsyncClient) -> None:
            while time.perf_counter() < deadline:
                await _send(client, url, kiosk, BATCH, tally)

        await asyncio.gather(*map(one, kiosks, clients))
        tally.started = start
        return tally, time.perf_counter() - start


WINDOW_S = 5.0


def median_rate(tally: Tally, seconds: float) -> float:
    """The median of the contacts answered per second in each ``WINDOW_S`` of the load."""
    windows = [0] * max(1, int(seconds // WINDOW_S))
    for at, size in tally.answered:
        index = int((at - tally.started) // WINDOW_S)
        if index < len(windows):
            windows[index] += size
    return statistics.median(windows) / WINDOW_S


async def _at_council_rate(url: str, kiosks: list[SimulatedKiosk], seconds: float) -> Tally:
    tally = Tally()
    async with _clients(len(kiosks)) as clients:
        start = time.perf_counter()

        async def one(n: int, kiosk: SimulatedKiosk, client: httpx.AsyncClient) -> None:
            for minute in itertools.count():
                at = start + minute * 60 + n * 60 / len(kiosks)
                if at >= start + seconds:
                    return
                await asyncio.sleep(max(0.0, at - time.perf_counter()))
                await _send(client, url, kiosk, SMALL_BATCH, tally)

        await asyncio.gather(*map(one, itertools.count(), kiosks, clients))
    return tally


def _check_stored(engine: Engine, tally: Tally) -> tuple[int, int]:
    """Contacts lost and contacts doubled: none of either, or the run does not count."""
    with engine.connect() as connection:
        held = connection.execute(select(func.count()).select_from(contacts)).scalar_one()
        distinct = connection.execute(select(func.count(func.distinct(contacts.c.id)))).scalar()
    told = len(set(tally.accepted))
    lost = max(0, told - int(held))
    doubled = (len(tally.accepted) - told) + (int(held) - int(distinct or 0))
    if lost or doubled or held != told or tally.rejected:
        raise RuntimeError(
            f"the hub holds {held} contacts but accepted {len(tally.accepted)} "
            f"({told} distinct, {tally.rejected} rejected)"
        )
    return lost, doubled


def cpu_seconds(root: int) -> float:
    """CPU time used so far by process ``root`` and every process under it (Linux /proc)."""
    parents: dict[int, int] = {}
    used: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # gone meanwhile
        fields = stat[stat.rindex(")") + 2 :].split()
        parents[int(entry.name)] = int(fields[1])
        used[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick
    tree = {root}
    while grown := {pid for pid, parent in parents.items() if parent in tree} - tree:
        tree |= grown
    return sum(used.get(pid, 0.0) for pid in tree)


def _own_cpu() -> float:
    times = os.times()
    return times.user + times.system


@dataclass
class Measured:
    database: str
    rate: float = 0.0
    median_rate: float = 0.0
    cpu_ms_per_batch: tuple[float, float, float] = (0.0, 0.0, 0.0)  # hub, database, load
    retries: int = 0
    lost: int = 0
    doubled: int = 0
    latency_ms: tuple[float, float, float] = (0.0, 0.0, 0.0)
    year_s: float = 0.0
    site_s: float = 0.0
    count_rows: int = 0


def measure(
    name: str, database: str, scratch: Path, seconds: float, workers: int, server: int | None
) -> Measured:
    """``server``: the database server's process (None: SQLite, in the hub's own)."""
    measured = Measured(name)
    engine = open_engine(database)
    migrate(engine)
    now = datetime.now(UTC)
    kiosks = add_kiosks(engine, contact_pool(now))
    with served_hub(database, scratch, workers) as (url, hub):
        before = (cpu_seconds(hub), cpu_seconds(server) if server else 0.0, _own_cpu())
        tally, elapsed = asyncio.run(_flat_out(url, kiosks, seconds))
        after = (cpu_seconds(hub), cpu_seconds(server) if server else 0.0, _own_cpu())
        sent = max(1, len(tally.answered))
        used = [1000 * (b - a) / sent for a, b in zip(before, after, strict=True)]
        hub_ms, server_ms, load_ms = used
        measured.cpu_ms_per_batch = (hub_ms, server_ms, load_ms)
        measured.rate = len(tally.accepted) / elapsed
        measured.median_rate = median_rate(tally, seconds)
        measured.retries = tally.retries
        measured.lost, measured.doubled = _check_stored(engine, tally)
        latency = asyncio.run(_at_council_rate(url, kiosks, seconds)).latencies_ms
        cuts = statistics.quantiles(latency, n=100, method="inclusive")
        measured.latency_ms = (statistics.median(latency), cuts[94], cuts[98])
    measured.count_rows = fill_counts(engine, now.date())
    measured.year_s, measured.site_s = time_figures(engine, now.date())
    engine.dispose()
    return measured


def floor_rate(seconds: float, pool: list[dict[str, object]]) -> tuple[float, float]:
    """Contacts a second the floor answers: overall, and the median of its windows."""
    port = _free_port()
    fragments = _fragments(pool, "site", "desk")
    kiosks = [
        SimulatedKiosk(f"site-{n // 10:02d}", f"desk-{n % 10}", "-", fragments)
        for n in range(KIOSKS)
    ]
    with _process([sys.executable, "-c", FLOOR, str(port)], port):
        url = f"http://127.0.0.1:{port}/v1/contacts"
        tally, elapsed = asyncio.run(_flat_out(url, kiosks, seconds))
    return len(tally.latencies_ms) * BATCH / elapsed, median_rate(tally, seconds)


# -- figures over 10 million contacts ---------------------------------------------------------


def fill_counts(engine: Engine, today: date) -> int:
    """``daily_counts`` as 10 million contacts over a year would leave it: each desk-day the
    kiosk's own summary of its share of contacts (drawn from a varied pool). Returns rows."""
    per_desk_day = FIGURE_CONTACTS // (FIGURE_SITES * FIGURE_DESKS * FIGURE_DAYS)
    catalog = load_catalog(demo_catalog_dir())
    rows = list(demo_contacts(catalog, per_desk_day * 50, 30, 11, site="-", desk="-"))
    place = [COLUMNS.index(c) for c in COUNTED_COLUMNS]
    source = COUNTED_COLUMNS.index("source")
    shapes = []
    for chunk in range(50):
        picked = rows[chunk * per_desk_day : (chunk + 1) * per_desk_day]
        counted = [tuple(r[i] for i in place) for r in picked]
        counted = [(*c[:source], "kiosk", *c[source + 1 :]) for c in counted]
        one_day: Counter[tuple[str, str]] = Counter()
        for (_, dimension, value), n in summarise(counted).items():
            one_day[dimension, value] += n  # the pool spans days; each shape is one day's
        shapes.append([(d, v, n) for (d, v), n in one_day.items()])
    with engine.begin() as connection:
        connection.execute(daily_counts.delete())
    written = 0
    for site in range(FIGURE_SITES):
        values = []
        for desk, back in itertools.product(range(FIGURE_DESKS), range(FIGURE_DAYS)):
            day = (today - timedelta(days=back)).isoformat()
            for dimension, value, n in shapes[(site * 7 + desk * 3 + back) % 50]:
                where = {"site": f"site-{site:02d}", "desk": f"desk-{desk}", "day": day}
                values.append({**where, "dimension": dimension, "value": value, "n": n})
        with engine.begin() as connection:
            connection.execute(daily_counts.insert(), values)
        written += len(values)
    with engine.begin() as connection:
        recount_months(connection)  # as the receiver would have kept them
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM ANALYZE daily_counts, monthly_counts")
    return written


def time_figures(engine: Engine, today: date) -> tuple[float, float]:
    year = Period(today - timedelta(days=FIGURE_DAYS - 1), today)
    config = Config()
    found = []
    for site in (None, "site-03"):
        times = []
        with engine.connect() as connection:
            for _ in range(5):
                start = time.perf_counter()
                report = hub_report(connection, year, config, site)
                times.append(time.perf_counter() - start)
        expected = FIGURE_CONTACTS // (FIGURE_SITES if site else 1)
        if not 0.9 * expected <= report.total <= expected:
            raise RuntimeError(f"the year's figures count {report.total}, not ~{expected}")
        found.append(statistics.median(times))
    return found[0], found[1]


# -- the table --------------------------------------------------------------------------------


def report(
    floor: tuple[float, float], results: list[Measured], seconds: float, workers: int
) -> None:
    loads = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    print(
        f"hub: {KIOSKS} kiosks, kiosk hub serve as a process ({workers} worker(s) on "
        f"PostgreSQL, 1 on SQLite); load from one asyncio+httpx process (a client per kiosk) "
        f"on the same {os.cpu_count()} cores; load average now {loads}"
    )
    print(
        f"  throughput, {BATCH}-contact batches back to back for {seconds:.0f} s "
        f"(overall; median of {WINDOW_S:.0f} s windows):"
    )
    print(
        f"    floor         {floor[0]:8,.0f} contacts/s  median {floor[1]:8,.0f}  "
        "uvicorn answering a fixed reply"
    )
    for m in results:
        target = (
            f"target >= {THROUGHPUT_TARGET:,}: "
            f"{'ok' if m.median_rate >= THROUGHPUT_TARGET else 'UNDER TARGET'}"
            if m.database == "PostgreSQL"
            else "(reported beside it)"
        )
        print(
            f"    {m.database:<13} {m.rate:8,.0f} contacts/s  median {m.median_rate:8,.0f}  "
            f"{m.median_rate / floor[1]:4.2f} x the floor's median; lost {m.lost}, "
            f"doubled {m.doubled}, {m.retries} retries; {target}"
        )
    print("  where the time goes, CPU ms per batch answered (the machine has 2 cores):")
    for m in results:
        hub_ms, server_ms, load_ms = m.cpu_ms_per_batch
        server = f"PostgreSQL's server {server_ms:5.1f}  " if server_ms else ""
        print(
            f"    {m.database:<13} the hub {hub_ms:5.1f}  {server}"
            f"the load generator {load_ms:5.1f}"
        )
    print(f"  latency, one {SMALL_BATCH}-contact batch per kiosk a minute, for {seconds:.0f} s:")
    for m in results:
        p50, p95, p99 = m.latency_ms
        verdict = "ok" if p95 < P95_TARGET_MS else "OVER BUDGET"
        print(
            f"    {m.database:<13} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  p99 {p99:6.1f} ms  "
            f"target p95 < {P95_TARGET_MS} ms: {verdict}"
        )
    print(
        f"  figures over {FIGURE_CONTACTS:,} contacts ({FIGURE_SITES} sites x {FIGURE_DESKS} "
        f"desks x {FIGURE_DAYS} days; the counts filled directly, not through the receiver), "
        "medians of 5:"
    )
    for m in results:
        verdict = "ok" if max(m.year_s, m.site_s) < FIGURES_TARGET_S else "OVER BUDGET"
        print(
            f"    {m.database:<13} a year {m.year_s:5.2f} s  one site {m.site_s:5.2f} s  "
            f"({m.count_rows:,} daily rows)  target < {FIGURES_TARGET_S:.0f} s: {verdict}"
        )


def run(seconds: float = 60.0, workers: int = 2) -> None:
    with tempfile.TemporaryDirectory(prefix="kiosk-hub-bench-") as name:
        scratch = Path(name)
        scratch.chmod(0o755)  # PostgreSQL's own user walks into its folder
        floor = floor_rate(seconds, contact_pool(datetime.now(UTC)))
        results = []
        with postgres_database(scratch) as url:
            server = postgres_pid(scratch)
            results.append(measure("PostgreSQL", url, scratch, seconds, workers, server))
        with sqlite_database(scratch) as url:
            results.append(measure("SQLite", url, scratch, seconds, 1, None))
    report(floor, results, seconds, workers)


def main(arguments: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench hub")
    parser.add_argument("--seconds", type=float, default=60.0, help="each load's length")
    parser.add_argument("--quick", action="store_true", help="5 s loads: a smoke test")
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="hub processes on PostgreSQL"
    )
    options = parser.parse_args(arguments)
    run(5.0 if options.quick else options.seconds, options.workers)
