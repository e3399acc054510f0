"""Upload: 100,000 pending contacts to the reference receiver on 127.0.0.1, no faults.

Every side runs in a process of its own: the receiver (``python -m tests.upload_receiver``),
the floor and ``kiosk upload``. The floor (issue 12): the very request bodies the kiosk
sends, POSTed with ``http.client`` on one kept-alive connection, timed around the sending
only. Ours: a whole real ``kiosk upload`` process (start-up, prepare, build, send, settle).
Budget: ours at least 0.6x the floor's contacts/s. Medians of ``RUNS`` runs, a fresh
receiver and a fresh copy of the log for each.

``python -m bench.upload_bench --prepare-lock 1000000`` (not part of ``make bench``: seeding
takes a while) measures, from another process saving meanwhile, how long a save waits for
the write lock while a backlog that size is put into batches.
"""

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
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


def _our_rate(seeded: Path, scratch: Path) -> tuple[float, float, float]:
    """Contacts/s, peak memory (MB) and CPU seconds of a whole ``kiosk upload`` process."""
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(seeded, scratch)
    summary: dict[str, int] = {}
    with _receiver(summary) as url:
        before = _children_cpu_s()
        start = time.perf_counter()
        peak = peak_memory_mb(["--data-dir", str(scratch), "upload", "--target", url])
        seconds = time.perf_counter() - start
        cpu = _children_cpu_s() - before  # the receiver is still running: not counted
    _check(summary)
    return CONTACTS / seconds, peak, cpu


def _children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


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
        floors, ours, peaks, cpus = [], [], [], []
        for _ in range(RUNS):  # interleaved, so a noisy moment hits both sides
            floors.append(_floor_rate(bodies))
            rate, peak, cpu = _our_rate(root / "seeded", root / "ours")
            ours.append(rate)
            peaks.append(peak)
            cpus.append(cpu)
        start_up = _start_up_s()
    floor, rate, cpu = (statistics.median(v) for v in (floors, ours, cpus))
    _report(floor, rate, start_up, cpu, max(peaks))


def _report(floor: float, rate: float, start_up: float, cpu: float, peak: float) -> None:
    ratio = rate / floor
    verdict = "ok" if ratio >= BUDGET else "UNDER BUDGET"
    lines = (
        f"upload of {CONTACTS:,} pending contacts, batches of {BATCH}, no faults, medians of "
        f"{RUNS}; the receiver, the floor and kiosk upload each in a process of its own",
        f"  floor          {floor:8,.0f} contacts/s  the same bodies: http.client, one kept-alive "
        "connection, the sending timed",
        f"  kiosk upload   {rate:8,.0f} contacts/s  the whole process, {start_up:.2f} s of it "
        f"start-up (as for kiosk --version); {cpu:.2f} s of CPU",
        f"  ratio          {ratio:8.2f} x the floor   budget >= {BUDGET}: {verdict}",
        f"  peak memory    {peak:8.0f} MB (the kiosk upload process)",
    )
    print("\n".join(lines))


# Another process saving contacts, as the touchscreen does, until stdin has a line; then it
# prints its longest wait for the write lock, its 99th percentile and its tries. ``wait``
# waits as ContactLog does (SQLite's busy handler, which backs off up to 100 ms between
# tries); ``poll`` tries again every millisecond, so it sees how long the lock was held.
TOUCHSCREEN = """
import select, sqlite3, sys, time
poll = sys.argv[2] == "poll"
conn = sqlite3.connect(sys.argv[1], timeout=0 if poll else 10, isolation_level=None)
print("ready", flush=True)
waits = []
while not select.select([sys.stdin], [], [], 0)[0]:
    start = time.perf_counter()
    while True:
        try:
            conn.execute("BEGIN IMMEDIATE")
            break
        except sqlite3.OperationalError:
            time.sleep(0.001)
    conn.execute("ROLLBACK")
    waits.append(time.perf_counter() - start)
    time.sleep(0.005)
waits.sort()
print(waits[-1], waits[int(len(waits) * 0.99)], len(waits), flush=True)
"""


def prepare_lock(contacts: int) -> None:
    """How long the touchscreen could wait for the write lock while a backlog is batched."""
    with tempfile.TemporaryDirectory() as name:
        seeded, folder = Path(name) / "seeded", Path(name) / "data"
        _seed(seeded, contacts, days=365)
        print(f"prepare of {contacts:,} pending contacts, batches of {BATCH}:")
        for mode, saying in (
            ("poll", "a save trying every ms waited"),
            ("wait", "a save as ContactLog waits, waited"),
        ):
            shutil.rmtree(folder, ignore_errors=True)
            shutil.copytree(seeded, folder)
            start = time.perf_counter()
            worst, p99, tries = _prepare_watched(folder, mode)
            seconds = time.perf_counter() - start
            print(
                f"  {saying} at most {worst * 1000:6.1f} ms, 99% under {p99 * 1000:5.1f} ms "
                f"({tries:,} saves; prepare took {seconds:.1f} s)"
            )


def _prepare_watched(folder: Path, mode: str) -> tuple[float, float, int]:
    log = ContactLog.in_data_dir(folder)
    try:
        return _while_watched(lambda: UploadQueue(log).prepare(BATCH), log.path, mode)
    finally:
        log.close()


def _while_watched(work: Callable[[], object], path: Path, mode: str) -> tuple[float, float, int]:
    with subprocess.Popen(
        [sys.executable, "-c", TOUCHSCREEN, str(path), mode],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    ) as touchscreen:  # fmt: skip
        assert touchscreen.stdin is not None
        assert touchscreen.stdout is not None
        touchscreen.stdout.readline()
        try:
            work()
        finally:
            touchscreen.stdin.write("done\n")
            touchscreen.stdin.flush()
        worst, p99, tries = touchscreen.stdout.readline().split()
    return float(worst), float(p99), int(tries)


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
