"""Many kiosks at once: `kiosk hub serve` as a process of its own, 200 kiosks uploading at the
same moment on SQLite (never a 503, never "database is locked": the hub queues its own
writers), and ``--workers``: refused on SQLite with the reason, N processes on PostgreSQL.
"""

import asyncio
import socket
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, func, select

from kiosk.contacts.counts import COUNTED_COLUMNS, summarise
from kiosk.hub.database import migrate, open_engine
from kiosk.hub.kiosks import add_kiosk
from kiosk.hub.tables import contacts, daily_counts, monthly_counts
from kiosk.upload.documents import SCHEMA
from tests.hub.postgres import postgres_server, postgres_url  # noqa: F401 (fixtures)
from tests.kiosk.contacts.helpers import contact

KIOSKS = 200
BATCHES = 2  # each kiosk's, one after the other
CONTACTS = 50  # in each batch
START_S = 60


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def hub_serving(data: Path, database: str, *options: str) -> Iterator[tuple[str, Path]]:
    """``kiosk hub serve`` on a free port; yields its upload address and its stderr's file."""
    port = _free_port()
    data.mkdir(exist_ok=True)
    said = data / "serve.err"
    command = [sys.executable, "-m", "kiosk", "--data-dir", str(data), "hub", "serve",
               "--listen", f"127.0.0.1:{port}", "--database", database, *options]  # fmt: skip
    with said.open("wb") as stderr:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr)
    try:
        _wait_listening(port, process)
        yield f"http://127.0.0.1:{port}/v1/contacts", said
    finally:
        process.terminate()
        process.wait(30)


def _wait_listening(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_S
    while time.monotonic() < deadline:
        assert process.poll() is None, f"kiosk hub serve stopped with {process.returncode}"
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    pytest.fail(f"kiosk hub serve did not answer on {port} within {START_S} s")


def _tokens(engine: Engine, count: int) -> list[tuple[str, str, str]]:
    with engine.begin() as connection:
        places = [(f"site-{n // 10:02d}", f"desk-{n % 10}") for n in range(count)]
        return [(site, desk, add_kiosk(connection, site, desk)) for site, desk in places]


def _batch(site: str, desk: str, number: int) -> dict[str, Any]:
    made = [
        contact(
            site=site,
            desk=desk,
            staff=f"S{n % 3}",
            barriers=(("skills",), (), ("access", "trust"))[n % 3],
            recorded_at=f"2026-{10 + n % 2}-{1 + n % 28:02d}T10:{n % 60:02d}:00Z",
        )
        for n in range(number * CONTACTS, (number + 1) * CONTACTS)
    ]
    sent = [{**c.row(), "barriers": list(c.barriers), "handout": int(c.handout)} for c in made]
    for row in sent:
        del row["uploaded_at"]
    return {
        "schema": SCHEMA,
        "batch_id": str(uuid.uuid4()),
        "sent_at": "2026-11-27T16:30:05Z",
        "source": {"site": site, "desk": desk, "app_version": "0.1.0"},
        "contacts": sent,
    }


async def _all_at_once(url: str, kiosks: list[tuple[str, str, str]]) -> list[httpx.Response]:
    """Every kiosk sends its batches one after the other, all kiosks at the same moment."""
    answers: list[httpx.Response] = []

    async def one(site: str, desk: str, token: str, client: httpx.AsyncClient) -> None:
        for number in range(BATCHES):
            batch = _batch(site, desk, number)
            headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": batch["batch_id"]}
            answers.append(await client.post(url, json=batch, headers=headers))

    clients = [httpx.AsyncClient(timeout=300) for _ in kiosks]
    try:
        await asyncio.gather(*(one(*k, c) for k, c in zip(kiosks, clients, strict=True)))
    finally:
        for client in clients:
            await client.aclose()
    return answers


def test_two_hundred_kiosks_at_once_on_sqlite_are_all_taken(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'hub.db'}"
    engine = open_engine(database)
    migrate(engine)
    kiosks = _tokens(engine, KIOSKS)
    with hub_serving(tmp_path / "hub", database) as (url, said):
        answers = asyncio.run(_all_at_once(url, kiosks))
    statuses = Counter(answer.status_code for answer in answers)
    assert statuses == {200: KIOSKS * BATCHES}, statuses
    accepted = [i for answer in answers for i in answer.json()["accepted"]]
    assert len(accepted) == len(set(accepted)) == KIOSKS * BATCHES * CONTACTS
    assert all(answer.json()["rejected"] == [] for answer in answers)
    assert "locked" not in said.read_text()
    with engine.connect() as connection:
        held = [dict(row._mapping) for row in connection.execute(select(contacts))]
        daily = _summed(connection, daily_counts, "day")
        monthly = _summed(connection, monthly_counts, "month")
    engine.dispose()
    assert sorted(row["id"] for row in held) == sorted(accepted)
    expected: Counter[tuple[str, ...]] = Counter()
    for row in held:
        for key, n in summarise([tuple(row[c] for c in COUNTED_COLUMNS)]).items():
            expected[(row["site"], row["desk"], *key)] += n
    assert daily == expected
    by_month: Counter[tuple[str, ...]] = Counter()
    for (site, desk, day, dimension, value), n in expected.items():
        by_month[(site, desk, day[:7], dimension, value)] += n
    assert monthly == by_month


def _summed(connection: Any, table: Any, period: str) -> Counter[tuple[str, ...]]:
    columns = [table.c.site, table.c.desk, table.c[period], table.c.dimension, table.c.value]
    return Counter(
        {tuple(row[:5]): row[5] for row in connection.execute(select(*columns, table.c.n))}
    )


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (["--workers", "2"], "--workers: a hub on SQLite is one process"),
        (["--workers", "8"], "for more, use PostgreSQL (hub_database, docs/hub.md)"),
        (["--workers", "0"], "--workers is 1 or more, not 0"),
        (["--workers", "-3"], "--workers is 1 or more, not -3"),
        (["--demo", "--workers", "2"], "--workers: a hub on SQLite is one process"),
        (["--workers", "two"], "'two' is not a valid integer"),
    ],
)
def test_more_workers_than_one_on_sqlite_are_refused_with_the_reason(
    tmp_path: Path, options: list[str], said: str
) -> None:
    (tmp_path / "data").mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "--data-dir", str(tmp_path / "data"), "hub", "serve",
         "--listen", f"127.0.0.1:{_free_port()}", *options],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode != 0
    assert said in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_workers_on_postgresql_share_one_port_and_store_each_contact_once(
    tmp_path: Path,
    postgres_url: str,  # noqa: F811 (a fixture)
) -> None:
    engine = open_engine(postgres_url)
    migrate(engine)
    kiosks = _tokens(engine, 40)
    with hub_serving(tmp_path / "hub", postgres_url, "--workers", "2") as (url, said):
        answers = asyncio.run(_all_at_once(url, kiosks))
        first = answers[0].request
        headers = {name: first.headers[name] for name in ("authorization", "idempotency-key")}
        again = [  # a batch sent again, to whichever worker, gets the answer it was given
            httpx.post(url, content=first.content, headers=headers, timeout=30) for _ in range(4)
        ]
    assert Counter(answer.status_code for answer in answers) == {200: 40 * BATCHES}
    assert [(a.status_code, a.content) for a in again] == [(200, answers[0].content)] * 4
    accepted = {i for answer in answers for i in answer.json()["accepted"]}
    with engine.connect() as connection:
        held = connection.execute(select(func.count(contacts.c.id.distinct()))).scalar_one()
        counted = connection.execute(
            select(func.sum(daily_counts.c.n)).where(daily_counts.c.dimension == "mode")
        ).scalar_one()
        daily = _summed(connection, daily_counts, "day")
        monthly = _summed(connection, monthly_counts, "month")
    engine.dispose()
    assert held == counted == len(accepted) == 40 * BATCHES * CONTACTS
    by_month: Counter[tuple[str, ...]] = Counter()
    for (site, desk, day, dimension, value), n in daily.items():
        by_month[(site, desk, day[:7], dimension, value)] += n
    assert monthly == by_month
    assert "Traceback" not in said.read_text()
