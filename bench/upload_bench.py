"""Upload: 100,000 pending contacts to the reference receiver on 127.0.0.1, no faults.

Every side runs in a process of its own: the receiver (``python -m tests.upload_receiver``),
the floor and ``kiosk upload``. The floor (issue 12): the very request bodies the kiosk
sends, POSTed with ``http.client`` on one kept-alive connection, timed around the sending
only. Ours: a whole real ``kiosk upload`` process (start-up, prepare, build, send, settle).
Budget: ours at least 0.6x the floor's contacts/s. Medians of ``RUNS`` runs, a fresh
receiver and a fresh copy of the log for each.

``python -m bench.upload_bench --prepare-lock 1000000`` (not part of ``make bench``: seeding
takes a while) measures how long the touchscreen could wait for the write lock while the
uploader puts a backlog that size into batches.
"""

import argparse
import json
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.timing import peak_memory_mb
from kiosk.config import load_config
from kiosk.contacts.store import ContactLog
from kiosk.upload.documents import batch_document, contacts_json
from kiosk.upload.queue import UploadQueue

CONTACTS = 100_000
BATCH = 500
RUNS = 3
BUDGET = 0.6
ROOT = Path(__file__).parents[1]

FLOOR = """
import http.client, sys, time
from urllib.parse import urlsplit
url = urlsplit(sys.argv[1])
lines = open(sys.argv[2], "rb").read().splitlines()
requests = [line.split(b"\\t", 1) for line in lines]
connection = http.client.HTTPConnection(url.hostname, url.port)
start = time.perf_counter()
for batch_id, body in requests:
    headers = {"Content-Type": "application/json", "Idempotency-Key": batch_id.decode()}
    connection.request("POST", url.path, body, headers)
    connection.getresponse().read()
print(time.perf_counter() - start)
"""


def _seed(folder: Path, contacts: int = CONTACTS, days: int = 60) -> None:
    command = [sys.executable, "-m", "kiosk", "--data-dir", str(folder), "seed-demo",
               "--contacts", str(contacts), "--days", str(days), "--seed", "5"]  # fmt: skip
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


def _write_bodies(seeded: Path, scratch: Path) -> Path:
    """The bodies ``kiosk upload`` would send for this log, one ``id<TAB>body`` a line."""
    shutil.copytree(seeded, scratch)
    config = load_config(overrides={"data_dir": scratch})
    log = ContactLog.in_data_dir(scratch)
    queue = UploadQueue(log)
    queue.prepare(BATCH)
    bodies = scratch / "bodies"
    with bodies.open("wb") as out:
        for batch in queue.batches():
            contacts = contacts_json(queue.conn, batch.batch_id)
            body = batch_document(batch.batch_id, contacts, config.site, config.desk)
            out.write(batch.batch_id.encode() + b"\t" + body + b"\n")
    log.close()
    return bodies


@contextmanager
def _receiver(summary: dict[str, int]) -> Iterator[str]:
    """A receiver in a process of its own; ``summary`` holds what it saw once it stops."""
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.upload_receiver"],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stdin is not None
    assert process.stdout is not None
    try:
        yield process.stdout.readline().strip()
    finally:
        process.stdin.close()
        summary.update(json.loads(process.stdout.readline() or "{}"))
        process.wait(10)


def _floor_rate(bodies: Path) -> float:
    summary: dict[str, int] = {}
    with _receiver(summary) as url:
        done = subprocess.run(
            [sys.executable, "-c", FLOOR, url, str(bodies)],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
    _check(summary)
    return CONTACTS / float(done.stdout)


def _our_rate(seeded: Path, scratch: Path) -> tuple[float, float]:
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(seeded, scratch)
    summary: dict[str, int] = {}
    with _receiver(summary) as url:
        start = time.perf_counter()
        peak = peak_memory_mb(["--data-dir", str(scratch), "upload", "--target", url])
        seconds = time.perf_counter() - start
    _check(summary)
    return CONTACTS / seconds, peak


def _check(summary: dict[str, int]) -> None:
    wrong = {k: v for k, v in summary.items() if k in ("stored_twice", "errors") and v}
    if summary.get("contacts") != CONTACTS or wrong:
        raise RuntimeError(f"the receiver did not get every contact once: {summary}")


def _start_up_s() -> float:
    def once() -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "kiosk", "--version"], check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip
        return time.perf_counter() - start

    return statistics.median(once() for _ in range(RUNS))


def run() -> None:
    with tempfile.TemporaryDirectory() as name:
        root = Path(name)
        _seed(root / "seeded")
        bodies = _write_bodies(root / "seeded", root / "floor")
        floors, ours, peaks = [], [], []
        for _ in range(RUNS):  # interleaved, so a noisy moment hits both sides
            floors.append(_floor_rate(bodies))
            rate, peak = _our_rate(root / "seeded", root / "ours")
            ours.append(rate)
            peaks.append(peak)
        start_up = _start_up_s()
    _report(statistics.median(floors), statistics.median(ours), start_up, max(peaks))


def _report(floor: float, rate: float, start_up: float, peak: float) -> None:
    ratio = rate / floor
    verdict = "ok" if ratio >= BUDGET else "UNDER BUDGET"
    lines = (
        f"upload of {CONTACTS:,} pending contacts, batches of {BATCH}, no faults, medians of "
        f"{RUNS}; the receiver, the floor and kiosk upload each in a process of its own",
        f"  floor          {floor:8,.0f} contacts/s  the same bodies: http.client, one kept-alive "
        "connection, the sending timed",
        f"  kiosk upload   {rate:8,.0f} contacts/s  the whole process, {start_up:.2f} s of it "
        "start-up (as for kiosk --version)",
        f"  ratio          {ratio:8.2f} x the floor   budget >= {BUDGET}: {verdict}",
        f"  peak memory    {peak:8.0f} MB (the kiosk upload process)",
    )
    print("\n".join(lines))


def prepare_lock(contacts: int) -> None:
    """The longest the touchscreen waited for the write lock while a backlog was batched."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name) / "data"
        _seed(folder, contacts, days=365)
        log = ContactLog.in_data_dir(folder)
        waits: list[float] = []
        stop = threading.Event()
        touchscreen = threading.Thread(target=_wait_for_lock, args=(log.path, stop, waits))
        touchscreen.start()
        start = time.perf_counter()
        batches = UploadQueue(log).prepare(BATCH)
        seconds = time.perf_counter() - start
        stop.set()
        touchscreen.join()
        log.close()
    waits.sort()
    print(f"prepare of {contacts:,} pending contacts: {batches:,} batches in {seconds:.1f} s")
    print(f"  the touchscreen's wait for the write lock, {len(waits):,} tries: worst "
          f"{waits[-1] * 1000:.1f} ms, 99th percentile "
          f"{waits[int(len(waits) * 0.99)] * 1000:.1f} ms")  # fmt: skip


def _wait_for_lock(path: Path, stop: threading.Event, waits: list[float]) -> None:
    """What saving a contact would wait: BEGIN IMMEDIATE takes the write lock, then let go."""
    conn = sqlite3.connect(path, timeout=10, isolation_level=None)
    while not stop.is_set():
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        waits.append(time.perf_counter() - start)
        conn.execute("ROLLBACK")
        time.sleep(0.001)
    conn.close()


if __name__ == "__main__":
    from bench.__main__ import isolate

    parser = argparse.ArgumentParser(prog="python -m bench.upload_bench")
    parser.add_argument("--prepare-lock", type=int, metavar="CONTACTS")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as scratch:
        isolate(Path(scratch))
        if options.prepare_lock:
            prepare_lock(options.prepare_lock)
        else:
            run()
