"""Start-up and the command line, as whole processes, each against a floor in the same run.

Budgets (issue 12): ``kiosk --version`` at most 2x ``python -c "import click"``. The core's
own share of ``kiosk run`` (configuration, catalog and contact log ready, in a fresh process,
timed from its first line) is shown on a started kiosk (check cached, log up to date) and on a
first start (full check, new log), beside Python's own start; it must stay small next to a
bare PySide6 window (about 150 ms), which ``ui_bench`` compares the whole window against.
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.timing import median, verdict

RUNS = 10
CORE_READY = """
import time
start = time.perf_counter()
import sys
from pathlib import Path
from kiosk.cli.context import AppContext
context = AppContext(overrides={"data_dir": Path(sys.argv[1])})
context.config, context.catalog_state, context.contact_log
print((time.perf_counter() - start) * 1000)
"""


def _process_ms(arguments: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(arguments, check=True, stdout=subprocess.DEVNULL, env=_quiet())
    return (time.perf_counter() - start) * 1000


def _quiet() -> dict[str, str]:
    return dict(os.environ, QT_QPA_PLATFORM="offscreen")


def _core_ready_ms(data_dir: Path) -> float:
    done = subprocess.run(
        [sys.executable, "-c", CORE_READY, str(data_dir)],
        check=True,
        capture_output=True,
        text=True,
        env=_quiet(),
    )
    return float(done.stdout)


def core_start(folder: Path) -> None:
    started = folder / "started"
    _core_ready_ms(started)  # the first start: check kept, log created
    warm, cold, python = [], [], []
    for n in range(RUNS):  # interleaved, so a noisy moment hits all three
        warm.append(_core_ready_ms(started))
        cold.append(_core_ready_ms(folder / f"first-{n}"))
        python.append(_process_ms([sys.executable, "-c", "pass"]))
    print(
        f"  core ready (config, catalog, contact log) in a fresh process: median "
        f"{median(warm):5.0f} ms started, {median(cold):5.0f} ms on a first start "
        f"(floor: Python's own start, whole process, {median(python):.0f} ms)"
    )


def version() -> None:
    kiosk, click = [], []
    for _ in range(RUNS):
        kiosk.append(_process_ms([sys.executable, "-m", "kiosk", "--version"]))
        click.append(_process_ms([sys.executable, "-c", "import click"]))
    ratio = median(kiosk) / median(click)
    print(
        f"  kiosk --version   median {median(kiosk):5.0f} ms   "
        f"(floor: python -c 'import click' {median(click):.0f} ms, ratio {ratio:.2f})   "
        f"budget ratio 2: {verdict(ratio <= 2)}"
    )


def run() -> None:
    print("start-up and the command line (whole processes)")
    with tempfile.TemporaryDirectory() as folder:
        core_start(Path(folder))
    version()


if __name__ == "__main__":  # python -m bench.cli_bench: this one alone
    from bench.__main__ import isolate

    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as scratch:
        isolate(Path(scratch))
        run()
