"""The hub SIGKILLed at random moments under load, with real ``kiosk upload`` processes.

`kiosk hub serve` runs on SQLite as a process of its own and is killed (SIGKILL, nothing
tidied) at a random moment, again and again, and started again on the same port and file.
Meanwhile each kiosk records more contacts and runs ``kiosk upload`` in a loop. After every
kill, whatever a kiosk has marked uploaded must already be in the hub's file: it was told
so only after the commit. At the end the kiosks' own retries finish the job.
"""

import json
import random
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import pytest

from kiosk.catalog.loader import load_catalog
from kiosk.catalog.model import Catalog
from kiosk.contacts.codes import COLUMNS
from kiosk.contacts.counts import COUNTED_COLUMNS, summarise
from kiosk.contacts.demo import demo_contacts
from kiosk.contacts.store import ContactLog
from kiosk.hub.database import migrate, open_engine
from kiosk.hub.kiosks import add_kiosk
from kiosk.resources import demo_catalog_dir
from tests.hub.postgres import _free_port

KIOSK = Path(sys.executable).with_name("kiosk")
KIOSKS = 2
FIRST_CONTACTS = 3_000  # each kiosk's log at the start
MORE_CONTACTS = 40  # recorded between one upload run and the next
KILLS = 50
UP_S = (0.05, 0.35)  # how long the hub answers before the next kill
BETWEEN_RUNS_S = 0.4  # a kiosk's pause between upload runs, leaving the hub some CPU
START_S = 20
FINISH_RUNS = 30


@dataclass
class Kiosk:
    folder: Path
    site: str
    desk: str
    rng: random.Random

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def configure(self, token: str, target: str) -> None:
        self.data.mkdir(parents=True)
        (self.folder / "token").write_text(token + "\n", encoding="ascii")
        (self.folder / "config.toml").write_text(
            f'site = "{self.site}"\ndesk = "{self.desk}"\nupload_target = "{target}"\n'
            f'upload_token_file = "{self.folder / "token"}"\nupload_batch_size = 200\n'
            "upload_timeout_s = 5\nupload_backoff_base_s = 0.01\nupload_backoff_cap_s = 0.05\n",
            encoding="utf-8",
        )

    def record(self, count: int) -> None:
        """``count`` new real (not demo) contacts in the kiosk's log, as its desk would."""
        rows = demo_contacts(
            _catalog(), count, 30, self.rng.randrange(2**32), site=self.site, desk=self.desk
        )
        source = COLUMNS.index("source")
        log = ContactLog.in_data_dir(self.data)
        try:
            log.insert_rows((*row[:source], "kiosk", *row[source + 1 :]) for row in rows)
        finally:
            log.close()

    def upload(self) -> int:
        command = [str(KIOSK), "--config", str(self.folder / "config.toml"),
                   "--data-dir", str(self.data), "upload"]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
        assert "Traceback" not in done.stderr, done.stderr
        return done.returncode

    def ids(self, uploaded_only: bool) -> set[str]:
        where = " WHERE uploaded_at IS NOT NULL" if uploaded_only else ""
        return _read(self.data / "contacts.db", f"SELECT id FROM contacts{where}")


@cache
def _catalog() -> Catalog:
    return load_catalog(demo_catalog_dir())


def _read(path: Path, query: str) -> set[str]:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=10)
    try:
        return {row[0] for row in connection.execute(query)}
    finally:
        connection.close()


class Hub:
    """`kiosk hub serve` on one port and one SQLite file, started and killed at will."""

    def __init__(self, folder: Path) -> None:
        self.file = folder / "hub.db"
        self.port = _free_port()
        self.command = [str(KIOSK), "--data-dir", str(folder / "hub-data"), "hub", "serve",
                        "--listen", f"127.0.0.1:{self.port}",
                        "--database", f"sqlite:///{self.file}"]  # fmt: skip
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def upload_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1/contacts"

    def start(self) -> None:
        self.process = subprocess.Popen(
            self.command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + START_S
        while not self._answering():
            assert self.process.poll() is None, "the hub stopped as it started"
            assert time.monotonic() < deadline, "the hub did not start"
            time.sleep(0.02)

    def kill(self) -> None:
        assert self.process is not None
        self.process.kill()  # SIGKILL
        self.process.wait()

    def _answering(self) -> bool:
        with socket.socket() as probe:
            return probe.connect_ex(("127.0.0.1", self.port)) == 0


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[Hub]:
    hub = Hub(tmp_path)
    engine = open_engine(f"sqlite:///{hub.file}")
    migrate(engine)
    engine.dispose()
    yield hub
    if hub.process is not None and hub.process.poll() is None:
        hub.kill()


def _kiosks(tmp_path: Path, hub: Hub) -> list[Kiosk]:
    engine = open_engine(f"sqlite:///{hub.file}")
    kiosks = []
    with engine.begin() as connection:
        for n in range(KIOSKS):
            kiosk = Kiosk(tmp_path / f"kiosk-{n}", f"site-{n % 2}", f"desk-{n}", random.Random(n))
            kiosk.configure(add_kiosk(connection, kiosk.site, kiosk.desk), hub.upload_url)
            kiosks.append(kiosk)
    engine.dispose()
    for kiosk in kiosks:
        kiosk.record(FIRST_CONTACTS)
    return kiosks


def _keep_uploading(kiosk: Kiosk, stop: threading.Event, runs: list[int]) -> None:
    while not stop.is_set():
        kiosk.record(MORE_CONTACTS)
        runs.append(kiosk.upload())
        stop.wait(BETWEEN_RUNS_S)


def _hub_contacts(hub: Hub) -> list[dict[str, object]]:
    connection = sqlite3.connect(hub.file)
    connection.row_factory = sqlite3.Row
    try:
        return [dict(row) for row in connection.execute("SELECT * FROM contacts")]
    finally:
        connection.close()


def _hub_counts(hub: Hub) -> Counter[tuple[str, ...]]:
    connection = sqlite3.connect(hub.file)
    try:
        rows = connection.execute("SELECT site, desk, day, dimension, value, n FROM daily_counts")
        return Counter({tuple(row[:5]): row[5] for row in rows if row[5]})
    finally:
        connection.close()


def _counts_of(stored: list[dict[str, object]]) -> Counter[tuple[str, ...]]:
    expected: Counter[tuple[str, ...]] = Counter()
    for row in stored:
        summed = summarise([tuple(row[c] for c in COUNTED_COLUMNS)])
        place = (str(row["site"]), str(row["desk"]))
        expected.update({(*place, *key): n for key, n in summed.items()})
    return expected


def test_a_hub_killed_fifty_times_under_load_loses_and_doubles_nothing(
    tmp_path: Path, hub: Hub
) -> None:
    kiosks = _kiosks(tmp_path, hub)
    hub.start()
    stop, runs = threading.Event(), list[int]()
    threads = [threading.Thread(target=_keep_uploading, args=(k, stop, runs)) for k in kiosks]
    for thread in threads:
        thread.start()
    moments = random.Random(datetime.now(UTC).timestamp())
    try:
        for _ in range(KILLS):
            time.sleep(moments.uniform(*UP_S))
            hub.kill()
            held = _read(hub.file, "SELECT id FROM contacts")
            for kiosk in kiosks:  # told accepted means committed: nothing answered is lost
                assert kiosk.ids(uploaded_only=True) <= held
            hub.start()
    finally:
        stop.set()
        for thread in threads:
            thread.join(90)
    assert 0 in runs or 2 in runs, f"no upload run got through: {Counter(runs)}"
    for kiosk in kiosks:  # the kiosks' own retries finish the job
        assert any(kiosk.upload() == 0 for _ in range(FINISH_RUNS))
    hub.kill()

    stored = _hub_contacts(hub)
    ids = [str(row["id"]) for row in stored]
    assert len(ids) == len(set(ids))
    sent: set[str] = set()
    for kiosk in kiosks:
        everything = kiosk.ids(uploaded_only=False)
        assert kiosk.ids(uploaded_only=True) == everything
        mine = {str(r["id"]) for r in stored if (r["site"], r["desk"]) == (kiosk.site, kiosk.desk)}
        assert mine == everything
        sent |= everything
    assert set(ids) == sent
    assert _hub_counts(hub) == _counts_of(stored)
    connection = sqlite3.connect(hub.file)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        answered = connection.execute("SELECT answer FROM batches").fetchall()
    finally:
        connection.close()
    accepted = [i for (answer,) in answered for i in json.loads(answer)["accepted"]]
    assert set(accepted) == sent
