"""Export and report over 1,000,000 contacts.

Budgets (issue 3): CSV export within 1.3x a plain sqlite3 cursor feeding csv.writer (the
floor, measured in the same run on the same file) and at most 150 MB peak memory; ``kiosk
report`` over the million in at most 1 s.
"""

import csv
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from bench.timing import median, peak_memory_mb, timings_ms, verdict
from kiosk.config import load_config
from kiosk.contacts.export import export
from kiosk.contacts.period import Period
from kiosk.contacts.report import build_report
from kiosk.contacts.store import ContactLog


def _floor_export(database: Path, target: Path, period: Period) -> None:
    conn = sqlite3.connect(database)
    rows = conn.execute(
        "SELECT * FROM contacts WHERE recorded_at >= ? AND recorded_at < ? "
        "ORDER BY recorded_at, id",
        [period.start, period.end],
    )
    with target.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    conn.close()


def _peak_export_mb(data_dir: Path, target: Path, period: Period) -> float:
    arguments = [
        "--data-dir", str(data_dir), "export", "--from", str(period.first),
        "--to", str(period.last), "-o", str(target), "--force",
    ]  # fmt: skip
    return peak_memory_mb(arguments)


def run(database: Path, period: Period) -> None:
    folder = database.parent
    log = ContactLog(database)
    titles = {"pay-council-tax": "Pay your council tax"}
    _floor_export(database, folder / "floor.csv", period)  # warm the file cache for both
    ours, floor = [], []
    for _ in range(3):  # interleaved, so a noisy moment hits both
        ours += timings_ms(lambda: export(log, period, folder / "ours.csv", titles, force=True), 1)
        floor += timings_ms(lambda: _floor_export(database, folder / "floor.csv", period), 1)
    ratio = median(ours) / median(floor)
    peak = _peak_export_mb(folder, folder / "cli.csv", period)
    print(
        f"  export 1,000,000 to CSV median {median(ours) / 1000:5.2f} s   "
        f"(floor: sqlite3 cursor into csv.writer {median(floor) / 1000:.2f} s, "
        f"ratio {ratio:.2f})   budget ratio 1.3: {verdict(ratio <= 1.3)}"
    )
    print(
        f"  export peak memory {peak:6.0f} MB (whole kiosk process)   "
        f"budget 150 MB: {verdict(peak <= 150)}"
    )
    config = load_config()  # bench/__main__.py keeps this machine's own config out
    start = time.perf_counter()
    report = build_report(log, period, config)
    seconds = time.perf_counter() - start
    assert report.total == 1_000_000
    cli = timings_ms(
        lambda: subprocess.run(
            [sys.executable, "-m", "kiosk", "--data-dir", str(folder), "report",
             "--from", str(period.first), "--to", str(period.last)],
            check=True, stdout=subprocess.DEVNULL,
        ),
        3,
    )  # fmt: skip
    print(
        f"  report over 1,000,000 {seconds * 1000:6.1f} ms in-process; "
        f"whole 'kiosk report' command median {median(cli):.0f} ms   "
        f"budget 1 s: {verdict(median(cli) <= 1000)}"
    )
    log.close()
