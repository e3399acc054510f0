"""Small timing helpers: medians and percentiles, because these machines are noisy."""

import statistics
import subprocess
import sys
import time
from collections.abc import Callable

_REPORT_PEAK = (
    "import atexit, sys\n"
    "def peak():\n"
    "    status = open('/proc/self/status').read()\n"
    "    sys.stderr.write([l for l in status.splitlines() if l.startswith('VmHWM')][-1])\n"
    "atexit.register(peak)\n"
    "from kiosk.cli.main import main\n"
    "main(sys.argv[1:])\n"
)


def timings_ms(action: Callable[[], object], repeat: int) -> list[float]:
    found = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        found.append((time.perf_counter() - start) * 1000)
    return found


def median(values: list[float]) -> float:
    return statistics.median(values)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def verdict(ok: bool) -> str:
    return "ok" if ok else "OVER BUDGET"


def peak_memory_mb(arguments: list[str]) -> float:
    """Peak resident memory of a real ``kiosk ARGUMENTS`` process (VmHWM, afresh at exec)."""
    done = subprocess.run(
        [sys.executable, "-c", _REPORT_PEAK, *arguments], capture_output=True, text=True
    )
    if done.returncode not in (0, 2):
        raise RuntimeError(f"kiosk {' '.join(arguments)} failed: {done.stderr}")
    return int(done.stderr.split()[-2]) / 1024
